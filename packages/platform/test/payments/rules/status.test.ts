import { describe, expect, it } from 'vitest';
import {
  adoptBankStatus,
  INITIAL_TRANSACTION_STATUS,
  isTerminalTransactionStatus,
  PAYMENT_EVENTS,
  type PaymentEvent,
  readBankTransactionStatus,
  TRANSACTION_STATUSES,
  type TransactionStatus,
  transitionPayment,
} from '../../../src/payments/rules/status.js';

function walk(from: TransactionStatus, ...events: PaymentEvent[]): TransactionStatus {
  let status = from;
  for (const event of events) {
    const next = transitionPayment(status, event);
    if (!next.ok) throw new Error(`${event} refused from ${status}: ${next.error.text}`);
    status = next.status;
  }
  return status;
}

describe('the payment lifecycle', () => {
  it('lists the fourteen statuses of the contract and starts at RCVD', () => {
    expect([...TRANSACTION_STATUSES].sort()).toEqual([
      'ACCC',
      'ACCP',
      'ACFC',
      'ACSC',
      'ACSP',
      'ACTC',
      'ACWC',
      'ACWP',
      'CANC',
      'PART',
      'PATC',
      'PDNG',
      'RCVD',
      'RJCT',
    ]);
    expect(INITIAL_TRANSACTION_STATUS).toBe('RCVD');
  });

  it.each([
    [['scaFinalised', 'bankAccepted', 'booked', 'credited'], 'ACCC'],
    [['scaPartlyFinalised', 'scaPartlyFinalised', 'scaFinalised'], 'ACTC'],
    [['scaFinalised', 'booked'], 'ACSC'],
    [['scaFinalised', 'pending', 'bankAccepted', 'booked'], 'ACSC'],
    [['scaFinalised', 'pending', 'rejected'], 'RJCT'],
    [['expired'], 'RJCT'],
    [['scaPartlyFinalised', 'expired'], 'RJCT'],
    [['cancelled'], 'CANC'],
    [['scaFinalised', 'bankAccepted', 'cancelled'], 'CANC'],
    [['scaFinalised', 'bankAccepted', 'partlyExecuted'], 'PART'],
  ] as [PaymentEvent[], TransactionStatus][])('RCVD, %j → %s', (events, status) => {
    expect(walk('RCVD', ...events)).toBe(status);
  });

  it('never changes a terminal status: every event is a 409 STATUS_INVALID value', () => {
    for (const status of ['ACCC', 'RJCT', 'CANC', 'PART'] as const) {
      expect(isTerminalTransactionStatus(status)).toBe(true);
      for (const event of PAYMENT_EVENTS) {
        const result = transitionPayment(status, event);
        expect(result.ok, `${event} on ${status}`).toBe(false);
        if (!result.ok) {
          expect(result.error).toMatchObject({ code: 'STATUS_INVALID', status: 409 });
          expect(result.error.text).toContain(`transactionStatus ${status}`);
        }
      }
    }
  });

  it('refuses a second finalisation, so two raced authorisations cannot execute twice', () => {
    const result = transitionPayment('ACTC', 'scaFinalised');
    expect(result).toMatchObject({ ok: false, error: { code: 'STATUS_INVALID' } });
  });

  it('does not expire or cancel-by-timeout an authorised payment', () => {
    expect(transitionPayment('ACSP', 'expired').ok).toBe(false);
  });

  it('lets an executed payment only be credited', () => {
    expect(isTerminalTransactionStatus('ACSC')).toBe(false);
    expect(walk('ACSC', 'credited')).toBe('ACCC');
    for (const event of ['cancelled', 'rejected', 'scaFinalised', 'expired'] as const) {
      expect(transitionPayment('ACSC', event).ok, event).toBe(false);
    }
  });
});

describe('a bank reported status', () => {
  it.each([
    ['ACSC', 'ACSC'],
    ['acsc', 'ACSC'],
    [' Rjct ', 'RJCT'],
    ['ACXX', undefined],
    ['', undefined],
    [42, undefined],
    [null, undefined],
    [undefined, undefined],
    ['Accepted', undefined],
  ])('%j reads as %j', (raw, status) => {
    expect(readBankTransactionStatus(raw)).toBe(status);
  });

  it('is taken over when it goes forward, and ignored when it lags behind', () => {
    expect(adoptBankStatus('RCVD', 'ACTC')).toEqual({ ok: true, status: 'ACTC', changed: true });
    expect(adoptBankStatus('ACTC', 'ACFC')).toEqual({ ok: true, status: 'ACFC', changed: true });
    expect(adoptBankStatus('PDNG', 'ACSP')).toEqual({ ok: true, status: 'ACSP', changed: true });
    expect(adoptBankStatus('ACSP', 'RCVD')).toEqual({ ok: true, status: 'ACSP', changed: false });
    expect(adoptBankStatus('ACSP', 'ACSP')).toEqual({ ok: true, status: 'ACSP', changed: false });
  });

  it('never changes a terminal status', () => {
    expect(adoptBankStatus('RJCT', 'ACSC')).toMatchObject({
      ok: false,
      error: { code: 'STATUS_INVALID' },
    });
    expect(adoptBankStatus('CANC', 'ACSC')).toMatchObject({ ok: false });
  });
});
