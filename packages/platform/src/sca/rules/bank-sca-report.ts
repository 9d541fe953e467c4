/**
 * A bank's reported `scaStatus` read for Bankbridge: the status and the event it means for
 * Bankbridge's own authorisation. Apart from sca-status.ts, which the state machine
 * (sca-state.ts) imports: reading a report needs both, and in either of them it made a circle.
 */
import type { ScaEvent } from './sca-state.js';
import { type ScaStatus, scaStatusFromBank } from './sca-status.js';

const SCA_EVENT: Record<ScaStatus, ScaEvent | undefined> = {
  received: undefined,
  psuIdentified: 'psuIdentified',
  psuAuthenticated: 'psuAuthenticated',
  scaMethodSelected: 'scaMethodSelected',
  started: 'scaStarted',
  authenticationStarted: 'authenticationStarted',
  authoriseCreditorAccountStarted: 'creditorApprovalStarted',
  finalised: 'scaFinalised',
  failed: 'scaFailed',
  exempted: 'scaExempted',
};

export interface BankScaReport {
  scaStatus: ScaStatus;
  /** The event for Bankbridge's authorisation; undefined for `received` (nothing happened). */
  scaEvent: ScaEvent | undefined;
}

/** A bank's `scaStatus` read for Bankbridge, or undefined for a value it does not know. */
export function readBankScaStatus(raw: unknown): BankScaReport | undefined {
  const scaStatus = scaStatusFromBank(raw);
  return scaStatus ? { scaStatus, scaEvent: SCA_EVENT[scaStatus] } : undefined;
}
