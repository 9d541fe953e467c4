import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, type StartedBankbridge, startBankbridge } from './support/bankbridge-start.js';
import { freePort } from './support/free-port.js';
import { readmeBlock, waitFor } from './support/readme-blocks.js';
import { runRedirectWalkthrough } from './support/readme-redirect.js';
import { TEST_DATABASE_URL, TEST_DB } from './support/test-store.js';

/**
 * The README's promise, kept: `bankbridge start` (what `npm start` runs) serves the platform
 * and the sandbox banks, prints the demo credentials, and the curl walk-through works as
 * pasted. Runs on SQLite only: it is about the embedded quick start.
 */
describe.skipIf(TEST_DB !== 'sqlite')('quick start', () => {
  let started: StartedBankbridge;
  let cwd: string;
  let child: ChildProcess;
  let banner = '';
  let ports: StartedBankbridge['ports'];

  beforeAll(async () => {
    started = await startBankbridge('quickstart');
    ({ cwd, child, ports, banner } = started);
  }, 120_000);

  afterAll(() => started?.stop());

  it('prints the URLs and the demo client credentials', () => {
    const saved = JSON.parse(readFileSync(path.join(cwd, 'data/demo-client.json'), 'utf8'));
    expect(banner).toContain(`http://localhost:${ports.api}`);
    expect(banner).toContain(`http://localhost:${ports.auth}/connect/token`);
    expect(banner).toContain(`http://localhost:${ports.sandbox}/banks/{BIC}`);
    expect(banner).toContain(saved.clientId);
    expect(banner).toContain(saved.clientSecret);
  });

  // The README promises Node.js 20.19; a start there must not tell the reader to upgrade.
  it('prints no runtime warning', () => {
    expect(started.stderr).not.toContain('Unsupported runtime');
    expect(started.stderr).not.toContain('WARNING');
  });

  /** The shell a reader pastes into, with the ports of this start. */
  function walkthroughEnv(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      AUTH: `http://localhost:${ports.auth}`,
      API: `http://localhost:${ports.api}`,
      SANDBOX: `http://localhost:${ports.sandbox}`,
    };
  }

  it('answers the README walk-through as pasted', async () => {
    const { stdout } = await promisify(execFile)(
      'bash',
      ['-euo', 'pipefail', '-c', readmeBlock('walkthrough')],
      { cwd, env: walkthroughEnv() },
    );
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

  it('answers the README consent walk-through as pasted: decoupled SCA with the BankID simulator', async () => {
    const { stdout } = await promisify(execFile)(
      'bash',
      ['-euo', 'pipefail', '-c', readmeBlock('consent-decoupled')],
      { cwd, env: walkthroughEnv() },
    );
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^aspsp-sca-approach: DECOUPLED\r?$/i);
    expect(lines[1]).toMatch(/^bankid:\/\/\/\?autostarttoken=[A-Za-z0-9-]{8,}$/);
    expect(JSON.parse(lines[2] ?? '')).toMatchObject({ status: 'complete', bic: 'SWEDSESS' });
    expect(lines.at(-1)).toBe('consentStatus: valid');
  }, 30_000);

  it('answers the README account reads as pasted, after the decoupled consent', async () => {
    const { stdout } = await promisify(execFile)(
      'bash',
      [
        '-euo',
        'pipefail',
        '-c',
        [readmeBlock('consent-decoupled'), readmeBlock('account-reads')].join('\n'),
      ],
      { cwd, env: walkthroughEnv() },
    );
    const [accounts, balances, transactions, details] = stdout
      .trim()
      .split('\n')
      .slice(-4)
      .map((line) => JSON.parse(line));
    const account = accounts.accounts[0];
    expect(account.resourceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(account._links.transactions.href).toBe(
      `/psd2/accountinformation/v1/accounts/${account.resourceId}/transactions`,
    );
    expect(balances.balances.length).toBeGreaterThan(0);
    expect(balances.account.iban).toBe(account.iban);
    const booked = transactions.transactions.booked;
    expect(booked.length).toBeGreaterThan(0);
    expect(details.transactionsDetails.transactionId).toBe(booked[0].transactionId);
  }, 30_000);

  it('answers the README redirect walk-through, the browser part done over HTTP', async () => {
    // One shell, as a reader uses it: the decoupled block sets up what the redirect block
    // reuses; the shell then waits for the code the reader would paste.
    const { out, query } = await runRedirectWalkthrough({
      blocks: ['consent-decoupled', 'consent-redirect'],
      tokenBlock: 'consent-redirect-token',
      cwd,
      env: walkthroughEnv(),
      state: 'my-session-1',
      linkWithinMs: 20_000,
    });
    expect(out).toMatch(/^aspsp-sca-approach: REDIRECT\r?$/im);
    expect(query).toMatchObject({ state: 'my-session-1', scope: 'accountinformation private' });
    const [token, status] = out.trim().split('\n').slice(-2);
    expect(JSON.parse(token ?? '')).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3600,
      access_token: expect.any(String),
    });
    expect(JSON.parse(status ?? '')).toEqual({ consentStatus: 'valid' });
  }, 40_000);

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
