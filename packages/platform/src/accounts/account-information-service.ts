/**
 * The account-information use cases: what happens when a TPP reads accounts, balances and
 * transactions under a consent. Every rule of the consent is decided before a bank call is
 * spent, in the order of issue 5 (the token's scope is the route's preHandler):
 *   2. `Consent-ID` known and the caller's, for the bank in `X-BicFi` (else 400 CONSENT_UNKNOWN);
 *      then rule 1's context, which only the consent can tell: a corporate consent is read with
 *      an `accountinformation corporate` token, a private one with a private token (else 403)
 *   3. the consent usable now (`consentUsability`: 401 CONSENT_INVALID / CONSENT_EXPIRED)
 *   4. the account inside the consent and the endpoint granted (`accessFor`: 404 / 401)
 *   5. the frequencyPerDay budget (`checkFrequency`: 429 ACCESS_EXCEEDED)
 *   6. the transaction query (`parseTransactionQuery`: 400)
 * then the bank is called with the consent's bank tokens, refreshed when they are about to
 * expire (`bank-token-refresh.ts`), under the bank's current id for the account. The answers
 * are the bank's JSON; `psd2/account-information/responses.ts` turns them into Bankbridge's
 * (its own account ids and links).
 */

import { bankProblem } from '../connectors/bank-problem.js';
import {
  type BankAccount,
  type BankCallContext,
  type BankConnector,
  BankError,
  type BankSession,
  type ConnectorLookup,
  isBankError,
  type TransactionPages,
} from '../connectors/index.js';
import { toDomain } from '../consents/consent-record.js';
import {
  type AccountEndpoint,
  type AccountGrant,
  accessFor,
  accountListEntries,
  applyConsentEvent,
  bankTimeZone,
  type Consent,
  type ConsentEvent,
  checkAccountAccess,
  checkFrequency,
  consentEventFromBank,
  consentForm,
  consentUsability,
  covers,
  frequencyKey,
  oneOffUsedUp,
  type PsuContext,
  type ReadSlot,
  UNKNOWN_ACCOUNT_TEXT,
} from '../consents/rules/index.js';
import type { CallContext } from '../logging/logger.js';
import { Problem } from '../problems.js';
import type { AspspEntry, Registry } from '../registry/types.js';
import type { AccountIdRecord, AccountIdsRepository } from '../store/account-ids.js';
import {
  type BankTokens,
  CONFLICT,
  type ConsentRecord,
  type ConsentsRepository,
} from '../store/consents.js';
import type { FrequencyCountersRepository } from '../store/frequency-counters.js';
import { BankTokenRefresher } from './bank-token-refresh.js';
import type { PageCursors } from './page-cursor.js';
import {
  checkPageQuery,
  type ParsedTransactionQuery,
  parseTransactionQuery,
  type TransactionListQuery,
} from './transaction-query.js';

/** Who asks, under which consent, and whether the PSU is there. */
export interface AisRequest {
  clientId: string;
  /** The token's context: `corporate` when its scope says so, else `private`. */
  context: PsuContext;
  /** The `Consent-ID` header. */
  consentId: string | undefined;
  /** The `X-BicFi` header. */
  bic: string | undefined;
  /** `PSU-IP-Address`: present means the PSU is there (the read is not unattended). */
  psuIpAddress?: string | undefined;
  psuUserAgent?: string | undefined;
  psuCorporateId?: string | undefined;
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
  /** The bank's answer as sent (its `_links` are the bank's). */
  body: Record<string, unknown>;
  /** Bankbridge's cursors to the other pages, bound to this consent and account. */
  pages: TransactionPages;
  /** The TPP's query (of the first page, for a page read through a cursor), for the links. */
  query: TransactionListQuery;
  /** Whether the bank offers transaction details (a link per transaction). */
  transactionDetails: boolean;
}

/** A consent that passed rules 2 and 3, with what the bank calls need. */
interface UsableConsent {
  record: ConsentRecord;
  /** The bank tokens read with `record`, opened when the bank is called. */
  bankTokens: () => BankTokens | undefined;
  consent: Consent;
  entry: AspspEntry;
  timeZone: string;
}

export class AccountInformationService {
  private readonly banks: Map<string, AspspEntry>;
  private readonly tokens: BankTokenRefresher;

  constructor(private readonly options: AccountInformationServiceOptions) {
    this.banks = new Map(options.registry.aspsps.map((entry) => [entry.bicFi, entry]));
    this.tokens = new BankTokenRefresher({
      consents: options.consents,
      now: options.now,
      ...(options.refreshMarginSeconds === undefined
        ? {}
        : { marginSeconds: options.refreshMarginSeconds }),
      ...(options.refreshWaitMs === undefined ? {} : { waitMs: options.refreshWaitMs }),
    });
  }

  async listAccounts(
    ctx: CallContext,
    request: AisRequest,
    options: { withBalance: boolean },
  ): Promise<GrantedAccount[]> {
    const usable = await this.usableConsent(request);
    const counted = await this.countRead(usable, request, null, 'accountList');
    const list = await this.spend(counted, () =>
      this.withBank(ctx, usable, request, (bank, bctx, session) =>
        bank.listAccounts(bctx, session, { withBalance: options.withBalance }),
      ),
    );
    const accounts = await this.remember(usable, list.accounts);
    await this.endIfUsedUp(ctx, usable);
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
    const details = await this.spend(counted, () =>
      this.withAccount(ctx, usable, request, id, (bank, bctx, session, bankId) =>
        bank.getAccount(bctx, session, bankId, { withBalance: options.withBalance }),
      ),
    );
    await this.endIfUsedUp(ctx, usable);
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
    const body = await this.spend(counted, () =>
      this.withAccount(ctx, usable, request, id, (bank, bctx, session, bankId) =>
        bank.getBalances(bctx, session, bankId),
      ),
    );
    await this.endIfUsedUp(ctx, usable);
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
    // Rule 6 comes after the budget, as issue 5 orders the rules; a refused query gives its
    // read back, so a typo costs the TPP nothing.
    if (!asked.ok) {
      await this.giveBack(counted);
      throw asked.error;
    }
    const { query, page } = asked;
    const report = await this.spend(counted, () =>
      this.withAccount(ctx, usable, request, id, (bank, bctx, session, bankId) =>
        bank.getTransactions(
          bctx,
          session,
          bankId,
          page === undefined ? query : { bookingStatus: query.bookingStatus, page },
        ),
      ),
    );
    await this.endIfUsedUp(ctx, usable);
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
    const details = await this.spend(counted, () =>
      this.withAccount(
        ctx,
        usable,
        request,
        id,
        (bank, bctx, session, bankId) => bank.getTransaction(bctx, session, bankId, transactionId),
        // The bank still lists the account where Bankbridge knows it: its 404 is the transaction's.
        () => Problem.resourceUnknown(UNKNOWN_TRANSACTION_TEXT),
      ),
    );
    await this.endIfUsedUp(ctx, usable);
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
    const entry = this.banks.get(record.bic);
    if (!entry) {
      throw new Problem(
        'SERVICE_UNAVAILABLE',
        `The bank of this consent (${record.bic}) is no longer served by this Bankbridge`,
      );
    }
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

  /**
   * Rule 5: counts the read when it counts, or refuses it. Returns the counter key to give
   * back if the bank cannot serve the read.
   */
  private async countRead(
    usable: UsableConsent,
    request: AisRequest,
    accountId: string | null,
    endpoint: AccountEndpoint,
  ): Promise<string | undefined> {
    const { consent } = usable;
    const psuPresent = Boolean(request.psuIpAddress);
    if (consent.recurringIndicator && psuPresent) return undefined;
    const key = frequencyKey(consent.id, accountId, endpoint, this.options.now(), usable.timeZone, {
      recurring: consent.recurringIndicator,
    });
    const count = await this.options.counters.increment(key, consent.id);
    const check = checkFrequency(
      count - 1,
      consent.frequencyPerDay,
      psuPresent,
      consent.recurringIndicator,
    );
    if (!check.ok) {
      // Keeping a refused read would not change the answer, but giving it back keeps the
      // counter equal to the reads served.
      await this.options.counters.release(key);
      throw Problem.fromRule(check.error);
    }
    return key;
  }

  private async giveBack(key: string | undefined): Promise<void> {
    if (key) await this.options.counters.release(key);
  }

  /**
   * Runs the bank call of a counted read. Decision: a read the bank could not serve (down,
   * timed out, an error page) is given back; one the bank answered, even with a refusal,
   * stays counted, as the bank counts it too.
   */
  private async spend<T>(key: string | undefined, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof Problem && error.statusCode >= 500) await this.giveBack(key);
      throw error;
    }
  }

  /**
   * A one-off consent read for everything it grants ends `expired` (`oneOffUsedUp`). The
   * accounts it covers are those of its client at the bank that it grants. Decisions: every
   * account the consent names must have been seen (an account never read cannot be used up);
   * an `allPsd2` one-off consent, whose accounts Bankbridge cannot know in full, ends at its
   * validUntil only. The read that used it up has been served; later ones get 401.
   */
  private async endIfUsedUp(ctx: CallContext, usable: UsableConsent): Promise<void> {
    const { consent, record, timeZone } = usable;
    if (consent.recurringIndicator || consentForm(consent.access) === 'allPsd2') return;
    const known = (await this.options.accountIds.forBank(record.clientId, record.bic)).map((id) =>
      identityOf({ id, bank: {} }),
    );
    const lists =
      consentForm(consent.access) === 'bankOffered' ? consent.grantedAccess : consent.access;
    const named = [
      ...(lists?.accounts ?? []),
      ...(lists?.balances ?? []),
      ...(lists?.transactions ?? []),
    ];
    if (!named.every((reference) => known.some((account) => covers(reference, account)))) return;
    const keys = await this.options.counters.readKeys(consent.id);
    const now = this.options.now();
    const isRead = (slot: ReadSlot) =>
      keys.has(
        frequencyKey(consent.id, slot.accountId, slot.endpoint, now, timeZone, {
          recurring: false,
        }),
      );
    const accounts = known.map((account) => ({ ...account, id: account.id.resourceId }));
    if (!oneOffUsedUp(consent, accounts, isRead)) return;
    const latest = (await this.options.consents.get(record.id)) ?? record;
    const applied = applyConsentEvent(toDomain(latest), 'oneOffUsedUp', now, timeZone);
    if (!applied.ok || !applied.changed) return;
    const written = await this.options.consents.changeStatus(
      latest,
      applied.consent.status,
      { reason: 'one-off consent used up', requestId: ctx.requestId },
      { lastActionDate: applied.consent.lastActionDate },
    );
    // Lost to another change (a parallel read ending it too, a refresh): the next read decides.
    if (written !== CONFLICT) ctx.logger.info({ consentId: record.id }, 'one-off consent used up');
  }

  // ---- the bank ----------------------------------------------------------------------------

  /**
   * A data call with the consent's bank tokens. A 401 from the bank is answered by one forced
   * refresh and one retry; if the bank still refuses, or refuses the refresh, the consent has
   * ended at the bank: its status there is recorded and the TPP gets the 401 of that status.
   */
  private async withBank<T>(
    ctx: CallContext,
    usable: UsableConsent,
    request: AisRequest,
    call: (bank: BankConnector, bctx: BankCallContext, session: BankSession) => Promise<T>,
  ): Promise<T> {
    const bank = this.options.connectorFor(usable.entry.bicFi);
    const bctx = { requestId: ctx.requestId, bic: usable.entry.bicFi, logger: ctx.logger };
    const session = (tokens: BankTokens): BankSession => ({
      accessToken: tokens.accessToken,
      bankConsentId: usable.record.bankConsentId as string,
      psuIpAddress: request.psuIpAddress,
      psuUserAgent: request.psuUserAgent,
      psuCorporateId: request.psuCorporateId ?? usable.record.psuCorporateId ?? undefined,
    });
    try {
      let tokens = await this.tokens.current(ctx, usable.record, bank, usable.bankTokens());
      try {
        return await call(bank, bctx, session(tokens));
      } catch (error) {
        if (!isBankError(error, 'unauthorized')) throw error;
        ctx.logger.info({ consentId: usable.record.id }, 'the bank refused the access token');
        tokens = await this.tokens.refresh(ctx, usable.record, bank, tokens);
        return await call(bank, bctx, session(tokens));
      }
    } catch (error) {
      if (isBankError(error, 'unauthorized')) await this.endedAtBank(ctx, usable, bank);
      throw aisBankError(error);
    }
  }

  /**
   * A call on one account under the bank's id for it. Banks give accounts new ids (a new
   * consent, a migration), while Bankbridge's id stays with the account (client x bank x
   * IBAN/BBAN + currency). So a 404 for an account Bankbridge knows is answered by listing the
   * accounts at the bank once: if the bank lists the account under another id, the mapping
   * follows it and the call is made again with that id; else the 404 stands. Decision: the
   * listing is Bankbridge's own call, not the TPP's read, so it is not counted here (the bank
   * may count it as an account-list read). `notFoundInside` answers a 404 when the account is
   * still where Bankbridge knows it: the call was for something in it (a transaction).
   */
  private withAccount<T>(
    ctx: CallContext,
    usable: UsableConsent,
    request: AisRequest,
    id: AccountIdRecord,
    call: (
      bank: BankConnector,
      bctx: BankCallContext,
      session: BankSession,
      bankId: string,
    ) => Promise<T>,
    notFoundInside?: () => Problem,
  ): Promise<T> {
    return this.withBank(ctx, usable, request, async (bank, bctx, session) => {
      try {
        return await call(bank, bctx, session, id.bankResourceId);
      } catch (error) {
        if (!isBankError(error, 'rejected') || error.status !== 404) throw error;
        const listed = await bank.listAccounts(bctx, session, {}).catch((listing: unknown) => {
          // The listing was only a guess; a refusal of it leaves the bank's 404 as the answer.
          if (isBankError(listing, 'rejected')) return undefined;
          throw listing;
        });
        const now = (await this.remember(usable, listed?.accounts ?? [])).find(
          (account) => account.id.resourceId === id.resourceId,
        );
        if (now && now.id.bankResourceId === id.bankResourceId && notFoundInside) {
          throw notFoundInside();
        }
        if (!now || now.id.bankResourceId === id.bankResourceId) throw error;
        ctx.logger.info(
          { accountId: id.resourceId },
          'the bank lists the account under a new id; reading it there',
        );
        return call(bank, bctx, session, now.id.bankResourceId);
      }
    });
  }

  /** Bankbridge's ids for the accounts a bank listed, each mapped to the bank's id of now. */
  private async remember(
    usable: UsableConsent,
    accounts: readonly BankAccount[],
  ): Promise<{ id: AccountIdRecord; bank: BankAccount }[]> {
    const out = [];
    for (const account of accounts) {
      const id = await this.options.accountIds.assign(usable.record.clientId, usable.entry.bicFi, {
        bankResourceId: account.resourceId,
        iban: account.iban,
        bban: account.bban,
        currency: account.currency,
      });
      out.push({ id, bank: account });
    }
    return out;
  }

  /**
   * The bank no longer accepts the consent's tokens: asks the bank why and records it.
   * Decision: revoked, expired, terminated or rejected at the bank become the same status
   * here; a bank that still calls its consent valid (or says nothing usable) while refusing
   * every token has ended the access all the same (its refresh tokens run out, seed 003), so
   * the consent becomes `expired`: the TPP gets CONSENT_EXPIRED and knows to ask for a new
   * one. Either way the TPP's answer is the 401 of the new status, thrown here.
   */
  private async endedAtBank(
    ctx: CallContext,
    usable: UsableConsent,
    bank: BankConnector,
  ): Promise<never> {
    const bankConsentId = usable.record.bankConsentId as string;
    const reported = await bank
      .getConsentStatus(
        { requestId: ctx.requestId, bic: usable.entry.bicFi, logger: ctx.logger },
        bankConsentId,
      )
      .catch((error: unknown) => {
        if (isBankError(error, 'unavailable')) throw bankProblem(error);
        ctx.logger.warn({ err: error }, 'could not read the consent status at the bank');
        return undefined;
      });
    const fromBank = reported === undefined ? undefined : consentEventFromBank(reported);
    const event: ConsentEvent =
      fromBank && fromBank !== 'scaFinalised' ? fromBank : 'expiredAtBank';
    let record = usable.record;
    for (let attempt = 0; attempt < 3; attempt++) {
      const applied = applyConsentEvent(
        toDomain(record),
        event,
        this.options.now(),
        usable.timeZone,
      );
      if (!applied.ok || !applied.changed) break;
      const written = await this.options.consents.changeStatus(
        record,
        applied.consent.status,
        {
          reason: `the bank refused the consent's tokens (bank status ${reported ?? 'unknown'})`,
          requestId: ctx.requestId,
        },
        { lastActionDate: applied.consent.lastActionDate },
      );
      if (written !== CONFLICT) {
        record = written;
        break;
      }
      record = (await this.options.consents.get(record.id)) ?? record;
    }
    ctx.logger.info(
      { consentId: record.id, status: record.status, bankStatus: reported },
      'consent ended at the bank',
    );
    const usability = consentUsability(toDomain(record), this.options.now(), {
      timeZone: usable.timeZone,
    });
    if (!usability.ok) throw Problem.fromRule(usability.error);
    throw new Problem('CONSENT_INVALID', 'The bank no longer accepts this consent');
  }
}

// ---- conversions and errors ----------------------------------------------------------------

function identityOf<T extends { id: AccountIdRecord; bank: Record<string, unknown> }>(
  account: T,
): T & { iban?: string; bban?: string; currency?: string } {
  return {
    ...account,
    ...(account.id.iban ? { iban: account.id.iban } : {}),
    ...(account.id.bban ? { bban: account.id.bban } : {}),
    ...(account.id.currency ? { currency: account.id.currency } : {}),
  };
}

/** 400 CONSENT_UNKNOWN: the id came in a header. Another client's consent answers the same. */
function consentUnknown(text: string): Problem {
  return new Problem('CONSENT_UNKNOWN', text, { status: 400 });
}

/** A transaction id the bank does not know in an account it does. */
const UNKNOWN_TRANSACTION_TEXT = 'The transactionId is not known in this account';

const PASSED_THROUGH_400 = new Set(['FORMAT_ERROR', 'PARAMETER_NOT_SUPPORTED', 'PERIOD_INVALID']);

/**
 * A bank's refusal of a data call as the TPP sees it. The bank's period and parameter
 * refusals (e.g. a dateFrom before its history limit) are passed on with their code and said
 * to be the bank's; its 404 answers like any account Bankbridge does not know, since its text
 * could name the bank's own ids; its 429 is the bank's own frequency count. Everything else is
 * `bankProblem`'s (503 for a bank that could not be used).
 */
function aisBankError(error: unknown): unknown {
  if (!(error instanceof BankError) || error.kind !== 'rejected') return bankProblem(error);
  if (error.status === 404) return Problem.resourceUnknown(UNKNOWN_ACCOUNT_TEXT);
  if (error.status === 429) {
    return new Problem(
      'ACCESS_EXCEEDED',
      `${error.bankName} refused the read: its frequencyPerDay budget for this consent is used up`,
    );
  }
  if (error.status === 400 && error.code && PASSED_THROUGH_400.has(error.code)) {
    return new Problem(
      error.code as Problem['code'],
      `${error.bankName} refused the request: ${error.text ?? error.code}`,
      { status: 400 },
    );
  }
  return bankProblem(error);
}
