import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SealedBox } from '../../src/security/sealed-box.js';
import { openStore, SQLITE_FILE, type Store } from '../../src/store/open-store.js';
import {
  type ClaimResult,
  type ReplayClaim,
  type ReplayRecord,
  RequestReplaysRepository,
} from '../../src/store/request-replays.js';
import { createTestStore, TEST_DB, type TestStore } from '../support/test-store.js';

let store: TestStore;
/** Other connections to the same database, as other platform instances would hold. */
const others: Store[] = [];
let clock = new Date('2026-11-21T10:00:00.000Z');
const now = () => clock;
const box = new SealedBox(Buffer.alloc(32, 7));
let repo: RequestReplaysRepository;
const instances: RequestReplaysRepository[] = [];

const answer = {
  status: 201,
  headers: {
    location: 'http://api/psd2/consent/v1/consents/c-1',
    'aspsp-sca-approach': 'DECOUPLED',
  },
  body: '{"consentId":"c-1","challengeData":{"data":["autostart-token-5f1c"]}}',
};

beforeAll(async () => {
  store = await createTestStore();
  repo = new RequestReplaysRepository(store.db, box, now);
  for (let i = 0; i < 4; i += 1) {
    const other = await openStore(
      TEST_DB === 'postgres'
        ? { databaseUrl: store.databaseUrl, postgresSchema: store.postgresSchema }
        : { sqlitePath: path.join(store.dataDir, SQLITE_FILE) },
    );
    others.push(other);
    instances.push(new RequestReplaysRepository(other.db, box, now));
  }
});
afterAll(async () => {
  for (const other of others) await other.close();
  await store?.destroy();
});

const key = (clientId = 'client-a') => ({ clientId, requestId: randomUUID() });
const claimed = (result: ClaimResult): ReplayClaim => {
  if (!('claimed' in result)) throw new Error('expected a claim');
  return result.claimed;
};
const stored = (result: ClaimResult): ReplayRecord => {
  if (!('stored' in result)) throw new Error('expected a stored row');
  return result.stored;
};

describe('request replays', () => {
  it('claims an id once; the next claim finds the first request, then its sealed answer', async () => {
    const k = key();
    const claim = claimed(await repo.claim(k, 'hash-1'));
    expect(claim).toMatchObject(k);
    const held = stored(await repo.claim(k, 'hash-1'));
    expect(held).toMatchObject({ ...k, requestHash: 'hash-1', claimedAt: clock, answeredAt: null });
    expect(held.answer()).toBeUndefined();

    expect(await repo.record(claim, answer)).toBe(true);
    const done = stored(await repo.claim(k, 'hash-2'));
    expect(done).toMatchObject({ requestHash: 'hash-1', claimedAt: null, answeredAt: clock });
    expect(done.answer()).toEqual(answer);
    // Answered once: a second record changes nothing.
    expect(await repo.record(claim, { ...answer, status: 200 })).toBe(false);
  });

  it('stores the id in lower case and seals the body: no token in clear', async () => {
    const requestId = randomUUID().toUpperCase();
    const claim = claimed(await repo.claim({ clientId: 'client-a', requestId }, 'h'));
    expect(claim.requestId).toBe(requestId.toLowerCase());
    await repo.record(claim, answer);
    const row = await store.db
      .selectFrom('request_replays')
      .selectAll()
      .where('request_id', '=', requestId.toLowerCase())
      .executeTakeFirstOrThrow();
    expect(row.response_body).not.toContain('autostart');
    expect(JSON.stringify(row)).not.toContain('autostart-token-5f1c');
    expect((await repo.find({ clientId: 'client-a', requestId }))?.answer()?.body).toBe(
      answer.body,
    );
  });

  it('keeps ids per client', async () => {
    const k = key('client-a');
    claimed(await repo.claim(k, 'h'));
    claimed(await repo.claim({ ...k, clientId: 'client-b' }, 'h'));
  });

  it('release deletes the claim, so the id can be claimed anew', async () => {
    const k = key();
    const claim = claimed(await repo.claim(k, 'h'));
    expect(await repo.release(claim)).toBe(true);
    expect(await repo.find(k)).toBeUndefined();
    claimed(await repo.claim(k, 'h'));
  });

  it('a taken-over claim is the new request only: the old one can neither record nor release it', async () => {
    const k = key();
    const old = claimed(await repo.claim(k, 'h'));
    const held = stored(await repo.claim(k, 'h'));
    clock = new Date(clock.getTime() + 61_000);
    const taken = await repo.takeOver(held, 'h');
    expect(taken).toBeDefined();
    expect(taken?.token).not.toBe(old.token);
    expect(await repo.record(old, answer)).toBe(false);
    expect(await repo.release(old)).toBe(false);
    expect(await repo.find(k)).toMatchObject({ claimedAt: clock, receivedAt: clock });
    // The row as read before the take-over is out of date: a second take-over fails.
    expect(await repo.takeOver(held, 'h')).toBeUndefined();
    expect(await repo.record(taken as ReplayClaim, answer)).toBe(true);
  });

  it('does not take over a claim that was answered after it was read', async () => {
    const k = key();
    const claim = claimed(await repo.claim(k, 'h'));
    const held = stored(await repo.claim(k, 'h'));
    await repo.record(claim, answer);
    expect(await repo.takeOver(held, 'h')).toBeUndefined();
    expect((await repo.find(k))?.answer()).toEqual(answer);
  });

  it('takes over an answered row (its window over) for a new request', async () => {
    const k = key();
    await repo.record(claimed(await repo.claim(k, 'h1')), answer);
    const old = stored(await repo.claim(k, 'h2'));
    const taken = await repo.takeOver(old, 'h2');
    expect(taken).toBeDefined();
    expect(await repo.find(k)).toMatchObject({ requestHash: 'h2', answeredAt: null });
    expect((await repo.find(k))?.answer()).toBeUndefined();
  });

  it('purges rows first received before the window', async () => {
    const oldKey = key();
    await repo.record(claimed(await repo.claim(oldKey, 'h')), answer);
    clock = new Date(clock.getTime() + 24 * 3_600_000);
    const newKey = key();
    claimed(await repo.claim(newKey, 'h'));
    expect(await repo.purge(new Date(clock.getTime() - 24 * 3_600_000 + 1))).toBeGreaterThan(0);
    expect(await repo.find(oldKey)).toBeUndefined();
    expect(await repo.find(newKey)).toBeDefined();
  });

  it('of many requests claiming one id at once on several connections, exactly one wins', async () => {
    for (let round = 0; round < 5; round += 1) {
      const k = key();
      const results = await Promise.all(
        [repo, ...instances].flatMap((r) => [r.claim(k, 'h'), r.claim(k, 'h'), r.claim(k, 'h')]),
      );
      const winners = results.filter((r) => 'claimed' in r);
      expect(winners).toHaveLength(1);
      for (const r of results.filter((x) => 'stored' in x)) {
        expect(stored(r).claimToken).toBe(claimed(winners[0] as ClaimResult).token);
      }
    }
  });

  it('of many requests taking one stale claim over at once, exactly one wins', async () => {
    for (let round = 0; round < 5; round += 1) {
      const k = key();
      claimed(await repo.claim(k, 'h'));
      const held = stored(await repo.claim(k, 'h'));
      const results = await Promise.all(
        [repo, ...instances].flatMap((r) => [r.takeOver(held, 'h'), r.takeOver(held, 'h')]),
      );
      expect(results.filter((r) => r !== undefined)).toHaveLength(1);
    }
  });
});
