/**
 * Attack suite, PKCE at both authorization endpoints. A challenge that is sent is always
 * enforced (S256 only, the code then needs its verifier). Whether one must be sent: the
 * integration guide's redirect flow sends none, so by default a confidential client need not;
 * an operator requires it of one client (`clients set-pkce`, stored with the client) or of all
 * (BANKBRIDGE_REQUIRE_PKCE=true, FAPI 2.0). A client that must and sent none is sent back to its
 * redirect URI with invalid_request and its state, before the PSU sees a bank, nothing stored.
 *
 * Cases pinned down elsewhere: PKCE downgraded to plain at /connect (oauth.test.ts), a public
 * app without PKCE at /oauth (test/aisp/oauth-server.test.ts), a code_verifier for a code
 * issued without a challenge (oauth.test.ts, aisp.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, authorizeUrl, connectByRedirect, exchangeCode } from '../aisp/support.js';
import { Browser, queryOf } from '../auth/redirect-sca-browser.js';
import { startTestPlatform, TEST_AUTH_URL, type TestPlatform } from '../support/test-platform.js';
import {
  altered,
  CONSENTS,
  consentAwaitingRedirect,
  expectOAuthRefusal,
  GRANT_INVALID,
  issuedCode,
  pkce,
  psd2,
  REDIRECT_BANK,
  redeem,
  storedState,
  TPP_REDIRECT,
  type Tpp,
  testTpp,
} from './helpers.js';

const PKCE_REQUIRED =
  'PKCE (S256) is required for this client: send code_challenge with code_challenge_method=S256';

/** Default settings: PKCE optional for confidential clients. */
let t: TestPlatform;
/** BANKBRIDGE_REQUIRE_PKCE=true. */
let strict: TestPlatform;
let tpp: Tpp;
/** A client registered with PKCE required, on the default platform. */
let pinned: Tpp;

beforeAll(async () => {
  [t, strict] = await Promise.all([
    startTestPlatform({ sandbox: true }),
    startTestPlatform({ sandbox: true, env: { BANKBRIDGE_REQUIRE_PKCE: 'true' } }),
  ]);
  tpp = await testTpp(t);
  const { client, secret } = await t.platform.clients.create({
    name: 'FAPI TPP',
    redirectUris: [TPP_REDIRECT],
    requirePkce: true,
  });
  pinned = {
    id: client.id,
    secret,
    token: await t.tokenFor({ id: client.id, secret }, 'accountinformation private'),
  };
});
afterAll(async () => {
  await Promise.all([t?.close(), strict?.close()]);
});

async function statuses(on: TestPlatform, who: Tpp, consentId: string, authorisationId: string) {
  const read = (url: string) => psd2(on, 'GET', url, { token: who.token, bic: REDIRECT_BANK });
  return {
    consentStatus: (await read(`${CONSENTS}/${consentId}/status`)).json().consentStatus,
    scaStatus: (await read(`${CONSENTS}/${consentId}/authorisations/${authorisationId}`)).json()
      .scaStatus,
  };
}

/**
 * A client that must use PKCE opens its link without a challenge: back to its redirect URI with
 * invalid_request and its state; the consent still awaits the SCA; nothing stored.
 */
async function expectPkceRequired(on: TestPlatform, who: Tpp): Promise<void> {
  const consent = await consentAwaitingRedirect(on, who);
  const before = await storedState(on);
  const page = await new Browser(on.auth, TEST_AUTH_URL).open(consent.link);
  expect(page.status, page.body).toBe(303);
  expect(page.location?.startsWith(`${TPP_REDIRECT}?`)).toBe(true);
  expect(queryOf(page.location as string)).toEqual({
    error: 'invalid_request',
    error_description: PKCE_REQUIRED,
    state: 'tpp-state',
    iss: TEST_AUTH_URL,
  });
  expect(await storedState(on)).toEqual(before);
  expect(await statuses(on, who, consent.consentId, consent.authorisationId)).toEqual({
    consentStatus: 'received',
    scaStatus: 'scaMethodSelected',
  });
}

describe('/connect/authorize by default', () => {
  it("lets a confidential client through without PKCE, as the integration guide's redirect flow does", async () => {
    const issued = await issuedCode(t, tpp);
    expect(issued.verifier).toBeUndefined();
    expect((await redeem(t, issued)).statusCode).toBe(200);
  });

  it('enforces a challenge that was sent: the code is refused without its verifier or with another, and stays usable', async () => {
    const issued = await issuedCode(t, tpp, { pkce: true });
    const { verifier, ...withoutVerifier } = issued;
    expectOAuthRefusal(await redeem(t, withoutVerifier), 400, GRANT_INVALID);
    expectOAuthRefusal(
      await redeem(t, { ...issued, verifier: pkce().verifier }),
      400,
      GRANT_INVALID,
    );
    expect((await redeem(t, { ...issued, verifier })).statusCode).toBe(200);
  });

  it('refuses a challenge without its method rather than take it as plain', async () => {
    const consent = await consentAwaitingRedirect(t, tpp);
    const page = await new Browser(t.auth, TEST_AUTH_URL).open(
      altered(consent.link, { code_challenge: pkce().verifier }),
    );
    expect(page.status).toBe(303);
    expect(queryOf(page.location as string)).toEqual({
      error: 'invalid_request',
      error_description: 'code_challenge_method must be provided',
      state: 'tpp-state',
      iss: TEST_AUTH_URL,
    });
  });
});

describe('/connect/authorize for a client that must use PKCE', () => {
  it('sends it back with invalid_request when it sends no challenge, before the PSU sees the bank', async () => {
    await expectPkceRequired(t, pinned);
  });

  it('lets it through with S256', async () => {
    const issued = await issuedCode(t, pinned, { pkce: true });
    expect((await redeem(t, issued, { as: pinned })).statusCode).toBe(200);
  });

  it('follows the stored setting from the next request on, either way', async () => {
    const { client, secret } = await t.platform.clients.create({
      name: 'Switching TPP',
      redirectUris: [TPP_REDIRECT],
    });
    const switching = {
      id: client.id,
      secret,
      token: await t.tokenFor({ id: client.id, secret }, 'accountinformation private'),
    };
    await t.platform.clients.setPkceRequired(client.id, true);
    await expectPkceRequired(t, switching);
    await t.platform.clients.setPkceRequired(client.id, false);
    const issued = await issuedCode(t, switching);
    expect((await redeem(t, issued, { as: switching })).statusCode).toBe(200);
  });
});

describe('/connect/authorize with BANKBRIDGE_REQUIRE_PKCE=true', () => {
  it('requires PKCE of every client, and lets it through with S256', async () => {
    const client = await testTpp(strict);
    await expectPkceRequired(strict, client);
    const issued = await issuedCode(strict, client, { pkce: true });
    expect((await redeem(strict, issued)).statusCode).toBe(200);
  });
});

describe('/oauth/authorize', () => {
  const authorize = (on: TestPlatform, url: string) =>
    new Browser(on.auth, TEST_AUTH_URL).open(url);

  function expectRefused(page: Awaited<ReturnType<typeof authorize>>) {
    expect(page.status, page.body).toBe(303);
    expect(queryOf(page.location as string)).toEqual({
      error: 'invalid_request',
      error_description: PKCE_REQUIRED,
      state: 'app-state-7',
      iss: TEST_AUTH_URL,
    });
  }

  it('lets a confidential app through without PKCE by default', async () => {
    const page = await authorize(t, authorizeUrl(t.client));
    expect(page.location).toMatch(/\/oauth\/consent\//);
  });

  it('requires PKCE of an app registered with it, and lets it through with S256', async () => {
    const app: App = { id: pinned.id, secret: pinned.secret };
    expectRefused(await authorize(t, authorizeUrl(app)));
    const pair = pkce();
    const back = await connectByRedirect(t, app, { pkce: pair });
    await exchangeCode(t, back.code as string, { app, verifier: pair.verifier });
  });

  it('requires PKCE of every app with BANKBRIDGE_REQUIRE_PKCE=true', async () => {
    expectRefused(await authorize(strict, authorizeUrl(strict.client)));
    const page = await authorize(strict, authorizeUrl(strict.client, { pkce: pkce() }));
    expect(page.location).toMatch(/\/oauth\/consent\//);
  });
});
