// The request log on its own: batched writes visible to readers at once, and pruning by age
// and by count so that the table stays bounded.

import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RequestLog } from '../../src/portal/request-log.js';
import { createTestStore, type TestStore } from '../support/test-store.js';

let store: TestStore;
let clock: Date;
const logger = pino({ level: 'silent' });

beforeEach(async () => {
  store = await createTestStore();
  clock = new Date('2025-03-01T12:00:00.000Z');
});
afterEach(() => store?.destroy());

function entry(clientId: string, n: number) {
  return {
    clientId,
    requestId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    method: 'GET',
    path: '/psd2/accountinformation/v1/accounts',
    status: 200,
    durationMs: 12.34,
    bankCalls: [
      { bic: 'SWEDSESS', method: 'GET', path: '/v1/accounts', attempt: 1, ms: 5, status: 200 },
    ],
  };
}

describe('request log', () => {
  it('writes rows in the background and shows them to a reader at once, newest first', async () => {
    const log = new RequestLog(store.db, { logger, now: () => clock, flushDelayMs: 60_000 });
    log.add(entry('a', 1));
    clock = new Date(clock.getTime() + 1000);
    log.add(entry('a', 2));
    log.add(entry('b', 3));
    const rows = await log.recent('a');
    expect(rows.map((r) => r.requestId.slice(-1))).toEqual(['2', '1']);
    expect(rows[0]).toMatchObject({ status: 200, durationMs: 12.34, clientId: 'a' });
    expect(rows[0]?.bankCalls).toEqual(entry('a', 2).bankCalls);
    await log.close();
  });

  it('prunes rows older than the retention time', async () => {
    const log = new RequestLog(store.db, { logger, now: () => clock, retentionDays: 7 });
    log.add(entry('a', 1));
    clock = new Date(clock.getTime() + 6 * 86_400_000);
    log.add(entry('a', 2));
    clock = new Date(clock.getTime() + 2 * 86_400_000);
    expect(await log.prune()).toBe(1);
    expect((await log.recent('a')).map((r) => r.requestId.slice(-1))).toEqual(['2']);
    await log.close();
  });

  it('keeps at most maxRows rows, the newest', async () => {
    const log = new RequestLog(store.db, { logger, now: () => clock, maxRows: 3 });
    for (let n = 1; n <= 5; n++) {
      clock = new Date(clock.getTime() + 1000);
      log.add(entry(n % 2 ? 'a' : 'b', n));
    }
    expect(await log.prune()).toBe(2);
    const left = await store.db.selectFrom('request_log').select('request_id').execute();
    expect(left.map((r) => r.request_id.slice(-1)).sort()).toEqual(['3', '4', '5']);
    expect(await log.prune()).toBe(0);
    await log.close();
  });
});
