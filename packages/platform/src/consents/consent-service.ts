/**
 * The consent use cases: what happens when a TPP creates, reads, deletes or authorises a
 * consent. Each method checks the request with the pure rules (`consent/`), talks to the bank
 * through its connector, and writes the outcome with the consent store, in that order: a bank
 * that fails leaves nothing written, and a write that loses a race is read again.
 *
 * The PSD2 routes (`psd2/consent/routes.ts`) call the TPP-facing methods and get `Problem`s;
 * the auth server calls the redirect-SCA methods (`beginRedirect`, `bankReturned`,
 * `finishRedirect`) and gets `OAuthError`s.
 */
import { createHash, randomBytes } from 'node:crypto';
import { OAuthError } from '../auth/oauth-error.js';
import type {
  BankReturn,
  BankReturnOutcome,
  BeginRedirect,
  FinishRedirect,
  RedirectScaService,
} from '../auth/redirect-sca.js';
import {
  type ConsentAccess as BankAccess,
  type BankConnector,
  type BankConsentStatus,
  BankError,
  type ConnectorLookup,
  type BankTokens as ConnectorTokens,
  isBankError,
} from '../connectors/index.js';
import type { CallContext } from '../logging/logger.js';
import { Problem } from '../problems.js';
import type { AspspEntry, Registry } from '../registry/types.js';
import {
  type AuthorisationRecord,
  type BankTokens,
  type Cause,
  CONFLICT,
  type ConsentRecord,
  type ConsentsRepository,
  type JointChange,
} from '../store/consents.js';
import {
  type AccountReference,
  applyConsentEvent,
  bankTimeZone,
  type Consent,
  type ConsentAccess,
  type ConsentEvent,
  type ConsentStatus,
  chooseScaApproach,
  consentEventFromBank,
  consentForm,
  createConsent,
  dueLifecycleEvent,
  type GrantedAccess,
  isConsentStatus,
  isScaStatus,
  localDate,
  mapBankScaStatus,
  parseConsentRequest,
  parseScaMethodSelection,
  type ScaApproach,
  type ScaMethod,
  type ScaStatus,
  scaMethodsFor,
  TERMINAL_CONSENT_STATUSES,
  TERMINAL_SCA_STATUSES,
  transitionConsent,
  transitionSca,
} from './rules/index.js';

/** The PSU's side of a TPP request, forwarded to the bank. */
export interface PsuInfo {
  ipAddress?: string | undefined;
  userAgent?: string | undefined;
  psuId?: string | undefined;
  corporateId?: string | undefined;
}

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
}

export interface CreatedConsent {
  consent: ConsentRecord;
  scaApproach: ScaApproach;
  scaMethods: ScaMethod[];
}

export interface StartedAuthorisation {
  authorisation: AuthorisationRecord;
  scaApproach: ScaApproach;
  scaMethods: ScaMethod[];
}

/** The chosen method's outcome, with the consent it is for (the redirect link names it). */
export type SelectedMethod = { consent: ConsentRecord; method: ScaMethod } & (
  | { approach: 'REDIRECT'; authorisation: AuthorisationRecord }
  | {
      approach: 'DECOUPLED';
      authorisation: AuthorisationRecord;
      autoStartToken: string;
      psuMessage: string;
    }
);

const DEFAULT_PSU_MESSAGE =
  'Open the BankID app on your phone and scan the QR code, or open BankID on this device, to log in to your bank.';

export class ConsentService implements RedirectScaService {
  private readonly banks: Map<string, AspspEntry>;

  constructor(private readonly options: ConsentServiceOptions) {
    this.banks = new Map(options.registry.aspsps.map((entry) => [entry.bicFi, entry]));
  }

  /** The registry entry of a BIC (any case), or undefined. */
  bank(bic: string): AspspEntry | undefined {
    return this.banks.get(bic.trim().toUpperCase());
  }

  // ---- TPP-facing: /psd2/consent/v1 -------------------------------------------------------

  async create(ctx: CallContext, input: NewConsentInput): Promise<CreatedConsent> {
    const entry = this.bank(input.bic);
    if (!entry) throw unknownBank(input.bic);
    const now = this.options.now();
    const timeZone = bankTimeZone(entry.isoCountryCode);
    const parsed = parseConsentRequest(input.body, entry.consent, localDate(now, timeZone));
    if (!parsed.ok) throw Problem.fromRule(parsed.error);
    const request = parsed.value;
    for (const header of entry.connector.requiredPsuHeaders) {
      if (!psuHeaderPresent(input.psu, header)) {
        throw Problem.format(`the ${header} header is required by ${entry.name}`);
      }
    }
    const approach = chooseScaApproach(entry.connector.scaApproaches, input.tppRedirectPreferred);
    const bank = this.connector(entry);
    const bctx = this.bankContext(ctx, entry);

    const created = await bankCall(() =>
      bank.createConsent(bctx, {
        access: toBankAccess(request.access),
        recurringIndicator: request.recurringIndicator,
        validUntil: request.validUntil,
        frequencyPerDay: request.frequencyPerDay,
        combinedServiceIndicator: request.combinedServiceIndicator,
        psu: bankPsu(input.psu),
      }),
    );
    // A bank may cap further than the registry says; what it recorded is what holds.
    const validUntil =
      created.validUntil && created.validUntil < request.validUntil
        ? created.validUntil
        : request.validUntil;
    const frequencyPerDay =
      created.frequencyPerDay && created.frequencyPerDay < request.frequencyPerDay
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
          bankConsentId: created.bankConsentId,
          lastActionDate: draft.lastActionDate,
        },
        { reason: 'created', requestId: ctx.requestId },
      );
      for (const adjustment of parsed.adjustments) {
        ctx.logger.info({ consentId: consent.id, ...adjustment }, 'consent request adjusted');
      }
      return {
        consent,
        scaApproach: approach,
        scaMethods: scaMethodsFor(entry.connector.scaApproaches, approach),
      };
    } catch (error) {
      // Not stored: do not leave an orphan consent at the bank.
      await bank.deleteConsent(bctx, created.bankConsentId).catch((err: unknown) => {
        ctx.logger.warn({ err }, 'could not delete the bank consent of a consent not stored');
      });
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
    let consent = await this.current(ctx, found);
    if (consent.status === 'received') consent = await this.followDecoupled(ctx, consent);
    return consent;
  }

  /** DELETE: ends the consent at the bank, then here (`terminatedByTpp`). */
  async delete(ctx: CallContext, ref: ConsentRef): Promise<void> {
    const consent = await this.get(ctx, ref);
    const refused = transitionConsent(status(consent), 'terminatedByTpp');
    if (!refused.ok) throw Problem.fromRule(refused.error);
    const entry = this.entryOf(consent);
    if (consent.bankConsentId) {
      try {
        await this.connector(entry).deleteConsent(
          this.bankContext(ctx, entry),
          consent.bankConsentId,
        );
      } catch (error) {
        // The bank no longer knows the consent, or it has ended there: end it here too.
        if (!isBankError(error, 'rejected')) throw toProblem(error);
        ctx.logger.info({ err: error }, 'the bank refused to delete the consent; ending it here');
      }
    }
    await this.changeConsent(ctx, consent, 'terminatedByTpp', 'deleted by the TPP');
  }

  async startAuthorisation(ctx: CallContext, ref: ConsentRef): Promise<StartedAuthorisation> {
    const consent = await this.get(ctx, ref);
    if (consent.status !== 'received') {
      throw new Problem(
        'STATUS_INVALID',
        `The consent is ${consent.status}: only a consent that is received (not yet authorised) can be authorised`,
      );
    }
    const entry = this.entryOf(consent);
    const approach = (consent.scaApproach ?? entry.connector.scaApproaches[0]) as ScaApproach;
    const authorisation = await this.options.consents.createAuthorisation(
      consent,
      { scaStatus: 'received', scaApproach: approach },
      { reason: 'authorisation started', requestId: ctx.requestId },
    );
    return {
      authorisation,
      scaApproach: approach,
      scaMethods: scaMethodsFor(entry.connector.scaApproaches, approach),
    };
  }

  async authorisationIds(ctx: CallContext, ref: ConsentRef) {
    const consent = await this.get(ctx, ref);
    return (await this.options.consents.authorisations(consent.id)).map((a) => a.id);
  }

  /** The authorisation's SCA status; a decoupled SCA in progress is asked at the bank first. */
  async authorisation(
    ctx: CallContext,
    ref: ConsentRef,
    authorisationId: string,
  ): Promise<AuthorisationRecord> {
    const consent = await this.get(ctx, ref);
    const authorisation = await this.findAuthorisation(consent, authorisationId);
    return this.endedWithConsent(ctx, consent, authorisation);
  }

  /** PUT .../authorisations/{id} with `{authenticationMethodId}`: starts the chosen SCA. */
  async selectMethod(
    ctx: CallContext,
    input: ConsentRef & { authorisationId: string; body: unknown; psu: PsuInfo },
  ): Promise<SelectedMethod> {
    const consent = await this.get(ctx, input);
    const authorisation = await this.findAuthorisation(consent, input.authorisationId);
    const entry = this.entryOf(consent);
    const chosen = parseScaMethodSelection(input.body, entry.connector.scaApproaches);
    if (!chosen.ok) throw Problem.fromRule(chosen.error);
    if (consent.status !== 'received') {
      throw new Problem(
        'STATUS_INVALID',
        `The consent is ${consent.status}: there is nothing left to authorise`,
      );
    }
    if (!['received', 'psuIdentified', 'psuAuthenticated'].includes(authorisation.scaStatus)) {
      throw new Problem(
        'STATUS_INVALID',
        `The authorisation is ${authorisation.scaStatus}: its SCA method was chosen already; start a new authorisation (POST .../authorisations) to choose again`,
      );
    }

    if (chosen.approach === 'REDIRECT') {
      const updated = await this.changeSca(
        ctx,
        authorisation,
        'scaMethodSelected',
        'redirect SCA chosen',
        {
          scaApproach: 'REDIRECT',
        },
      );
      return { approach: 'REDIRECT', consent, method: chosen.method, authorisation: updated };
    }

    if (!consent.bankConsentId) throw new Error(`consent ${consent.id} has no bank consent id`);
    const bank = this.connector(entry);
    const started = await bankCall(() =>
      bank.startDecoupled(this.bankContext(ctx, entry), {
        bankConsentId: consent.bankConsentId as string,
        ...(input.psu.psuId ? { psuId: input.psu.psuId } : {}),
        psu: bankPsu(input.psu),
      }),
    );
    const psuMessage = started.psuMessage ?? DEFAULT_PSU_MESSAGE;
    const reported = mapBankScaStatus(started.scaStatus);
    const target: ScaStatus =
      reported &&
      reported.scaStatus !== 'received' &&
      !TERMINAL_SCA_STATUSES.has(reported.scaStatus)
        ? reported.scaStatus
        : 'started';
    const updated = await this.changeSca(
      ctx,
      authorisation,
      target,
      'decoupled SCA started at the bank',
      {
        scaApproach: 'DECOUPLED',
        bankAuthorisationId: started.authorisationId,
        autoStartToken: started.autoStartToken,
        psuMessage,
      },
    );
    return {
      approach: 'DECOUPLED',
      consent,
      method: chosen.method,
      authorisation: updated,
      autoStartToken: started.autoStartToken,
      psuMessage,
    };
  }

  // ---- Redirect SCA, called by the auth server ---------------------------------------------

  /**
   * `/connect/authorize` for a consent: checks that the consent is the client's, at that bank,
   * and waiting for a redirect SCA; returns the bank's login URL, with a PKCE challenge whose
   * verifier stays here (sealed).
   */
  async beginRedirect(ctx: CallContext, input: BeginRedirect): Promise<string> {
    const found = await this.options.consents.findOwned(input.clientId, input.consentId);
    if (!found) {
      throw new OAuthError(
        'invalid_request',
        `consentId ${input.consentId} is not a consent of this client`,
      );
    }
    const consent = await this.current(ctx, found);
    if (consent.bic !== input.bic.trim().toUpperCase()) {
      throw new OAuthError(
        'invalid_request',
        `idp:${input.bic} is not the bank of consent ${consent.id} (${consent.bic})`,
      );
    }
    if (consent.status !== 'received') {
      throw new OAuthError(
        'invalid_request',
        `consent ${consent.id} is ${consent.status}: it cannot be authorised`,
      );
    }
    const authorisation = await this.options.consents.findAuthorisation(
      consent.id,
      input.authorisationId,
    );
    if (!authorisation) {
      throw new OAuthError(
        'invalid_request',
        `consentAuthorisationId ${input.authorisationId} is not an authorisation of consent ${consent.id}`,
      );
    }
    const approach = authorisation.scaApproach ?? consent.scaApproach;
    if (approach !== 'REDIRECT' || TERMINAL_SCA_STATUSES.has(scaStatus(authorisation))) {
      throw new OAuthError(
        'invalid_request',
        approach !== 'REDIRECT'
          ? `authorisation ${authorisation.id} uses the ${approach} approach, not a redirect`
          : `authorisation ${authorisation.id} has ended (${authorisation.scaStatus}); start a new one`,
      );
    }
    const entry = this.entryOf(consent);
    const codeVerifier = randomBytes(32).toString('base64url');
    const url = await this.connector(entry)
      .authorizationUrl(this.bankContext(ctx, entry), {
        bankConsentId: consent.bankConsentId as string,
        redirectUri: input.bankRedirectUri,
        state: input.state,
        codeChallenge: createHash('sha256').update(codeVerifier).digest('base64url'),
      })
      .catch((error: unknown) => {
        throw toOAuthError(error);
      });
    await this.changeSca(ctx, authorisation, 'started', 'PSU sent to the bank', {
      scaApproach: 'REDIRECT',
      bankExchange: { codeVerifier, redirectUri: input.bankRedirectUri },
    });
    return url;
  }

  /**
   * The bank sent the PSU back. The bank's code is kept (sealed) until the TPP redeems the code
   * Bankbridge gives it; a denial ends the SCA `failed` and the consent `rejected`.
   */
  async bankReturned(ctx: CallContext, input: BankReturn): Promise<BankReturnOutcome> {
    const { consent, authorisation, exchange } = await this.redirectInProgress(
      await this.options.consents.get(input.consentId),
      input.authorisationId,
    );
    if (!consent || !authorisation || !exchange || exchange.redirectUri !== input.bankRedirectUri) {
      return {
        ok: false,
        error: 'invalid_request',
        description: 'this authorisation is not waiting for the bank',
      };
    }
    if (scaStatus(authorisation) !== 'started' || exchange.code !== undefined) {
      return {
        ok: false,
        error: 'invalid_request',
        description: `the authorisation is ${authorisation.scaStatus}; the bank's answer came too late or twice`,
      };
    }
    const entry = this.entryOf(consent);
    try {
      const { code } = this.connector(entry).readAuthorizationCallback(
        this.bankContext(ctx, entry),
        input.callback,
      );
      await this.changeSca(
        ctx,
        authorisation,
        'psuAuthenticated',
        'PSU authenticated at the bank',
        {
          bankExchange: { ...exchange, code },
        },
      );
      return { ok: true };
    } catch (error) {
      if (!(error instanceof BankError)) throw error;
      const denied = error.kind === 'access_denied';
      await this.endSca(
        ctx,
        consent,
        authorisation,
        denied ? 'rejectedAtBank' : undefined,
        error.message,
      );
      return {
        ok: false,
        error: denied ? 'access_denied' : 'server_error',
        description: denied
          ? 'the PSU did not authorise the consent at the bank'
          : `the bank answered with an error: ${error.text ?? error.code ?? 'unknown'}`,
      };
    }
  }

  /**
   * The TPP redeemed its code: exchange the bank's code for bank tokens, store them sealed,
   * and mark the SCA finalised and the consent valid, together. A bank failure ends the SCA
   * `failed` (the TPP starts a new authorisation) and is thrown as an `OAuthError`.
   */
  async finishRedirect(ctx: CallContext, input: FinishRedirect): Promise<void> {
    const { consent, authorisation, exchange } = await this.redirectInProgress(
      await this.options.consents.findOwned(input.clientId, input.consentId),
      input.authorisationId,
    );
    if (!consent || !authorisation || !exchange?.code) {
      throw new OAuthError('invalid_grant', 'the consent of this code is not waiting for a token');
    }
    const now = await this.current(ctx, consent);
    if (now.status !== 'received') {
      throw new OAuthError(
        'invalid_grant',
        `consent ${consent.id} is ${now.status}: the code can no longer authorise it`,
      );
    }
    const entry = this.entryOf(consent);
    const bank = this.connector(entry);
    const bctx = this.bankContext(ctx, entry);
    let tokens: ConnectorTokens;
    let granted: GrantedAccess | undefined;
    try {
      tokens = await bank.exchangeCode(bctx, {
        code: exchange.code,
        redirectUri: exchange.redirectUri,
        codeVerifier: exchange.codeVerifier,
        bankConsentId: consent.bankConsentId as string,
      });
      granted = await this.grantedAccess(ctx, consent, entry, bank);
    } catch (error) {
      if (!(error instanceof BankError)) throw error;
      await this.endSca(
        ctx,
        consent,
        authorisation,
        error.kind === 'access_denied' ? 'rejectedAtBank' : undefined,
        error.message,
      );
      throw toOAuthError(error);
    }
    const done = await this.authorise(
      ctx,
      consent,
      authorisation,
      tokens,
      granted,
      'redirect SCA finalised',
    );
    if (!done)
      throw new OAuthError('invalid_grant', 'the consent changed while the code was redeemed');
  }

  // ---- internals -------------------------------------------------------------------------

  /** A redirect SCA's consent, authorisation and sealed bank exchange, as far as they exist. */
  private async redirectInProgress(consent: ConsentRecord | undefined, authorisationId: string) {
    const authorisation = consent
      ? await this.options.consents.findAuthorisation(consent.id, authorisationId)
      : undefined;
    const exchange = authorisation
      ? await this.options.consents.bankExchange(authorisation.id)
      : undefined;
    return { consent, authorisation, exchange };
  }

  /** Applies the change time has brought (authorisation timed out, validUntil passed). */
  private async current(ctx: CallContext, record: ConsentRecord): Promise<ConsentRecord> {
    let consent = record;
    for (let attempt = 0; attempt < 3; attempt++) {
      const entry = this.entryOf(consent);
      const timeZone = bankTimeZone(entry.isoCountryCode);
      const due = dueLifecycleEvent(toDomain(consent), this.options.now(), {
        timeZone,
        authorisationTimeoutSeconds: this.options.authorisationTimeoutSeconds,
      });
      if (!due) return consent;
      const applied = applyConsentEvent(toDomain(consent), due.event, due.at, timeZone);
      if (!applied.ok || !applied.changed) return consent;
      const written = await this.options.consents.changeStatus(
        consent,
        applied.consent.status,
        { reason: due.event, requestId: ctx.requestId },
        { lastActionDate: applied.consent.lastActionDate },
      );
      if (written !== CONFLICT) return written;
      consent = (await this.options.consents.get(consent.id)) ?? consent;
    }
    return consent;
  }

  /**
   * A consent waiting for a decoupled SCA: asks the bank how its authorisations are doing, so
   * that GET status reflects the PSU's progress (the integration guide polls only that).
   */
  private async followDecoupled(ctx: CallContext, consent: ConsentRecord): Promise<ConsentRecord> {
    const running = (await this.options.consents.authorisations(consent.id)).filter(
      inDecoupledProgress,
    );
    let latest = consent;
    // Newest first: the one the PSU is most likely busy with.
    for (const authorisation of running.reverse()) {
      await this.pollDecoupled(ctx, latest, authorisation);
      latest = (await this.options.consents.get(consent.id)) ?? latest;
      if (latest.status !== 'received') break;
    }
    return latest;
  }

  /** The authorisation, ended if its consent has ended (read it after `get`, which polls). */
  private async endedWithConsent(
    ctx: CallContext,
    consent: ConsentRecord,
    authorisation: AuthorisationRecord,
  ): Promise<AuthorisationRecord> {
    // An authorisation cannot outlive its consent: a consent that ended takes it along.
    if (
      TERMINAL_CONSENT_STATUSES.has(status(consent)) &&
      !TERMINAL_SCA_STATUSES.has(scaStatus(authorisation))
    ) {
      const ended = await this.options.consents.changeScaStatus(authorisation, 'failed', {
        reason: `consent ${consent.status}`,
        requestId: ctx.requestId,
      });
      if (ended !== CONFLICT) return ended;
    }
    return authorisation;
  }

  private async pollDecoupled(
    ctx: CallContext,
    consent: ConsentRecord,
    authorisation: AuthorisationRecord,
  ): Promise<void> {
    const entry = this.entryOf(consent);
    const bank = this.connector(entry);
    const bctx = this.bankContext(ctx, entry);
    const ref = {
      bankConsentId: consent.bankConsentId as string,
      authorisationId: authorisation.bankAuthorisationId as string,
    };
    const reported = await bankCall(() => bank.getDecoupledStatus(bctx, ref));
    const report = mapBankScaStatus(reported.scaStatus);
    if (!report) {
      ctx.logger.warn({ scaStatus: reported.scaStatus }, 'the bank reported an unknown SCA status');
      return;
    }
    const psuMessage = reported.psuMessage;
    if (report.scaStatus === 'finalised' || report.scaStatus === 'exempted') {
      // The bank issues the tokens once: of two pollers (two instances, say) only the one that
      // claims the authorisation first redeems them; the other answers what is stored.
      const claimed = await this.options.consents.changeScaStatus(
        authorisation,
        authorisation.scaStatus,
        { reason: 'redeeming the bank grant', requestId: ctx.requestId },
      );
      if (claimed === CONFLICT) return;
      let tokens: ConnectorTokens | 'pending';
      let granted: GrantedAccess | undefined;
      try {
        tokens = await bank.exchangeDecoupled(bctx, ref);
        if (tokens === 'pending') return;
        granted = await this.grantedAccess(ctx, consent, entry, bank);
      } catch (error) {
        if (isBankError(error, 'unavailable')) throw toProblem(error);
        if (!(error instanceof BankError)) throw error;
        const atBank = await this.bankConsentEvent(ctx, consent);
        // Finalised at the bank, yet the tokens are not ours: a poll that claimed before us
        // (while we read "finalised") holds them and records the outcome.
        if (atBank === 'scaFinalised') return;
        // Denied, or the bank will not hand out the tokens: this SCA is over.
        await this.endSca(ctx, consent, claimed, atBank, error.message);
        return;
      }
      await this.recordRedeemedGrant(ctx, consent, claimed, tokens, granted);
      return;
    }
    if (report.scaStatus === 'failed') {
      await this.endSca(
        ctx,
        consent,
        authorisation,
        await this.bankVerdict(ctx, consent),
        'the bank reported the SCA failed',
      );
      return;
    }
    const step = transitionSca(scaStatus(authorisation), report.scaEvent ?? 'scaStarted');
    const messageChanged = psuMessage !== undefined && psuMessage !== authorisation.psuMessage;
    if (step.ok && (step.changed || messageChanged)) {
      await this.options.consents.changeScaStatus(
        authorisation,
        step.status,
        { reason: 'reported by the bank', requestId: ctx.requestId },
        messageChanged ? { psuMessage } : {},
      );
    }
  }

  /**
   * The bank's grant was redeemed: the tokens exist only here. A later poll that read the
   * bank's "finalised" may claim the authorisation after us (a claim moves its version) and
   * then find the tokens gone, so a conflict is retried on fresh reads while the SCA is still
   * open, rather than dropping the tokens and leaving the consent without them.
   */
  private async recordRedeemedGrant(
    ctx: CallContext,
    consent: ConsentRecord,
    authorisation: AuthorisationRecord,
    tokens: ConnectorTokens,
    granted: GrantedAccess | undefined,
  ): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      if (
        await this.authorise(
          ctx,
          consent,
          authorisation,
          tokens,
          granted,
          'decoupled SCA finalised',
        )
      ) {
        return;
      }
      const [fresh, authorisations] = await Promise.all([
        this.options.consents.get(consent.id),
        this.options.consents.authorisations(consent.id),
      ]);
      const freshAuthorisation = authorisations.find((a) => a.id === authorisation.id);
      if (
        !fresh ||
        !freshAuthorisation ||
        status(fresh) !== 'received' ||
        TERMINAL_SCA_STATUSES.has(scaStatus(freshAuthorisation))
      ) {
        break;
      }
      consent = fresh;
      authorisation = freshAuthorisation;
    }
    ctx.logger.warn(
      { consentId: consent.id, authorisationId: authorisation.id },
      'the redeemed bank grant could not be recorded: the consent or its SCA changed meanwhile',
    );
  }

  /** What the bank says of a consent whose SCA failed: rejected there, or still open. */
  private async bankVerdict(
    ctx: CallContext,
    consent: ConsentRecord,
  ): Promise<ConsentEvent | undefined> {
    const event = await this.bankConsentEvent(ctx, consent);
    return event === 'scaFinalised' ? undefined : event;
  }

  /** The consent's status at the bank as an event, or undefined when it cannot be read. */
  private async bankConsentEvent(
    ctx: CallContext,
    consent: ConsentRecord,
  ): Promise<ConsentEvent | undefined> {
    const entry = this.entryOf(consent);
    try {
      const bankStatus: BankConsentStatus = await this.connector(entry).getConsentStatus(
        this.bankContext(ctx, entry),
        consent.bankConsentId as string,
      );
      return consentEventFromBank(bankStatus);
    } catch (err) {
      ctx.logger.warn({ err }, 'could not read the consent status at the bank');
      return undefined;
    }
  }

  /** For a bank-offered consent: the accounts the PSU picked at the bank. */
  private async grantedAccess(
    ctx: CallContext,
    consent: ConsentRecord,
    entry: AspspEntry,
    bank: BankConnector,
  ): Promise<GrantedAccess | undefined> {
    if (consentForm(consent.access as ConsentAccess) !== 'bankOffered') return undefined;
    const atBank = await bank.getConsent(
      this.bankContext(ctx, entry),
      consent.bankConsentId as string,
    );
    return {
      accounts: references(atBank.access.accounts),
      balances: references(atBank.access.balances),
      transactions: references(atBank.access.transactions),
    };
  }

  /** SCA finalised, tokens stored, consent valid: one write, or none. */
  private async authorise(
    ctx: CallContext,
    consent: ConsentRecord,
    authorisation: AuthorisationRecord,
    tokens: ConnectorTokens,
    granted: GrantedAccess | undefined,
    reason: string,
  ): Promise<boolean> {
    const entry = this.entryOf(consent);
    const timeZone = bankTimeZone(entry.isoCountryCode);
    const applied = applyConsentEvent(
      toDomain(consent),
      'scaFinalised',
      this.options.now(),
      timeZone,
    );
    const sca = transitionSca(scaStatus(authorisation), 'scaFinalised');
    if (!applied.ok || !sca.ok) return false;
    const written = await this.options.consents.changeTogether(
      {
        consent: {
          read: consent,
          status: applied.consent.status,
          changes: {
            lastActionDate: applied.consent.lastActionDate,
            ...(granted ? { grantedAccess: granted } : {}),
          },
          bankTokens: storedTokens(tokens),
        },
        authorisation: {
          read: authorisation,
          scaStatus: sca.status,
          changes: { bankExchange: null },
        },
      },
      { reason, requestId: ctx.requestId },
    );
    return written !== CONFLICT;
  }

  /** The SCA failed; the consent follows `consentEvent` (rejected at the bank) or stays. */
  private async endSca(
    ctx: CallContext,
    consent: ConsentRecord,
    authorisation: AuthorisationRecord,
    consentEvent: ConsentEvent | undefined,
    reason: string,
  ): Promise<void> {
    const change: JointChange = {
      authorisation: { read: authorisation, scaStatus: 'failed', changes: { bankExchange: null } },
    };
    if (consentEvent) {
      const timeZone = bankTimeZone(this.entryOf(consent).isoCountryCode);
      const applied = applyConsentEvent(
        toDomain(consent),
        consentEvent,
        this.options.now(),
        timeZone,
      );
      if (applied.ok && applied.changed) {
        change.consent = {
          read: consent,
          status: applied.consent.status,
          changes: { lastActionDate: applied.consent.lastActionDate },
        };
      }
    }
    const sca = transitionSca(scaStatus(authorisation), 'scaFailed');
    if (!sca.ok) return;
    const written = await this.options.consents.changeTogether(change, {
      reason,
      requestId: ctx.requestId,
    });
    if (written === CONFLICT)
      ctx.logger.info({ authorisationId: authorisation.id }, 'SCA already ended');
  }

  private async changeConsent(
    ctx: CallContext,
    consent: ConsentRecord,
    event: ConsentEvent,
    reason: string,
  ): Promise<ConsentRecord> {
    const timeZone = bankTimeZone(this.entryOf(consent).isoCountryCode);
    const applied = applyConsentEvent(toDomain(consent), event, this.options.now(), timeZone);
    if (!applied.ok) throw Problem.fromRule(applied.error);
    const written = await this.options.consents.changeStatus(
      consent,
      applied.consent.status,
      { reason, requestId: ctx.requestId },
      { lastActionDate: applied.consent.lastActionDate },
    );
    if (written === CONFLICT) throw concurrentChange();
    return written;
  }

  private async changeSca(
    ctx: CallContext,
    authorisation: AuthorisationRecord,
    target: ScaStatus,
    reason: string,
    changes: Parameters<ConsentsRepository['changeScaStatus']>[3] = {},
  ): Promise<AuthorisationRecord> {
    const written = await this.options.consents.changeScaStatus(
      authorisation,
      target,
      { reason, requestId: ctx.requestId } satisfies Cause,
      changes,
    );
    if (written === CONFLICT) throw concurrentChange();
    return written;
  }

  private async findAuthorisation(
    consent: ConsentRecord,
    authorisationId: string,
  ): Promise<AuthorisationRecord> {
    const authorisation = await this.options.consents.findAuthorisation(
      consent.id,
      authorisationId,
    );
    if (!authorisation) {
      throw new Problem(
        'RESOURCE_UNKNOWN',
        `Consent ${consent.id} has no authorisation ${authorisationId}`,
      );
    }
    return authorisation;
  }

  private entryOf(consent: ConsentRecord): AspspEntry {
    const entry = this.bank(consent.bic);
    if (!entry) {
      // The operator removed the bank from the registry while consents at it remained.
      throw new Problem(
        'SERVICE_UNAVAILABLE',
        `The bank of this consent (${consent.bic}) is no longer served by this Bankbridge`,
      );
    }
    return entry;
  }

  private connector(entry: AspspEntry): BankConnector {
    return this.options.connectorFor(entry.bicFi);
  }

  private bankContext(ctx: CallContext, entry: AspspEntry) {
    return { requestId: ctx.requestId, bic: entry.bicFi, logger: ctx.logger };
  }
}

// ---- conversions and errors ----------------------------------------------------------------

function status(consent: ConsentRecord): ConsentStatus {
  if (!isConsentStatus(consent.status)) throw new Error(`stored consent status ${consent.status}`);
  return consent.status;
}

function scaStatus(authorisation: AuthorisationRecord): ScaStatus {
  if (!isScaStatus(authorisation.scaStatus)) {
    throw new Error(`stored SCA status ${authorisation.scaStatus}`);
  }
  return authorisation.scaStatus;
}

function inDecoupledProgress(authorisation: AuthorisationRecord): boolean {
  return (
    authorisation.scaApproach === 'DECOUPLED' &&
    authorisation.bankAuthorisationId !== null &&
    !TERMINAL_SCA_STATUSES.has(scaStatus(authorisation))
  );
}

export function toDomain(record: ConsentRecord): Consent {
  return {
    id: record.id,
    clientId: record.clientId,
    bic: record.bic,
    status: status(record),
    access: record.access as ConsentAccess,
    recurringIndicator: record.recurringIndicator,
    validUntil: record.validUntil,
    frequencyPerDay: record.frequencyPerDay,
    combinedServiceIndicator: record.combinedServiceIndicator,
    psuContext: record.psuContext,
    psuCorporateId: record.psuCorporateId,
    grantedAccess: (record.grantedAccess as GrantedAccess | null) ?? null,
    createdAt: record.createdAt,
    lastActionDate: record.lastActionDate,
    statusChangedAt: record.statusChangedAt,
  };
}

function toBankAccess(access: ConsentAccess): BankAccess {
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

function bankPsu(psu: PsuInfo) {
  return {
    ...(psu.ipAddress ? { ipAddress: psu.ipAddress } : {}),
    ...(psu.userAgent ? { userAgent: psu.userAgent } : {}),
    ...(psu.corporateId ? { corporateId: psu.corporateId } : {}),
  };
}

function psuHeaderPresent(psu: PsuInfo, header: string): boolean {
  switch (header.toLowerCase()) {
    case 'psu-ip-address':
      return Boolean(psu.ipAddress);
    case 'psu-user-agent':
      return Boolean(psu.userAgent);
    case 'psu-id':
      return Boolean(psu.psuId);
    case 'psu-corporate-id':
      return Boolean(psu.corporateId);
    default:
      return true;
  }
}

/** Another client's consent answers exactly as an unknown one (403: the id is in the path). */
function consentUnknown(): Problem {
  return new Problem(
    'CONSENT_UNKNOWN',
    'There is no consent with this id for this client (check the consentId in the path)',
  );
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

async function bankCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toProblem(error);
  }
}

/**
 * A bank's failure as the TPP sees it: 503 SERVICE_UNAVAILABLE when the bank could not be used
 * (with its Retry-After), the bank's own 4xx reason when it refused.
 */
export function toProblem(error: unknown): unknown {
  if (!(error instanceof BankError)) return error;
  if (error.kind === 'rejected' && error.status !== undefined && error.status < 500) {
    const code =
      error.code === 'FORMAT_ERROR' || error.code === 'PARAMETER_NOT_SUPPORTED'
        ? error.code
        : 'FORMAT_ERROR';
    return new Problem(code, `The bank refused the request: ${error.message}`, { status: 400 });
  }
  const headers: Record<string, string> = error.retryAfterSeconds
    ? { 'Retry-After': String(error.retryAfterSeconds) }
    : {};
  return new Problem(
    'SERVICE_UNAVAILABLE',
    `The bank could not be reached or failed: ${error.message}. Try again later.`,
    { headers: headers },
  );
}

function toOAuthError(error: unknown): unknown {
  if (!(error instanceof BankError)) return error;
  if (error.kind === 'access_denied') {
    return new OAuthError('access_denied', 'the PSU did not authorise the consent at the bank');
  }
  if (error.kind === 'rejected' || error.kind === 'unauthorized') {
    return new OAuthError('invalid_grant', `the bank refused the authorization: ${error.message}`);
  }
  return new OAuthError(
    'temporarily_unavailable',
    `the bank could not be reached or failed: ${error.message}; start a new authorisation`,
    503,
  );
}
