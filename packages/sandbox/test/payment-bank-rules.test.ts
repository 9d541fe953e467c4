// Two per-bank payment rules of the registry as the sandbox banks enforce them, each in the
// bank's Berlin Group error format. Handelsbanken insists on PSU-IP-Address on a payment's
// status and authorisation calls, not only when it is created (`payments.requiredPsuHeaders`).
// OP needs the creditor's address for a SEPA payment to a creditor outside Finland
// (`payments.creditorAddressAbroad`).

import { beforeEach, describe, expect, it } from 'vitest';
import {
  ANNA,
  errorCode,
  REDIRECT_URI,
  type Sandbox,
  startSandbox,
  token,
  tppHeaders,
} from './helpers.js';
import {
  created,
  DOMESTIC,
  ERIK,
  ibansOf,
  initiate,
  paymentUrl,
  signRedirect,
  statusOf,
  transfer,
} from './payment-helpers.js';

const HANDELSBANKEN = 'HANDSESS';
const OP = 'OKOYFIHH';
const SEPA = 'sepa-credit-transfers';
/** A German IBAN (valid check digits), at no sandbox bank. */
const GERMAN_IBAN = 'DE89370400440532013000';

describe('Handelsbanken: PSU-IP-Address on status and authorisation calls', () => {
  let sandbox: Sandbox;
  let paymentId: string;

  beforeEach(async () => {
    sandbox = await startSandbox();
    const erik = (await ibansOf(sandbox, HANDELSBANKEN, ERIK))[0]?.iban as string;
    const annaAtSeb = (await ibansOf(sandbox, 'ESSESESS', ANNA))[0]?.iban as string;
    paymentId = await created(sandbox, HANDELSBANKEN, DOMESTIC, {
      ...transfer(erik, annaAtSeb, '5.00'),
      debtorAccount: { bban: erik.slice(-9) },
      creditorAccount: { bban: annaAtSeb.slice(-7), clearingNumber: annaAtSeb.slice(-11, -7) },
    });
  });

  const call = (method: 'GET' | 'POST' | 'PUT', path: string, headers = {}) =>
    sandbox.app.inject({
      method,
      url: `${paymentUrl(HANDELSBANKEN, DOMESTIC, paymentId)}${path}`,
      headers: tppHeaders(headers),
      ...(method === 'PUT' ? { payload: { authenticationMethodId: 'mbid' } } : {}),
    });

  it('refuses them without it, 400 FORMAT_ERROR naming the header, and changes nothing', async () => {
    const refusals = [
      await call('GET', '/status'),
      await call('POST', '/authorisations', { 'psu-id': ERIK }),
      await call('GET', '/authorisations'),
    ];
    for (const refused of refusals) {
      expect(refused.statusCode, refused.body).toBe(400);
      expect(refused.json()).toEqual({
        tppMessages: [
          {
            category: 'ERROR',
            code: 'FORMAT_ERROR',
            text: 'PSU-IP-Address header is required by this bank',
          },
        ],
      });
    }
    const list = await sandbox.app.inject(`/admin/banks/${HANDELSBANKEN}/payments`);
    expect(list.json().payments[0].transactionStatus).toBe('RCVD');
    // No authorisation was started by the refused call.
    const ids = await call('GET', '/authorisations', { 'psu-ip-address': '192.0.2.10' });
    expect(ids.json()).toEqual({ authorisationIds: [] });
  });

  it('answers them with it', async () => {
    const ip = { 'psu-ip-address': '2001:db8::7' };
    expect((await call('GET', '/status', ip)).json()).toEqual({ transactionStatus: 'RCVD' });
    const started = await call('POST', '/authorisations', { ...ip, 'psu-id': ERIK });
    expect(started.statusCode, started.body).toBe(201);
    const { authorisationId } = started.json();
    const read = await call('GET', `/authorisations/${authorisationId}`, ip);
    expect(read.statusCode, read.body).toBe(200);
    const refused = await call('GET', `/authorisations/${authorisationId}`);
    expect(errorCode(refused)).toBe('FORMAT_ERROR');
  });

  it('other banks do not insist on it after creation', async () => {
    const erikAtSeb = (await ibansOf(sandbox, 'ESSESESS', ERIK))[0]?.iban as string;
    const annaAtSeb = (await ibansOf(sandbox, 'ESSESESS', ANNA))[0]?.iban as string;
    const id = await created(sandbox, 'ESSESESS', DOMESTIC, transfer(erikAtSeb, annaAtSeb, '1.00'));
    const status = await sandbox.app.inject({
      url: `${paymentUrl('ESSESESS', DOMESTIC, id)}/status`,
      headers: tppHeaders(),
    });
    expect(status.statusCode, status.body).toBe(200);
  });
});

describe('OP: the creditor address of a SEPA payment leaving Finland', () => {
  let sandbox: Sandbox;
  let debtor: string;
  let finnish: string;

  beforeEach(async () => {
    sandbox = await startSandbox();
    const accounts = await ibansOf(sandbox, OP, ANNA);
    debtor = accounts.find((a) => a.currency === 'EUR')?.iban as string;
    finnish = (await ibansOf(sandbox, 'NDEAFIHH', ANNA)).find((a) => a.currency === 'EUR')
      ?.iban as string;
  });

  const sepa = (creditor: string, extra: Record<string, unknown> = {}) => ({
    ...transfer(debtor, creditor, '12.00', extra),
    instructedAmount: { currency: 'EUR', amount: '12.00' },
  });

  it('refuses a payment to a German IBAN without creditorAddress, and creates nothing', async () => {
    const refused = await initiate(sandbox, OP, SEPA, sepa(GERMAN_IBAN));
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.json().tppMessages).toEqual([
      {
        category: 'ERROR',
        code: 'FORMAT_ERROR',
        text: 'creditorAddress: is required for a payment to a creditor outside FI (the creditor account is in DE)',
      },
    ]);
    const noCountry = await initiate(
      sandbox,
      OP,
      SEPA,
      sepa(GERMAN_IBAN, { creditorAddress: { city: 'Berlin' } }),
    );
    expect(noCountry.json().tppMessages[0].text).toMatch(/^creditorAddress\.country: /);
    const bulk = await initiate(
      sandbox,
      OP,
      SEPA,
      {
        debtorAccount: { iban: debtor },
        payments: [
          { ...sepa(finnish), debtorAccount: undefined },
          { ...sepa(GERMAN_IBAN), debtorAccount: undefined },
        ],
      },
      { service: 'bulk-payments' },
    );
    expect(bulk.statusCode, bulk.body).toBe(400);
    expect(bulk.json().tppMessages[0].text).toMatch(/^payments\[1\]\.creditorAddress: /);
    const list = await sandbox.app.inject(`/admin/banks/${OP}/payments`);
    expect(list.json().payments).toEqual([]);
  });

  it('takes one to a Finnish IBAN without it, and one to a German IBAN with it, and books it', async () => {
    await created(sandbox, OP, SEPA, sepa(finnish));
    const paymentId = await created(
      sandbox,
      OP,
      SEPA,
      sepa(GERMAN_IBAN, { creditorAddress: { country: 'DE', city: 'Frankfurt' } }),
    );
    const { back } = await signRedirect(sandbox, OP, paymentId, ANNA);
    const tokens = await token(sandbox, OP, {
      grant_type: 'authorization_code',
      code: back.searchParams.get('code') as string,
      redirect_uri: REDIRECT_URI,
    });
    expect(tokens.statusCode, tokens.body).toBe(200);
    expect((await statusOf(sandbox, OP, SEPA, paymentId)).transactionStatus).toBe('ACSP');
    sandbox.clock.advance(31_000);
    expect((await statusOf(sandbox, OP, SEPA, paymentId)).transactionStatus).toBe('ACSC');
    const list = await sandbox.app.inject(`/admin/banks/${OP}/payments`);
    expect(list.json().postings).toContainEqual(
      expect.objectContaining({ status: 'booked', amount: -1200, currency: 'EUR' }),
    );
  });
});
