// Password guessing is slowed down: ten wrong passwords for one email within 15 minutes, and
// that email cannot sign in until the window has passed, right password or not.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsersRepository } from '../../src/portal/users.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { PortalClient } from './portal-client.js';

const PASSWORD = 'the right password';
let tpp: TestPlatform;
let clock = new Date('2025-06-02T08:00:00.000Z');

beforeAll(async () => {
  tpp = await startTestPlatform({ now: () => clock });
  const users = new UsersRepository(tpp.store.db);
  await users.create({ email: 'target@example.com', password: PASSWORD, role: 'developer' });
  await users.create({ email: 'other@example.com', password: PASSWORD, role: 'developer' });
});
afterAll(() => tpp?.close());

async function attempt(email: string, password: string) {
  const portal = new PortalClient(tpp.api);
  await portal.get('/portal/sign-in');
  return portal.post('/portal/sign-in', { email, password });
}

describe('sign-in throttling', () => {
  it('refuses an email after ten wrong passwords, until fifteen minutes have passed', async () => {
    for (let n = 0; n < 10; n++) {
      expect((await attempt('target@example.com', `guess ${n} is wrong`)).status).toBe(401);
      clock = new Date(clock.getTime() + 1000);
    }
    const refused = await attempt('TARGET@example.com', PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.body).toContain(
      'Too many wrong passwords for this email. Try again in 15 minutes.',
    );
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(800);
    expect(refused.headers['set-cookie']?.toString() ?? '').not.toContain('bb_portal_session');

    // Another account is not affected.
    expect((await attempt('other@example.com', PASSWORD)).status).toBe(303);

    clock = new Date(clock.getTime() + 15 * 60_000);
    expect((await attempt('target@example.com', PASSWORD)).status).toBe(303);
  });

  it('forgets the failures of an email once it signs in', async () => {
    for (let n = 0; n < 9; n++) {
      expect((await attempt('other@example.com', 'wrong again')).status).toBe(401);
    }
    expect((await attempt('other@example.com', PASSWORD)).status).toBe(303);
    expect((await attempt('other@example.com', 'wrong once more')).status).toBe(401);
    expect((await attempt('other@example.com', PASSWORD)).status).toBe(303);
  });
});
