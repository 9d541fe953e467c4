import { bankCall } from '../connectors/bank-problem.js';
import type { CallContext } from '../logging/logger.js';
import { Problem } from '../problems.js';
import type { AuthorisationRecord } from '../store/authorisations.js';
import { DecoupledSca } from './decoupled-sca.js';
import { type PsuInfo, psuHeaders } from './psu.js';
import {
  type BankReturn,
  type BankReturnOutcome,
  type BeginRedirect,
  type FinishRedirect,
  RedirectSca,
} from './redirect-sca.js';
import {
  parseScaMethodSelection,
  readBankScaStatus,
  type ScaApproach,
  type ScaMethod,
  type ScaStatus,
  scaMethodsFor,
  TERMINAL_SCA_STATUSES,
} from './rules/index.js';
import { type Loaded, type ScaEngineOptions, ScaSteps } from './sca-steps.js';
import type { ScaSubject } from './subject.js';

export interface StartedAuthorisation {
  authorisation: AuthorisationRecord;
  scaApproach: ScaApproach;
  scaMethods: ScaMethod[];
}

/** The chosen method's outcome (a redirect's link names the resource and authorisation). */
export type SelectedMethod = { method: ScaMethod; authorisation: AuthorisationRecord } & (
  | { approach: 'REDIRECT' }
  | { approach: 'DECOUPLED'; autoStartToken: string; psuMessage: string }
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

  /** POST .../authorisations: a new authorisation of a resource that awaits SCA. */
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
  ): Promise<AuthorisationRecord> {
    const loaded = this.loaded(kind, resource);
    const authorisation = await this.found(loaded, authorisationId);
    return this.steps.endedWithResource(ctx, loaded, authorisation);
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
        { scaApproach: 'REDIRECT' },
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
    const psuMessage = started.psuMessage ?? DEFAULT_PSU_MESSAGE;
    const reported = readBankScaStatus(started.scaStatus)?.scaStatus;
    const target: ScaStatus =
      reported && reported !== 'received' && !TERMINAL_SCA_STATUSES.has(reported)
        ? reported
        : 'started';
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
      },
    );
    return {
      approach: 'DECOUPLED',
      method: chosen.method,
      authorisation: updated,
      autoStartToken: started.autoStartToken,
      psuMessage,
    };
  }

  // ---- Redirect SCA, called by the auth server ---------------------------------------------

  beginRedirect(ctx: CallContext, input: BeginRedirect): Promise<string> {
    return this.redirect.begin(ctx, input);
  }

  bankReturned(ctx: CallContext, input: BankReturn): Promise<BankReturnOutcome> {
    return this.redirect.returned(ctx, input);
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
