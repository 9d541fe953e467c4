/**
 * Attack suite, the simple AISP API: its OAuth server (`/oauth`) and `/aisp/v1`. What a thief
 * of a code or token, an app posing as another, or a forged link at `/oauth/authorize` gets,
 * each with the exact answer, and that nothing was issued or changed. Codes come from the whole
 * flow through the hosted consent page and the sandbox's Nordea (NDEASESS), over HTTP.
 *
 * Cases the AISP tests already pin down, not repeated here (test/aisp/oauth-server.test.ts):
 * - a code redeemed twice one after the other: invalid_grant, and the first use's token is
 *   refused by /aisp/v1; a refresh token replayed likewise revokes the grant;
 * - a code of client A redeemed by client B, a redirect_uri other than the authorize request's,
 *   an unknown code: invalid_grant, and A can still redeem its code;
 * - a wrong PKCE verifier; a public client without PKCE at /oauth/authorize;
 * - a redirect URI with a trailing slash, a query added, another host, http: an error page;
 * - a refresh after /oauth/revoke, and after the user withdrew the consent at the bank;
 * - a client without a secret, or with a wrong one: invalid_client.
 * And in test/aisp/api.test.ts: no token, a malformed header, an unknown token, a /connect
 * client-credentials token at /aisp/v1 and an AISP token at /psd2's account list; an account
 * of another consent of the same app answered like an unknown one.
 */
import { randomUUID } from 'node:crypto';
import { Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AispResponse,
  APP_REDIRECT,
  type App,
  aisp,
  authorizeUrl,
  connectByRedirect,
  consentIdBehind,
  exchangeCode,
  expectAispError,
  pkce,
  type Tokens,
  tokenRequest,
} from '../aisp/support.js';
import { Browser } from '../auth/redirect-sca-browser.js';
import { TEST_AUTH_URL, type TestPlatform } from '../support/test-platform.js';
import { basicAuth, form } from '../support/token-requests.js';
import { sendOnAgent, storedCount, tokenRequestsAtOnce } from './aisp-helpers.js';
import {
  AIS,
  bankCallsOf,
  CLIENT_AUTHENTICATION_FAILED,
  CONSENTS,
  expectErrorPage,
  expectOAuthRefusal,
  expectOneWinner,
  issuedCode,
  PSU,
  psd2,
  REDIRECT_BANK,
  redeem,
  startRacePlatform,
  storedState,
  testTpp,
} from './helpers.js';

const PSD2_TOKEN_NOT_VALID = `the access token is not valid (revoked, expired or unknown): request a new token at ${TEST_AUTH_URL}/connect/token`;

const refused = (error_description: string) => ({ error: 'invalid_grant', error_description });
/** Unknown, expired, used and another app's alike: nothing to tell a thief, nor racing replays apart. */
const CODE_UNUSABLE = refused(
  'the authorization code is unknown, expired, already used or issued to another client_id: a code is valid for 5 minutes and redeemed once; start a new authorization to get a new code',
);
const REFRESH_UNUSABLE = refused(
  'the refresh token is unknown, expired, revoked, already used or issued to another client_id: each refresh returns a new refresh token to use next time; connect the account again to get new tokens',
);
const VERIFIER_MISSING = refused(
  'code_verifier is required: the authorization request sent a code_challenge (PKCE), so send the verifier it was made from',
);
const VERIFIER_UNEXPECTED = refused(
  'code_verifier does not match the code_challenge of the authorization request (PKCE S256): send the verifier that challenge was made from, or none if the request sent no challenge',
);

let t: TestPlatform;
let app: App;
/** Another app, registered with the same redirect URI. */
let other: App;
/** The auth server's socket, for requests that must really run side by side. */
let authSocket: string;
/** Moves the platform's clock (the sandbox bank keeps real time). */
let offsetMs = 0;

beforeAll(async () => {
  ({ t, authSocket } = await startRacePlatform(() => new Date(Date.now() + offsetMs)));
  app = t.client;
  const { client, secret } = await t.platform.clients.create({
    name: 'Other app',
    redirectUris: [APP_REDIRECT],
  });
  other = { id: client.id, secret };
});
afterAll(async () => {
  await t?.close();
});

/** The code exchange's fields, as the app that asked for the code sends them. */
function codeFields(code: string | undefined, extra: Record<string, string> = {}) {
  return { grant_type: 'authorization_code', code, redirect_uri: APP_REDIRECT, ...extra };
}

/** A fresh consent's tokens for `who`, through the whole flow. */
async function connected(who: App = app, options: { validityDays?: string } = {}) {
  const back = await connectByRedirect(t, who, {
    ...(options.validityDays ? { extra: { validity_days: options.validityDays } } : {}),
  });
  return exchangeCode(t, back.code as string, { app: who });
}

/** A read with the user present, so that the consent's daily budget is not what answers. */
function read(path: string, tokens: Tokens, headers: Record<string, string> = {}) {
  return aisp(t, path, { token: tokens.access_token, headers: { ...PSU, ...headers } });
}

/** How many access and refresh tokens /oauth has stored: a refusal adds none. */
async function issuedTokens() {
  return {
    access: await storedCount(t, 'AispAccessToken'),
    refresh: await storedCount(t, 'AispRefreshToken'),
  };
}

/** The consent behind a token, as the store has it. */
async function consentOf(tokens: Tokens) {
  const id = await consentIdBehind(t, tokens.access_token);
  return t.store.db
    .selectFrom('consents')
    .select('status')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

/** The refusal of a token that is no token of this API: as for an unknown one. */
function expectNoTokenOfThisApi(response: AispResponse): void {
  expectAispError(
    response,
    401,
    'invalid_token',
    /^the access token is not valid \(unknown, revoked, or not a token of this API\): get a new one with the refresh token at \S+\/oauth\/token, or connect the account again$/,
  );
  expect(response.headers['www-authenticate']).toBe(
    `Bearer realm="bankbridge-aisp", error="invalid_token", error_description="the access token is not valid (unknown, revoked, or not a token of this API): get a new one with the refresh token at ${TEST_AUTH_URL}/oauth/token, or connect the account again"`,
  );
  expect(response.headers['cache-control']).toBe('no-store');
}

describe('authorization codes', () => {
  it('gives tokens to exactly one of 10 parallel redemptions of a code, then withdraws them: the code was used more than once', async () => {
    const back = await connectByRedirect(t, app);
    const answers = await tokenRequestsAtOnce(authSocket, app, codeFields(back.code), 10);
    // RFC 6749 4.1.2: a code presented more than once may have leaked. Whichever request got
    // the tokens, they are withdrawn, as after a replay one after the other.
    const tokens = expectOneWinner(answers, CODE_UNUSABLE) as unknown as Tokens;
    expect(tokens.refresh_token).toEqual(expect.any(String));
    expectNoTokenOfThisApi(await read('/accounts', tokens));
    expectOAuthRefusal(
      await tokenRequest(t, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token }),
      400,
      REFRESH_UNUSABLE,
    );
  });

  it('refuses a code older than five minutes, and issues nothing', async () => {
    const back = await connectByRedirect(t, app);
    const before = await storedState(t);
    offsetMs = 301_000;
    try {
      expectOAuthRefusal(await tokenRequest(t, codeFields(back.code)), 400, CODE_UNUSABLE);
    } finally {
      offsetMs = 0;
    }
    expect(await storedState(t)).toEqual(before);
  });

  it('refuses a code issued with a PKCE challenge when the verifier is missing, and the code stays usable', async () => {
    const challenge = pkce();
    const back = await connectByRedirect(t, app, { pkce: challenge });
    const before = await storedState(t);
    expectOAuthRefusal(await tokenRequest(t, codeFields(back.code)), 400, VERIFIER_MISSING);
    expect(await storedState(t)).toEqual(before);
    const tokens = await exchangeCode(t, back.code as string, { verifier: challenge.verifier });
    expect((await read('/accounts', tokens)).statusCode).toBe(200);
  });

  it('refuses a code_verifier for a code issued without PKCE, and the code stays usable', async () => {
    const back = await connectByRedirect(t, app);
    const before = await storedState(t);
    expectOAuthRefusal(
      await tokenRequest(t, codeFields(back.code, { code_verifier: pkce().verifier })),
      400,
      VERIFIER_UNEXPECTED,
    );
    expect(await storedState(t)).toEqual(before);
    expect((await exchangeCode(t, back.code as string)).access_token).toEqual(expect.any(String));
  });

  it('answers client_id in the body that is not the client authenticated by HTTP Basic with invalid_request, and the code stays usable', async () => {
    const back = await connectByRedirect(t, app);
    const before = await storedState(t);
    for (const [authenticated, named] of [
      [app, other],
      [other, app],
    ] as const) {
      const response = await tokenRequest(t, codeFields(back.code, { client_id: named.id }), {
        app: authenticated,
      });
      expectOAuthRefusal(response, 400, {
        error: 'invalid_request',
        error_description: 'client_id mismatch',
      });
    }
    expect(await storedState(t)).toEqual(before);
    expect((await exchangeCode(t, back.code as string)).access_token).toEqual(expect.any(String));
  });
});

describe('redirect URIs at /oauth/authorize', () => {
  let elsewhere: string;

  beforeAll(async () => {
    elsewhere = 'https://other-app.example/callback';
    await t.platform.clients.create({ name: 'Elsewhere app', redirectUris: [elsewhere] });
  });

  // Compared as exact strings (RFC 9700 2.1): a URI a browser would take to the same place
  // (default port written out, another host case, dot segments, percent-encoding) is refused
  // too, since each is a way past a comparison that normalises.
  const alteredUris: [string, () => string][] = [
    ['an extra path segment', () => `${APP_REDIRECT}/extra`],
    ['another port', () => 'https://tpp.example:8443/callback'],
    ['the default port written out', () => 'https://tpp.example:443/callback'],
    ['another case in the host', () => 'https://TPP.example/callback'],
    ['another case in the path', () => 'https://tpp.example/Callback'],
    ['an extra query naming the attacker', () => `${APP_REDIRECT}?next=https://attacker.example`],
    ['a fragment', () => `${APP_REDIRECT}#x`],
    ['dot segments', () => 'https://tpp.example/x/../callback'],
    ['percent-encoding', () => 'https://tpp.example/%63allback'],
    ['user info naming the host', () => 'https://tpp.example@attacker.example/callback'],
    ["another app's registered URI", () => elsewhere],
  ];

  it.each(alteredUris)(
    'answers %s with an error page, no redirect, and stores nothing',
    async (_, uri) => {
      const before = await storedState(t);
      const page = await new Browser(t.auth, TEST_AUTH_URL).open(
        authorizeUrl(app, { redirectUri: uri(), state: 'st-attack' }),
      );
      expectErrorPage(
        page,
        'invalid_redirect_uri',
        "redirect_uri did not match any of the client's registered redirect_uris",
      );
      expect(page.body).not.toContain('attacker.example');
      expect(page.body).not.toContain('st-attack');
      expect(await storedState(t)).toEqual(before);
    },
  );

  it('still sends the user on with the registered URI, exactly as registered', async () => {
    const page = await new Browser(t.auth, TEST_AUTH_URL).open(authorizeUrl(app));
    expect(page.status).toBe(303);
    expect(page.location).toMatch(new RegExp(`^${TEST_AUTH_URL}/oauth/consent/[A-Za-z0-9_-]+$`));
  });
});

describe('grant types', () => {
  it.each([
    'client_credentials',
    'password',
    'implicit',
    'urn:ietf:params:oauth:grant-type:device_code',
    'urn:openid:params:grant-type:ciba',
    'urn:ietf:params:oauth:grant-type:jwt-bearer',
    'urn:ietf:params:oauth:grant-type:token-exchange',
  ])(
    'answers grant type %s, which /oauth does not offer, with unsupported_grant_type and issues nothing',
    async (grantType) => {
      const before = await storedState(t);
      const response = await tokenRequest(t, {
        grant_type: grantType,
        scope: 'accounts balances transactions',
      });
      expectOAuthRefusal(response, 400, {
        error: 'unsupported_grant_type',
        error_description: 'unsupported grant_type requested',
      });
      expect(await storedState(t)).toEqual(before);
    },
  );

  it('does not know a client registered for /connect only (no redirect URIs): invalid_client', async () => {
    const { client, secret } = await t.platform.clients.create({
      name: 'Server-only TPP',
      redirectUris: [],
    });
    const before = await storedState(t);
    for (const fields of [
      { grant_type: 'refresh_token', refresh_token: 'any-refresh-token' },
      codeFields('any-code'),
    ]) {
      const response = await tokenRequest(t, fields, { app: { id: client.id, secret } });
      expectOAuthRefusal(response, 401, CLIENT_AUTHENTICATION_FAILED);
    }
    expect(await storedState(t)).toEqual(before);
  });
});

describe('refresh tokens', () => {
  it('renews for exactly one of 10 parallel refreshes with one refresh token, then revokes the grant', async () => {
    const tokens = await connected();
    const answers = await tokenRequestsAtOnce(
      authSocket,
      app,
      { grant_type: 'refresh_token', refresh_token: tokens.refresh_token },
      10,
    );
    // A refresh token works once: a second use is a stolen copy or a confused app, and the
    // grant goes, the winner's new tokens with it.
    const renewed = expectOneWinner(answers, REFRESH_UNUSABLE) as unknown as Tokens;
    for (const token of [tokens.access_token, renewed.access_token]) {
      expectNoTokenOfThisApi(await aisp(t, '/accounts', { token, headers: PSU }));
    }
    expectOAuthRefusal(
      await tokenRequest(t, { grant_type: 'refresh_token', refresh_token: renewed.refresh_token }),
      400,
      REFRESH_UNUSABLE,
    );
  });

  it("refuses another app's refresh token, and it stays its owner's", async () => {
    const tokens = await connected();
    const before = await storedState(t);
    expectOAuthRefusal(
      await tokenRequest(
        t,
        { grant_type: 'refresh_token', refresh_token: tokens.refresh_token },
        { app: other },
      ),
      400,
      REFRESH_UNUSABLE,
    );
    expect(await storedState(t)).toEqual(before);
    // Not taken for a replay: the owner's tokens and its refresh still work.
    expect((await read('/accounts', tokens)).statusCode).toBe(200);
    const refreshed = await tokenRequest(t, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
    });
    expect(refreshed.statusCode, refreshed.body).toBe(200);
  });

  it('refuses a refresh once the consent has expired, and issues nothing', async () => {
    const tokens = await connected(app, { validityDays: '1' });
    // Two days on: the consent's validUntil (one day) has passed, the refresh token's own
    // lifetime (180 days) has not.
    offsetMs = 2 * 86_400_000;
    try {
      const issued = await issuedTokens();
      const refresh = await tokenRequest(t, {
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token,
      });
      expectOAuthRefusal(refresh, 400, {
        error: 'invalid_grant',
        error_description:
          'the consent behind this grant is expired: send the user through /oauth/authorize again',
      });
      expect(await issuedTokens()).toEqual(issued);
      expect((await consentOf(tokens)).status).toBe('expired');
    } finally {
      offsetMs = 0;
    }
  });

  it('refuses a refresh once the app ended the consent through /psd2, and issues nothing', async () => {
    const tokens = await connected();
    const consentId = await consentIdBehind(t, tokens.access_token);
    const deleted = await psd2(t, 'DELETE', `${CONSENTS}/${consentId}`, {
      token: await t.token('accountinformation private'),
      bic: REDIRECT_BANK,
    });
    expect(deleted.statusCode, deleted.body).toBe(204);
    const issued = await issuedTokens();
    const refresh = await tokenRequest(t, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
    });
    expectOAuthRefusal(refresh, 400, {
      error: 'invalid_grant',
      error_description:
        'the consent behind this grant is terminatedByTpp: send the user through /oauth/authorize again',
    });
    expect(await issuedTokens()).toEqual(issued);
    expectAispError(await read('/accounts', tokens), 401, 'invalid_token', /terminatedByTpp/);
  });
});

describe('tokens in the wrong place', () => {
  let tokens: Tokens;
  let accountId: string;

  beforeAll(async () => {
    tokens = await connected();
    const list = await read('/accounts', tokens);
    expect(list.statusCode, list.body).toBe(200);
    accountId = list.json().accounts[0].id;
  });

  it.each([
    ['access_token', '/accounts'],
    ['access_token', '/accounts/{id}'],
    ['access_token', '/accounts/{id}/balances'],
    ['access_token', '/accounts/{id}/transactions'],
    ['bearer', '/accounts'],
  ])(
    'ignores %s in the query string of GET %s: 401 with the bare challenge',
    async (name, path) => {
      const response = await aisp(
        t,
        `${path.replace('{id}', accountId)}?${name}=${encodeURIComponent(tokens.access_token)}`,
        { headers: PSU },
      );
      expectAispError(
        response,
        401,
        'invalid_token',
        /^an access token is required: send Authorization: Bearer <access_token> from \/oauth\/token$/,
      );
      // RFC 6750 3.1: a request without credentials gets the challenge without an error code.
      expect(response.headers['www-authenticate']).toBe('Bearer realm="bankbridge-aisp"');
      expect(response.headers['cache-control']).toBe('no-store');
    },
  );

  it('refuses a refresh token sent as the bearer token at /aisp/v1, like an unknown token', async () => {
    expectNoTokenOfThisApi(await aisp(t, '/accounts', { token: tokens.refresh_token }));
  });

  it('refuses at /aisp/v1 a /connect token from a redirect SCA, though it names a consent of the same app, like an unknown token', async () => {
    const tpp = await testTpp(t);
    const issued = await issuedCode(t, tpp);
    const redeemed = await redeem(t, issued);
    expect(redeemed.statusCode, redeemed.body).toBe(200);
    const connectToken = redeemed.json().access_token as string;
    for (const path of ['/accounts', `/accounts/${accountId}`, `/accounts/${accountId}/balances`]) {
      expectNoTokenOfThisApi(await aisp(t, path, { token: connectToken, headers: PSU }));
    }
    // The token is good where it belongs.
    const own = await psd2(t, 'GET', `${AIS}/accounts`, {
      token: connectToken,
      bic: REDIRECT_BANK,
      headers: { 'consent-id': issued.consentId },
    });
    expect(own.statusCode, own.body).toBe(200);
  });

  it('refuses at /psd2 an AISP token, even for the consent it stands for, like an unknown token', async () => {
    const consentId = await consentIdBehind(t, tokens.access_token);
    for (const path of [
      `${CONSENTS}/${consentId}`,
      `${CONSENTS}/${consentId}/status`,
      `${AIS}/accounts/${accountId}/balances`,
    ]) {
      const answers = [];
      for (const token of [tokens.access_token, tokens.refresh_token, randomUUID()]) {
        const response = await psd2(t, 'GET', path, {
          token,
          bic: REDIRECT_BANK,
          headers: { 'consent-id': consentId },
        });
        answers.push({
          status: response.statusCode,
          challenge: response.headers['www-authenticate'],
          body: response.json(),
        });
      }
      for (const answer of answers) {
        expect(answer, path).toEqual({
          status: 401,
          challenge: `Bearer error="invalid_token", error_description="${PSD2_TOKEN_NOT_VALID}"`,
          body: {
            tppMessages: [{ category: 'ERROR', code: 'TOKEN_INVALID', text: PSD2_TOKEN_NOT_VALID }],
          },
        });
      }
    }
    // ... and the token still works where it belongs.
    expect((await read('/accounts', tokens)).statusCode).toBe(200);
  });
});

describe('caching', () => {
  it('marks every answer of /oauth/token and /oauth/revoke no-store', async () => {
    const post = (path: string, fields: Record<string, string | undefined>, who?: App) =>
      t.auth.inject({
        method: 'POST',
        url: path,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...(who ? { authorization: basicAuth(who.id, who.secret ?? '') } : {}),
        },
        payload: form(fields),
      });
    const back = await connectByRedirect(t, app);
    const fresh = await connected();
    const answers: [string, Awaited<ReturnType<typeof post>>][] = [
      ['code exchange', await tokenRequest(t, codeFields(back.code))],
      ['code replayed', await tokenRequest(t, codeFields(back.code))],
      [
        'refresh',
        await tokenRequest(t, { grant_type: 'refresh_token', refresh_token: fresh.refresh_token }),
      ],
      [
        'unknown refresh token',
        await tokenRequest(t, { grant_type: 'refresh_token', refresh_token: 'not-a-token' }),
      ],
      ['wrong secret', await tokenRequest(t, codeFields('x'), { app: { ...app, secret: 'x' } })],
      ['no client authentication', await post('/oauth/token', codeFields('x'))],
      ['unsupported grant type', await tokenRequest(t, { grant_type: 'password' })],
      ['missing parameter', await tokenRequest(t, { grant_type: 'authorization_code' })],
      ['GET /oauth/token', await t.auth.inject({ method: 'GET', url: '/oauth/token' })],
      ['revoke an unknown token', await post('/oauth/revoke', { token: 'not-a-token' }, app)],
      [
        "revoke another app's token",
        await post('/oauth/revoke', { token: fresh.access_token }, other),
      ],
      [
        'revoke without client authentication',
        await post('/oauth/revoke', { token: fresh.access_token }),
      ],
      ['revoke', await post('/oauth/revoke', { token: fresh.access_token }, app)],
      ['GET /oauth/revoke', await t.auth.inject({ method: 'GET', url: '/oauth/revoke' })],
    ];
    for (const [name, response] of answers) {
      expect(response.headers['cache-control'], name).toBe('no-store');
    }
    expect(Object.fromEntries(answers.map(([name, r]) => [name, r.statusCode]))).toEqual({
      'code exchange': 200,
      'code replayed': 400,
      refresh: 200,
      'unknown refresh token': 400,
      'wrong secret': 401,
      'no client authentication': 400,
      'unsupported grant type': 400,
      'missing parameter': 400,
      'GET /oauth/token': 405,
      'revoke an unknown token': 200,
      // RFC 7009: answered as an unknown token, and revokes nothing (token-ownership.test.ts).
      "revoke another app's token": 200,
      'revoke without client authentication': 400,
      revoke: 200,
      'GET /oauth/revoke': 405,
    });
  });

  it('marks the account data of /aisp/v1 no-store: one user’s accounts are never kept by a cache', async () => {
    const tokens = await connected();
    const list = await read('/accounts', tokens);
    expect(list.statusCode, list.body).toBe(200);
    const id = list.json().accounts[0].id as string;
    const answers = [
      list,
      await read(`/accounts/${id}`, tokens),
      await read(`/accounts/${id}/balances`, tokens),
      await read(`/accounts/${id}/transactions`, tokens),
    ];
    for (const answer of answers) {
      expect(answer.statusCode, answer.body).toBe(200);
      expect(answer.headers['cache-control'], answer.raw.req.url).toBe('no-store');
    }
  });
});

describe('PSU-IP-Address', () => {
  const NOT_AN_IP =
    /^the PSU-IP-Address header must be your user's IP address, IPv4 or IPv6, e\.g\. 192\.0\.2\.10$/;

  it('that is no IP address is invalid_request on every read, before any bank call or change', async () => {
    const tokens = await connected();
    const list = await read('/accounts', tokens);
    const id = list.json().accounts[0].id as string;
    const before = await storedState(t);
    for (const value of ['<script>alert(1)</script>', '192.0.2.300', 'fe80::1%eth0', 'yes']) {
      for (const path of [
        '/accounts',
        `/accounts/${id}`,
        `/accounts/${id}/balances`,
        `/accounts/${id}/transactions`,
      ]) {
        const requestId = randomUUID();
        const response = await read(path, tokens, {
          'psu-ip-address': value,
          'x-request-id': requestId,
        });
        expectAispError(response, 400, 'invalid_request', NOT_AN_IP);
        expect(response.headers['cache-control']).toBe('no-store');
        expect(bankCallsOf(t, requestId), `${value} ${path}`).toEqual([]);
      }
    }
    expect(await storedState(t)).toEqual(before);
  });

  it("that is no IP address does not mark a read as the user's: it never gets round the daily budget", async () => {
    const tokens = await connected();
    const unattended = () => aisp(t, '/accounts', { token: tokens.access_token });
    let answer = await unattended();
    for (let reads = 1; answer.statusCode === 200 && reads < 20; reads++)
      answer = await unattended();
    expectAispError(answer, 429, 'access_exceeded');
    const requestId = randomUUID();
    const garbage = await aisp(t, '/accounts', {
      token: tokens.access_token,
      headers: { 'psu-ip-address': '<script>', 'x-request-id': requestId },
    });
    expectAispError(garbage, 400, 'invalid_request', NOT_AN_IP);
    expect(bankCallsOf(t, requestId)).toEqual([]);
    // The user's real address, IPv6 included, is what a read with the user present sends.
    const present = await aisp(t, '/accounts', {
      token: tokens.access_token,
      headers: { 'psu-ip-address': '2001:db8::10' },
    });
    expect(present.statusCode, present.body).toBe(200);
  });
});

describe('an oversized form on the consent page', () => {
  const FORM = `approach=REDIRECT&ibans=${'SE'.repeat(50_000)}`;

  it.each([
    ['with a Content-Length', FORM],
    ['chunked', Array.from({ length: 8 }, () => `${'SE'.repeat(8_000)}`)],
  ])(
    'sent %s, is answered 413 and the connection closed: the next request on the same keep-alive agent succeeds',
    async (_, body) => {
      const browser = new Browser(t.auth, TEST_AUTH_URL, authSocket);
      const { page } = await browser.follow(authorizeUrl(app), APP_REDIRECT);
      const base = page.url.split('?')[0] as string;
      const consents = async () =>
        (await t.store.db.selectFrom('consents').select('id').execute()).length;
      const before = await consents();
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const refused = await sendOnAgent(
          agent,
          `${authSocket}${new URL(base).pathname}/bank/NDEASESS`,
          {
            method: 'POST',
            headers: {
              cookie: browser.cookiesFor(base),
              'content-type': 'application/x-www-form-urlencoded',
              accept: 'text/html',
            },
            body,
          },
        );
        expect(refused.status).toBe(413);
        expect(refused.connection).toBe('close');
        expect(refused.body).toContain('This form is too large to be sent here.');
        // Left open with the rest of the body unread, the connection took that rest as the next
        // request and reset it.
        const next = await sendOnAgent(agent, `${authSocket}/.well-known/openid-configuration`);
        expect(next.status, next.body).toBe(200);
        expect(next.reusedSocket).toBe(false);
      } finally {
        agent.destroy();
      }
      expect(await consents()).toBe(before);
    },
  );
});

describe('other bodies refused unread', () => {
  it('leave no unread rest on a keep-alive connection: /psd2, /aisp/v1, /oauth/token and /connect/token', async () => {
    const api = `http://127.0.0.1:${(t.api.server.address() as AddressInfo).port}`;
    const big = `a=${'x'.repeat(3_000_000)}`;
    const targets = [
      [`${api}/psd2/consent/v1/consents`, 'application/json', 413],
      [`${api}/aisp/v1/accounts`, 'application/json', 405],
      [`${authSocket}/oauth/token`, 'application/x-www-form-urlencoded', 400],
      [`${authSocket}/connect/token`, 'application/x-www-form-urlencoded', 400],
    ] as const;
    for (const [url, contentType, status] of targets) {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const refused = await sendOnAgent(agent, url, {
          method: 'POST',
          headers: { 'content-type': contentType, 'x-request-id': randomUUID() },
          body: big,
        });
        expect(refused.status, url).toBe(status);
        const next = await sendOnAgent(
          agent,
          `${new URL(url).origin}/.well-known/openid-configuration`,
        );
        expect(next.status, `after ${url}`).not.toBe(0);
      } finally {
        agent.destroy();
      }
    }
  });
});

describe("another app's accounts", () => {
  it("answers another app's account id exactly like an id that does not exist", async () => {
    // Both apps hold a consent of the same user at the same bank: the same bank accounts.
    const mine = await connected(app);
    const theirs = await connected(other);
    const theirIds = (await read('/accounts', theirs))
      .json()
      .accounts.map((a: { id: string }) => a.id);
    const myIds = (await read('/accounts', mine)).json().accounts.map((a: { id: string }) => a.id);
    expect(theirIds.length).toBeGreaterThan(0);
    for (const id of theirIds) expect(myIds).not.toContain(id);

    const theirId = theirIds[0] as string;
    // The id is real: its owner reads it.
    expect((await read(`/accounts/${theirId}`, theirs)).statusCode).toBe(200);

    const answerOf = async (path: string) => {
      const requestId = randomUUID();
      const response = await read(path, mine, { 'x-request-id': requestId });
      expectAispError(response, 404, 'not_found');
      const { timestamp: _, request_id: echoed, ...body } = response.json();
      expect(echoed).toBe(requestId);
      return {
        status: response.statusCode,
        body,
        contentType: response.headers['content-type'],
        cacheControl: response.headers['cache-control'],
        challenge: response.headers['www-authenticate'],
        bankCalls: bankCallsOf(t, requestId),
      };
    };
    for (const suffix of ['', '/balances', '/transactions']) {
      const foreign = await answerOf(`/accounts/${theirId}${suffix}`);
      const unknown = await answerOf(`/accounts/${randomUUID()}${suffix}`);
      expect(foreign, suffix).toEqual(unknown);
      expect(foreign.body).toEqual({
        error: 'not_found',
        error_description:
          'there is no account with this id under this token (ids come from GET /accounts)',
      });
    }
  });
});
