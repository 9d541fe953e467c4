// How an SCA ends, for both approaches: the PSU's decision meets the PSU's scenario.
// Redirect (login page) and decoupled (BankID app) share these rules.

import type { PsuScenario } from './model.js';

export type ScaStatus = 'received' | 'started' | 'psuIdentified' | 'finalised' | 'failed';

export interface ScaOutcome {
  /** 'started' means nothing happens yet: the SCA keeps waiting. */
  scaStatus: 'finalised' | 'failed' | 'started';
  consent: 'valid' | 'rejected' | 'unchanged';
  /** Shown to the PSU and returned as error_description / psuMessage. */
  message: string;
}

export function scaOutcome(
  scenario: PsuScenario | undefined,
  decision: 'approve' | 'deny',
): ScaOutcome {
  if (decision === 'deny') {
    return { scaStatus: 'failed', consent: 'rejected', message: 'The PSU declined the consent' };
  }
  switch (scenario) {
    case 'scaFails':
      return { scaStatus: 'failed', consent: 'unchanged', message: 'Authentication failed' };
    case 'scaTimeout':
      return {
        scaStatus: 'started',
        consent: 'unchanged',
        message: 'Waiting for the PSU to authenticate',
      };
    case 'consentRejected':
      return { scaStatus: 'failed', consent: 'rejected', message: 'The bank rejected the consent' };
    default:
      return { scaStatus: 'finalised', consent: 'valid', message: 'Authentication completed' };
  }
}
