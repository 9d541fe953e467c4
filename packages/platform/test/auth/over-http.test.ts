import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { startTestPlatform, TEST_AUTH_URL, type TestPlatform } from '../support/test-platform.js';
import { basicAuth, form } from '../support/token-requests.js';

/**
 * Over a socket, /connect/* is answered before fastify routes it (the raw handler), which
 * inject() never reaches: the token endpoint, its logs and request ids are checked here on
 * the path production requests take.
 */
const logLines: string[] = [];
let t: TestPlatform;
let authBase: string;
let apiBase: string;

const baseOf = (app: FastifyInstance) =>
  `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

beforeAll(async () => {
  t = await startTestPlatform({
    logLines,
    env: { BANKBRIDGE_HOST: '127.0.0.1', BANKBRIDGE_API_PORT: '0', BANKBRIDGE_AUTH_PORT: '0' },
  });
  await t.platform.listen();
  authBase = baseOf(t.auth);
  apiBase = baseOf(t.api);
});
afterAll(async () => {
  await t?.close();
});

function postToken(body: string, headers: Record<string, string> = {}) {
  return fetch(`${authBase}/connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });
}

const tokenForm = (fields: Record<string, string> = {}) =>
  form({
    client_id: t.client.id,
    client_secret: t.client.secret,
    grant_type: 'client_credentials',
    scope: 'aspspinformation',
    ...fields,
  });

/** Log lines are written when the response finishes, which may be just after fetch returns. */
async function linesWith(reqId: string, atLeast: number): Promise<Record<string, unknown>[]> {
  for (let i = 0; i < 50; i++) {
    const lines = logLines.map((l) => JSON.parse(l)).filter((l) => l.reqId === reqId);
    if (lines.length >= atLeast) return lines;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return logLines.map((l) => JSON.parse(l)).filter((l) => l.reqId === reqId);
}

describe('token endpoint over HTTP', () => {
  it('issues a token to client_secret_post, as the seeds show', async () => {
    const response = await postToken(tokenForm());
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = await response.json();
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'scope', 'token_type']);
    expect(body).toMatchObject({
      expires_in: 3600,
      token_type: 'Bearer',
      scope: 'aspspinformation',
    });
  });

  it('issues a token to client_secret_basic', async () => {
    const response = await postToken(
      form({ grant_type: 'client_credentials', scope: 'aspspinformation' }),
      {
        authorization: basicAuth(t.client.id, t.client.secret),
      },
    );
    expect(response.status).toBe(200);
  });

  it('answers errors per RFC 6749 with no-store', async () => {
    const wrong = await postToken(tokenForm({ client_secret: 'bbs_wrong' }));
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('cache-control')).toBe('no-store');
    expect((await wrong.json()).error).toBe('invalid_client');

    const grant = await postToken(tokenForm({ grant_type: 'password' }));
    expect(grant.status).toBe(400);
    expect((await grant.json()).error).toBe('unsupported_grant_type');

    const json = await fetch(`${authBase}/connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials' }),
    });
    expect(json.status).toBe(400);
    expect((await json.json()).error).toBe('invalid_request');

    const get = await fetch(`${authBase}/connect/token`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect(get.headers.get('cache-control')).toBe('no-store');
    expect((await get.json()).error).toBe('invalid_request');
  });

  it('echoes a UUID X-Request-ID and logs the request under it', async () => {
    const requestId = randomUUID();
    const response = await postToken(tokenForm({ client_secret: 'bbs_wrong' }), {
      'x-request-id': requestId,
    });
    expect(response.headers.get('x-request-id')).toBe(requestId);
    const lines = await linesWith(requestId, 2);
    expect(lines.map((l) => l.msg).sort()).toEqual(['auth request refused', 'request completed']);
    expect(lines.find((l) => l.msg === 'request completed')).toMatchObject({
      statusCode: 401,
      req: { method: 'POST', url: '/connect/token' },
    });
  });

  it('replaces a malformed X-Request-ID and never logs it', async () => {
    const response = await postToken(tokenForm(), { 'x-request-id': '<script>alert(1)</script>' });
    expect(response.status).toBe(200);
    const echoed = response.headers.get('x-request-id') ?? '';
    expect(echoed).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(await linesWith(echoed, 1)).toHaveLength(1);
    expect(logLines.join('')).not.toContain('script');
  });

  it('lets the token it issued read the API, and logs neither secret nor token', async () => {
    const token = (await (await postToken(tokenForm())).json()).access_token as string;
    const requestId = randomUUID();
    const response = await fetch(`${apiBase}/psd2/aspspinformation/v1/countries`, {
      headers: { authorization: `Bearer ${token}`, 'x-request-id': requestId },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe(requestId);
    expect((await linesWith(requestId, 1)).length).toBeGreaterThan(0);
    const written = logLines.join('');
    expect(written).not.toContain(token);
    expect(written).not.toContain(t.client.secret.replace(/^bbs_/, ''));
  });

  it('serves discovery with the configured issuer over HTTP', async () => {
    const response = await fetch(`${authBase}/.well-known/openid-configuration`);
    const document = await response.json();
    expect(document.issuer).toBe(TEST_AUTH_URL);
    expect(document.token_endpoint).toBe(`${TEST_AUTH_URL}/connect/token`);
  });
});

describe('auth server and API on one port', () => {
  let shared: TestPlatform;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    shared = await startTestPlatform({
      env: {
        BANKBRIDGE_HOST: '127.0.0.1',
        BANKBRIDGE_API_PORT: String(port),
        BANKBRIDGE_AUTH_PORT: String(port),
      },
    });
    expect(shared.api).toBe(shared.auth);
    await shared.platform.listen();
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await shared?.close();
  });

  it('issues a token and serves the API with it from the same port', async () => {
    const issued = await fetch(`${base}/connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form({
        client_id: shared.client.id,
        client_secret: shared.client.secret,
        grant_type: 'client_credentials',
        scope: 'aspspinformation',
      }),
    });
    expect(issued.status).toBe(200);
    const { access_token } = await issued.json();
    const countries = await fetch(`${base}/psd2/aspspinformation/v1/countries`, {
      headers: { authorization: `Bearer ${access_token}`, 'x-request-id': randomUUID() },
    });
    expect(countries.status).toBe(200);
    expect((await countries.json()).countries.length).toBeGreaterThan(0);
  });

  it('answers discovery and wrong methods on /connect there too', async () => {
    const discovery = await fetch(`${base}/.well-known/openid-configuration`);
    expect((await discovery.json()).token_endpoint).toBe(`${TEST_AUTH_URL}/connect/token`);
    const get = await fetch(`${base}/connect/token`);
    expect(get.status).toBe(405);
  });
});
