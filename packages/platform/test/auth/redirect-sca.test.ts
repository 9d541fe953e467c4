/**
 * The redirect SCA end to end, over HTTP only, against real consents and a sandbox bank: the
 * TPP creates a consent at a redirect bank (NDEASESS) through the Consent API, fills the
 * scaOAuth link, the browser goes through Bankbridge's auth server to the bank's login page and
 * back, and the TPP redeems its code with the consent headers. Grouped by where a request is
 * decided: the guide's flow, `/connect/authorize` and the consent checks behind it, the bank's
 * callback, and the token endpoint. Every /psd2 response is checked against the NextGenPSD2
 * contract. The pure parts (acr_values, the sealed bank state, code consumption in the store)
 * are in redirect-sca-parts.test.ts.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectContract } from '../support/contract.js';
import { startTestPlatform, TEST_AUTH_URL, type TestPlatform } from '../support/test-platform.js';
import { basicAuth, form } from '../support/token-requests.js';
import { atSandboxBank, Browser, type Page, queryOf } from './redirect-sca-browser.js';

const BASE = '/psd2/consent/v1/consents';
const ANNA = '198301014882';
const TPP_REDIRECT = 'https://tpp.example/callback';
const BANK = 'NDEASESS';
const BANK_CALLBACK = `${TEST_AUTH_URL}/connect/bank-callback`;
const PSU = { 'psu-ip-address': '192.0.2.10', 'psu-user-agent': 'Mozilla/5.0 (test)' };

interface Tpp {
  id: string;
  secret: string;
  token: string;
}

/** A consent and the authorisation the TPP started for it, at `bic`. */
interface Consent {
  id: string;
  aid: string;
  bic: string;
}

let t: TestPlatform;
let tpp: Tpp;
let otherTpp: Tpp;
/** The auth server's socket: most tests inject(), one goes the way production requests go. */
let authSocket: string;
const logLines: string[] = [];

function clientToken(id: string, secret: string): Promise<string> {
  return t.tokenFor({ id, secret }, 'accountinformation private');
}

/** Moves the platform's clock (the sandbox bank keeps real time). */
let offsetMs = 0;

beforeAll(async () => {
  t = await startTestPlatform({
    sandbox: true,
    now: () => new Date(Date.now() + offsetMs),
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
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  options: { body?: unknown; token?: string; bic?: string } = {},
) {
  const response = await t.api.inject({
    method,
    url,
    headers: {
      accept: 'application/json',
      authorization: `Bearer ${options.token ?? tpp.token}`,
      'content-type': 'application/json',
      'x-request-id': randomUUID(),
      'x-bicfi': options.bic ?? BANK,
      ...PSU,
    },
    ...(options.body === undefined ? {} : { payload: JSON.stringify(options.body) }),
  });
  expectContract(response);
  return response;
}

const guideBody = () => ({
  access: {},
  combinedServiceIndicator: false,
  frequencyPerDay: 4,
  recurringIndicator: true,
  validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
});

/** Steps 1-2 of the guide: a consent at `bic` and an authorisation started for it. */
async function consentWithAuthorisation(bic = BANK) {
  const created = await psd2('POST', BASE, { bic, body: guideBody() });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().consentId as string;
  const started = await psd2('POST', `${BASE}/${id}/authorisations`, { bic });
  expect(started.statusCode, started.body).toBe(201);
  return { id, aid: started.json().authorisationId as string, bic, started };
}

/** Steps 1-3 of the guide at the redirect bank: the consent and the scaOAuth link to fill. */
async function consentAwaitingRedirect(): Promise<Consent & { template: string }> {
  const { started, ...consent } = await consentWithAuthorisation();
  const put = await psd2('PUT', new URL(started.headers.location as string).pathname, {
    body: { authenticationMethodId: started.json().scaMethods[0].authenticationMethodId },
  });
  expect(put.statusCode, put.body).toBe(200);
  expect(put.headers['aspsp-sca-approach']).toBe('REDIRECT');
  return { ...consent, template: put.json()._links.scaOAuth.href };
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

/** A filled link with parameters changed (a string), added, or taken out (null). */
function altered(link: string, change: Record<string, string | null>): string {
  const url = new URL(link);
  for (const [name, value] of Object.entries(change)) {
    if (value === null) url.searchParams.delete(name);
    else url.searchParams.set(name, value);
  }
  return url.href;
}

const newBrowser = () => new Browser(t.auth, TEST_AUTH_URL);

/** The codes banks handed Bankbridge, to look for in the logs. */
const bankCodes: string[] = [];

/** The browser from the filled link through Bankbridge to the bank's login page. */
async function toBank(browser: Browser, link: string): Promise<Page> {
  const { page } = await browser.follow(link, TPP_REDIRECT);
  expect(page.url.startsWith(`${t.sandboxUrl}/banks/${BANK}/`), `${page.url} ${page.body}`).toBe(
    true,
  );
  expect(page.status, page.body).toBe(200);
  return page;
}

/** The PSU logs in at the bank and decides; the bank's redirect to Bankbridge's callback. */
async function atBank(
  browser: Browser,
  login: Page,
  decision: 'approve' | 'deny' = 'approve',
): Promise<string> {
  const answer = await atSandboxBank(browser, login, { psuId: ANNA, decision });
  expect(answer.location?.startsWith(`${BANK_CALLBACK}?`)).toBe(true);
  bankCodes.push(queryOf(answer.location as string).code ?? '');
  return answer.location as string;
}

/** The browser from the bank's redirect through Bankbridge to the TPP: its query, and the way. */
async function backToTpp(browser: Browser, callback: string) {
  const { page, visited } = await browser.follow(callback, TPP_REDIRECT);
  expect(page.url.startsWith(`${TPP_REDIRECT}?`), `${page.status} ${page.body}`).toBe(true);
  return { query: queryOf(page.url), visited };
}

/**
 * The PSU's browser: the filled link, through Bankbridge to the bank's login page, the login
 * form with a test PSU, the decision, and back through Bankbridge to the TPP. The query the
 * TPP's redirect URI receives.
 */
async function psuAuthenticates(
  link: string,
  decision: 'approve' | 'deny' = 'approve',
  browser = newBrowser(),
): Promise<Record<string, string>> {
  const callback = await atBank(browser, await toBank(browser, link), decision);
  return (await backToTpp(browser, callback)).query;
}

/** The TPP's redirect URI is called with a refusal: the error, with the TPP's state. */
async function refusedToTpp(link: string): Promise<Record<string, string>> {
  const { page } = await newBrowser().follow(link, TPP_REDIRECT);
  expect(page.url.startsWith(`${TPP_REDIRECT}?`), `${page.status} ${page.body}`).toBe(true);
  const query = queryOf(page.url);
  expect(query).not.toHaveProperty('code');
  return query;
}

/** An error page of the auth server: shown to the PSU, never a redirect. */
function expectErrorPage(page: Page, text: string | RegExp) {
  expect(page.status, page.url).toBe(400);
  expect(page.location).toBeUndefined();
  expect(page.headers['content-type']).toMatch(/^text\/html/);
  expect(page.body).toMatch(text);
}

/** The code redemption of the guide: its body, consent headers, client credentials. */
function redeem(
  code: string,
  consent: { id: string; aid: string } | undefined,
  options: {
    as?: Tpp;
    basic?: boolean;
    headers?: Record<string, string>;
    fields?: Record<string, string>;
  } = {},
) {
  const who = options.as ?? tpp;
  return t.auth.inject({
    method: 'POST',
    url: '/connect/token',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(consent ? { 'x-consentid': consent.id, 'x-consentauthorisationid': consent.aid } : {}),
      ...(options.basic ? { authorization: basicAuth(who.id, who.secret) } : {}),
      ...options.headers,
    },
    // The body as the guide shows it, scope included.
    payload: form({
      ...(options.basic ? {} : { client_id: who.id, client_secret: who.secret }),
      code,
      redirect_uri: TPP_REDIRECT,
      scope: 'accountinformation private',
      grant_type: 'authorization_code',
      ...options.fields,
    }),
  });
}

/** RFC 7662 introspection by the TPP: whether the auth server still stands by a token. */
async function introspect(token: string) {
  const response = await t.auth.inject({
    method: 'POST',
    url: '/connect/introspect',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ client_id: tpp.id, client_secret: tpp.secret, token }),
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function statuses(consent: Consent) {
  const status = await psd2('GET', `${BASE}/${consent.id}/status`, { bic: consent.bic });
  const sca = await psd2('GET', `${BASE}/${consent.id}/authorisations/${consent.aid}`, {
    bic: consent.bic,
  });
  expect(status.statusCode, status.body).toBe(200);
  expect(sca.statusCode, sca.body).toBe(200);
  return { consentStatus: status.json().consentStatus, scaStatus: sca.json().scaStatus };
}

const AWAITING_SCA = { consentStatus: 'received', scaStatus: 'scaMethodSelected' };

function expectTokenError(
  response: Awaited<ReturnType<typeof redeem>>,
  status: number,
  error: string,
  description?: RegExp,
) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.headers['cache-control']).toBe('no-store');
  expect(response.json().error).toBe(error);
  expect(response.json().error_description).toMatch(description ?? /./);
  expect(response.json()).not.toHaveProperty('access_token');
}

describe('the redirect SCA of the integration guide', () => {
  it('ends with a valid consent and an access token the API takes', async () => {
    const consent = await consentAwaitingRedirect();
    expect(await statuses(consent)).toEqual(AWAITING_SCA);

    const back = await psuAuthenticates(fill(consent.template));
    expect(Object.keys(back).sort()).toEqual(['code', 'iss', 'scope', 'state']);
    expect(back.state).toBe('tpp-session-42');
    expect(back.scope).toBe('accountinformation private');
    expect(back.iss).toBe(TEST_AUTH_URL);
    expect(back.code).toEqual(expect.any(String));
    // The PSU is through at the bank; the consent is valid once the TPP redeemed its code.
    expect(await statuses(consent)).toEqual({
      consentStatus: 'received',
      scaStatus: 'psuAuthenticated',
    });

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
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'scope', 'token_type']);
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

  it("sends the PSU to the bank with Bankbridge's callback, PKCE and a state that names nothing", async () => {
    const consent = await consentAwaitingRedirect();
    const browser = newBrowser();
    const login = await toBank(browser, fill(consent.template));
    const atBankQuery = queryOf(login.url);
    expect(atBankQuery).toMatchObject({
      response_type: 'code',
      redirect_uri: BANK_CALLBACK,
      code_challenge_method: 'S256',
    });
    expect(atBankQuery.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The TPP's state and ids stay with Bankbridge; the bank gets a sealed reference.
    for (const secret of [consent.id, consent.aid, tpp.id, 'tpp-session-42', TPP_REDIRECT]) {
      expect(atBankQuery.state).not.toContain(secret);
      expect(login.url).not.toContain(encodeURIComponent(secret));
    }
    expect((await statuses(consent)).scaStatus).toBe('started');

    const { query, visited } = await backToTpp(browser, await atBank(browser, login));
    expect(visited.some((u) => /\/connect\/interaction\/[^/]+\/bank-return\?/.test(u))).toBe(true);
    expect(query.state).toBe('tpp-session-42');
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

  it('sends a second SCA in the same browser to the bank again, and its code is for its own consent', async () => {
    const browser = newBrowser();
    const first = await consentAwaitingRedirect();
    const second = await consentAwaitingRedirect();
    const one = await psuAuthenticates(fill(first.template, { state: 'one' }), 'approve', browser);
    const two = await psuAuthenticates(fill(second.template, { state: 'two' }), 'approve', browser);
    expect([one.state, two.state]).toEqual(['one', 'two']);
    expectTokenError(
      await redeem(two.code as string, first),
      400,
      'invalid_grant',
      /not issued for/,
    );
    expect((await redeem(two.code as string, second)).statusCode).toBe(200);
    expect((await redeem(one.code as string, first)).statusCode).toBe(200);
    expect(await statuses(first)).toEqual({ consentStatus: 'valid', scaStatus: 'finalised' });
    expect(await statuses(second)).toEqual({ consentStatus: 'valid', scaStatus: 'finalised' });
  });

  it('sends access_denied with the TPP state when the PSU declines: SCA failed, consent rejected', async () => {
    const consent = await consentAwaitingRedirect();
    const back = await psuAuthenticates(fill(consent.template, { state: 'deny-me' }), 'deny');
    expect(back).toMatchObject({
      error: 'access_denied',
      error_description: 'the PSU did not authorise the consent at the bank',
      state: 'deny-me',
    });
    expect(back).not.toHaveProperty('code');
    expect(await statuses(consent)).toEqual({ consentStatus: 'rejected', scaStatus: 'failed' });
  });
});

describe('the authorization request', () => {
  it('answers a redirect URI that is not the registered one with an error page, and changes nothing', async () => {
    const consent = await consentAwaitingRedirect();
    for (const redirectUri of [
      'https://attacker.example/callback',
      `${TPP_REDIRECT}/`,
      `${TPP_REDIRECT}?x=1`,
      'https://TPP.example/callback',
    ]) {
      const page = await newBrowser().open(fill(consent.template, { redirectUri }));
      expectErrorPage(page, 'redirect_uri');
      expect(page.body).not.toContain('attacker.example');
    }
    expect(await statuses(consent)).toEqual(AWAITING_SCA);
  });

  it('answers a missing redirect URI and an unknown client with an error page', async () => {
    const consent = await consentAwaitingRedirect();
    const link = fill(consent.template);
    expectErrorPage(await newBrowser().open(altered(link, { redirect_uri: null })), /redirect_uri/);
    expectErrorPage(
      await newBrowser().open(fill(consent.template, { clientId: 'nobody' })),
      /client/,
    );
    expect(await statuses(consent)).toEqual(AWAITING_SCA);
  });

  it.each([
    ['missing', () => null, /acr_values must be/],
    [
      'without the authorisation',
      (c: Consent) => `idp:${BANK} consentId:${c.id}`,
      /consentAuthorisationId is missing/,
    ],
    [
      'with placeholders left',
      () => 'idp:{BIC} consentId:{id} consentAuthorisationId:{aid}',
      /malformed/,
    ],
  ])(
    'sends acr_values %s back to the TPP as invalid_request with its state',
    async (_, acr, problem) => {
      const consent = await consentAwaitingRedirect();
      const query = await refusedToTpp(
        altered(fill(consent.template), { acr_values: acr(consent) }),
      );
      expect(query).toMatchObject({ error: 'invalid_request', state: 'tpp-session-42' });
      expect(query.error_description).toMatch(problem);
      expect(await statuses(consent)).toEqual(AWAITING_SCA);
    },
  );

  it.each([
    ['without account information', 'aspspinformation private'],
    ['with two contexts', 'accountinformation private corporate'],
    ['with openid: the redirect SCA gives no ID token', 'openid accountinformation private'],
  ])('sends a scope %s back to the TPP as invalid_scope', async (_, scope) => {
    const consent = await consentAwaitingRedirect();
    const query = await refusedToTpp(altered(fill(consent.template), { scope }));
    expect(query).toMatchObject({ error: 'invalid_scope', state: 'tpp-session-42' });
    expect(await statuses(consent)).toEqual(AWAITING_SCA);
  });

  it("sends another client's consent back to that client as an unknown one, and changes nothing", async () => {
    const consent = await consentAwaitingRedirect();
    const query = await refusedToTpp(
      fill(consent.template, { clientId: otherTpp.id, state: 'other-state' }),
    );
    expect(query).toMatchObject({ error: 'invalid_request', state: 'other-state' });
    // The other client learns no more than for a consent that does not exist.
    const unknownId = randomUUID();
    const unknown = await refusedToTpp(
      altered(fill(consent.template), {
        acr_values: `idp:${BANK} consentId:${unknownId} consentAuthorisationId:${consent.aid}`,
      }),
    );
    expect(query.error_description?.replace(consent.id, '<id>')).toBe(
      unknown.error_description?.replace(unknownId, '<id>'),
    );
    expect(await statuses(consent)).toEqual(AWAITING_SCA);
    // The consent's own TPP can still authorise it.
    const back = await psuAuthenticates(fill(consent.template));
    expect((await redeem(back.code as string, consent)).statusCode).toBe(200);
  });

  /** Redirect SCAs the consent service refuses when the browser arrives, and what it says. */
  const refusals: [string, () => Promise<{ link: string; consent: Consent }>, RegExp][] = [
    [
      'a consent that is already valid',
      async () => {
        const consent = await consentAwaitingRedirect();
        const link = fill(consent.template);
        const back = await psuAuthenticates(link);
        expect((await redeem(back.code as string, consent)).statusCode).toBe(200);
        return { link, consent };
      },
      /is valid: it cannot be authorised/,
    ],
    [
      'a consent its TPP deleted',
      async () => {
        const consent = await consentAwaitingRedirect();
        expect((await psd2('DELETE', `${BASE}/${consent.id}`)).statusCode).toBe(204);
        return { link: fill(consent.template), consent };
      },
      /is terminatedByTpp: it cannot be authorised/,
    ],
    [
      'an authorisation of the decoupled approach',
      async () => {
        const { id, aid, bic } = await consentWithAuthorisation('SWEDSESS');
        const { template } = await consentAwaitingRedirect();
        const acr = `idp:${bic} consentId:${id} consentAuthorisationId:${aid}`;
        return { link: altered(fill(template), { acr_values: acr }), consent: { id, aid, bic } };
      },
      /uses the DECOUPLED approach, not a redirect/,
    ],
    [
      "another consent's authorisation",
      async () => {
        const consent = await consentAwaitingRedirect();
        const other = await consentAwaitingRedirect();
        const acr = `idp:${BANK} consentId:${consent.id} consentAuthorisationId:${other.aid}`;
        return { link: altered(fill(consent.template), { acr_values: acr }), consent };
      },
      /is not an authorisation of consent/,
    ],
    [
      "another bank than the consent's",
      async () => {
        const consent = await consentAwaitingRedirect();
        const acr = `idp:ESSESESS consentId:${consent.id} consentAuthorisationId:${consent.aid}`;
        return { link: altered(fill(consent.template), { acr_values: acr }), consent };
      },
      /idp:ESSESESS is not the bank of consent/,
    ],
  ];

  it.each(refusals)(
    'hands the TPP the refusal of %s as invalid_request with its state, and changes nothing',
    async (_, setUp, description) => {
      const { link, consent } = await setUp();
      const before = await statuses(consent);
      const query = await refusedToTpp(link);
      expect(query).toMatchObject({ error: 'invalid_request', state: 'tpp-session-42' });
      expect(query.error_description).toMatch(description);
      expect(await statuses(consent)).toEqual(before);
    },
  );
});

describe("the bank's callback", () => {
  it('refuses a forged or missing state with an error page, and the real answer still goes through', async () => {
    const consent = await consentAwaitingRedirect();
    const browser = newBrowser();
    const callback = await atBank(browser, await toBank(browser, fill(consent.template)));
    const { code } = queryOf(callback);
    for (const query of [`code=${code}&state=v1.AAAA.BBBB.CCCC`, `code=${code}`]) {
      expectErrorPage(await browser.open(`${BANK_CALLBACK}?${query}`), 'without a valid reference');
    }
    expect(await statuses(consent)).toEqual({ consentStatus: 'received', scaStatus: 'started' });
    expect((await backToTpp(browser, callback)).query.code).toEqual(expect.any(String));
  });

  it('refuses to complete the SCA in a browser that did not start it', async () => {
    const consent = await consentAwaitingRedirect();
    const browser = newBrowser();
    const callback = await atBank(browser, await toBank(browser, fill(consent.template)));
    const { page } = await newBrowser().follow(callback, TPP_REDIRECT);
    expectErrorPage(page, 'another browser');
    expect(await statuses(consent)).toEqual({ consentStatus: 'received', scaStatus: 'started' });
    // The PSU's own browser finishes it.
    const { query } = await backToTpp(browser, callback);
    expect((await redeem(query.code as string, consent)).statusCode).toBe(200);
  });

  it('does not let a finished interaction be replayed', async () => {
    const consent = await consentAwaitingRedirect();
    const browser = newBrowser();
    const callback = await atBank(browser, await toBank(browser, fill(consent.template)));
    const { query, visited } = await backToTpp(browser, callback);
    const bankReturn = visited.find((u) => u.includes('/bank-return?')) as string;
    expectErrorPage(await browser.open(bankReturn), /already completed/);
    expectErrorPage((await browser.follow(callback, TPP_REDIRECT)).page, /already completed/);
    expect(await statuses(consent)).toEqual({
      consentStatus: 'received',
      scaStatus: 'psuAuthenticated',
    });
    expect((await redeem(query.code as string, consent)).statusCode).toBe(200);
  });
});

describe('redeeming the code', () => {
  it('refuses missing or other consent headers, and the code still works with the right ones', async () => {
    const consent = await consentAwaitingRedirect();
    const { code } = await psuAuthenticates(fill(consent.template));
    const refusals: [Record<string, string>, RegExp][] = [
      [{}, /X-ConsentId and X-ConsentAuthorisationId are required/],
      [{ 'x-consentid': consent.id }, /are required/],
      [{ 'x-consentid': consent.id, 'x-consentauthorisationid': randomUUID() }, /not issued for/],
      [{ 'x-consentid': randomUUID(), 'x-consentauthorisationid': consent.aid }, /not issued for/],
    ];
    for (const [headers, description] of refusals) {
      const response = await redeem(code as string, undefined, { headers });
      expectTokenError(response, 400, 'invalid_grant', description);
    }
    expect((await statuses(consent)).consentStatus).toBe('received');
    expect((await redeem(code as string, consent)).statusCode).toBe(200);
    expect((await statuses(consent)).consentStatus).toBe('valid');
  });

  it('refuses a code redeemed again later, and withdraws the token it gave', async () => {
    const consent = await consentAwaitingRedirect();
    const { code } = await psuAuthenticates(fill(consent.template));
    const first = await redeem(code as string, consent);
    expect(first.statusCode).toBe(200);
    const token = first.json().access_token as string;
    expect(await introspect(token)).toMatchObject({ active: true, client_id: tpp.id });
    // The API has seen the token (and would trust it from its cache for a while) ...
    expect((await psd2('GET', `${BASE}/${consent.id}`, { token })).statusCode).toBe(200);
    expectTokenError(await redeem(code as string, consent), 400, 'invalid_grant');
    // RFC 6749 4.1.2: a replayed code may have leaked, so what it gave is withdrawn too.
    expect(await introspect(token)).toEqual({ active: false });
    // ... and refuses it at once after the replay revoked it.
    const read = await psd2('GET', `${BASE}/${consent.id}`, { token });
    expect(read.statusCode).toBe(401);
    expect(read.json().tppMessages[0].code).toBe('TOKEN_INVALID');
    // The consent stays valid; the TPP's client-credentials token still reads it.
    expect(await statuses(consent)).toEqual({ consentStatus: 'valid', scaStatus: 'finalised' });
  });

  it('refuses a code older than five minutes, and the consent stays as it was', async () => {
    const consent = await consentAwaitingRedirect();
    const { code } = await psuAuthenticates(fill(consent.template));
    try {
      offsetMs = 301_000;
      expectTokenError(await redeem(code as string, consent), 400, 'invalid_grant');
    } finally {
      offsetMs = 0;
    }
    expect((await statuses(consent)).consentStatus).toBe('received');
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

  it("refuses another client's code, a wrong redirect URI and an unknown code", async () => {
    const consent = await consentAwaitingRedirect();
    const { code } = await psuAuthenticates(fill(consent.template));
    expectTokenError(await redeem(code as string, consent, { as: otherTpp }), 400, 'invalid_grant');
    expectTokenError(
      await redeem(code as string, consent, { fields: { redirect_uri: `${TPP_REDIRECT}/other` } }),
      400,
      'invalid_grant',
    );
    expectTokenError(await redeem('no-such-code', consent), 400, 'invalid_grant');
    expect((await statuses(consent)).consentStatus).toBe('received');
    expect((await redeem(code as string, consent)).statusCode).toBe(200);
  });

  it('checks PKCE when the TPP used it', async () => {
    const consent = await consentAwaitingRedirect();
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const link = altered(fill(consent.template), {
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const { code } = await psuAuthenticates(link);
    expectTokenError(await redeem(code as string, consent), 400, 'invalid_grant');
    const wrong = randomBytes(32).toString('base64url');
    expectTokenError(
      await redeem(code as string, consent, { fields: { code_verifier: wrong } }),
      400,
      'invalid_grant',
    );
    expect((await statuses(consent)).consentStatus).toBe('received');
    const right = await redeem(code as string, consent, { fields: { code_verifier: verifier } });
    expect(right.statusCode, right.body).toBe(200);
  });

  it('gives no token for a consent the TPP deleted before redeeming, and the consent stays ended', async () => {
    const consent = await consentAwaitingRedirect();
    const { code } = await psuAuthenticates(fill(consent.template));
    expect((await psd2('DELETE', `${BASE}/${consent.id}`)).statusCode).toBe(204);
    expectTokenError(
      await redeem(code as string, consent),
      400,
      'invalid_grant',
      /terminatedByTpp/,
    );
    expect(await statuses(consent)).toEqual({
      consentStatus: 'terminatedByTpp',
      scaStatus: 'failed',
    });
    expectTokenError(await redeem(code as string, consent), 400, 'invalid_grant');
  });

  describe('when the bank fails at the code exchange', () => {
    afterEach(async () => {
      await t.admin('DELETE', `/banks/${BANK}/faults`);
    });

    it('answers temporarily_unavailable, the SCA ends failed, and the code is used up', async () => {
      const consent = await consentAwaitingRedirect();
      const { code } = await psuAuthenticates(fill(consent.template));
      expect((await t.admin('PUT', `/banks/${BANK}/faults`, { error503Rate: 1 })).status).toBe(200);
      const response = await redeem(code as string, consent);
      expectTokenError(response, 503, 'temporarily_unavailable', /bank/);
      expect(response.body).not.toMatch(/\n\s+at /);
      expect((await statuses(consent)).scaStatus).toBe('failed');
      // A retry is refused, not a second exchange at the bank.
      await t.admin('DELETE', `/banks/${BANK}/faults`);
      expectTokenError(await redeem(code as string, consent), 400, 'invalid_grant');
      expect((await statuses(consent)).scaStatus).toBe('failed');
    });
  });

  describe('when the database fails while the consent is finalised', () => {
    it('answers server_error without details, logs why, and uses up the code', async () => {
      const consent = await consentAwaitingRedirect();
      const { code } = await psuAuthenticates(fill(consent.template));
      // A real failure of the real database, not a stand-in: the consents are out of reach.
      await sql`ALTER TABLE consents RENAME TO consents_out_of_reach`.execute(t.store.db);
      let response: Awaited<ReturnType<typeof redeem>>;
      try {
        response = await redeem(code as string, consent);
      } finally {
        await sql`ALTER TABLE consents_out_of_reach RENAME TO consents`.execute(t.store.db);
      }
      expectTokenError(response, 500, 'server_error', /could not finalise the consent/);
      expect(response.body).not.toMatch(/no such table|does not exist|consents_out|\n\s+at /);
      const logged = logLines
        .map((line) => JSON.parse(line) as { msg?: string; consentId?: string })
        .filter((line) => line.msg === 'finishing the redirect SCA failed');
      expect(logged.map((line) => line.consentId)).toContain(consent.id);
      expectTokenError(await redeem(code as string, consent), 400, 'invalid_grant');
    });
  });
});
