// Decoupled (BankID-style) SCA: an authorisation resource whose status the TPP polls while
// the PSU acts in a separate app. received -> started (app opened) -> finalised | failed.
// It authorises one resource (a consent, later a payment) named by reference.
// The TPP may start it with the PSU's id, or without one (the NextGenPSD2 QR flow): then the
// PSU identifies in the app by scanning the QR code, and only an identified PSU can approve.

import type { PsuScenario } from './model.js';
import {
  type ScaOutcome,
  type ScaOutcomeRules,
  type ScaStatus,
  scaOutcome,
} from './sca-outcome.js';
import type { ScaResourceRef } from './sca-resource.js';

/** A BankID order that is not completed within this time fails, as real orders do. */
export const BANKID_ORDER_SECONDS = 180;

export interface Authorisation {
  authorisationId: string;
  resource: ScaResourceRef;
  clientId: string;
  bic: string;
  /** Known from the start (PSU-ID), or once the PSU identified in the app (QR flow). */
  psuId?: string;
  scenario?: PsuScenario;
  autoStartToken: string;
  /** The animated QR code's token and key: the code shown changes every second. */
  qrStartToken: string;
  qrStartSecret: string;
  scaStatus: ScaStatus;
  createdAt: Date;
  /** Why it failed (BankID-style hint: userCancel, expiredTransaction, ...). */
  hint?: string;
  /** Tokens are handed out once per finalised authorisation. */
  tokensIssued: boolean;
  /** Of a bank with steps of its own: how many of them were reported since the app opened. */
  stepsReported?: number;
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
 * The person using the app identifies (scanning the QR code). An order started for one PSU
 * cannot be taken over by another; a finished order does not change. Returns why the
 * identification is refused, or undefined.
 */
export function identifyInApp(
  authorisation: Authorisation,
  psu: { psuId: string; scenario?: PsuScenario },
  now: Date,
): string | undefined {
  if (isFinished(refreshAuthorisation(authorisation, now))) return undefined;
  if (authorisation.psuId !== undefined) {
    return authorisation.psuId === psu.psuId
      ? undefined
      : 'This BankID order was started for another person';
  }
  authorisation.psuId = psu.psuId;
  if (psu.scenario) authorisation.scenario = psu.scenario;
  return undefined;
}

/** Approving needs a PSU: an order started without one waits for the PSU to identify. */
export function needsIdentification(authorisation: Authorisation): boolean {
  return authorisation.psuId === undefined;
}

/**
 * The PSU acts in the BankID app. Returns the outcome to apply to the resource, or undefined
 * when the action changed nothing (finished orders never change).
 */
export function applyAppAction(
  authorisation: Authorisation,
  action: AppAction,
  rules: ScaOutcomeRules,
  now: Date,
): ScaOutcome | undefined {
  if (isFinished(refreshAuthorisation(authorisation, now))) return undefined;
  authorisation.scaStatus = 'started';
  if (action === 'open') return undefined;
  if (action === 'approve' && needsIdentification(authorisation)) return undefined;
  const outcome = scaOutcome(authorisation.scenario, action, rules);
  authorisation.scaStatus = outcome.scaStatus;
  if (outcome.hint !== undefined) authorisation.hint = outcome.hint;
  return outcome;
}
