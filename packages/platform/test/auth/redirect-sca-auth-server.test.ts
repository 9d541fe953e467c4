import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AccessTokenVerifier } from '../../src/auth/access-tokens.js';
import { oauthRoutes } from '../../src/auth/auth-routes.js';
import { OAuthError } from '../../src/auth/oauth-error.js';
import { createOidcProvider } from '../../src/auth/oidc-provider.js';
import type { RedirectScaService, ScaCallContext } from '../../src/auth/redirect-sca.js';
import { loadSigningKeys } from '../../src/auth/signing-keys.js';
import { createHttpServer } from '../../src/http/create-server.js';
import { createLogger } from '../../src/logging/logger.js';
import { SealedBox } from '../../src/security/sealed-box.js';
import { ClientsRepository } from '../../src/store/clients.js';
import { SettingsRepository } from '../../src/store/settings.js';
import { createTestStore, type TestStore } from '../support/test-store.js';
import { basicAuth, form } from '../support/token-requests.js';
import { Browser, queryOf } from './redirect-sca-browser.js';

/**
 * The auth server's side of the redirect SCA against a scripted consent service: how
 * oidc-provider, the interaction, the bank callback and the token endpoint fit together, with
 * the bank and the consent rules out of the picture. The same flow against real consents and
 * sandbox banks is in redirect-sca.test.ts.
 */
const AUTH = 'http://auth.bankbridge.test';
const BANK = 'https://bank.example/authorize';
const TPP_REDIRECT = 'https://tpp.example/callback';

interface Call {
  method: string;
  ctx: ScaCallContext;
  input: Record<string, unknown>;
}

class ScriptedService implements RedirectScaService {
  calls: Call[] = [];
  refuseStart: OAuthError | undefined;
  refuseFinish: OAuthError | Error | undefined;

  async beginRedirect(
    ctx: ScaCallContext,
    input: Parameters<RedirectScaService['beginRedirect']>[1],
  ) {
    this.calls.push({ method: 'beginRedirect', ctx, input });
    if (this.refuseStart) throw this.refuseStart;
    const url = new URL(BANK);
    url.searchParams.set('redirect_uri', input.bankRedirectUri);
    url.searchParams.set('state', input.state);
    return url.href;
  }

  async bankReturned(
    ctx: ScaCallContext,
    input: Parameters<RedirectScaService['bankReturned']>[1],
  ) {
    this.calls.push({ method: 'bankReturned', ctx, input });
    if (input.callback.error) {
      return {
        ok: false as const,
        error: 'access_denied',
        description: 'the PSU declined at the bank',
      };
    }
    return { ok: true as const };
  }

  async finishRedirect(
    ctx: ScaCallContext,
    input: Parameters<RedirectScaService['finishRedirect']>[1],
  ) {
    this.calls.push({ method: 'finishRedirect', ctx, input });
    if (this.refuseFinish) throw this.refuseFinish;
  }

  called(method: string): Call[] {
    return this.calls.filter((c) => c.method === method);
  }
}

let store: TestStore;
let auth: FastifyInstance;
let client: { id: string; secret: string };
let other: { id: string; secret: string };
const service = new ScriptedService();
const logLines: string[] = [];

beforeAll(async () => {
  store = await createTestStore();
  const clients = new ClientsRepository(store.db);
  const logger = createLogger({
    level: 'info',
    destination: { write: (line: string) => void logLines.push(line) },
  });
  const provider = createOidcProvider({
    issuer: AUTH,
    db: store.db,
    clients,
    signingKeys: await loadSigningKeys(
      new SettingsRepository(store.db),
      new SealedBox(randomBytes(32)),
    ),
    cookieKeys: [randomBytes(32).toString('base64url')],
    bankStateKey: randomBytes(32),
    logger,
    redirectSca: service,
  });
  auth = createHttpServer({ logger, name: 'auth' });
  await auth.register(oauthRoutes, { provider });
  await auth.ready();
  const created = await clients.create({ name: 'TPP', redirectUris: [TPP_REDIRECT] });
  client = { id: created.client.id, secret: created.secret };
  const second = await clients.create({ name: 'Other TPP', redirectUris: [TPP_REDIRECT] });
  other = { id: second.client.id, secret: second.secret };
});
afterAll(async () => {
  await auth?.close();
  await store?.destroy();
});
beforeEach(() => {
  service.calls = [];
  service.refuseStart = undefined;
  service.refuseFinish = undefined;
});

/** The scaOAuth link of issue 4 with its placeholders filled, as a TPP sends the browser. */
function scaOAuthLink(
  fill: {
    clientId?: string;
    redirectUri?: string;
    state?: string;
    scope?: string;
    acr?: string | null;
    extra?: Record<string, string>;
  } = {},
): string {
  const acr =
    fill.acr === undefined ? 'idp:ESSESESS consentId:c-1 consentAuthorisationId:a-1' : fill.acr;
  const template = `${AUTH}/connect/authorize?client_id=[CLIENT_ID]&scope=${encodeURIComponent(fill.scope ?? 'accountinformation private').replace(/%20/g, '%20')}&response_type=code&redirect_uri=[TPP_REDIRECT_URI]&state=[TPP_STATE]${acr === null ? '' : `&acr_values=${acr.replace(/ /g, '%20')}`}`;
  const link = template
    .replace('[CLIENT_ID]', encodeURIComponent(fill.clientId ?? client.id))
    .replace('[TPP_REDIRECT_URI]', encodeURIComponent(fill.redirectUri ?? TPP_REDIRECT))
    .replace('[TPP_STATE]', encodeURIComponent(fill.state ?? 'tpp-state-1'));
  const extra = new URLSearchParams(fill.extra ?? {}).toString();
  return extra ? `${link}&${extra}` : link;
}

/** Browser: TPP link -> interaction -> bank; the bank's URL, with Bankbridge's state on it. */
async function toBank(browser: Browser, link: string): Promise<URL> {
  const { page } = await browser.follow(link, BANK);
  expect(page.url.startsWith(BANK), page.body).toBe(true);
  return new URL(page.url);
}

/** Browser: the bank's redirect to the callback -> ... -> the TPP's redirect URI. */
async function backFromBank(
  browser: Browser,
  bankUrl: URL,
  answer: Record<string, string> = { code: 'bank-code-1' },
) {
  const callback = new URL(bankUrl.searchParams.get('redirect_uri') as string);
  for (const [name, value] of Object.entries(answer)) callback.searchParams.set(name, value);
  callback.searchParams.set('state', bankUrl.searchParams.get('state') as string);
  const { page, visited } = await browser.follow(callback.href, TPP_REDIRECT);
  expect(page.url.startsWith(TPP_REDIRECT), `${page.status} ${page.body}`).toBe(true);
  return { query: queryOf(page.url), visited };
}

async function codeFor(link = scaOAuthLink(), browser = new Browser(auth, AUTH)) {
  const { query } = await backFromBank(browser, await toBank(browser, link));
  expect(query.code, JSON.stringify(query)).toBeTruthy();
  return query.code as string;
}

function redeem(
  code: string,
  options: {
    headers?: Record<string, string>;
    fields?: Record<string, string | undefined>;
    credentials?: 'post' | 'basic';
    as?: { id: string; secret: string };
  } = {},
) {
  const who = options.as ?? client;
  const basic = options.credentials === 'basic';
  return auth.inject({
    method: 'POST',
    url: '/connect/token',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(basic ? { authorization: basicAuth(who.id, who.secret) } : {}),
      ...(options.headers ?? { 'x-consentid': 'c-1', 'x-consentauthorisationid': 'a-1' }),
    },
    payload: form({
      ...(basic ? {} : { client_id: who.id, client_secret: who.secret }),
      grant_type: 'authorization_code',
      code,
      redirect_uri: TPP_REDIRECT,
      ...options.fields,
    }),
  });
}

type Injected = Awaited<ReturnType<typeof redeem>>;

function expectTokenError(response: Injected, status: number, error: string, description?: RegExp) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.headers['cache-control']).toBe('no-store');
  expect(response.json().error).toBe(error);
  if (description) expect(response.json().error_description).toMatch(description);
  expect(response.json()).not.toHaveProperty('access_token');
}

describe('the redirect SCA in the browser', () => {
  it('goes TPP -> interaction -> bank -> callback -> TPP with a code and the TPP state', async () => {
    const browser = new Browser(auth, AUTH);
    const bankUrl = await toBank(browser, scaOAuthLink());
    const [begin] = service.called('beginRedirect');
    expect(begin?.input).toEqual({
      clientId: client.id,
      bic: 'ESSESESS',
      consentId: 'c-1',
      authorisationId: 'a-1',
      bankRedirectUri: `${AUTH}/connect/bank-callback`,
      state: bankUrl.searchParams.get('state'),
    });
    expect(begin?.ctx.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(bankUrl.searchParams.get('state')).not.toContain('c-1');

    const { query, visited } = await backFromBank(browser, bankUrl);
    expect(visited.some((u) => /\/connect\/interaction\/[^/]+\/bank-return\?/.test(u))).toBe(true);
    expect(Object.keys(query).sort()).toEqual(['code', 'iss', 'scope', 'state']);
    expect(query.state).toBe('tpp-state-1');
    expect(query.scope).toBe('accountinformation private');
    expect(query.iss).toBe(AUTH);
    expect(service.called('bankReturned')[0]?.input).toMatchObject({
      consentId: 'c-1',
      authorisationId: 'a-1',
      bankRedirectUri: `${AUTH}/connect/bank-callback`,
      callback: { code: 'bank-code-1', state: bankUrl.searchParams.get('state') },
    });
    expect(service.called('finishRedirect')).toHaveLength(0);
  });

  it('sends a second SCA in the same browser to the bank again, for its own consent', async () => {
    const browser = new Browser(auth, AUTH);
    await codeFor(scaOAuthLink(), browser);
    const second = scaOAuthLink({ acr: 'idp:ESSESESS consentId:c-2 consentAuthorisationId:a-2' });
    const code = await codeFor(second, browser);
    expect(service.called('beginRedirect')).toHaveLength(2);
    const response = await redeem(code, {
      headers: { 'x-consentid': 'c-2', 'x-consentauthorisationid': 'a-2' },
    });
    expect(response.statusCode, response.body).toBe(200);
  });

  it('answers a wrong redirect URI with an error page, never a redirect', async () => {
    for (const redirectUri of [
      'https://evil.example/callback',
      `${TPP_REDIRECT}/`,
      `${TPP_REDIRECT}?x=1`,
      'https://TPP.example/callback',
    ]) {
      const page = await new Browser(auth, AUTH).open(scaOAuthLink({ redirectUri }));
      expect(page.status, redirectUri).toBe(400);
      expect(page.location).toBeUndefined();
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.body).toContain('redirect_uri');
      expect(page.body).not.toContain('evil.example');
    }
    expect(service.calls).toHaveLength(0);
  });

  it('answers a missing redirect URI and an unknown client with an error page', async () => {
    const link = scaOAuthLink().replace(/&redirect_uri=[^&]*/, '');
    const missing = await new Browser(auth, AUTH).open(link);
    expect(missing.status).toBe(400);
    expect(missing.location).toBeUndefined();
    const unknown = await new Browser(auth, AUTH).open(scaOAuthLink({ clientId: 'nobody' }));
    expect(unknown.status).toBe(400);
    expect(unknown.location).toBeUndefined();
  });

  it.each([
    ['missing', null, /acr_values must be/],
    [
      'without the authorisation',
      'idp:ESSESESS consentId:c-1',
      /consentAuthorisationId is missing/,
    ],
    [
      'with placeholders left',
      'idp:{BIC} consentId:{id} consentAuthorisationId:{aid}',
      /malformed/,
    ],
  ])(
    'sends acr_values %s back to the TPP as invalid_request with its state',
    async (_, acr, problem) => {
      const { page } = await new Browser(auth, AUTH).follow(scaOAuthLink({ acr }), TPP_REDIRECT);
      const query = queryOf(page.url);
      expect(query.error).toBe('invalid_request');
      expect(query.error_description).toMatch(problem);
      expect(query.state).toBe('tpp-state-1');
      expect(query).not.toHaveProperty('code');
      expect(service.calls).toHaveLength(0);
    },
  );

  it('sends a scope without account information back to the TPP as invalid_scope', async () => {
    for (const scope of ['aspspinformation private', 'accountinformation private corporate']) {
      const { page } = await new Browser(auth, AUTH).follow(scaOAuthLink({ scope }), TPP_REDIRECT);
      expect(queryOf(page.url)).toMatchObject({ error: 'invalid_scope', state: 'tpp-state-1' });
    }
    expect(service.calls).toHaveLength(0);
  });

  it('refuses openid: the redirect SCA gives no ID token', async () => {
    const { page } = await new Browser(auth, AUTH).follow(
      scaOAuthLink({ scope: 'openid accountinformation private' }),
      TPP_REDIRECT,
    );
    expect(queryOf(page.url)).toMatchObject({ error: 'invalid_scope', state: 'tpp-state-1' });
    expect(service.calls).toHaveLength(0);
  });

  it('hands the TPP the refusal of the consent service, with its state', async () => {
    service.refuseStart = new OAuthError(
      'invalid_request',
      'there is no such consent awaiting SCA',
    );
    const { page } = await new Browser(auth, AUTH).follow(scaOAuthLink(), TPP_REDIRECT);
    expect(queryOf(page.url)).toMatchObject({
      error: 'invalid_request',
      error_description: 'there is no such consent awaiting SCA',
      state: 'tpp-state-1',
    });
  });

  it('sends access_denied with the TPP state when the PSU declines at the bank', async () => {
    const browser = new Browser(auth, AUTH);
    const bankUrl = await toBank(browser, scaOAuthLink());
    const { query } = await backFromBank(browser, bankUrl, { error: 'access_denied' });
    expect(query).toMatchObject({
      error: 'access_denied',
      error_description: 'the PSU declined at the bank',
      state: 'tpp-state-1',
    });
    expect(query).not.toHaveProperty('code');
  });

  it('refuses a callback with a forged or missing state with an error page', async () => {
    const browser = new Browser(auth, AUTH);
    await toBank(browser, scaOAuthLink());
    for (const query of ['code=x&state=v1.AAAA.BBBB.CCCC', 'code=x']) {
      const page = await browser.open(`${AUTH}/connect/bank-callback?${query}`);
      expect(page.status).toBe(400);
      expect(page.location).toBeUndefined();
      expect(page.body).toContain('without a valid reference');
    }
    expect(service.called('bankReturned')).toHaveLength(0);
  });

  it('refuses to complete the SCA in a browser that did not start it', async () => {
    const bankUrl = await toBank(new Browser(auth, AUTH), scaOAuthLink());
    const callback = new URL(`${AUTH}/connect/bank-callback`);
    callback.searchParams.set('code', 'bank-code-1');
    callback.searchParams.set('state', bankUrl.searchParams.get('state') as string);
    const { page } = await new Browser(auth, AUTH).follow(callback.href, TPP_REDIRECT);
    expect(page.status).toBe(400);
    expect(page.body).toContain('another browser');
    expect(service.called('bankReturned')).toHaveLength(0);
  });

  it('does not let a finished interaction be replayed', async () => {
    const browser = new Browser(auth, AUTH);
    const bankUrl = await toBank(browser, scaOAuthLink());
    const { visited } = await backFromBank(browser, bankUrl);
    const bankReturn = visited.find((u) => u.includes('/bank-return?')) as string;
    const again = await browser.open(bankReturn);
    expect(again.status).toBe(400);
    expect(service.called('bankReturned')).toHaveLength(1);
  });
});

describe('redeeming the code at the token endpoint', () => {
  it('gives an access token the API accepts, once the consent service finished the SCA', async () => {
    const code = await codeFor();
    const response = await redeem(code);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const body = response.json();
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'scope', 'token_type']);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect(body.scope).toBe('accountinformation private');
    expect(service.called('finishRedirect').map((c) => c.input)).toEqual([
      { clientId: client.id, consentId: 'c-1', authorisationId: 'a-1' },
    ]);
    const check = await new AccessTokenVerifier(store.db).check(body.access_token);
    expect(check.ok).toBe(true);
    if (check.ok) {
      expect(check.token.clientId).toBe(client.id);
      expect([...check.token.scopes].sort()).toEqual(['accountinformation', 'private']);
    }
  });

  it('takes the client credentials in a Basic header and ignores the scope the guide sends', async () => {
    const code = await codeFor();
    const response = await redeem(code, {
      credentials: 'basic',
      fields: { scope: 'accountinformation private' },
    });
    expect(response.statusCode, response.body).toBe(200);
  });

  it.each([
    ['missing', {}, /X-ConsentId and X-ConsentAuthorisationId are required/],
    ['without the authorisation', { 'x-consentid': 'c-1' }, /are required/],
    [
      'for another consent',
      { 'x-consentid': 'c-2', 'x-consentauthorisationid': 'a-1' },
      /not issued for/,
    ],
    [
      'for another authorisation',
      { 'x-consentid': 'c-1', 'x-consentauthorisationid': 'a-2' },
      /not issued for/,
    ],
  ])('refuses consent headers %s and leaves the code usable', async (_, headers, description) => {
    const code = await codeFor();
    expectTokenError(await redeem(code, { headers }), 400, 'invalid_grant', description);
    expect(service.called('finishRedirect')).toHaveLength(0);
    expect((await redeem(code)).statusCode).toBe(200);
  });

  it('refuses a code replayed after its redemption, and revokes the token it gave', async () => {
    const code = await codeFor();
    const first = await redeem(code);
    expect(first.statusCode).toBe(200);
    const verifier = new AccessTokenVerifier(store.db, { cacheSeconds: 0 });
    expect((await verifier.check(first.json().access_token)).ok).toBe(true);
    expectTokenError(await redeem(code), 400, 'invalid_grant');
    expect(service.called('finishRedirect')).toHaveLength(1);
    // RFC 6749 4.1.2: a replayed code may have leaked, so what it gave is withdrawn too.
    expect(await verifier.check(first.json().access_token)).toEqual({
      ok: false,
      reason: 'unknown',
    });
  });

  it('gives exactly one token when a code is redeemed many times at once', async () => {
    const code = await codeFor();
    const responses = await Promise.all(Array.from({ length: 6 }, () => redeem(code)));
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 400, 400, 400, 400, 400]);
    for (const r of responses.filter((r) => r.statusCode !== 200)) {
      expectTokenError(r, 400, 'invalid_grant');
    }
    expect(service.called('finishRedirect')).toHaveLength(1);
  });

  it("refuses another client's code, a wrong redirect URI and an unknown code", async () => {
    const code = await codeFor();
    expectTokenError(await redeem(code, { as: other }), 400, 'invalid_grant');
    expectTokenError(
      await redeem(code, { fields: { redirect_uri: `${TPP_REDIRECT}/other` } }),
      400,
      'invalid_grant',
    );
    expectTokenError(await redeem('no-such-code'), 400, 'invalid_grant');
    expect((await redeem(code)).statusCode).toBe(200);
  });

  it('checks PKCE when the TPP used it', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const code = await codeFor(
      scaOAuthLink({ extra: { code_challenge: challenge, code_challenge_method: 'S256' } }),
    );
    expectTokenError(await redeem(code), 400, 'invalid_grant');
    expectTokenError(
      await redeem(code, { fields: { code_verifier: randomBytes(32).toString('base64url') } }),
      400,
      'invalid_grant',
    );
    expect((await redeem(code, { fields: { code_verifier: verifier } })).statusCode).toBe(200);
  });

  it("turns the consent service's refusal into the token endpoint's error, and uses up the code", async () => {
    const code = await codeFor();
    service.refuseFinish = new OAuthError(
      'temporarily_unavailable',
      'the bank did not answer; the authorisation failed, start a new one',
      503,
    );
    const response = await redeem(code);
    expectTokenError(response, 503, 'temporarily_unavailable', /the bank did not answer/);
    service.refuseFinish = undefined;
    expectTokenError(await redeem(code), 400, 'invalid_grant');
  });

  it('answers an unexpected failure of the consent service as server_error, without details', async () => {
    const code = await codeFor();
    service.refuseFinish = new Error('connection to the database lost at 10.0.0.7');
    const response = await redeem(code);
    expectTokenError(response, 500, 'server_error', /could not finalise/);
    expect(response.body).not.toContain('10.0.0.7');
    expect(logLines.some((l) => l.includes('finishing the redirect SCA failed'))).toBe(true);
  });
});
