/**
 * A valid consent over HTTP, as a TPP gets one: POST /consents, start an authorisation, choose
 * Mobilt BankID, the PSU approves in the sandbox's BankID simulator, poll the status.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { TestPlatform } from './test-platform.js';

export const ANNA = '198301014882';
export const LARS_HEAVY = '196505057775';

export interface ConsentRequest {
  bic: string;
  token: string;
  psuId?: string;
  body?: Record<string, unknown>;
  headers?: Record<string, string>;
  /** The platform's clock, for validUntil. */
  now?: () => Date;
}

export function consentBody(now: Date, overrides: Record<string, unknown> = {}) {
  return {
    access: {},
    combinedServiceIndicator: false,
    frequencyPerDay: 4,
    recurringIndicator: true,
    validUntil: new Date(now.getTime() + 30 * 86_400_000).toISOString().slice(0, 10),
    ...overrides,
  };
}

/**
 * Calls the /consents API as the TPP of `request` (its token, bank and headers, the PSU there);
 * each answer must be a success, and its JSON is returned. `headers` come before the request's.
 */
export function consentApi(
  tpp: TestPlatform,
  request: ConsentRequest,
  headers: Record<string, string> = {},
) {
  return async (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) => {
    const response = await tpp.api.inject({
      method,
      url,
      headers: {
        accept: 'application/json',
        authorization: `Bearer ${request.token}`,
        'content-type': 'application/json',
        'x-request-id': randomUUID(),
        'x-bicfi': request.bic,
        'psu-ip-address': '192.0.2.10',
        'psu-user-agent': 'Mozilla/5.0 (test)',
        ...headers,
        ...request.headers,
      },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
    expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
    return response.json();
  };
}

export async function validConsent(tpp: TestPlatform, request: ConsentRequest): Promise<string> {
  const BASE = '/psd2/consent/v1/consents';
  const call = consentApi(tpp, request, { 'tpp-redirect-preferred': 'false' });
  const now = request.now?.() ?? new Date();
  const { consentId } = await call('POST', BASE, request.body ?? consentBody(now));
  const { authorisationId } = await call('POST', `${BASE}/${consentId}/authorisations`);
  const put = await call('PUT', `${BASE}/${consentId}/authorisations/${authorisationId}`, {
    authenticationMethodId: 'mbid',
  });
  const approve = await fetch(`${tpp.sandboxUrl}/bankid/api/orders/${put.challengeData.data[0]}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'approve', psuId: request.psuId ?? ANNA }),
  });
  expect(approve.status).toBe(200);
  const status = await call('GET', `${BASE}/${consentId}/status`);
  expect(status.consentStatus).toBe('valid');
  return consentId as string;
}
