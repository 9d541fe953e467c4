import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { type Config, configFromEnv } from '../../src/config.js';
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
  close(): Promise<void>;
}

export interface TestPlatformOptions {
  env?: Record<string, string>;
  now?: () => Date;
  /** Collects the log lines (JSON strings) the platform writes. */
  logLines?: string[];
}

export const TEST_AUTH_URL = 'http://auth.bankbridge.test';
export const TEST_API_URL = 'http://api.bankbridge.test';

/** A platform on a fresh store, driven with fastify inject(): real HTTP handling, no sockets. */
export async function startTestPlatform(options: TestPlatformOptions = {}): Promise<TestPlatform> {
  const store = await createTestStore();
  const config: Config = configFromEnv({
    BANKBRIDGE_API_URL: TEST_API_URL,
    BANKBRIDGE_AUTH_URL: TEST_AUTH_URL,
    BANKBRIDGE_SANDBOX_URL: 'http://sandbox.bankbridge.test',
    BANKBRIDGE_DATA_DIR: store.dataDir,
    BANKBRIDGE_SECRET_KEY: 'bankbridge-test-secret-key-0123456789abcdef',
    BANKBRIDGE_LOG_LEVEL: options.logLines ? 'info' : 'silent',
    ...options.env,
  });
  const logger = createLogger({
    level: config.logLevel,
    ...(options.logLines
      ? { destination: { write: (line: string) => void options.logLines?.push(line) } }
      : {}),
  });
  const platform = await createPlatform({
    config,
    logger,
    store,
    ...(options.now ? { now: options.now } : {}),
  });
  await platform.api.ready();
  await platform.auth.ready();
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
    async token(scope: string) {
      const response = await platform.auth.inject({
        method: 'POST',
        url: '/connect/token',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          client_id: client.id,
          client_secret: secret,
          grant_type: 'client_credentials',
          scope,
        }).toString(),
      });
      if (response.statusCode !== 200) {
        throw new Error(`token request failed: ${response.statusCode} ${response.body}`);
      }
      return response.json().access_token as string;
    },
    async close() {
      await platform.close();
      await store.destroy();
    },
  };
}

export function psd2Headers(token: string, extra: Record<string, string> = {}) {
  return { authorization: `Bearer ${token}`, 'x-request-id': randomUUID(), ...extra };
}
