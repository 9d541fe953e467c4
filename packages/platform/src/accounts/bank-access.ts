/**
 * The bank calls of the account-information use cases: a data call with the consent's bank
 * tokens (refreshed when they are about to expire, `bank-token-refresh.ts`), under the bank's
 * current id for the account, and what the bank's refusals mean for the consent and the TPP.
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
} from '../connectors/index.js';
import { toDomain } from '../consents/consent-record.js';
import {
  applyConsentEvent,
  type ConsentEvent,
  consentEventFromBank,
  consentUsability,
  UNKNOWN_ACCOUNT_TEXT,
} from '../consents/rules/index.js';
import type { CallContext } from '../logging/logger.js';
import { Problem } from '../problems.js';
import type { AccountIdRecord, AccountIdsRepository } from '../store/account-ids.js';
import { type BankTokens, CONFLICT, type ConsentsRepository } from '../store/consents.js';
import type { BankTokenRefresher } from './bank-token-refresh.js';
import type { AisRequest, UsableConsent } from './usable-consent.js';

export interface BankAccessOptions {
  consents: ConsentsRepository;
  accountIds: AccountIdsRepository;
  connectorFor: ConnectorLookup;
  tokens: BankTokenRefresher;
  now: () => Date;
}

export class BankAccess {
  constructor(private readonly options: BankAccessOptions) {}

  /**
   * A data call with the consent's bank tokens. A 401 from the bank is answered by one forced
   * refresh and one retry; if the bank still refuses, or refuses the refresh, the consent has
   * ended at the bank: its status there is recorded and the TPP gets the 401 of that status.
   */
  async withBank<T>(
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
      let tokens = await this.options.tokens.current(ctx, usable.record, bank, usable.bankTokens());
      try {
        return await call(bank, bctx, session(tokens));
      } catch (error) {
        if (!isBankError(error, 'unauthorized')) throw error;
        ctx.logger.info({ consentId: usable.record.id }, 'the bank refused the access token');
        tokens = await this.options.tokens.refresh(ctx, usable.record, bank, tokens);
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
  withAccount<T>(
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
  async remember(
    usable: UsableConsent,
    accounts: readonly BankAccount[],
  ): Promise<{ id: AccountIdRecord; bank: BankAccount }[]> {
    const ids = await this.options.accountIds.assignAll(
      usable.record.clientId,
      usable.entry.bicFi,
      accounts.map((account) => ({
        bankResourceId: account.resourceId,
        iban: account.iban,
        bban: account.bban,
        currency: account.currency,
      })),
    );
    return accounts.map((account, i) => ({ id: ids[i] as AccountIdRecord, bank: account }));
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

// ---- the bank's refusals as the TPP sees them ------------------------------------------------

/** A transaction id the bank does not know in an account it does. */
export const UNKNOWN_TRANSACTION_TEXT = 'The transactionId is not known in this account';

const PASSED_THROUGH_400 = new Set(['FORMAT_ERROR', 'PARAMETER_NOT_SUPPORTED', 'PERIOD_INVALID']);

/**
 * A bank's refusal of a data call as the TPP sees it. The bank's period and parameter
 * refusals (e.g. a dateFrom before its history limit) are passed on with their code and said
 * to be the bank's; its 404 answers like any account Bankbridge does not know, since its text
 * could name the bank's own ids; its 429 is the bank's own frequency count. Everything else is
 * `bankProblem`'s (503 for a bank that could not be used).
 */
function aisBankError(error: unknown): unknown {
  // A 429 without the bank's reason (a gateway's page) is its limit on callers: `bankProblem`'s.
  if (!(error instanceof BankError) || error.kind !== 'rejected') return bankProblem(error);
  if (error.status === 404) return Problem.resourceUnknown(UNKNOWN_ACCOUNT_TEXT);
  if (error.status === 429) {
    return new Problem(
      'ACCESS_EXCEEDED',
      `${error.bankName} refused the read: its frequencyPerDay budget for this consent is used up`,
      error.retryAfterSeconds
        ? { headers: { 'Retry-After': String(error.retryAfterSeconds) } }
        : {},
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
