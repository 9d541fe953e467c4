/**
 * The account-information use cases: what happens when a TPP reads accounts, balances and
 * transactions under a consent. Every rule of the consent is decided before a bank call is
 * spent, in the order of issue 5 (the token's scope is the route's preHandler):
 *   2. `Consent-ID` known and the caller's, for the bank in `X-BicFi` (else 400 CONSENT_UNKNOWN)
 *   3. the consent usable now (`consentUsability`: 401 CONSENT_INVALID / CONSENT_EXPIRED)
 *   4. the account inside the consent and the endpoint granted (`accessFor`: 404 / 401)
 *   5. the frequencyPerDay budget (`checkFrequency`: 429 ACCESS_EXCEEDED)
 *   6. the transaction query (`parseTransactionQuery`: 400)
 * then the bank is called with the consent's bank tokens, refreshed when they are about to
 * expire. The answers are the bank's JSON; `psd2/account-information/responses.ts` turns them
 * into Bankbridge's (its own account ids and links).
 */
import {
  type BankCallContext,
  type BankConnector,
  BankError,
  type BankSession,
  type ConnectorLookup,
  type BankTokens as ConnectorTokens,
  isBankError,
  type TransactionPages,
} from '../connectors/index.js';
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
  type ReadSlot,
  UNKNOWN_ACCOUNT_TEXT,
} from '../consent/index.js';
import { storedTokens, toDomain, toPsd2Error } from '../consents/consent-service.js';
import type { CallContext } from '../logging/logger.js';
import { Psd2Error } from '../psd2/psd2-error.js';
import type { AspspEntry, Registry } from '../registry/types.js';
import type { AccountIdRecord, AccountIdsRepository } from '../store/account-ids.js';
import {
  type BankTokens,
  CONFLICT,
  type ConsentRecord,
  type ConsentsRepository,
} from '../store/consents.js';
import type { FrequencyCountersRepository } from '../store/frequency-counters.js';
import type { PageCursors } from './page-cursor.js';
import { parseTransactionQuery, type TransactionListQuery } from './transaction-query.js';

/** Who asks, under which consent, and whether the PSU is there. */
export interface AisRequest {
  clientId: string;
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
  /** The query, for the links (a page cursor carries it too). */
  bookingStatus: string | undefined;
  /** Whether the bank offers transaction details (a link per transaction). */
  transactionDetails: boolean;
}

/** A consent that passed rules 2 and 3, with what the bank calls need. */
interface UsableConsent {
  record: ConsentRecord;
  consent: Consent;
  entry: AspspEntry;
  timeZone: string;
}

const DEFAULT_REFRESH_MARGIN_SECONDS = 60;
const DEFAULT_REFRESH_WAIT_MS = 5000;

export class AccountInformationService {
  private readonly banks: Map<string, AspspEntry>;
  /** Refreshes in progress in this instance, so parallel requests share one. */
  private readonly refreshing = new Map<string, Promise<BankTokens>>();

  constructor(private readonly options: AccountInformationServiceOptions) {
    this.banks = new Map(options.registry.aspsps.map((entry) => [entry.bicFi, entry]));
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
    const accounts = [];
    for (const account of list.accounts) {
      const id = await this.options.accountIds.assign(request.clientId, usable.entry.bicFi, {
        bankResourceId: account.resourceId,
        iban: account.iban,
        bban: account.bban,
        currency: account.currency,
      });
      accounts.push({ id, bank: account });
    }
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
      this.withBank(ctx, usable, request, (bank, bctx, session) =>
        bank.getAccount(bctx, session, id.bankResourceId, { withBalance: options.withBalance }),
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
      this.withBank(ctx, usable, request, (bank, bctx, session) =>
        bank.getBalances(bctx, session, id.bankResourceId),
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
    const withBalance = parsed.ok && 'query' in parsed && parsed.query.withBalance === true;
    const { id, grant } = await this.grantedAccount(usable, request, accountId, 'transactions', {
      withBalance,
    });
    const counted = await this.countRead(usable, request, id.resourceId, 'transactions');
    // Rule 6 comes after the budget, as issue 5 orders the rules; a refused query gives its
    // read back, so a typo costs the TPP nothing.
    if (!parsed.ok) {
      await this.giveBack(counted);
      throw Psd2Error.fromRule(parsed.error);
    }
    let query: TransactionListQuery | { page: string };
    if (parsed.page !== undefined) {
      const page = this.options.cursors.unwrap(parsed.page, usable.record.id, id.resourceId);
      if (page === undefined) {
        await this.giveBack(counted);
        throw Psd2Error.format(
          'page: not a page of this account under this consent; follow the _links of a transaction list',
        );
      }
      query = { page };
    } else {
      query = parsed.query;
    }
    const report = await this.spend(counted, () =>
      this.withBank(ctx, usable, request, (bank, bctx, session) =>
        bank.getTransactions(
          bctx,
          session,
          id.bankResourceId,
          'page' in query ? { bookingStatus: 'both', page: query.page } : query,
        ),
      ),
    );
    await this.endIfUsedUp(ctx, usable);
    const pages: TransactionPages = {};
    for (const [name, cursor] of Object.entries(report.pages)) {
      if (cursor) {
        pages[name as keyof TransactionPages] = this.options.cursors.wrap(
          cursor,
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
      bookingStatus: 'page' in query ? undefined : query.bookingStatus,
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
      throw new Psd2Error(
        405,
        'SERVICE_INVALID',
        `${usable.entry.name} does not offer transaction details; the transaction list carries what it knows`,
      );
    }
    const counted = await this.countRead(usable, request, id.resourceId, 'transactionDetails');
    const details = await this.spend(counted, () =>
      this.withBank(ctx, usable, request, (bank, bctx, session) =>
        bank.getTransaction(bctx, session, id.bankResourceId, transactionId),
      ),
    );
    await this.endIfUsedUp(ctx, usable);
    return details.transactionsDetails;
  }

  // ---- the rules before the bank call ----------------------------------------------------

  /** Rules 2 and 3: the caller's consent, at the bank named, usable now. */
  private async usableConsent(request: AisRequest): Promise<UsableConsent> {
    if (!request.consentId) {
      throw Psd2Error.format('the Consent-ID header is required: the id of a valid consent');
    }
    const record = await this.options.consents.findOwned(request.clientId, request.consentId);
    if (!record) throw consentUnknown('There is no consent with this Consent-ID for this client');
    if (request.bic && request.bic.trim().toUpperCase() !== record.bic) {
      // To the bank the TPP named, this consent does not exist.
      throw consentUnknown(`The consent of this Consent-ID is not at the bank ${request.bic}`);
    }
    const entry = this.banks.get(record.bic);
    if (!entry) {
      throw new Psd2Error(
        503,
        'SERVICE_UNAVAILABLE',
        `The bank of this consent (${record.bic}) is no longer served by this Bankbridge`,
      );
    }
    const timeZone = bankTimeZone(entry.isoCountryCode);
    const consent = toDomain(record);
    const usability = consentUsability(consent, this.options.now(), { timeZone });
    if (!usability.ok) throw Psd2Error.fromRule(usability.error);
    return { record, consent, entry, timeZone };
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
    if (!id) throw Psd2Error.resourceUnknown(UNKNOWN_ACCOUNT_TEXT);
    const grant = accessFor(usable.consent, identityOf({ id, bank: {} }));
    const check = checkAccountAccess(grant, endpoint, options);
    if (!check.ok) throw Psd2Error.fromRule(check.error);
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
      throw Psd2Error.fromRule(check.error);
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
      if (error instanceof Psd2Error && error.statusCode >= 500) await this.giveBack(key);
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
      let tokens = await this.currentTokens(ctx, usable, bank);
      try {
        return await call(bank, bctx, session(tokens));
      } catch (error) {
        if (!isBankError(error, 'unauthorized')) throw error;
        ctx.logger.info({ consentId: usable.record.id }, 'the bank refused the access token');
        tokens = await this.refresh(ctx, usable, bank, tokens);
        return await call(bank, bctx, session(tokens));
      }
    } catch (error) {
      if (isBankError(error, 'unauthorized')) await this.endedAtBank(ctx, usable, bank);
      throw aisBankError(error);
    }
  }

  /** The stored tokens, refreshed first when they expire within the margin. */
  private async currentTokens(
    ctx: CallContext,
    usable: UsableConsent,
    bank: BankConnector,
  ): Promise<BankTokens> {
    const tokens = await this.options.consents.bankTokens(usable.record.id);
    if (!tokens || !usable.record.bankConsentId) {
      // A valid consent always has them; one without cannot reach the bank.
      throw new Psd2Error(401, 'CONSENT_INVALID', 'The consent has no access at the bank');
    }
    const margin = this.options.refreshMarginSeconds ?? DEFAULT_REFRESH_MARGIN_SECONDS;
    const nowSeconds = Math.floor(this.options.now().getTime() / 1000);
    if (tokens.expiresAt - nowSeconds > margin) return tokens;
    return this.refresh(ctx, usable, bank, tokens);
  }

  /**
   * New tokens for `stale`, fetched once however many requests ask at the same time: in this
   * instance they share one promise; across instances the first to bump the consent's version
   * (compare-and-set) refreshes, the others wait for its tokens to appear. Refresh tokens
   * rotate, so a second refresh with the same token would fail and look like a revocation.
   */
  private refresh(
    ctx: CallContext,
    usable: UsableConsent,
    bank: BankConnector,
    stale: BankTokens,
  ): Promise<BankTokens> {
    const id = usable.record.id;
    const running = this.refreshing.get(id);
    if (running) return running;
    const refresh = this.refreshOnce(ctx, usable, bank, stale).finally(() =>
      this.refreshing.delete(id),
    );
    this.refreshing.set(id, refresh);
    return refresh;
  }

  private async refreshOnce(
    ctx: CallContext,
    usable: UsableConsent,
    bank: BankConnector,
    stale: BankTokens,
  ): Promise<BankTokens> {
    const { consents } = this.options;
    const id = usable.record.id;
    let read = (await consents.get(id)) ?? usable.record;
    const current = await consents.bankTokens(id);
    if (current && current.accessToken !== stale.accessToken) return current;
    // Claim the refresh: the version bump tells other instances one is under way.
    const claim = await consents.setBankTokens(read, stale);
    if (claim === CONFLICT) {
      const theirs = await this.awaitNewTokens(id, stale);
      if (theirs) return theirs;
      read = (await consents.get(id)) ?? read;
    } else {
      read = claim;
    }
    if (!stale.refreshToken) {
      throw new BankError(
        'unauthorized',
        { bic: bank.bank.bic, name: bank.bank.name },
        'the bank gave no refresh token',
      );
    }
    let fresh: ConnectorTokens;
    try {
      fresh = await bank.refreshTokens(
        { requestId: ctx.requestId, bic: bank.bank.bic, logger: ctx.logger },
        stale.refreshToken,
      );
    } catch (error) {
      // Another instance may have rotated the refresh token under us.
      const now = await consents.bankTokens(id);
      if (now && now.accessToken !== stale.accessToken) return now;
      throw error;
    }
    const tokens = storedTokens(fresh);
    for (let attempt = 0; attempt < 5; attempt++) {
      const written = await consents.setBankTokens(read, tokens);
      if (written !== CONFLICT) break;
      // The consent changed meanwhile (another request's status change): write on its
      // latest version, or the rotated refresh token would be lost.
      read = (await consents.get(id)) ?? read;
    }
    ctx.logger.info({ consentId: id }, 'bank tokens refreshed');
    return tokens;
  }

  /** Tokens another instance is fetching, once they are stored; undefined after the wait. */
  private async awaitNewTokens(id: string, stale: BankTokens): Promise<BankTokens | undefined> {
    const deadline = Date.now() + (this.options.refreshWaitMs ?? DEFAULT_REFRESH_WAIT_MS);
    while (Date.now() < deadline) {
      const tokens = await this.options.consents.bankTokens(id);
      if (tokens && tokens.accessToken !== stale.accessToken) return tokens;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return undefined;
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
        if (isBankError(error, 'unavailable')) throw toPsd2Error(error);
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
    if (!usability.ok) throw Psd2Error.fromRule(usability.error);
    throw new Psd2Error(401, 'CONSENT_INVALID', 'The bank no longer accepts this consent');
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
function consentUnknown(text: string): Psd2Error {
  return new Psd2Error(400, 'CONSENT_UNKNOWN', text);
}

const PASSED_THROUGH_400 = new Set(['FORMAT_ERROR', 'PARAMETER_NOT_SUPPORTED', 'PERIOD_INVALID']);

/**
 * A bank's refusal of a data call as the TPP sees it. The bank's period and parameter
 * refusals (e.g. a dateFrom before its history limit) are passed on with their code and said
 * to be the bank's; its 404 answers like any account Bankbridge does not know, since its text
 * could name the bank's own ids; its 429 is the bank's own frequency count. Everything else is
 * `toPsd2Error`'s (503 for a bank that could not be used).
 */
function aisBankError(error: unknown): unknown {
  if (!(error instanceof BankError) || error.kind !== 'rejected') return toPsd2Error(error);
  if (error.status === 404) return Psd2Error.resourceUnknown(UNKNOWN_ACCOUNT_TEXT);
  if (error.status === 429) {
    return new Psd2Error(
      429,
      'ACCESS_EXCEEDED',
      `${error.bankName} refused the read: its frequencyPerDay budget for this consent is used up`,
    );
  }
  if (error.status === 400 && error.code && PASSED_THROUGH_400.has(error.code)) {
    return new Psd2Error(
      400,
      error.code as Psd2Error['code'],
      `${error.bankName} refused the request: ${error.text ?? error.code}`,
    );
  }
  return toPsd2Error(error);
}
