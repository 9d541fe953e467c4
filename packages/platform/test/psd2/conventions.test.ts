/**
 * HTTP tests of the conventions every /psd2 operation shares, exercised on the ASPSP
 * information API: X-Request-ID required and echoed (never a malformed one), Accept, 405 with
 * Allow for a wrong method, 404 in tppMessages form for an unknown path, malformed URLs, and a
 * table of bad inputs that must each get a 4xx and change nothing. Also the bank logos the
 * registry's logoUrls point at. Every /psd2 response is checked against the contract.
 */
import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkContract, expectContract, fromInject } from '../support/contract.js';
import {
  psd2Headers,
  startTestPlatform,
  TEST_AUTH_URL,
  type TestPlatform,
} from '../support/test-platform.js';
import { form, postCredentials } from '../support/token-requests.js';

const BASE = '/psd2/aspspinformation/v1';
const HELSINKI = 'ba9dd929-1408-33a6-3ce2-bc45fcfaaa5c';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ROUTES = [
  '/countries',
  '/countries/SE',
  '/cities',
  `/cities/${HELSINKI}`,
  '/aspsps',
  '/aspsps/ESSESESS',
];

let tpp: TestPlatform;
let token: string;

beforeAll(async () => {
  tpp = await startTestPlatform();
  token = await tpp.token('aspspinformation');
});

afterAll(async () => {
  await tpp?.close();
});

type Response = Awaited<ReturnType<TestPlatform['api']['inject']>>;

/** Sends a request to the API; a /psd2 answer must satisfy the contract and never be a 5xx. */
async function send(options: InjectOptions & { url: string }): Promise<Response> {
  const response = await tpp.api.inject(options);
  expect(response.statusCode, response.body).toBeLessThan(500);
  expectContract(response);
  return response;
}

/**
 * For a path the contract does not have: the only contract problem may be the path itself, and
 * the answer must be what the contract declares for that status on `nearestOperationUrl`.
 */
function expectContractFor(response: Response, nearestOperationUrl: string): void {
  const observed = fromInject(response);
  expect(checkContract(observed)).toEqual([
    expect.stringMatching(/^no path in the contract matches /),
  ]);
  expect(checkContract({ ...observed, url: nearestOperationUrl })).toEqual([]);
}

function tppMessage(response: Response): { category: string; code: string; text: string } {
  const body = response.json() as {
    tppMessages: { category: string; code: string; text: string }[];
  };
  expect(body.tppMessages).toHaveLength(1);
  return body.tppMessages[0] as { category: string; code: string; text: string };
}

function expectError(response: Response, status: number, code: string): string {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json\b/);
  const message = tppMessage(response);
  expect(message).toMatchObject({ category: 'ERROR', code });
  expect(response.body).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/); // never a stack trace
  return message.text;
}

describe('X-Request-ID', () => {
  it('is required: without it 400 FORMAT_ERROR, and the answer carries a fresh UUID', async () => {
    const { 'x-request-id': _, ...headers } = psd2Headers(token);
    const first = await send({ method: 'GET', url: `${BASE}/countries`, headers });
    expect(expectError(first, 400, 'FORMAT_ERROR')).toMatch(/X-Request-ID/);
    expect(first.headers['x-request-id']).toMatch(UUID);
    const second = await send({ method: 'GET', url: `${BASE}/countries`, headers });
    expect(second.headers['x-request-id']).toMatch(UUID);
    expect(second.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
  });

  it.each([
    ['not a UUID', 'abc'],
    ['a script', '<script>alert(1)</script>'],
    ['a UUID with something after it', `${randomUUID()}-1`],
    ['a UUID in braces', `{${randomUUID()}}`],
    ['a UUID without dashes', randomUUID().replaceAll('-', '')],
    ['a long value', 'a'.repeat(4000)],
  ])('that is malformed (%s) is answered 400 and never echoed', async (_, bad) => {
    const response = await send({
      method: 'GET',
      url: `${BASE}/aspsps`,
      headers: psd2Headers(token, { 'x-request-id': bad }),
    });
    expect(expectError(response, 400, 'FORMAT_ERROR')).toMatch(/X-Request-ID/);
    const echoed = response.headers['x-request-id'];
    expect(echoed).toMatch(UUID);
    expect(echoed).not.toBe(bad);
    expect(response.body).not.toContain(bad);
    expect(response.rawPayload.toString()).not.toContain('<script>');
  });

  it('with CR/LF in it cannot inject a header or reach the body', async () => {
    const id = randomUUID();
    const injected = `${id}\r\nSet-Cookie: stolen=1\r\nX-Evil: 1`;
    const response = await send({
      method: 'GET',
      url: `${BASE}/aspsps`,
      headers: psd2Headers(token, { 'x-request-id': injected }),
    });
    expectError(response, 400, 'FORMAT_ERROR');
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(response.headers['x-evil']).toBeUndefined();
    expect(response.headers['x-request-id']).toMatch(UUID);
    expect(response.headers['x-request-id']).not.toBe(id);
    expect(response.body).not.toContain('stolen');
  });

  it('sent twice is refused, and neither value is echoed', async () => {
    const ids = [randomUUID(), randomUUID()];
    const response = await send({
      method: 'GET',
      url: `${BASE}/countries`,
      headers: { ...psd2Headers(token), 'x-request-id': ids },
    });
    expectError(response, 400, 'FORMAT_ERROR');
    expect(ids).not.toContain(response.headers['x-request-id']);
    expect(response.headers['x-request-id']).toMatch(UUID);
  });

  it('that is valid is echoed exactly, upper case included, on success and on every error', async () => {
    const id = randomUUID().toUpperCase();
    const requests: [string, InjectOptions & { url: string }][] = [
      ['200', { method: 'GET', url: `${BASE}/aspsps`, headers: psd2Headers(token) }],
      ['400', { method: 'GET', url: `${BASE}/countries/SWE`, headers: psd2Headers(token) }],
      ['401', { method: 'GET', url: `${BASE}/aspsps`, headers: {} }],
      ['404', { method: 'GET', url: `${BASE}/aspsps/NOTASESS`, headers: psd2Headers(token) }],
      ['405', { method: 'DELETE', url: `${BASE}/aspsps`, headers: psd2Headers(token) }],
      [
        '406',
        {
          method: 'GET',
          url: `${BASE}/aspsps`,
          headers: psd2Headers(token, { accept: 'text/html' }),
        },
      ],
    ];
    for (const [status, request] of requests) {
      const response = await send({
        ...request,
        headers: { ...(request.headers as Record<string, string>), 'x-request-id': id },
      });
      expect(String(response.statusCode), response.body).toBe(status);
      expect(response.headers['x-request-id']).toBe(id);
    }
    const unknownPath = await tpp.api.inject({
      method: 'GET',
      url: '/psd2/nothing-here',
      headers: psd2Headers(token, { 'x-request-id': id }),
    });
    expect(unknownPath.statusCode).toBe(404);
    expect(unknownPath.headers['x-request-id']).toBe(id);
  });
});

describe('Accept', () => {
  it.each(['text/html', 'application/xml', 'text/plain, text/html;q=0.5', 'application/json;q=0'])(
    '%s: 406 REQUESTED_FORMATS_INVALID',
    async (accept) => {
      for (const path of ['/countries', '/aspsps/ESSESESS']) {
        const response = await send({
          method: 'GET',
          url: `${BASE}${path}`,
          headers: psd2Headers(token, { accept }),
        });
        expect(expectError(response, 406, 'REQUESTED_FORMATS_INVALID')).toContain(
          'application/json',
        );
      }
    },
  );

  it.each([
    'application/json;q=0.9, */*;q=0.1',
    'application/json',
    'APPLICATION/JSON; charset=utf-8',
    '*/*',
    'application/*',
    'text/html, application/json;q=0.5',
  ])('%s: answered with JSON', async (accept) => {
    const response = await send({
      method: 'GET',
      url: `${BASE}/countries`,
      headers: psd2Headers(token, { accept }),
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json\b/);
    expect(response.json().countries).toHaveLength(4);
  });
});

describe('a method the path does not have', () => {
  const cases = ROUTES.flatMap((path) =>
    ['POST', 'PUT', 'DELETE', 'PATCH'].map((method) => [method, path] as const),
  );

  it.each(cases)('%s %s: 405 SERVICE_INVALID with Allow: GET', async (method, path) => {
    const response = await send({
      method,
      url: `${BASE}${path}`,
      headers: psd2Headers(token, { 'content-type': 'application/json' }),
      payload: method === 'DELETE' ? undefined : JSON.stringify({ isoCountryCode: 'SE' }),
    });
    expect(expectError(response, 405, 'SERVICE_INVALID')).toContain(method);
    expect(response.headers.allow).toBe('GET');
  });

  it('is refused before the token is looked at, and changes nothing', async () => {
    const response = await send({
      method: 'DELETE',
      url: `${BASE}/aspsps/ESSESESS`,
      headers: psd2Headers('not-a-token'),
    });
    expectError(response, 405, 'SERVICE_INVALID');
    const after = await send({
      method: 'GET',
      url: `${BASE}/aspsps/ESSESESS`,
      headers: psd2Headers(token),
    });
    expect(after.statusCode).toBe(200);
  });
});

describe('an unknown path under /psd2', () => {
  it.each([
    ['/psd2/nothing-here', `${BASE}/countries`],
    ['/psd2', `${BASE}/countries`],
    [`${BASE}/banks`, `${BASE}/countries`],
    [`${BASE}/countries/SE/cities`, `${BASE}/countries/SE`],
    [`${BASE}/aspsps/ESSESESS/accounts`, `${BASE}/aspsps/ESSESESS`],
    ['/psd2/aspspinformation/v2/countries', `${BASE}/countries`],
    ['/psd2/consent/v1/consents/../../aspspinformation/v1/countries', `${BASE}/countries`],
  ])('GET %s: 404 RESOURCE_UNKNOWN in tppMessages form', async (url, nearest) => {
    const headers = psd2Headers(token);
    const response = await tpp.api.inject({ method: 'GET', url, headers });
    expect(response.statusCode).toBe(404);
    expectError(response, 404, 'RESOURCE_UNKNOWN');
    expect(response.headers['x-request-id']).toBe(headers['x-request-id']);
    expectContractFor(response, nearest);
  });
});

describe('malformed URLs', () => {
  it('a path parameter longer than the router allows: 400 FORMAT_ERROR, not a framework answer', async () => {
    const headers = psd2Headers(token);
    for (const path of [`/aspsps/${'A'.repeat(300)}`, `/cities/${'a'.repeat(5000)}`]) {
      const response = await send({ method: 'GET', url: `${BASE}${path}`, headers });
      expectError(response, 400, 'FORMAT_ERROR');
      expect(response.headers['x-request-id']).toBe(headers['x-request-id']);
      expect(response.body.length).toBeLessThan(500);
    }
  });

  it('a path with broken percent-encoding: 400 FORMAT_ERROR with the request id', async () => {
    const headers = psd2Headers(token);
    for (const path of ['/countries/%E0%A4%A', '/aspsps/%', '/cities/%ZZ']) {
      const response = await send({ method: 'GET', url: `${BASE}${path}`, headers });
      expectError(response, 400, 'FORMAT_ERROR');
      expect(response.headers['x-request-id']).toBe(headers['x-request-id']);
    }
  });

  it('still answers a malformed URL outside /psd2 with a 4xx and the request id', async () => {
    const headers = psd2Headers(token);
    const response = await tpp.api.inject({ method: 'GET', url: '/logos/%E0%A4%A', headers });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(response.headers['x-request-id']).toBe(headers['x-request-id']);
  });

  it('a query string with huge values is answered without a 5xx', async () => {
    const manyCodes = Array.from({ length: 20_000 }, (_, i) => (i % 2 ? 'SE' : 'fi')).join(',');
    const ok = await send({
      method: 'GET',
      url: `${BASE}/aspsps?isoCountryCodes=${manyCodes}`,
      headers: psd2Headers(token),
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().aspsps).toHaveLength(7);

    const manyIds = Array.from({ length: 5_000 }, () => randomUUID()).join(',');
    const none = await send({
      method: 'GET',
      url: `${BASE}/cities?cityIds=${manyIds}`,
      headers: psd2Headers(token),
    });
    expect(none.statusCode).toBe(200);
    expect(none.json()).toEqual({ cities: [] });

    const garbage = await send({
      method: 'GET',
      url: `${BASE}/cities?cityIds=${'%FF'.repeat(50_000)}`,
      headers: psd2Headers(token),
    });
    expectError(garbage, 400, 'FORMAT_ERROR');
    expect(garbage.body.length).toBeLessThan(500);

    const other = await send({
      method: 'GET',
      url: `${BASE}/countries?x=${'y'.repeat(100_000)}`,
      headers: psd2Headers(token),
    });
    expect(other.statusCode).toBeLessThan(500);
  });
});

describe('bad input', () => {
  type Bad = Omit<InjectOptions, 'headers'> & { url: string; headers?: Record<string, string> };
  /** Each with a valid token and X-Request-ID unless its headers say otherwise. */
  const table = (): [string, Bad][] => [
    [
      'no X-Request-ID',
      { method: 'GET', url: `${BASE}/countries`, headers: { 'x-request-id': '' } },
    ],
    ['a bad Accept', { method: 'GET', url: `${BASE}/cities`, headers: { accept: 'image/png' } }],
    ['a country of 3 letters', { method: 'GET', url: `${BASE}/countries/SWE` }],
    ['a country of digits', { method: 'GET', url: `${BASE}/countries/12` }],
    ['an unknown country', { method: 'GET', url: `${BASE}/countries/ZZ` }],
    ['a country with a NUL', { method: 'GET', url: `${BASE}/countries/S%00` }],
    ['an encoded slash', { method: 'GET', url: `${BASE}/countries/S%2FE` }],
    ['an empty path value', { method: 'GET', url: `${BASE}/countries/` }],
    ['a city that is no UUID', { method: 'GET', url: `${BASE}/cities/1' OR '1'='1` }],
    ['an unknown city', { method: 'GET', url: `${BASE}/cities/${randomUUID()}` }],
    ['a lower-case BIC', { method: 'GET', url: `${BASE}/aspsps/essesess` }],
    ['an unknown BIC', { method: 'GET', url: `${BASE}/aspsps/AAAASESS` }],
    ['a BIC with a quote', { method: 'GET', url: `${BASE}/aspsps/ESSE'SESS` }],
    ['a prototype country', { method: 'GET', url: `${BASE}/countries/__proto__` }],
    ['a prototype BIC', { method: 'GET', url: `${BASE}/aspsps/hasOwnProperty` }],
    ['an empty filter', { method: 'GET', url: `${BASE}/cities?cityIds=` }],
    ['a filter with no value', { method: 'GET', url: `${BASE}/cities?cityIds` }],
    ['a filter of commas', { method: 'GET', url: `${BASE}/aspsps?isoCountryCodes=,,,` }],
    ['a filter with bad encoding', { method: 'GET', url: `${BASE}/aspsps?isoCountryCodes=%` }],
    [
      'a filter given twice, once bad',
      { method: 'GET', url: `${BASE}/aspsps?cityIds=${HELSINKI}&cityIds=x` },
    ],
    ['a POST with a body', { method: 'POST', url: `${BASE}/aspsps`, payload: { a: 1 } }],
    [
      'a POST with a broken JSON body',
      {
        method: 'POST',
        url: `${BASE}/countries`,
        payload: '{"a":',
        headers: { 'content-type': 'application/json' },
      },
    ],
    [
      'a GET with a broken JSON body',
      {
        method: 'GET',
        url: `${BASE}/countries/SWE`,
        payload: '{"a":',
        headers: { 'content-type': 'application/json' },
      },
    ],
    [
      'a GET with an XML body',
      {
        method: 'GET',
        url: `${BASE}/countries/ZZ`,
        payload: '<a/>',
        headers: { 'content-type': 'application/xml' },
      },
    ],
    [
      'Basic authorization',
      { method: 'GET', url: `${BASE}/countries`, headers: { authorization: 'Basic dXNlcjpwYXNz' } },
    ],
    [
      'a token of two words',
      { method: 'GET', url: `${BASE}/countries`, headers: { authorization: `Bearer ${token} x` } },
    ],
  ];

  const snapshot = async () => {
    const bodies: string[] = [];
    for (const path of [...ROUTES, '/aspsps?isoCountryCodes=SE', `/cities?cityIds=${HELSINKI}`]) {
      const response = await send({
        method: 'GET',
        url: `${BASE}${path}`,
        headers: psd2Headers(token),
      });
      expect(response.statusCode).toBe(200);
      bodies.push(response.body);
    }
    return bodies;
  };

  it('gets a 4xx (never a 5xx, never a stack trace) and changes nothing', async () => {
    const before = await snapshot();
    const statuses: Record<string, number> = {};
    for (const [name, request] of table()) {
      const headers: Record<string, string> = { ...psd2Headers(token), ...request.headers };
      if (headers['x-request-id'] === '') delete headers['x-request-id'];
      const response = await tpp.api.inject({ ...request, headers } as InjectOptions);
      statuses[name] = response.statusCode;
      expect(response.statusCode, `${name}: ${response.body}`).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, `${name}: ${response.body}`).toBeLessThan(500);
      expect(response.body).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
      expect(response.headers['x-request-id']).toMatch(UUID);
      tppMessage(response);
      // An empty path value asks for a path the contract does not have; everything else must
      // be a contract answer.
      if (name === 'an empty path value') expectContractFor(response, `${BASE}/countries/SE`);
      else expect(checkContract(response), name).toEqual([]);
    }
    expect(statuses).toMatchObject({
      'no X-Request-ID': 400,
      'a bad Accept': 406,
      'an unknown country': 404,
      'a prototype country': 400,
      'a prototype BIC': 400,
      'a POST with a body': 405,
      'a POST with a broken JSON body': 405,
      'a GET with a broken JSON body': 400,
      'a GET with an XML body': 404,
      'Basic authorization': 401,
      'a token of two words': 401,
    });
    expect(await snapshot()).toEqual(before);
  });
});

describe('query parameters the operation does not have', () => {
  it('are ignored, whatever their shape', async () => {
    const all = await send({ method: 'GET', url: `${BASE}/aspsps`, headers: psd2Headers(token) });
    for (const query of [
      'isoCountryCodes[]=FI',
      'isoCountryCodes[a]=FI',
      'isoCountryCode=FI',
      '__proto__=FI&constructor=x&toString=1',
      'x=1&x=2',
    ]) {
      const response = await send({
        method: 'GET',
        url: `${BASE}/aspsps?${query}`,
        headers: psd2Headers(token),
      });
      expect(response.statusCode, `${query}: ${response.body}`).toBe(200);
      expect(response.body, query).toBe(all.body);
    }
  });

  it('a revoked or unknown token is refused with where to get a new one', async () => {
    const revoked = await tpp.token('aspspinformation');
    const revocation = await tpp.auth.inject({
      method: 'POST',
      url: '/connect/revocation',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ token: revoked, ...postCredentials(tpp.client.id, tpp.client.secret) }),
    });
    expect(revocation.statusCode, revocation.body).toBe(200);
    const text = `the access token is not valid (revoked, expired or unknown): request a new token at ${TEST_AUTH_URL}/connect/token`;
    for (const bearer of [revoked, 'A'.repeat(43)]) {
      const response = await send({
        method: 'GET',
        url: `${BASE}/countries`,
        headers: psd2Headers(bearer),
      });
      expectError(response, 401, 'TOKEN_INVALID');
      expect(tppMessage(response).text).toBe(text);
      expect(response.headers['www-authenticate']).toBe(
        `Bearer error="invalid_token", error_description="${text}"`,
      );
    }
  });

  it('access_token in the query authenticates nothing', async () => {
    const { authorization: _, ...headers } = psd2Headers(token);
    const response = await send({
      method: 'GET',
      url: `${BASE}/countries?access_token=${token}`,
      headers,
    });
    expectError(response, 401, 'TOKEN_INVALID');
  });
});

describe('logos', () => {
  it('serves /logos/ESSESESS.svg as image/svg+xml, the file a logoUrl points at', async () => {
    const list = await send({ method: 'GET', url: `${BASE}/aspsps`, headers: psd2Headers(token) });
    for (const { logoUrl } of list.json().aspsps as { logoUrl: string }[]) {
      const response = await tpp.api.inject({ method: 'GET', url: new URL(logoUrl).pathname });
      expect(response.statusCode, logoUrl).toBe(200);
      expect(response.headers['content-type']).toMatch(/^image\/svg\+xml/);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.body).toMatch(/<svg[\s>]/);
    }
    const seb = await tpp.api.inject({ method: 'GET', url: '/logos/ESSESESS.svg' });
    expect(seb.statusCode).toBe(200);
    expect(seb.headers['content-type']).toMatch(/^image\/svg\+xml/);
  });

  it.each([
    '/logos/NOTABANK.svg',
    '/logos/ESSESESS.png',
    '/logos/..%2F..%2Fpackage.json',
    '/logos/..%2Faspsps.yaml',
    '/logos/%2E%2E%2F%2E%2E%2Fpackage.json',
    '/logos/../../package.json',
    '/logos/..%5C..%5Cpackage.json',
    '/logos/ESSESESS.svg%00.json',
  ])('does not serve %s', async (url) => {
    const response = await tpp.api.inject({ method: 'GET', url });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(response.headers['content-type'] ?? '').not.toMatch(/svg/);
    expect(response.body).not.toContain('"workspaces"');
    expect(response.body).not.toContain('@bankbridge');
    expect(response.body).not.toContain('countries:');
  });
});
