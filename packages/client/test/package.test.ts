/**
 * The SDK as a TPP gets it, as its README's "Try it" says: `npm pack` in the checkout, the
 * tarball installed (offline: it has no dependencies) into a fresh `npm init -y` project, and
 * there the README's example as pasted: run by `node` against `bankbridge start` (the test is
 * the person who approves in the BankID simulator), type-checked by `tsc`, bundled for
 * browsers by esbuild, and required from CommonJS.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type StartedBankbridge,
  startBankbridge,
} from '../../platform/test/support/bankbridge-start.js';
import { TEST_DB } from '../../platform/test/support/test-store.js';
import { ANNA, bankIdApp } from './support/live-platform.js';

const CLIENT = path.resolve(import.meta.dirname, '..');
const ROOT = path.resolve(CLIENT, '../..');
const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc');

/** The README's example: the block between `<!-- example:start -->` and `<!-- example:end -->`. */
function readmeExample(): string {
  const readme = readFileSync(path.join(CLIENT, 'README.md'), 'utf8');
  const block = /<!-- example:start -->\s*```js\n([\s\S]*?)```\s*<!-- example:end -->/.exec(
    readme,
  )?.[1];
  if (!block) throw new Error('packages/client/README.md has no example block');
  return block;
}

/** Runs a command; its output, or the error with the output in its message. */
async function run(command: string, args: string[], cwd: string, env = npmFreeEnv()) {
  try {
    return await promisify(execFile)(command, args, { cwd, env, maxBuffer: 16 << 20 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed:\n${stdout ?? ''}\n${stderr ?? ''}`);
  }
}

/** This environment without what `npm test` set for its own run (workspace, config, paths). */
function npmFreeEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
}

describe.skipIf(TEST_DB !== 'sqlite')('the packed SDK in a project of its own', () => {
  let work: string;
  let project: string;
  let bankbridge: StartedBankbridge | undefined;
  /** What the README has the reader export: the demo client and the URLs. */
  let env: Record<'CLIENT_ID' | 'CLIENT_SECRET' | 'API' | 'AUTH' | 'SANDBOX', string>;

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'bankbridge-client-package-'));
    project = path.join(work, 'try-bankbridge');
    mkdirSync(project);
    // `npm pack -w @bankbridge/client` in the checkout (it builds first), then the reader's
    // `npm init -y && npm install "$TARBALL"`. One thing at a time: the build and the start
    // of bankbridge both compile TypeScript, and together on a busy machine the start may take
    // longer than startBankbridge waits.
    await run('npm', ['pack', '-w', '@bankbridge/client', '--pack-destination', work], ROOT);
    const tarball = readdirSync(work).find((file) => file.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack wrote no tarball into ${work}`);
    await run('npm', ['init', '-y'], project);
    await run(
      'npm',
      ['install', '--offline', '--no-audit', '--no-fund', path.join(work, tarball)],
      project,
    );
    // The example, pasted: for node, and for TypeScript.
    writeFileSync(path.join(project, 'try-bankbridge.mjs'), readmeExample());
    writeFileSync(path.join(project, 'try-bankbridge.mts'), readmeExample());
    const started = await startBankbridge('client-package');
    bankbridge = started;
    const demo = JSON.parse(readFileSync(path.join(started.cwd, 'data/demo-client.json'), 'utf8'));
    env = {
      CLIENT_ID: demo.clientId,
      CLIENT_SECRET: demo.clientSecret,
      API: `http://localhost:${started.ports.api}`,
      AUTH: `http://localhost:${started.ports.auth}`,
      SANDBOX: `http://localhost:${started.ports.sandbox}`,
    };
  }, 180_000);

  afterAll(() => {
    bankbridge?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('installs as JavaScript and types, with no dependencies and no sources', () => {
    const installed = path.join(project, 'node_modules/@bankbridge/client');
    const manifest = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8'));
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.exports['.']).toMatchObject({
      types: './dist/index.d.ts',
      import: './dist/index.js',
    });
    const files = readdirSync(installed, { recursive: true, encoding: 'utf8' });
    expect(files).toEqual(expect.arrayContaining(['dist/index.js', 'dist/index.d.ts', 'LICENSE']));
    expect(files.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))).toEqual([]);
    // Nothing else came with it.
    expect(readdirSync(path.join(project, 'node_modules')).sort()).toEqual([
      '.package-lock.json',
      '@bankbridge',
    ]);
  });

  it('runs as pasted under node: banks, the BankID link, and each account with its balance, named', async () => {
    const lines = await runExample(['try-bankbridge.mjs'], { ...npmFreeEnv(), ...env });
    expect(lines[0]).toMatch(/^Banks in Sweden: .*ESSESESS.*SWEDSESS/);
    expect(lines[1]).toContain(`${env.SANDBOX}/bankid?autostarttoken=`);
    const accounts = lines.slice(2);
    expect(accounts.length).toBeGreaterThan(0);
    for (const line of accounts)
      expect(line).toMatch(/^SE\d{22} .+ interimAvailable -?\d+\.\d{2} SEK$/);
  }, 60_000);

  it('type-checks as pasted in TypeScript, the package types included', async () => {
    // The reader's `npm install -D @types/node`, offline: the checkout's own.
    mkdirSync(path.join(project, 'node_modules/@types'), { recursive: true });
    symlinkSync(
      path.join(ROOT, 'node_modules/@types/node'),
      path.join(project, 'node_modules/@types/node'),
    );
    // No --skipLibCheck: the package's .d.ts files must compile in a consumer too (about 20 s
    // for them and @types/node on an idle machine).
    const args = ['--noEmit', '--strict', '--module', 'nodenext', '--target', 'es2022'];
    await run(process.execPath, [TSC, ...args, 'try-bankbridge.mts'], project);
  }, 120_000);

  it('bundles for browsers with no Node.js built-ins, and the bundle runs', async () => {
    // `process.env` is the bundler's to replace, as it would be in a web app's build.
    const bundle = await build({
      absWorkingDir: project,
      entryPoints: ['try-bankbridge.mjs'],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      define: { 'process.env': JSON.stringify(env) },
      minify: true,
      metafile: true,
      write: false,
      logLevel: 'silent',
    });
    const inputs = Object.keys(bundle.metafile.inputs);
    expect(inputs).toContain('node_modules/@bankbridge/client/dist/index.js');
    for (const input of inputs)
      expect(input).toMatch(
        /^(try-bankbridge\.mjs|<define:process\.env>|node_modules\/@bankbridge\/client\/dist\/.+\.js)$/,
      );
    // Nothing left for a runtime to provide: no import (of node:fs or any other), and no
    // reference to Node.js's globals in the code (minified, as a web app ships it: no comments).
    expect(Object.values(bundle.metafile.outputs).flatMap((out) => out.imports)).toEqual([]);
    const [output] = bundle.outputFiles;
    if (!output) throw new Error('esbuild wrote no bundle');
    expect(output.text).not.toMatch(/\b(process|require|Buffer|__dirname|global)\b/);

    // No browser here, and the token endpoint answers no cross-origin call with a secret: run
    // the bundle under node, without the variables, to see that it works as bundled.
    writeFileSync(path.join(project, 'bundle.mjs'), output.text);
    const { CLIENT_ID: _id, CLIENT_SECRET: _secret, ...withoutClient } = npmFreeEnv();
    const lines = await runExample(['bundle.mjs'], withoutClient);
    expect(lines[0]).toMatch(/^Banks in Sweden: /);
    expect(lines.slice(2).every((line) => / interimAvailable -?\d+\.\d{2} SEK$/.test(line))).toBe(
      true,
    );
  }, 60_000);

  it('can be required from CommonJS (npm init -y makes a CommonJS project)', async () => {
    const script =
      "const { Bankbridge, ApiError } = require('@bankbridge/client'); console.log(typeof Bankbridge, typeof ApiError);";
    const { stdout } = await run(process.execPath, ['-e', script], project);
    expect(stdout.trim()).toBe('function function');
  });

  /**
   * Runs `node <args>` in the project; once it prints the BankID link, approves as Anna in the
   * simulator, as the README tells the reader to. Resolves to its lines once it exits with 0.
   */
  async function runExample(args: string[], runEnv: NodeJS.ProcessEnv): Promise<string[]> {
    const child: ChildProcess = spawn(process.execPath, args, {
      cwd: project,
      env: runEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const link = new RegExp(`${env.SANDBOX}/bankid\\?autostarttoken=([A-Za-z0-9-]+)`);
      await waitFor(
        () => link.test(out) || child.exitCode !== null,
        20_000,
        () => out,
      );
      const token = link.exec(out)?.[1];
      expect(token, out).toBeTruthy();
      await bankIdApp(env.SANDBOX, token as string, 'approve', ANNA);
      expect(await exited, out).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    return out.trim().split('\n');
  }
});

async function waitFor(done: () => boolean, ms: number, explain: () => string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out; output so far:\n${explain()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
