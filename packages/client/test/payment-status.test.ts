// The SDK's payment states are the one table of them: the platform's portal imports it, so a TPP
// reading `state` from the SDK and one reading it in the portal reach the same decision.
import { describe, expect, it } from 'vitest';
import { TRANSACTION_STATUSES } from '../../platform/src/payments/rules/status.js';
import { isFinalPaymentState, PAYMENT_STATES, paymentState } from '../src/index.js';

describe('paymentState', () => {
  it('maps every ISO code the platform knows, and no other', () => {
    expect(Object.keys(PAYMENT_STATES).sort()).toEqual([...TRANSACTION_STATUSES].sort());
    for (const status of TRANSACTION_STATUSES) expect(PAYMENT_STATES[status], status).toBeDefined();
  });

  it.each([
    ['RCVD', 'pending'],
    ['PATC', 'pending'],
    ['ACTC', 'authorised'],
    ['ACCP', 'authorised'],
    ['ACFC', 'authorised'],
    ['ACWC', 'authorised'],
    ['ACWP', 'authorised'],
    ['ACSP', 'authorised'],
    ['PDNG', 'authorised'],
    ['ACSC', 'executed'],
    ['ACCC', 'executed'],
    ['PART', 'executed'],
    ['RJCT', 'failed'],
    ['CANC', 'cancelled'],
  ] as const)('%s is %s', (status, state) => {
    expect(paymentState(status)).toBe(state);
  });

  it('calls executed, failed and cancelled final, pending and authorised not', () => {
    expect(isFinalPaymentState('executed')).toBe(true);
    expect(isFinalPaymentState('failed')).toBe(true);
    expect(isFinalPaymentState('cancelled')).toBe(true);
    expect(isFinalPaymentState('pending')).toBe(false);
    expect(isFinalPaymentState('authorised')).toBe(false);
  });
});
