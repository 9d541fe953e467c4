/**
 * Several Bankbridge instances on one PostgreSQL schema, as operators run them: each one a
 * `bankbridge start --no-sandbox` process with the same DATABASE_URL, schema and secret key,
 * behind a round-robin balancer whose URL is the public API and auth URL of all of them. The
 * sandbox banks run in the test. Instances can be killed (SIGKILL) and started again.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type RunningSandbox, runSandbox } from '@bankbridge/sandbox';
import pino from 'pino';
import { CLIENT_RULES } from '../../src/auth/client-rules.js';
import { ClientsRepository } from '../../src/store/clients.js';
import { openStore, type Store } from '../../src/store/open-store.js';
import { fromFetch } from '../support/contract.js';
import { freePort } from '../support/free-port.js';
import { adminQuery, TEST_DATABASE_URL } from '../support/test-store.js';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const CLI = path.join(ROOT, 'packages/platform/bin/bankbridge.mjs');
const PUBLIC_API_URL = 'http://api.bankbridge.test';
export const SECRET_KEY = `scale-test-${randomBytes(16).toString('hex')}`;

export interface Instance {
  name: string;
  /** http://127.0.0.1:<port>: this instance alone, API and auth on one port. */
  url: string;
  /** JSON log lines it wrote. */
  logs: string[];
  running: boolean;
  /** SIGKILL: no shutdown, no flushing, connections cut mid-request. */
  kill(): Promise<void>;
  /** SIGTERM: the graceful shutdown; resolves with the exit code once the process is gone. */
  terminate(): Promise<number | null>;
  /** Resolves once the process has exited (a failpoint kills it from inside). */
  exited(): Promise<void>;
  /**
   * Starts it again on the same port, schema and key; `env` adds to its environment for this
   * run only (a failpoint, say).
   */
  start(env?: Record<string, string>): Promise<void>;
}

export interface Cluster {
  instances: Instance[];
  /** The balancer: where TPPs and browsers reach every instance (the public auth URL). */
  url: string;
  sandboxUrl: string;
  /** The schema's store, for clients and for reading rows. */
  store: Store;
  schema: string;
  /** A new confidential client with every scope. */
  client(name?: string): Promise<{ id: string; secret: string }>;
  /** A sandbox admin call (faults). */
  admin(method: string, path: string, body?: unknown): Promise<Response>;
  close(): Promise<void>;
}

export interface ClusterOptions {
  size?: number;
  /** More environment for every instance (BANKBRIDGE_RATE_LIMIT, ...). */
  env?: Record<string, string>;
  /**
   * The balancer sends requests only to instances whose `/health/ready` answered 200 at its
   * last check (every 100 ms), as a balancer with health checks does; otherwise to every
   * running instance.
   */
  readinessChecks?: boolean;
}

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const schema = `bb_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE SCHEMA ${schema}`);
  const sandbox = await runSandbox({
    port: 0,
    host: '127.0.0.1',
    logger: pino({ level: 'silent' }),
  });
  const balancer = await startBalancer(options.readinessChecks ?? false);
  const instances: ProcessInstance[] = [];
  let store: Store | undefined;
  try {
    for (let i = 0; i < (options.size ?? 2); i++) {
      instances.push(
        new ProcessInstance(String.fromCharCode(65 + i), await freePort(), {
          ...process.env,
          DATABASE_URL: TEST_DATABASE_URL,
          BANKBRIDGE_DB_SCHEMA: schema,
          BANKBRIDGE_SECRET_KEY: SECRET_KEY,
          // Links in API answers name the public API host (the contract's url format refuses
          // 127.0.0.1); TPPs here reach it at the balancer's address. Browsers follow links to
          // the auth server, so that is the balancer itself.
          BANKBRIDGE_API_URL: PUBLIC_API_URL,
          BANKBRIDGE_AUTH_URL: balancer.url,
          BANKBRIDGE_SANDBOX_URL: sandbox.url,
          BANKBRIDGE_LOG_LEVEL: 'info',
          BANKBRIDGE_DB_POOL_SIZE: '5',
          ...options.env,
        }),
      );
    }
    balancer.targets = instances;
    // Started together, they also race to migrate the empty schema.
    await Promise.all(instances.map((instance) => instance.start()));
    store = await openStore({ databaseUrl: TEST_DATABASE_URL, postgresSchema: schema });
  } catch (error) {
    await closeAll(instances, balancer, sandbox, store, schema);
    throw error;
  }
  const opened = store;
  const clients = new ClientsRepository(opened.db, CLIENT_RULES);
  return {
    instances,
    url: balancer.url,
    sandboxUrl: sandbox.url,
    store: opened,
    schema,
    async client(name = 'Scale TPP') {
      const { client, secret } = await clients.create({
        name,
        redirectUris: ['https://tpp.example/callback'],
      });
      return { id: client.id, secret };
    },
    admin: (method, adminPath, body) =>
      fetch(`${sandbox.url}/admin${adminPath}`, {
        method,
        ...(body === undefined
          ? {}
          : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      }),
    close: () => closeAll(instances, balancer, sandbox, opened, schema),
  };
}

async function closeAll(
  instances: ProcessInstance[],
  balancer: Balancer,
  sandbox: RunningSandbox,
  store: Store | undefined,
  schema: string,
): Promise<void> {
  await Promise.all(instances.map((instance) => instance.kill()));
  for (const instance of instances) instance.cleanUp();
  await balancer.close();
  await sandbox.close();
  await store?.close();
  await adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
}

class ProcessInstance implements Instance {
  readonly url: string;
  readonly logs: string[] = [];
  private child: ChildProcess | undefined;
  private exit: Promise<number | null> = Promise.resolve(null);
  private readonly dataDir = mkdtempSync(path.join(tmpdir(), 'bankbridge-scale-'));

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  get running(): boolean {
    // A process killed by a signal has no exit code, only a signal code.
    return (
      this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null
    );
  }

  async start(env: Record<string, string> = {}): Promise<void> {
    const child = spawn(process.execPath, [CLI, 'start', '--no-sandbox'], {
      cwd: this.dataDir,
      env: {
        ...this.env,
        ...env,
        BANKBRIDGE_DATA_DIR: this.dataDir,
        BANKBRIDGE_API_PORT: String(this.port),
        BANKBRIDGE_AUTH_PORT: String(this.port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.exit = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    let output = '';
    const keep = (chunk: Buffer) => {
      output += chunk.toString();
      for (const line of chunk.toString().split('\n'))
        if (line.startsWith('{')) this.logs.push(line);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) {
        throw new Error(`instance ${this.name} exited with ${child.exitCode}:\n${output}`);
      }
      // Not pooled: an instance drops an idle connection after 5 s, and the test's next request
      // to it would be cut if it took this one just then.
      const up = await fetch(`${this.url}/health`, { headers: { connection: 'close' } }).then(
        (r) => r.ok,
        () => false,
      );
      if (up) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`instance ${this.name} did not start in 60 s:\n${output}`);
  }

  async kill(): Promise<void> {
    if (this.running) this.child?.kill('SIGKILL');
    await this.exit;
  }

  async terminate(): Promise<number | null> {
    if (this.running) this.child?.kill('SIGTERM');
    return this.exit;
  }

  async exited(): Promise<void> {
    await this.exit;
  }

  cleanUp(): void {
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

interface Balancer {
  url: string;
  targets: Instance[];
  close(): Promise<void>;
}

/**
 * Asks each target's `/health/ready` every 100 ms; `ready` holds those that answered 200, until
 * three checks in a row failed (a check slowed by a loaded machine does not take it out).
 */
function readinessChecker(balancer: Balancer): { ready: Set<Instance>; stop(): void } {
  const ready = new Set<Instance>();
  const failures = new Map<Instance, number>();
  let stopped = false;
  const check = async () => {
    while (!stopped) {
      await Promise.all(
        balancer.targets.map(async (target) => {
          const ok = target.running
            ? await fetch(`${target.url}/health/ready`, {
                headers: { connection: 'close' },
                signal: AbortSignal.timeout(2_000),
              }).then(
                (r) => r.ok,
                () => false,
              )
            : false;
          const failed = ok ? 0 : (failures.get(target) ?? 0) + 1;
          failures.set(target, failed);
          if (ok) ready.add(target);
          else if (failed >= 3 || !target.running) ready.delete(target);
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  void check();
  return {
    ready,
    stop: () => {
      stopped = true;
    },
  };
}

/**
 * Round robin over the instances that run, as any HTTP balancer with health checks does. A
 * request cut by an instance's death is answered 502, as a balancer would.
 */
async function startBalancer(readinessChecks: boolean): Promise<Balancer> {
  let next = 0;
  const agent = new http.Agent({ keepAlive: true });
  const balancer: Balancer = { url: '', targets: [], close: async () => {} };
  const checker = readinessChecks ? readinessChecker(balancer) : undefined;
  const server = http.createServer((request, response) => {
    const live = balancer.targets.filter((t) => t.running && (checker?.ready.has(t) ?? true));
    const target = live[next++ % Math.max(live.length, 1)];
    if (!target) {
      response.writeHead(503).end();
      return;
    }
    const upstream = http.request(
      `${target.url}${request.url}`,
      { method: request.method, headers: request.headers, agent },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
        answer.on('error', () => response.destroy());
      },
    );
    upstream.on('error', () => {
      if (!response.headersSent) response.writeHead(502).end();
      else response.destroy();
    });
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  balancer.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  balancer.close = async () => {
    checker?.stop();
    server.closeAllConnections();
    agent.destroy();
    await new Promise((resolve) => server.close(resolve));
  };
  return balancer;
}

/** A TPP over real HTTP against one base URL (an instance or the balancer). */
export class Tpp {
  constructor(readonly client: { id: string; secret: string }) {}

  async token(base: string, scope: string): Promise<string> {
    const response = await fetch(`${base}/connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: this.client.id,
        client_secret: this.client.secret,
        scope,
      }),
    });
    if (response.status !== 200) {
      throw new Error(`token at ${base}: ${response.status} ${await response.text()}`);
    }
    return ((await response.json()) as { access_token: string }).access_token;
  }
}

export interface Psd2Answer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: JSON of every operation's shape, read by tests
  body: any;
  /** What the contract checker reads. */
  observed: ReturnType<typeof fromFetch>;
}

/** One /psd2 call with the guide's headers; `headers` adds or removes (undefined) some. */
export async function psd2(
  base: string,
  token: string,
  method: string,
  url: string,
  options: { bic?: string; body?: unknown; headers?: Record<string, string | undefined> } = {},
): Promise<Psd2Answer> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    authorization: `Bearer ${token}`,
    'x-request-id': randomUUID(),
    'psu-ip-address': '192.0.2.10',
    'psu-user-agent': 'Mozilla/5.0 (scale test)',
    ...(options.bic ? { 'x-bicfi': options.bic } : {}),
    ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
  };
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (value === undefined) delete headers[name];
    else headers[name] = value;
  }
  const response = await fetch(`${base}${url}`, {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? JSON.parse(text) : undefined,
    observed: fromFetch(method, url, response, text, headers),
  };
}
