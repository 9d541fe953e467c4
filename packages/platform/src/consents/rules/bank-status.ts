/**
 * A bank's consent status, and what its SCA status means for the consent, as its Berlin Group
 * API reports them (the SCA status itself is read by `sca/rules/bank-sca-report.ts`). A value
 * Bankbridge does not know gives `undefined`: the caller keeps the status it has and logs the
 * value, rather than guessing. Values are compared without regard to case or spaces.
 */

import { readBankScaStatus } from '../../sca/rules/bank-sca-report.js';
import type { ScaEvent } from '../../sca/rules/sca-state.js';
import type { ScaStatus } from '../../sca/rules/sca-status.js';
import type { ConsentEvent } from './consent-state.js';
import { CONSENT_STATUSES, type ConsentStatus } from './types.js';

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
  authoriseCreditorAccountStarted: undefined,
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

/** A bank's `scaStatus` read for a consent, or undefined for a value Bankbridge does not know. */
export function mapBankScaStatus(raw: unknown): BankScaReport | undefined {
  const report = readBankScaStatus(raw);
  return report && { ...report, consentEvent: CONSENT_EVENT_OF_SCA[report.scaStatus] };
}

function lookup<T extends string>(values: readonly T[], raw: unknown): T | undefined {
  if (typeof raw !== 'string') return undefined;
  const wanted = raw.trim().toLowerCase();
  return values.find((value) => value.toLowerCase() === wanted);
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
