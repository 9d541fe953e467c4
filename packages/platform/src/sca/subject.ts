import type { BankConnector, BankTokens, PsuHeaders } from '../connectors/index.js';
import type { CallContext } from '../logging/logger.js';
import type { AspspEntry } from '../registry/types.js';
import type { JointWrite } from '../store/joint-write.js';
import type { PsuInfo } from './psu.js';
import type { ScaApproach, ScaStatus } from './rules/index.js';

/** What the SCA engine needs to know of a resource, whatever its kind. */
export interface ScaFacts {
  id: string;
  clientId: string;
  bic: string;
  /** The bank's own id of the resource; null before the bank has it. */
  bankId: string | null;
  /** Where the bank files it when its id alone does not say (a payment's service and product). */
  bankPlacement?: Readonly<Record<string, string>>;
  /** The resource's own status, for the texts a TPP reads. */
  status: string;
  /** Whether it still waits for SCA (a consent `received`); only then can it be authorised. */
  awaitingSca: boolean;
  /** Ended for good: its open authorisations end with it. */
  ended: boolean;
  /** The approach chosen when the resource was created, if one was. */
  scaApproach: ScaApproach | null;
  /**
   * The approaches this resource can be authorised with, where not every one its bank offers:
   * a resource whose SCA runs through Bankbridge's pages takes the redirect only.
   */
  scaApproaches?: readonly ScaApproach[];
  /**
   * PSU headers kept with the resource that its bank insists on for the calls about its SCA:
   * sent where the TPP's request names none of its own, or no TPP asked (the status poller).
   */
  keptPsu?: PsuHeaders;
}

/**
 * What the bank's side of the resource says once an SCA ended without tokens: it holds the
 * resource authorised (another poll redeemed the grant), or refused it (`outcome`, in the
 * subject's own words), or it cannot tell.
 */
export type BankVerdict = { authorised: true } | { authorised: false; outcome?: string };

/** The PSU (or the bank for the PSU) refused the SCA: the subject's outcome for a denial. */
export const DENIED = 'denied';

/**
 * The bank handed out its grant to a request that died before recording it: the bank holds the
 * resource authorised, Bankbridge can never have its tokens, and the SCA cannot be repeated.
 * The subject ends the resource so that the TPP starts again, and lets go of it at the bank.
 */
export const GRANT_LOST = 'grantLost';

/** The bank's answer when the SCA was finalised: its tokens, if the kind uses them. */
export interface ScaGrant {
  tokens: BankTokens | undefined;
  /** What `prepare` read at the bank before the SCA was recorded as finalised. */
  prepared: unknown;
}

/**
 * A step the PSU takes on Bankbridge's own page before a redirect SCA goes to the bank: naming
 * the accounts of a consent where the bank cannot let the PSU pick them.
 */
export interface StepBeforeBank {
  step: 'nameAccounts';
  /** The bank's name, as the PSU knows it. */
  bankName: string;
  /** The PSU confirms in BankID on Bankbridge's page next, rather than at the bank's login. */
  bankIdOnPage?: boolean;
}

/**
 * Where the browser goes once the PSU answered a `StepBeforeBank`: to the bank's login page, or,
 * at a bank whose SCA is decoupled only, to Bankbridge's page that shows the bank's BankID
 * order (`DecoupledOnPage`).
 */
export type AfterStepBeforeBank = { bankUrl: string } | { bankIdOnPage: true };

/** The PSU's answer to a `StepBeforeBank`, and the PSU's browser as the bank may ask of it. */
export interface StepBeforeBankAnswer {
  ibans: string[];
  psu: PsuInfo;
}

/**
 * A step the PSU takes on Bankbridge's own page after the bank's redirect SCA, before the TPP
 * gets its code: picking the accounts of a consent from those the bank lists.
 */
export interface StepAfterBank {
  step: 'pickAccounts';
  bankName: string;
}

/** One account the PSU may pick, as the bank lists it. */
export interface AccountChoice {
  iban?: string;
  bban?: string;
  currency?: string;
  /** The account's name at the bank, or its product. */
  name?: string;
}

/**
 * A kind of resource that takes part in strong customer authentication (a consent, a payment):
 * how the engine loads it, what of it the engine reads, and what happens to it when its SCA is
 * finalised or fails. The subject's changes are written in the same transaction as the
 * authorisation's (`JointWrite`), so an SCA is never finalised without its resource.
 */
export interface ScaSubject<R = unknown> {
  /** The kind, as authorisations are stored and login parameters name it (`consent`). */
  readonly kind: string;
  /** The word for it in texts a TPP reads (`consent`, `payment`). */
  readonly noun: string;
  /**
   * The resource with the changes time has brought applied, if it exists and, when a client is
   * named, is that client's.
   */
  load(ctx: CallContext, id: string, clientId?: string): Promise<R | undefined>;
  facts(resource: R): ScaFacts;
  /** Whether the bank issues tokens for this kind at the end of its SCA (consents: yes). */
  readonly usesBankTokens: boolean;
  /**
   * Bank reads the resource needs before its SCA is recorded as finalised; `stepAnswer` is the
   * PSU's answer to a `StepAfterBank`, if there was one.
   */
  prepare(
    ctx: CallContext,
    resource: R,
    bank: BankConnector,
    stepAnswer?: unknown,
  ): Promise<unknown>;
  /** The resource's change when its SCA is finalised; undefined when it may not change so. */
  finalised(ctx: CallContext, resource: R, grant: ScaGrant, reason: string): JointWrite | undefined;
  /**
   * The resource's change when its SCA failed: `outcome` is `DENIED` or the bank's verdict, and
   * undefined for an attempt that failed without a verdict (the resource stays as it is).
   */
  failed(
    ctx: CallContext,
    resource: R,
    outcome: string | undefined,
    reason: string,
  ): JointWrite | undefined;
  /** What the bank says of the resource; undefined when it cannot be read. */
  verdictAtBank(ctx: CallContext, resource: R): Promise<BankVerdict | undefined>;
  /** Lets go of a resource at the bank whose grant was lost (best effort, never throws). */
  abandonAtBank(ctx: CallContext, resource: R): Promise<void>;
  /** The step the PSU takes at Bankbridge before the bank's redirect SCA, if one is due. */
  stepBeforeBank?(resource: R): StepBeforeBank | undefined;
  /**
   * The PSU answered that step: the resource is set up at the bank, so that the bank's SCA can
   * follow. Refusals (the bank's included) are `Problem`s; the resource stays as it was.
   */
  answerStepBeforeBank?(ctx: CallContext, resource: R, answer: StepBeforeBankAnswer): Promise<void>;
  /** The step the PSU takes at Bankbridge after the bank's redirect SCA, if one is due. */
  stepAfterBank?(resource: R): StepAfterBank | undefined;
  /** The bank's own order of the steps of this kind's decoupled SCA; none: Bankbridge's. */
  decoupledScaSteps?(bank: AspspEntry): readonly ScaStatus[];
  /** What the PSU picks from in that step, read at the bank with this SCA's tokens. */
  choicesAfterBank?(
    ctx: CallContext,
    resource: R,
    bank: BankConnector,
    tokens: BankTokens,
    psu: PsuInfo,
  ): Promise<AccountChoice[]>;
}
