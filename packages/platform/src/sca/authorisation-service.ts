import { crashPoint } from '../failpoints.js';
import type { CallContext } from '../logging/logger.js';
import { Problem } from '../problems.js';
import type { AuthorisationChanges, AuthorisationRecord } from '../store/authorisations.js';
import type { JointWrite } from '../store/joint-write.js';
import { currentQrPayload, startDecoupledAtBank } from './bank-decoupled-start.js';
import { DecoupledOnPage, type OnPageProgress, type OnPageTarget } from './decoupled-on-page.js';
import { DecoupledSca } from './decoupled-sca.js';
import type { PsuInfo } from './psu.js';
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
  type ScaApproach,
  type ScaMethod,
  type ScaStatus,
  scaMethodsFor,
} from './rules/index.js';
import { type Loaded, type ScaEngineOptions, ScaSteps } from './sca-steps.js';
import type {
  AccountChoice,
  AfterStepBeforeBank,
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
 * - A redirect SCA whose bank is decoupled only (decoupled-on-page.ts): Bankbridge's page shows
 *   the bank's BankID and follows it, for a resource whose SCA runs on Bankbridge's pages.
 * - The rules (rules/): SCA statuses and their state machine, approaches and methods.
 * Authorisations are stored by resource kind and id (store/authorisations.ts); an SCA step and
 * its resource's change are written in one transaction. Refusals are `Problem`s.
 */
export class ScaService {
  private readonly steps: ScaSteps;
  private readonly decoupled: DecoupledSca;
  private readonly redirect: RedirectSca;
  private readonly onPage: DecoupledOnPage;

  constructor(options: ScaEngineOptions) {
    this.steps = new ScaSteps(options);
    this.decoupled = new DecoupledSca(this.steps);
    this.onPage = new DecoupledOnPage(this.steps);
    this.redirect = new RedirectSca(this.steps, this.onPage);
  }

  /** Makes a kind of resource take part in SCA. */
  register<R>(subject: ScaSubject<R>): void {
    this.steps.register(subject as ScaSubject<never>);
  }

  /** The kinds of resource registered. */
  kinds(): string[] {
    return this.steps.kinds();
  }

  /**
   * The methods a new resource at the bank can be authorised with, `approach` first: those of
   * `approaches` where the resource takes only some (`ScaFacts.scaApproaches`), else the bank's.
   */
  methods(bic: string, approach: ScaApproach, approaches?: readonly ScaApproach[]): ScaMethod[] {
    const entry = this.steps.options.bank(bic);
    return entry ? scaMethodsFor(approaches ?? entry.connector.scaApproaches, approach) : [];
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
  /**
   * POST .../authorisations: a new authorisation of the resource. `answer`, when given, is a
   * write that lands with it or not at all (the answer a replay repeats).
   */
  async start<R>(
    ctx: CallContext,
    kind: string,
    resource: R,
    answer?: (started: StartedAuthorisation) => JointWrite,
  ): Promise<StartedAuthorisation> {
    const loaded = this.loaded(kind, resource);
    const { facts, subject } = loaded;
    if (!facts.awaitingSca) {
      throw new Problem(
        'STATUS_INVALID',
        `The ${subject.noun} is ${facts.status}: only a ${subject.noun} that awaits authorisation can be authorised`,
      );
    }
    const approaches = this.steps.approaches(facts);
    const approach = (facts.scaApproach ?? approaches[0]) as ScaApproach;
    const scaMethods = scaMethodsFor(approaches, approach);
    const authorisation = await this.steps.options.authorisations.create(
      this.steps.ref(loaded),
      { scaStatus: 'received', scaApproach: approach },
      { reason: 'authorisation started', requestId: ctx.requestId },
      answer &&
        ((created) => answer({ authorisation: created, scaApproach: approach, scaMethods })),
    );
    // Stored with its answer, not yet sent: the TPP's retry must be answered the same.
    crashPoint('sca.start.stored');
    return { authorisation, scaApproach: approach, scaMethods };
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
      qrCode: { kind: kindOfQr, payload: await currentQrPayload(this.steps, authorisation) },
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
    const approaches = this.steps.approaches(loaded.facts);
    const chosen = parseScaMethodSelection(input.body, approaches);
    if (!chosen.ok) throw Problem.fromRule(chosen.error);
  }

  /**
   * Asks the bank about the resource's decoupled SCAs in progress, so its status is current,
   * and settles redemptions a dead request left. The resource as read afterwards; undefined
   * when nothing was settled and no answer of the bank's changed it, so the caller's record is
   * still the stored one.
   */
  async follow<R>(ctx: CallContext, kind: string, resource: R): Promise<R | undefined> {
    const loaded = this.loaded(kind, resource);
    const authorisations = await this.steps.options.authorisations.list(this.steps.ref(loaded));
    const settled = await this.redirect.settleAbandoned(ctx, loaded, authorisations);
    const current = settled ? await this.steps.reload(ctx, loaded) : loaded;
    const polled = await this.decoupled.follow(ctx, current, authorisations);
    const latest = polled ?? (settled ? current : undefined);
    return latest?.resource as R | undefined;
  }

  /**
   * PUT .../authorisations/{id} with `{authenticationMethodId}`: starts the chosen SCA. `answer`,
   * when given, makes the write that keeps the TPP's answer for a replay, stored with the choice.
   */
  async selectMethod<R>(
    ctx: CallContext,
    kind: string,
    resource: R,
    input: { authorisationId: string; body: unknown; psu: PsuInfo },
    answer?: (selected: SelectedMethod) => JointWrite,
  ): Promise<SelectedMethod> {
    const loaded = this.loaded(kind, resource);
    const { facts, subject } = loaded;
    const authorisation = await this.found(loaded, input.authorisationId);
    const chosen = parseScaMethodSelection(input.body, this.steps.approaches(facts));
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
    const { method } = chosen;
    const store = async (
      target: ScaStatus,
      reason: string,
      changes: AuthorisationChanges,
      selected: (written: AuthorisationRecord) => SelectedMethod,
    ) => {
      const written = await this.steps.change(
        ctx,
        authorisation,
        target,
        reason,
        changes,
        answer && ((fresh) => answer(selected(fresh))),
      );
      // Stored with its answer, not yet sent: the TPP's retry must be answered the same.
      crashPoint('sca.method.stored');
      return selected(written);
    };
    if (chosen.approach === 'REDIRECT') {
      return store(
        'scaMethodSelected',
        'redirect SCA chosen',
        { scaApproach: 'REDIRECT', scaMethod: method.authenticationMethodId },
        (written) => ({ approach: 'REDIRECT', method, authorisation: written }),
      );
    }
    const started = await startDecoupledAtBank(this.steps, ctx, loaded, input.psu);
    const kindOfQr = animatedQrOf(method.authenticationMethodId);
    return store(
      started.target,
      'decoupled SCA started at the bank',
      { scaApproach: 'DECOUPLED', scaMethod: method.authenticationMethodId, ...started.changes },
      (written) => ({
        approach: 'DECOUPLED',
        method,
        authorisation: written,
        autoStartToken: started.changes.autoStartToken,
        psuMessage: started.changes.psuMessage,
        ...(kindOfQr ? { qrCode: { kind: kindOfQr, payload: started.qrPayload } } : {}),
      }),
    );
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
  ): Promise<AfterStepBeforeBank> {
    return this.redirect.answerStep(ctx, input);
  }

  decoupledOnPage(ctx: CallContext, input: OnPageTarget): Promise<OnPageProgress | undefined> {
    return this.onPage.progress(ctx, input);
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

function capitalised(word: string): string {
  return `${word.charAt(0).toUpperCase()}${word.slice(1)}`;
}
