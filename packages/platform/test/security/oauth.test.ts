/**
 * Attack suite, the auth server (`/connect`): what a thief of a code or token, a TPP posing as
 * another, or a forged link at `/connect/authorize` gets, each with the exact answer. Codes
 * come from real redirect SCAs at the sandbox's Nordea (NDEASESS), over HTTP.
 *
 * Cases the redirect SCA's own tests already pin down, not repeated here
 * (test/auth/redirect-sca.test.ts, "redeeming the code"):
 * - a code redeemed twice: the second gets invalid_grant and the token of the first is refused
 *   by introspection and by the API at once;
 * - a code of client A redeemed by client B, a redirect_uri other than the authorize request's,
 *   an unknown code: invalid_grant, and A can still redeem its code;
 * - a code older than five minutes: invalid_grant, the consent stays `received`;
 * - a PKCE verifier missing or wrong for a code issued with a challenge: invalid_grant.
 * And in test/auth/token-endpoint.test.ts: a client-credentials scope the client is not allowed,
 * unsupported grant types, credentials in both header and body.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, queryOf } from '../auth/redirect-sca-browser.js';
import { TEST_AUTH_URL, type TestPlatform } from '../support/test-platform.js';
import { basicAuth, form, requestToken } from '../support/token-requests.js';
import {
  AIS,
  altered,
  anotherTpp,
  bankCallsOf,
  CLIENT_AUTHENTICATION_FAILED,
  CONSENTS,
  consentAwaitingRedirect,
  expectErrorPage,
  expectOAuthRefusal,
  expectOneWinner,
  formPostsAtOnce,
  GRANT_INVALID,
  introspect,
  issuedCode,
  pkce,
  psd2,
  REDIRECT_BANK,
  redeem,
  startRacePlatform,
  storedState,
  TPP_REDIRECT,
  type Tpp,
  testTpp,
} from './helpers.js';

let t: TestPlatform;
let tpp: Tpp;
/** Another client, registered with the same redirect URI. */
let other: Tpp;
/** The auth server's socket, for requests that must really run side by side. */
let authSocket: string;
/** Moves the platform's clock (the sandbox bank keeps real time). */
let offsetMs = 0;

beforeAll(async () => {
  ({ t, authSocket } = await startRacePlatform(() => new Date(Date.now() + offsetMs)));
  tpp = await testTpp(t);
  other = await anotherTpp(t);
});
afterAll(async () => {
  await t?.close();
});

async function statuses(consentId: string, authorisationId: string, token = tpp.token) {
  const status = await psd2(t, 'GET', `${CONSENTS}/${consentId}/status`, {
    token,
    bic: REDIRECT_BANK,
  });
  const sca = await psd2(t, 'GET', `${CONSENTS}/${consentId}/authorisations/${authorisationId}`, {
    token,
    bic: REDIRECT_BANK,
  });
  return { consentStatus: status.json().consentStatus, scaStatus: sca.json().scaStatus };
}

const browser = () => new Browser(t.auth, TEST_AUTH_URL);

describe('authorization codes', () => {
  it('gives a token to exactly one of 10 parallel redemptions of a code, then withdraws it: the code was used more than once', async () => {
    const issued = await issuedCode(t, tpp);
    const requestIds = Array.from({ length: 10 }, () => randomUUID());
    // Over real sockets, as ten retries of a TPP (or a TPP and a thief) would arrive.
    const responses = await formPostsAtOnce(
      `${authSocket}/connect/token`,
      requestIds.map((requestId) => ({
        headers: {
          'x-request-id': requestId,
          'x-consentid': issued.consentId,
          'x-consentauthorisationid': issued.authorisationId,
        },
        fields: {
          client_id: tpp.id,
          client_secret: tpp.secret,
          grant_type: 'authorization_code',
          code: issued.code,
          redirect_uri: TPP_REDIRECT,
        },
      })),
    );
    const winner = expectOneWinner(responses);
    // One exchange at the bank, by one request, and one finalised consent.
    const bankCalls = requestIds.map((id) => bankCallsOf(t, id)).filter((calls) => calls.length);
    expect(bankCalls).toHaveLength(1);
    expect(bankCalls[0]?.filter((url) => url.endsWith('/oauth2/token'))).toHaveLength(1);
    expect(await statuses(issued.consentId, issued.authorisationId)).toEqual({
      consentStatus: 'valid',
      scaStatus: 'finalised',
    });
    // RFC 6749 4.1.2: a code presented more than once may have leaked. Whichever request
    // got the token, the token is withdrawn, as after a replay one after the other.
    const token = winner.access_token as string;
    expect(await introspect(t, token)).toEqual({ active: false });
    const read = await psd2(t, 'GET', `${CONSENTS}/${issued.consentId}`, {
      token,
      bic: REDIRECT_BANK,
    });
    expect(read.statusCode).toBe(401);
    expect(read.json().tppMessages[0].code).toBe('TOKEN_INVALID');
  });

  it('refuses the loser of the race for a code, the one that read it before the winner consumed it, and withdraws the token', async () => {
    // In the parallel case above, which request loses in the store is left to timing. Here
    // the loser's view is made certain: its read of the code does not see the consumption.
    const issued = await issuedCode(t, tpp);
    const first = await redeem(t, issued);
    expect(first.statusCode, first.body).toBe(200);
    const token = first.json().access_token as string;
    const adapter = t.platform.provider.AuthorizationCode.adapter;
    const find = adapter.find.bind(adapter);
    adapter.find = async (id: string) => {
      const payload = await find(id);
      if (payload) delete payload.consumed;
      return payload;
    };
    try {
      expectOAuthRefusal(await redeem(t, issued), 400, GRANT_INVALID);
    } finally {
      adapter.find = find;
    }
    expect(await introspect(t, token)).toEqual({ active: false });
    const read = await psd2(t, 'GET', `${CONSENTS}/${issued.consentId}`, {
      token,
      bic: REDIRECT_BANK,
    });
    expect(read.statusCode).toBe(401);
    expect(await statuses(issued.consentId, issued.authorisationId)).toEqual({
      consentStatus: 'valid',
      scaStatus: 'finalised',
    });
  });

  it('answers client_id in the body that is not the authenticated client with invalid_request, and the code stays usable', async () => {
    const issued = await issuedCode(t, tpp);
    const response = await requestToken(t.auth, {
      headers: {
        authorization: basicAuth(tpp.id, tpp.secret),
        'x-consentid': issued.consentId,
        'x-consentauthorisationid': issued.authorisationId,
      },
      fields: {
        client_id: other.id,
        grant_type: 'authorization_code',
        code: issued.code,
        redirect_uri: TPP_REDIRECT,
      },
    });
    expectOAuthRefusal(response, 400, {
      error: 'invalid_request',
      error_description: 'client_id mismatch',
    });
    expect((await statuses(issued.consentId, issued.authorisationId)).consentStatus).toBe(
      'received',
    );
    expect((await redeem(t, issued)).statusCode).toBe(200);
  });

  it('answers client_id in the body that is not the authenticated client alike for client credentials, and stores no token', async () => {
    const before = await storedState(t);
    const response = await requestToken(t.auth, {
      headers: { authorization: basicAuth(tpp.id, tpp.secret) },
      fields: { client_id: other.id, scope: 'aspspinformation' },
    });
    expectOAuthRefusal(response, 400, {
      error: 'invalid_request',
      error_description: 'client_id mismatch',
    });
    // Another client's id with one's own secret is a wrong secret for that client.
    const posing = await requestToken(t.auth, {
      fields: { client_id: other.id, client_secret: tpp.secret, scope: 'aspspinformation' },
    });
    expectOAuthRefusal(posing, 401, CLIENT_AUTHENTICATION_FAILED);
    expect(await storedState(t)).toEqual(before);
  });

  it('ignores a wider scope asked for at the exchange: the token carries what the PSU authorised', async () => {
    const issued = await issuedCode(t, tpp);
    const response = await redeem(t, issued, {
      fields: { scope: 'accountinformation paymentinitiation aspspinformation corporate' },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().scope).toBe('accountinformation private');
    const aspsps = await t.api.inject({
      method: 'GET',
      url: '/psd2/aspspinformation/v1/aspsps',
      headers: {
        authorization: `Bearer ${response.json().access_token}`,
        'x-request-id': randomUUID(),
      },
    });
    expect(aspsps.statusCode).toBe(403);
    expect(aspsps.json().tppMessages[0].code).toBe('SERVICE_BLOCKED');
  });

  it('refuses a code_verifier for a code issued without PKCE, and the code stays usable', async () => {
    const issued = await issuedCode(t, tpp);
    expectOAuthRefusal(
      await redeem(t, issued, { fields: { code_verifier: pkce().verifier } }),
      400,
      GRANT_INVALID,
    );
    expect((await redeem(t, issued)).statusCode).toBe(200);
  });
});

describe('redirect URIs at /connect/authorize', () => {
  let consent: Awaited<ReturnType<typeof consentAwaitingRedirect>>;
  let elsewhere: string;

  beforeAll(async () => {
    consent = await consentAwaitingRedirect(t, tpp);
    elsewhere = 'https://other-tpp.example/callback';
    await t.platform.clients.create({ name: 'Elsewhere TPP', redirectUris: [elsewhere] });
  });

  // Redirect URIs are compared as exact strings (RFC 9700 2.1): a URI that a browser would take
  // to the same place (explicit default port, other host case, dot segments, percent-encoding)
  // is refused as well, since each is a way to slip past a comparison that normalises.
  const altered_uris: [string, () => string][] = [
    ['an extra path segment', () => `${TPP_REDIRECT}/extra`],
    ['a trailing slash', () => `${TPP_REDIRECT}/`],
    ['another port', () => 'https://tpp.example:8443/callback'],
    ['the default port written out', () => 'https://tpp.example:443/callback'],
    ['another case in the path', () => 'https://tpp.example/Callback'],
    ['another case in the host', () => 'https://TPP.example/callback'],
    ['http instead of https', () => 'http://tpp.example/callback'],
    ['a query added', () => `${TPP_REDIRECT}?next=https://attacker.example`],
    ['a fragment', () => `${TPP_REDIRECT}#x`],
    ['dot segments', () => 'https://tpp.example/x/../callback'],
    ['percent-encoding', () => 'https://tpp.example/%63allback'],
    ['user info naming the host', () => 'https://tpp.example@attacker.example/callback'],
    ['another host', () => 'https://attacker.example/callback'],
    ["another client's registered URI", () => elsewhere],
  ];

  it.each(altered_uris)(
    'answers %s with an error page, no redirect, and stores nothing',
    async (_, uri) => {
      const before = await storedState(t);
      const page = await browser().open(altered(consent.link, { redirect_uri: uri() }));
      expectErrorPage(
        page,
        'invalid_redirect_uri',
        "redirect_uri did not match any of the client's registered redirect_uris",
      );
      expect(page.body).not.toContain('attacker.example');
      expect(await storedState(t)).toEqual(before);
    },
  );

  it('answers a missing redirect URI and a client without registered ones with an error page', async () => {
    const before = await storedState(t);
    expectErrorPage(
      await browser().open(altered(consent.link, { redirect_uri: null })),
      'invalid_request',
      "missing required parameter 'redirect_uri'",
    );
    const none = await t.platform.clients.create({ name: 'No redirects TPP', redirectUris: [] });
    const state = await storedState(t);
    expectErrorPage(
      await browser().open(altered(consent.link, { client_id: none.client.id })),
      'invalid_redirect_uri',
      "redirect_uri did not match any of the client's registered redirect_uris",
    );
    expect(await storedState(t)).toEqual(state);
    expect(before.consents).toEqual(state.consents);
    expect(await statuses(consent.consentId, consent.authorisationId)).toEqual({
      consentStatus: 'received',
      scaStatus: 'scaMethodSelected',
    });
  });

  it('still sends the PSU on with the registered URI, exactly as registered', async () => {
    const page = await browser().open(consent.link);
    expect(page.status).toBe(303);
    expect(page.location).toMatch(/\/connect\/interaction\//);
  });
});

describe('grant types and scopes a client may use', () => {
  let clientOnly: { id: string; secret: string };

  beforeAll(async () => {
    // A client without redirect URIs does client credentials only.
    const created = await t.platform.clients.create({ name: 'Server-only TPP', redirectUris: [] });
    clientOnly = { id: created.client.id, secret: created.secret };
  });

  it.each([
    ['authorization_code', { code: 'any-code', redirect_uri: TPP_REDIRECT }],
    ['refresh_token', { refresh_token: 'any-refresh-token' }],
  ])(
    'answers %s from a client not registered for it with unauthorized_client (RFC 6749 5.2)',
    async (grantType, fields) => {
      const before = await storedState(t);
      const response = await requestToken(t.auth, {
        fields: {
          client_id: clientOnly.id,
          client_secret: clientOnly.secret,
          grant_type: grantType,
          ...fields,
        },
      });
      expectOAuthRefusal(response, 400, {
        error: 'unauthorized_client',
        error_description: 'requested grant type is not allowed for this client',
      });
      expect(await storedState(t)).toEqual(before);
    },
  );

  it.each([
    'implicit',
    'password',
    'urn:ietf:params:oauth:grant-type:device_code',
    'urn:openid:params:grant-type:ciba',
    'urn:ietf:params:oauth:grant-type:jwt-bearer',
    'urn:ietf:params:oauth:grant-type:token-exchange',
  ])(
    'answers grant type %s, which Bankbridge does not offer, with unsupported_grant_type',
    async (grantType) => {
      const response = await requestToken(t.auth, {
        fields: { client_id: tpp.id, client_secret: tpp.secret, grant_type: grantType },
      });
      expectOAuthRefusal(response, 400, {
        error: 'unsupported_grant_type',
        error_description: 'unsupported grant_type requested',
      });
    },
  );

  it('sends a scope the client is not allowed back to the TPP as invalid_scope, before the PSU sees the bank', async () => {
    const limited = await anotherTpp(t, {
      name: 'Information-only TPP',
      scopes: ['aspspinformation'],
    });
    const consent = await consentAwaitingRedirect(t, tpp);
    const page = await browser().open(
      altered(consent.link, { client_id: limited.id, state: 'limited' }),
    );
    expect(page.status).toBe(303);
    expect(page.location?.startsWith(`${TPP_REDIRECT}?`)).toBe(true);
    expect(queryOf(page.location as string)).toEqual({
      error: 'invalid_scope',
      error_description: 'requested scope is not allowed',
      scope: 'accountinformation',
      state: 'limited',
      iss: TEST_AUTH_URL,
    });
    expect(await statuses(consent.consentId, consent.authorisationId)).toEqual({
      consentStatus: 'received',
      scaStatus: 'scaMethodSelected',
    });
  });

  it('refuses PKCE downgraded to the plain method', async () => {
    const consent = await consentAwaitingRedirect(t, tpp);
    const page = await browser().open(
      altered(consent.link, { code_challenge: pkce().verifier, code_challenge_method: 'plain' }),
    );
    expect(page.status).toBe(303);
    expect(queryOf(page.location as string)).toEqual({
      error: 'invalid_request',
      error_description: 'not supported value of code_challenge_method',
      state: 'tpp-state',
      iss: TEST_AUTH_URL,
    });
  });
});

/**
 * Refresh tokens. Decision: Bankbridge issues none to TPPs. Its access tokens are the client's
 * (client credentials, or the one the code exchange ends with, which is worth no more); what
 * the PSU authorised lives in the consent, which every data call checks. A TPP renews tokens
 * with client credentials. So "a refresh token of another client" and "a refresh after the
 * consent ended" come down to: nothing a TPP holds works as a refresh token, and an ended
 * consent gives nothing, not even a refresh of the bank's token behind it.
 */
describe('refresh tokens', () => {
  it('are never issued: the code exchange answers an access token, even to a TPP that asked for offline_access', async () => {
    // Without prompt=consent, OpenID Connect has the server drop offline_access; the SCA goes on.
    const issued = await issuedCode(t, tpp, {
      change: { scope: 'accountinformation private offline_access' },
    });
    const response = await redeem(t, issued);
    expect(response.statusCode, response.body).toBe(200);
    expect(Object.keys(response.json()).sort()).toEqual([
      'access_token',
      'expires_in',
      'scope',
      'token_type',
    ]);
    expect(response.json().scope).toBe('accountinformation private');
    // With prompt=consent it would be kept; no client is registered for it, so it is refused
    // before the PSU is sent anywhere.
    const consent = await consentAwaitingRedirect(t, tpp);
    const page = await browser().open(
      altered(consent.link, {
        scope: 'accountinformation private offline_access',
        prompt: 'consent',
      }),
    );
    expect(queryOf(page.location as string)).toEqual({
      error: 'invalid_scope',
      error_description: 'requested scope is not allowed',
      scope: 'offline_access',
      state: 'tpp-state',
      iss: TEST_AUTH_URL,
    });
  });

  it("takes nothing a client holds, its own or another client's, as a refresh token", async () => {
    const issued = await issuedCode(t, other);
    const redeemed = await redeem(t, issued, { as: other });
    expect(redeemed.statusCode).toBe(200);
    const theirToken = redeemed.json().access_token as string;
    const before = await storedState(t);
    for (const [client, value] of [
      [tpp, theirToken],
      [tpp, issued.code],
      [other, theirToken],
      [other, issued.code],
      [tpp, tpp.token],
      [tpp, randomUUID()],
    ] as const) {
      const response = await requestToken(t.auth, {
        fields: {
          client_id: client.id,
          client_secret: client.secret,
          grant_type: 'refresh_token',
          refresh_token: value,
        },
      });
      expectOAuthRefusal(response, 400, GRANT_INVALID);
    }
    expect(await storedState(t)).toEqual(before);
  });

  it("gives nothing for a consent that ended, and never refreshes the bank's token behind it", async () => {
    const issued = await issuedCode(t, tpp);
    const redeemed = await redeem(t, issued);
    expect(redeemed.statusCode).toBe(200);
    const headers = { 'consent-id': issued.consentId };
    const codeToken = redeemed.json().access_token as string;
    expect(
      (await psd2(t, 'GET', `${AIS}/accounts`, { token: codeToken, bic: REDIRECT_BANK, headers }))
        .statusCode,
    ).toBe(200);
    const deleted = await psd2(t, 'DELETE', `${CONSENTS}/${issued.consentId}`, {
      token: tpp.token,
      bic: REDIRECT_BANK,
    });
    expect(deleted.statusCode).toBe(204);
    try {
      // 59 minutes on: the bank's access token (an hour) is due for a refresh, which a live
      // consent would get before its next bank call; Bankbridge's own tokens still hold.
      offsetMs = 3_550_000;
      const fresh = await t.token('accountinformation private');
      for (const token of [fresh, codeToken]) {
        const requestId = randomUUID();
        const read = await psd2(t, 'GET', `${AIS}/accounts`, {
          token,
          bic: REDIRECT_BANK,
          headers: { ...headers, 'x-request-id': requestId },
        });
        expect(read.statusCode, read.body).toBe(401);
        expect(read.json().tppMessages[0].code).toBe('CONSENT_INVALID');
        expect(bankCallsOf(t, requestId)).toEqual([]);
      }
    } finally {
      offsetMs = 0;
    }
  });
});

describe('tokens in the wrong place', () => {
  it.each([
    ['/psd2/aspspinformation/v1/aspsps', 'aspspinformation'],
    [`${CONSENTS}/${randomUUID()}`, 'accountinformation private'],
    [`${AIS}/accounts`, 'accountinformation private'],
  ])(
    'ignores access_token in the query string of GET %s: 401 TOKEN_INVALID',
    async (url, scope) => {
      const token = await t.token(scope);
      const response = await t.api.inject({
        method: 'GET',
        url: `${url}?access_token=${encodeURIComponent(token)}`,
        headers: {
          'x-request-id': randomUUID(),
          'consent-id': randomUUID(),
          'x-bicfi': REDIRECT_BANK,
        },
      });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({
        tppMessages: [
          {
            category: 'ERROR',
            code: 'TOKEN_INVALID',
            text: 'an Authorization: Bearer token is required',
          },
        ],
      });
      expect(response.headers['www-authenticate']).toBe(
        'Bearer error="invalid_token", error_description="an Authorization: Bearer token is required"',
      );
    },
  );
});

type Injected = Awaited<ReturnType<TestPlatform['auth']['inject']>>;

describe('caching', () => {
  it('marks every answer of the token, introspection and revocation endpoints no-store', async () => {
    const issued = await issuedCode(t, tpp);
    const answers: [string, Injected][] = [
      [
        'client credentials',
        await requestToken(t.auth, {
          fields: { client_id: tpp.id, client_secret: tpp.secret, scope: 'aspspinformation' },
        }),
      ],
      ['code exchange', await redeem(t, issued)],
      [
        'invalid_client',
        await requestToken(t.auth, {
          fields: { client_id: tpp.id, client_secret: 'wrong', scope: 'aspspinformation' },
        }),
      ],
      ['invalid_grant', await redeem(t, issued)],
      [
        'invalid_scope',
        await requestToken(t.auth, {
          fields: { client_id: tpp.id, client_secret: tpp.secret, scope: 'everything' },
        }),
      ],
      ['405', await t.auth.inject({ method: 'GET', url: '/connect/token' })],
      [
        'introspection',
        await t.auth.inject({
          method: 'POST',
          url: '/connect/introspect',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: form({ client_id: tpp.id, client_secret: tpp.secret, token: tpp.token }),
        }),
      ],
      [
        'revocation',
        await t.auth.inject({
          method: 'POST',
          url: '/connect/revocation',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: form({ client_id: tpp.id, client_secret: tpp.secret, token: randomUUID() }),
        }),
      ],
    ];
    for (const [name, response] of answers) {
      expect(response.headers['cache-control'], name).toBe('no-store');
    }
    expect(answers.map(([, r]) => r.statusCode)).toEqual([200, 200, 401, 400, 400, 405, 200, 200]);
  });

  it('answers token endpoint errors in JSON even to a client that asks for HTML', async () => {
    const response = await requestToken(t.auth, {
      headers: { accept: 'text/html' },
      fields: { client_id: tpp.id, client_secret: 'wrong', scope: 'aspspinformation' },
    });
    expectOAuthRefusal(response, 401, CLIENT_AUTHENTICATION_FAILED);
  });
});
