import { bankCall } from '../connectors/bank-problem.js';
import type { CallContext } from '../logging/logger.js';
import { Problem } from '../problems.js';
import type { AuthorisationRecord } from '../store/authorisations.js';
import { animatedQrPayload } from './animated-qr.js';
import { DecoupledSca } from './decoupled-sca.js';
import { type PsuInfo, psuHeaders } from './psu.js';
import { bankIdLink } from './qr-code.js';
import {
  type BankReturn,
  type BankReturnOutcome,
  type BeginRedirect,
  type FinishRedirect,
  RedirectSca,
  type RedirectTarget,
} from './redirect-sca.js';
import {
  animatedQrOf,
  parseScaMethodSelection,
  readBankScaStatus,
  type ScaApproach,
  type ScaMethod,
  type ScaStatus,
  scaMethodsFor,
  TERMINAL_SCA_STATUSES,
} from './rules/index.js';
import { type Loaded, type ScaEngineOptions, ScaSteps } from './sca-steps.js';
import type {
  AccountChoice,
  ScaSubject,
  StepAfterBank,
  StepBeforeBank,
  StepBeforeBankAnswer,
} from './subject.js';

export interface StartedAuthorisation {
  authorisation: AuthorisationRecord;
  scaApproach: ScaApproach;
  scaMethods: ScaMethod[];
}

/**
 * The animated QR code of this second, for a decoupled SCA whose method has one: `image` is to
 * be answered as a picture of `payload`, `token` as the text itself.
 */
export interface QrCode {
  kind: 'image' | 'token';
  payload: string;
}

/** An authorisation as a TPP reads it: with the QR code to show now, while there is one. */
export type AuthorisationState = AuthorisationRecord & { qrCode?: QrCode };

/** The chosen method's outcome (a redirect's link names the resource and authorisation). */
export type SelectedMethod = { method: ScaMethod; authorisation: AuthorisationRecord } & (
  | { approach: 'REDIRECT' }
  | { approach: 'DECOUPLED'; autoStartToken: string; psuMessage: string; qrCode?: QrCode }
);

const DEFAULT_PSU_MESSAGE =
  'Open the BankID app on your phone and scan the QR code, or open BankID on this device, to log in to your bank.';

/**
 * The SCA engine: the authorisations of any resource that needs strong customer
 * authentication, through every step of them. Start with this file.
 *
 * - A resource takes part by implementing `ScaSubject` (subject.ts) and registering it here:
 *   how to load it, what of it the engine reads, and what its SCA finalised or failed means
 *   for it. Nothing here names a kind of resource.
 * - TPP-facing steps (this class): start an authorisation, list them, read one (a decoupled
 *   SCA in progress is asked at the bank first), choose the SCA method.
 * - Redirect SCA (redirect-sca.ts), called by the auth server: begin, the bank's return, and
 *   the finish when the TPP redeems its code.
 * - Decoupled SCA (decoupled-sca.ts): polling the bank, and redeeming its grant exactly once.
 * - The rules (rules/): SCA statuses and their state machine, approaches and methods.
 * Authorisations are stored by resource kind and id (store/authorisations.ts); an SCA step and
 * its resource's change are written in one transaction. Refusals are `Problem`s.
 */
export class ScaService {
  private readonly steps: ScaSteps;
  private readonly decoupled: DecoupledSca;
  private readonly redirect: RedirectSca;

  constructor(options: ScaEngineOptions) {
    this.steps = new ScaSteps(options);
    this.decoupled = new DecoupledSca(this.steps);
    this.redirect = new RedirectSca(this.steps);
  }

  /** Makes a kind of resource take part in SCA. */
  register<R>(subject: ScaSubject<R>): void {
    this.steps.register(subject as ScaSubject<never>);
  }

  /** The kinds of resource registered. */
  kinds(): string[] {
    return this.steps.kinds();
  }

  /** The approaches and methods the bank of a resource offers, `approach` first. */
  methods(bic: string, approach: ScaApproach): ScaMethod[] {
    const entry = this.steps.options.bank(bic);
    return entry ? scaMethodsFor(entry.connector.scaApproaches, approach) : [];
  }

  /**
   * POST .../authorisations: a new authorisation of a resource that awaits SCA.
   *
   * Decision: a new authorisation while another is open is started beside it, neither refused
   * (409) nor superseding the open one. The PSU may have lost the first (the app closed, the
   * bank's page left on another device), and a BankID order or a bank page handed out cannot
   * be withdrawn at the bank, so superseding would only hide an SCA the PSU can still
   * complete. Whichever the PSU completes first authorises the resource, by one
   * compare-and-set; the others then read `failed` (`endedWithResource`), and the bank refuses
   * a late completion of them, so nothing executes twice.
   */
  async start<R>(ctx: CallContext, kind: string, resource: R): Promise<StartedAuthorisation> {
    const loaded = this.loaded(kind, resource);
    const { facts, subject } = loaded;
    if (!facts.awaitingSca) {
      throw new Problem(
        'STATUS_INVALID',
        `The ${subject.noun} is ${facts.status}: only a ${subject.noun} that awaits authorisation can be authorised`,
      );
    }
    const entry = this.steps.entry(facts);
    const approach = (facts.scaApproach ?? entry.connector.scaApproaches[0]) as ScaApproach;
    const authorisation = await this.steps.options.authorisations.create(
      this.steps.ref(loaded),
      { scaStatus: 'received', scaApproach: approach },
      { reason: 'authorisation started', requestId: ctx.requestId },
    );
    return {
      authorisation,
      scaApproach: approach,
      scaMethods: scaMethodsFor(entry.connector.scaApproaches, approach),
    };
  }

  /** The ids of a resource's authorisations, oldest first. */
  async ids<R>(kind: string, resource: R): Promise<string[]> {
    const loaded = this.loaded(kind, resource);
    return (await this.steps.options.authorisations.list(this.steps.ref(loaded))).map((a) => a.id);
  }

  /** One authorisation (read after the resource, which follows a decoupled SCA). */
  async get<R>(
    ctx: CallContext,
    kind: string,
    resource: R,
    authorisationId: string,
  ): Promise<AuthorisationState> {
    const loaded = this.loaded(kind, resource);
    const found = await this.found(loaded, authorisationId);
    const authorisation = await this.steps.endedWithResource(ctx, loaded, found);
    // The code moves on every second only while the PSU may still scan it.
    const kindOfQr = animatedQrOf(authorisation.scaMethod);
    if (!kindOfQr || authorisation.scaStatus !== 'started') return authorisation;
    return {
      ...authorisation,
      qrCode: { kind: kindOfQr, payload: await this.qrPayload(authorisation) },
    };
  }

  /**
   * What a read or a PUT of an authorisation names and sends, checked without the bank: the
   * authorisation exists and a body chooses a method the bank offers. A resource's service
   * calls it before it reads the resource's status at the bank, so bad input costs no bank
   * call; `get` and `selectMethod` check the same again.
   */
  async check<R>(
    kind: string,
    resource: R,
    input: { authorisationId: string; body?: unknown },
  ): Promise<void> {
    const loaded = this.loaded(kind, resource);
    await this.found(loaded, input.authorisationId);
    if (!('body' in input)) return;
    const approaches = this.steps.entry(loaded.facts).connector.scaApproaches;
    const chosen = parseScaMethodSelection(input.body, approaches);
    if (!chosen.ok) throw Problem.fromRule(chosen.error);
  }

  /** Asks the bank about the resource's decoupled SCAs in progress, so its status is current. */
  async follow<R>(ctx: CallContext, kind: string, resource: R): Promise<void> {
    const loaded = this.loaded(kind, resource);
    const authorisations = await this.steps.options.authorisations.list(this.steps.ref(loaded));
    await this.redirect.settleAbandoned(ctx, loaded, authorisations);
    await this.decoupled.follow(ctx, await this.steps.reload(ctx, loaded), authorisations);
  }

  /** PUT .../authorisations/{id} with `{authenticationMethodId}`: starts the chosen SCA. */
  async selectMethod<R>(
    ctx: CallContext,
    kind: string,
    resource: R,
    input: { authorisationId: string; body: unknown; psu: PsuInfo },
  ): Promise<SelectedMethod> {
    const loaded = this.loaded(kind, resource);
    const { facts, subject } = loaded;
    const authorisation = await this.found(loaded, input.authorisationId);
    const entry = this.steps.entry(facts);
    const chosen = parseScaMethodSelection(input.body, entry.connector.scaApproaches);
    if (!chosen.ok) throw Problem.fromRule(chosen.error);
    if (!facts.awaitingSca) {
      throw new Problem(
        'STATUS_INVALID',
        `The ${subject.noun} is ${facts.status}: there is nothing left to authorise`,
      );
    }
    if (!['received', 'psuIdentified', 'psuAuthenticated'].includes(authorisation.scaStatus)) {
      throw new Problem(
        'STATUS_INVALID',
        `The authorisation is ${authorisation.scaStatus}: its SCA method was chosen already; start a new authorisation (POST .../authorisations) to choose again`,
      );
    }
    if (chosen.approach === 'REDIRECT') {
      const updated = await this.steps.change(
        ctx,
        authorisation,
        'scaMethodSelected',
        'redirect SCA chosen',
        { scaApproach: 'REDIRECT', scaMethod: chosen.method.authenticationMethodId },
      );
      return { approach: 'REDIRECT', method: chosen.method, authorisation: updated };
    }
    const started = await bankCall(() =>
      this.steps.connector(facts).startDecoupled(this.steps.bankContext(ctx, facts), {
        resource: this.steps.bankResource(loaded),
        ...(input.psu.psuId ? { psuId: input.psu.psuId } : {}),
        psu: psuHeaders(input.psu),
      }),
    );
    // The animated code's seconds count from the bank's answer, as BankID's relying parties do.
    const startedAt = this.steps.options.now();
    const qrStart =
      started.qrStartToken !== undefined && started.qrStartSecret !== undefined
        ? { token: started.qrStartToken, secret: started.qrStartSecret, startedAt }
        : undefined;
    const psuMessage = started.psuMessage ?? DEFAULT_PSU_MESSAGE;
    const reported = readBankScaStatus(started.scaStatus)?.scaStatus;
    // A bank with steps of its own starts at its first: its `started` may be a later step.
    const target: ScaStatus =
      reported && reported !== 'received' && !TERMINAL_SCA_STATUSES.has(reported)
        ? reported
        : (this.steps.decoupledScaSteps(loaded)[0] ?? 'started');
    const updated = await this.steps.change(
      ctx,
      authorisation,
      target,
      'decoupled SCA started at the bank',
      {
        scaApproach: 'DECOUPLED',
        bankAuthorisationId: started.authorisationId,
        autoStartToken: started.autoStartToken,
        psuMessage,
        scaMethod: chosen.method.authenticationMethodId,
        ...(qrStart ? { qrStart: { ...qrStart, startedAt: startedAt.toISOString() } } : {}),
      },
    );
    const kindOfQr = animatedQrOf(chosen.method.authenticationMethodId);
    return {
      approach: 'DECOUPLED',
      method: chosen.method,
      authorisation: updated,
      autoStartToken: started.autoStartToken,
      psuMessage,
      ...(kindOfQr
        ? {
            qrCode: {
              kind: kindOfQr,
              payload: qrPayloadOf(qrStart, started.autoStartToken, startedAt),
            },
          }
        : {}),
    };
  }

  // ---- Redirect SCA, called by the auth server ---------------------------------------------

  beginRedirect(ctx: CallContext, input: BeginRedirect): Promise<string> {
    return this.redirect.begin(ctx, input);
  }

  bankReturned(ctx: CallContext, input: BankReturn): Promise<BankReturnOutcome> {
    return this.redirect.returned(ctx, input);
  }

  stepBeforeBank(ctx: CallContext, input: BeginRedirect): Promise<StepBeforeBank | undefined> {
    return this.redirect.stepBefore(ctx, input);
  }

  answerStepBeforeBank(
    ctx: CallContext,
    input: BeginRedirect & { answer: StepBeforeBankAnswer },
  ): Promise<string> {
    return this.redirect.answerStep(ctx, input);
  }

  cancelRedirect(ctx: CallContext, input: BeginRedirect): Promise<Problem> {
    return this.redirect.cancel(ctx, input);
  }

  stepAfterBank(
    ctx: CallContext,
    input: RedirectTarget & { psu: PsuInfo },
  ): Promise<{ step: StepAfterBank; choices: AccountChoice[] } | undefined> {
    return this.redirect.stepAfter(ctx, input);
  }

  answerStepAfterBank(
    ctx: CallContext,
    input: RedirectTarget & { psu: PsuInfo; picked: readonly string[] },
  ): Promise<void> {
    return this.redirect.answerStepAfter(ctx, input);
  }

  finishRedirect(ctx: CallContext, input: FinishRedirect): Promise<void> {
    return this.redirect.finish(ctx, input);
  }

  // ---- internals -------------------------------------------------------------------------

  private async qrPayload(authorisation: AuthorisationRecord): Promise<string> {
    const { qrStartToken, qrStartedAt } = authorisation;
    const secret =
      qrStartToken && qrStartedAt
        ? await this.steps.options.authorisations.qrStartSecret(authorisation.id)
        : undefined;
    const qrStart =
      qrStartToken && qrStartedAt && secret
        ? { token: qrStartToken, secret, startedAt: new Date(qrStartedAt) }
        : undefined;
    return qrPayloadOf(qrStart, authorisation.autoStartToken ?? '', this.steps.options.now());
  }

  private loaded<R>(kind: string, resource: R): Loaded {
    const subject = this.steps.subject(kind);
    return { subject, resource, facts: subject.facts(resource) };
  }

  private async found(loaded: Loaded, authorisationId: string): Promise<AuthorisationRecord> {
    const authorisation = await this.steps.find(loaded, authorisationId);
    if (!authorisation) {
      throw new Problem(
        'RESOURCE_UNKNOWN',
        `${capitalised(loaded.subject.noun)} ${loaded.facts.id} has no authorisation ${authorisationId}`,
      );
    }
    return authorisation;
  }
}

/**
 * Decision: a bank that gives no animated QR start gets the static BankID link as the code
 * (the app scans it too, and it is what `mbid` shows), so the animated methods work at every
 * decoupled bank rather than failing after the order was placed.
 */
function qrPayloadOf(
  qrStart: { token: string; secret: string; startedAt: Date } | undefined,
  autoStartToken: string,
  now: Date,
): string {
  if (!qrStart) return bankIdLink(autoStartToken);
  return animatedQrPayload(
    { qrStartToken: qrStart.token, qrStartSecret: qrStart.secret, startedAt: qrStart.startedAt },
    now,
  );
}

function capitalised(word: string): string {
  return `${word.charAt(0).toUpperCase()}${word.slice(1)}`;
}
