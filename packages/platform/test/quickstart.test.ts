import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './support/free-port.js';
import { TEST_DATABASE_URL, TEST_DB } from './support/test-store.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const CLI = path.join(ROOT, 'packages/platform/bin/bankbridge.mjs');

/**
 * The README's promise, kept: `bankbridge start` (what `npm start` runs) serves the platform
 * and the sandbox banks, prints the demo credentials, and the curl walk-through works as
 * pasted. Runs on SQLite only: it is about the embedded quick start.
 */
describe.skipIf(TEST_DB !== 'sqlite')('quick start', () => {
  let cwd: string;
  let child: ChildProcess;
  let banner = '';
  const ports: Record<'api' | 'auth' | 'sandbox', number> = { api: 0, auth: 0, sandbox: 0 };

  beforeAll(async () => {
    cwd = mkdtempSync(path.join(tmpdir(), 'bankbridge-quickstart-'));
    ports.api = await freePort();
    ports.auth = await freePort();
    ports.sandbox = await freePort();
    child = spawn(process.execPath, [CLI, 'start'], {
      cwd,
      env: {
        ...process.env,
        BANKBRIDGE_API_PORT: String(ports.api),
        BANKBRIDGE_AUTH_PORT: String(ports.auth),
        BANKBRIDGE_SANDBOX_PORT: String(ports.sandbox),
        DATABASE_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      banner += chunk.toString();
    });
    await waitFor(
      () => banner.includes('Stop with Ctrl-C'),
      30_000,
      () => banner,
    );
  }, 40_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGKILL');
    }
    if (cwd) rmSync(cwd, { recursive: true, force: true });
  });

  it('prints the URLs and the demo client credentials', () => {
    const saved = JSON.parse(readFileSync(path.join(cwd, 'data/demo-client.json'), 'utf8'));
    expect(banner).toContain(`http://localhost:${ports.api}`);
    expect(banner).toContain(`http://localhost:${ports.auth}/connect/token`);
    expect(banner).toContain(`http://localhost:${ports.sandbox}/banks/{BIC}`);
    expect(banner).toContain(saved.clientId);
    expect(banner).toContain(saved.clientSecret);
  });

  it('answers the README walk-through as pasted', async () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const block = /<!-- walkthrough:start -->\s*```sh\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block, 'README.md has a walk-through block').toBeTruthy();
    const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', block ?? ''], {
      cwd,
      env: {
        ...process.env,
        AUTH: `http://localhost:${ports.auth}`,
        API: `http://localhost:${ports.api}`,
      },
    });
    const [countries, swedishBanks, seb] = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(countries.countries.map((c: { isoCountryCode: string }) => c.isoCountryCode)).toEqual([
      'SE',
      'FI',
      'DE',
      'DK',
    ]);
    expect(swedishBanks.aspsps.map((a: { bicFi: string }) => a.bicFi)).toContain('ESSESESS');
    expect(seb).toMatchObject({ bicFi: 'ESSESESS', city: 'Stockholm', country: 'Sweden' });
  });

  it('serves the sandbox banks from the same start', async () => {
    const response = await fetch(`http://localhost:${ports.sandbox}/banks/ESSESESS/v1/accounts`);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(await response.json()).toHaveProperty('tppMessages');
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});

describe.skipIf(TEST_DB !== 'postgres')('start on PostgreSQL', () => {
  it('migrates and serves with DATABASE_URL', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'bankbridge-start-pg-'));
    const port = await freePort();
    // A schema of its own, created by the start itself, so runs never share tables.
    const schema = `bb_start_${randomBytes(6).toString('hex')}`;
    const child = spawn(process.execPath, [CLI, 'start', '--no-sandbox'], {
      cwd,
      env: {
        ...process.env,
        DATABASE_URL: TEST_DATABASE_URL,
        BANKBRIDGE_DB_SCHEMA: schema,
        BANKBRIDGE_API_PORT: String(port),
        BANKBRIDGE_AUTH_PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    try {
      await waitFor(
        () => out.includes('Stop with Ctrl-C'),
        30_000,
        () => out,
      );
      expect(out).toContain('PostgreSQL');
      const discovery = await fetch(`http://localhost:${port}/.well-known/openid-configuration`);
      expect((await discovery.json()).token_endpoint).toBe(
        `http://localhost:${port}/connect/token`,
      );
      expect(out).toContain(`schema ${schema}`);
    } finally {
      child.kill('SIGKILL');
      rmSync(cwd, { recursive: true, force: true });
      await dropSchema(schema);
    }
  }, 40_000);
});

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

async function waitFor(done: () => boolean, ms: number, explain: () => string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out; output so far:\n${explain()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
