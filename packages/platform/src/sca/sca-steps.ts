import type {
  BankCallContext,
  BankConnector,
  BankTokens,
  ConnectorLookup,
  PsuHeaders,
} from '../connectors/index.js';
import type { CallContext } from '../logging/logger.js';
import { Problem } from '../problems.js';
import { servedBank } from '../registry/served-bank.js';
import type { AspspEntry } from '../registry/types.js';
import type {
  AuthorisationChanges,
  AuthorisationRecord,
  AuthorisationsRepository,
  BankExchange,
  ResourceRef,
} from '../store/authorisations.js';
import { type Alongside, CONFLICT } from '../store/joint-write.js';
import {
  isScaStatus,
  type ScaApproach,
  type ScaStatus,
  TERMINAL_SCA_STATUSES,
  transitionSca,
} from './rules/index.js';
import { DENIED, GRANT_LOST, type ScaFacts, type ScaSubject } from './subject.js';

export interface ScaEngineOptions {
  authorisations: AuthorisationsRepository;
  now: () => Date;
  /**
   * How long a request may take to redeem the bank's grant (its bank calls, at most): a claim
   * older than this was left by a request that died.
   */
  redeemWindowMs: number;
  /** The registry entry of a BIC (any case), or undefined. */
  bank: (bic: string) => AspspEntry | undefined;
  connectorFor: ConnectorLookup;
  /**
   * The bundled sandbox banks' base URL: Bankbridge's BankID page at a sandbox bank links to
   * its BankID simulator, as its users are test persons without the app.
   */
  sandboxUrl?: string;
}

/** A resource loaded through its subject, with the facts the engine reads of it. */
export interface Loaded<R = unknown> {
  subject: ScaSubject<R>;
  resource: R;
  facts: ScaFacts;
}

/**
 * The steps every SCA flow is made of, shared by the TPP-facing authorisation calls, the
 * redirect flow and decoupled polling: reading a resource through its subject, moving an
 * authorisation, and finalising or failing it together with its resource.
 */
export class ScaSteps {
  private readonly subjects = new Map<string, ScaSubject>();

  constructor(readonly options: ScaEngineOptions) {}

  register(subject: ScaSubject<never>): void {
    this.subjects.set(subject.kind, subject as unknown as ScaSubject);
  }

  subject(kind: string): ScaSubject {
    const subject = this.subjects.get(kind);
    if (!subject) throw new Error(`no SCA subject of kind ${kind}`);
    return subject;
  }

  kinds(): string[] {
    return [...this.subjects.keys()];
  }

  async load(
    ctx: CallContext,
    kind: string,
    id: string,
    clientId?: string,
  ): Promise<Loaded | undefined> {
    const subject = this.subject(kind);
    const resource = await subject.load(ctx, id, clientId);
    return resource === undefined
      ? undefined
      : { subject, resource, facts: subject.facts(resource) };
  }

  /** Loads again after a change, keeping the old read if the resource vanished. */
  async reload(ctx: CallContext, loaded: Loaded): Promise<Loaded> {
    return (await this.load(ctx, loaded.subject.kind, loaded.facts.id)) ?? loaded;
  }

  ref(loaded: Loaded): ResourceRef {
    return { kind: loaded.subject.kind, id: loaded.facts.id };
  }

  entry(facts: ScaFacts): AspspEntry {
    return servedBank(this.options.bank, facts.bic, 'resource');
  }

  /** The bank's order of the steps of the resource's decoupled SCA (empty: Bankbridge's). */
  /** The approaches a resource can be authorised with: its own, or all its bank offers. */
  approaches(facts: ScaFacts): readonly ScaApproach[] {
    return facts.scaApproaches ?? this.entry(facts).connector.scaApproaches;
  }

  decoupledScaSteps(loaded: Loaded): readonly ScaStatus[] {
    return loaded.subject.decoupledScaSteps?.(this.entry(loaded.facts)) ?? [];
  }

  connector(facts: ScaFacts): BankConnector {
    return this.options.connectorFor(this.entry(facts).bicFi);
  }

  /** The bank call's context: the TPP's PSU headers, and those kept that it left out. */
  bankContext(ctx: CallContext, facts: ScaFacts): BankCallContext {
    const bctx: BankCallContext = {
      requestId: ctx.requestId,
      bic: this.entry(facts).bicFi,
      logger: ctx.logger,
    };
    if (ctx.psu === undefined && facts.keptPsu === undefined) return bctx;
    const psu: PsuHeaders = { ...facts.keptPsu };
    for (const [field, value] of Object.entries(ctx.psu ?? {}) as [keyof PsuHeaders, unknown][]) {
      if (typeof value === 'string' && value !== '') psu[field] = value;
    }
    return { ...bctx, psu };
  }

  /** The resource as its bank names it in SCA calls. */
  bankResource(loaded: Loaded) {
    if (!loaded.facts.bankId) {
      throw new Error(`${loaded.subject.kind} ${loaded.facts.id} has no id at its bank`);
    }
    const { bankId, bankPlacement } = loaded.facts;
    return {
      kind: loaded.subject.kind,
      bankId,
      ...(bankPlacement ? { placement: bankPlacement } : {}),
    };
  }

  async find(loaded: Loaded, authorisationId: string): Promise<AuthorisationRecord | undefined> {
    return this.options.authorisations.find(this.ref(loaded), authorisationId);
  }

  /** A redirect SCA's authorisation and sealed bank exchange, as far as they exist. */
  async redirectInProgress(loaded: Loaded | undefined, authorisationId: string) {
    const authorisation = loaded ? await this.find(loaded, authorisationId) : undefined;
    const exchange: BankExchange | undefined = authorisation
      ? await this.options.authorisations.bankExchange(authorisation.id)
      : undefined;
    return { authorisation, exchange };
  }

  /**
   * Moves the authorisation, with what `alongside` makes of it as written (the answer a replay
   * repeats) in the same transaction; a concurrent change is 409 for the caller to retry.
   */
  async change(
    ctx: CallContext,
    authorisation: AuthorisationRecord,
    target: ScaStatus,
    reason: string,
    changes: AuthorisationChanges = {},
    alongside?: Alongside<AuthorisationRecord>,
  ): Promise<AuthorisationRecord> {
    const written = await this.options.authorisations.change(
      authorisation,
      target,
      { reason, requestId: ctx.requestId },
      changes,
      alongside,
    );
    if (written === CONFLICT) throw concurrentChange();
    return written;
  }

  /** The authorisation, failed if its resource has ended (read it after the resource). */
  async endedWithResource(
    ctx: CallContext,
    loaded: Loaded,
    authorisation: AuthorisationRecord,
  ): Promise<AuthorisationRecord> {
    // An authorisation cannot outlive its resource: a resource that ended takes it along, and
    // one another authorisation completed leaves it nothing to authorise.
    const overtaken = loaded.facts.ended || !loaded.facts.awaitingSca;
    if (overtaken && !TERMINAL_SCA_STATUSES.has(scaStatus(authorisation))) {
      // What a redirect kept for the TPP's redemption (a bank code, or bank tokens taken for the
      // PSU's step on Bankbridge's page) has nothing left to serve.
      const ended = await this.options.authorisations.change(
        authorisation,
        'failed',
        { reason: `${loaded.subject.noun} ${loaded.facts.status}`, requestId: ctx.requestId },
        { bankExchange: null, redeemingAt: null },
      );
      if (ended !== CONFLICT) return ended;
    }
    return authorisation;
  }

  /** SCA finalised and the resource's side of it (tokens, status): one write, or none. */
  async finalise(
    ctx: CallContext,
    loaded: Loaded,
    authorisation: AuthorisationRecord,
    grant: { tokens: BankTokens | undefined; prepared: unknown },
    reason: string,
  ): Promise<boolean> {
    const sca = transitionSca(scaStatus(authorisation), 'scaFinalised');
    const alongside = loaded.subject.finalised(ctx, loaded.resource, grant, reason);
    if (!sca.ok || !alongside) return false;
    const written = await this.options.authorisations.change(
      authorisation,
      sca.status,
      { reason, requestId: ctx.requestId },
      { bankExchange: null, redeemingAt: null },
      alongside,
    );
    return written !== CONFLICT;
  }

  /**
   * Marks the authorisation as being redeemed by this request, unless another request is at
   * it now. The claim moves the authorisation's version, so of two requests one wins.
   */
  async claim(
    ctx: CallContext,
    authorisation: AuthorisationRecord,
  ): Promise<AuthorisationRecord | undefined> {
    if (this.redeemingNow(authorisation)) return undefined;
    const claimed = await this.options.authorisations.change(
      authorisation,
      authorisation.scaStatus,
      { reason: "redeeming the bank's grant", requestId: ctx.requestId },
      { redeemingAt: this.options.now().toISOString() },
    );
    return claimed === CONFLICT ? undefined : claimed;
  }

  /** Whether a request began redeeming the grant within the window (and may still be at it). */
  redeemingNow(authorisation: AuthorisationRecord): boolean {
    if (!authorisation.redeemingAt) return false;
    const age = this.options.now().getTime() - Date.parse(authorisation.redeemingAt);
    return age < this.options.redeemWindowMs;
  }

  /**
   * The bank handed its grant to a request that died before recording it: the SCA is over, the
   * resource ends as its subject decides, and the bank's side is let go of. Logged, as nobody
   * else learns of it.
   */
  async grantLost(
    ctx: CallContext,
    loaded: Loaded,
    authorisation: AuthorisationRecord,
  ): Promise<void> {
    ctx.logger.warn(
      {
        kind: loaded.subject.kind,
        resourceId: loaded.facts.id,
        authorisationId: authorisation.id,
      },
      "the bank's grant was redeemed by a request that did not finish; the authorisation and its resource end",
    );
    await this.fail(ctx, loaded, authorisation, GRANT_LOST, "the bank's grant was lost");
    await loaded.subject.abandonAtBank(ctx, loaded.resource);
  }

  /** The SCA failed; the resource follows `outcome` (the subject's word for it) or stays. */
  async fail(
    ctx: CallContext,
    loaded: Loaded,
    authorisation: AuthorisationRecord,
    outcome: string | undefined,
    reason: string,
  ): Promise<void> {
    const sca = transitionSca(scaStatus(authorisation), 'scaFailed');
    if (!sca.ok) return;
    const alongside = outcome
      ? loaded.subject.failed(ctx, loaded.resource, outcome, reason)
      : undefined;
    const written = await this.options.authorisations.change(
      authorisation,
      'failed',
      { reason, requestId: ctx.requestId },
      { bankExchange: null, redeemingAt: null },
      alongside,
    );
    if (written === CONFLICT) {
      ctx.logger.info({ authorisationId: authorisation.id }, 'SCA already ended');
    }
  }

  /**
   * What the PSU's denial of one authorisation means for its resource: denied, unless the bank
   * holds the resource authorised by another of its authorisations (the PSU signed a payment in
   * BankID, then refused the second signature the bank asked for on its pages).
   */
  async denialAtBank(ctx: CallContext, loaded: Loaded): Promise<string | undefined> {
    const verdict = await loaded.subject.verdictAtBank(ctx, loaded.resource);
    return verdict?.authorised ? undefined : DENIED;
  }

  /** What the bank says of a resource whose SCA failed: refused there, or still open. */
  async refusalAtBank(ctx: CallContext, loaded: Loaded): Promise<string | undefined> {
    const verdict = await loaded.subject.verdictAtBank(ctx, loaded.resource);
    return verdict && !verdict.authorised ? verdict.outcome : undefined;
  }
}

export function scaStatus(authorisation: AuthorisationRecord): ScaStatus {
  if (!isScaStatus(authorisation.scaStatus)) {
    throw new Error(`stored SCA status ${authorisation.scaStatus}`);
  }
  return authorisation.scaStatus;
}

export function concurrentChange(): Problem {
  return new Problem(
    'STATUS_INVALID',
    'The resource was changed by another request at the same time; read it again and retry',
  );
}
