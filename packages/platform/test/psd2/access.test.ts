/**
 * HTTP tests of who may call the ASPSP information API: a bearer token of the auth server with
 * scope `aspspinformation` (401 TOKEN_INVALID / TOKEN_EXPIRED with WWW-Authenticate, 403 for a
 * token of another scope). The platform runs on a clock the tests move. Every response is
 * checked against the NextGenPSD2 contract.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectContract } from '../support/contract.js';
import { psd2Headers, startTestPlatform, type TestPlatform } from '../support/test-platform.js';

const BASE = '/psd2/aspspinformation/v1';
const ROUTES = [
  '/countries',
  '/countries/SE',
  '/cities',
  '/cities/37efa883-c8ad-4ff7-927b-b11b02beb923',
  '/aspsps?isoCountryCodes=SE',
  '/aspsps/ESSESESS',
];

let tpp: TestPlatform;
let offsetMs = 0;
const clock = () => new Date(Date.now() + offsetMs);

beforeAll(async () => {
  tpp = await startTestPlatform({ now: clock });
});

afterAll(async () => {
  await tpp?.close();
});

type Response = Awaited<ReturnType<TestPlatform['api']['inject']>>;

async function get(path: string, headers: Record<string, string>): Promise<Response> {
  const response = await tpp.api.inject({ method: 'GET', url: `${BASE}${path}`, headers });
  expectContract(response);
  expect(response.statusCode, response.body).toBeLessThan(500);
  if (headers['x-request-id']) {
    expect(response.headers['x-request-id']).toBe(headers['x-request-id']);
  }
  return response;
}

function expectError(response: Response, status: number, code: string): string {
  expect(response.statusCode, response.body).toBe(status);
  const body = response.json() as {
    tppMessages: { category: string; code: string; text: string }[];
  };
  expect(body.tppMessages).toHaveLength(1);
  expect(body.tppMessages[0]).toMatchObject({ category: 'ERROR', code });
  return body.tppMessages[0]?.text ?? '';
}

function expectUnauthorized(response: Response, code: 'TOKEN_INVALID' | 'TOKEN_EXPIRED'): void {
  expectError(response, 401, code);
  const challenge = String(response.headers['www-authenticate'] ?? '');
  expect(challenge).toMatch(/^Bearer\b/);
  expect(challenge).toContain('error="invalid_token"');
  // RFC 6750 section 3: auth-params are quoted strings; error_description may not hold `"` or `\`.
  const param = '[a-z_]+="[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]*"';
  expect(challenge).toMatch(new RegExp(`^Bearer ${param}(, ${param})*$`));
}

describe('without a usable token', () => {
  it.each(ROUTES)(
    'GET %s without Authorization: 401 TOKEN_INVALID with WWW-Authenticate',
    async (path) => {
      const response = await get(path, { 'x-request-id': randomUUID() });
      expectUnauthorized(response, 'TOKEN_INVALID');
    },
  );

  it.each([
    ['a garbage token', 'Bearer garbage'],
    ['an unknown token of the right shape', `Bearer ${'A'.repeat(43)}`],
    ['a JWT-looking token', 'Bearer eyJhbGciOiJub25lIn0.eyJzY29wZSI6ImFzcHNwaW5mb3JtYXRpb24ifQ.'],
    ['Bearer without a token', 'Bearer '],
    ['the scheme alone', 'Bearer'],
    ['Basic credentials', 'Basic dXNlcjpwYXNz'],
    ['a token with a line break', 'Bearer abc\u000bdef'],
    ['a huge token', `Bearer ${'x'.repeat(10_000)}`],
  ])('%s: 401 TOKEN_INVALID', async (_, authorization) => {
    const response = await get('/aspsps', { 'x-request-id': randomUUID(), authorization });
    expectUnauthorized(response, 'TOKEN_INVALID');
    expect(response.body).not.toContain('xxxxxxxxxx');
  });

  it('accepts the Bearer scheme in any case (RFC 7235: schemes are case-insensitive)', async () => {
    const token = await tpp.token('aspspinformation');
    for (const scheme of ['bearer', 'BEARER', 'Bearer']) {
      const response = await get('/countries/SE', {
        'x-request-id': randomUUID(),
        authorization: `${scheme} ${token}`,
      });
      expect(response.statusCode, `${scheme}: ${response.body}`).toBe(200);
    }
  });

  it('the client secret is not a token', async () => {
    const response = await get('/aspsps', psd2Headers(tpp.client.secret));
    expectUnauthorized(response, 'TOKEN_INVALID');
  });

  it('X-Request-ID is checked before the token', async () => {
    const response = await get('/aspsps', { authorization: 'Bearer garbage' });
    expectError(response, 400, 'FORMAT_ERROR');
  });
});

describe('a token of the wrong scope', () => {
  it.each(['accountinformation', 'accountinformation private', 'paymentinitiation corporate'])(
    '%s: 403 SERVICE_BLOCKED on every operation',
    async (scope) => {
      const token = await tpp.token(scope);
      for (const path of ROUTES) {
        const response = await get(path, psd2Headers(token));
        expect(expectError(response, 403, 'SERVICE_BLOCKED')).toContain('aspspinformation');
        expect(response.body).not.toContain('Stockholm');
      }
    },
  );

  it.each([
    'aspspinformation',
    'aspspinformation private',
    'aspspinformation corporate',
    'accountinformation aspspinformation private',
  ])('%s: admitted', async (scope) => {
    const token = await tpp.token(scope);
    for (const path of ROUTES) {
      const response = await get(path, psd2Headers(token));
      expect(response.statusCode, `${path}: ${response.body}`).toBe(200);
    }
  });
});

describe('an expired token', () => {
  it('works until it expires, then is refused with 401 TOKEN_EXPIRED', async () => {
    const token = await tpp.token('aspspinformation');
    try {
      expect((await get('/countries', psd2Headers(token))).statusCode).toBe(200);
      // Ten seconds before expiry: real time passes between the calls too.
      offsetMs = 3_590_000;
      expect((await get('/countries', psd2Headers(token))).statusCode).toBe(200);
      offsetMs = 3_601_000;
      for (const path of ROUTES) {
        const response = await get(path, psd2Headers(token));
        expectUnauthorized(response, 'TOKEN_EXPIRED');
        expect(response.body).not.toContain(token);
      }
      // A new token works again at the new time.
      const fresh = await tpp.token('aspspinformation');
      expect((await get('/countries', psd2Headers(fresh))).statusCode).toBe(200);
    } finally {
      offsetMs = 0;
    }
  });
});
