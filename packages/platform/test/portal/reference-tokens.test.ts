// What the API reference does for a developer beyond showing the contract: a token for one of
// their applications in one click, OAuth2 forms that reach the auth server (CSP and CORS for
// the portal's origin only), the AISP form's redirect URI registered in a click, and no example
// Digest or Signature sent by "Try it out".

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsersRepository } from '../../src/portal/users.js';
import {
  startTestPlatform,
  TEST_API_URL,
  TEST_AUTH_URL,
  type TestPlatform,
} from '../support/test-platform.js';
import { PortalClient, textOf } from './portal-client.js';

const PASSWORD = 'a long enough password';
const REDIRECT = `${TEST_API_URL}/portal/reference/oauth2-redirect.html`;
let tpp: TestPlatform;

beforeAll(async () => {
  tpp = await startTestPlatform();
  const users = new UsersRepository(tpp.store.db);
  await users.create({ email: 'ada@example.com', password: PASSWORD, role: 'developer' });
  await users.create({ email: 'bob@example.com', password: PASSWORD, role: 'developer' });
});
afterAll(() => tpp?.close());

async function signedIn(email: string): Promise<PortalClient> {
  const portal = new PortalClient(tpp.api);
  await portal.signIn(email, PASSWORD);
  return portal;
}

async function createApp(portal: PortalClient, name: string, scopes = ['aspspinformation']) {
  await portal.get('/portal/apps/new');
  const created = await portal.post('/portal/apps', { name, redirectUris: '', scopes });
  const shown = await portal.get(created.location as string);
  return { id: textOf(shown.body, 'client-id') as string, name };
}

function countries(token: string) {
  return tpp.api.inject({
    method: 'GET',
    url: '/psd2/aspspinformation/v1/countries',
    headers: { authorization: `Bearer ${token}`, 'x-request-id': randomUUID() },
  });
}

describe('a token in one click', () => {
  it("issues a working token for the developer's application, with its scopes", async () => {
    const ada = await signedIn('ada@example.com');
    const app = await createApp(ada, 'One click', ['aspspinformation', 'accountinformation']);
    const page = await ada.get('/portal/reference');
    expect(page.body).toContain('id="token-form"');
    expect(page.body).toContain(`<option value="${app.id}">One click`);
    const answer = await ada.post('/portal/reference/token', { clientId: app.id });
    expect(answer.status, answer.body).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    const token = JSON.parse(answer.body);
    expect(token).toMatchObject({
      token_type: 'Bearer',
      scope: 'aspspinformation accountinformation',
      client_id: app.id,
      name: 'One click',
      expires_in: 3600,
    });
    expect((await countries(token.access_token)).statusCode).toBe(200);
    // The application's request log has the call, as for a token from /connect/token.
    const rows = await tpp.platform.requestLog.recent(app.id);
    expect(rows).toHaveLength(1);
  });

  it("refuses the signed-out, another developer's application, a disabled one, and a forged form", async () => {
    const ada = await signedIn('ada@example.com');
    const app = await createApp(ada, 'Guarded');
    const bob = await signedIn('bob@example.com');
    await bob.get('/portal/reference');
    const notBobs = await bob.post('/portal/reference/token', { clientId: app.id });
    expect(notBobs.status).toBe(404);
    expect(JSON.parse(notBobs.body).error).toContain('no application');

    await ada.get(`/portal/apps/${app.id}`);
    await ada.post(`/portal/apps/${app.id}/status`, { status: 'disabled' });
    await ada.get('/portal/reference');
    const disabled = await ada.post('/portal/reference/token', { clientId: app.id });
    expect(disabled.status).toBe(409);
    expect(JSON.parse(disabled.body).error).toContain('Guarded is disabled');

    const forged = await ada.post('/portal/reference/token', { clientId: app.id, _csrf: 'x' });
    expect(forged.status).toBe(403);
    // Signed out, the page has no form, and a post without a session's form token is refused.
    const signedOut = new PortalClient(tpp.api);
    const page = await signedOut.get('/portal/reference');
    expect(page.body).not.toContain('id="token-form"');
    expect(page.body).toContain('to get a token for one of');
    const anonymous = await signedOut.post('/portal/reference/token', { clientId: app.id });
    expect(anonymous.status).toBe(403);
    expect(anonymous.body).not.toContain('access_token');
  });
});

describe("the reference's OAuth2 forms", () => {
  it('may call the auth server from the page (CSP), which answers CORS for the portal only', async () => {
    const page = await tpp.api.inject({ method: 'GET', url: '/portal/reference' });
    const csp = page.headers['content-security-policy'] as string;
    expect(csp).toContain(`connect-src 'self' ${new URL(TEST_AUTH_URL).origin}`);

    const tokenFrom = (origin: string) =>
      tpp.auth.inject({
        method: 'POST',
        url: '/connect/token',
        headers: {
          origin,
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${tpp.client.id}:${tpp.client.secret}`).toString('base64')}`,
        },
        payload: 'grant_type=client_credentials&scope=aspspinformation',
      });
    const portal = await tokenFrom(new URL(TEST_API_URL).origin);
    expect(portal.statusCode, portal.body).toBe(200);
    expect(portal.headers['access-control-allow-origin']).toBe(new URL(TEST_API_URL).origin);
    const elsewhere = await tokenFrom('https://evil.example');
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('serves the redirect page and registers its URI for an application in a click', async () => {
    const redirectPage = await tpp.api.inject({
      method: 'GET',
      url: '/portal/reference/oauth2-redirect.html',
    });
    expect(redirectPage.statusCode).toBe(200);
    expect(redirectPage.body).toContain('<script src="/portal/assets/oauth2-redirect.js">');
    const script = await tpp.api.inject({
      method: 'GET',
      url: '/portal/assets/oauth2-redirect.js',
    });
    expect(script.statusCode).toBe(200);

    const ada = await signedIn('ada@example.com');
    const app = await createApp(ada, 'Redirected');
    const page = await ada.get('/portal/reference/aisp');
    expect(page.body).toContain(REDIRECT);
    expect(page.body).toContain(`<option value="${app.id}">Redirected</option>`);
    // This instance's API is plain http on a name that is not localhost, which no redirect
    // URI may use: refused with the rule, nothing changed. (The browser test adds it on
    // localhost and follows the form to the consent page.)
    const refused = await ada.post('/portal/reference/redirect-uri', { clientId: app.id });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain(`Not added: redirect URI ${REDIRECT} must use https`);
    expect((await tpp.platform.clients.get(app.id)).redirectUris).toEqual([]);

    const bob = await signedIn('bob@example.com');
    await bob.get('/portal/reference/aisp');
    const notBobs = await bob.post('/portal/reference/redirect-uri', { clientId: app.id });
    expect(notBobs.status).toBe(404);
  });

  it('leaves the contract’s example Digest and Signature out of "Try it out"', async () => {
    const document = (
      await tpp.api.inject({ method: 'GET', url: '/portal/reference/openapi.json' })
    ).json();
    for (const name of ['Digest', 'Signature', 'TPP-Signature-Certificate']) {
      expect(document.components.parameters[name].example, name).toBeUndefined();
      expect(document.components.parameters[name].name).toBe(name);
    }
  });
});
