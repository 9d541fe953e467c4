// How an SCA ends, for both approaches: the PSU's decision meets the PSU's scenario.
// Redirect (login page) and decoupled (BankID app) share these rules, for every kind of
// resource; the kind only words the denial and says whether the bank rejects it.

import type { PsuScenario } from './model.js';

export type ScaStatus = 'received' | 'started' | 'psuIdentified' | 'finalised' | 'failed';

/** The bank refusing the resource itself, after a successful authentication. */
export interface BankRejection {
  message: string;
  /** BankID-style hint code the authorisation fails with. */
  hint: string;
}

/** What a resource kind contributes to the outcome of its SCA. */
export interface ScaOutcomeRules {
  /** Shown when the PSU denies (`The PSU declined the consent`). */
  readonly declinedMessage: string;
  /** Whether the bank rejects the resource for a PSU with this scenario. */
  bankRejection(scenario: PsuScenario | undefined): BankRejection | undefined;
}

export interface ScaOutcome {
  /** 'started' means nothing happens yet: the SCA keeps waiting. */
  scaStatus: 'finalised' | 'failed' | 'started';
  /** What the end of the SCA does to the resource it authorises. */
  resource: 'authorised' | 'rejected' | 'unchanged';
  /** Shown to the PSU and returned as error_description / psuMessage. */
  message: string;
  /** BankID-style hint code of a failure (userCancel, certificateErr, ...). */
  hint?: string;
}

export function scaOutcome(
  scenario: PsuScenario | undefined,
  decision: 'approve' | 'deny',
  rules: ScaOutcomeRules,
): ScaOutcome {
  if (decision === 'deny') {
    return {
      scaStatus: 'failed',
      resource: 'rejected',
      message: rules.declinedMessage,
      hint: 'userCancel',
    };
  }
  switch (scenario) {
    case 'scaFails':
      return {
        scaStatus: 'failed',
        resource: 'unchanged',
        message: 'Authentication failed',
        hint: 'certificateErr',
      };
    case 'scaTimeout':
      return {
        scaStatus: 'started',
        resource: 'unchanged',
        message: 'Waiting for the PSU to authenticate',
      };
  }
  const rejection = rules.bankRejection(scenario);
  if (rejection) {
    return {
      scaStatus: 'failed',
      resource: 'rejected',
      message: rejection.message,
      hint: rejection.hint,
    };
  }
  return { scaStatus: 'finalised', resource: 'authorised', message: 'Authentication completed' };
}
