import { describe, expect, it } from 'vitest';
import {
  animatedQrOf,
  BANK_REDIRECT,
  chooseScaApproach,
  MOBILT_BANKID,
  MOBILT_BANKID_ANIMATED_QR_IMAGE,
  MOBILT_BANKID_ANIMATED_QR_TOKEN,
  parseScaMethodSelection,
  parseTppRedirectPreferred,
  scaMethodsFor,
} from '../../../src/sca/rules/sca-approach.js';

describe('choosing the SCA approach', () => {
  it.each([
    [['REDIRECT', 'DECOUPLED'], undefined, 'REDIRECT'],
    [['REDIRECT', 'DECOUPLED'], true, 'REDIRECT'],
    [['REDIRECT', 'DECOUPLED'], false, 'DECOUPLED'],
    [['DECOUPLED', 'REDIRECT'], undefined, 'DECOUPLED'],
    [['DECOUPLED', 'REDIRECT'], true, 'DECOUPLED'],
    [['DECOUPLED', 'REDIRECT'], false, 'DECOUPLED'],
    [['REDIRECT'], false, 'REDIRECT'],
    [['REDIRECT'], true, 'REDIRECT'],
    [['DECOUPLED'], true, 'DECOUPLED'],
    [['DECOUPLED'], undefined, 'DECOUPLED'],
  ] as const)('bank %j, TPP-Redirect-Preferred %s -> %s', (bank, preferred, expected) => {
    expect(chooseScaApproach(bank, preferred)).toBe(expected);
  });

  it('needs at least one approach', () => {
    expect(() => chooseScaApproach([])).toThrow(RangeError);
  });
});

describe('the SCA methods offered', () => {
  it('are Mobilt BankID for decoupled, as the integration guide reads them, then its animated QR codes', () => {
    expect(scaMethodsFor(['DECOUPLED'], 'DECOUPLED')).toEqual([
      { authenticationType: 'PUSH_OTP', authenticationMethodId: 'mbid', name: 'Mobilt BankID' },
      MOBILT_BANKID_ANIMATED_QR_IMAGE,
      MOBILT_BANKID_ANIMATED_QR_TOKEN,
    ]);
    expect(MOBILT_BANKID_ANIMATED_QR_IMAGE.authenticationMethodId).toBe('mbid_animated_qr_image');
    expect(MOBILT_BANKID_ANIMATED_QR_TOKEN.authenticationMethodId).toBe('mbid_animated_qr_token');
  });

  it("put the chosen approach's method first", () => {
    expect(scaMethodsFor(['REDIRECT', 'DECOUPLED'], 'REDIRECT')).toEqual([
      BANK_REDIRECT,
      MOBILT_BANKID,
      MOBILT_BANKID_ANIMATED_QR_IMAGE,
      MOBILT_BANKID_ANIMATED_QR_TOKEN,
    ]);
    expect(scaMethodsFor(['REDIRECT', 'DECOUPLED'], 'DECOUPLED')).toEqual([
      MOBILT_BANKID,
      MOBILT_BANKID_ANIMATED_QR_IMAGE,
      MOBILT_BANKID_ANIMATED_QR_TOKEN,
      BANK_REDIRECT,
    ]);
    expect(scaMethodsFor(['REDIRECT'], 'REDIRECT')).toEqual([BANK_REDIRECT]);
  });

  it('are valid authenticationObjects of the contract', () => {
    for (const method of [
      MOBILT_BANKID,
      MOBILT_BANKID_ANIMATED_QR_IMAGE,
      MOBILT_BANKID_ANIMATED_QR_TOKEN,
      BANK_REDIRECT,
    ]) {
      expect(['SMS_OTP', 'CHIP_OTP', 'PHOTO_OTP', 'PUSH_OTP']).toContain(method.authenticationType);
      expect(method.authenticationMethodId.length).toBeGreaterThan(0);
    }
  });
});

describe('selecting a method (PUT .../authorisations/{id})', () => {
  it('gives the approach of the method', () => {
    const both = ['REDIRECT', 'DECOUPLED'] as const;
    expect(parseScaMethodSelection({ authenticationMethodId: 'mbid' }, both)).toEqual({
      ok: true,
      approach: 'DECOUPLED',
      method: MOBILT_BANKID,
    });
    expect(parseScaMethodSelection({ authenticationMethodId: 'redirect', extra: 1 }, both)).toEqual(
      {
        ok: true,
        approach: 'REDIRECT',
        method: BANK_REDIRECT,
      },
    );
  });

  it('takes the animated QR codes as decoupled, and says how each hands its code over', () => {
    for (const method of [MOBILT_BANKID_ANIMATED_QR_IMAGE, MOBILT_BANKID_ANIMATED_QR_TOKEN]) {
      const id = method.authenticationMethodId;
      expect(parseScaMethodSelection({ authenticationMethodId: id }, ['DECOUPLED'])).toEqual({
        ok: true,
        approach: 'DECOUPLED',
        method,
      });
      expect(parseScaMethodSelection({ authenticationMethodId: id }, ['REDIRECT'])).toMatchObject({
        ok: false,
      });
    }
    expect(animatedQrOf('mbid_animated_qr_image')).toBe('image');
    expect(animatedQrOf('mbid_animated_qr_token')).toBe('token');
    expect(animatedQrOf('mbid')).toBeUndefined();
    expect(animatedQrOf(null)).toBeUndefined();
  });

  it('refuses a missing, malformed or not offered method with FORMAT_ERROR', () => {
    expect(parseScaMethodSelection({}, ['DECOUPLED'])).toMatchObject({
      ok: false,
      error: {
        code: 'FORMAT_ERROR',
        status: 400,
        path: 'authenticationMethodId',
        text: 'authenticationMethodId: is required',
      },
    });
    for (const body of [null, [], 'mbid']) {
      expect(parseScaMethodSelection(body, ['DECOUPLED'])).toMatchObject({
        ok: false,
        error: { code: 'FORMAT_ERROR', path: 'body' },
      });
    }
    expect(parseScaMethodSelection({ authenticationMethodId: 42 }, ['DECOUPLED'])).toMatchObject({
      ok: false,
      error: { code: 'FORMAT_ERROR', path: 'authenticationMethodId' },
    });
    expect(parseScaMethodSelection({ authenticationMethodId: 'mbid' }, ['REDIRECT'])).toMatchObject(
      {
        ok: false,
        error: {
          code: 'SCA_METHOD_UNKNOWN',
          path: 'authenticationMethodId',
          text: 'authenticationMethodId: must be "redirect" at this bank',
        },
      },
    );
    expect(
      parseScaMethodSelection({ authenticationMethodId: 'sms' }, ['REDIRECT', 'DECOUPLED']),
    ).toMatchObject({
      ok: false,
      error: {
        text: 'authenticationMethodId: must be "redirect", "mbid", "mbid_animated_qr_image" or "mbid_animated_qr_token" at this bank',
      },
    });
  });
});

describe('the TPP-Redirect-Preferred header', () => {
  it.each([
    [undefined, undefined],
    ['true', true],
    ['false', false],
    ['TRUE', true],
    [' False ', false],
  ])('%j -> %s', (header, value) => {
    expect(parseTppRedirectPreferred(header)).toEqual({ ok: true, value });
  });

  it.each(['', 'yes', '1', 'truthy'])('refuses %j with FORMAT_ERROR', (header) => {
    expect(parseTppRedirectPreferred(header)).toMatchObject({
      ok: false,
      error: { code: 'FORMAT_ERROR', path: 'TPP-Redirect-Preferred' },
    });
  });

  it('refuses a repeated header', () => {
    expect(parseTppRedirectPreferred(['true', 'false'])).toMatchObject({ ok: false });
  });
});
