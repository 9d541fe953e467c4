import { randomUUID } from 'node:crypto';
import { type RunningSandbox, type RunSandboxOptions, runSandbox } from '@bankbridge/sandbox';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { type Config, configFromEnv } from '../../src/config.js';
import type { Resolver } from '../../src/events/index.js';
import { createLogger } from '../../src/logging/logger.js';
import { createPlatform, type Platform } from '../../src/platform.js';
import { createTestStore, type TestStore } from './test-store.js';

export interface TestPlatform {
  platform: Platform;
  api: FastifyInstance;
  auth: FastifyInstance;
  store: TestStore;
  /** A registered client with every scope. */
  client: { id: string; secret: string };
  /** A client-credentials access token for the test client. */
  token(scope: string): Promise<string>;
  /** A client-credentials access token for another registered client. */
  tokenFor(client: { id: string; secret: string }, scope: string): Promise<string>;
  /** URL of the live sandbox banks when started with `sandbox`, else undefined. */
  sandboxUrl: string | undefined;
  /** JSON lines the sandbox banks logged (empty without `sandbox`). */
  bankLogLines: string[];
  /** A call to the sandbox's admin API (`/admin${path}`); throws without `sandbox`. */
  admin(method: string, path: string, body?: unknown): Promise<Response>;
  close(): Promise<void>;
}

export interface TestPlatformOptions {
  env?: Record<string, string>;
  now?: () => Date;
  /** DNS for webhook hosts (platform.ts `webhookResolver`). */
  webhookResolver?: Resolver;
  /** Turns tracing on, with spans handed to this exporter (platform.ts `traceExporter`). */
  traceExporter?: SpanExporter;
  /** Collects the log lines (JSON strings) the platform writes. */
  logLines?: string[];
  /**
   * Start the sandbox banks on a free port and point the registry at them, so that bank
   * calls go over real HTTP; an object is handed to runSandbox (faults, data dir, ...).
   */
  sandbox?: boolean | Omit<RunSandboxOptions, 'port' | 'host' | 'logger'>;
}

export const TEST_AUTH_URL = 'http://auth.bankbridge.test';
export const TEST_API_URL = 'http://api.bankbridge.test';

/** A platform on a fresh store, driven with fastify inject(): real HTTP handling, no sockets. */
export async function startTestPlatform(options: TestPlatformOptions = {}): Promise<TestPlatform> {
  const store = await createTestStore();
  const bankLogLines: string[] = [];
  let sandbox: RunningSandbox | undefined;
  let platform: Platform;
  try {
    if (options.sandbox) {
      sandbox = await runSandbox({
        port: 0,
        host: '127.0.0.1',
        logger: pino({ level: 'info' }, { write: (line: string) => void bankLogLines.push(line) }),
        ...(options.sandbox === true ? {} : options.sandbox),
      });
    }
    const config: Config = configFromEnv({
      BANKBRIDGE_API_URL: TEST_API_URL,
      BANKBRIDGE_AUTH_URL: TEST_AUTH_URL,
      BANKBRIDGE_SANDBOX_URL: sandbox?.url ?? 'http://sandbox.bankbridge.test',
      BANKBRIDGE_DATA_DIR: store.dataDir,
      BANKBRIDGE_SECRET_KEY: 'bankbridge-test-secret-key-0123456789abcdef',
      BANKBRIDGE_LOG_LEVEL: options.logLines ? 'info' : 'silent',
      // A test that waits on a silent bank should fail in seconds, not at the real deadline.
      BANKBRIDGE_BANK_TIMEOUT_MS: '3000',
      // Limits and the breaker stay on, out of the way: a test file makes hundreds of calls as one
      // client, and its bank-fault tests must not close a bank to the tests after them. Tests of
      // the limits and the breaker (test/limits, test/connectors/breaker*) set their own.
      BANKBRIDGE_RATE_LIMIT: '1000000/min',
      BANKBRIDGE_PAGE_LIMIT_SOURCE: '1000000/min',
      BANKBRIDGE_PAGE_LIMIT_CLIENT: '1000000/min',
      BANKBRIDGE_BANK_BREAKER_FAILURES: '1000',
      ...options.env,
    });
    const logger = createLogger({
      level: config.logLevel,
      ...(options.logLines
        ? { destination: { write: (line: string) => void options.logLines?.push(line) } }
        : {}),
    });
    platform = await createPlatform({
      config,
      logger,
      store,
      ...(options.now ? { now: options.now } : {}),
      ...(options.webhookResolver ? { webhookResolver: options.webhookResolver } : {}),
      ...(options.traceExporter ? { traceExporter: options.traceExporter } : {}),
    });
    await platform.api.ready();
    await platform.auth.ready();
  } catch (error) {
    // A listening sandbox would keep the test process alive after the failure.
    await sandbox?.close();
    await store.destroy();
    throw error;
  }
  const { client, secret } = await platform.clients.create({
    name: 'Test TPP',
    redirectUris: ['https://tpp.example/callback'],
  });
  return {
    platform,
    api: platform.api,
    auth: platform.auth,
    store,
    client: { id: client.id, secret },
    token: (scope: string) => tokenFor(platform, { id: client.id, secret }, scope),
    tokenFor: (other, scope) => tokenFor(platform, other, scope),
    sandboxUrl: sandbox?.url,
    bankLogLines,
    admin(method, path, body) {
      if (!sandbox) throw new Error('admin() needs startTestPlatform({ sandbox: true })');
      return fetch(`${sandbox.url}/admin${path}`, {
        method,
        ...(body === undefined
          ? {}
          : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      });
    },
    async close() {
      await platform.close();
      await sandbox?.close();
      await store.destroy();
    },
  };
}

export function psd2Headers(token: string, extra: Record<string, string> = {}) {
  return { authorization: `Bearer ${token}`, 'x-request-id': randomUUID(), ...extra };
}

async function tokenFor(
  platform: Platform,
  client: { id: string; secret: string },
  scope: string,
): Promise<string> {
  const response = await platform.auth.inject({
    method: 'POST',
    url: '/connect/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({
      client_id: client.id,
      client_secret: client.secret,
      grant_type: 'client_credentials',
      scope,
    }).toString(),
  });
  if (response.statusCode !== 200) {
    throw new Error(`token request failed: ${response.statusCode} ${response.body}`);
  }
  return response.json().access_token as string;
}
