/**
 * The consent use cases: what happens when a TPP creates, reads, deletes or authorises a
 * consent. Each method checks the request with the pure rules (`rules/`), talks to the bank
 * through its connector, and writes the outcome with the consent store, in that order: a bank
 * that fails leaves nothing written, and a write that loses a race is read again. The consent's
 * strong customer authentication is the SCA engine's (`sca/`), for which a consent is a
 * subject (`consent-subject.ts`). Refusals are `Problem`s.
 */
import { bankCall, bankProblem } from '../connectors/bank-problem.js';
import { type ConnectorLookup, isBankError } from '../connectors/index.js';
import { crashPoint } from '../failpoints.js';
import type { CallContext } from '../logging/logger.js';
import { Problem } from '../problems.js';
import { bankLookup } from '../registry/bank-lookup.js';
import type { AspspEntry, Registry } from '../registry/types.js';
import {
  type AuthorisationState,
  chooseScaApproach,
  type PsuInfo,
  psuHeaderPresent,
  psuHeaders,
  type ScaApproach,
  type ScaMethod,
  type ScaService,
  type SelectedMethod,
  type StartedAuthorisation,
} from '../sca/index.js';
import {
  CONFLICT,
  type ConsentRecord,
  type ConsentsRepository,
  type JointWrite,
} from '../store/consents.js';
import type { ResourceNotification } from '../store/resource-notifications.js';
import { toDomain } from './consent-record.js';
import { ConsentSubject, consentUnknown, toBankAccess } from './consent-subject.js';
import {
  applyConsentEvent,
  bankTimeZone,
  type ConsentEvent,
  consentForm,
  createConsent,
  localDate,
  offeredConsentPicker,
  parseConsentRequest,
  transitionConsent,
} from './rules/index.js';

export type { PsuInfo };

/**
 * A consent as a TPP names it: its id, the calling client, and the bank of its `X-BicFi`
 * header when it sent one.
 */
export interface ConsentRef {
  clientId: string;
  consentId: string;
  bic?: string | undefined;
}

export interface ConsentServiceOptions {
  consents: ConsentsRepository;
  registry: Registry;
  connectorFor: ConnectorLookup;
  /** The SCA engine; the consent service registers consents with it. */
  sca: ScaService;
  now: () => Date;
  /** A consent still `received` this long after its creation is `rejected`. */
  authorisationTimeoutSeconds: number;
}

export interface NewConsentInput {
  clientId: string;
  bic: string;
  body: unknown;
  psu: PsuInfo;
  psuContext: 'private' | 'corporate';
  tppRedirectPreferred: boolean | undefined;
  /** The consent's own webhook endpoint (TPP-Notification-URI), checked by the caller. */
  notification?: ResourceNotification | undefined;
  /** A write that lands with the new consent or not at all: the answer a replay repeats. */
  answer?: ((created: CreatedConsent) => JointWrite) | undefined;
}

/** A chosen SCA method of a consent's authorisation, with the consent. */
export type SelectedConsentMethod = SelectedMethod & { consent: ConsentRecord };

export interface CreatedConsent {
  consent: ConsentRecord;
  scaApproach: ScaApproach;
  scaMethods: ScaMethod[];
}

export class ConsentService {
  private readonly findBank: (bic: string) => AspspEntry | undefined;
  private readonly subject: ConsentSubject;

  constructor(private readonly options: ConsentServiceOptions) {
    this.findBank = bankLookup(options.registry);
    this.subject = new ConsentSubject({
      consents: options.consents,
      bank: (bic) => this.bank(bic),
      connectorFor: options.connectorFor,
      now: options.now,
      authorisationTimeoutSeconds: options.authorisationTimeoutSeconds,
    });
    options.sca.register(this.subject);
  }

  /** The registry entry of a BIC (any case), or undefined. */
  bank(bic: string): AspspEntry | undefined {
    return this.findBank(bic);
  }

  // ---- TPP-facing: /psd2/consent/v1 -------------------------------------------------------

  async create(ctx: CallContext, input: NewConsentInput): Promise<CreatedConsent> {
    const entry = this.bank(input.bic);
    if (!entry) throw unknownBank(input.bic);
    const now = this.options.now();
    const timeZone = bankTimeZone(entry.isoCountryCode);
    const picker = offeredConsentPicker(entry.consent, entry.connector.scaApproaches);
    const parsed = parseConsentRequest(
      input.body,
      { ...entry.consent, offeredPicker: picker },
      localDate(now, timeZone),
    );
    if (!parsed.ok) throw Problem.fromRule(parsed.error);
    const request = parsed.value;
    for (const header of entry.connector.requiredPsuHeaders) {
      if (!psuHeaderPresent(input.psu, header)) {
        throw Problem.format(`the ${header} header is required by ${entry.name}`);
      }
    }
    // Where Bankbridge lets the PSU pick, its page is part of a redirect SCA: after the bank's,
    // picking from an allPsd2 consent's accounts, or before it, naming the accounts that the
    // bank is then asked for; at a bank with BankID only, Bankbridge's page then shows the
    // bank's BankID too (offered-consent.ts, consent-subject.ts, sca/decoupled-on-page.ts).
    // Only the redirect is offered for it: its SCA runs through Bankbridge's pages.
    const pickedHere =
      consentForm(request.access) === 'bankOffered' && picker !== 'bank' ? picker : undefined;
    const approach = pickedHere
      ? 'REDIRECT'
      : chooseScaApproach(entry.connector.scaApproaches, input.tppRedirectPreferred);
    const bank = this.options.connectorFor(entry.bicFi);
    const bctx = { requestId: ctx.requestId, bic: entry.bicFi, logger: ctx.logger };

    const created =
      pickedHere === 'bankbridgeTyped'
        ? undefined
        : await bankCall(() =>
            bank.createConsent(bctx, {
              access:
                pickedHere === 'bankbridgeList'
                  ? { allPsd2: 'allAccounts' }
                  : toBankAccess(request.access),
              recurringIndicator: request.recurringIndicator,
              validUntil: request.validUntil,
              frequencyPerDay: request.frequencyPerDay,
              combinedServiceIndicator: request.combinedServiceIndicator,
              psu: psuHeaders(input.psu),
            }),
          );
    // A bank may cap further than the registry says; what it recorded is what holds.
    const validUntil =
      created?.validUntil && created.validUntil < request.validUntil
        ? created.validUntil
        : request.validUntil;
    const frequencyPerDay =
      created?.frequencyPerDay && created.frequencyPerDay < request.frequencyPerDay
        ? created.frequencyPerDay
        : request.frequencyPerDay;
    const draft = createConsent(
      { ...request, validUntil, frequencyPerDay },
      {
        id: '',
        clientId: input.clientId,
        bic: entry.bicFi,
        psuContext: input.psuContext,
        psuCorporateId: input.psu.corporateId ?? null,
      },
      now,
      timeZone,
    );
    const scaMethods = this.options.sca.methods(
      entry.bicFi,
      approach,
      pickedHere ? [approach] : undefined,
    );
    const answer = input.answer;
    try {
      const consent = await this.options.consents.create(
        {
          clientId: draft.clientId,
          bic: draft.bic,
          status: draft.status,
          access: draft.access,
          recurringIndicator: draft.recurringIndicator,
          validUntil: draft.validUntil,
          frequencyPerDay: draft.frequencyPerDay,
          combinedServiceIndicator: draft.combinedServiceIndicator,
          psuContext: draft.psuContext,
          psuCorporateId: draft.psuCorporateId ?? null,
          scaApproach: approach,
          ...(created ? { bankConsentId: created.bankConsentId } : {}),
          lastActionDate: draft.lastActionDate,
          ...(input.notification ? { notification: input.notification } : {}),
        },
        { reason: 'created', requestId: ctx.requestId },
        answer && ((stored) => answer({ consent: stored, scaApproach: approach, scaMethods })),
      );
      // Stored with its answer, not yet sent: the TPP's retry must be answered the same.
      crashPoint('consent.create.stored');
      for (const adjustment of parsed.adjustments) {
        ctx.logger.info({ consentId: consent.id, ...adjustment }, 'consent request adjusted');
      }
      return { consent, scaApproach: approach, scaMethods };
    } catch (error) {
      // Not stored: do not leave an orphan consent at the bank.
      if (created) {
        await bank.deleteConsent(bctx, created.bankConsentId).catch((err: unknown) => {
          ctx.logger.warn({ err }, 'could not delete the bank consent of a consent not stored');
        });
      }
      throw error;
    }
  }

  /** The consent as it stands now (time-driven changes applied), if it is the client's. */
  async get(ctx: CallContext, ref: ConsentRef): Promise<ConsentRecord> {
    const found = await this.options.consents.findOwned(ref.clientId, ref.consentId);
    if (!found) throw consentUnknown();
    // The integration guide sends X-BicFi on every call; a consent is at one bank, so a BIC
    // that names another is a TPP mix-up worth reporting rather than ignoring.
    if (ref.bic && ref.bic.toUpperCase() !== found.bic) {
      throw Problem.format(`X-BicFi: this consent is at the bank ${found.bic}, not ${ref.bic}`);
    }
    let consent = await this.subject.current(ctx, found);
    if (consent.status === 'received') {
      consent = (await this.options.sca.follow(ctx, 'consent', consent)) ?? consent;
    }
    return consent;
  }

  /**
   * DELETE: ends the consent at the bank, then here (`terminatedByTpp`); `answer`, when given,
   * is stored with the ending (the answer a replay repeats).
   */
  async delete(ctx: CallContext, ref: ConsentRef, answer?: () => JointWrite): Promise<void> {
    const consent = await this.get(ctx, ref);
    const refused = transitionConsent(toDomain(consent).status, 'terminatedByTpp');
    if (!refused.ok) throw Problem.fromRule(refused.error);
    const entry = this.subject.entryOf(consent);
    if (consent.bankConsentId) {
      try {
        await this.options
          .connectorFor(entry.bicFi)
          .deleteConsent(this.subject.bankContext(ctx, consent), consent.bankConsentId);
      } catch (error) {
        // The bank no longer knows the consent, or it has ended there: end it here too.
        if (!isBankError(error, 'rejected')) throw bankProblem(error);
        ctx.logger.info({ err: error }, 'the bank refused to delete the consent; ending it here');
      }
    }
    await this.changeConsent(ctx, consent, 'terminatedByTpp', 'deleted by the TPP', answer?.());
    // Ended with its answer, not yet sent: the TPP's retry must be answered the same.
    crashPoint('consent.delete.stored');
  }

  /** `answer`: a write that lands with the new authorisation (the answer a replay repeats). */
  async startAuthorisation(
    ctx: CallContext,
    ref: ConsentRef,
    answer?: (started: StartedAuthorisation) => JointWrite,
  ): Promise<StartedAuthorisation> {
    return this.options.sca.start(ctx, 'consent', await this.get(ctx, ref), answer);
  }

  async authorisationIds(ctx: CallContext, ref: ConsentRef): Promise<string[]> {
    return this.options.sca.ids('consent', await this.get(ctx, ref));
  }

  /** The authorisation's SCA status; a decoupled SCA in progress is asked at the bank first. */
  async authorisation(
    ctx: CallContext,
    ref: ConsentRef,
    authorisationId: string,
  ): Promise<AuthorisationState> {
    return this.options.sca.get(ctx, 'consent', await this.get(ctx, ref), authorisationId);
  }

  /**
   * PUT .../authorisations/{id} with `{authenticationMethodId}`: starts the chosen SCA; `answer`
   * as `ScaService.selectMethod`'s.
   */
  async selectMethod(
    ctx: CallContext,
    input: ConsentRef & { authorisationId: string; body: unknown; psu: PsuInfo },
    answer?: (selected: SelectedConsentMethod) => JointWrite,
  ): Promise<SelectedConsentMethod> {
    const consent = await this.get(ctx, input);
    const selected = await this.options.sca.selectMethod(
      ctx,
      'consent',
      consent,
      input,
      answer && ((chosen) => answer({ ...chosen, consent })),
    );
    return { ...selected, consent };
  }

  /**
   * Applies what time has brought to a consent (expired, or rejected unauthorised), so that
   * its event is written when it happens rather than at the TPP's next read.
   */
  async applyTime(ctx: CallContext, consentId: string): Promise<ConsentRecord | undefined> {
    const found = await this.options.consents.get(consentId);
    return found && this.subject.current(ctx, found);
  }

  /** Ends the bank's consent of a consent that never became valid, where that is still due. */
  async endAtBank(ctx: CallContext, consentId: string): Promise<void> {
    const found = await this.options.consents.get(consentId);
    if (found) await this.subject.abandonAtBank(ctx, found);
  }

  // ---- internals -------------------------------------------------------------------------

  private async changeConsent(
    ctx: CallContext,
    consent: ConsentRecord,
    event: ConsentEvent,
    reason: string,
    alongside?: JointWrite,
  ): Promise<ConsentRecord> {
    const timeZone = this.subject.timeZone(consent);
    const applied = applyConsentEvent(toDomain(consent), event, this.options.now(), timeZone);
    if (!applied.ok) throw Problem.fromRule(applied.error);
    const written = await this.options.consents.changeStatus(
      consent,
      applied.consent.status,
      { reason, requestId: ctx.requestId },
      { lastActionDate: applied.consent.lastActionDate },
      alongside,
    );
    if (written === CONFLICT) throw concurrentChange();
    return written;
  }
}

function unknownBank(bic: string): Problem {
  return Problem.format(
    `X-BicFi: no bank with BIC ${bic} is served; list the banks with GET /psd2/aspspinformation/v1/aspsps`,
  );
}

function concurrentChange(): Problem {
  return new Problem(
    'STATUS_INVALID',
    'The consent was changed by another request at the same time; read it again and retry',
  );
}
