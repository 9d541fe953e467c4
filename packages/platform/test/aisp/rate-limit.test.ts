/**
 * The per-client rate limit on the AISP API: one budget per client, shared with /psd2 and the
 * token endpoints (here 5 requests a minute), answered 429 rate_limit_exceeded with
 * Retry-After and the rate-limit headers, as the OpenAPI document says. The platform's clock
 * stands still, so the minute's window cannot turn during the test.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { form } from '../support/token-requests.js';
import {
  aisp,
  connectByRedirect,
  exchangeCode,
  expectAispError,
  expectOAuthError,
  tokenRequest,
} from './support.js';

let t: TestPlatform;
const frozen = new Date();

beforeAll(async () => {
  t = await startTestPlatform({
    sandbox: true,
    now: () => frozen,
    env: { BANKBRIDGE_RATE_LIMIT: '5/min' },
  });
});
afterAll(async () => {
  await t?.close();
});

describe('the per-client rate limit', () => {
  it('counts the client’s token requests and calls to both APIs together, then answers 429', async () => {
    // 1: the code exchange (the consent page itself is the user's, not the client's).
    const tokens = await exchangeCode(t, (await connectByRedirect(t, t.client)).code as string);

    // 2: a read, with the budget in its headers.
    const first = await aisp(t, '/accounts', { token: tokens.access_token });
    expect(first.statusCode).toBe(200);
    expect(first.headers['ratelimit-limit']).toBe('5');
    expect(first.headers['ratelimit-remaining']).toBe('3');
    expect(first.headers['ratelimit-policy']).toBe('5;w=60');

    // 3 and 4: a token and a call on /psd2, from the same budget.
    const psd2Token = await t.auth.inject({
      method: 'POST',
      url: '/connect/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({
        grant_type: 'client_credentials',
        client_id: t.client.id,
        client_secret: t.client.secret,
        scope: 'aspspinformation',
      }),
    });
    expect(psd2Token.statusCode, psd2Token.body).toBe(200);
    const countries = await t.api.inject({
      method: 'GET',
      url: '/psd2/aspspinformation/v1/countries',
      headers: {
        authorization: `Bearer ${psd2Token.json().access_token}`,
        'x-request-id': randomUUID(),
      },
    });
    expect(countries.statusCode).toBe(200);

    // 5: the last one of the minute.
    const last = await aisp(t, '/accounts', { token: tokens.access_token });
    expect(last.statusCode).toBe(200);
    expect(last.headers['ratelimit-remaining']).toBe('0');

    const refused = await aisp(t, '/accounts', { token: tokens.access_token });
    expectAispError(refused, 429, 'rate_limit_exceeded', /per-client rate limit/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(refused.headers['ratelimit-remaining']).toBe('0');

    const refresh = await tokenRequest(t, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
    });
    expectOAuthError(refresh, 429, 'temporarily_unavailable');
    expect(refresh.headers['retry-after']).toBeDefined();
  });

  it('leaves other clients their own budget', async () => {
    const { client, secret } = await t.platform.clients.create({
      name: 'Another app',
      redirectUris: ['https://tpp.example/callback'],
    });
    const other = { id: client.id, secret };
    const tokens = await exchangeCode(t, (await connectByRedirect(t, other)).code as string, {
      app: other,
    });
    const read = await aisp(t, '/accounts', { token: tokens.access_token });
    expect(read.statusCode).toBe(200);
    expect(read.headers['ratelimit-remaining']).toBe('3');
  });
});
