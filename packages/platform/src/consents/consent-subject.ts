import { isBankError } from '../connectors/bank-error.js';
import { bankCall } from '../connectors/bank-problem.js';
import type {
  ConsentAccess as BankAccess,
  BankConnector,
  BankConsentStatus,
  ConnectorLookup,
  BankTokens as ConnectorTokens,
} from '../connectors/index.js';
import type { CallContext } from '../logging/logger.js';
import { Problem } from '../problems.js';
import { servedBank } from '../registry/served-bank.js';
import type { AspspEntry } from '../registry/types.js';
import {
  type AccountChoice,
  type BankVerdict,
  DENIED,
  GRANT_LOST,
  type PsuInfo,
  psuHeaders,
  type ScaFacts,
  type ScaGrant,
  type ScaSubject,
  type StepAfterBank,
  type StepBeforeBank,
  type StepBeforeBankAnswer,
} from '../sca/index.js';
import {
  type BankTokens,
  CONFLICT,
  type ConsentRecord,
  type ConsentsRepository,
  type JointWrite,
} from '../store/consents.js';
import { toDomain } from './consent-record.js';
import {
  type AccountReference,
  applyConsentEvent,
  bankTimeZone,
  type ConsentAccess,
  type ConsentEvent,
  consentEventFromBank,
  consentForm,
  dueLifecycleEvent,
  type GrantedAccess,
  isConsentStatus,
  offeredConsentPicker,
  TERMINAL_CONSENT_STATUSES,
} from './rules/index.js';

/** How long an attempt to end a bank's consent holds its claim; a failed one is retried then. */
export const BANK_END_RETRY_MS = 5 * 60_000;

export interface ConsentSubjectOptions {
  consents: ConsentsRepository;
  bank: (bic: string) => AspspEntry | undefined;
  connectorFor: ConnectorLookup;
  now: () => Date;
  /** A consent still `received` this long after its creation is `rejected`. */
  authorisationTimeoutSeconds: number;
}

/**
 * A consent as the SCA engine sees it: it awaits SCA while `received`; SCA finalised makes it
 * `valid` with the bank's tokens (and, for a bank-offered consent, the accounts the PSU picked);
 * a denial or the bank's refusal ends it as the bank says.
 */
export class ConsentSubject implements ScaSubject<ConsentRecord> {
  readonly kind = 'consent';
  readonly noun = 'consent';
  readonly usesBankTokens = true;

  constructor(private readonly options: ConsentSubjectOptions) {}

  async load(ctx: CallContext, id: string, clientId?: string) {
    const found =
      clientId === undefined
        ? await this.options.consents.get(id)
        : await this.options.consents.findOwned(clientId, id);
    return found && this.current(ctx, found);
  }

  facts(consent: ConsentRecord): ScaFacts {
    const status = statusOf(consent);
    return {
      id: consent.id,
      clientId: consent.clientId,
      bic: consent.bic,
      bankId: consent.bankConsentId,
      status,
      awaitingSca: status === 'received',
      ended: TERMINAL_CONSENT_STATUSES.has(status),
      scaApproach:
        consent.scaApproach === 'REDIRECT' || consent.scaApproach === 'DECOUPLED'
          ? consent.scaApproach
          : null,
      ...(this.pickedOnBankbridgePages(consent) ? { scaApproaches: ['REDIRECT'] as const } : {}),
    };
  }

  /**
   * Whether the PSU picks the consent's accounts on Bankbridge's pages: its SCA then runs
   * through them, a redirect whatever the bank's own approaches are (`offered-consent.ts`).
   */
  private pickedOnBankbridgePages(consent: ConsentRecord): boolean {
    if (consentForm(consent.access as ConsentAccess) !== 'bankOffered') return false;
    const entry = this.entryOf(consent);
    return offeredConsentPicker(entry.consent, entry.connector.scaApproaches) !== 'bank';
  }

  /**
   * For a bank-offered consent: the accounts the PSU picked, on Bankbridge's page after the
   * bank (`stepAnswer`), or else at the bank, as the bank's consent lists them.
   */
  async prepare(
    ctx: CallContext,
    consent: ConsentRecord,
    bank: BankConnector,
    stepAnswer?: unknown,
  ): Promise<GrantedAccess | undefined> {
    if (consentForm(consent.access as ConsentAccess) !== 'bankOffered') return undefined;
    if (stepAnswer !== undefined) {
      const picked = references(stepAnswer as AccountReference[]);
      return { accounts: picked, balances: picked, transactions: picked };
    }
    const atBank = await bank.getConsent(
      this.bankContext(ctx, consent),
      consent.bankConsentId as string,
    );
    return {
      accounts: references(atBank.access.accounts),
      balances: references(atBank.access.balances),
      transactions: references(atBank.access.transactions),
    };
  }

  finalised(
    ctx: CallContext,
    consent: ConsentRecord,
    grant: ScaGrant,
    reason: string,
  ): JointWrite | undefined {
    const applied = applyConsentEvent(
      toDomain(consent),
      'scaFinalised',
      this.options.now(),
      this.timeZone(consent),
    );
    if (!applied.ok || !grant.tokens) return undefined;
    const granted = grant.prepared as GrantedAccess | undefined;
    return this.options.consents.write(
      {
        read: consent,
        status: applied.consent.status,
        changes: {
          lastActionDate: applied.consent.lastActionDate,
          ...(granted ? { grantedAccess: granted } : {}),
        },
        bankTokens: storedTokens(grant.tokens),
      },
      { reason, requestId: ctx.requestId },
    );
  }

  failed(
    ctx: CallContext,
    consent: ConsentRecord,
    outcome: string | undefined,
    reason: string,
  ): JointWrite | undefined {
    // A denial, or a grant lost to a request that died, leaves the consent unusable for good:
    // the TPP asks for a new one.
    const event = (outcome === DENIED || outcome === GRANT_LOST ? 'rejectedAtBank' : outcome) as
      | ConsentEvent
      | undefined;
    if (!event) return undefined;
    const applied = applyConsentEvent(
      toDomain(consent),
      event,
      this.options.now(),
      this.timeZone(consent),
    );
    if (!applied.ok || !applied.changed) return undefined;
    return this.options.consents.write(
      {
        read: consent,
        status: applied.consent.status,
        changes: { lastActionDate: applied.consent.lastActionDate },
      },
      { reason, requestId: ctx.requestId },
    );
  }

  async verdictAtBank(ctx: CallContext, consent: ConsentRecord): Promise<BankVerdict | undefined> {
    // Not yet at the bank (the PSU has not named its accounts): the bank has nothing to say.
    if (!consent.bankConsentId) return undefined;
    const entry = this.entryOf(consent);
    try {
      const bankStatus: BankConsentStatus = await this.options
        .connectorFor(entry.bicFi)
        .getConsentStatus(this.bankContext(ctx, consent), consent.bankConsentId as string);
      const event = consentEventFromBank(bankStatus);
      if (event === 'scaFinalised') return { authorised: true };
      return event ? { authorised: false, outcome: event } : { authorised: false };
    } catch (err) {
      ctx.logger.warn({ err }, 'could not read the consent status at the bank');
      return undefined;
    }
  }

  /**
   * Ends the bank's consent of a consent that never became valid, once: the consent's row
   * claims the attempt, so two instances (or a sweep and a PSU's page) do not both ask. A bank
   * that does not answer is asked again by the sweep (`endAtBank`) once the claim lapses; a bank
   * that refuses the deletion (it no longer knows the consent) has nothing left to end.
   */
  async abandonAtBank(ctx: CallContext, consent: ConsentRecord): Promise<void> {
    if (!consent.bankConsentId) return;
    const { consents, now } = this.options;
    if (!(await consents.claimBankEnd(consent.id, new Date(now().getTime() + BANK_END_RETRY_MS)))) {
      return;
    }
    try {
      const entry = this.entryOf(consent);
      await this.options
        .connectorFor(entry.bicFi)
        .deleteConsent(this.bankContext(ctx, consent), consent.bankConsentId);
    } catch (err) {
      if (!isBankError(err) || isBankError(err, 'unavailable')) {
        ctx.logger.warn(
          { err, consentId: consent.id },
          'could not end the consent at the bank; the sweep asks again',
        );
        return;
      }
      ctx.logger.warn({ err, consentId: consent.id }, 'the bank refused to end the consent');
    }
    await consents.bankEnded(consent.id);
  }

  /**
   * A bank-offered consent at a bank that cannot let the PSU pick: until the PSU has named the
   * accounts on Bankbridge's page, the consent is not at the bank yet.
   */
  stepBeforeBank(consent: ConsentRecord): StepBeforeBank | undefined {
    if (consent.bankConsentId || consentForm(consent.access as ConsentAccess) !== 'bankOffered') {
      return undefined;
    }
    return { step: 'nameAccounts', bankName: this.entryOf(consent).name };
  }

  /**
   * A bank-offered consent at a bank with `allPsd2` consents but no bank-offered ones: the bank
   * holds an `allPsd2` consent, and the PSU picks from its accounts after the bank's SCA.
   */
  stepAfterBank(consent: ConsentRecord): StepAfterBank | undefined {
    const entry = this.entryOf(consent);
    if (
      consent.status !== 'received' ||
      consentForm(consent.access as ConsentAccess) !== 'bankOffered' ||
      offeredConsentPicker(entry.consent, entry.connector.scaApproaches) !== 'bankbridgeList'
    ) {
      return undefined;
    }
    return { step: 'pickAccounts', bankName: entry.name };
  }

  /** The PSU's accounts, as the bank lists them under its `allPsd2` consent, with the PSU there. */
  async choicesAfterBank(
    ctx: CallContext,
    consent: ConsentRecord,
    bank: BankConnector,
    tokens: ConnectorTokens,
    psu: PsuInfo,
  ): Promise<AccountChoice[]> {
    const { accounts } = await bank.listAccounts(this.bankContext(ctx, consent), {
      accessToken: tokens.accessToken,
      bankConsentId: consent.bankConsentId as string,
      psuIpAddress: psu.ipAddress,
      psuUserAgent: psu.userAgent,
      ...(consent.psuCorporateId ? { psuCorporateId: consent.psuCorporateId } : {}),
    });
    return accounts.flatMap((account) => {
      if (!account.iban && !account.bban) return [];
      const name = [account.name, account.product].find((v) => typeof v === 'string');
      return [
        {
          ...(account.iban ? { iban: account.iban } : { bban: account.bban as string }),
          ...(account.currency ? { currency: account.currency } : {}),
          ...(name ? { name: name as string } : {}),
        },
      ];
    });
  }

  /**
   * The PSU named the accounts: the bank is asked for a consent on exactly those, on the
   * consent's terms, each account with its balances and transactions (what a bank-offered
   * consent grants for a picked account). The bank's SCA then confirms them, and the consent's
   * grant is read back from the bank once it is valid (`prepare`).
   */
  async answerStepBeforeBank(
    ctx: CallContext,
    consent: ConsentRecord,
    answer: StepBeforeBankAnswer,
  ): Promise<void> {
    const bank = this.options.connectorFor(this.entryOf(consent).bicFi);
    const bctx = this.bankContext(ctx, consent);
    const named = () => answer.ibans.map((iban) => ({ iban }));
    const created = await bankCall(() =>
      bank.createConsent(bctx, {
        access: { accounts: named(), balances: named(), transactions: named() },
        recurringIndicator: consent.recurringIndicator,
        validUntil: consent.validUntil,
        frequencyPerDay: consent.frequencyPerDay,
        combinedServiceIndicator: consent.combinedServiceIndicator,
        psu: psuHeaders({
          ...answer.psu,
          ...(consent.psuCorporateId ? { corporateId: consent.psuCorporateId } : {}),
        }),
      }),
    );
    const written = await this.options.consents.changeStatus(
      consent,
      consent.status,
      { reason: 'accounts named by the PSU', requestId: ctx.requestId },
      { bankConsentId: created.bankConsentId },
    );
    if (written === CONFLICT) {
      await bank.deleteConsent(bctx, created.bankConsentId).catch((err: unknown) => {
        ctx.logger.warn({ err }, 'could not delete the bank consent of a step that lost a race');
      });
      throw new Problem(
        'STATUS_INVALID',
        'The consent was changed by another request at the same time; start again',
      );
    }
    ctx.logger.info(
      { consentId: consent.id, accounts: answer.ibans.length },
      'PSU named the accounts of a bank-offered consent',
    );
  }

  /** Applies the change time has brought (authorisation timed out, validUntil passed). */
  async current(ctx: CallContext, record: ConsentRecord): Promise<ConsentRecord> {
    let consent = record;
    for (let attempt = 0; attempt < 3; attempt++) {
      const timeZone = this.timeZone(consent);
      const due = dueLifecycleEvent(toDomain(consent), this.options.now(), {
        timeZone,
        authorisationTimeoutSeconds: this.options.authorisationTimeoutSeconds,
      });
      if (!due) return consent;
      const applied = applyConsentEvent(toDomain(consent), due.event, due.at, timeZone);
      if (!applied.ok || !applied.changed) return consent;
      // A consent that never became valid may be at the bank already (waiting for the PSU's
      // BankID, or authorised there before the PSU's pick): the sweep ends it there.
      const atBank = consent.status === 'received' && consent.bankConsentId !== null;
      const written = await this.options.consents.changeStatus(
        consent,
        applied.consent.status,
        { reason: due.event, requestId: ctx.requestId },
        {
          lastActionDate: applied.consent.lastActionDate,
          ...(atBank ? { bankEndDue: true as const } : {}),
        },
      );
      if (written !== CONFLICT) return written;
      consent = (await this.options.consents.get(consent.id)) ?? consent;
    }
    return consent;
  }

  entryOf(consent: ConsentRecord): AspspEntry {
    return servedBank(this.options.bank, consent.bic, 'consent');
  }

  timeZone(consent: ConsentRecord): string {
    return bankTimeZone(this.entryOf(consent).isoCountryCode);
  }

  bankContext(ctx: CallContext, consent: ConsentRecord) {
    return { requestId: ctx.requestId, bic: this.entryOf(consent).bicFi, logger: ctx.logger };
  }
}

function statusOf(consent: ConsentRecord) {
  if (!isConsentStatus(consent.status)) throw new Error(`stored consent status ${consent.status}`);
  return consent.status;
}

/** Another client's consent answers exactly as an unknown one (403: the id is in the path). */
export function consentUnknown(): Problem {
  return new Problem(
    'CONSENT_UNKNOWN',
    'There is no consent with this id for this client (check the consentId in the path)',
  );
}

function references(list: { iban?: string; bban?: string; currency?: string }[] | undefined) {
  const out: AccountReference[] = [];
  for (const item of list ?? []) {
    const currency = item.currency ? { currency: item.currency } : {};
    if (item.iban) out.push({ iban: item.iban, ...currency });
    else if (item.bban) out.push({ bban: item.bban, ...currency });
  }
  return out;
}

/** Bank tokens as the consent store keeps them (Unix seconds). */
export function storedTokens(tokens: ConnectorTokens): BankTokens {
  return {
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    expiresAt: Math.floor(tokens.expiresAt.getTime() / 1000),
    refreshExpiresAt: tokens.refreshExpiresAt
      ? Math.floor(tokens.refreshExpiresAt.getTime() / 1000)
      : null,
  };
}

/** A consent's access in the bank's terms. */
export function toBankAccess(access: ConsentAccess): BankAccess {
  const out: BankAccess = {};
  for (const list of ['accounts', 'balances', 'transactions'] as const) {
    if (access[list]) out[list] = access[list].map((reference) => ({ ...reference }));
  }
  if (access.allPsd2) out.allPsd2 = 'allAccounts';
  if (access.availableAccounts === 'allAccounts') out.availableAccounts = 'allAccounts';
  if (access.availableAccounts === 'allAccountsWithBalances') {
    out.availableAccountsWithBalance = 'allAccounts';
  }
  return out;
}
