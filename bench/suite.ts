/**
 * Every operation of the TPP's path, through Bankbridge on SQLite, on PostgreSQL, and on two
 * PostgreSQL instances sharing the load, beside the same call made directly to the sandbox
 * bank (what Bankbridge itself has to wait for) and a bare fastify route answering the same
 * JSON (what any HTTP server costs). Everything is measured in one run, 8 calls at a time.
 *
 *   npm run bench:suite                     print the table
 *   npm run bench:suite -- --record         also write bench/RESULTS.md with the machine (the
 *                                           sections other benchmarks recorded there stay)
 *
 * BENCH_SECONDS (default 5) sets each measurement's length; BENCH_DATABASE_URL the PostgreSQL
 * server (default postgres://postgres@127.0.0.1:5432/test; each configuration uses a schema of its own,
 * dropped at the end).
 */
import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
import {
  CLI,
  dropSchema,
  freePort,
  type Measurement,
  measureCalls,
  ROOT,
  run,
  startServer,
  stop,
} from './support.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const HEAVY_PSU = '196505057775';
const DECOUPLED_BANK = 'SWEDSESS';
const CONSENT_BANK = 'ESSESESS';
const record = process.argv.includes('--record');
/** Set once the sandbox banks run: from their clock. */
let transactionsFrom = '';
let debtorIban = '';

interface Configuration {
  label: string;
  postgres: boolean;
  instances: number;
}
const CONFIGURATIONS: Configuration[] = [
  { label: 'SQLite', postgres: false, instances: 1 },
  { label: 'PostgreSQL', postgres: true, instances: 1 },
  { label: 'PostgreSQL x2', postgres: true, instances: 2 },
];

const OPERATIONS = [
  'token issuance',
  'ASPSP list',
  'consent creation',
  'decoupled consent flow',
  'decoupled payment flow',
  'account list',
  'transactions page (100)',
] as const;
type Operation = (typeof OPERATIONS)[number];

/** A GET whose answer must be a 2xx; the body is read to the end, as a client does. */
async function get(url: string, headers: Record<string, string>): Promise<string> {
  const response = await fetch(url, { headers });
  const text = await response.text();
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${text.slice(0, 300)}`);
  return text;
}

const measure = (name: string, call: (worker: number) => Promise<unknown>) =>
  measureCalls(name, async (worker) => void (await call(worker)), { seconds: SECONDS });

const sandboxPort = await freePort();
const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
const baseEnv: NodeJS.ProcessEnv = {
  ...process.env,
  BANKBRIDGE_SANDBOX_PORT: String(sandboxPort),
  BANKBRIDGE_SANDBOX_URL: sandboxUrl,
  BANKBRIDGE_LOG_LEVEL: process.env.BANKBRIDGE_LOG_LEVEL ?? 'info',
  // The per-client rate limit would measure itself, not the path.
  BANKBRIDGE_RATE_LIMIT: 'off',
};

const results = new Map<Operation, Map<string, Measurement>>(OPERATIONS.map((o) => [o, new Map()]));
/**
 * The account list one call at a time, by column: the latency Bankbridge adds to a call. With
 * 8 calls at a time on shared cores a call mostly waits behind the others, so that p50 restates
 * the throughput; alone, it is the call's own path.
 */
const alone = new Map<string, Measurement>();
const measureAlone = (name: string, call: () => Promise<unknown>) =>
  measureCalls(name, async () => void (await call()), { seconds: SECONDS, concurrency: 1 });
const note = (operation: Operation, column: string, measured: Measurement) => {
  results.get(operation)?.set(column, measured);
  console.error(
    `  ${operation} / ${column}: ${measured.requestsPerSecond.toFixed(0)}/s, p50 ${measured.p50.toFixed(1)} ms${measured.errors ? `, ${measured.errors} errors` : ''}`,
  );
};

/** Bankbridge in one configuration: its instances, a client, and a TPP's calls spread over them. */
async function runConfiguration(config: Configuration): Promise<Record<string, string>> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bankbridge-bench-'));
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const env: NodeJS.ProcessEnv = {
    ...baseEnv,
    BANKBRIDGE_DATA_DIR: dataDir,
    ...(config.postgres ? { DATABASE_URL, BANKBRIDGE_DB_SCHEMA: schema } : {}),
  };
  const instances: ChildProcess[] = [];
  const apis: string[] = [];
  const auths: string[] = [];
  try {
    for (let i = 0; i < config.instances; i++) {
      const [apiPort, authPort] = [await freePort(), await freePort()];
      const instanceEnv = {
        ...env,
        BANKBRIDGE_API_PORT: String(apiPort),
        BANKBRIDGE_AUTH_PORT: String(authPort),
      };
      // The first start migrates the store; the others find it ready.
      instances.push(
        await startServer(
          [CLI, 'start', '--no-sandbox'],
          instanceEnv,
          `http://127.0.0.1:${apiPort}/health`,
        ),
      );
      apis.push(`http://127.0.0.1:${apiPort}`);
      auths.push(`http://127.0.0.1:${authPort}`);
    }
    const client = JSON.parse(
      await run([CLI, 'clients', 'create', '--name', 'Benchmark TPP', '--json'], env),
    ) as { client_id: string; client_secret: string };
    // Calls go round the instances, as a balancer without affinity sends them.
    let turn = 0;
    const next = () => turn++ % apis.length;
    const tokenForm = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: client.client_id,
      client_secret: client.client_secret,
      scope: 'accountinformation private',
    }).toString();
    const column = config.label;

    note(
      'token issuance',
      column,
      await measure('token issuance', async () => {
        const response = await fetch(`${auths[next()]}/connect/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: tokenForm,
        });
        await json(response, 'token');
      }),
    );

    const token = await clientCredentialsToken(
      auths[0] as string,
      client,
      'accountinformation private',
    );
    const infoToken = await clientCredentialsToken(auths[0] as string, client, 'aspspinformation');
    const infoHeaders = {
      authorization: `Bearer ${infoToken}`,
      'x-request-id': randomUUID(),
    };
    note(
      'ASPSP list',
      column,
      await measure('ASPSP list', () =>
        get(`${apis[next()]}/psd2/aspspinformation/v1/aspsps`, infoHeaders),
      ),
    );

    const consents = apis.map((api) => consentApi(api, token, CONSENT_BANK));
    note(
      'consent creation',
      column,
      await measure('consent creation', () => (consents[next()] as (typeof consents)[0]).create()),
    );

    const flows = apis.map((api) => consentApi(api, token, DECOUPLED_BANK));
    note(
      'decoupled consent flow',
      column,
      await measure('decoupled consent flow', () =>
        (flows[next()] as (typeof flows)[0]).decoupled(sandboxUrl),
      ),
    );

    const paymentToken = await clientCredentialsToken(
      auths[0] as string,
      client,
      'paymentinitiation private',
    );
    const payments = apis.map((api) => paymentApi(api, paymentToken, DECOUPLED_BANK));
    note(
      'decoupled payment flow',
      column,
      await measure('decoupled payment flow', () =>
        (payments[next()] as (typeof payments)[0]).decoupled(sandboxUrl, debtorIban),
      ),
    );

    const consentId = await (flows[0] as (typeof flows)[0]).decoupled(sandboxUrl, HEAVY_PSU);
    const headers = readHeaders(token, consentId, DECOUPLED_BANK);
    const accountsPath = '/psd2/accountinformation/v1/accounts';
    const accounts = JSON.parse(await get(`${apis[0]}${accountsPath}`, headers));
    const accountId = accounts.accounts[0].resourceId as string;
    note(
      'account list',
      column,
      await measure('account list', () => get(`${apis[next()]}${accountsPath}`, headers)),
    );
    if (config.label === 'SQLite') {
      alone.set(
        column,
        await measureAlone('account list alone', () => get(`${apis[0]}${accountsPath}`, headers)),
      );
    }
    const page = `${accountsPath}/${accountId}/transactions?bookingStatus=booked&dateFrom=${transactionsFrom}`;
    note(
      'transactions page (100)',
      column,
      await measure('transactions page', () => get(`${apis[next()]}${page}`, headers)),
    );

    // The bare route's bodies: what Bankbridge answered, byte for byte.
    const tokenAnswer = await fetch(`${auths[0]}/connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: tokenForm,
    });
    return {
      'POST /token': JSON.stringify(await json(tokenAnswer, 'token')),
      '/aspsps': await get(`${apis[0]}/psd2/aspspinformation/v1/aspsps`, infoHeaders),
      '/accounts': await get(`${apis[0]}${accountsPath}`, headers),
      '/transactions': await get(`${apis[0]}${page}`, headers),
    };
  } finally {
    for (const instance of instances) await stop(instance);
    rmSync(dataDir, { recursive: true, force: true });
    if (config.postgres) await dropSchema(DATABASE_URL, schema);
  }
}

// The sandbox banks with payments booked as soon as signed, on a business day's clock
// (bench/sandbox.ts); dates sent to them are their dates.
const sandbox = await startServer(
  ['--import', 'tsx', path.join(ROOT, 'bench/sandbox.ts')],
  baseEnv,
  `${sandboxUrl}/banks`,
);
let bare: ChildProcess | undefined;
try {
  transactionsFrom = await historyStart(sandboxUrl);
  // Anna's current account pays in every payment flow, through Bankbridge and directly.
  debtorIban = (await ibansOf(sandboxUrl, DECOUPLED_BANK))[0] as string;
  let bodies: Record<string, string> = {};
  for (const config of CONFIGURATIONS) {
    console.error(`${config.label}:`);
    bodies = await runConfiguration(config);
  }

  console.error('sandbox bank directly:');
  const consentBank = directBank(sandboxUrl, CONSENT_BANK);
  note(
    'consent creation',
    'bank directly',
    await measure('consent', () => consentBank.createConsent()),
  );
  const decoupledBank = directBank(sandboxUrl, DECOUPLED_BANK);
  note(
    'decoupled consent flow',
    'bank directly',
    await measure('flow', () => decoupledBank.decoupled()),
  );
  note(
    'decoupled payment flow',
    'bank directly',
    await measure('payment', () => decoupledBank.payment(debtorIban)),
  );
  const reads = await decoupledBank.reads(HEAVY_PSU);
  note(
    'account list',
    'bank directly',
    await measure('accounts', () => get(reads.accountsUrl, reads.headers)),
  );
  alone.set(
    'bank directly',
    await measureAlone('accounts alone', () => get(reads.accountsUrl, reads.headers)),
  );
  note(
    'transactions page (100)',
    'bank directly',
    await measure('transactions', () =>
      get(
        `${reads.transactionsUrl}?bookingStatus=booked&dateFrom=${transactionsFrom}`,
        reads.headers,
      ),
    ),
  );

  console.error('bare fastify route:');
  const barePort = await freePort();
  bare = await startServer(
    [path.join(ROOT, 'bench/bare-server.mjs')],
    {
      ...process.env,
      BARE_PORT: String(barePort),
      BARE_BODIES: JSON.stringify(
        Object.fromEntries(Object.entries(bodies).filter(([route]) => route.startsWith('/'))),
      ),
      BARE_POST_BODIES: JSON.stringify({ '/token': bodies['POST /token'] }),
    },
    `http://127.0.0.1:${barePort}/health`,
  );
  const bareUrl = `http://127.0.0.1:${barePort}`;
  const bareTokenForm = new URLSearchParams({ grant_type: 'client_credentials' }).toString();
  note(
    'token issuance',
    'bare route',
    await measure('bare', async () => {
      const response = await fetch(`${bareUrl}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: bareTokenForm,
      });
      await json(response, 'bare token');
    }),
  );
  note('ASPSP list', 'bare route', await measure('bare', () => get(`${bareUrl}/aspsps`, {})));
  note('account list', 'bare route', await measure('bare', () => get(`${bareUrl}/accounts`, {})));
  note(
    'transactions page (100)',
    'bare route',
    await measure('bare', () => get(`${bareUrl}/transactions`, {})),
  );

  const report = renderReport();
  console.log(report);
  if (record) {
    const file = path.join(ROOT, 'bench/RESULTS.md');
    writeFileSync(file, resultsFile(report) + otherSections(file));
    console.error('written to bench/RESULTS.md');
  }
} finally {
  if (bare) await stop(bare);
  await stop(sandbox);
}

/** A difference with its sign: +1.5, -0.1. */
function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(1)}`;
}

function renderReport(): string {
  const columns = [...CONFIGURATIONS.map((c) => c.label), 'bank directly', 'bare route'];
  const cell = (m: Measurement | undefined) =>
    m
      ? `${m.requestsPerSecond.toFixed(0)}/s, p50 ${m.p50.toFixed(1)} ms${m.errors ? ` (${m.errors} errors)` : ''}`
      : '';
  const rows = OPERATIONS.map((operation) => {
    const measured = results.get(operation) ?? new Map();
    return [operation, ...columns.map((c) => cell(measured.get(c)))];
  });
  const header = ['operation', ...columns];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const ratios = OPERATIONS.flatMap((operation) => {
    const measured = results.get(operation) ?? new Map<string, Measurement>();
    const sqlite = measured.get('SQLite');
    const postgres = measured.get('PostgreSQL');
    const two = measured.get('PostgreSQL x2');
    const bank = measured.get('bank directly') ?? measured.get('bare route');
    const parts: string[] = [];
    if (sqlite && bank) {
      parts.push(
        `through Bankbridge (SQLite) ${((sqlite.requestsPerSecond / bank.requestsPerSecond) * 100).toFixed(0)}% of the ${measured.has('bank directly') ? 'bank' : 'bare route'}'s throughput, p50 ${signed(sqlite.p50 - bank.p50)} ms`,
      );
    }
    if (postgres && two) {
      parts.push(
        `two instances ${(two.requestsPerSecond / postgres.requestsPerSecond).toFixed(2)}x one`,
      );
    }
    const [bankAlone, sqliteAlone] = [alone.get('bank directly'), alone.get('SQLite')];
    if (operation === 'account list' && bankAlone && sqliteAlone) {
      parts.push(
        `one call at a time p50 ${sqliteAlone.p50.toFixed(1)} ms through Bankbridge, ${bankAlone.p50.toFixed(1)} ms directly`,
      );
    }
    return parts.length > 0 ? [`- ${operation}: ${parts.join('; ')}`] : [];
  });
  return [
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    ...ratios,
    '',
    "Targets (Bankbridge's own work per call at most the bank's):",
    ...targetLines(),
  ].join('\n');
}

/** Each performance target as a PASS or FAIL line, from this run's figures. */
function targetLines(): string[] {
  const of = (operation: Operation, column: string) => results.get(operation)?.get(column);
  const line = (pass: boolean | undefined, text: string) =>
    `- ${pass === undefined ? 'NOT MEASURED' : pass ? 'PASS' : 'FAIL'}: ${text}`;
  const share = (operation: Operation, base: string, target: number) => {
    const sqlite = of(operation, 'SQLite');
    const against = of(operation, base);
    const measured =
      sqlite && against ? sqlite.requestsPerSecond / against.requestsPerSecond : undefined;
    return line(
      measured === undefined ? undefined : measured >= target,
      `${operation} through Bankbridge (SQLite) at ${measured === undefined ? '?' : (measured * 100).toFixed(0)}% of the ${base === 'bare route' ? 'bare route' : 'bank'}'s throughput (target >= ${target * 100}%)`,
    );
  };
  const postgres = (operation: Operation) => {
    const sqlite = of(operation, 'SQLite');
    const pgOne = of(operation, 'PostgreSQL');
    const ratio = sqlite && pgOne ? pgOne.requestsPerSecond / sqlite.requestsPerSecond : undefined;
    return line(
      ratio === undefined ? undefined : ratio >= 0.8,
      `${operation} on PostgreSQL at ${ratio === undefined ? '?' : (ratio * 100).toFixed(0)}% of SQLite (target within 20%)`,
    );
  };
  const addedBy = (sqlite?: Measurement, bank?: Measurement) =>
    sqlite && bank ? sqlite.p50 - bank.p50 : undefined;
  const added = addedBy(alone.get('SQLite'), alone.get('bank directly'));
  const loaded = addedBy(of('account list', 'SQLite'), of('account list', 'bank directly'));
  return [
    share('account list', 'bank directly', 0.5),
    share('transactions page (100)', 'bank directly', 0.5),
    share('consent creation', 'bank directly', 0.5),
    postgres('account list'),
    postgres('transactions page (100)'),
    postgres('consent creation'),
    share('decoupled consent flow', 'bank directly', 0.35),
    share('decoupled payment flow', 'bank directly', 0.35),
    share('token issuance', 'bare route', 0.6),
    line(
      added === undefined ? undefined : added <= 2,
      `account list p50 added over the bank, one call at a time, ${added === undefined ? '?' : `${signed(added)} ms`} (target <= 2 ms; with 8 at a time ${loaded === undefined ? '?' : `${signed(loaded)} ms`}, mostly waiting behind the other calls)`,
    ),
    '- memory flat from 1k to 100k transactions: see `npm run bench:transactions`',
    '- memory flat under a 10-minute soak (no growth beyond 10%): see `npm run bench:soak`',
  ];
}

/**
 * The sections other benchmarks recorded in the results file (events, soak, ...), each under a
 * `## ` heading after the suite's own text, which has none: kept when the suite records anew.
 */
function otherSections(file: string): string {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const start = text.search(/^## /m);
  return start < 0 ? '' : `\n${text.slice(start)}`;
}

function resultsFile(report: string): string {
  const cpus = os.cpus();
  let postgresVersion = 'unknown';
  try {
    postgresVersion = execFileSync('psql', [DATABASE_URL, '-tAc', 'show server_version'], {
      encoding: 'utf8',
    }).trim();
  } catch {
    // psql missing: the version stays unknown
  }
  return `# Benchmark results

Recorded by \`npm run bench:suite -- --record\` on ${new Date().toISOString().slice(0, 10)}.

Machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()};
Node ${process.version}; PostgreSQL ${postgresVersion} on the same machine. The load generator,
the sandbox banks and every Bankbridge instance share these cores, so two instances compete for
the same two cores: the row shows what sharing one store costs, not what a second machine adds.

Each cell: completed calls per second with 8 calls at a time for ${SECONDS} s, and the median
latency; the account list also one call at a time, for the latency Bankbridge adds (below the
table). A decoupled consent flow is four calls to Bankbridge and one to the BankID simulator
(directly: three calls to the bank and one to the simulator). A decoupled payment flow is a
domestic payment of Anna's at Swedbank from creation to ACSC: create, start the authorisation,
choose \`mbid\`, the BankID simulator's approval, then the status until ACSC (one read: the
suite's sandbox books a signed payment at once, \`clearingDelaySeconds: 0\`, on a business day's
clock, see \`bench/sandbox.ts\`); directly: create, start the decoupled SCA, the approval, the
SCA status and the payment status, the calls Bankbridge makes to the bank behind the TPP's.
Bankbridge runs with its per-client rate limit off (\`BANKBRIDGE_RATE_LIMIT=off\`): on, as in
the default profiles, every API call also writes its client's counter (\`bench/PROFILE.md\`,
"The rate limit's write").

${report}
`;
}
