/**
 * A 100-item transactions page of the heavy account (PSU 196505057775, 140 booked transactions
 * a day, over 100,000 in the bank's history) read through Bankbridge and directly from the
 * sandbox bank, measured in one run; then Bankbridge's memory while the list it pages grows
 * from about 1,000 to over 100,000 transactions.
 *
 *   npm run bench:transactions                (SQLite)
 *   DATABASE_URL=postgres://... npm run bench:transactions
 *
 * Targets: Bankbridge adds at most 30% to the bank's p50; its memory stays flat (the peak
 * resident size paging the 100,000-transaction list within 10% of the 1,000-transaction one).
 *
 * Latency is measured one request at a time: the question is what one read costs, not how many
 * a saturated machine can queue (with two cores shared by the load generator, the bank and
 * Bankbridge, a saturated run measures the queue).
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  clientCredentialsToken,
  consentApi,
  directBank,
  isoDate,
  json,
  readHeaders as readHeadersFor,
} from './flows.js';
import {
  CLI,
  freePort,
  type Measurement,
  measure,
  ROOT,
  residentMiB,
  run,
  sequentialLatency,
  startServer,
  stop,
  table,
} from './support.js';

const BIC = 'SWEDSESS';
const HEAVY_PSU = '196505057775';
const DAY = 86_400_000;
const BANK_LATENCY_MS = 50;

const dataDir = mkdtempSync(path.join(tmpdir(), 'bankbridge-bench-'));
const [apiPort, authPort, sandboxPort, proxyPort] = [
  await freePort(),
  await freePort(),
  await freePort(),
  await freePort(),
];
const api = `http://127.0.0.1:${apiPort}`;
const auth = `http://127.0.0.1:${authPort}`;
const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
const env: NodeJS.ProcessEnv = {
  ...process.env,
  BANKBRIDGE_DATA_DIR: dataDir,
  BANKBRIDGE_API_PORT: String(apiPort),
  BANKBRIDGE_AUTH_PORT: String(authPort),
  BANKBRIDGE_API_URL: api,
  BANKBRIDGE_AUTH_URL: auth,
  BANKBRIDGE_SANDBOX_PORT: String(sandboxPort),
  BANKBRIDGE_SANDBOX_URL: sandboxUrl,
  BANKBRIDGE_LOG_LEVEL: process.env.BANKBRIDGE_LOG_LEVEL ?? 'info',
  // The per-client rate limit would measure itself, not the path.
  BANKBRIDGE_RATE_LIMIT: 'off',
};

/** Runs a measurement while sampling a process's memory; returns the peak beside it. */
async function withPeakMemory(
  child: ChildProcess,
  work: () => Promise<Measurement>,
): Promise<[Measurement, number]> {
  let peak = residentMiB(child);
  const sampler = setInterval(() => {
    peak = Math.max(peak, residentMiB(child));
  }, 50);
  try {
    const result = await work();
    return [result, Math.max(peak, residentMiB(child))];
  } finally {
    clearInterval(sampler);
  }
}

const sandbox = await startServer([CLI, 'sandbox'], env, `${sandboxUrl}/banks`);
let platform: ChildProcess | undefined;
let proxy: ChildProcess | undefined;
try {
  const created = JSON.parse(
    await run([CLI, 'clients', 'create', '--name', 'Benchmark TPP', '--json'], env),
  ) as { client_id: string; client_secret: string };
  platform = await startServer([CLI, 'start', '--no-sandbox'], env, `${api}/health`);

  const token = await clientCredentialsToken(auth, created, 'accountinformation private');
  const consentId = await consentApi(api, token, BIC).decoupled(sandboxUrl, HEAVY_PSU);
  const readHeaders = readHeadersFor(token, consentId, BIC);
  const accountsUrl = `${api}/psd2/accountinformation/v1/accounts`;
  const { accounts } = await json(
    await fetch(accountsUrl, { headers: readHeaders }),
    'account list',
  );
  const accountId = accounts?.[0]?.resourceId as string;
  const throughBankbridge = `${accountsUrl}/${accountId}/transactions`;
  const bankReads = await directBank(sandboxUrl, BIC).reads(HEAVY_PSU);
  const direct = { url: bankReads.transactionsUrl, headers: bankReads.headers };

  // The whole history (over 100,000 booked transactions) and its last week (980).
  const today = Date.now();
  const everything = `bookingStatus=booked&dateFrom=${isoDate(today - 729 * DAY)}&dateTo=${isoDate(today)}`;
  const lastWeek = `bookingStatus=booked&dateFrom=${isoDate(today - 7 * DAY)}&dateTo=${isoDate(today)}`;

  // Both answer the same page before anything is timed.
  const viaBankbridge = await json(
    await fetch(`${throughBankbridge}?${everything}`, { headers: readHeaders }),
    'transactions through Bankbridge',
  );
  const fromBank = await json(
    await fetch(`${direct.url}?${everything}`, { headers: direct.headers }),
    'transactions from the bank',
  );
  const pageSize = viaBankbridge.transactions?.booked?.length;
  if (pageSize !== 100 || fromBank.transactions?.booked?.length !== 100) {
    throw new Error(
      `expected 100-item pages, got ${pageSize} and ${fromBank.transactions?.booked?.length}`,
    );
  }

  proxy = await startServer(
    [path.join(ROOT, 'bench/bare-proxy.mjs')],
    {
      ...process.env,
      BARE_PORT: String(proxyPort),
      BANK_URL: `${direct.url}?${everything}`,
      BANK_HEADERS: JSON.stringify(direct.headers),
    },
    `http://127.0.0.1:${proxyPort}/health`,
  );

  // Alternating rounds, median kept per side, so a passing disturbance does not decide the ratio.
  const rounds: Record<'bank' | 'proxy' | 'bankbridge', Measurement[]> = {
    bank: [],
    proxy: [],
    bankbridge: [],
  };
  for (let round = 0; round < 3; round++) {
    rounds.bank.push(
      await sequentialLatency(
        'sandbox bank directly',
        `${direct.url}?${everything}`,
        direct.headers,
      ),
    );
    rounds.proxy.push(
      await sequentialLatency(
        'bare forwarding route (the floor)',
        `http://127.0.0.1:${proxyPort}/forward`,
        {},
      ),
    );
    rounds.bankbridge.push(
      await sequentialLatency(
        'through Bankbridge',
        `${throughBankbridge}?${everything}`,
        readHeaders,
      ),
    );
  }
  const byP50 = (measured: Measurement[]) => {
    const sorted = [...measured].sort((a, b) => a.p50 - b.p50);
    return sorted[Math.floor(sorted.length / 2)] as Measurement;
  };
  const bank = byP50(rounds.bank);
  const floor = byP50(rounds.proxy);
  const bankbridge = byP50(rounds.bankbridge);

  // The same comparison with a bank that takes as long as a fast production bank API does
  // (the sandbox's latency fault): what a TPP sees in practice.
  await json(
    await fetch(`${sandboxUrl}/admin/banks/${BIC}/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ latencyMs: BANK_LATENCY_MS }),
    }),
    'bank latency fault',
  );
  const slowOptions = { requests: 300, warmup: 20 };
  const slowBank = await sequentialLatency(
    `sandbox bank directly, ${BANK_LATENCY_MS} ms latency`,
    `${direct.url}?${everything}`,
    direct.headers,
    slowOptions,
  );
  const slowBankbridge = await sequentialLatency(
    `through Bankbridge, ${BANK_LATENCY_MS} ms latency`,
    `${throughBankbridge}?${everything}`,
    readHeaders,
    slowOptions,
  );
  await fetch(`${sandboxUrl}/admin/banks/${BIC}/faults`, { method: 'DELETE' });

  // Memory: the same page under concurrent load, first of a 980-transaction list, then of the
  // whole history, each in a freshly started Bankbridge so that neither run inherits the
  // other's heap. Bankbridge holds one bank page per request whatever the list's length.
  await stop(platform);
  platform = undefined;
  const peakMemory = async (name: string, query: string): Promise<[Measurement, number]> => {
    const fresh = await startServer([CLI, 'start', '--no-sandbox'], env, `${api}/health`);
    try {
      const url = `${throughBankbridge}?${query}`;
      await measure('warm-up', { url, headers: readHeaders, connections: 4, duration: 2 });
      return await withPeakMemory(fresh, () =>
        measure(name, { url, headers: readHeaders, connections: 16, duration: 10 }),
      );
    } finally {
      await stop(fresh);
    }
  };
  // In the order small, large, large, small, so that a drift over the run (the store grows)
  // weighs on both sides alike; each side keeps the mean of its two peaks.
  const smallRuns = [await peakMemory('memory: list of 980', lastWeek)];
  const largeRuns = [await peakMemory('memory: list of 100,000+', everything)];
  largeRuns.push(await peakMemory('memory: list of 100,000+', everything));
  smallRuns.push(await peakMemory('memory: list of 980', lastWeek));
  const meanPeak = (runs: [Measurement, number][]) =>
    runs.reduce((sum, [, peak]) => sum + peak, 0) / runs.length;
  const [small, smallPeak] = [smallRuns[0]?.[0] as Measurement, meanPeak(smallRuns)];
  const [large, largePeak] = [largeRuns[0]?.[0] as Measurement, meanPeak(largeRuns)];

  const ratio = bankbridge.p50 / bank.p50;
  const growth = largePeak / smallPeak;
  console.log(
    `\nBankbridge transactions benchmark (${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'}, Node ${process.version})\n`,
  );
  console.log('One request at a time, 100-item page of the heavy account:');
  console.log(table([bank, floor, bankbridge]));
  console.log(`\np50 through Bankbridge / directly: ${againstTarget(ratio)}`);
  console.log(
    `p50 added by Bankbridge: ${(bankbridge.p50 - bank.p50).toFixed(2)} ms, of which the bare forwarding hop alone adds ${(floor.p50 - bank.p50).toFixed(2)} ms`,
  );
  const slowRatio = slowBankbridge.p50 / slowBank.p50;
  console.log(
    `p99 through Bankbridge / directly: ${((bankbridge.p99 / bank.p99) * 100).toFixed(0)}%`,
  );
  console.log(`\nThe same with the bank answering in ${BANK_LATENCY_MS} ms:`);
  console.log(table([slowBank, slowBankbridge]));
  console.log(`\np50 through Bankbridge / directly: ${againstTarget(slowRatio)}`);
  console.log('\n16 connections, each in a fresh Bankbridge, its resident memory while paging:');
  console.log(table([small, large]));
  console.log(
    `\nmean peak RSS: ${smallPeak.toFixed(0)} MiB (980) -> ${largePeak.toFixed(0)} MiB (100,000+), ${((growth - 1) * 100).toFixed(1)}% (target within 10%) ${growth <= 1.1 ? 'OK' : 'ABOVE TARGET'}`,
  );
} finally {
  if (proxy) await stop(proxy);
  if (platform) await stop(platform);
  await stop(sandbox);
  rmSync(dataDir, { recursive: true, force: true });
}

/** A p50 ratio against the target of at most +30%: "412% (+312%; target <= +30%) ABOVE TARGET". */
function againstTarget(ratio: number): string {
  const added = (ratio - 1) * 100;
  return `${(ratio * 100).toFixed(0)}% (${added >= 0 ? '+' : ''}${added.toFixed(0)}%; target <= +30%) ${ratio <= 1.3 ? 'OK' : 'ABOVE TARGET'}`;
}
