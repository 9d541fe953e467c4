// `bankbridge users`: the way the first operator account is made, as a subprocess on the same
// store as a platform in this process.

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CLI_TIMEOUT_MS, runCli } from '../support/cli.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { PortalClient } from './portal-client.js';

// Tests here run the CLI as a subprocess, some of them twice.
vi.setConfig({ testTimeout: 2 * CLI_TIMEOUT_MS + 10_000 });

let tpp: TestPlatform;

beforeAll(async () => {
  tpp = await startTestPlatform();
});
afterAll(() => tpp?.close());

const cli = (args: string[], stdin?: string) => runCli(tpp.store, args, { stdin });

describe('bankbridge users', () => {
  it('creates an operator with a generated password, printed once, that signs in to the portal', async () => {
    const result = await cli([
      'users',
      'create',
      '--email',
      'Root@Example.com',
      '--role',
      'operator',
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const created = JSON.parse(result.stdout) as { email: string; role: string; password: string };
    expect(created).toMatchObject({ email: 'root@example.com', role: 'operator' });
    expect(created.password).toMatch(/^[A-Za-z0-9_-]{20}$/);
    const stored = await tpp.store.db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(stored.password_hash).not.toContain(created.password);

    const portal = new PortalClient(tpp.api);
    const apps = await portal.signIn('root@example.com', created.password);
    expect(apps.body).toContain('As an operator you see every application');

    const list = await cli(['users', 'list', '--json']);
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({ email: 'root@example.com', role: 'operator' }),
    ]);
    expect(list.stdout).not.toContain('scrypt');
  });

  it('takes a password from standard input and prints none', async () => {
    const result = await cli(
      ['users', 'create', '--email', 'dev@example.com', '--password-stdin'],
      'my own long password\n',
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('role:     developer');
    expect(result.stdout).not.toContain('password:');
    await new PortalClient(tpp.api).signIn('dev@example.com', 'my own long password');
  });

  it.each([
    [['--email', 'not-an-address'], '"not-an-address" is not an email address'],
    [['--email', 'root@example.com'], 'a user root@example.com exists already'],
    [['--email', 'x@example.com', '--role', 'admin'], "argument 'admin' is invalid"],
  ])('refuses %j with one clear line and changes nothing', async (args, message) => {
    const before = await tpp.store.db.selectFrom('users').select('id').execute();
    const result = await cli(['users', 'create', ...args]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(await tpp.store.db.selectFrom('users').select('id').execute()).toHaveLength(
      before.length,
    );
  });

  it('refuses a short password from standard input', async () => {
    const result = await cli(
      ['users', 'create', '--email', 'short@example.com', '--password-stdin'],
      'short\n',
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('a password needs at least 12 characters');
  });

  it('resets a password: the old one and the sessions made with it stop working', async () => {
    const portal = new PortalClient(tpp.api);
    await portal.signIn('dev@example.com', 'my own long password');
    const result = await cli(['users', 'reset-password', 'DEV@example.com', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const { password } = JSON.parse(result.stdout) as { password: string };
    expect((await portal.get('/portal/apps')).status).toBe(303);
    const old = new PortalClient(tpp.api);
    await old.get('/portal/sign-in');
    expect(
      (
        await old.post('/portal/sign-in', {
          email: 'dev@example.com',
          password: 'my own long password',
        })
      ).status,
    ).toBe(401);
    await new PortalClient(tpp.api).signIn('dev@example.com', password);

    const unknown = await cli(['users', 'reset-password', 'nobody@example.com']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no user nobody@example.com');
  });
});
