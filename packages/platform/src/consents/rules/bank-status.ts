/**
 * A bank's SCA and consent statuses, as its Berlin Group API reports them, read as Bankbridge
 * statuses and as the events they mean for Bankbridge's own authorisation and consent.
 *
 * Decisions:
 * - Bank values are compared without regard to case or surrounding spaces, and the American
 *   spelling "finalized" is read as "finalised": real banks send both. The payment-only
 *   `authoriseCreditorAccountStarted` is read as `started`.
 * - A value Bankbridge does not know gives `undefined`: the caller keeps the status it has
 *   and logs the value, rather than guessing.
 */
import type { ConsentEvent } from './consent-state.js';
import type { ScaEvent } from './sca-state.js';
import { CONSENT_STATUSES, type ConsentStatus, SCA_STATUSES, type ScaStatus } from './types.js';

const SCA_ALIASES: Record<string, ScaStatus> = {
  finalized: 'finalised',
  authorisecreditoraccountstarted: 'started',
};

function lookup<T extends string>(values: readonly T[], raw: unknown): T | undefined {
  if (typeof raw !== 'string') return undefined;
  const wanted = raw.trim().toLowerCase();
  return values.find((value) => value.toLowerCase() === wanted);
}

/** The Bankbridge SCA status for a bank's `scaStatus` value. */
export function scaStatusFromBank(raw: unknown): ScaStatus | undefined {
  const known = lookup(SCA_STATUSES, raw);
  if (known || typeof raw !== 'string') return known;
  return SCA_ALIASES[raw.trim().toLowerCase()];
}

const SCA_EVENT: Record<ScaStatus, ScaEvent | undefined> = {
  received: undefined,
  psuIdentified: 'psuIdentified',
  psuAuthenticated: 'psuAuthenticated',
  scaMethodSelected: 'scaMethodSelected',
  started: 'scaStarted',
  authenticationStarted: 'authenticationStarted',
  finalised: 'scaFinalised',
  failed: 'scaFailed',
  exempted: 'scaExempted',
};

/**
 * What a bank's SCA status means for the consent: finalised or exempted authorise it, failed
 * is a failed attempt (the consent stays `received`; see `consent-state.ts`), the steps in
 * between change nothing. Whether the bank *rejected* the consent is read from its consent
 * status (`consentEventFromBank`), not from the SCA status.
 */
const CONSENT_EVENT_OF_SCA: Record<ScaStatus, ConsentEvent | undefined> = {
  received: undefined,
  psuIdentified: undefined,
  psuAuthenticated: undefined,
  scaMethodSelected: undefined,
  started: undefined,
  authenticationStarted: undefined,
  finalised: 'scaFinalised',
  failed: 'scaFailed',
  exempted: 'scaFinalised',
};

export interface BankScaReport {
  scaStatus: ScaStatus;
  /** The event for Bankbridge's authorisation; undefined for `received` (nothing happened). */
  scaEvent: ScaEvent | undefined;
  /** The event for the consent, if the status implies one. */
  consentEvent: ConsentEvent | undefined;
}

/** A bank's `scaStatus` read for Bankbridge, or undefined for a value it does not know. */
export function mapBankScaStatus(raw: unknown): BankScaReport | undefined {
  const scaStatus = scaStatusFromBank(raw);
  if (!scaStatus) return undefined;
  return {
    scaStatus,
    scaEvent: SCA_EVENT[scaStatus],
    consentEvent: CONSENT_EVENT_OF_SCA[scaStatus],
  };
}

/** The Bankbridge consent status for a bank's `consentStatus` value. */
export function consentStatusFromBank(raw: unknown): ConsentStatus | undefined {
  return lookup(CONSENT_STATUSES, raw);
}

const CONSENT_EVENT_OF_BANK: Record<ConsentStatus, ConsentEvent | undefined> = {
  received: undefined,
  valid: 'scaFinalised',
  rejected: 'rejectedAtBank',
  revokedByPsu: 'revokedAtBank',
  expired: 'expiredAtBank',
  terminatedByTpp: 'terminatedByTpp',
};

/** The consent event a bank's `consentStatus` value means, if any. */
export function consentEventFromBank(raw: unknown): ConsentEvent | undefined {
  const status = consentStatusFromBank(raw);
  return status ? CONSENT_EVENT_OF_BANK[status] : undefined;
}
