import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFLICT, PaymentsRepository } from '../../src/store/payments.js';
import { newPayment } from '../support/store-records.js';
import { createTestStore, type TestStore } from '../support/test-store.js';

let store: TestStore;
let payments: PaymentsRepository;
let clock = new Date('2026-11-21T10:00:00Z');

const payment = newPayment({
  clientId: 'client-p',
  body: { instructedAmount: { currency: 'SEK', amount: '10.00' } },
  endToEndId: 'e2e-1',
  bankPaymentId: 'bank-p-1',
});

beforeAll(async () => {
  store = await createTestStore();
  payments = new PaymentsRepository(store.db, () => clock);
});
afterAll(async () => store?.destroy());

describe('payments', () => {
  it('answers every change with exactly what a read of the row answers afterwards', async () => {
    let current = await payments.create(payment, { reason: 'created', source: 'tpp' });
    const steps: Array<[string, Parameters<PaymentsRepository['changeStatus']>[3]]> = [
      ['RCVD', { scaApproach: 'REDIRECT' }],
      ['ACTC', { fundsAvailable: true }],
      ['ACTC', { cancellationRequestedAt: '2026-11-21T10:05:00.000Z' }],
      [
        'RJCT',
        { statusReasonCode: 'AM04', statusReason: 'Insufficient funds', fundsAvailable: null },
      ],
      ['RJCT', { cancellationRequestedAt: null }],
    ];
    for (const [status, changes] of steps) {
      clock = new Date(clock.getTime() + 60_000);
      const changed = await payments.changeStatus(
        current,
        status,
        { reason: 'step', source: 'bank' },
        changes,
      );
      if (changed === CONFLICT) throw new Error('conflict');
      expect(changed).toEqual(await payments.findOwned('client-p', current.id));
      current = changed;
    }
    expect(current).toMatchObject({ status: 'RJCT', version: 6, statusReasonCode: 'AM04' });
  });
});
