import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import autocannon from 'autocannon';
import pg from 'pg';

export const ROOT = new URL('..', import.meta.url).pathname;
export const CLI = `${ROOT}packages/platform/bin/bankbridge.mjs`;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Runs a command to completion and returns its stdout; fails loudly with its stderr. */
export async function run(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    err += d;
  });
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  if (code !== 0) throw new Error(`${args.join(' ')} exited ${code}: ${err}`);
  return out;
}

/** Starts a long-running server process and waits until `ready` answers. */
export async function startServer(
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: string,
): Promise<ChildProcess> {
  // BENCH_CPU_PROF=<dir> writes a CPU profile of every server into <dir> when it stops.
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  const child = spawn(process.execPath, [...profile, ...args], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited ${child.exitCode}`);
    try {
      if ((await fetch(ready)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`${ready} did not answer within 30 s`);
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const closed = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([closed, new Promise((r) => setTimeout(r, 5000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/** Resident set size of a process in MiB, from /proc (Linux). */
/** Drops a PostgreSQL schema a benchmark's instances kept their data in. */
export async function dropSchema(databaseUrl: string, schema: string): Promise<void> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await db.end();
  }
}

export function residentMiB(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kib / 1024;
}

export interface Measurement {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

export async function measure(name: string, options: autocannon.Options): Promise<Measurement> {
  const result = await autocannon({ connections: 32, duration: 8, ...options });
  const non2xx = result.non2xx + result.errors + result.timeouts;
  return {
    name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: non2xx,
  };
}

export function table(rows: Measurement[]): string {
  const header = ['measurement', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx'];
  const lines = rows.map((r) => [
    r.name,
    r.requestsPerSecond.toFixed(0),
    r.p50.toFixed(2),
    r.p99.toFixed(2),
    String(r.errors),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  return [fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...lines.map(fmt)].join('\n');
}

/** The round with the median throughput (rounds are whole measurements, kept consistent). */
export function median(rounds: Measurement[]): Measurement {
  const sorted = [...rounds].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  const middle = sorted[Math.floor(sorted.length / 2)];
  if (!middle) throw new Error('no rounds measured');
  return middle;
}

/**
 * Latency of one request at a time, timed per request in microseconds (autocannon's histogram
 * counts whole milliseconds, too coarse for answers that take one). Keep-alive, like a client
 * that reuses its connection.
 */
export async function sequentialLatency(
  name: string,
  url: string,
  headers: Record<string, string>,
  options: { requests?: number; warmup?: number } = {},
): Promise<Measurement> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const once = () =>
    new Promise<number>((resolve, reject) => {
      const started = process.hrtime.bigint();
      const request = http.get(url, { agent, headers }, (response) => {
        response.on('data', () => {});
        response.on('end', () => {
          const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
          if ((response.statusCode ?? 500) >= 300)
            reject(new Error(`${name}: ${response.statusCode}`));
          else resolve(elapsed);
        });
      });
      request.on('error', reject);
    });
  try {
    for (let i = 0; i < (options.warmup ?? 200); i++) await once();
    const samples: number[] = [];
    const started = process.hrtime.bigint();
    for (let i = 0; i < (options.requests ?? 2000); i++) samples.push(await once());
    return summarise(name, samples, Number(process.hrtime.bigint() - started) / 1e9, 0);
  } finally {
    agent.destroy();
  }
}

/**
 * Throughput and latency of any call, `concurrency` at a time for `seconds`: for flows of
 * several requests and for calls made through a library, where autocannon cannot go. With
 * `ratePerSecond` the calls are paced to that rate (each worker waits for its turn, and one
 * behind its turn calls at once): a server's CPU per call depends on how often it is called,
 * so servers compared at one rate are compared on their work alone.
 */
export async function measureCalls(
  name: string,
  call: (worker: number) => Promise<void>,
  options: {
    concurrency?: number;
    seconds?: number;
    warmupSeconds?: number;
    ratePerSecond?: number | undefined;
  } = {},
): Promise<Measurement> {
  const concurrency = options.concurrency ?? 8;
  const rate = options.ratePerSecond;
  const run = async (seconds: number, record: boolean) => {
    const samples: number[] = [];
    let errors = 0;
    const startedAt = performance.now();
    const deadline = startedAt + seconds * 1000;
    await Promise.all(
      Array.from({ length: concurrency }, async (_, worker) => {
        for (let turn = 0; performance.now() < deadline; turn++) {
          if (rate) {
            const due = startedAt + ((turn * concurrency + worker) * 1000) / rate;
            const wait = due - performance.now();
            if (due >= deadline) break;
            if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          }
          const started = performance.now();
          try {
            await call(worker);
            if (record) samples.push(performance.now() - started);
          } catch (error) {
            errors++;
            if (errors === 1) console.error(`${name}: ${(error as Error).message}`);
          }
        }
      }),
    );
    return { samples, errors };
  };
  await run(options.warmupSeconds ?? 1, false);
  const seconds = options.seconds ?? 5;
  const { samples, errors } = await run(seconds, true);
  return summarise(name, samples, seconds, errors);
}

/** A measurement from per-call latencies (ms) completed in `seconds`. */
function summarise(name: string, samples: number[], seconds: number, errors: number): Measurement {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { name, requestsPerSecond: sorted.length / seconds, p50: at(0.5), p99: at(0.99), errors };
}
