import { describe, expect, it } from 'vitest';
import { checkBankProductBody } from '../../../src/payments/rules/bank-product-body.js';
import { CREDITOR_IBAN } from './fixtures.js';

describe('the body of a bank product', () => {
  it('passes through as it came, fields of the bank included', () => {
    const body = {
      instructedAmount: { currency: 'SEK', amount: '10.00' },
      debtorAccount: { bban: '12345678901', clearingNumber: '6000' },
      creditorAccount: { iban: CREDITOR_IBAN },
      bankSpecificField: { anything: true },
    };
    expect(checkBankProductBody(body)).toEqual({ ok: true, value: { body } });
  });

  it.each([
    ['not an object', [], 'body'],
    [
      'a bad amount',
      { instructedAmount: { currency: 'SEK', amount: '1e3' } },
      'instructedAmount.amount',
    ],
    [
      'a number amount',
      { instructedAmount: { currency: 'SEK', amount: 10 } },
      'instructedAmount.amount',
    ],
    ['a bad IBAN', { creditorAccount: { iban: 'SE00' } }, 'creditorAccount.iban'],
    ['an account reference naming nothing', { debtorAccount: {} }, 'debtorAccount'],
    [
      'an unknown currency',
      { debtorAccount: { iban: CREDITOR_IBAN, currency: 'XXQ' } },
      'debtorAccount.currency',
    ],
    ['an empty bulk', { payments: [] }, 'payments'],
    [
      'a bad bulk item',
      { payments: [{}, { instructedAmount: { currency: 'SEK', amount: '-1' } }] },
      'payments[1].instructedAmount.amount',
    ],
  ])('%s → 400 FORMAT_ERROR at %s', (_, body, path) => {
    expect(checkBankProductBody(body)).toMatchObject({
      ok: false,
      error: { code: 'FORMAT_ERROR', path },
    });
  });

  it('refuses a body nested deeper than any payment, without recursing into it', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = { a: deep };
    expect(checkBankProductBody({ bankField: deep })).toMatchObject({
      ok: false,
      error: { code: 'FORMAT_ERROR', path: 'body' },
    });
    const bulk = { payments: [{ creditorAddress: { lines: [['x']] } }] };
    expect(checkBankProductBody(bulk).ok).toBe(true);
  });

  it('caps the size', () => {
    const body = { remittance: 'x'.repeat(2000) };
    expect(checkBankProductBody(body, { maxBytes: 1000 })).toMatchObject({
      ok: false,
      error: { code: 'PAYLOAD_TOO_LARGE', status: 413 },
    });
    expect(checkBankProductBody(body).ok).toBe(true);
  });
});
