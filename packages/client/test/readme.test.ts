/**
 * The README's promise: its example, pasted into a file in a checkout where `npm start` runs
 * and started with `npx tsx`, lists the banks, connects at Swedbank and prints the accounts
 * once someone approves in the BankID simulator. Here `bankbridge start` (what `npm start`
 * runs) listens on free ports, the example type-checks, runs as written, and the test is the
 * person who approves.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../platform/test/support/free-port.js';
import { TEST_DB } from '../../platform/test/support/test-store.js';
import { ANNA, bankIdApp } from './support/live-platform.js';

const CLIENT = path.resolve(import.meta.dirname, '..');
const ROOT = path.resolve(CLIENT, '../..');
const CLI = path.join(ROOT, 'packages/platform/bin/bankbridge.mjs');
const TSX = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc');

/** The TypeScript block of the README between `<!-- example:start -->` and `<!-- example:end -->`. */
function readmeExample(): string {
  const readme = readFileSync(path.join(CLIENT, 'README.md'), 'utf8');
  const block = /<!-- example:start -->\s*```ts\n([\s\S]*?)```\s*<!-- example:end -->/.exec(
    readme,
  )?.[1];
  if (!block) throw new Error('packages/client/README.md has no example block');
  return block;
}

describe.skipIf(TEST_DB !== 'sqlite')('the README example', () => {
  let checkout: string;
  let platform: ChildProcess;
  let banner = '';
  const urls = { api: '', auth: '', sandbox: '' };

  beforeAll(async () => {
    // A directory that looks like the checkout the reader is in: data/ from `npm start`, and
    // @bankbridge/client resolvable as it is from the repository root.
    checkout = mkdtempSync(path.join(tmpdir(), 'bankbridge-client-readme-'));
    writeFileSync(path.join(checkout, 'package.json'), '{ "type": "module" }\n');
    mkdirSync(path.join(checkout, 'node_modules/@bankbridge'), { recursive: true });
    symlinkSync(CLIENT, path.join(checkout, 'node_modules/@bankbridge/client'));
    symlinkSync(path.join(ROOT, 'node_modules/@types'), path.join(checkout, 'node_modules/@types'));
    writeFileSync(path.join(checkout, 'try-bankbridge.ts'), readmeExample());

    const [api, auth, sandbox] = [await freePort(), await freePort(), await freePort()];
    Object.assign(urls, {
      api: `http://localhost:${api}`,
      auth: `http://localhost:${auth}`,
      sandbox: `http://localhost:${sandbox}`,
    });
    platform = spawn(process.execPath, [CLI, 'start'], {
      cwd: checkout,
      env: {
        ...process.env,
        BANKBRIDGE_API_PORT: String(api),
        BANKBRIDGE_AUTH_PORT: String(auth),
        BANKBRIDGE_SANDBOX_PORT: String(sandbox),
        BANKBRIDGE_LOG_LEVEL: 'warn',
        DATABASE_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    platform.stdout?.on('data', (chunk: Buffer) => {
      banner += chunk.toString();
    });
    await waitFor(
      () => banner.includes('Stop with Ctrl-C'),
      30_000,
      () => banner,
    );
  }, 40_000);

  afterAll(async () => {
    if (platform && platform.exitCode === null) platform.kill('SIGKILL');
    if (checkout) rmSync(checkout, { recursive: true, force: true });
  });

  it('type-checks as pasted', async () => {
    const result = await promisify(execFile)(
      process.execPath,
      [
        TSC,
        '--noEmit',
        '--strict',
        '--skipLibCheck',
        '--target',
        'es2022',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--types',
        'node',
        'try-bankbridge.ts',
      ],
      { cwd: checkout },
    ).catch((error: { stdout: string; code: number }) => error);
    expect('code' in result ? result.stdout : '').toBe('');
  }, 60_000);

  it('runs as pasted: banks, the BankID link, and the accounts once approved', async () => {
    const run = spawn(process.execPath, [TSX, 'try-bankbridge.ts'], {
      cwd: checkout,
      env: { ...process.env, API: urls.api, AUTH: urls.auth, SANDBOX: urls.sandbox },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    run.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    run.stderr.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => run.once('exit', resolve));
    try {
      const link = new RegExp(`${urls.sandbox}/bankid\\?autostarttoken=([A-Za-z0-9-]+)`);
      await waitFor(
        () => link.test(out) || run.exitCode !== null,
        20_000,
        () => out,
      );
      const token = link.exec(out)?.[1];
      expect(token, out).toBeTruthy();
      // The reader opens the link, picks Anna and approves.
      await bankIdApp(urls.sandbox, token as string, 'approve', ANNA);
      expect(await exited, out).toBe(0);
    } finally {
      if (run.exitCode === null) run.kill('SIGKILL');
    }
    const lines = out.trim().split('\n');
    expect(lines[0]).toMatch(/^Banks in Sweden: .*ESSESESS.*SWEDSESS/);
    const accounts = lines.slice(2);
    expect(accounts.length).toBeGreaterThan(0);
    for (const line of accounts) expect(line).toMatch(/^SE\d{22} .+ -?\d+\.\d{2} SEK$/);
  }, 40_000);
});

async function waitFor(done: () => boolean, ms: number, explain: () => string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out; output so far:\n${explain()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
