/**
 * A consent over time: creating the record, applying events to it, the changes that time
 * alone brings (authorisation time out, `validUntil` passed), and whether a data call may use
 * it. The clock is always an argument.
 */
import { type ConsentEvent, transitionConsent } from './consent-state.js';
import { addDays, localDate, startOfLocalDay } from './dates.js';
import type { ConsentRuleError } from './errors.js';
import type { ConsentRequest } from './parse-consent-request.js';
import type { Consent, ConsentStatus, PsuContext } from './types.js';

export interface ConsentOwner {
  id: string;
  clientId: string;
  bic: string;
  psuContext: PsuContext;
  psuCorporateId?: string | null;
}

/**
 * A new consent, status `received`, from a parsed request. `timeZone` is the bank's (see
 * `dates.ts`): `lastActionDate` is the bank's local date, like `validUntil`.
 */
export function createConsent(
  request: ConsentRequest,
  owner: ConsentOwner,
  now: Date,
  timeZone: string,
): Consent {
  const at = now.toISOString();
  return {
    ...owner,
    status: 'received',
    access: request.access,
    recurringIndicator: request.recurringIndicator,
    validUntil: request.validUntil,
    frequencyPerDay: request.frequencyPerDay,
    combinedServiceIndicator: request.combinedServiceIndicator,
    createdAt: at,
    lastActionDate: localDate(now, timeZone),
    statusChangedAt: at,
  };
}

export type AppliedConsentEvent =
  | { ok: true; consent: Consent; changed: boolean }
  | { ok: false; error: ConsentRuleError };

/**
 * `event` applied at `at`: a new consent object (the argument is not changed) with the new
 * status, or the 409 refusal of the state machine.
 * Decision: `lastActionDate` and `statusChangedAt` move only when the status changes, as the
 * contract defines lastActionDate ("the last action ... having an impact on the status").
 */
export function applyConsentEvent(
  consent: Consent,
  event: ConsentEvent,
  at: Date,
  timeZone: string,
): AppliedConsentEvent {
  const result = transitionConsent(consent.status, event);
  if (!result.ok) return { ok: false, error: result.error };
  if (!result.changed) return { ok: true, consent, changed: false };
  return {
    ok: true,
    changed: true,
    consent: {
      ...consent,
      status: result.status,
      lastActionDate: localDate(at, timeZone),
      statusChangedAt: at.toISOString(),
    },
  };
}

export interface LifecycleOptions {
  /** The bank's IANA time zone: `validUntil` ends at midnight there. */
  timeZone: string;
  /**
   * How long a consent may stay `received` before it is `rejected`, counted from its
   * creation. Left out: no time out (the status stays `received`).
   */
  authorisationTimeoutSeconds?: number;
}

/**
 * The first instant at which a consent with this `validUntil` is no longer valid: the start
 * of the next day in the bank's zone (the consent is usable through all of `validUntil`).
 */
export function validUntilEnds(validUntil: string, timeZone: string): Date {
  return startOfLocalDay(addDays(validUntil, 1), timeZone);
}

export interface DueEvent {
  event: 'authorisationTimedOut' | 'validUntilPassed';
  /** When it happened: record the status change with this time, not with `now`. */
  at: Date;
}

/**
 * The change time has brought to a consent by `now`, if any; the store applies it with
 * `applyConsentEvent(consent, due.event, due.at, timeZone)` and records it.
 * Decisions:
 * - A `received` consent is rejected once `authorisationTimeoutSeconds` have passed since it
 *   was created (at exactly that many seconds it is late).
 * - When both apply (an unauthorised consent whose last day has also passed), the one that
 *   happened first wins: the status history tells what happened, in order.
 * - Terminal consents get nothing: their status never changes.
 */
export function dueLifecycleEvent(
  consent: Consent,
  now: Date,
  options: LifecycleOptions,
): DueEvent | undefined {
  const due: DueEvent[] = [];
  if (consent.status === 'received' && options.authorisationTimeoutSeconds !== undefined) {
    const at = new Date(Date.parse(consent.createdAt) + options.authorisationTimeoutSeconds * 1000);
    if (now >= at) due.push({ event: 'authorisationTimedOut', at });
  }
  if (consent.status === 'received' || consent.status === 'valid') {
    const at = validUntilEnds(consent.validUntil, options.timeZone);
    if (now >= at) due.push({ event: 'validUntilPassed', at });
  }
  due.sort((a, b) => a.at.getTime() - b.at.getTime());
  return due[0];
}

/**
 * The status a consent has at `now`: its stored status, or what time has made of it
 * (`expired` past `validUntil`, `rejected` after the authorisation time). GET shows this
 * status, so an expiry is visible without a data call.
 */
export function effectiveConsentStatus(
  consent: Consent,
  now: Date,
  options: LifecycleOptions,
): ConsentStatus {
  const due = dueLifecycleEvent(consent, now, options);
  if (!due) return consent.status;
  const result = transitionConsent(consent.status, due.event);
  return result.ok ? result.status : consent.status;
}

export type ConsentUsability = { ok: true } | { ok: false; error: ConsentRuleError };

const NOT_USABLE: Record<
  Exclude<ConsentStatus, 'valid'>,
  { code: 'CONSENT_INVALID' | 'CONSENT_EXPIRED'; text: string }
> = {
  received: {
    code: 'CONSENT_INVALID',
    text: 'The consent is not authorised yet (consentStatus received): the PSU must complete the SCA first',
  },
  rejected: {
    code: 'CONSENT_INVALID',
    text: 'The consent was rejected (consentStatus rejected): create a new consent',
  },
  revokedByPsu: {
    code: 'CONSENT_INVALID',
    text: 'The PSU revoked the consent (consentStatus revokedByPsu): create a new consent',
  },
  terminatedByTpp: {
    code: 'CONSENT_INVALID',
    text: 'The consent was deleted (consentStatus terminatedByTpp): create a new consent',
  },
  expired: {
    code: 'CONSENT_EXPIRED',
    text: 'The consent has expired (consentStatus expired): create a new consent',
  },
};

/**
 * Whether a data call (accounts, balances, transactions) may use the consent at `now`:
 * `valid` and not past `validUntil`. Otherwise 401 CONSENT_EXPIRED for an expired consent
 * (also one that is only now past `validUntil`), 401 CONSENT_INVALID for every other status.
 */
export function consentUsability(
  consent: Consent,
  now: Date,
  options: LifecycleOptions,
): ConsentUsability {
  const status = effectiveConsentStatus(consent, now, options);
  if (status === 'valid') return { ok: true };
  const { code, text } = NOT_USABLE[status];
  return { ok: false, error: { kind: 'consentNotUsable', code, status: 401, text } };
}
