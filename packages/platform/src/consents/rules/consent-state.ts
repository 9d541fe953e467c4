/**
 * The consent state machine. Every change of a consent's status goes through
 * `transitionConsent`; the caller records the change (time, request id) in the store.
 *
 *   received ──scaFinalised──────────────► valid
 *   received ──rejectedAtBank / authorisationTimedOut──► rejected
 *   received|valid ──validUntilPassed / expiredAtBank──► expired
 *   received|valid ──revokedAtBank──► revokedByPsu
 *   received|valid ──terminatedByTpp─► terminatedByTpp
 *   valid ──oneOffUsedUp──► expired
 *
 * Terminal statuses (rejected, revokedByPsu, expired, terminatedByTpp) never change: every
 * event on them is refused, also the event that led there (a second DELETE is a 409
 * STATUS_INVALID, not a silent success, so the TPP learns the consent had already ended).
 */
import { type ConsentRuleError, statusInvalid } from './errors.js';
import { type ConsentStatus, TERMINAL_CONSENT_STATUSES } from './types.js';

export const CONSENT_EVENTS = [
  /** The TPP starts an authorisation (POST .../authorisations). */
  'scaStarted',
  /** An authorisation was finalised (or exempted): the PSU agreed. */
  'scaFinalised',
  /** An authorisation failed (wrong credentials, BankID order expired); the PSU may retry. */
  'scaFailed',
  /** The PSU declined at the bank, or the bank rejected the consent. */
  'rejectedAtBank',
  /** Still not authorised when the platform's authorisation time ran out. */
  'authorisationTimedOut',
  /** The end of the `validUntil` day (bank's local time) has passed. */
  'validUntilPassed',
  /** The bank reports the consent expired (e.g. its own 90/180-day limit). */
  'expiredAtBank',
  /** The bank reports the PSU revoked the consent. */
  'revokedAtBank',
  /** The TPP deleted the consent (DELETE /consents/{id}). */
  'terminatedByTpp',
  /** A one-off consent has been read once for everything it grants (see `frequency.ts`). */
  'oneOffUsedUp',
] as const;
export type ConsentEvent = (typeof CONSENT_EVENTS)[number];

export type ConsentTransition =
  | { ok: true; status: ConsentStatus; changed: boolean }
  | { ok: false; error: ConsentRuleError; from: ConsentStatus; event: ConsentEvent };

/** For each event: the status it leads to from each status that allows it. */
const TRANSITIONS: Record<ConsentEvent, Partial<Record<ConsentStatus, ConsentStatus>>> = {
  // Decision: only a `received` consent can be authorised; a valid one is already authorised
  // and a terminal one can never be (409 STATUS_INVALID).
  scaStarted: { received: 'received' },
  // Decision: a valid consent stays valid when a second authorisation also finalises (two
  // authorisations raced); that is not an error.
  scaFinalised: { received: 'valid', valid: 'valid' },
  // Decision: a failed authentication does not reject the consent: the PSU may start a new
  // authorisation until the authorisation time runs out (then `authorisationTimedOut`). An
  // explicit refusal by the PSU or the bank is `rejectedAtBank`.
  scaFailed: { received: 'received', valid: 'valid' },
  rejectedAtBank: { received: 'rejected' },
  authorisationTimedOut: { received: 'rejected' },
  // Decision: an unauthorised consent whose last day passes is `expired`, not `rejected`,
  // when that happened before its authorisation time ran out (`lifecycle.ts` orders the two).
  validUntilPassed: { received: 'expired', valid: 'expired' },
  expiredAtBank: { received: 'expired', valid: 'expired' },
  revokedAtBank: { received: 'revokedByPsu', valid: 'revokedByPsu' },
  terminatedByTpp: { received: 'terminatedByTpp', valid: 'terminatedByTpp' },
  oneOffUsedUp: { valid: 'expired' },
};

const DESCRIBE: Record<ConsentEvent, string> = {
  scaStarted: 'start an authorisation of',
  scaFinalised: 'finalise an authorisation of',
  scaFailed: 'fail an authorisation of',
  rejectedAtBank: 'reject',
  authorisationTimedOut: 'time out the authorisation of',
  validUntilPassed: 'expire',
  expiredAtBank: 'expire',
  revokedAtBank: 'revoke',
  terminatedByTpp: 'terminate',
  oneOffUsedUp: 'use up',
};

export function isTerminalConsentStatus(status: ConsentStatus): boolean {
  return TERMINAL_CONSENT_STATUSES.has(status);
}

/** The status `event` leads to from `status`, or a 409 STATUS_INVALID refusal. */
export function transitionConsent(status: ConsentStatus, event: ConsentEvent): ConsentTransition {
  const next = TRANSITIONS[event][status];
  if (next === undefined) {
    const why = isTerminalConsentStatus(status)
      ? `the consent has ended (status ${status})`
      : `the consent has status ${status}`;
    return {
      ok: false,
      error: statusInvalid(`Cannot ${DESCRIBE[event]} this consent: ${why}`),
      from: status,
      event,
    };
  }
  return { ok: true, status: next, changed: next !== status };
}
