/**
 * What time does to a consent, seen over HTTP: one not authorised in time becomes rejected, a
 * valid one past its validUntil becomes expired, both visible on GET without a data call, and
 * both recorded in the status history. The platform's clock is moved; the sandbox bank keeps
 * real time.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectContract } from '../support/contract.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

const BASE = '/psd2/consent/v1/consents';
const ANNA = '198301014882';

let tpp: TestPlatform;
let offsetMs = 0;
const clock = () => new Date(Date.now() + offsetMs);

async function call(method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown, bic = 'SWEDSESS') {
  // Tokens live an hour of platform time: take a fresh one after the clock moved.
  const token = await tpp.token('accountinformation private');
  const response = await tpp.api.inject({
    method,
    url,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'x-request-id': randomUUID(),
      'x-bicfi': bic,
      'psu-ip-address': '192.0.2.10',
      'psu-user-agent': 'Mozilla/5.0 (test)',
    },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
  expectContract(response);
  return response;
}

function today(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(clock());
}

function tomorrow(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(
    new Date(clock().getTime() + 86_400_000),
  );
}

async function create(validUntil: string): Promise<string> {
  const response = await call('POST', BASE, {
    access: {},
    recurringIndicator: true,
    validUntil,
    frequencyPerDay: 4,
    combinedServiceIndicator: false,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().consentId;
}

async function reasons(consentId: string): Promise<string[]> {
  const rows = await tpp.store.db
    .selectFrom('consent_events')
    .select(['reason', 'to_status'])
    .where('consent_id', '=', consentId)
    .where('authorisation_id', 'is', null)
    .orderBy('at')
    .execute();
  return rows.map((row) => `${row.to_status}:${row.reason}`);
}

beforeAll(async () => {
  tpp = await startTestPlatform({
    sandbox: true,
    now: clock,
    env: { BANKBRIDGE_CONSENT_AUTHORISATION_TIMEOUT: '600' },
  });
});

afterAll(async () => {
  await tpp?.close();
});

describe('a consent over time', () => {
  it('is rejected when the PSU has not authorised it in time, and stays so', async () => {
    offsetMs = 0;
    // Valid through tomorrow: ten minutes on must not cross the consent's last midnight.
    const id = await create(tomorrow());
    const aid = (await call('POST', `${BASE}/${id}/authorisations`)).json().authorisationId;
    offsetMs = 590_000;
    expect((await call('GET', `${BASE}/${id}/status`)).json().consentStatus).toBe('received');
    offsetMs = 601_000;
    expect((await call('GET', `${BASE}/${id}/status`)).json().consentStatus).toBe('rejected');
    expect((await call('GET', `${BASE}/${id}`)).json().consentStatus).toBe('rejected');
    expect((await call('GET', `${BASE}/${id}/authorisations/${aid}`)).json().scaStatus).toBe(
      'failed',
    );
    const put = await call('PUT', `${BASE}/${id}/authorisations/${aid}`, {
      authenticationMethodId: 'mbid',
    });
    expect(put.statusCode).toBe(409);
    // Past validUntil too, later: a terminal status does not change any more.
    offsetMs = 3 * 86_400_000;
    expect((await call('GET', `${BASE}/${id}/status`)).json().consentStatus).toBe('rejected');
    expect(await reasons(id)).toEqual(['received:created', 'rejected:authorisationTimedOut']);
  });

  it('expires after its last day, visible on GET, with the change recorded', async () => {
    offsetMs = 0;
    const id = await create(today());
    const aid = (await call('POST', `${BASE}/${id}/authorisations`)).json().authorisationId;
    const put = await call('PUT', `${BASE}/${id}/authorisations/${aid}`, {
      authenticationMethodId: 'mbid',
    });
    const token = put.json().challengeData.data[0];
    await fetch(`${tpp.sandboxUrl}/bankid/api/orders/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'approve', psuId: ANNA }),
    });
    expect((await call('GET', `${BASE}/${id}/status`)).json().consentStatus).toBe('valid');

    offsetMs = 2 * 86_400_000;
    const consent = await call('GET', `${BASE}/${id}`);
    expect(consent.json().consentStatus).toBe('expired');
    // The status changed when the last day ended: the next day, at the bank.
    const { validUntil, lastActionDate } = consent.json();
    expect(lastActionDate).toBe(
      new Date(Date.parse(validUntil) + 86_400_000).toISOString().slice(0, 10),
    );
    expect(await reasons(id)).toEqual([
      'received:created',
      'valid:decoupled SCA finalised',
      'expired:validUntilPassed',
    ]);
  });
});
