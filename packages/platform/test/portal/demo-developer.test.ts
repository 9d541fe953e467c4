// The demo developer `npm start` prints: made once, owns the demo client, and its password is
// printed on every start for as long as it is the account's password.

import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoClient } from '../../src/demo-client.js';
import { DEMO_DEVELOPER_EMAIL, ensureDemoDeveloper } from '../../src/portal/demo-developer.js';
import { startTestPlatform, TEST_API_URL, type TestPlatform } from '../support/test-platform.js';
import { PortalClient } from './portal-client.js';

let tpp: TestPlatform;
beforeAll(async () => {
  tpp = await startTestPlatform();
});
afterAll(() => tpp?.close());

describe('the demo developer', () => {
  it('is made once, owns the demo client, signs in and sees it', async () => {
    const { platform, store } = tpp;
    const demo = await ensureDemoClient(
      platform.clients,
      platform.settings,
      store.dataDir,
      TEST_API_URL,
    );
    const first = await ensureDemoDeveloper(
      platform.users,
      platform.clients,
      store.dataDir,
      demo.clientId,
    );
    expect(first.email).toBe(DEMO_DEVELOPER_EMAIL);
    expect(first.password).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(existsSync(first.file)).toBe(true);
    expect(statSync(first.file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(first.file, 'utf8'))).toEqual({
      email: DEMO_DEVELOPER_EMAIL,
      password: first.password,
    });

    const again = await ensureDemoDeveloper(
      platform.users,
      platform.clients,
      store.dataDir,
      demo.clientId,
    );
    expect(again.password).toBe(first.password);
    expect(await platform.users.list()).toHaveLength(1);

    const user = await platform.users.findByEmail(DEMO_DEVELOPER_EMAIL);
    expect((await platform.clients.get(demo.clientId)).ownerId).toBe(user?.id);
    const apps = await new PortalClient(tpp.api).signIn(
      DEMO_DEVELOPER_EMAIL,
      first.password as string,
    );
    expect(apps.body).toContain('Bankbridge demo');
    expect(apps.body).not.toContain(tpp.client.id);
  });

  it('prints no password once it was reset with the CLI, rather than a stale one', async () => {
    const { platform, store } = tpp;
    const demo = await ensureDemoClient(
      platform.clients,
      platform.settings,
      store.dataDir,
      TEST_API_URL,
    );
    await platform.users.setPassword(DEMO_DEVELOPER_EMAIL, 'reset by the operator');
    const after = await ensureDemoDeveloper(
      platform.users,
      platform.clients,
      store.dataDir,
      demo.clientId,
    );
    expect(after.password).toBeUndefined();
    expect(path.basename(after.file)).toBe('demo-developer.json');
  });
});
