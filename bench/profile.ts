/**
 * Where Bankbridge's time goes in one operation: runs the sandbox banks and one Bankbridge
 * instance on SQLite with `--cpu-prof`, puts one operation under load (8 calls at a time), stops
 * the instance and prints the profile's summary: CPU time by package or Bankbridge module (self
 * time), and the Bankbridge functions with the most time spent under them (inclusive).
 *
 *   npx tsx bench/profile.ts accounts            one operation
 *   npx tsx bench/profile.ts accounts consent    several, one instance (and profile) each
 *   npx tsx bench/profile.ts --cpu accounts      no profile: CPU time per call only
 *   npx tsx bench/profile.ts --rate=400 accounts the calls paced to 400 a second
 *
 * Besides the profile it prints the CPU time Bankbridge and the sandbox banks spent per call
 * (from /proc), and Bankbridge's as a multiple of the bank's: unlike throughput, it hardly
 * changes with what else the machine runs, nor from one machine to another, so two builds can
 * be compared on a busy machine. The account list is then read through a bare proxy as well
 * (`bench/bare-proxy.mjs`): what any gateway's HTTP costs, as a multiple of the bank's.
 *
 * A process called less often spends more CPU per call (each call pays more of the wake-ups and
 * cold caches itself), so under a load of 8 at a time a slower server also makes the bank
 * under it look dearer. `--rate=` paces the calls instead, so that Bankbridge, the bare proxy
 * and the bank are all measured at the same rate: pick one every side keeps up with.
 *
 * With DATABASE_URL the instance keeps its data in PostgreSQL instead, in a schema of its own
 * per operation (dropped afterwards), and the CPU per call adds the PostgreSQL server's
 * processes.
 *
 * Operations: token, accounts, transactions, consent, decoupled, payment. BENCH_SECONDS (default
 * 10) sets the load's length; BENCH_PROFILE_DIR keeps the raw .cpuprofile files (default: a
 * temporary directory, removed). The rate limit is off unless BANKBRIDGE_RATE_LIMIT sets one
 * (a high one, such as 1000000/min, counts every call and refuses none).
 */
import { type ChildProcess, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  clientCredentialsToken,
  consentApi,
  directBank,
  historyStart,
  ibansOf,
  json,
  paymentApi,
  readHeaders,
} from './flows.js';
import { summariseProfile } from './profile-summary.js';
import {
  CLI,
  dropSchema,
  freePort,
  measureCalls,
  ROOT,
  run,
  startServer,
  stop,
} from './support.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const OPERATIONS = ['token', 'accounts', 'transactions', 'consent', 'decoupled', 'payment'];
const HEAVY_PSU = '196505057775';
const DECOUPLED_BANK = 'SWEDSESS';
const CONSENT_BANK = 'ESSESESS';

const cpuOnly = process.argv.includes('--cpu');
const rateArgument = process.argv.find((a) => a.startsWith('--rate='));
const ratePerSecond = rateArgument ? Number(rateArgument.slice('--rate='.length)) : undefined;
if (ratePerSecond !== undefined && !(ratePerSecond > 0)) {
  console.error('--rate= takes calls per second, more than 0');
  process.exit(2);
}
const chosen = process.argv.slice(2).filter((a) => a !== '--cpu' && a !== rateArgument);
const unknown = chosen.filter((o) => !OPERATIONS.includes(o));
if (chosen.length === 0 || unknown.length > 0) {
  console.error(
    `usage: npx tsx bench/profile.ts [--cpu] [--rate=<calls/s>] <${OPERATIONS.join('|')}>...`,
  );
  process.exit(2);
}

const sandboxPort = await freePort();
const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
const baseEnv: NodeJS.ProcessEnv = {
  ...process.env,
  BANKBRIDGE_SANDBOX_PORT: String(sandboxPort),
  BANKBRIDGE_SANDBOX_URL: sandboxUrl,
  BANKBRIDGE_LOG_LEVEL: process.env.BANKBRIDGE_LOG_LEVEL ?? 'info',
  BANKBRIDGE_RATE_LIMIT: process.env.BANKBRIDGE_RATE_LIMIT ?? 'off',
};
const keep = process.env.BENCH_PROFILE_DIR;
const profileRoot = keep ?? mkdtempSync(path.join(os.tmpdir(), 'bankbridge-profile-'));

const get = async (url: string, headers: Record<string, string>) => {
  const response = await fetch(url, { headers });
  await json(response, `GET ${url}`);
};

/** One instance, one operation under load; returns the directory its profile went to. */
async function profileOperation(
  operation: string,
): Promise<{ dir: string; window: { fromMs: number; toMs: number } }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bankbridge-profile-data-'));
  const profileDir = path.join(profileRoot, operation);
  const [apiPort, authPort] = [await freePort(), await freePort()];
  // Each instance generates its own secret key into its data directory: a schema another
  // instance sealed its keys in would not open.
  const schema = `bench_profile_${operation}_${randomBytes(4).toString('hex')}`;
  const env = {
    ...baseEnv,
    ...(databaseUrl ? { BANKBRIDGE_DB_SCHEMA: schema } : {}),
    BANKBRIDGE_DATA_DIR: dataDir,
    BANKBRIDGE_API_PORT: String(apiPort),
    BANKBRIDGE_AUTH_PORT: String(authPort),
  };
  let instance: ChildProcess | undefined;
  const spawnedAt = performance.now();
  let window = { fromMs: 0, toMs: 0 };
  try {
    const profiling = cpuOnly ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`];
    instance = await startServer(
      [...profiling, CLI, 'start', '--no-sandbox'],
      env,
      `http://127.0.0.1:${apiPort}/health`,
    );
    const api = `http://127.0.0.1:${apiPort}`;
    const auth = `http://127.0.0.1:${authPort}`;
    const client = JSON.parse(
      await run([CLI, 'clients', 'create', '--name', 'Profiled TPP', '--json'], env),
    ) as { client_id: string; client_secret: string };
    const call = await prepare(operation, api, auth, client);
    const { measured, perCall, loadFrom } = await underLoad(operation, call, [
      () => cpuMs(instance?.pid),
      () => cpuMs(sandbox.pid),
      postgresCpuMs,
    ]);
    window = { fromMs: loadFrom - spawnedAt, toMs: performance.now() - spawnedAt };
    const [own, bank, server] = perCall as [number, number, number];
    // The ratio that held across machines; token issuance makes no bank call to compare with.
    const ratio = operation === 'token' ? '' : ` (Bankbridge ÷ bank ${(own / bank).toFixed(1)})`;
    console.error(
      `${operation}: ${measured.requestsPerSecond.toFixed(0)}/s, p50 ${measured.p50.toFixed(1)} ms${measured.errors ? `, ${measured.errors} errors` : ''}; CPU per call: Bankbridge ${own.toFixed(2)} ms, sandbox banks ${bank.toFixed(2)} ms${ratio}${onPostgres ? `, PostgreSQL ${server.toFixed(2)} ms` : ''}`,
    );
  } finally {
    if (instance) await stop(instance);
    rmSync(dataDir, { recursive: true, force: true });
    if (databaseUrl) await dropSchema(databaseUrl, schema);
  }
  return { dir: profileDir, window };
}

/**
 * Puts a call under load after a second's warm-up (JIT, pools, caches: the figures are of the
 * steady state) and answers the CPU time each of `clocks` spent per call meanwhile.
 */
async function underLoad(
  operation: string,
  call: () => Promise<void>,
  clocks: Array<() => number>,
): Promise<{
  measured: Awaited<ReturnType<typeof measureCalls>>;
  perCall: number[];
  /** When the measured load began (`performance.now()`). */
  loadFrom: number;
}> {
  await measureCalls(operation, call, { seconds: 1, warmupSeconds: 0, ratePerSecond });
  const loadFrom = performance.now();
  const before = clocks.map((clock) => clock());
  const measured = await measureCalls(operation, call, {
    seconds: SECONDS,
    warmupSeconds: 0,
    ratePerSecond,
  });
  const after = clocks.map((clock) => clock());
  const calls = measured.requestsPerSecond * SECONDS + measured.errors;
  return {
    measured,
    perCall: after.map((spent, i) => (spent - (before[i] ?? 0)) / calls),
    loadFrom,
  };
}

/**
 * The floor under Bankbridge's account list: the same read of the bank forwarded by a bare
 * proxy, nothing checked, stored or logged. Its CPU per call against the bank's is what any
 * gateway's two HTTP exchanges cost; Bankbridge's own work is what it spends above that.
 */
async function accountListFloor(): Promise<void> {
  const reads = await directBank(sandboxUrl, DECOUPLED_BANK).reads(HEAVY_PSU);
  const port = await freePort();
  const proxy = await startServer(
    [path.join(ROOT, 'bench/bare-proxy.mjs')],
    {
      ...baseEnv,
      BARE_PORT: String(port),
      BANK_URL: reads.accountsUrl,
      BANK_HEADERS: JSON.stringify(reads.headers),
    },
    `http://127.0.0.1:${port}/health`,
  );
  try {
    const { measured, perCall } = await underLoad(
      'bare proxy',
      () => get(`http://127.0.0.1:${port}/forward`, {}),
      [() => cpuMs(proxy.pid), () => cpuMs(sandbox.pid)],
    );
    const [own, bank] = perCall as [number, number];
    console.error(
      `accounts through a bare proxy: ${measured.requestsPerSecond.toFixed(0)}/s; CPU per call: proxy ${own.toFixed(2)} ms, sandbox banks ${bank.toFixed(2)} ms (proxy ÷ bank ${(own / bank).toFixed(1)})`,
    );
  } finally {
    await stop(proxy);
  }
}

async function prepare(
  operation: string,
  api: string,
  auth: string,
  client: { client_id: string; client_secret: string },
): Promise<() => Promise<void>> {
  if (operation === 'token') {
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: client.client_id,
      client_secret: client.client_secret,
      scope: 'accountinformation private',
    }).toString();
    return async () => {
      const response = await fetch(`${auth}/connect/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form,
      });
      await json(response, 'token');
    };
  }
  if (operation === 'payment') {
    const token = await clientCredentialsToken(auth, client, 'paymentinitiation private');
    const debtor = (await ibansOf(sandboxUrl, DECOUPLED_BANK))[0] as string;
    const payments = paymentApi(api, token, DECOUPLED_BANK);
    return async () => void (await payments.decoupled(sandboxUrl, debtor));
  }
  const token = await clientCredentialsToken(auth, client, 'accountinformation private');
  if (operation === 'consent') {
    const consents = consentApi(api, token, CONSENT_BANK);
    return async () => void (await consents.create());
  }
  const flows = consentApi(api, token, DECOUPLED_BANK);
  if (operation === 'decoupled') return async () => void (await flows.decoupled(sandboxUrl));
  const consentId = await flows.decoupled(sandboxUrl, HEAVY_PSU);
  const headers = readHeaders(token, consentId, DECOUPLED_BANK);
  const accountsPath = '/psd2/accountinformation/v1/accounts';
  if (operation === 'accounts') return () => get(`${api}${accountsPath}`, headers);
  const { accounts } = await json(await fetch(`${api}${accountsPath}`, { headers }), 'accounts');
  const from = await historyStart(sandboxUrl);
  const page = `${accountsPath}/${accounts[0].resourceId}/transactions?bookingStatus=booked&dateFrom=${from}`;
  return () => get(`${api}${page}`, headers);
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux). */
function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return 0;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / CLOCK_TICKS;
}
/**
 * CPU time of every PostgreSQL process on this machine (its server's backends and helpers), in
 * ms: with DATABASE_URL set the store's work is done there, outside Bankbridge's process. Other
 * clients of the same server count too, so measure on a server nothing else uses.
 */
function postgresCpuMs(): number {
  if (!onPostgres) return 0;
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/comm`, 'utf8').startsWith('postgres')) continue;
      total += cpuMs(Number(entry));
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return total;
}
const databaseUrl = process.env.DATABASE_URL || undefined;
const onPostgres = databaseUrl !== undefined;

const CLOCK_TICKS =
  Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

const sandbox = await startServer(
  ['--import', 'tsx', path.join(ROOT, 'bench/sandbox.ts')],
  baseEnv,
  `${sandboxUrl}/banks`,
);
try {
  for (const operation of chosen) {
    const { dir, window } = await profileOperation(operation);
    if (operation === 'accounts') await accountListFloor();
    if (cpuOnly) continue;
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error(`no profile written to ${dir}`);
    const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    console.log(`\n## ${operation}\n\n${summariseProfile(profile, ROOT, window)}`);
  }
} finally {
  await stop(sandbox);
  if (!keep) rmSync(profileRoot, { recursive: true, force: true });
}
