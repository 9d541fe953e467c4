/**
 * The frequencyPerDay counters over days: unattended reads through the API count on a counter of
 * their day, and the platform's periodic sweeper deletes the counters of days that are over,
 * keeping today's and the one-off consents' (which never reset). The clock is injected; the
 * sweeper's interval is driven by fake timers (only setInterval is faked: requests, the bank
 * and its latency run in real time).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { consentBody, validConsent } from '../support/ais-consent.js';
import { expectContract } from '../support/contract.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

const AIS = '/psd2/accountinformation/v1';
const BIC = 'SWEDSESS';
const DAY = 86_400_000;
const SWEEP_INTERVAL_MS = 10 * 60_000;

let clock = new Date('2026-12-01T09:00:00Z');
const now = () => clock;

let tpp: TestPlatform;
let token: string;

async function unattended(url: string, consentId: string) {
  const response = await tpp.api.inject({
    method: 'GET',
    url,
    headers: {
      accept: 'application/json',
      authorization: `Bearer ${token}`,
      'x-request-id': randomUUID(),
      'x-bicfi': BIC,
      'consent-id': consentId,
    },
  });
  expectContract(response);
  return response;
}

async function counterRows() {
  const rows = await tpp.store.db
    .selectFrom('frequency_counters')
    .select(['key', 'consent_id', 'count'])
    .execute();
  return rows.map((row) => ({ ...row, count: Number(row.count) }));
}

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  tpp = await startTestPlatform({ sandbox: { now }, now });
  token = await tpp.token('accountinformation private');
});
afterAll(async () => {
  await tpp?.close();
  vi.useRealTimers();
});

describe('frequency counters over days', () => {
  it("are deleted by the sweeper once their day is over; today's and one-off ones stay", async () => {
    const recurring = await validConsent(tpp, {
      bic: BIC,
      token,
      now,
      body: consentBody(clock, { frequencyPerDay: 2 }),
    });
    const oneOff = await validConsent(tpp, {
      bic: BIC,
      token,
      now,
      body: consentBody(clock, { recurringIndicator: false, frequencyPerDay: 1 }),
    });
    expect((await unattended(`${AIS}/accounts`, recurring)).statusCode).toBe(200);
    expect((await unattended(`${AIS}/accounts`, oneOff)).statusCode).toBe(200);
    const firstDay = await counterRows();
    expect(firstDay.map((row) => row.key).sort()).toEqual(
      [`${recurring}/-/accountList/2026-12-01`, `${oneOff}/-/accountList/once`].sort(),
    );

    // Three days on, one read today.
    clock = new Date(clock.getTime() + 3 * DAY);
    token = await tpp.token('accountinformation private');
    expect((await unattended(`${AIS}/accounts`, recurring)).statusCode).toBe(200);
    expect(await counterRows()).toHaveLength(3);

    vi.advanceTimersByTime(SWEEP_INTERVAL_MS);
    let rows = await counterRows();
    for (let i = 0; i < 100 && rows.length === 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      rows = await counterRows();
    }
    expect(rows.map((row) => row.key).sort()).toEqual(
      [`${recurring}/-/accountList/2026-12-04`, `${oneOff}/-/accountList/once`].sort(),
    );

    // What stays still counts: today's budget of two has one read left, the one-off none.
    expect((await unattended(`${AIS}/accounts`, recurring)).statusCode).toBe(200);
    const over = await unattended(`${AIS}/accounts`, recurring);
    expect(over.statusCode).toBe(429);
    expect(over.json().tppMessages[0].code).toBe('ACCESS_EXCEEDED');
    expect((await unattended(`${AIS}/accounts`, oneOff)).statusCode).toBe(429);
  });

  it('keeps yesterday: a day is deleted only two days after its last read', async () => {
    const consent = await validConsent(tpp, {
      bic: BIC,
      token,
      now,
      body: consentBody(clock, { frequencyPerDay: 4 }),
    });
    expect((await unattended(`${AIS}/accounts`, consent)).statusCode).toBe(200);
    clock = new Date(clock.getTime() + DAY + 3_600_000);
    token = await tpp.token('accountinformation private');
    const before = (await counterRows()).filter((row) => row.consent_id === consent);
    expect(before).toHaveLength(1);
    vi.advanceTimersByTime(SWEEP_INTERVAL_MS);
    // The sweep of this tick deletes nothing of this consent: give it time to have run.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await counterRows()).filter((row) => row.consent_id === consent)).toEqual(before);
  });
});
