import { describe, expect, it } from 'vitest';
import {
  type AccountRules,
  parsePaymentAccount,
} from '../../../src/payments/rules/payment-account.js';
import { CREDITOR_IBAN } from './fixtures.js';

const ibanOnly: AccountRules = { style: 'iban', ibanOnly: false, giro: false };
const swedish: AccountRules = { style: 'iban-or-bban', ibanOnly: false, giro: true };

describe('an account reference in a payment', () => {
  it('keeps an IBAN in capitals, with the currency if named', () => {
    const lower = parsePaymentAccount(
      { iban: 'GB82west12345698765432' },
      'creditorAccount',
      ibanOnly,
    );
    expect(lower).toEqual({ ok: true, value: { iban: 'GB82WEST12345698765432' } });
    const valid = parsePaymentAccount(
      { iban: CREDITOR_IBAN, currency: 'SEK' },
      'creditorAccount',
      ibanOnly,
    );
    expect(valid).toEqual({ ok: true, value: { iban: CREDITOR_IBAN, currency: 'SEK' } });
  });

  it('takes a debtor plusgiro number for Swedish products', () => {
    expect(parsePaymentAccount({ plusgiroNumber: '4404-7' }, 'debtorAccount', swedish)).toEqual({
      ok: true,
      value: { plusgiroNumber: '4404-7' },
    });
    expect(
      parsePaymentAccount({ plusgiroNumber: '4404-7' }, 'debtorAccount', ibanOnly),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORMAT_ERROR', path: 'debtorAccount.plusgiroNumber' },
    });
  });

  it.each([
    [
      'a clearing number with an IBAN',
      { iban: CREDITOR_IBAN, clearingNumber: '6000' },
      'x.clearingNumber',
    ],
    [
      'a clearing number of letters',
      { bban: '12345678901', clearingNumber: 'ABCD' },
      'x.clearingNumber',
    ],
    ['a BBAN with spaces', { bban: '1234 5678' }, 'x.bban'],
    ['a number as IBAN', { iban: 5 }, 'x.iban'],
    ['an IBAN in print format', { iban: 'SE35 5000 0000 0549 1000 0003' }, 'x.iban'],
    ['a bankgiro and an IBAN', { iban: CREDITOR_IBAN, bankgiroNumber: '5050-1055' }, 'x'],
    ['a lower-case currency', { iban: CREDITOR_IBAN, currency: 'sek' }, 'x.currency'],
  ])('%s → 400 FORMAT_ERROR at %s', (_, value, path) => {
    expect(parsePaymentAccount(value, 'x', swedish)).toMatchObject({
      ok: false,
      error: { code: 'FORMAT_ERROR', path },
    });
  });

  it('answers PARAMETER_NOT_SUPPORTED for msisdn and masked PAN', () => {
    for (const key of ['msisdn', 'maskedPan']) {
      expect(parsePaymentAccount({ [key]: '1' }, 'x', swedish)).toMatchObject({
        ok: false,
        error: { code: 'PARAMETER_NOT_SUPPORTED', path: `x.${key}` },
      });
    }
  });
});
