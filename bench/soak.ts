/**
 * Bankbridge's memory under a long, bounded load: the sandbox banks (bench/sandbox.ts) and one
 * Bankbridge instance on SQLite, a TPP's mix of operations at a fixed rate, and Bankbridge's
 * resident size (and V8 heap, from its metrics port) sampled throughout.
 *
 *   npm run bench:soak                      10 minutes
 *   npm run bench:soak -- --minutes 1       a quick check
 *   npm run bench:soak -- --rate 4          operations started a second (default 8)
 *
 * Target: no growth beyond 10%, the median resident size of the last minute against that of the
 * first minute after the warm-up. A run shorter than three minutes compares its first and last
 * third instead. Only Bankbridge's process is measured: the sandbox banks keep every consent
 * and payment in memory by design.
 *
 * Beside the verdict it prints where the resident memory is: /proc's parts of it, V8's heap (from
 * the metrics port) and the anonymous memory outside that heap (SQLite's page cache, malloc), so
 * that a growth can be told apart from V8's heap cycle, which under steady load takes minutes
 * (see bench/RESULTS.md, "Soak").
 *
 * The load is bounded: an operation starts every 1/rate seconds, in a fixed round, unless
 * MAX_IN_FLIGHT are still running (counted as "behind"), so a slow machine lowers the rate
 * rather than queueing without end. Any operation that meets an unexpected status is an error;
 * more than MAX_ERRORS fail the run.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  clientCredentialsToken,
  consentApi,
  historyStart,
  ibansOf,
  json,
  paymentApi,
  readHeaders,
} from './flows.js';
import { CLI, freePort, ROOT, residentMiB, run, startServer, stop } from './support.js';

const { values: options } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    rate: { type: 'string', default: '8' },
    'warmup-seconds': { type: 'string', default: '30' },
  },
});
const MINUTES = Number(options.minutes);
const RATE = Number(options.rate);
const WARMUP_SECONDS = Number(options['warmup-seconds']);
if (!(MINUTES > 0) || !(RATE > 0) || !(WARMUP_SECONDS >= 0)) {
  console.error('usage: npx tsx bench/soak.ts [--minutes N] [--rate N] [--warmup-seconds N]');
  process.exit(2);
}
const DURATION_MS = MINUTES * 60_000;
/** The windows compared: a minute each, or a third of a short run. */
const WINDOW_MS = Math.min(60_000, DURATION_MS / 3);
const SAMPLE_EVERY_MS = 2_000;
const MAX_IN_FLIGHT = 16;
const MAX_ERRORS = 5;
const GROWTH_TARGET = 0.1;

const HEAVY_PSU = '196505057775';
const BANK = 'SWEDSESS';
const ACCOUNTS_PATH = '/psd2/accountinformation/v1/accounts';

const sandboxPort = await freePort();
const [apiPort, authPort, metricsPort] = [await freePort(), await freePort(), await freePort()];
const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
const api = `http://127.0.0.1:${apiPort}`;
const auth = `http://127.0.0.1:${authPort}`;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bankbridge-soak-'));
const env: NodeJS.ProcessEnv = {
  ...process.env,
  BANKBRIDGE_DATA_DIR: dataDir,
  BANKBRIDGE_API_PORT: String(apiPort),
  BANKBRIDGE_AUTH_PORT: String(authPort),
  BANKBRIDGE_METRICS_PORT: String(metricsPort),
  BANKBRIDGE_SANDBOX_PORT: String(sandboxPort),
  BANKBRIDGE_SANDBOX_URL: sandboxUrl,
  BANKBRIDGE_LOG_LEVEL: process.env.BANKBRIDGE_LOG_LEVEL ?? 'info',
  // The per-client rate limit would refuse the soak's own calls.
  BANKBRIDGE_RATE_LIMIT: 'off',
};

/** Where the resident memory is, for the breakdown: /proc's parts of VmRSS, V8's figures. */
const PARTS = {
  'RSS anonymous': { proc: 'RssAnon' },
  'RSS file-backed': { proc: 'RssFile' },
  'RSS shared': { proc: 'RssShmem' },
  'V8 heap used': { metric: 'nodejs_heap_size_used_bytes' },
  'V8 heap total': { metric: 'nodejs_heap_size_total_bytes' },
  'external (buffers, native)': { metric: 'nodejs_external_memory_bytes' },
} as const;
type Part = keyof typeof PARTS | 'RSS anonymous outside V8';

interface Sample {
  atMs: number;
  rssMiB: number;
  parts: Record<Part, number>;
}

/** A sample of Bankbridge's memory: /proc for the process, its metrics port for V8's view. */
async function sampleOf(child: ChildProcess, atMs: number): Promise<Sample> {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  let metrics = '';
  try {
    metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
  } catch {
    // the figures from the metrics stay NaN
  }
  const parts = {} as Record<Part, number>;
  for (const [part, source] of Object.entries(PARTS) as [
    keyof typeof PARTS,
    (typeof PARTS)[keyof typeof PARTS],
  ][]) {
    parts[part] =
      'proc' in source
        ? Number(new RegExp(`^${source.proc}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? Number.NaN) /
          1024
        : Number(new RegExp(`^${source.metric} (\\S+)$`, 'm').exec(metrics)?.[1] ?? Number.NaN) /
          2 ** 20;
  }
  // What V8's heap does not hold: the SQLite page cache, malloc's arenas, native modules.
  parts['RSS anonymous outside V8'] = parts['RSS anonymous'] - parts['V8 heap total'];
  return { atMs, rssMiB: residentMiB(child), parts };
}

const medianOf = (values: number[]): number => {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : (sorted[Math.floor(sorted.length / 2)] as number);
};

/** A GET whose answer must be a 2xx, read to the end. */
async function get(url: string, headers: Record<string, string>): Promise<void> {
  await json(await fetch(url, { headers }), `GET ${url}`);
}

/** The TPP's operations, in the round the load repeats: reads often, flows now and then. */
async function operations(client: { client_id: string; client_secret: string }) {
  // Each token operation's token replaces the one later operations of its scope use, as a
  // TPP renews its token: the run may outlast a token's hour.
  const tokens = {
    'accountinformation private': await clientCredentialsToken(
      auth,
      client,
      'accountinformation private',
    ),
    'paymentinitiation private': await clientCredentialsToken(
      auth,
      client,
      'paymentinitiation private',
    ),
  };
  const scopes = Object.keys(tokens) as (keyof typeof tokens)[];
  let tokenTurn = 0;
  const aisToken = () => tokens['accountinformation private'];
  const readConsent = await consentApi(api, aisToken(), BANK).decoupled(sandboxUrl, HEAVY_PSU);
  const reads = () => readHeaders(aisToken(), readConsent, BANK);
  const { accounts } = await json(
    await fetch(`${api}${ACCOUNTS_PATH}`, { headers: reads() }),
    'account list',
  );
  const account = `${api}${ACCOUNTS_PATH}/${encodeURIComponent(accounts[0].resourceId)}`;
  const page = `${account}/transactions?bookingStatus=booked&dateFrom=${await historyStart(sandboxUrl)}`;
  const debtor = (await ibansOf(sandboxUrl, BANK))[0] as string;

  const token = async () => {
    const scope = scopes[tokenTurn++ % scopes.length] as keyof typeof tokens;
    tokens[scope] = await clientCredentialsToken(auth, client, scope);
  };
  const accountList = () => get(`${api}${ACCOUNTS_PATH}`, reads());
  const balances = () => get(`${account}/balances`, reads());
  const transactions = () => get(page, reads());
  const consentFlow = async () =>
    void (await consentApi(api, aisToken(), BANK).decoupled(sandboxUrl));
  const payment = async () =>
    void (await paymentApi(api, tokens['paymentinitiation private'], BANK).decoupled(
      sandboxUrl,
      debtor,
    ));
  const round: [string, () => Promise<void>][] = [
    ['token', token],
    ['account list', accountList],
    ['balances', balances],
    ['transactions page', transactions],
    ['decoupled consent flow', consentFlow],
    ['account list', accountList],
    ['balances', balances],
    ['transactions page', transactions],
    ['decoupled payment flow', payment],
  ];
  return round;
}

/** Runs the round at RATE operations a second for `ms`, bounded by MAX_IN_FLIGHT. */
async function load(round: [string, () => Promise<void>][], ms: number) {
  const done = new Map<string, number>();
  const failed = new Map<string, number>();
  let behind = 0;
  let inFlight = 0;
  let turn = 0;
  const ticker = setInterval(() => {
    if (inFlight >= MAX_IN_FLIGHT) {
      behind++;
      return;
    }
    const [name, call] = round[turn++ % round.length] as [string, () => Promise<void>];
    inFlight++;
    call()
      .then(
        () => done.set(name, (done.get(name) ?? 0) + 1),
        (error: unknown) => {
          if (total(failed) < MAX_ERRORS) console.error(`  ${name}: ${(error as Error).message}`);
          failed.set(name, (failed.get(name) ?? 0) + 1);
        },
      )
      .finally(() => inFlight--);
  }, 1000 / RATE);
  await new Promise((r) => setTimeout(r, ms));
  clearInterval(ticker);
  // The operations still running finish before the figures are read.
  const drainBy = Date.now() + 60_000;
  while (inFlight > 0 && Date.now() < drainBy) await new Promise((r) => setTimeout(r, 100));
  return { done, failed, behind };
}

const signed = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(1)}`;

const total = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);

const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

const sandbox = await startServer(
  ['--import', 'tsx', path.join(ROOT, 'bench/sandbox.ts')],
  env,
  `${sandboxUrl}/banks`,
);
let platform: ChildProcess | undefined;
try {
  platform = await startServer([CLI, 'start', '--no-sandbox'], env, `${api}/health`);
  const instance = platform;
  const client = JSON.parse(
    await run([CLI, 'clients', 'create', '--name', 'Soak TPP', '--json'], env),
  ) as { client_id: string; client_secret: string };
  const round = await operations(client);
  const loadAtStart = loadAverage();

  console.error(`warm-up: ${WARMUP_SECONDS} s at ${RATE} operations/s`);
  await load(round, WARMUP_SECONDS * 1000);

  console.error(`soak: ${MINUTES} min at ${RATE} operations/s`);
  const samples: Sample[] = [];
  const startedAt = performance.now();
  const sample = async () => {
    samples.push(await sampleOf(instance, performance.now() - startedAt));
  };
  await sample();
  const sampler = setInterval(() => void sample(), SAMPLE_EVERY_MS);
  const measured = await load(round, DURATION_MS);
  clearInterval(sampler);
  await sample();
  const loadAtEnd = loadAverage();

  const windowOf = (from: number, to: number) =>
    samples.filter((s) => s.atMs >= from && s.atMs <= to);
  const first = windowOf(0, WINDOW_MS);
  const last = windowOf(DURATION_MS - WINDOW_MS, Number.POSITIVE_INFINITY);
  const [firstRss, lastRss] = [first, last].map((w) => medianOf(w.map((s) => s.rssMiB))) as [
    number,
    number,
  ];
  const growth = lastRss / firstRss - 1;

  const errors = total(measured.failed);
  const counts = [...measured.done.entries()]
    .map(
      ([name, n]) =>
        `${name} ${n}${measured.failed.get(name) ? ` (${measured.failed.get(name)} failed)` : ''}`,
    )
    .join(', ');
  // The series in 20 steps: each the median of its samples.
  const step = DURATION_MS / 20;
  const series = (pick: (s: Sample) => number) =>
    Array.from({ length: 20 }, (_, i) =>
      medianOf(windowOf(i * step, (i + 1) * step).map(pick)).toFixed(0),
    ).join(' ');
  const window = WINDOW_MS === 60_000 ? 'minute' : `${(WINDOW_MS / 1000).toFixed(0)} s`;

  console.log(
    `\nBankbridge soak (SQLite, Node ${process.version}): ${MINUTES} min at ${RATE} operations/s after a ${WARMUP_SECONDS} s warm-up`,
  );
  console.log(
    `machine: ${os.cpus().length} cores, load average ${loadAtStart} at the start, ${loadAtEnd} at the end`,
  );
  console.log(`calls done: ${total(measured.done)} (${counts})`);
  console.log(
    `errors: ${errors}; starts skipped with ${MAX_IN_FLIGHT} operations still running: ${measured.behind}`,
  );
  console.log(`RSS MiB every ${(step / 1000).toFixed(0)} s: ${series((s) => s.rssMiB)}`);
  for (const part of ['V8 heap total', 'V8 heap used', 'RSS anonymous outside V8'] as const) {
    console.log(`  ${part}: ${series((s) => s.parts[part])}`);
  }
  console.log(
    `median RSS: first ${window} ${firstRss.toFixed(1)} MiB, last ${window} ${lastRss.toFixed(1)} MiB (${samples.length} samples in all)`,
  );
  console.log(`medians, first ${window} -> last ${window}, MiB:`);
  for (const part of [...Object.keys(PARTS), 'RSS anonymous outside V8'] as Part[]) {
    const [from, to] = [first, last].map((w) => medianOf(w.map((s) => s.parts[part]))) as [
      number,
      number,
    ];
    console.log(`  ${part}: ${from.toFixed(1)} -> ${to.toFixed(1)} (${signed(to - from)})`);
  }
  const memoryPass = growth <= GROWTH_TARGET;
  const errorsPass = errors <= MAX_ERRORS;
  console.log(
    `- ${memoryPass ? 'PASS' : 'FAIL'}: resident memory ${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)}% from the first to the last ${window} (target: no growth beyond ${GROWTH_TARGET * 100}%)`,
  );
  console.log(
    `- ${errorsPass ? 'PASS' : 'FAIL'}: ${errors} operations failed (at most ${MAX_ERRORS})`,
  );
  if (!memoryPass || !errorsPass) process.exitCode = 1;
} finally {
  if (platform) await stop(platform);
  await stop(sandbox);
  rmSync(dataDir, { recursive: true, force: true });
}
