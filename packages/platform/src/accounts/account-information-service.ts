/**
 * The account-information use cases: what happens when a TPP reads accounts, balances and
 * transactions under a consent. Every rule of the consent is decided before a bank call is
 * spent, in this order (the token's scope is the route's preHandler):
 *   2. `Consent-ID` known and the caller's, for the bank in `X-BicFi` (else 400 CONSENT_UNKNOWN);
 *      then rule 1's context, which only the consent can tell: a corporate consent is read with
 *      an `accountinformation corporate` token, a private one with a private token (else 403)
 *   3. the consent usable now (`consentUsability`: 401 CONSENT_INVALID / CONSENT_EXPIRED)
 *   4. the account inside the consent and the endpoint granted (`accessFor`: 404 / 401)
 *   5. the frequencyPerDay budget (`frequency-budget.ts`: 429 ACCESS_EXCEEDED)
 *   6. the transaction query (`parseTransactionQuery`: 400)
 * then the bank is called (`bank-access.ts`) with the consent's bank tokens under the bank's
 * current id for the account. The answers are the bank's JSON;
 * `psd2/account-information/responses.ts` turns them into Bankbridge's (its own account ids and
 * links). A one-off consent read for everything it grants ends (`one-off-consent.ts`).
 */

import type { ConnectorLookup, TransactionPages } from '../connectors/index.js';
import { toDomain } from '../consents/consent-record.js';
import {
  type AccountEndpoint,
  type AccountGrant,
  accessFor,
  accountListEntries,
  bankTimeZone,
  checkAccountAccess,
  consentUsability,
  UNKNOWN_ACCOUNT_TEXT,
} from '../consents/rules/index.js';
import type { CallContext } from '../logging/logger.js';
import { Problem } from '../problems.js';
import { servedBank } from '../registry/served-bank.js';
import type { AspspEntry, Registry } from '../registry/types.js';
import type { AccountIdRecord, AccountIdsRepository } from '../store/account-ids.js';
import type { ConsentsRepository } from '../store/consents.js';
import type { FrequencyCountersRepository } from '../store/frequency-counters.js';
import { BankAccess, UNKNOWN_TRANSACTION_TEXT } from './bank-access.js';
import { BankTokenRefresher } from './bank-token-refresh.js';
import { FrequencyBudget, type ReadShare } from './frequency-budget.js';
import { endIfUsedUp } from './one-off-consent.js';
import type { PageCursors } from './page-cursor.js';
import {
  checkPageQuery,
  type ParsedTransactionQuery,
  parseTransactionQuery,
  type TransactionListQuery,
} from './transaction-query.js';
import { type AisRequest, identityOf, type UsableConsent } from './usable-consent.js';

export type { AisRequest };

/**
 * How long a read holds its share of frequencyPerDay unless its answer or failure settles it
 * first: longer than any read takes. A read makes at most a few bank calls (a token refresh, the
 * call, a refresh and a retry after a 401, or a listing and a retry after a 404), each with the
 * bank deadline, and may wait for another request's refresh.
 */
export function readHoldMs(bankTimeoutMs: number): number {
  return 6 * bankTimeoutMs + 10_000;
}

export interface AccountInformationServiceOptions {
  consents: ConsentsRepository;
  accountIds: AccountIdsRepository;
  counters: FrequencyCountersRepository;
  cursors: PageCursors;
  registry: Registry;
  connectorFor: ConnectorLookup;
  now: () => Date;
  /** Bank tokens this close to their expiry are refreshed before use. Default 60. */
  refreshMarginSeconds?: number;
  /** How long a request waits for another request's refresh of the same tokens. Default 5000. */
  refreshWaitMs?: number;
  /** How long a read's share of frequencyPerDay is held (`readHoldMs`). Default for 10 s banks. */
  readHoldMs?: number;
  /** Told of every read refused for the consent's frequencyPerDay (metrics). */
  onFrequencyRefused?: () => void;
}

/** One account as the TPP may see it: the bank's JSON, Bankbridge's id, what is granted. */
export interface GrantedAccount {
  id: AccountIdRecord;
  grant: AccountGrant;
  /** The bank's account JSON (its `resourceId` and `_links` are the bank's: never shown). */
  bank: Record<string, unknown>;
  /** Whether balances may be shown with it (`withBalance` asked and granted). */
  withBalance: boolean;
}

export interface TransactionReport {
  account: GrantedAccount['id'];
  grant: AccountGrant;
  /**
   * The bank's answer as sent (its `_links` are the bank's), parsed for this report alone: the
   * answer's renderer may change it rather than copy it.
   */
  body: Record<string, unknown>;
  /** Bankbridge's cursors to the other pages, bound to this consent and account. */
  pages: TransactionPages;
  /** The TPP's query (of the first page, for a page read through a cursor), for the links. */
  query: TransactionListQuery;
  /** Whether the bank offers transaction details (a link per transaction). */
  transactionDetails: boolean;
}

export class AccountInformationService {
  private readonly banks: Map<string, AspspEntry>;
  private readonly bank: BankAccess;
  private readonly budget: FrequencyBudget;

  constructor(private readonly options: AccountInformationServiceOptions) {
    this.banks = new Map(options.registry.aspsps.map((entry) => [entry.bicFi, entry]));
    const tokens = new BankTokenRefresher({
      consents: options.consents,
      now: options.now,
      ...(options.refreshMarginSeconds === undefined
        ? {}
        : { marginSeconds: options.refreshMarginSeconds }),
      ...(options.refreshWaitMs === undefined ? {} : { waitMs: options.refreshWaitMs }),
    });
    this.bank = new BankAccess({ ...options, tokens });
    this.budget = new FrequencyBudget(
      options.counters,
      options.now,
      options.readHoldMs ?? readHoldMs(10_000),
      options.onFrequencyRefused,
    );
  }

  async listAccounts(
    ctx: CallContext,
    request: AisRequest,
    options: { withBalance: boolean },
  ): Promise<GrantedAccount[]> {
    const usable = await this.usableConsent(request);
    const counted = await this.countRead(usable, request, null, 'accountList');
    const list = await this.budget.spend(counted, () =>
      this.bank.withBank(ctx, usable, request, (bank, bctx, session) =>
        bank.listAccounts(bctx, session, { withBalance: options.withBalance }),
      ),
    );
    const accounts = await this.bank.remember(usable, list.accounts);
    await endIfUsedUp(this.options, ctx, usable);
    // The bank lists what its consent covers; the consent's own grant decides what is shown
    // (a bank may list more, e.g. for a bank-offered consent before the pick is recorded).
    return accountListEntries(usable.consent, accounts.map(identityOf), options.withBalance).map(
      ({ account, withBalance }) => ({
        id: account.id,
        bank: account.bank,
        grant: accessFor(usable.consent, account),
        withBalance,
      }),
    );
  }

  async account(
    ctx: CallContext,
    request: AisRequest,
    accountId: string,
    options: { withBalance: boolean },
  ): Promise<GrantedAccount> {
    const usable = await this.usableConsent(request);
    const { id, grant } = await this.grantedAccount(usable, request, accountId, 'accountDetails', {
      withBalance: options.withBalance,
    });
    const counted = await this.countRead(usable, request, id.resourceId, 'accountDetails');
    const details = await this.budget.spend(counted, () =>
      this.bank.withAccount(ctx, usable, request, id, (bank, bctx, session, bankId) =>
        bank.getAccount(bctx, session, bankId, { withBalance: options.withBalance }),
      ),
    );
    await endIfUsedUp(this.options, ctx, usable);
    return { id, grant, bank: details.account, withBalance: options.withBalance };
  }

  async balances(
    ctx: CallContext,
    request: AisRequest,
    accountId: string,
  ): Promise<{ id: AccountIdRecord; body: Record<string, unknown> }> {
    const usable = await this.usableConsent(request);
    const { id } = await this.grantedAccount(usable, request, accountId, 'balances');
    const counted = await this.countRead(usable, request, id.resourceId, 'balances');
    const body = await this.budget.spend(counted, () =>
      this.bank.withAccount(ctx, usable, request, id, (bank, bctx, session, bankId) =>
        bank.getBalances(bctx, session, bankId),
      ),
    );
    await endIfUsedUp(this.options, ctx, usable);
    return { id, body };
  }

  async transactions(
    ctx: CallContext,
    request: AisRequest,
    accountId: string,
    rawQuery: Record<string, unknown>,
  ): Promise<TransactionReport> {
    const usable = await this.usableConsent(request);
    const settings = usable.entry.accountInformation;
    const parsed = parseTransactionQuery(rawQuery, {
      entryReferenceFrom: settings.entryReferenceFrom,
      deltaList: settings.deltaList,
      name: usable.entry.name,
    });
    // A page is read under the query it was made for: its withBalance is checked like a
    // first page's. A cursor for another consent or account opens to nothing.
    const asked = this.askedQuery(parsed, usable.record.id, accountId);
    const { id, grant } = await this.grantedAccount(usable, request, accountId, 'transactions', {
      withBalance: asked.ok && asked.query.withBalance === true,
    });
    const counted = await this.countRead(usable, request, id.resourceId, 'transactions');
    // Rule 6 comes after the budget, in the order of the rules; a refused query gives its
    // read back, so a typo costs the TPP nothing.
    if (!asked.ok) {
      await this.budget.giveBack(counted);
      throw asked.error;
    }
    const { query, page } = asked;
    const report = await this.budget.spend(counted, () =>
      this.bank.withAccount(ctx, usable, request, id, (bank, bctx, session, bankId) =>
        bank.getTransactions(
          bctx,
          session,
          bankId,
          page === undefined ? query : { bookingStatus: query.bookingStatus, page },
        ),
      ),
    );
    await endIfUsedUp(this.options, ctx, usable);
    const pages: TransactionPages = {};
    for (const [name, cursor] of Object.entries(report.pages)) {
      if (cursor) {
        pages[name as keyof TransactionPages] = this.options.cursors.wrap(
          { bank: cursor, query },
          usable.record.id,
          id.resourceId,
        );
      }
    }
    return {
      account: id,
      grant,
      body: report.body,
      pages,
      query,
      transactionDetails: settings.transactionDetails,
    };
  }

  async transaction(
    ctx: CallContext,
    request: AisRequest,
    accountId: string,
    transactionId: string,
  ): Promise<Record<string, unknown>> {
    const usable = await this.usableConsent(request);
    const { id } = await this.grantedAccount(usable, request, accountId, 'transactionDetails');
    if (!usable.entry.accountInformation.transactionDetails) {
      throw new Problem(
        'SERVICE_INVALID',
        `${usable.entry.name} does not offer transaction details; the transaction list carries what it knows`,
        { status: 405 },
      );
    }
    const counted = await this.countRead(usable, request, id.resourceId, 'transactionDetails');
    const details = await this.budget.spend(counted, () =>
      this.bank.withAccount(
        ctx,
        usable,
        request,
        id,
        (bank, bctx, session, bankId) => bank.getTransaction(bctx, session, bankId, transactionId),
        // The bank still lists the account where Bankbridge knows it: its 404 is the transaction's.
        () => Problem.resourceUnknown(UNKNOWN_TRANSACTION_TEXT),
      ),
    );
    await endIfUsedUp(this.options, ctx, usable);
    return details.transactionsDetails;
  }

  // ---- the rules before the bank call ----------------------------------------------------

  /** Rule 6: the query asked, the one a page cursor sealed, or why neither can be read. */
  private askedQuery(
    parsed: ParsedTransactionQuery,
    consentId: string,
    accountId: string,
  ): { ok: true; query: TransactionListQuery; page?: string } | { ok: false; error: Problem } {
    if (!parsed.ok) return { ok: false, error: Problem.fromRule(parsed.error) };
    if (parsed.page === undefined) return { ok: true, query: parsed.query };
    const sealed = this.options.cursors.unwrap(parsed.page, consentId, accountId);
    if (!sealed) {
      return {
        ok: false,
        error: Problem.format(
          'page: not a page of this account under this consent; follow the _links of a transaction list',
        ),
      };
    }
    const mismatch = checkPageQuery(parsed.stated, sealed.query);
    if (mismatch) return { ok: false, error: Problem.fromRule(mismatch) };
    return { ok: true, query: sealed.query, page: sealed.bank };
  }

  /** Rules 2 and 3: the caller's consent, at the bank named, usable now. */
  private async usableConsent(request: AisRequest): Promise<UsableConsent> {
    if (!request.consentId) {
      throw Problem.format('the Consent-ID header is required: the id of a valid consent');
    }
    const found = await this.options.consents.findOwnedWithTokens(
      request.clientId,
      request.consentId,
    );
    if (!found) throw consentUnknown('There is no consent with this Consent-ID for this client');
    const { record } = found;
    if (request.bic && request.bic.trim().toUpperCase() !== record.bic) {
      // To the bank the TPP named, this consent does not exist.
      throw consentUnknown(`The consent of this Consent-ID is not at the bank ${request.bic}`);
    }
    if (request.context !== record.psuContext) {
      throw new Problem(
        'SERVICE_BLOCKED',
        `this consent is for the ${record.psuContext} context; read it with a token of scope "accountinformation ${record.psuContext}"`,
      );
    }
    const entry = servedBank((bic) => this.banks.get(bic), record.bic, 'consent');
    const timeZone = bankTimeZone(entry.isoCountryCode);
    const consent = toDomain(record);
    const usability = consentUsability(consent, this.options.now(), { timeZone });
    if (!usability.ok) throw Problem.fromRule(usability.error);
    return { record, bankTokens: found.bankTokens, consent, entry, timeZone };
  }

  /** Rule 4 for one account: Bankbridge's id known to the client and granted by the consent. */
  private async grantedAccount(
    usable: UsableConsent,
    request: AisRequest,
    accountId: string,
    endpoint: Exclude<AccountEndpoint, 'accountList'>,
    options: { withBalance?: boolean } = {},
  ): Promise<{ id: AccountIdRecord; grant: AccountGrant }> {
    const id = await this.options.accountIds.find(request.clientId, usable.entry.bicFi, accountId);
    // An id Bankbridge never gave this client answers like an account outside the consent.
    if (!id) throw Problem.resourceUnknown(UNKNOWN_ACCOUNT_TEXT);
    const grant = accessFor(usable.consent, identityOf({ id, bank: {} }));
    const check = checkAccountAccess(grant, endpoint, options);
    if (!check.ok) throw Problem.fromRule(check.error);
    return { id, grant };
  }

  /** Rule 5: the read's share of the frequencyPerDay budget, or its refusal. */
  private countRead(
    usable: UsableConsent,
    request: AisRequest,
    accountId: string | null,
    endpoint: AccountEndpoint,
  ): Promise<ReadShare> {
    return this.budget.take({
      consent: usable.consent,
      timeZone: usable.timeZone,
      psuPresent: Boolean(request.psuIpAddress),
      accountId,
      endpoint,
    });
  }
}

/** 400 CONSENT_UNKNOWN: the id came in a header. Another client's consent answers the same. */
function consentUnknown(text: string): Problem {
  return new Problem('CONSENT_UNKNOWN', text, { status: 400 });
}
