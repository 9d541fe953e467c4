/**
 * The probes: `/health` and `/health/live` answer while the process runs; `/health/ready` says
 * whether a balancer should send requests here (the database answers, every migration is
 * applied, the instance is not draining). And the drain itself: an instance that shuts down
 * answers not-ready while it still serves, finishes a request that waits on a slow bank, and
 * then stops accepting.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { consentBody } from '../support/ais-consent.js';
import { expectContract, fromFetch } from '../support/contract.js';
import { type ListeningPlatform, startListeningPlatform } from '../support/listening-platform.js';
import { startTestPlatform, TEST_API_URL, type TestPlatform } from '../support/test-platform.js';

describe('health probes', () => {
  let t: TestPlatform | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('/health and /health/live answer ok on the API and the auth server alike', async () => {
    t = await startTestPlatform();
    for (const app of [t.api, t.auth]) {
      for (const url of ['/health', '/health/live']) {
        const response = await app.inject({ method: 'GET', url });
        expect(response.statusCode, url).toBe(200);
        expect(response.json()).toEqual({ status: 'ok' });
        expect(response.headers['cache-control']).toBe('no-store');
        expect(response.headers['x-request-id']).toBeTruthy();
      }
    }
  });

  it('/health/ready is 200 with each check named when the database answers and is migrated', async () => {
    t = await startTestPlatform();
    const response = await t.api.inject({ method: 'GET', url: '/health/ready' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      status: 'ready',
      checks: { database: 'ok', migrations: 'ok' },
    });
  });

  it('/health/ready is 503 while a migration of this build is not applied, and says what to run', async () => {
    t = await startTestPlatform();
    const last = await sql<{ name: string }>`
      select name from kysely_migration order by name desc limit 1`.execute(t.store.db);
    const name = last.rows[0]?.name as string;
    const removed = await sql<{ timestamp: string }>`
      select timestamp from kysely_migration where name = ${name}`.execute(t.store.db);
    await sql`delete from kysely_migration where name = ${name}`.execute(t.store.db);
    const response = await t.api.inject({ method: 'GET', url: '/health/ready' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({
      status: 'not ready',
      checks: { database: 'ok', migrations: '1 pending: run bankbridge migrate' },
    });
    // The live probe does not depend on it: the process is fine, it only must not get traffic.
    expect((await t.api.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    await sql`insert into kysely_migration (name, timestamp)
      values (${name}, ${removed.rows[0]?.timestamp as string})`.execute(t.store.db);
    expect((await t.api.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200);
  });

  it('/health/ready is 503 without an error text when the database is gone', async () => {
    t = await startTestPlatform();
    await t.platform.store.close();
    const response = await t.api.inject({ method: 'GET', url: '/health/ready' });
    expect(response.statusCode).toBe(503);
    expect(response.json().checks.database).toBe('not answering');
    expect((await t.api.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    // The store is closed already; closing the test store again must not fail the test.
    t.store.close = async () => {};
    t.platform.store.close = async () => {};
  });
});

describe('draining on shutdown', () => {
  let live: ListeningPlatform | undefined;
  afterEach(async () => {
    await live?.admin('DELETE', '/banks/ESSESESS/faults').catch(() => undefined);
    await live?.close().catch(() => undefined);
    live = undefined;
  });

  it('keeps an idle connection open longer than a balancer would (72 s), saying so in Keep-Alive', async () => {
    live = await startListeningPlatform();
    // Node's 5 s default would close connections clients are about to reuse.
    for (const url of [live.apiUrl, live.authUrl]) {
      const response = await fetch(`${url}/health/live`);
      await response.text();
      expect(response.headers.get('keep-alive'), url).toBe('timeout=72');
    }
  });

  it('answers not-ready while it still serves, closing each connection after its answer', async () => {
    live = await startListeningPlatform({ env: { BANKBRIDGE_SHUTDOWN_DELAY: '2' } });
    const ready = () => fetch(`${live?.apiUrl}/health/ready`);
    expect((await ready()).status).toBe(200);
    const shutdown = live.platform.shutdown();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const draining = await ready();
    expect(draining.status).toBe(503);
    expect(draining.headers.get('connection')).toBe('close');
    expect(await draining.json()).toMatchObject({
      status: 'not ready',
      checks: { database: 'ok', migrations: 'ok', shutdown: expect.stringMatching(/^draining/) },
    });
    const alive = await fetch(`${live.apiUrl}/health/live`);
    expect(alive.status).toBe(200);
    expect(await shutdown).toBe(true);
    await expect(fetch(`${live.apiUrl}/health/live`)).rejects.toThrow();
  }, 30_000);

  it('finishes a request waiting on a slow bank before it stops, then accepts no more', async () => {
    // Links name a public host: the contract's url format refuses the loopback address.
    live = await startListeningPlatform({ env: { BANKBRIDGE_API_URL: TEST_API_URL } });
    const token = await live.token('accountinformation private');
    expect((await live.admin('PUT', '/banks/ESSESESS/faults', { latencyMs: 1_500 })).status).toBe(
      200,
    );
    const url = '/psd2/consent/v1/consents';
    const headers = {
      authorization: `Bearer ${token}`,
      'x-request-id': randomUUID(),
      'x-bicfi': 'ESSESESS',
      'psu-ip-address': '192.0.2.10',
      'content-type': 'application/json',
      'tpp-redirect-preferred': 'false',
    };
    const started = Date.now();
    const apiUrl = `http://127.0.0.1:${live.platform.config.apiPort}`;
    const inFlight = fetch(`${apiUrl}${url}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(consentBody(new Date())),
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const shutdown = live.platform.shutdown();
    const response = await inFlight;
    const text = await response.text();
    expect(response.status, text).toBe(201);
    expectContract(fromFetch('POST', url, response, text, headers));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_500);
    expect(await shutdown).toBe(true);
    await expect(fetch(`${apiUrl}/health/live`)).rejects.toThrow();
  }, 30_000);
});
