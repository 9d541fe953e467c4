// The SDK's payment states must be the platform's: a TPP reading `state` from the SDK and one
// reading Bankbridge's documentation of the codes must reach the same decision.
import { describe, expect, it } from 'vitest';
import { TRANSACTION_STATUSES, tppPaymentState } from '../../platform/src/payments/rules/status.js';
import { isFinalPaymentState, PAYMENT_STATES, paymentState } from '../src/index.js';

describe('paymentState', () => {
  it('maps every ISO code exactly as the platform does', () => {
    expect(Object.keys(PAYMENT_STATES).sort()).toEqual([...TRANSACTION_STATUSES].sort());
    for (const status of TRANSACTION_STATUSES) {
      expect(paymentState(status), status).toBe(tppPaymentState(status));
    }
  });

  it('calls executed, failed and cancelled final, pending and authorised not', () => {
    expect(isFinalPaymentState('executed')).toBe(true);
    expect(isFinalPaymentState('failed')).toBe(true);
    expect(isFinalPaymentState('cancelled')).toBe(true);
    expect(isFinalPaymentState('pending')).toBe(false);
    expect(isFinalPaymentState('authorised')).toBe(false);
  });
});
