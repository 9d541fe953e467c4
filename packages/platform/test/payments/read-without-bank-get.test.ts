/**
 * Handelsbanken offers no GET of a payment, only its status (registry `payments.read: false`),
 * and its sandbox refuses the GET as the bank does. Bankbridge's GET of such a payment still
 * answers as at every other bank: the body the TPP posted, in the TPP's own form (not the
 * account numbers sent to the bank), with the status the bank's status endpoint reports, before
 * and after the PSU signs and once booked. The bank's GET is never called: the platform's log
 * of its bank calls says so. Every answer is checked against the contract.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNA } from '../support/ais-consent.js';
import {
  accountsOf,
  afterClearing,
  authoriseDecoupled,
  bankClockOnBusinessDay,
  bankIdOf,
  ERIK,
  initiate,
  type PaymentCaller,
  paymentBody,
  pis,
  statusOf,
} from '../support/payments.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

const logLines: string[] = [];
let tpp: TestPlatform;
let handelsbanken: PaymentCaller;
let seb: PaymentCaller;
let erikAtHandelsbanken: string;
let erikAtSeb: string;
let annaAtSeb: string;

beforeAll(async () => {
  tpp = await startTestPlatform({ sandbox: true, logLines });
  await bankClockOnBusinessDay(tpp.sandboxUrl as string);
  const token = await tpp.token('paymentinitiation private');
  handelsbanken = { bic: 'HANDSESS', token };
  seb = { bic: 'ESSESESS', token };
  erikAtHandelsbanken = (await accountsOf(tpp, 'HANDSESS', ERIK))[0]?.iban as string;
  erikAtSeb = (await accountsOf(tpp, 'ESSESESS', ERIK))[0]?.iban as string;
  annaAtSeb = (await accountsOf(tpp, 'ESSESESS', ANNA))[0]?.iban as string;
}, 60_000);

afterAll(async () => {
  await tpp?.close();
});

/** The calls Bankbridge made to a bank about one of its payments, as its log lines tell them. */
function callsAbout(bankPaymentId: string): string[] {
  return logLines
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.msg === 'bank call' && String(line.path).includes(bankPaymentId))
    .map((line) => `${line.method} ${String(line.path).replace(/^.*\/v1\//, '/v1/')}`);
}

/** The bank's own GET of the payment, as a TPP would make it. */
function readAtBank(bankPaymentId: string) {
  return fetch(`${tpp.sandboxUrl}/banks/HANDSESS/v1/payments/domestic/${bankPaymentId}`, {
    headers: {
      'x-request-id': crypto.randomUUID(),
      'tpp-client-id': 'bankbridge',
      'psu-ip-address': '192.0.2.10',
      accept: 'application/json',
    },
  });
}

describe('GET of a payment at a bank that offers only its status (Handelsbanken)', () => {
  it("answers the TPP's body with the bank's status, through SCA and booking, never calling the bank's GET", async () => {
    const body = paymentBody(erikAtHandelsbanken, annaAtSeb, '6.25');
    const created = await initiate(tpp, handelsbanken, body);
    const bankId = await bankIdOf(tpp, created.paymentId);
    // The bank itself refuses the read.
    const refused = await readAtBank(bankId);
    expect(refused.status).toBe(405);
    expect(
      ((await refused.json()) as { tppMessages: { code: string }[] }).tppMessages[0]?.code,
    ).toBe('SERVICE_INVALID');

    const read = async () => {
      const answer = await pis(tpp, handelsbanken, 'GET', created.path);
      expect(answer.statusCode, answer.body).toBe(200);
      return answer.json;
    };
    const before = await read();
    // The TPP's IBANs as it wrote them: Handelsbanken was sent account numbers instead.
    expect(before).toEqual({
      ...body,
      endToEndIdentification: expect.any(String),
      transactionStatus: 'RCVD',
    });

    await authoriseDecoupled(tpp, handelsbanken, created.path, ERIK);
    const signed = await read();
    expect(signed.transactionStatus).not.toBe('RCVD');
    expect(signed).toEqual({ ...before, transactionStatus: signed.transactionStatus });
    expect(await statusOf(tpp, handelsbanken, created.path)).toBe(signed.transactionStatus);

    expect(await afterClearing(tpp, handelsbanken, created.path)).toBe('ACCC');
    expect(await read()).toEqual({ ...before, transactionStatus: 'ACCC' });

    const calls = callsAbout(bankId);
    expect(calls).toContain(`GET /v1/payments/domestic/${bankId}/status`);
    expect(calls).not.toContain(`GET /v1/payments/domestic/${bankId}`);
  });

  it('answers in the same shape as at a bank that offers the GET', async () => {
    const atHandelsbanken = await initiate(
      tpp,
      handelsbanken,
      paymentBody(erikAtHandelsbanken, annaAtSeb, '1.10'),
    );
    const atSeb = await initiate(tpp, seb, paymentBody(erikAtSeb, annaAtSeb, '1.10'));
    const fields = async (caller: PaymentCaller, path: string) => {
      const answer = await pis(tpp, caller, 'GET', path);
      expect(answer.statusCode, answer.body).toBe(200);
      return Object.keys(answer.json).sort();
    };
    expect(await fields(handelsbanken, atHandelsbanken.path)).toEqual(
      await fields(seb, atSeb.path),
    );
  });

  it('an unknown payment is 404 RESOURCE_UNKNOWN, as at any bank', async () => {
    const unknown = await pis(
      tpp,
      handelsbanken,
      'GET',
      '/payments/domestic/00000000-0000-4000-8000-000000000000',
    );
    expect(unknown.statusCode, unknown.body).toBe(404);
    expect(unknown.json.tppMessages[0].code).toBe('RESOURCE_UNKNOWN');
  });
});
