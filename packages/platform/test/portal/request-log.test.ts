// The request log on its own: batched writes visible to readers at once, and pruning by age
// and by count so that the table stays bounded.

import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RequestLog } from '../../src/portal/request-log.js';
import { answeredError } from '../../src/portal/request-recorder.js';
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

  it('keeps the error code and text of a refused request', async () => {
    const log = new RequestLog(store.db, { logger, now: () => clock });
    log.add({ ...entry('a', 1), status: 404, errorCode: 'RESOURCE_UNKNOWN', errorText: 'gone' });
    log.add(entry('a', 2));
    const [ok, refused] = await log.recent('a');
    expect(refused).toMatchObject({
      status: 404,
      errorCode: 'RESOURCE_UNKNOWN',
      errorText: 'gone',
    });
    expect(ok).toMatchObject({ status: 200, errorCode: null, errorText: null });
    await log.close();
  });

  it("finds a client's requests by any part of the X-Request-ID or path, wildcards taken as text", async () => {
    const log = new RequestLog(store.db, { logger, now: () => clock });
    log.add({ ...entry('a', 1), path: '/psd2/consent/v1/consents/c0ffee/status' });
    log.add({ ...entry('a', 2), path: '/psd2/x/100%_off' });
    log.add({ ...entry('b', 3), path: '/psd2/consent/v1/consents/c0ffee/status' });
    const ids = async (text: string) =>
      (await log.search('a', text)).map((r) => r.requestId.slice(-1)).sort();
    expect(await ids('C0FFEE')).toEqual(['1']);
    expect(await ids('0000-4000')).toEqual(['1', '2']);
    expect(await ids('100%_')).toEqual(['2']);
    expect(await ids('1_0')).toEqual([]);
    expect(await ids('%')).toEqual(['2']);
    await log.close();
  });

  it('answers the requests about one resource: on its path, or with its request ids', async () => {
    const log = new RequestLog(store.db, { logger, now: () => clock });
    const created = { ...entry('a', 1), method: 'POST', path: '/psd2/pis/v1/payments/domestic' };
    log.add(created);
    clock = new Date(clock.getTime() + 1000);
    log.add({ ...entry('a', 2), path: '/psd2/pis/v1/payments/domestic/p-1/status' });
    log.add({ ...entry('a', 3), path: '/psd2/pis/v1/payments/domestic/p-10/status' });
    log.add({ ...entry('b', 4), path: '/psd2/pis/v1/payments/domestic/p-1/status' });
    const about = await log.about('a', 'p-1', [created.requestId]);
    expect(about.map((r) => r.requestId.slice(-1))).toEqual(['1', '2']);
    await log.close();
  });

  it('reads the error of either API from the answer', () => {
    const tpp = { tppMessages: [{ category: 'ERROR', code: 'CONSENT_UNKNOWN', text: 'no such' }] };
    expect(answeredError(JSON.stringify(tpp))).toEqual({
      code: 'CONSENT_UNKNOWN',
      text: 'no such',
    });
    const aisp = { error: 'invalid_token', error_description: 'get a new one' };
    expect(answeredError(Buffer.from(JSON.stringify(aisp)))).toEqual({
      code: 'invalid_token',
      text: 'get a new one',
    });
    expect(answeredError('{"error":"x"}')).toEqual({ code: 'x', text: null });
    expect(answeredError('not json')).toBeUndefined();
    expect(answeredError('{"tppMessages":[]}')).toBeUndefined();
    expect(answeredError(undefined)).toBeUndefined();
    expect(
      answeredError(`{"error":"x","error_description":"${'y'.repeat(900)}"}`)?.text,
    ).toHaveLength(500);
  });
});
