// Applications in the portal: create (the secret shown once), rotate, edit redirect URIs,
// disable; who sees what; bad input refused with nothing changed; output escaped.

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsersRepository } from '../../src/portal/users.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { PortalClient, textOf } from './portal-client.js';

const PASSWORD = 'a long enough password';
let tpp: TestPlatform;

beforeAll(async () => {
  tpp = await startTestPlatform();
  const users = new UsersRepository(tpp.store.db);
  await users.create({ email: 'ada@example.com', password: PASSWORD, role: 'developer' });
  await users.create({ email: 'bob@example.com', password: PASSWORD, role: 'developer' });
  await users.create({ email: 'ops@example.com', password: PASSWORD, role: 'operator' });
});
afterAll(() => tpp?.close());

async function signedIn(email: string): Promise<PortalClient> {
  const portal = new PortalClient(tpp.api);
  await portal.signIn(email, PASSWORD);
  return portal;
}

/** Creates an application through the portal and returns its credentials as shown. */
async function createApp(portal: PortalClient, form: Record<string, string | string[]> = {}) {
  await portal.get('/portal/apps/new');
  const answer = await portal.post('/portal/apps', {
    name: `App ${randomUUID().slice(0, 8)}`,
    redirectUris: 'https://app.example/callback\nhttp://localhost:3000/cb',
    scopes: ['aspspinformation', 'accountinformation'],
    ...form,
  });
  // Redirected after the POST, so a reload shows the page again rather than creating another.
  expect(answer.status, answer.body).toBe(303);
  const shown = await portal.get(answer.location as string);
  expect(shown.status, shown.body).toBe(200);
  const id = textOf(shown.body, 'client-id') as string;
  const secret = textOf(shown.body, 'client-secret') as string;
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  expect(answer.location).toBe(`/portal/apps/${id}/secret`);
  expect(secret).toMatch(/^bbs_/);
  return { id, secret, body: shown.body, location: answer.location as string };
}

function tokenRequest(client: { id: string; secret: string }, scope = 'aspspinformation') {
  return tpp.auth.inject({
    method: 'POST',
    url: '/connect/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: client.id,
      client_secret: client.secret,
      scope,
    }).toString(),
  });
}

describe('creating an application', () => {
  it('makes an OAuth client owned by the developer, and shows its secret once', async () => {
    const ada = await signedIn('ada@example.com');
    const app = await createApp(ada, { name: 'Budget buddy' });
    expect(app.body).toContain('shown only once');

    const client = await tpp.platform.clients.get(app.id);
    const ada_ = await new UsersRepository(tpp.store.db).findByEmail('ada@example.com');
    expect(client).toMatchObject({
      name: 'Budget buddy',
      ownerId: ada_?.id,
      status: 'active',
      scopes: ['aspspinformation', 'accountinformation'],
      redirectUris: ['https://app.example/callback', 'http://localhost:3000/cb'],
    });
    expect(client.secretHash).not.toContain(app.secret);

    expect((await tokenRequest(app)).statusCode).toBe(200);
    // A scope the application was not given is refused.
    expect((await tokenRequest(app, 'paymentinitiation')).statusCode).toBe(400);

    const page = await ada.get(`/portal/apps/${app.id}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Budget buddy');
    expect(page.body).toContain(app.id);
    expect(page.body).not.toContain(app.secret);
    const list = await ada.get('/portal/apps');
    expect(list.body).toContain('Budget buddy');
    expect(list.body).not.toContain(app.secret);
  });

  it.each([
    [{ name: '   ' }, 'Give the application a name.'],
    [{ name: 'x'.repeat(101) }, 'A name has at most 100 characters.'],
    [{ scopes: [] }, 'Choose at least one scope.'],
    [{ scopes: ['aspspinformation', 'banking'] }, 'Unknown scope banking'],
    [{ redirectUris: 'http://app.example/callback' }, 'must use https'],
    [{ redirectUris: 'https://app.example/cb#frag' }, 'must not contain a fragment'],
    [{ redirectUris: 'not a url' }, 'is not an absolute URL'],
  ] as const)('refuses %j with a clear message and creates nothing', async (form, message) => {
    const ada = await signedIn('ada@example.com');
    const before = (await tpp.platform.clients.list()).length;
    await ada.get('/portal/apps/new');
    const answer = await ada.post('/portal/apps', {
      name: 'Refused app',
      redirectUris: 'https://ok.example/cb',
      scopes: ['aspspinformation'],
      ...(form as Record<string, string | readonly string[]>),
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toContain(message);
    expect(answer.body).toContain('role="alert"');
    // What was typed is kept for correcting.
    if ('redirectUris' in form) expect(answer.body).toContain(form.redirectUris);
    expect(await tpp.platform.clients.list()).toHaveLength(before);
  });

  it('shows the secret after a redirect, once: a reload creates nothing and shows no secret', async () => {
    const ada = await signedIn('ada@example.com');
    const before = (await tpp.platform.clients.list()).length;
    const app = await createApp(ada, { name: 'Reloaded' });
    expect(await tpp.platform.clients.list()).toHaveLength(before + 1);
    const again = await ada.get(app.location);
    expect(again.status).toBe(200);
    expect(again.headers['cache-control']).toBe('no-store');
    expect(again.body).toContain('shown once already');
    expect(again.body).not.toContain(app.secret);
    expect(await tpp.platform.clients.list()).toHaveLength(before + 1);
  });

  it('does not show a secret to another sign-in, even one that sees the application', async () => {
    const ada = await signedIn('ada@example.com');
    await ada.get('/portal/apps/new');
    const created = await ada.post('/portal/apps', {
      name: 'Carried',
      redirectUris: '',
      scopes: ['aspspinformation'],
    });
    const sealed = ada.cookie('bb_portal_secret') as string;
    expect(sealed).toBeTruthy();
    expect(created.headers['set-cookie']).toMatch(/Path=\/portal\/apps\/[0-9a-f-]{36}\/secret/);
    const ops = await signedIn('ops@example.com');
    const page = await tpp.api.inject({
      method: 'GET',
      url: created.location as string,
      headers: {
        cookie: `bb_portal_session=${ops.cookie('bb_portal_session')}; bb_portal_secret=${sealed}`,
      },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('shown once already');
    expect(page.body).not.toContain('bbs_');
  });

  it('escapes what people type: a name with markup is shown as text', async () => {
    const ada = await signedIn('ada@example.com');
    const app = await createApp(ada, { name: '<script>alert("x")</script> & co' });
    expect(app.body).not.toContain('<script>alert');
    expect(app.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
    const page = await ada.get(`/portal/apps/${app.id}`);
    expect(page.body).not.toContain('<script>alert');
  });
});

describe('who sees which application', () => {
  it("does not show a developer another developer's application, nor let them change it", async () => {
    const ada = await signedIn('ada@example.com');
    const app = await createApp(ada, { name: 'Ada only' });
    const bob = await signedIn('bob@example.com');

    expect((await bob.get('/portal/apps')).body).not.toContain('Ada only');
    const page = await bob.get(`/portal/apps/${app.id}`);
    expect(page.status).toBe(404);
    expect(page.body).not.toContain('Ada only');

    const before = await tpp.platform.clients.get(app.id);
    for (const [path, form] of [
      ['rotate-secret', {}],
      ['status', { status: 'disabled' }],
      ['redirect-uris', { redirectUris: 'https://bob.example/steal' }],
    ] as const) {
      const answer = await bob.post(`/portal/apps/${app.id}/${path}`, form);
      expect(answer.status, path).toBe(404);
    }
    expect(await tpp.platform.clients.get(app.id)).toEqual(before);
    expect((await tokenRequest(app)).statusCode).toBe(200);
  });

  it('shows an operator every application with its owner, and lets them manage it', async () => {
    const ada = await signedIn('ada@example.com');
    const app = await createApp(ada, { name: 'Seen by ops' });
    const ops = await signedIn('ops@example.com');
    const list = await ops.get('/portal/apps');
    expect(list.body).toContain('Seen by ops');
    expect(list.body).toContain('ada@example.com');
    // The test platform's client was made without the portal: no owner.
    expect(list.body).toContain(tpp.client.id);
    expect(list.body).toContain('none (CLI)');
    const page = await ops.get(`/portal/apps/${app.id}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('ada@example.com');
    const disabled = await ops.post(`/portal/apps/${app.id}/status`, { status: 'disabled' });
    expect(disabled.status).toBe(303);
    expect((await tpp.platform.clients.get(app.id)).status).toBe('disabled');
  });

  it('answers an unknown application id as not found', async () => {
    const ada = await signedIn('ada@example.com');
    const answer = await ada.get(`/portal/apps/${randomUUID()}`);
    expect(answer.status).toBe(404);
    expect(answer.body).toContain('No such application');
  });
});

describe('managing an application', () => {
  it('rotates the secret: the new one is shown once and works, the old one stops at once', async () => {
    const ada = await signedIn('ada@example.com');
    const app = await createApp(ada);
    await ada.get(`/portal/apps/${app.id}`);
    const confirm = await ada.get(`/portal/apps/${app.id}/rotate-secret`);
    expect(confirm.body).toContain('stops working at once');
    // Asking is not rotating.
    expect((await tokenRequest(app)).statusCode).toBe(200);
    const posted = await ada.post(`/portal/apps/${app.id}/rotate-secret`);
    expect(posted.status).toBe(303);
    const rotated = await ada.get(posted.location as string);
    expect(rotated.status).toBe(200);
    expect(rotated.headers['cache-control']).toBe('no-store');
    expect(rotated.body).toContain('the old one no longer works');
    const secret = textOf(rotated.body, 'client-secret') as string;
    expect(secret).toMatch(/^bbs_/);
    expect(secret).not.toBe(app.secret);

    expect((await tokenRequest(app)).statusCode).toBe(401);
    expect((await tokenRequest({ id: app.id, secret })).statusCode).toBe(200);
    expect((await ada.get(`/portal/apps/${app.id}`)).body).not.toContain(secret);
  });

  it('edits the redirect URIs; a bad one is refused and the old ones are kept', async () => {
    const ada = await signedIn('ada@example.com');
    const app = await createApp(ada);
    await ada.get(`/portal/apps/${app.id}`);
    const saved = await ada.post(`/portal/apps/${app.id}/redirect-uris`, {
      redirectUris: 'https://new.example/callback\r\n\r\n  https://other.example/cb  \n',
    });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`/portal/apps/${app.id}?saved=redirect-uris`);
    expect((await tpp.platform.clients.get(app.id)).redirectUris).toEqual([
      'https://new.example/callback',
      'https://other.example/cb',
    ]);
    const page = await ada.get(saved.location as string);
    expect(page.body).toContain('Redirect URIs saved.');

    const refused = await ada.post(`/portal/apps/${app.id}/redirect-uris`, {
      redirectUris: 'https://fine.example/cb\nftp://files.example/cb',
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('Not saved: redirect URI ftp://files.example/cb must use https');
    expect(refused.body).toContain('ftp://files.example/cb');
    expect((await tpp.platform.clients.get(app.id)).redirectUris).toEqual([
      'https://new.example/callback',
      'https://other.example/cb',
    ]);
  });

  it('disables an application: no new tokens, its tokens refused at once; enabling restores it', async () => {
    const ada = await signedIn('ada@example.com');
    const app = await createApp(ada);
    const tokenAnswer = await tokenRequest(app);
    const token = tokenAnswer.json().access_token as string;
    const countries = () =>
      tpp.api.inject({
        method: 'GET',
        url: '/psd2/aspspinformation/v1/countries',
        headers: { authorization: `Bearer ${token}`, 'x-request-id': randomUUID() },
      });
    // Checked once, so this instance has the token cached as valid.
    expect((await countries()).statusCode).toBe(200);

    await ada.get(`/portal/apps/${app.id}`);
    const disabled = await ada.post(`/portal/apps/${app.id}/status`, { status: 'disabled' });
    expect(disabled.status).toBe(303);
    const page = await ada.get(disabled.location as string);
    expect(page.body).toContain('Application disabled');
    expect(page.body).toContain('Enable application');

    const refused = await tokenRequest(app);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error).toBe('invalid_client');
    expect((await countries()).statusCode).toBe(401);

    await ada.post(`/portal/apps/${app.id}/status`, { status: 'active' });
    expect((await tokenRequest(app)).statusCode).toBe(200);
  });

  it('refuses a status that is neither active nor disabled, changing nothing', async () => {
    const ada = await signedIn('ada@example.com');
    const app = await createApp(ada);
    await ada.get(`/portal/apps/${app.id}`);
    const answer = await ada.post(`/portal/apps/${app.id}/status`, { status: 'deleted' });
    expect(answer.status).toBe(400);
    expect((await tpp.platform.clients.get(app.id)).status).toBe('active');
  });
});
