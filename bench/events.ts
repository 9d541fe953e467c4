/**
 * Events, on SQLite and on PostgreSQL, in one run:
 *
 * - Throughput of webhook delivery: BENCH_EVENTS events (default 2,000, over 500 resources) are
 *   written to the outbox, then the webhook worker empties it into a local receiving HTTP
 *   server that answers 200 at once; events delivered per second, from the first claim to the
 *   last answer. On PostgreSQL also with two workers on two connection pools sharing the
 *   outbox, as two instances do (on the same cores). Every event must arrive exactly once.
 * - The cost of the outbox on the hot path: a consent status change as Bankbridge writes it
 *   (the consent, its history row, the event and its delivery row, one transaction), against
 *   the same change without the event (the consent and its history row alone). Rounds
 *   alternate and the median round of each is kept; the ratio is of that one run.
 *
 *   npm run bench:events
 *
 * BENCH_SECONDS (default 5) sets each hot-path round's length; BENCH_DATABASE_URL the
 * PostgreSQL server (default postgres://postgres@127.0.0.1:5432/test; a schema of its own,
 * dropped at the end). The load average is printed with the figures: the machine is shared.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { systemResolver } from '../packages/platform/src/events/address-guard.js';
import { WebhookSender } from '../packages/platform/src/events/sender.js';
import { WebhookWorker } from '../packages/platform/src/events/webhook-worker.js';
import { createLogger } from '../packages/platform/src/logging/logger.js';
import { SealedBox } from '../packages/platform/src/security/sealed-box.js';
import {
  CONFLICT,
  type ConsentRecord,
  ConsentsRepository,
} from '../packages/platform/src/store/consents.js';
import { EventsRepository } from '../packages/platform/src/store/events.js';
import { openStore, type Store } from '../packages/platform/src/store/open-store.js';
import {
  DeliveriesRepository,
  WebhookSettingsRepository,
} from '../packages/platform/src/store/webhooks.js';
import { type Measurement, measureCalls, median } from './support.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 2_000);
const RESOURCES = Math.min(500, EVENTS);
const ROUNDS = 3;
const CONCURRENCY = 4;
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const logger = createLogger({ level: 'silent' });
const box = new SealedBox(randomBytes(32));

/** A TPP's receiver: counts what it is sent, by event id, and answers 200 at once. */
async function startReceiver() {
  const seen = new Map<string, number>();
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const id = String(request.headers['bankbridge-event-id']);
      seen.set(id, (seen.get(id) ?? 0) + 1);
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    seen,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

interface Target {
  label: string;
  open(): Promise<Store>;
  cleanup(): Promise<void>;
}

function sqlite(): Target {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bankbridge-bench-events-'));
  return {
    label: 'SQLite',
    open: () => openStore({ sqlitePath: path.join(dir, 'bench.sqlite') }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function postgres(): Target {
  const schema = `bench_events_${randomBytes(4).toString('hex')}`;
  return {
    label: 'PostgreSQL',
    open: () => openStore({ databaseUrl: DATABASE_URL, postgresSchema: schema }),
    cleanup: async () => {
      const db = new pg.Client({ connectionString: DATABASE_URL });
      await db.connect();
      await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.end();
    },
  };
}

function workerOn(store: Store): WebhookWorker {
  const timeoutMs = 10_000;
  return new WebhookWorker({
    events: new EventsRepository(store.db),
    deliveries: new DeliveriesRepository(store.db),
    settings: new WebhookSettingsRepository(store.db, box),
    sender: new WebhookSender({ allowLoopback: true, resolve: systemResolver, timeoutMs }),
    policy: { allowLoopback: true },
    now: () => new Date(),
    logger,
    timeoutMs,
  });
}

/** `count` calls of `work`, `concurrency` at a time. */
async function inParallel(count: number, concurrency: number, work: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

/** Writes the outbox full, then empties it with `workers` workers; events delivered per second. */
async function throughput(stores: Store[]): Promise<{ perSecond: number; duplicates: number }> {
  const [store] = stores as [Store];
  const receiver = await startReceiver();
  try {
    const clientId = randomUUID();
    await new WebhookSettingsRepository(store.db, box).save(clientId, {
      allowedHosts: ['127.0.0.1'],
      url: receiver.url,
      scaEvents: false,
    });
    const feed = new EventsRepository(store.db);
    const resources = Array.from({ length: RESOURCES }, () => randomUUID());
    await inParallel(EVENTS, 8, async (i) => {
      await feed.append({
        clientId,
        type: 'consent.status_changed',
        resource: { kind: 'consent', id: resources[i % RESOURCES] as string },
        oldStatus: 'received',
        newStatus: 'valid',
        at: new Date().toISOString(),
      });
    });
    const workers = stores.map(workerOn);
    const started = performance.now();
    await Promise.all(
      workers.map(async (worker) => {
        while (receiver.seen.size < EVENTS) {
          if ((await worker.runOnce()) === 0) await new Promise((r) => setTimeout(r, 5));
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const duplicates = [...receiver.seen.values()].filter((n) => n > 1).length;
    return { perSecond: EVENTS / seconds, duplicates };
  } finally {
    await receiver.close();
  }
}

/** The same status change without the outbox: the consent and its history row, one transaction. */
async function changeWithoutEvent(store: Store, read: ConsentRecord, status: string) {
  const at = new Date().toISOString();
  return store.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('consents')
      .set({
        status,
        status_changed_at: at,
        last_action_date: at.slice(0, 10),
        version: read.version + 1,
      })
      .where('id', '=', read.id)
      .where('version', '=', read.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new Error('conflict');
    await trx
      .selectFrom('consents')
      .selectAll()
      .where('id', '=', read.id)
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('consent_events')
      .values({
        id: randomUUID(),
        consent_id: read.id,
        authorisation_id: null,
        from_status: read.status,
        to_status: status,
        reason: 'bench',
        request_id: null,
        at,
      })
      .execute();
    return { ...read, status, version: read.version + 1 };
  });
}

/** Status changes per second with and without the event write, in alternating rounds. */
async function hotPath(store: Store): Promise<{ with: Measurement; without: Measurement }> {
  const receiver = await startReceiver();
  try {
    const clientId = randomUUID();
    // An endpoint, so each event also fans out into its delivery row, as it does for a TPP.
    await new WebhookSettingsRepository(store.db, box).save(clientId, {
      allowedHosts: ['127.0.0.1'],
      url: receiver.url,
      scaEvents: false,
    });
    const consents = new ConsentsRepository(store.db, box);
    const newConsent = () =>
      consents.create(
        {
          clientId,
          bic: 'ESSESESS',
          status: 'received',
          access: { allPsd2: 'allAccounts' },
          recurringIndicator: true,
          validUntil: '2099-12-31',
          frequencyPerDay: 4,
          combinedServiceIndicator: false,
          psuContext: 'private',
        },
        { reason: 'created' },
      );
    // One consent per caller, moved back and forth.
    const own = await Promise.all(Array.from({ length: CONCURRENCY }, newConsent));
    const flip = (consent: ConsentRecord) => (consent.status === 'valid' ? 'received' : 'valid');
    const rounds = { with: [] as Measurement[], without: [] as Measurement[] };
    for (let round = 0; round < ROUNDS; round++) {
      rounds.without.push(
        await measureCalls(
          'without the event',
          async (worker) => {
            const consent = own[worker] as ConsentRecord;
            own[worker] = await changeWithoutEvent(store, consent, flip(consent));
          },
          { concurrency: CONCURRENCY, seconds: SECONDS, warmupSeconds: 0.5 },
        ),
      );
      rounds.with.push(
        await measureCalls(
          'with the event',
          async (worker) => {
            const consent = own[worker] as ConsentRecord;
            const written = await consents.changeStatus(consent, flip(consent), {
              reason: 'bench',
            });
            if (written === CONFLICT) throw new Error('conflict');
            own[worker] = written;
          },
          { concurrency: CONCURRENCY, seconds: SECONDS, warmupSeconds: 0.5 },
        ),
      );
    }
    return { with: median(rounds.with), without: median(rounds.without) };
  } finally {
    await receiver.close();
  }
}

const load = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
const rows: string[] = [];
const startLoad = load();
console.error(`load average at start: ${startLoad} (${os.cpus().length} cores)`);

for (const make of [sqlite, postgres]) {
  const target = make();
  const stores: Store[] = [];
  try {
    stores.push(await target.open());
    const one = await throughput(stores);
    rows.push(
      `| ${target.label} | webhook deliveries, 1 worker | ${one.perSecond.toFixed(0)} events/s | ${one.duplicates} |`,
    );
    console.error(`  ${target.label}: ${one.perSecond.toFixed(0)} events/s delivered, 1 worker`);
    if (target.label === 'PostgreSQL') {
      stores.push(await target.open());
      const two = await throughput(stores);
      rows.push(
        `| ${target.label} | webhook deliveries, 2 workers | ${two.perSecond.toFixed(0)} events/s | ${two.duplicates} |`,
      );
      console.error(`  ${target.label}: ${two.perSecond.toFixed(0)} events/s delivered, 2 workers`);
    }
    const cost = await hotPath(stores[0] as Store);
    const ratio = cost.without.requestsPerSecond / cost.with.requestsPerSecond;
    rows.push(
      `| ${target.label} | consent status change without / with the event | ${cost.without.requestsPerSecond.toFixed(0)}/s, p50 ${cost.without.p50.toFixed(2)} ms / ${cost.with.requestsPerSecond.toFixed(0)}/s, p50 ${cost.with.p50.toFixed(2)} ms | ${ratio.toFixed(2)}x the time (+${((ratio - 1) * 100).toFixed(0)}%) |`,
    );
    console.error(
      `  ${target.label}: the event write makes a status change ${ratio.toFixed(2)}x as long`,
    );
  } finally {
    for (const store of stores) await store.close();
    await target.cleanup();
  }
}

console.log(
  [
    `Events benchmark, ${new Date().toISOString().slice(0, 10)}: ${EVENTS} events over ${RESOURCES} resources; status changes ${CONCURRENCY} at a time, ${ROUNDS} alternating rounds of ${SECONDS} s (median round).`,
    `Load average (1, 5, 15 min) at start: ${startLoad}; at the end: ${load()}; ${os.cpus().length} cores.`,
    '',
    '| store | measurement | figure | duplicates / cost |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n'),
);
