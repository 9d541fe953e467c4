import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsersRepository } from '../../src/portal/users.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { PortalClient } from './portal-client.js';

let tpp: TestPlatform;
const PASSWORD = 'correct horse battery';

beforeAll(async () => {
  tpp = await startTestPlatform();
  await new UsersRepository(tpp.store.db).create({
    email: 'Dev@Example.com',
    password: PASSWORD,
    role: 'developer',
  });
});
afterAll(() => tpp?.close());

describe('portal sign-in', () => {
  it('sends a person without a session to the sign-in page', async () => {
    const portal = new PortalClient(tpp.api);
    const root = await portal.get('/portal');
    expect(root.status).toBe(303);
    expect(root.location).toBe('/portal/sign-in');
    const apps = await portal.get('/portal/apps');
    expect(apps.status).toBe(303);
    expect(apps.location).toBe('/portal/sign-in');
    const page = await portal.get('/portal/sign-in');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('<form method="post" action="/portal/sign-in">');
  });

  it('signs in with the right password, the email in any case, into a secure session cookie', async () => {
    const portal = new PortalClient(tpp.api);
    await portal.get('/portal/sign-in');
    const answer = await portal.post('/portal/sign-in', {
      email: ' dev@EXAMPLE.com ',
      password: PASSWORD,
    });
    expect(answer.status).toBe(303);
    expect(answer.location).toBe('/portal/apps');
    const setCookie = [answer.headers['set-cookie']].flat().join('\n');
    const session = setCookie.split('\n').find((c) => c.startsWith('bb_portal_session='));
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(session).toMatch(/Path=\/portal/);
    expect(session).toMatch(/Max-Age=43200/);
    const apps = await portal.get('/portal/apps');
    expect(apps.status).toBe(200);
    expect(apps.body).toContain('dev@example.com');
    expect(apps.headers['cache-control']).toBe('no-store');
    expect(apps.headers['content-security-policy']).toContain("script-src 'self'");
    expect(apps.headers['x-frame-options']).toBe('DENY');
    expect(apps.headers['x-content-type-options']).toBe('nosniff');
    expect(apps.headers['referrer-policy']).toBe('same-origin');
  });

  it('stores a session by a hash: the cookie value is not in the database', async () => {
    const portal = new PortalClient(tpp.api);
    await portal.signIn('dev@example.com', PASSWORD);
    const value = portal.cookie('bb_portal_session') as string;
    expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await tpp.store.db.selectFrom('user_sessions').select('id').execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.id)).not.toContain(value);
  });

  it('refuses a wrong password and an unknown email alike, and sets no session', async () => {
    for (const email of ['dev@example.com', 'nobody@example.com']) {
      const portal = new PortalClient(tpp.api);
      await portal.get('/portal/sign-in');
      const answer = await portal.post('/portal/sign-in', { email, password: 'wrong password!' });
      expect(answer.status).toBe(401);
      expect(answer.body).toContain('Wrong email or password.');
      expect(answer.body).toContain(`value="${email}"`);
      expect(portal.cookie('bb_portal_session')).toBeUndefined();
      expect((await portal.get('/portal/apps')).status).toBe(303);
    }
  });

  it('refuses a sign-in form without the CSRF token of a portal page', async () => {
    const portal = new PortalClient(tpp.api);
    await portal.get('/portal/sign-in');
    const forged = await portal.post('/portal/sign-in', {
      _csrf: 'forged',
      email: 'dev@example.com',
      password: PASSWORD,
    });
    expect(forged.status).toBe(403);
    expect(forged.body).toContain('Form expired');
    expect(portal.cookie('bb_portal_session')).toBeUndefined();
  });

  it('refuses a form whose token was made before signing in (bound to the session)', async () => {
    const portal = new PortalClient(tpp.api);
    await portal.get('/portal/sign-in');
    const signedOutToken = portal.csrf as string;
    await portal.post('/portal/sign-in', { email: 'dev@example.com', password: PASSWORD });
    const answer = await portal.post('/portal/apps', {
      _csrf: signedOutToken,
      name: 'Sneaky',
      scopes: 'aspspinformation',
    });
    expect(answer.status).toBe(403);
    const apps = await tpp.platform.clients.list();
    expect(apps.map((a) => a.name)).not.toContain('Sneaky');
  });

  it('signs out: the session ends in the database, not only in the browser', async () => {
    const portal = new PortalClient(tpp.api);
    await portal.signIn('dev@example.com', PASSWORD);
    const value = portal.cookie('bb_portal_session') as string;
    const out = await portal.post('/portal/sign-out');
    expect(out.status).toBe(303);
    expect(out.location).toBe('/portal/sign-in');
    expect(portal.cookie('bb_portal_session')).toBeUndefined();
    const replay = await tpp.api.inject({
      method: 'GET',
      url: '/portal/apps',
      headers: { cookie: `bb_portal_session=${value}` },
    });
    expect(replay.statusCode).toBe(303);
    expect(replay.headers.location).toBe('/portal/sign-in');
  });
});
