import { describe, expect, it } from 'vitest';
import {
  offeredConsentPicker,
  parseTypedIbans,
} from '../../../src/consents/rules/offered-consent.js';
import {
  type ConsentBankSettings,
  parseConsentRequest,
} from '../../../src/consents/rules/parse-consent-request.js';

const withoutOffered: ConsentBankSettings = {
  maxValidityDays: 90,
  maxFrequencyPerDay: 4,
  bankOffered: false,
  allPsd2: false,
  availableAccounts: false,
};

const guide = {
  access: {},
  combinedServiceIndicator: false,
  frequencyPerDay: 1,
  recurringIndicator: false,
  validUntil: '2026-12-23',
};

describe('who lets the PSU pick the accounts of a bank-offered consent', () => {
  it.each([
    [true, false, ['DECOUPLED'], 'bank'],
    [true, true, ['REDIRECT'], 'bank'],
    [false, true, ['REDIRECT'], 'bankbridgeList'],
    [false, false, ['REDIRECT'], 'bankbridgeTyped'],
    [false, false, ['DECOUPLED', 'REDIRECT'], 'bankbridgeTyped'],
    // A decoupled-only bank: Bankbridge's pages host its BankID, so the PSU names the accounts.
    [false, true, ['DECOUPLED'], 'bankbridgeTyped'],
    [false, false, ['DECOUPLED'], 'bankbridgeTyped'],
  ])('bankOffered %s, allPsd2 %s, with %j: %s', (bankOffered, allPsd2, approaches, picker) => {
    expect(offeredConsentPicker({ bankOffered, allPsd2 }, approaches)).toBe(picker);
  });

  it('takes the guide’s access {} where Bankbridge picks, and refuses it where nobody can', () => {
    const today = '2026-11-21';
    const taken = parseConsentRequest(
      guide,
      { ...withoutOffered, offeredPicker: 'bankbridgeTyped' },
      today,
    );
    expect(taken).toMatchObject({ ok: true, value: { access: {} } });
    const refused = parseConsentRequest(
      guide,
      { ...withoutOffered, offeredPicker: undefined },
      today,
    );
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'SERVICE_INVALID', text: expect.stringMatching(/name the accounts instead/) },
    });
    // Without a picker named, the bank's flag decides, as before.
    expect(parseConsentRequest(guide, withoutOffered, today).ok).toBe(false);
  });
});

describe('the IBANs a PSU types', () => {
  it('takes print format, separators and duplicates', () => {
    expect(parseTypedIbans('se45 5000 0000 0583 9825 7466\nSE4550000000058398257466; ')).toEqual({
      ok: true,
      ibans: ['SE4550000000058398257466'],
    });
  });

  it('says what is wrong, in words for the PSU', () => {
    expect(parseTypedIbans(' \n ')).toEqual({
      ok: false,
      problem: 'Enter the IBAN of at least one account to share.',
    });
    expect(parseTypedIbans('SE12 3456')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('is not an IBAN'),
    });
  });
});
