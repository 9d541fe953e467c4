// A per-bank payment rule of the registry as the sandbox banks enforce it, in the bank's
// Berlin Group error format: Handelsbanken insists on PSU-IP-Address on a payment's status
// and authorisation calls, not only when it is created (`payments.requiredPsuHeaders`).

import { beforeEach, describe, expect, it } from 'vitest';
import { ANNA, errorCode, type Sandbox, startSandbox, tppHeaders } from './helpers.js';
import { created, DOMESTIC, ERIK, ibansOf, paymentUrl, transfer } from './payment-helpers.js';

const HANDELSBANKEN = 'HANDSESS';

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
