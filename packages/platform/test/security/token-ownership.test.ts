/**
 * Attack suite, whose tokens a client may ask about or revoke, on both OAuth servers: another
 * client's token is, to the caller, a token that does not exist. Introspection answers it
 * `{"active": false}` (RFC 7662 2.2: a token not issued to the caller is inactive to it), and
 * revocation answers 200 with an empty body, exactly as for an unknown token, and revokes
 * nothing (RFC 7009 2.1, 2.2). Any other answer tells the caller the token is live, and the
 * introspection answer would hand it the owner's consent and authorisation ids.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, aisp, connectByRedirect, exchangeCode, type Tokens } from '../aisp/support.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { basicAuth, form } from '../support/token-requests.js';
import {
  anotherTpp,
  CONSENTS,
  issuedCode,
  PSU,
  psd2,
  REDIRECT_BANK,
  redeem,
  storedState,
  type Tpp,
  testTpp,
} from './helpers.js';

let t: TestPlatform;
let tpp: Tpp;
/** Another client, registered with the same redirect URI: the one asking about `tpp`'s tokens. */
let other: Tpp;
/** The owner's token from a redirect SCA: its introspection names a consent and authorisation. */
let consentToken: string;
let consentId: string;

beforeAll(async () => {
  t = await startTestPlatform({ sandbox: true });
  tpp = await testTpp(t);
  other = await anotherTpp(t);
  const issued = await issuedCode(t, tpp);
  const redeemed = await redeem(t, issued);
  expect(redeemed.statusCode, redeemed.body).toBe(200);
  consentToken = redeemed.json().access_token as string;
  consentId = issued.consentId;
});
afterAll(async () => {
  await t?.close();
});

function post(path: string, who: { id: string; secret?: string | undefined }, token: string) {
  return t.auth.inject({
    method: 'POST',
    url: path,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: basicAuth(who.id, who.secret ?? ''),
    },
    payload: form({ token }),
  });
}

/** What a caller can tell answers apart by: status, type, caching and body. */
function seen(response: Awaited<ReturnType<typeof post>>) {
  return {
    status: response.statusCode,
    contentType: response.headers['content-type'],
    cacheControl: response.headers['cache-control'],
    body: response.body,
  };
}

/** A /psd2 read with the owner's token: it still works. */
async function ownerStillReads(token: string) {
  const read = await psd2(t, 'GET', `${CONSENTS}/${consentId}`, { token, bic: REDIRECT_BANK });
  expect(read.statusCode, read.body).toBe(200);
}

describe('/connect/introspect', () => {
  it("answers the owner with the token's details", async () => {
    const answer = await post('/connect/introspect', tpp, consentToken);
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({
      active: true,
      client_id: tpp.id,
      scope: 'accountinformation private',
      sub: expect.stringContaining(consentId),
    });
  });

  it.each([
    ['a client-credentials token', () => tpp.token],
    [
      'a token from a redirect SCA, which names a consent and its authorisation',
      () => consentToken,
    ],
  ])("answers another client's %s exactly like an unknown token: inactive", async (_, token) => {
    const theirs = await post('/connect/introspect', other, token());
    const unknown = await post('/connect/introspect', other, randomUUID());
    expect(theirs.json()).toEqual({ active: false });
    expect(seen(theirs)).toEqual(seen(unknown));
    expect((await post('/connect/introspect', tpp, token())).json().active).toBe(true);
  });
});

describe('/connect/revocation', () => {
  it.each([
    ['a client-credentials token', () => tpp.token],
    ['a token from a redirect SCA', () => consentToken],
  ])(
    "answers another client's %s exactly like an unknown token, and revokes nothing",
    async (_, token) => {
      const before = await storedState(t);
      const theirs = await post('/connect/revocation', other, token());
      const unknown = await post('/connect/revocation', other, randomUUID());
      expect(seen(theirs)).toEqual(seen(unknown));
      expect(seen(theirs)).toMatchObject({ status: 200, body: '', cacheControl: 'no-store' });
      expect(await storedState(t)).toEqual(before);
      expect((await post('/connect/introspect', tpp, token())).json().active).toBe(true);
      await ownerStillReads(token());
    },
  );
});

describe('/oauth', () => {
  let app: App;
  let nosy: App;
  let publicApp: App;
  let tokens: Tokens;

  beforeAll(async () => {
    app = t.client;
    nosy = { id: other.id, secret: other.secret };
    const created = await t.platform.clients.createPublic({
      name: 'Public app',
      redirectUris: ['https://tpp.example/callback'],
      scopes: ['accountinformation'],
    });
    publicApp = { id: created.id };
    tokens = await exchangeCode(t, (await connectByRedirect(t, app)).code as string);
  });

  async function appStillReads() {
    const read = await aisp(t, '/accounts', { token: tokens.access_token, headers: PSU });
    expect(read.statusCode, read.body).toBe(200);
  }

  it('offers no introspection endpoint: another app learns nothing there', async () => {
    const answer = await post('/oauth/introspect', nosy, tokens.access_token);
    expect(answer.statusCode).toBe(404);
    expect(answer.json()).toEqual({
      error: 'invalid_request',
      error_description: 'there is no such endpoint',
    });
  });

  it.each([
    ['access token', 'a confidential app', 'access_token'],
    ['refresh token', 'a confidential app', 'refresh_token'],
    ['access token', 'a public app', 'access_token'],
    ['refresh token', 'a public app', 'refresh_token'],
  ] as const)(
    "answers another app's %s at /oauth/revoke, from %s, exactly like an unknown token, and revokes nothing",
    async (_, caller, which) => {
      const who = caller === 'a public app' ? publicApp : nosy;
      const revoke = (token: string) =>
        t.auth.inject({
          method: 'POST',
          url: '/oauth/revoke',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            ...(who.secret ? { authorization: basicAuth(who.id, who.secret) } : {}),
          },
          payload: form({ ...(who.secret ? {} : { client_id: who.id }), token }),
        });
      const before = await storedState(t);
      const theirs = await revoke(tokens[which]);
      const unknown = await revoke(randomUUID());
      expect(seen(theirs)).toEqual(seen(unknown));
      expect(seen(theirs)).toMatchObject({ status: 200, body: '', cacheControl: 'no-store' });
      expect(await storedState(t)).toEqual(before);
      await appStillReads();
    },
  );

  it('is not answered for at /connect: an AISP token is unknown there, to its own client too', async () => {
    const before = await storedState(t);
    expect((await post('/connect/introspect', app, tokens.access_token)).json()).toEqual({
      active: false,
    });
    const revoked = await post('/connect/revocation', app, tokens.access_token);
    expect(seen(revoked)).toMatchObject({ status: 200, body: '' });
    expect(await storedState(t)).toEqual(before);
    await appStillReads();
  });
});
