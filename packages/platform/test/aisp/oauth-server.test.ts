/**
 * The AISP API's OAuth server at /oauth, over HTTP against the sandbox banks: what
 * /oauth/authorize accepts and refuses (and how: an error page when the app cannot be trusted
 * with the answer, a redirect with its state otherwise), the token endpoint (client
 * authentication, codes, PKCE, refresh) and revocation, which ends the consent at the bank.
 * The hosted consent page's own steps are in consent-page.test.ts, the API in api.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnectors, SANDBOX_CREDENTIALS } from '../../src/connectors/index.js';
import { createLogger } from '../../src/logging/logger.js';
import { Browser, queryOf } from '../auth/redirect-sca-browser.js';
import { startTestPlatform, TEST_AUTH_URL, type TestPlatform } from '../support/test-platform.js';
import { basicAuth, form, requestToken } from '../support/token-requests.js';
import {
  ALL_SCOPES,
  APP_REDIRECT,
  type App,
  aisp,
  authorizeUrl,
  connectByRedirect,
  consentIdBehind,
  exchangeCode,
  expectAispError,
  expectOAuthError,
  pkce,
  tokenRequest,
} from './support.js';

let t: TestPlatform;
let app: App;
/** Moves the platform's clock (the sandbox bank keeps real time). */
let offsetMs = 0;

beforeAll(async () => {
  t = await startTestPlatform({ sandbox: true, now: () => new Date(Date.now() + offsetMs) });
  app = t.client;
});
afterAll(async () => {
  await t?.close();
});

/** Where /oauth/authorize sends the browser first (no redirect followed). */
async function authorize(url: string) {
  return new Browser(t.auth, TEST_AUTH_URL).open(url);
}

/** The consent behind an access token, as the store has it. */
async function consentOf(accessToken: string) {
  return t.store.db
    .selectFrom('consents')
    .selectAll()
    .where('id', '=', await consentIdBehind(t, accessToken))
    .executeTakeFirstOrThrow();
}

/** The consent ended by the app (as a revocation ends it), here and at the bank. */
async function expectEnded(consent: { id: string; bank_consent_id: string | null }) {
  const after = await t.store.db
    .selectFrom('consents')
    .select('status')
    .where('id', '=', consent.id)
    .executeTakeFirstOrThrow();
  expect(after.status).toBe('terminatedByTpp');
  expect(await statusAtBank('NDEASESS', consent.bank_consent_id as string)).toBe('terminatedByTpp');
}

/** What the bank itself says of a consent, asked with Bankbridge's own credentials there. */
async function statusAtBank(bic: string, bankConsentId: string): Promise<string> {
  const connectors = createConnectors(t.platform.registry, { credentials: SANDBOX_CREDENTIALS });
  return connectors(bic).getConsentStatus(
    { requestId: randomUUID(), bic, logger: createLogger({ level: 'silent' }) },
    bankConsentId,
  );
}

describe('GET /oauth/authorize', () => {
  it('sends the browser to the hosted consent page', async () => {
    const page = await authorize(authorizeUrl(app));
    expect(page.status).toBe(303);
    expect(page.location).toMatch(new RegExp(`^${TEST_AUTH_URL}/oauth/consent/[A-Za-z0-9_-]+$`));
  });

  it('shows an error page, never a redirect, for a redirect URI not registered exactly', async () => {
    for (const redirectUri of [
      'https://tpp.example/callback/',
      'https://tpp.example/callback?x=1',
      'https://evil.example/callback',
      'http://tpp.example/callback',
    ]) {
      const page = await authorize(authorizeUrl(app, { redirectUri }));
      expect(page.status, redirectUri).toBe(400);
      expect(page.location).toBeUndefined();
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.body).toContain('redirect_uri');
    }
  });

  it('shows an error page for an unknown client, and for a request without a redirect URI', async () => {
    const unknown = await authorize(authorizeUrl({ id: randomUUID() }));
    expect(unknown.status).toBe(400);
    expect(unknown.location).toBeUndefined();
    expect(unknown.body).toContain('invalid_client');

    const url = new URL(authorizeUrl(app));
    url.searchParams.delete('redirect_uri');
    const missing = await authorize(url.href);
    expect(missing.status).toBe(400);
    expect(missing.location).toBeUndefined();
  });

  it('sends a bad scope back to the app with its state', async () => {
    for (const scope of ['accounts cards', 'accountinformation private', '']) {
      const page = await authorize(authorizeUrl(app, { scope, state: 'st-1' }));
      expect(page.status, scope).toBe(303);
      const query = queryOf(page.location as string);
      expect(query.error, scope).toBe('invalid_scope');
      expect(query.state).toBe('st-1');
      expect(query).not.toHaveProperty('code');
    }
  });

  it('refuses the AISP scopes to a client not registered for account information', async () => {
    const { client, secret } = await t.platform.clients.create({
      name: 'Info only',
      redirectUris: [APP_REDIRECT],
      scopes: ['aspspinformation'],
    });
    const page = await authorize(authorizeUrl({ id: client.id, secret }));
    expect(queryOf(page.location as string).error).toBe('invalid_scope');
  });

  it('refuses a malformed validity_days with the app state', async () => {
    const page = await authorize(authorizeUrl(app, { extra: { validity_days: 'forever' } }));
    const query = queryOf(page.location as string);
    expect(query.error).toBe('invalid_request');
    expect(query.error_description).toMatch(/validity_days/);
  });

  it('requires PKCE S256 of a public client', async () => {
    const spa = await t.platform.clients.createPublic({
      name: 'Budget SPA',
      redirectUris: [APP_REDIRECT],
    });
    const without = await authorize(authorizeUrl({ id: spa.id }));
    const query = queryOf(without.location as string);
    expect(query.error).toBe('invalid_request');
    expect(query.error_description).toMatch(/PKCE/);

    const plain = await authorize(
      authorizeUrl(
        { id: spa.id },
        { extra: { code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' } },
      ),
    );
    expect(queryOf(plain.location as string).error).toBe('invalid_request');

    const withPkce = await authorize(authorizeUrl({ id: spa.id }, { pkce: pkce() }));
    expect(withPkce.location).toMatch(/\/oauth\/consent\//);
  });

  it('does not serve the other server: /connect stays as it was', async () => {
    const page = await authorize(
      `${TEST_AUTH_URL}/connect/authorize?${new URLSearchParams({
        response_type: 'code',
        client_id: app.id,
        redirect_uri: APP_REDIRECT,
        scope: ALL_SCOPES,
        state: 's',
      })}`,
    );
    // /connect knows no AISP scopes and wants acr_values: its own refusal.
    expect(queryOf(page.location as string).error).toMatch(/invalid_(scope|request)/);
  });
});

describe('POST /oauth/token', () => {
  it('exchanges a code for an access token and a refresh token, with HTTP Basic or in the body', async () => {
    for (const auth of ['basic', 'body'] as const) {
      const back = await connectByRedirect(t, app, { state: `s-${auth}` });
      expect(back.state).toBe(`s-${auth}`);
      expect(back.iss).toBe(TEST_AUTH_URL);
      const tokens = await exchangeCode(t, back.code as string, { auth });
      expect(tokens).toEqual({
        access_token: expect.any(String),
        refresh_token: expect.any(String),
        expires_in: 3600,
        token_type: 'Bearer',
        scope: ALL_SCOPES,
      });
      expect((await aisp(t, '/accounts', { token: tokens.access_token })).statusCode).toBe(200);
    }
  });

  it('refuses a client that does not authenticate', async () => {
    const back = await connectByRedirect(t, app);
    const fields = {
      grant_type: 'authorization_code',
      code: back.code,
      redirect_uri: APP_REDIRECT,
    };
    const wrong = await tokenRequest(t, fields, { app: { id: app.id, secret: 'bbs_wrong' } });
    expectOAuthError(wrong, 401, 'invalid_client');
    const unknown = await tokenRequest(t, fields, { app: { id: randomUUID(), secret: 'x' } });
    expectOAuthError(unknown, 401, 'invalid_client');
    const none = await tokenRequest(t, fields, { auth: 'none' });
    expectOAuthError(none, 401, 'invalid_client');
    // None of this used the code up.
    expect((await exchangeCode(t, back.code as string)).access_token).toBeTruthy();
  });

  it('answers its errors in JSON even to a client that asks for HTML', async () => {
    const response = await tokenRequest(
      t,
      { grant_type: 'authorization_code', code: 'not-a-code', redirect_uri: APP_REDIRECT },
      { headers: { accept: 'text/html' } },
    );
    expectOAuthError(response, 400, 'invalid_grant');
  });

  it('says what to check when the app fails to authenticate', async () => {
    const back = await connectByRedirect(t, app);
    const fields = {
      grant_type: 'authorization_code',
      code: back.code,
      redirect_uri: APP_REDIRECT,
    };
    const wrong = await tokenRequest(t, fields, { app: { id: app.id, secret: `${app.secret}x` } });
    expectOAuthError(
      wrong,
      401,
      'invalid_client',
      /^client authentication failed: check client_id and client_secret \(a rotated secret replaces the old one at once\)/,
    );
  });

  it('says why a code is refused, the same for an unknown, used or another app’s code', async () => {
    const unusable =
      /^the authorization code is unknown, expired, already used or issued to another client_id: .*start a new authorization/;
    const bad = await tokenRequest(t, {
      grant_type: 'authorization_code',
      code: 'not-a-code',
      redirect_uri: APP_REDIRECT,
    });
    expectOAuthError(bad, 400, 'invalid_grant', unusable);

    const back = await connectByRedirect(t, app);
    const mismatched = await tokenRequest(t, {
      grant_type: 'authorization_code',
      code: back.code,
      redirect_uri: 'https://tpp.example/other',
    });
    expectOAuthError(
      mismatched,
      400,
      'invalid_grant',
      /redirect_uri must be the one the authorization request used/,
    );

    const other = await t.platform.clients.create({
      name: 'Yet another app',
      redirectUris: [APP_REDIRECT],
    });
    const stolen = await tokenRequest(
      t,
      { grant_type: 'authorization_code', code: back.code, redirect_uri: APP_REDIRECT },
      { app: { id: other.client.id, secret: other.secret } },
    );
    expectOAuthError(stolen, 400, 'invalid_grant', unusable);

    const challenged = await connectByRedirect(t, app, { pkce: pkce() });
    const wrongVerifier = await tokenRequest(t, {
      grant_type: 'authorization_code',
      code: challenged.code,
      redirect_uri: APP_REDIRECT,
      code_verifier: pkce().verifier,
    });
    expectOAuthError(wrongVerifier, 400, 'invalid_grant', /code_verifier/);

    expect((await exchangeCode(t, back.code as string)).access_token).toBeTruthy();
    const replay = await tokenRequest(t, {
      grant_type: 'authorization_code',
      code: back.code,
      redirect_uri: APP_REDIRECT,
    });
    expectOAuthError(replay, 400, 'invalid_grant', unusable);
  });

  it('refuses a bad code, another client’s, and a mismatched redirect URI', async () => {
    const bad = await tokenRequest(t, {
      grant_type: 'authorization_code',
      code: 'not-a-code',
      redirect_uri: APP_REDIRECT,
    });
    expectOAuthError(bad, 400, 'invalid_grant');

    const back = await connectByRedirect(t, app);
    const mismatched = await tokenRequest(t, {
      grant_type: 'authorization_code',
      code: back.code,
      redirect_uri: 'https://tpp.example/other',
    });
    expectOAuthError(mismatched, 400, 'invalid_grant');

    const { client, secret } = await t.platform.clients.create({
      name: 'Another app',
      redirectUris: [APP_REDIRECT],
    });
    const stolen = await tokenRequest(
      t,
      { grant_type: 'authorization_code', code: back.code, redirect_uri: APP_REDIRECT },
      { app: { id: client.id, secret } },
    );
    expectOAuthError(stolen, 400, 'invalid_grant');

    // Refused before the code is looked at as used: the app that owns it can still redeem it.
    expect((await exchangeCode(t, back.code as string)).access_token).toBeTruthy();
  });

  it('refuses a code used twice, revokes the tokens of the first use, and ends the consent at the bank', async () => {
    const back = await connectByRedirect(t, app);
    const first = await exchangeCode(t, back.code as string);
    const consent = await consentOf(first.access_token);
    expect(consent.status).toBe('valid');
    const replay = await tokenRequest(t, {
      grant_type: 'authorization_code',
      code: back.code,
      redirect_uri: APP_REDIRECT,
    });
    expectOAuthError(replay, 400, 'invalid_grant');
    const refused = await aisp(t, '/accounts', { token: first.access_token });
    expectAispError(refused, 401, 'invalid_token');
    // No token is left that could reach the consent, and the code may have leaked.
    await expectEnded(consent);
  });

  it('checks the PKCE verifier, and lets a public client in with it and no secret', async () => {
    const challenge = pkce();
    const back = await connectByRedirect(t, app, { pkce: challenge });
    const wrong = await tokenRequest(t, {
      grant_type: 'authorization_code',
      code: back.code,
      redirect_uri: APP_REDIRECT,
      code_verifier: pkce().verifier,
    });
    expectOAuthError(wrong, 400, 'invalid_grant');

    const spa = await t.platform.clients.createPublic({
      name: 'Phone app',
      redirectUris: [APP_REDIRECT],
    });
    const spaPkce = pkce();
    const spaBack = await connectByRedirect(t, { id: spa.id }, { pkce: spaPkce });
    const tokens = await exchangeCode(t, spaBack.code as string, {
      app: { id: spa.id },
      auth: 'none',
      verifier: spaPkce.verifier,
    });
    expect(tokens.refresh_token).toBeTruthy();
    expect((await aisp(t, '/accounts', { token: tokens.access_token })).statusCode).toBe(200);
  });

  it('lets a public client call the token endpoint from its own origin in a browser, no one else', async () => {
    const spa = await t.platform.clients.createPublic({
      name: 'Browser app',
      redirectUris: ['https://spa.example/callback'],
    });
    const call = (origin: string, clientId: string) =>
      t.auth.inject({
        method: 'POST',
        url: '/oauth/token',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
        payload: form({
          grant_type: 'refresh_token',
          refresh_token: 'unknown',
          client_id: clientId,
        }),
      });
    const own = await call('https://spa.example', spa.id);
    expect(own.headers['access-control-allow-origin']).toBe('https://spa.example');
    const foreign = await call('https://evil.example', spa.id);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    // A confidential client's secret stays on its server: no browser origin is let in.
    const confidential = await call('https://tpp.example', app.id);
    expect(confidential.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('does not take its codes at /connect/token', async () => {
    const back = await connectByRedirect(t, app);
    const response = await requestToken(t.auth, {
      headers: { authorization: basicAuth(app.id, app.secret as string) },
      fields: { grant_type: 'authorization_code', code: back.code, redirect_uri: APP_REDIRECT },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toBe('invalid_grant');
    // ... and the code still works where it belongs.
    expect((await exchangeCode(t, back.code as string)).access_token).toBeTruthy();
  });

  it('renews tokens with the refresh token, once per refresh token; a replay ends the consent', async () => {
    const tokens = await exchangeCode(t, (await connectByRedirect(t, app)).code as string);
    const consent = await consentOf(tokens.access_token);
    const refreshed = await tokenRequest(t, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
    });
    expect(refreshed.statusCode, refreshed.body).toBe(200);
    const renewed = refreshed.json();
    expect(renewed).toEqual({
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      expires_in: 3600,
      token_type: 'Bearer',
      scope: ALL_SCOPES,
    });
    expect(renewed.refresh_token).not.toBe(tokens.refresh_token);
    expect((await aisp(t, '/accounts', { token: renewed.access_token })).statusCode).toBe(200);

    // A refresh token works once; its replay revokes the grant, as a stolen one would.
    const replay = await tokenRequest(t, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
    });
    expectOAuthError(replay, 400, 'invalid_grant');
    expectAispError(
      await aisp(t, '/accounts', { token: renewed.access_token }),
      401,
      'invalid_token',
    );
    await expectEnded(consent);
  });

  it('refreshes an expired access token, and refuses a refresh once the consent has ended', async () => {
    const tokens = await exchangeCode(t, (await connectByRedirect(t, app)).code as string);
    offsetMs = 3601_000;
    try {
      const expired = await aisp(t, '/accounts', { token: tokens.access_token });
      expectAispError(expired, 401, 'invalid_token', /expired/);
      expect(expired.headers['www-authenticate']).toMatch(/^Bearer .*error="invalid_token"/);
      const refreshed = await tokenRequest(t, {
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token,
      });
      expect(refreshed.statusCode, refreshed.body).toBe(200);
      const renewed = refreshed.json();
      expect((await aisp(t, '/accounts', { token: renewed.access_token })).statusCode).toBe(200);

      // The user withdraws the access at the bank: the next read learns it, then no refresh.
      const revoked = await t.admin('POST', `/banks/NDEASESS/psus/198301014882/revoke-consents`);
      expect(revoked.status).toBe(200);
      const refused = await aisp(t, '/accounts', { token: renewed.access_token });
      expectAispError(refused, 401, 'invalid_token', /revokedByPsu.*oauth\/authorize/);
      const noRefresh = await tokenRequest(t, {
        grant_type: 'refresh_token',
        refresh_token: renewed.refresh_token,
      });
      expectOAuthError(noRefresh, 400, 'invalid_grant', /revokedByPsu/);
    } finally {
      offsetMs = 0;
    }
  });
});

describe('POST /oauth/revoke', () => {
  for (const which of ['refresh_token', 'access_token'] as const) {
    it(`revokes with the ${which.replace('_', ' ')}: every token of the grant, and the consent at the bank`, async () => {
      const tokens = await exchangeCode(t, (await connectByRedirect(t, app)).code as string);
      const consent = await consentOf(tokens.access_token);
      expect(consent.status).toBe('valid');

      const response = await t.auth.inject({
        method: 'POST',
        url: '/oauth/revoke',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: basicAuth(app.id, app.secret as string),
        },
        payload: form({ token: tokens[which], token_type_hint: which }),
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.body).toBe('');

      await expectEnded(consent);
      expectAispError(
        await aisp(t, '/accounts', { token: tokens.access_token }),
        401,
        'invalid_token',
      );
      const refresh = await tokenRequest(t, {
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token,
      });
      expectOAuthError(refresh, 400, 'invalid_grant');
    });
  }

  it('leaves another client’s token alone', async () => {
    const tokens = await exchangeCode(t, (await connectByRedirect(t, app)).code as string);
    const { client, secret } = await t.platform.clients.create({
      name: 'Nosy app',
      redirectUris: [APP_REDIRECT],
    });
    const response = await t.auth.inject({
      method: 'POST',
      url: '/oauth/revoke',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: basicAuth(client.id, secret),
      },
      payload: form({ token: tokens.refresh_token }),
    });
    // As for a token that does not exist (RFC 7009 2.2): the app learns nothing of it.
    expect(response.statusCode, response.body).toBe(200);
    expect(response.body).toBe('');
    expect((await aisp(t, '/accounts', { token: tokens.access_token })).statusCode).toBe(200);
    const consent = await consentOf(tokens.access_token);
    expect(consent.status).toBe('valid');
  });

  it('answers 405 for other methods and 404 elsewhere under /oauth, as JSON', async () => {
    const get = await t.auth.inject({ method: 'GET', url: '/oauth/token' });
    expect(get.statusCode).toBe(405);
    expect(get.headers.allow).toBe('POST');
    expect(get.json().error).toBe('invalid_request');
    const nowhere = await t.auth.inject({ method: 'GET', url: '/oauth/nowhere' });
    expect(nowhere.statusCode).toBe(404);
  });
});
