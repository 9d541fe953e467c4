import { describe, expect, it } from 'vitest';
import {
  anyCovers,
  covers,
  parseAccountReference,
  sameReference,
} from '../../../src/consents/rules/account-reference.js';

const IBAN = 'SE3550000000054910000003';

describe('parsing an account reference', () => {
  it('takes an iban or a bban, with an optional currency', () => {
    expect(parseAccountReference({ iban: IBAN }, 'p')).toEqual({ ok: true, value: { iban: IBAN } });
    expect(parseAccountReference({ iban: 'GB82west12345698765432', currency: 'GBP' }, 'p')).toEqual(
      {
        ok: true,
        value: { iban: 'GB82WEST12345698765432', currency: 'GBP' },
      },
    );
    expect(parseAccountReference({ bban: 'barc12345612345678' }, 'p')).toEqual({
      ok: true,
      value: { bban: 'BARC12345612345678' },
    });
  });

  it('refuses a field an account reference does not have, rather than dropping it', () => {
    expect(
      parseAccountReference({ iban: 'GB82west12345698765432', currency: 'GBP', note: 1 }, 'p'),
    ).toEqual({
      ok: false,
      error: {
        kind: 'invalidField',
        code: 'FORMAT_ERROR',
        status: 400,
        path: 'p.note',
        text: 'p.note: is not a field of an account reference; the fields are iban, bban, currency',
      },
    });
  });

  it.each([
    [null, 'p', 'must be an object with an iban or a bban'],
    ['SE35', 'p', 'must be an object with an iban or a bban'],
    [[], 'p', 'must be an object with an iban or a bban'],
    [{}, 'p', 'must have an iban or a bban'],
    [{ currency: 'EUR' }, 'p', 'must have an iban or a bban'],
    [{ iban: IBAN, bban: '123' }, 'p', 'must have either an iban or a bban, not both'],
    [{ iban: 42 }, 'p.iban', 'must be a string'],
    [{ iban: 'SE3550000000054910000004' }, 'p.iban', 'check digits'],
    [{ iban: 'SE35 5000 0000 0549 1000 0003' }, 'p.iban', 'without spaces'],
    [{ bban: '' }, 'p.bban', '1 to 30 letters or digits'],
    [{ bban: '1234 5678' }, 'p.bban', '1 to 30 letters or digits'],
    [{ bban: 'A'.repeat(31) }, 'p.bban', '1 to 30 letters or digits'],
    [{ bban: 12345 }, 'p.bban', '1 to 30 letters or digits'],
    [{ iban: IBAN, currency: 'eur' }, 'p.currency', 'ISO 4217'],
    [{ iban: IBAN, currency: 'EURO' }, 'p.currency', 'ISO 4217'],
    [{ iban: IBAN, currency: 978 }, 'p.currency', 'ISO 4217'],
  ])('refuses %j with FORMAT_ERROR at %s', (value, path, text) => {
    const result = parseAccountReference(value, 'p');
    expect(result).toMatchObject({ ok: false, error: { code: 'FORMAT_ERROR', status: 400, path } });
    if (!result.ok) expect(result.error.text).toContain(text);
  });

  it.each(['pan', 'maskedPan', 'msisdn', 'clearingNumber'])(
    'refuses %s with PARAMETER_NOT_SUPPORTED',
    (field) => {
      expect(
        parseAccountReference({ [field]: '5409050000000000' }, 'access.accounts[0]'),
      ).toMatchObject({
        ok: false,
        error: {
          kind: 'parameterNotSupported',
          code: 'PARAMETER_NOT_SUPPORTED',
          status: 400,
          path: `access.accounts[0].${field}`,
        },
      });
    },
  );
});

describe('whether a reference covers an account', () => {
  it('matches the same IBAN, whatever the case, in any currency unless one is named', () => {
    expect(covers({ iban: IBAN }, { iban: IBAN, currency: 'SEK' })).toBe(true);
    expect(covers({ iban: IBAN }, { iban: IBAN.toLowerCase().replace('se', 'SE') })).toBe(true);
    expect(covers({ iban: IBAN, currency: 'SEK' }, { iban: IBAN, currency: 'SEK' })).toBe(true);
    expect(covers({ iban: IBAN, currency: 'EUR' }, { iban: IBAN, currency: 'SEK' })).toBe(false);
    expect(covers({ iban: IBAN, currency: 'EUR' }, { iban: IBAN })).toBe(false);
    expect(covers({ iban: IBAN }, { iban: 'DE89370400440532013000' })).toBe(false);
  });

  it('matches BBANs with BBANs only', () => {
    expect(covers({ bban: '12345' }, { bban: '12345', currency: 'SEK' })).toBe(true);
    expect(covers({ bban: 'ABC1' }, { bban: 'abc1' })).toBe(true);
    expect(covers({ bban: '12345' }, { iban: IBAN })).toBe(false);
    expect(covers({ iban: IBAN }, { bban: '50000000054910000003' })).toBe(false);
  });

  it('checks lists and sameness', () => {
    expect(anyCovers(undefined, { iban: IBAN })).toBe(false);
    expect(anyCovers([], { iban: IBAN })).toBe(false);
    expect(anyCovers([{ bban: '1' }, { iban: IBAN }], { iban: IBAN })).toBe(true);
    expect(sameReference({ iban: IBAN }, { iban: IBAN })).toBe(true);
    expect(sameReference({ iban: IBAN }, { iban: IBAN, currency: 'SEK' })).toBe(false);
  });
});
