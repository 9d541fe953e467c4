/**
 * The SCA (authorisation) state machine. An authorisation moves forward through
 *
 *   received → psuIdentified → psuAuthenticated → scaMethodSelected → started
 *            → authenticationStarted → authoriseCreditorAccountStarted
 *            → finalised | failed | exempted
 *
 * Banks skip steps (a decoupled bank often goes received → started → finalised), so any
 * forward move is allowed. Decision: a report of an earlier step after a later one (a bank's
 * polled answers can arrive out of order, or two pollers race) is accepted as "no change"
 * rather than refused: an SCA never goes back, and refusing would turn a stale poll into an
 * error for the TPP. The terminal statuses finalised, failed and exempted never change: every
 * event on them is refused with 409 STATUS_INVALID.
 */
import { type ScaRuleError, statusInvalid } from './errors.js';
import { type ScaStatus, TERMINAL_SCA_STATUSES } from './sca-status.js';

export const SCA_EVENTS = [
  'psuIdentified',
  'psuAuthenticated',
  /** The TPP chose a method (PUT .../authorisations/{id} with `authenticationMethodId`). */
  'scaMethodSelected',
  /** The SCA routine started (redirect: the PSU was sent to the bank; decoupled: order made). */
  'scaStarted',
  /** The PSU started authenticating at the bank (e.g. opened the BankID app). */
  'authenticationStarted',
  /** The bank asks the PSU to approve a new payee before signing (payments). */
  'creditorApprovalStarted',
  'scaFinalised',
  'scaFailed',
  'scaExempted',
  /** Not finished within the platform's (or the bank's) time: ends `failed`. */
  'authorisationTimedOut',
] as const;
export type ScaEvent = (typeof SCA_EVENTS)[number];

export type ScaTransition =
  | { ok: true; status: ScaStatus; changed: boolean }
  | { ok: false; error: ScaRuleError; from: ScaStatus; event: ScaEvent };

const TARGET: Record<ScaEvent, ScaStatus> = {
  psuIdentified: 'psuIdentified',
  psuAuthenticated: 'psuAuthenticated',
  scaMethodSelected: 'scaMethodSelected',
  scaStarted: 'started',
  authenticationStarted: 'authenticationStarted',
  creditorApprovalStarted: 'authoriseCreditorAccountStarted',
  scaFinalised: 'finalised',
  scaFailed: 'failed',
  scaExempted: 'exempted',
  authorisationTimedOut: 'failed',
};

/** Order of the non-terminal statuses; a move to a lower rank is a stale report. */
const RANK: Record<ScaStatus, number> = {
  received: 0,
  psuIdentified: 1,
  psuAuthenticated: 2,
  scaMethodSelected: 3,
  started: 4,
  authenticationStarted: 5,
  // Last before the end: a bank that reports `started` again once the payee is approved
  // (Swedbank's order) leaves it shown until the PSU has signed.
  authoriseCreditorAccountStarted: 6,
  finalised: 7,
  failed: 7,
  exempted: 7,
};

export function isTerminalScaStatus(status: ScaStatus): boolean {
  return TERMINAL_SCA_STATUSES.has(status);
}

/**
 * The status `event` leads to from `status`, or a 409 STATUS_INVALID refusal. `bankSteps` is
 * the bank's own order of the steps of a running SCA (SEB signs after `psuAuthenticated`, so
 * there `started` comes last): between two of its steps that order decides what is stale.
 */
export function transitionSca(
  status: ScaStatus,
  event: ScaEvent,
  bankSteps: readonly ScaStatus[] = [],
): ScaTransition {
  if (isTerminalScaStatus(status)) {
    return {
      ok: false,
      error: statusInvalid(`The authorisation has ended (scaStatus ${status}) and cannot change`),
      from: status,
      event,
    };
  }
  const target = TARGET[event];
  const ordered = bankSteps.includes(status) && bankSteps.includes(target);
  const stale = ordered
    ? bankSteps.indexOf(target) <= bankSteps.indexOf(status)
    : RANK[target] <= RANK[status];
  if (stale) return { ok: true, status, changed: false };
  return { ok: true, status: target, changed: true };
}
