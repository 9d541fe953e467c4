/**
 * The two per-bank rules as pure functions: which PSU headers a call about a payment carries
 * to the bank, and when a bank needs the creditor's address. The HTTP side (the sandbox banks
 * refusing without them) is test/payments/bank-rules.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { missingCreditorAddress, psuHeadersForBank } from '../../../src/payments/rules/index.js';

describe('psuHeadersForBank', () => {
  const kept = { ipAddress: '192.0.2.1', userAgent: 'Kept/1', psuId: '199005152385' };

  it("passes the TPP's headers on, at any bank", () => {
    expect(psuHeadersForBank([], { ipAddress: '2001:db8::1', userAgent: 'Now/2' }, kept)).toEqual({
      ipAddress: '2001:db8::1',
      userAgent: 'Now/2',
    });
  });

  it('fills in a required header the TPP left out from what was kept, and only those', () => {
    expect(psuHeadersForBank(['PSU-IP-Address'], { userAgent: 'Now/2' }, kept)).toEqual({
      ipAddress: '192.0.2.1',
      userAgent: 'Now/2',
    });
    expect(psuHeadersForBank(['psu-ip-address', 'PSU-ID'], undefined, kept)).toEqual({
      ipAddress: '192.0.2.1',
      psuId: '199005152385',
    });
  });

  it("keeps the TPP's own value over the kept one", () => {
    expect(psuHeadersForBank(['PSU-IP-Address'], { ipAddress: '198.51.100.7' }, kept)).toEqual({
      ipAddress: '198.51.100.7',
    });
  });

  it('makes nothing up where neither exists', () => {
    expect(psuHeadersForBank(['PSU-IP-Address', 'PSU-Corporate-ID'], {}, {})).toEqual({});
  });
});

describe('missingCreditorAddress', () => {
  const rule = { products: ['sepa-credit-transfers'], bankCountry: 'FI', bankName: 'OP' };
  const to = (iban: string, extra: Record<string, unknown> = {}) => ({
    creditorAccount: { iban },
    ...extra,
  });

  it('needs it for a creditor abroad, in the products named', () => {
    expect(
      missingCreditorAddress(to('DE89370400440532013000'), 'sepa-credit-transfers', rule),
    ).toMatchObject({ code: 'FORMAT_ERROR', status: 400, path: 'creditorAddress' });
    expect(
      missingCreditorAddress(to('de89 3704 0044 0532 0130 00'), 'sepa-credit-transfers', rule),
    ).toMatchObject({ path: 'creditorAddress' });
    expect(missingCreditorAddress(to('DE89370400440532013000'), 'domestic', rule)).toBeUndefined();
  });

  it('not for a creditor at home, one with an address, or one without an IBAN', () => {
    for (const body of [
      to('FI2112345600000785'),
      to('DE89370400440532013000', { creditorAddress: { country: 'DE' } }),
      { creditorAccount: { bban: '1234567' } },
    ]) {
      expect(missingCreditorAddress(body, 'sepa-credit-transfers', rule)).toBeUndefined();
    }
  });

  it('names the bulk item', () => {
    const bulk = { payments: [to('FI2112345600000785'), to('DE89370400440532013000')] };
    expect(missingCreditorAddress(bulk, 'sepa-credit-transfers', rule)).toMatchObject({
      path: 'payments[1].creditorAddress',
    });
  });
});
