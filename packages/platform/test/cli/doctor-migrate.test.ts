/**
 * `bankbridge migrate` and `bankbridge doctor` as an operator runs them, on a store of their
 * own (a new SQLite data directory, or a PostgreSQL schema not yet created) and against the
 * real sandbox banks over HTTP.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type RunningSandbox, runSandbox } from '@bankbridge/sandbox';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { migrationProvider } from '../../src/store/migrations/index.js';
import { SQLITE_FILE } from '../../src/store/open-store.js';
import { CLI_TIMEOUT_MS, type CliStore, runCli } from '../support/cli.js';
import { startTestPlatform } from '../support/test-platform.js';
import { adminQuery, TEST_DATABASE_URL, TEST_DB } from '../support/test-store.js';

vi.setConfig({ testTimeout: 3 * CLI_TIMEOUT_MS });

const SECRET = `doctor-${randomBytes(16).toString('hex')}`;
let store: CliStore;
let sandbox: RunningSandbox;
let migrations: string[];

beforeAll(async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bankbridge-doctor-'));
  store =
    TEST_DB === 'postgres'
      ? {
          dataDir,
          databaseUrl: TEST_DATABASE_URL,
          postgresSchema: `bb_test_${randomBytes(6).toString('hex')}`,
        }
      : { dataDir, databaseUrl: undefined, postgresSchema: undefined };
  sandbox = await runSandbox({ port: 0, host: '127.0.0.1', logger: pino({ level: 'silent' }) });
  migrations = Object.keys(await migrationProvider.getMigrations());
});
afterAll(async () => {
  await sandbox?.close();
  if (store?.postgresSchema)
    await adminQuery(`DROP SCHEMA IF EXISTS ${store.postgresSchema} CASCADE`);
  if (store) rmSync(store.dataDir, { recursive: true, force: true });
});

const env = () => ({ BANKBRIDGE_SECRET_KEY: SECRET, BANKBRIDGE_SANDBOX_URL: sandbox.url });

describe('bankbridge doctor and migrate, in the order of a first deploy', () => {
  it('doctor on a database never migrated fails, naming the migrations and what to run', async () => {
    const result = await runCli(store, ['doctor'], { env: env() });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/^ok {4}configuration/m);
    expect(result.stdout).toMatch(
      new RegExp(`^FAIL  migrations +${migrations.length} pending: ${migrations[0]}`, 'm'),
    );
    expect(result.stdout).toContain('fix: run bankbridge migrate');
    expect(result.stdout).toMatch(/1 check failed\n$/);
  });

  it('migrate --dry-run lists every pending migration and applies none', async () => {
    const result = await runCli(store, ['migrate', '--dry-run'], { env: env() });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`${migrations.length} pending on `);
    for (const name of migrations) expect(result.stdout).toContain(`  ${name}\n`);
    const again = await runCli(store, ['migrate', '--dry-run'], { env: env() });
    expect(again.stdout).toContain(`${migrations.length} pending on `);
    // Neither doctor nor a dry run wrote anything: not even an empty SQLite file.
    if (TEST_DB === 'sqlite') expect(existsSync(path.join(store.dataDir, SQLITE_FILE))).toBe(false);
  });

  it('migrate applies them once; a second run has nothing to apply', async () => {
    const first = await runCli(store, ['migrate'], { env: env() });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`applied ${migrations.length} on `);
    const second = await runCli(store, ['migrate'], { env: env() });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/^nothing to apply: .* is up to date\n$/);
  });

  it('doctor then passes, having reached every bank of the registry', async () => {
    const result = await runCli(store, ['doctor', '--json'], { env: env() });
    expect(result.code, result.stdout).toBe(0);
    const report = JSON.parse(result.stdout) as {
      ok: boolean;
      findings: Array<{ subject: string; verdict: string; detail: string }>;
    };
    expect(report.ok).toBe(true);
    const banks = report.findings.filter((f) => f.subject.startsWith('bank '));
    expect(banks.length).toBeGreaterThan(5);
    for (const bank of banks) {
      expect(bank.verdict, bank.detail).toBe('ok');
      expect(bank.detail).toContain(sandbox.url);
    }
    expect(report.findings.map((f) => f.subject)).toEqual(
      expect.arrayContaining([
        'configuration',
        'registry',
        'secret key',
        'TLS',
        'database',
        'migrations',
      ]),
    );
  });

  it('doctor fails on an unreachable bank, a short key and missing TLS files, saying what to fix', async () => {
    const closed = await runSandbox({
      port: 0,
      host: '127.0.0.1',
      logger: pino({ level: 'silent' }),
    });
    const gone = closed.url;
    await closed.close();
    const result = await runCli(store, ['doctor'], {
      env: {
        BANKBRIDGE_SECRET_KEY: 'too-short',
        BANKBRIDGE_SANDBOX_URL: gone,
        BANKBRIDGE_TLS_CERT: path.join(store.dataDir, 'missing-cert.pem'),
        BANKBRIDGE_TLS_KEY: path.join(store.dataDir, 'missing-key.pem'),
      },
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^FAIL {2}secret key +BANKBRIDGE_SECRET_KEY must be at least 32/m,
    );
    expect(result.stdout).toMatch(/^FAIL {2}TLS certificate .*missing-cert\.pem/m);
    expect(result.stdout).toMatch(/^FAIL {2}bank SWEDSESS +.* not reachable: ECONNREFUSED/m);
    expect(result.stdout).toContain('is bankbridge start (or bankbridge sandbox) running?');
    expect(result.stdout).toMatch(/^ok {4}migrations/m);
  });

  it('doctor stops at a configuration it cannot read', async () => {
    const result = await runCli(store, ['doctor'], { env: { BANKBRIDGE_API_PORT: 'eighty' } });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^FAIL {2}configuration +BANKBRIDGE_API_PORT must be a port/m);
    expect(result.stdout).toContain('nothing else was checked');
  });
});

describe('bankbridge doctor and the secret key', () => {
  it('fails when the key is not the one that sealed the keys in the database', async () => {
    const t = await startTestPlatform();
    try {
      const cli: CliStore = {
        dataDir: t.store.dataDir,
        databaseUrl: t.store.databaseUrl,
        postgresSchema: t.store.postgresSchema,
      };
      const other = await runCli(cli, ['doctor', '--no-banks'], {
        env: { BANKBRIDGE_SECRET_KEY: `another-${SECRET}` },
      });
      expect(other.code).toBe(1);
      expect(other.stdout).toMatch(/^FAIL {2}secret key +it does not open the keys stored/m);
      const same = await runCli(cli, ['doctor', '--no-banks'], {
        env: { BANKBRIDGE_SECRET_KEY: 'bankbridge-test-secret-key-0123456789abcdef' },
      });
      expect(same.code, same.stdout).toBe(0);
      expect(same.stdout).not.toContain('bank ');
    } finally {
      await t.close();
    }
  });
});
