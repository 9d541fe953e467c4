/**
 * The redirect SCA end to end, over HTTP only: the TPP creates a consent at a redirect bank,
 * fills the scaOAuth link, the browser goes through Bankbridge's auth server to the sandbox
 * bank's login page and back, and the TPP redeems its code with the consent headers. Every
 * /psd2 response is checked against the NextGenPSD2 contract.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectContract } from '../support/contract.js';
import { startTestPlatform, TEST_AUTH_URL, type TestPlatform } from '../support/test-platform.js';
import { basicAuth, form } from '../support/token-requests.js';
import { Browser, queryOf } from './redirect-sca-browser.js';

const BASE = '/psd2/consent/v1/consents';
const ANNA = '198301014882';
const TPP_REDIRECT = 'https://tpp.example/callback';
const BANK = 'NDEASESS';
const PSU = { 'psu-ip-address': '192.0.2.10', 'psu-user-agent': 'Mozilla/5.0 (test)' };

interface Tpp {
  id: string;
  secret: string;
  token: string;
}

let t: TestPlatform;
let tpp: Tpp;
let otherTpp: Tpp;
/** The auth server's socket: most tests inject(), one goes the way production requests go. */
let authSocket: string;
const logLines: string[] = [];

async function clientToken(id: string, secret: string): Promise<string> {
  const response = await t.auth.inject({
    method: 'POST',
    url: '/connect/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({
      client_id: id,
      client_secret: secret,
      grant_type: 'client_credentials',
      scope: 'accountinformation private',
    }),
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().access_token;
}

beforeAll(async () => {
  t = await startTestPlatform({
    sandbox: true,
    logLines,
    env: { BANKBRIDGE_HOST: '127.0.0.1', BANKBRIDGE_API_PORT: '0', BANKBRIDGE_AUTH_PORT: '0' },
  });
  await t.platform.listen();
  authSocket = `http://127.0.0.1:${(t.auth.server.address() as AddressInfo).port}`;
  tpp = { ...t.client, token: await clientToken(t.client.id, t.client.secret) };
  const other = await t.platform.clients.create({
    name: 'Other TPP',
    redirectUris: [TPP_REDIRECT],
  });
  otherTpp = {
    id: other.client.id,
    secret: other.secret,
    token: await clientToken(other.client.id, other.secret),
  };
});
afterAll(async () => {
  await t?.close();
});

async function psd2(
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  options: { body?: unknown; token?: string } = {},
) {
  const response = await t.api.inject({
    method,
    url,
    headers: {
      accept: 'application/json',
      authorization: `Bearer ${options.token ?? tpp.token}`,
      'content-type': 'application/json',
      'x-request-id': randomUUID(),
      'x-bicfi': BANK,
      ...PSU,
    },
    ...(options.body === undefined ? {} : { payload: JSON.stringify(options.body) }),
  });
  expectContract(response);
  return response;
}

/** Steps 1-3 of the guide at a redirect bank: the consent and the scaOAuth link to fill. */
async function consentAwaitingRedirect(): Promise<{ id: string; aid: string; template: string }> {
  const created = await psd2('POST', BASE, {
    body: {
      access: {},
      combinedServiceIndicator: false,
      frequencyPerDay: 4,
      recurringIndicator: true,
      validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  expect(created.headers['aspsp-sca-approach']).toBe('REDIRECT');
  const id = created.json().consentId as string;
  const started = await psd2('POST', `${BASE}/${id}/authorisations`);
  expect(started.statusCode, started.body).toBe(201);
  const aid = started.json().authorisationId as string;
  const put = await psd2('PUT', new URL(started.headers.location as string).pathname, {
    body: { authenticationMethodId: started.json().scaMethods[0].authenticationMethodId },
  });
  expect(put.statusCode, put.body).toBe(200);
  expect(put.headers['aspsp-sca-approach']).toBe('REDIRECT');
  return { id, aid, template: put.json()._links.scaOAuth.href };
}

/** What the guide tells the TPP to do with the link before sending the browser there. */
function fill(
  template: string,
  values: { clientId?: string; redirectUri?: string; state?: string } = {},
): string {
  return template
    .replace('[CLIENT_ID]', encodeURIComponent(values.clientId ?? tpp.id))
    .replace('[TPP_REDIRECT_URI]', encodeURIComponent(values.redirectUri ?? TPP_REDIRECT))
    .replace('[TPP_STATE]', encodeURIComponent(values.state ?? 'tpp-session-42'));
}

/** The codes banks handed Bankbridge, to look for in the logs. */
const bankCodes: string[] = [];

/**
 * The PSU's browser: the filled link, through Bankbridge to the bank's login page, the login
 * form with a test PSU, the decision, and back through Bankbridge to the TPP. The query the
 * TPP's redirect URI receives.
 */
async function psuAuthenticates(
  link: string,
  decision: 'approve' | 'deny' = 'approve',
  browser = new Browser(t.auth, TEST_AUTH_URL),
): Promise<Record<string, string>> {
  const { page: login } = await browser.follow(link, TPP_REDIRECT);
  expect(login.url.startsWith(t.sandboxUrl as string), `${login.url} ${login.body}`).toBe(true);
  expect(login.status, login.body).toBe(200);
  const session = /name="session" value="([^"]+)"/.exec(login.body)?.[1] as string;
  const loginAction = /<form[^>]+action="([^"]*\/oauth2\/authorize\/login)"/.exec(login.body)?.[1];
  expect(session).toBeTruthy();
  let answer = await browser.open(new URL(loginAction as string, login.url).href, {
    form: { session, psuId: ANNA },
  });
  if (answer.status === 200) {
    const decide = /<form[^>]+action="([^"]*\/oauth2\/authorize\/decision)"/.exec(answer.body)?.[1];
    const accounts = [...answer.body.matchAll(/name="account" value="([^"]+)"/g)].map(
      (m) => m[1] as string,
    );
    answer = await browser.open(new URL(decide as string, login.url).href, {
      form: { session, decision, account: accounts },
    });
  }
  expect(answer.status, answer.body).toBe(303);
  expect(answer.location?.startsWith(`${TEST_AUTH_URL}/connect/bank-callback?`)).toBe(true);
  bankCodes.push(queryOf(answer.location as string).code ?? '');
  const { page: back } = await browser.follow(answer.location as string, TPP_REDIRECT);
  expect(back.url.startsWith(`${TPP_REDIRECT}?`), `${back.status} ${back.body}`).toBe(true);
  return queryOf(back.url);
}

function redeem(
  code: string,
  consent: { id: string; aid: string } | undefined,
  options: { basic?: boolean; headers?: Record<string, string> } = {},
) {
  return t.auth.inject({
    method: 'POST',
    url: '/connect/token',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(consent ? { 'x-consentid': consent.id, 'x-consentauthorisationid': consent.aid } : {}),
      ...(options.basic ? { authorization: basicAuth(tpp.id, tpp.secret) } : {}),
      ...options.headers,
    },
    // The body as the guide shows it, scope included.
    payload: form({
      ...(options.basic ? {} : { client_id: tpp.id, client_secret: tpp.secret }),
      code,
      redirect_uri: TPP_REDIRECT,
      scope: 'accountinformation private',
      grant_type: 'authorization_code',
    }),
  });
}

async function statuses(consent: { id: string; aid: string }) {
  const status = await psd2('GET', `${BASE}/${consent.id}/status`);
  const sca = await psd2('GET', `${BASE}/${consent.id}/authorisations/${consent.aid}`);
  expect(status.statusCode, status.body).toBe(200);
  expect(sca.statusCode, sca.body).toBe(200);
  return { consentStatus: status.json().consentStatus, scaStatus: sca.json().scaStatus };
}

function expectTokenError(
  response: Awaited<ReturnType<typeof redeem>>,
  status: number,
  error: string,
) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.headers['cache-control']).toBe('no-store');
  expect(response.json().error).toBe(error);
  expect(response.json().error_description).toEqual(expect.any(String));
  expect(response.json()).not.toHaveProperty('access_token');
}

describe('the redirect SCA of the integration guide', () => {
  it('ends with a valid consent and an access token the API takes', async () => {
    const consent = await consentAwaitingRedirect();
    expect(await statuses(consent)).toEqual({
      consentStatus: 'received',
      scaStatus: 'scaMethodSelected',
    });

    const back = await psuAuthenticates(fill(consent.template));
    expect(back.state).toBe('tpp-session-42');
    expect(back.scope).toBe('accountinformation private');
    expect(back.code).toEqual(expect.any(String));
    expect(back).not.toHaveProperty('error');
    // The PSU is through at the bank; the consent is valid once the TPP redeemed its code.
    expect((await statuses(consent)).consentStatus).toBe('received');

    const requestId = randomUUID();
    const response = await redeem(back.code as string, consent, {
      headers: { 'x-request-id': requestId },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-request-id']).toBe(requestId);
    // The bank's code was exchanged under the TPP's request id.
    const bankRequests = t.bankLogLines
      .map((line) => JSON.parse(line) as { reqId?: string; msg?: string; req?: { url?: string } })
      .filter((line) => line.reqId === requestId && line.msg === 'incoming request');
    expect(bankRequests.some((line) => line.req?.url?.includes('/oauth2/token'))).toBe(true);
    const body = response.json();
    expect(body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'accountinformation private',
    });
    expect(await statuses(consent)).toEqual({ consentStatus: 'valid', scaStatus: 'finalised' });

    // The guide goes on with the token it got here.
    const withToken = await psd2('GET', `${BASE}/${consent.id}`, { token: body.access_token });
    expect(withToken.statusCode, withToken.body).toBe(200);
    expect(withToken.json().consentStatus).toBe('valid');
    expect(withToken.json().access.accounts.length).toBeGreaterThan(0);

    // Bank tokens are at rest, sealed: nothing in the consent rows reads as a bank token.
    const rows = JSON.stringify(
      await t.store.db.selectFrom('consents').selectAll().where('id', '=', consent.id).execute(),
    );
    expect(rows).not.toMatch(/"(access|refresh)_?token"\s*:\s*"[A-Za-z0-9_-]{16,}"/i);
  });

  it('works the same over a socket, where /connect is served before fastify routes it', async () => {
    const consent = await consentAwaitingRedirect();
    const browser = new Browser(t.auth, TEST_AUTH_URL, authSocket);
    const back = await psuAuthenticates(fill(consent.template), 'approve', browser);
    expect(back.state).toBe('tpp-session-42');
    const response = await fetch(`${authSocket}/connect/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-consentid': consent.id,
        'x-consentauthorisationid': consent.aid,
      },
      body: form({
        client_id: tpp.id,
        client_secret: tpp.secret,
        code: back.code,
        redirect_uri: TPP_REDIRECT,
        grant_type: 'authorization_code',
      }),
    });
    expect(response.status, await response.clone().text()).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const { access_token: accessToken } = (await response.json()) as { access_token: string };
    expect(await statuses(consent)).toEqual({ consentStatus: 'valid', scaStatus: 'finalised' });

    // Neither Bankbridge's code and token nor the bank's code reach the logs.
    const logs = logLines.join('\n');
    expect(logs).toContain('/connect/bank-callback');
    for (const secret of [back.code as string, accessToken, ...bankCodes]) {
      expect(secret.length).toBeGreaterThan(8);
      expect(logs).not.toContain(secret);
    }
  });

  it('takes the client credentials in a Basic header too', async () => {
    const consent = await consentAwaitingRedirect();
    const back = await psuAuthenticates(fill(consent.template));
    const response = await redeem(back.code as string, consent, { basic: true });
    expect(response.statusCode, response.body).toBe(200);
    expect((await statuses(consent)).consentStatus).toBe('valid');
  });

  it('sends access_denied with the TPP state when the PSU declines: SCA failed, consent rejected', async () => {
    const consent = await consentAwaitingRedirect();
    const back = await psuAuthenticates(fill(consent.template, { state: 'deny-me' }), 'deny');
    expect(back).toMatchObject({ error: 'access_denied', state: 'deny-me' });
    expect(back).not.toHaveProperty('code');
    expect(await statuses(consent)).toEqual({ consentStatus: 'rejected', scaStatus: 'failed' });
  });

  it('answers a redirect URI that is not registered with an error page, and changes nothing', async () => {
    const consent = await consentAwaitingRedirect();
    const browser = new Browser(t.auth, TEST_AUTH_URL);
    const page = await browser.open(
      fill(consent.template, { redirectUri: 'https://attacker.example/callback' }),
    );
    expect(page.status).toBe(400);
    expect(page.location).toBeUndefined();
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('redirect_uri');
    expect(await statuses(consent)).toEqual({
      consentStatus: 'received',
      scaStatus: 'scaMethodSelected',
    });
  });

  it("sends another client's consent back to that client as an error, and changes nothing", async () => {
    const consent = await consentAwaitingRedirect();
    const browser = new Browser(t.auth, TEST_AUTH_URL);
    const { page } = await browser.follow(
      fill(consent.template, { clientId: otherTpp.id, state: 'other-state' }),
      TPP_REDIRECT,
    );
    const query = queryOf(page.url);
    expect(query).toMatchObject({ error: 'invalid_request', state: 'other-state' });
    expect(query).not.toHaveProperty('code');
    // The other client learns no more than for an unknown consent.
    expect(query.error_description).not.toMatch(new RegExp(tpp.id));
    expect(await statuses(consent)).toEqual({
      consentStatus: 'received',
      scaStatus: 'scaMethodSelected',
    });
    // The consent's own TPP can still authorise it.
    const back = await psuAuthenticates(fill(consent.template));
    expect((await redeem(back.code as string, consent)).statusCode).toBe(200);
  });
});

describe('redeeming the code', () => {
  it('refuses missing or other consent headers, and the code still works with the right ones', async () => {
    const consent = await consentAwaitingRedirect();
    const { code } = await psuAuthenticates(fill(consent.template));
    expectTokenError(await redeem(code as string, undefined), 400, 'invalid_grant');
    expectTokenError(
      await redeem(code as string, { id: consent.id, aid: randomUUID() }),
      400,
      'invalid_grant',
    );
    expectTokenError(
      await redeem(code as string, { id: randomUUID(), aid: consent.aid }),
      400,
      'invalid_grant',
    );
    expect((await statuses(consent)).consentStatus).toBe('received');
    expect((await redeem(code as string, consent)).statusCode).toBe(200);
    expect((await statuses(consent)).consentStatus).toBe('valid');
  });

  it('gives one token for a code, also when it is redeemed again later', async () => {
    const consent = await consentAwaitingRedirect();
    const { code } = await psuAuthenticates(fill(consent.template));
    expect((await redeem(code as string, consent)).statusCode).toBe(200);
    expectTokenError(await redeem(code as string, consent), 400, 'invalid_grant');
    expect(await statuses(consent)).toEqual({ consentStatus: 'valid', scaStatus: 'finalised' });
  });

  it('gives exactly one token when a code is redeemed many times at once', async () => {
    const consent = await consentAwaitingRedirect();
    const { code } = await psuAuthenticates(fill(consent.template));
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => redeem(code as string, consent)),
    );
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 400, 400, 400, 400]);
    for (const r of responses.filter((r) => r.statusCode !== 200)) {
      expectTokenError(r, 400, 'invalid_grant');
    }
    expect(await statuses(consent)).toEqual({ consentStatus: 'valid', scaStatus: 'finalised' });
  });

  describe('when the bank fails at the code exchange', () => {
    afterEach(async () => {
      await t.admin('DELETE', `/banks/${BANK}/faults`);
    });

    it('answers temporarily_unavailable, and the SCA ends failed', async () => {
      const consent = await consentAwaitingRedirect();
      const { code } = await psuAuthenticates(fill(consent.template));
      expect((await t.admin('PUT', `/banks/${BANK}/faults`, { error503Rate: 1 })).status).toBe(200);
      const response = await redeem(code as string, consent);
      expectTokenError(response, 503, 'temporarily_unavailable');
      expect(response.json().error_description).toMatch(/bank/);
      expect(response.body).not.toMatch(/\n\s+at /);
      expect((await statuses(consent)).scaStatus).toBe('failed');
      // The code is used up: a retry is refused, not a second exchange at the bank.
      await t.admin('DELETE', `/banks/${BANK}/faults`);
      expectTokenError(await redeem(code as string, consent), 400, 'invalid_grant');
      expect((await statuses(consent)).scaStatus).toBe('failed');
    });
  });
});
