import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { animatedQrPayload, qrAuthCode, qrTime } from '../../src/sca/animated-qr.js';

const start = {
  qrStartToken: '67df3917-fa0d-44e5-b327-edcc928297f8',
  qrStartSecret: 'd28db9a7-4cde-429e-a983-359be676944c',
  startedAt: new Date('2026-03-16T10:00:00.250Z'),
};

describe('BankID animated QR codes', () => {
  it('signs the seconds since the start with the order secret (a vector from openssl)', () => {
    // printf 0 | openssl dgst -sha256 -hmac d28db9a7-4cde-429e-a983-359be676944c
    expect(qrAuthCode(start.qrStartSecret, 0)).toBe(
      'dc69358e712458a66a7525beef148ae8526b1c71610eff2c16cdffb4cdac9bf8',
    );
    expect(qrAuthCode(start.qrStartSecret, 10)).toBe(
      '2822ca616ce1e64a1c171df69154ebc5adef4011244c867d6ad88a02db178962',
    );
  });

  it('draws bankid.<qrStartToken>.<time>.<qrAuthCode> for the current whole second', () => {
    const at = (ms: number) => new Date(start.startedAt.getTime() + ms);
    expect(animatedQrPayload(start, at(0))).toBe(
      `bankid.${start.qrStartToken}.0.dc69358e712458a66a7525beef148ae8526b1c71610eff2c16cdffb4cdac9bf8`,
    );
    expect(animatedQrPayload(start, at(999))).toBe(animatedQrPayload(start, at(0)));
    const expected = createHmac('sha256', start.qrStartSecret).update('1').digest('hex');
    expect(animatedQrPayload(start, at(1000))).toBe(`bankid.${start.qrStartToken}.1.${expected}`);
    expect(animatedQrPayload(start, at(10_500))).toMatch(/\.10\.2822ca616ce1e64a1c17/);
  });

  it('counts a clock that is behind the start as the start', () => {
    expect(qrTime(start.startedAt, new Date(start.startedAt.getTime() - 5000))).toBe(0);
    expect(qrTime(start.startedAt, new Date(start.startedAt.getTime() + 61_999))).toBe(61);
  });
});
