import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createConsent,
  errorCode,
  type Sandbox,
  startSandbox,
  tppHeaders,
  validUntil,
} from './helpers.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.app.close());

const body = (extra: Record<string, unknown> = {}) => ({
  access: {},
  recurringIndicator: true,
  validUntil: validUntil(sandbox.clock),
  frequencyPerDay: 4,
  ...extra,
});

async function post(bic: string, payload: unknown, headers: Record<string, string> = tppHeaders()) {
  return sandbox.app.inject({
    method: 'POST',
    url: `/banks/${bic}/v1/consents`,
    headers,
    payload: payload as object,
  });
}

describe('POST /v1/consents', () => {
  it('creates a received consent with links for the bank’s SCA approaches', async () => {
    const response = await post('ESSESESS', body());
    expect(response.statusCode).toBe(201);
    const consent = response.json();
    expect(consent.consentStatus).toBe('received');
    expect(response.headers.location).toBe(consent._links.self.href);
    expect(consent._links.scaOAuth.href).toBe(
      'http://sandbox.test/banks/ESSESESS/.well-known/oauth-authorization-server',
    );
    expect(consent._links.startAuthorisationWithPsuIdentification.href).toContain(
      '/authorisations',
    );
    const redirectOnly = (await post('NDEASESS', body())).json();
    expect(redirectOnly._links.startAuthorisationWithPsuIdentification).toBeUndefined();
    const decoupledOnly = (
      await post('HANDSESS', body({ access: { accounts: [{ iban: 'SE3550000000054910000003' }] } }))
    ).json();
    expect(decoupledOnly._links.scaOAuth).toBeUndefined();
  });

  it('echoes X-Request-ID and requires it', async () => {
    const headers = tppHeaders();
    const response = await post('ESSESESS', body(), headers);
    expect(response.headers['x-request-id']).toBe(headers['x-request-id']);
    const missing = await post('ESSESESS', body(), { 'tpp-client-id': 'x' });
    expect(missing.statusCode).toBe(400);
    expect(errorCode(missing)).toBe('FORMAT_ERROR');
  });

  it('requires the TPP to identify itself', async () => {
    const response = await post('ESSESESS', body(), { 'x-request-id': crypto.randomUUID() });
    expect(response.statusCode).toBe(401);
    expect(errorCode(response)).toBe('CERTIFICATE_MISSING');
  });

  it('requires the PSU headers a bank insists on (registry requiredPsuHeaders)', async () => {
    const response = await post('SWEDSESS', body());
    expect(response.statusCode).toBe(400);
    expect(response.json().tppMessages[0].text).toContain('PSU-IP-Address');
    const ok = await post(
      'SWEDSESS',
      body(),
      tppHeaders({ 'psu-ip-address': '192.0.2.1', 'psu-user-agent': 'x' }),
    );
    expect(ok.statusCode).toBe(201);
  });

  it('caps validUntil and frequencyPerDay at the bank’s limits', async () => {
    const id = (
      await post('NDEASESS', body({ validUntil: '2099-12-31', frequencyPerDay: 100 }))
    ).json().consentId;
    const consent = await sandbox.app.inject({
      url: `/banks/NDEASESS/v1/consents/${id}`,
      headers: tppHeaders(),
    });
    expect(consent.json().validUntil).toBe(validUntil(sandbox.clock, 90));
    expect(consent.json().frequencyPerDay).toBe(4);
    const oneOff = (
      await post('NDEASESS', body({ recurringIndicator: false, frequencyPerDay: 3 }))
    ).json();
    expect(oneOff.frequencyPerDay).toBe(1);
  });

  it.each([
    ['a non-object body', 'nope'],
    [
      'validUntil in the past',
      { access: {}, recurringIndicator: true, validUntil: '2020-01-01', frequencyPerDay: 1 },
    ],
    [
      'an impossible date',
      { access: {}, recurringIndicator: true, validUntil: '2026-02-30', frequencyPerDay: 1 },
    ],
    [
      'frequencyPerDay 0',
      { access: {}, recurringIndicator: true, validUntil: '2099-01-01', frequencyPerDay: 0 },
    ],
    ['no recurringIndicator', { access: {}, validUntil: '2099-01-01', frequencyPerDay: 1 }],
    [
      'a malformed IBAN',
      {
        access: { accounts: [{ iban: 'nope' }] },
        recurringIndicator: true,
        validUntil: '2099-01-01',
        frequencyPerDay: 1,
      },
    ],
    [
      'two access forms',
      {
        access: { allPsd2: 'allAccounts', accounts: [{ iban: 'SE3550000000054910000003' }] },
        recurringIndicator: true,
        validUntil: '2099-01-01',
        frequencyPerDay: 1,
      },
    ],
  ])('refuses %s with 400 FORMAT_ERROR', async (_name, payload) => {
    const response = await post('ESSESESS', payload);
    expect(response.statusCode).toBe(400);
    expect(errorCode(response)).toBe('FORMAT_ERROR');
  });

  it('refuses malformed JSON as FORMAT_ERROR, never 500', async () => {
    const response = await sandbox.app.inject({
      method: 'POST',
      url: '/banks/ESSESESS/v1/consents',
      headers: { ...tppHeaders(), 'content-type': 'application/json' },
      payload: '{"access": ',
    });
    expect(response.statusCode).toBe(400);
    expect(errorCode(response)).toBe('FORMAT_ERROR');
    expect(response.body).not.toContain('at ');
  });

  it('offers only the consent forms the registry lists', async () => {
    expect((await post('HANDSESS', body())).statusCode).toBe(405); // no bank-offered consent
    expect((await post('ESSESESS', body({ access: { allPsd2: 'allAccounts' } }))).statusCode).toBe(
      405,
    );
    expect(
      (
        await post(
          'SWEDSESS',
          body({ access: { allPsd2: 'allAccounts' } }),
          tppHeaders({ 'psu-ip-address': '1.1.1.1', 'psu-user-agent': 'x' }),
        )
      ).statusCode,
    ).toBe(201);
    expect(
      (await post('NDEASESS', body({ access: { availableAccounts: 'allAccounts' } }))).statusCode,
    ).toBe(405);
  });

  it('answers unknown banks with 404 RESOURCE_UNKNOWN', async () => {
    const response = await post('NOSUCHBK', body());
    expect(response.statusCode).toBe(404);
    expect(errorCode(response)).toBe('RESOURCE_UNKNOWN');
  });
});

describe('GET, status and DELETE /v1/consents/{id}', () => {
  it('reads a consent and its status', async () => {
    const id = await createConsent(sandbox, 'ESSESESS');
    const consent = await sandbox.app.inject({
      url: `/banks/ESSESESS/v1/consents/${id}`,
      headers: tppHeaders(),
    });
    expect(consent.statusCode).toBe(200);
    expect(consent.json()).toMatchObject({
      access: {},
      recurringIndicator: true,
      frequencyPerDay: 4,
      consentStatus: 'received',
      lastActionDate: '2026-03-16',
    });
    const status = await sandbox.app.inject({
      url: `/banks/ESSESESS/v1/consents/${id}/status`,
      headers: tppHeaders(),
    });
    expect(status.json()).toEqual({ consentStatus: 'received' });
  });

  it('hides other TPPs’ consents and unknown ids behind 403 CONSENT_UNKNOWN', async () => {
    const id = await createConsent(sandbox, 'ESSESESS');
    for (const [url, headers] of [
      [`/banks/ESSESESS/v1/consents/${id}`, tppHeaders({ 'tpp-client-id': 'someone-else' })],
      ['/banks/ESSESESS/v1/consents/unknown', tppHeaders()],
      [`/banks/NDEASESS/v1/consents/${id}`, tppHeaders()],
    ] as const) {
      const response = await sandbox.app.inject({ url, headers });
      expect(response.statusCode).toBe(403);
      expect(errorCode(response)).toBe('CONSENT_UNKNOWN');
    }
  });

  it('terminates a consent on DELETE; terminal statuses never change', async () => {
    const id = await createConsent(sandbox, 'ESSESESS');
    const deleted = await sandbox.app.inject({
      method: 'DELETE',
      url: `/banks/ESSESESS/v1/consents/${id}`,
      headers: tppHeaders(),
    });
    expect(deleted.statusCode).toBe(204);
    const again = await sandbox.app.inject({
      method: 'DELETE',
      url: `/banks/ESSESESS/v1/consents/${id}`,
      headers: tppHeaders(),
    });
    expect(again.statusCode).toBe(204);
    const status = await sandbox.app.inject({
      url: `/banks/ESSESESS/v1/consents/${id}/status`,
      headers: tppHeaders(),
    });
    expect(status.json().consentStatus).toBe('terminatedByTpp');
  });

  it('rejects a consent not authorised within an hour', async () => {
    const own = await startSandbox();
    const id = await createConsent(own, 'ESSESESS');
    own.clock.advanceMinutes(61);
    const status = await own.app.inject({
      url: `/banks/ESSESESS/v1/consents/${id}/status`,
      headers: tppHeaders(),
    });
    expect(status.json().consentStatus).toBe('rejected');
    await own.app.close();
  });
});
