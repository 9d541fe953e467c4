// Account information API of every sandbox bank: accounts, balances, transactions and
// transaction details, for a valid consent and a valid access token only.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Consent, isFreshSca, refreshConsentStatus } from '../domain/consents.js';
import { addDays, isoDate, laterDate, localIsoDate } from '../domain/dates.js';
import { BankError } from '../domain/errors.js';
import type { Account, Transaction } from '../domain/model.js';
import { formatAmount } from '../domain/money.js';
import type { SandboxBank } from '../domain/sandbox-bank.js';
import {
  FRESH_SCA_MINUTES,
  findTransaction,
  parseTransactionQuery,
  selectTransactions,
  type TransactionQuery,
} from '../domain/transaction-query.js';
import { bankOf, bankUrl, header, requireRequestId, type SandboxContext } from './context.js';

const API = { config: { faults: true } };
type Access = 'accounts' | 'balances' | 'transactions';

interface Authorised {
  bank: SandboxBank;
  consent: Consent;
  now: Date;
}

/** Token, consent and status checks every data call passes, in this order. */
function authorise(context: SandboxContext, request: FastifyRequest): Authorised {
  const bank = bankOf(context, request);
  requireRequestId(request);
  const now = context.now();
  const authorization = header(request, 'authorization');
  const token = authorization?.toLowerCase().startsWith('bearer ')
    ? authorization.slice(7).trim()
    : undefined;
  const grant = bank.tokens.checkAccessToken(token, now);
  const consentId = header(request, 'Consent-ID');
  if (!consentId) throw new BankError('FORMAT_ERROR', 'Consent-ID header is required');
  const consent = bank.consentOf(grant.clientId, consentId);
  if (!consent) throw new BankError('CONSENT_UNKNOWN', `Consent ${consentId} is unknown`);
  if (grant.consentId !== consent.consentId)
    throw new BankError('CONSENT_INVALID', 'The access token was issued for another consent');
  const status = refreshConsentStatus(consent, now);
  if (status === 'expired')
    throw new BankError('CONSENT_EXPIRED', `The consent expired on ${consent.validUntil}`);
  if (status !== 'valid') throw new BankError('CONSENT_INVALID', `The consent is ${status}`);
  return { bank, consent, now };
}

/** Unattended reads (no PSU-IP-Address) count against frequencyPerDay. */
function countRead(
  request: FastifyRequest,
  { bank, consent, now }: Authorised,
  account: string,
  endpoint: string,
): void {
  if (header(request, 'PSU-IP-Address')) return;
  if (
    !bank.frequency.allow(
      consent.consentId,
      account,
      endpoint,
      localIsoDate(now, bank.config.countryCode),
      consent.frequencyPerDay,
    )
  ) {
    throw new BankError(
      'ACCESS_EXCEEDED',
      `frequencyPerDay (${consent.frequencyPerDay}) is used up for today without the PSU present`,
    );
  }
}

function granted(consent: Consent, access: Access, resourceId: string): boolean {
  return consent.granted?.[access].includes(resourceId) ?? false;
}

function accountInPath(request: FastifyRequest, auth: Authorised, access: Access): Account {
  const { accountId } = request.params as { accountId: string };
  const account = auth.bank.account(accountId, auth.consent.psuId);
  // Accounts outside the consent look exactly like unknown ones.
  if (!account || !granted(auth.consent, 'accounts', account.resourceId)) {
    throw new BankError('RESOURCE_UNKNOWN', `Account ${accountId} is unknown`);
  }
  if (!granted(auth.consent, access, account.resourceId)) {
    throw new BankError('CONSENT_INVALID', `The consent does not grant ${access} for this account`);
  }
  return account;
}

function amount(minor: number, currency: string) {
  return { currency, amount: formatAmount(minor) };
}

function balancesOf(account: Account, now: Date) {
  const ledger = account.ledger(now);
  const today = isoDate(now);
  const closing = ledger.openingBalance + ledger.booked.sum();
  const pending = ledger.pending.reduce((sum, t) => sum + t.amount, 0);
  const lastBooked =
    ledger.booked.count > 0 ? ledger.booked.dateAt(ledger.booked.count - 1) : ledger.openingDate;
  const yesterday = addDays(today, -1);
  return [
    {
      balanceType: 'openingBooked',
      balanceAmount: amount(ledger.openingBalance, account.currency),
      referenceDate: ledger.openingDate,
    },
    {
      balanceType: 'closingBooked',
      balanceAmount: amount(closing, account.currency),
      referenceDate: laterDate(lastBooked, yesterday),
    },
    {
      balanceType: 'interimAvailable',
      balanceAmount: amount(closing + pending, account.currency),
      referenceDate: today,
    },
  ];
}

function accountBody(
  context: SandboxContext,
  auth: Authorised,
  account: Account,
  withBalance: boolean,
) {
  const base = bankUrl(context, account.bic, `/v1/accounts/${account.resourceId}`);
  const links: Record<string, { href: string }> = {};
  if (granted(auth.consent, 'balances', account.resourceId))
    links.balances = { href: `${base}/balances` };
  if (granted(auth.consent, 'transactions', account.resourceId))
    links.transactions = { href: `${base}/transactions` };
  const body: Record<string, unknown> = {
    resourceId: account.resourceId,
    iban: account.iban,
    bban: account.bban,
    currency: account.currency,
    name: account.name,
    product: account.product,
    cashAccountType: account.cashAccountType,
    status: 'enabled',
    bic: account.bic,
    usage: account.usage,
    ownerName: account.ownerName,
    _links: links,
  };
  if (withBalance && links.balances) body.balances = balancesOf(account, auth.now);
  return body;
}

function transactionBody(
  context: SandboxContext,
  bank: SandboxBank,
  account: Account,
  t: Transaction,
) {
  const body: Record<string, unknown> = {
    transactionId: t.transactionId,
    entryReference: t.entryReference,
  };
  if (t.bookingDate) body.bookingDate = t.bookingDate;
  body.valueDate = t.valueDate;
  body.transactionDate = t.transactionDate;
  body.transactionAmount = amount(t.amount, t.currency);
  if (t.creditorName) body.creditorName = t.creditorName;
  if (t.creditorAccount) body.creditorAccount = t.creditorAccount;
  if (t.debtorName) body.debtorName = t.debtorName;
  if (t.debtorAccount) body.debtorAccount = t.debtorAccount;
  body.remittanceInformationUnstructured = t.remittanceInformationUnstructured;
  if (t.endToEndId) body.endToEndId = t.endToEndId;
  body.bankTransactionCode = t.bankTransactionCode;
  if (bank.config.accountInformation.transactionDetails) {
    body._links = {
      transactionDetails: {
        href: bankUrl(
          context,
          bank.bic,
          `/v1/accounts/${account.resourceId}/transactions/${encodeURIComponent(t.transactionId)}`,
        ),
      },
    };
  }
  return body;
}

function pageLink(
  context: SandboxContext,
  account: Account,
  query: TransactionQuery,
  page: number,
): { href: string } {
  const params = new URLSearchParams({
    bookingStatus: query.bookingStatus,
    dateFrom: query.dateFrom,
  });
  if (query.dateTo) params.set('dateTo', query.dateTo);
  if (query.entryReferenceFrom) params.set('entryReferenceFrom', query.entryReferenceFrom);
  // Every page answers the same query: the flags travel with the links too.
  if (query.deltaList !== undefined) params.set('deltaList', String(query.deltaList));
  if (query.withBalance !== undefined) params.set('withBalance', String(query.withBalance));
  params.set('pageSize', String(query.pageSize));
  params.set('page', String(page));
  return {
    href: `${bankUrl(context, account.bic, `/v1/accounts/${account.resourceId}/transactions`)}?${params}`,
  };
}

export function registerAccountRoutes(app: FastifyInstance, context: SandboxContext): void {
  app.get('/banks/:bic/v1/accounts', API, async (request) => {
    const auth = authorise(context, request);
    const { withBalance } = request.query as { withBalance?: string };
    if (withBalance !== undefined && withBalance !== 'true' && withBalance !== 'false') {
      throw new BankError('FORMAT_ERROR', 'withBalance must be true or false');
    }
    countRead(request, auth, '*', 'accounts');
    const accounts = (auth.consent.granted?.accounts ?? []).flatMap((id) => {
      const account = auth.bank.account(id, auth.consent.psuId);
      return account ? [accountBody(context, auth, account, withBalance === 'true')] : [];
    });
    return { accounts };
  });

  app.get('/banks/:bic/v1/accounts/:accountId', API, async (request) => {
    const auth = authorise(context, request);
    const account = accountInPath(request, auth, 'accounts');
    const { withBalance } = request.query as { withBalance?: string };
    countRead(request, auth, account.resourceId, 'account');
    return { account: accountBody(context, auth, account, withBalance === 'true') };
  });

  app.get('/banks/:bic/v1/accounts/:accountId/balances', API, async (request) => {
    const auth = authorise(context, request);
    const account = accountInPath(request, auth, 'balances');
    countRead(request, auth, account.resourceId, 'balances');
    return {
      account: { iban: account.iban, currency: account.currency },
      balances: balancesOf(account, auth.now),
    };
  });

  app.get('/banks/:bic/v1/accounts/:accountId/transactions', API, async (request) => {
    const auth = authorise(context, request);
    const account = accountInPath(request, auth, 'transactions');
    const fresh = isFreshSca(auth.consent, auth.now, FRESH_SCA_MINUTES);
    const query = parseTransactionQuery(
      request.query as Record<string, string>,
      auth.bank.config,
      isoDate(auth.now),
      fresh,
    );
    countRead(request, auth, account.resourceId, 'transactions');
    const page = selectTransactions(account.ledger(auth.now), query);
    if (query.page > 0 && query.page >= page.pageCount) {
      throw new BankError(
        'FORMAT_ERROR',
        `page ${query.page} is beyond the last page (${page.pageCount - 1})`,
      );
    }
    const links: Record<string, { href: string }> = {
      account: { href: bankUrl(context, account.bic, `/v1/accounts/${account.resourceId}`) },
    };
    if (query.bookingStatus !== 'pending') {
      links.first = pageLink(context, account, query, 0);
      links.last = pageLink(context, account, query, page.pageCount - 1);
      if (query.page > 0) links.previous = pageLink(context, account, query, query.page - 1);
      if (query.page + 1 < page.pageCount)
        links.next = pageLink(context, account, query, query.page + 1);
    }
    const transactions: Record<string, unknown> = {};
    if (page.booked)
      transactions.booked = page.booked.map((t) => transactionBody(context, auth.bank, account, t));
    if (page.pending)
      transactions.pending = page.pending.map((t) =>
        transactionBody(context, auth.bank, account, t),
      );
    transactions._links = links;
    const body: Record<string, unknown> = {
      account: { iban: account.iban, currency: account.currency },
      transactions,
    };
    // As with the account list, balances come only where the consent grants them.
    if (query.withBalance && granted(auth.consent, 'balances', account.resourceId)) {
      body.balances = balancesOf(account, auth.now);
    }
    return body;
  });

  app.get(
    '/banks/:bic/v1/accounts/:accountId/transactions/:transactionId',
    API,
    async (request) => {
      const auth = authorise(context, request);
      const account = accountInPath(request, auth, 'transactions');
      if (!auth.bank.config.accountInformation.transactionDetails) {
        throw new BankError('SERVICE_INVALID', 'This bank does not offer transaction details');
      }
      const { transactionId } = request.params as { transactionId: string };
      countRead(request, auth, account.resourceId, 'transactionDetails');
      const transaction = findTransaction(account.ledger(auth.now), transactionId);
      if (!transaction)
        throw new BankError('RESOURCE_UNKNOWN', `Transaction ${transactionId} is unknown`);
      return { transactionsDetails: transactionBody(context, auth.bank, account, transaction) };
    },
  );
}
