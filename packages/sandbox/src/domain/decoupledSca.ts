// Decoupled (BankID-style) SCA: an authorisation resource whose status the TPP polls while
// the PSU acts in a separate app. received -> started (app opened) -> finalised | failed.

import type { PsuScenario } from './model.js';
import { type ScaOutcome, type ScaStatus, scaOutcome } from './scaOutcome.js';

/** A BankID order that is not completed within this time fails, as real orders do. */
export const BANKID_ORDER_SECONDS = 180;

export interface Authorisation {
  authorisationId: string;
  consentId: string;
  clientId: string;
  bic: string;
  psuId: string;
  scenario?: PsuScenario;
  autoStartToken: string;
  scaStatus: ScaStatus;
  createdAt: Date;
  /** Why it failed (BankID-style hint: userCancel, expiredTransaction, ...). */
  hint?: string;
  /** Tokens are handed out once per finalised authorisation. */
  tokensIssued: boolean;
}

export function isFinished(status: ScaStatus): boolean {
  return status === 'finalised' || status === 'failed';
}

/** Applies the order lifetime; returns the current status. */
export function refreshAuthorisation(authorisation: Authorisation, now: Date): ScaStatus {
  if (
    !isFinished(authorisation.scaStatus) &&
    now.getTime() - authorisation.createdAt.getTime() > BANKID_ORDER_SECONDS * 1000
  ) {
    authorisation.scaStatus = 'failed';
    authorisation.hint = 'expiredTransaction';
  }
  return authorisation.scaStatus;
}

export type AppAction = 'open' | 'approve' | 'deny';

/**
 * The PSU acts in the BankID app. Returns the outcome to apply to the consent, or undefined
 * when the action changed nothing (finished orders never change).
 */
export function applyAppAction(
  authorisation: Authorisation,
  action: AppAction,
  now: Date,
): ScaOutcome | undefined {
  if (isFinished(refreshAuthorisation(authorisation, now))) return undefined;
  authorisation.scaStatus = 'started';
  if (action === 'open') return undefined;
  const outcome = scaOutcome(authorisation.scenario, action);
  authorisation.scaStatus = outcome.scaStatus;
  if (outcome.scaStatus === 'failed') {
    authorisation.hint =
      action === 'deny'
        ? 'userCancel'
        : authorisation.scenario === 'consentRejected'
          ? 'consentRejected'
          : 'certificateErr';
  }
  return outcome;
}
