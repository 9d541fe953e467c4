/**
 * A bank's refusal as a TPP sees it over HTTP: the bank's own Berlin Group code and status
 * when the refusal is about what the TPP (or its PSU) sent, checked against the contract.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectContract, fromFetch } from '../support/contract.js';
import { type ListeningPlatform, startListeningPlatform } from '../support/listening-platform.js';

let tpp: ListeningPlatform;

beforeAll(async () => {
  tpp = await startListeningPlatform();
});

afterAll(async () => {
  await tpp?.close();
});

/**
 * A /psd2 call over the network. Refusals are checked against the contract; successes are not,
 * since their Location names 127.0.0.1, which the contract's `url` format (ajv-formats)
 * rejects as a private address.
 */
async function call(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const url = `${tpp.apiUrl}${path}`;
  const sent = { 'X-Request-ID': randomUUID(), ...headers };
  const response = await fetch(url, {
    method,
    headers: sent,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (response.status >= 400) expectContract(fromFetch(method, url, response, text, sent));
  return { status: response.status, json: text ? JSON.parse(text) : {} };
}

async function accessToken(): Promise<string> {
  const response = await fetch(`${tpp.authUrl}/connect/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: tpp.client.id,
      client_secret: tpp.client.secret,
      grant_type: 'client_credentials',
      scope: 'accountinformation private',
    }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

describe('a bank refusal over HTTP', () => {
  it('answers 401 PSU_CREDENTIALS_INVALID for a decoupled SCA with a PSU-ID the bank does not know', async () => {
    const headers = {
      Authorization: `Bearer ${await accessToken()}`,
      'Content-Type': 'application/json',
      'X-BicFi': 'SWEDSESS',
      'PSU-IP-Address': '192.0.2.10',
      'PSU-User-Agent': 'Mozilla/5.0 (X11; Linux x86_64)',
    };
    const validUntil = new Date(Date.now() + 30 * 864e5).toISOString().slice(0, 10);
    const created = await call('POST', '/psd2/consent/v1/consents', headers, {
      access: { allPsd2: 'allAccounts' },
      combinedServiceIndicator: false,
      frequencyPerDay: 4,
      recurringIndicator: true,
      validUntil,
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const consent = `/psd2/consent/v1/consents/${created.json.consentId}`;
    const started = await call('POST', `${consent}/authorisations`, headers);
    expect(started.status, JSON.stringify(started.json)).toBe(201);
    const [method] = started.json.scaMethods as { authenticationMethodId: string }[];

    const refused = await call(
      'PUT',
      `${consent}/authorisations/${started.json.authorisationId}`,
      { ...headers, 'PSU-ID': '190001010000' },
      { authenticationMethodId: method?.authenticationMethodId },
    );

    expect(refused.status).toBe(401);
    expect(refused.json.tppMessages).toEqual([
      {
        category: 'ERROR',
        code: 'PSU_CREDENTIALS_INVALID',
        text: expect.stringMatching(/Swedbank.*not a valid personal number/),
      },
    ]);
  });
});
