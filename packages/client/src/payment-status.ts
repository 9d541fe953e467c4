/**
 * What a TPP can act on from a payment's ISO 20022 `transactionStatus`: Berlin Group leaves
 * banks free among fourteen codes, and a TPP needs five answers. This is the one table: the
 * platform's developer portal shows the same states by importing it.
 * - `pending`: nothing authorised yet (RCVD, PATC): send the PSU to authorise.
 * - `authorised`: the PSU authorised and the bank has it (ACTC, ACCP, ACFC, ACWC, ACWP, ACSP,
 *   PDNG): wait; it can still be rejected.
 * - `executed`: the debtor account was debited (ACSC, ACCC; PART for a bulk whose items
 *   partly failed: read the items).
 * - `failed`: RJCT, final.
 * - `cancelled`: CANC, final.
 */
import type { components } from './generated/nextgenpsd2.js';

export type TransactionStatus = components['schemas']['transactionStatus'];
export type PaymentState = 'pending' | 'authorised' | 'executed' | 'failed' | 'cancelled';

export const PAYMENT_STATES: Readonly<Record<TransactionStatus, PaymentState>> = {
  RCVD: 'pending',
  PATC: 'pending',
  ACTC: 'authorised',
  ACCP: 'authorised',
  ACFC: 'authorised',
  ACWC: 'authorised',
  ACWP: 'authorised',
  ACSP: 'authorised',
  PDNG: 'authorised',
  ACSC: 'executed',
  ACCC: 'executed',
  PART: 'executed',
  RJCT: 'failed',
  CANC: 'cancelled',
};

export function paymentState(status: TransactionStatus): PaymentState {
  const state = PAYMENT_STATES[status];
  // A code newer than this SDK: treat as still moving rather than guess an outcome.
  return state ?? 'authorised';
}

/** States after which the payment does not change in a way the TPP waits for. */
export function isFinalPaymentState(state: PaymentState): boolean {
  return state === 'executed' || state === 'failed' || state === 'cancelled';
}
