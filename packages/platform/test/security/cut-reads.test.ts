/**
 * Attack suite, a consent's frequencyPerDay against reads that race or never finish. Reads
 * racing each other never get more bank calls than the budget allows; a read whose process died
 * between taking its share and its answer (what a killed instance leaves in the database: a
 * reservation nobody settles) holds the share while it could still be answered, then gives it
 * back, so the budget ends as if the read had never been made. The same with a real SIGKILL
 * across two instances: test/scale/cut-read.test.ts (PostgreSQL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readHoldMs } from '../../src/accounts/account-information-service.js';
import { bankTimeZone, frequencyKey } from '../../src/consents/rules/index.js';
import { FrequencyCountersRepository } from '../../src/store/frequency-counters.js';
import { validConsent } from '../support/ais-consent.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { AIS, DECOUPLED_BANK, psd2, type Tpp, testTpp } from './helpers.js';

/** The test platform's bank deadline (test/support/test-platform.ts). */
const BANK_TIMEOUT_MS = 3_000;

let t: TestPlatform;
let tpp: Tpp;
/** Moves the platform's clock (the sandbox bank keeps real time). */
let offsetMs = 0;
const now = () => new Date(Date.now() + offsetMs);

beforeAll(async () => {
  t = await startTestPlatform({ sandbox: true, now });
  tpp = await testTpp(t);
});
afterAll(async () => {
  await t?.close();
});

/** A valid consent (4 unattended reads a day) and the balances of its first account. */
async function balancesUnderConsent() {
  const consentId = await validConsent(t, { bic: DECOUPLED_BANK, token: tpp.token });
  const accounts = await psd2(t, 'GET', `${AIS}/accounts`, {
    token: tpp.token,
    headers: { 'consent-id': consentId },
  });
  const accountId = accounts.json().accounts[0].resourceId as string;
  const read = () =>
    t.api.inject({
      method: 'GET',
      url: `${AIS}/accounts/${accountId}/balances`,
      headers: {
        authorization: `Bearer ${tpp.token}`,
        'x-request-id': crypto.randomUUID(),
        'x-bicfi': DECOUPLED_BANK,
        'consent-id': consentId,
      },
    });
  const key = () =>
    frequencyKey(consentId, accountId, 'balances', now(), bankTimeZone('SE'), { recurring: true });
  const row = () =>
    t.store.db
      .selectFrom('frequency_counters')
      .select(['count', 'reserved'])
      .where('key', '=', key())
      .executeTakeFirst();
  return { consentId, read, key, row };
}

describe('frequencyPerDay against reads that race or never finish', () => {
  it('reads racing each other: exactly the budget reaches the bank, and nothing stays held', async () => {
    const { read, row } = await balancesUnderConsent();
    const before = t.bankLogLines.length;
    const answers = await Promise.all(Array.from({ length: 12 }, () => read()));
    const statuses = answers.map((answer) => answer.statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(4);
    expect(statuses.filter((s) => s === 429)).toHaveLength(8);
    for (const refused of answers.filter((a) => a.statusCode === 429)) {
      expect(refused.json().tppMessages[0].text).toContain('frequencyPerDay');
    }
    const balanceCalls = t.bankLogLines
      .slice(before)
      .filter((line) => line.includes('"incoming request"') && line.includes('/balances'));
    expect(balanceCalls).toHaveLength(4);
    expect(await row()).toMatchObject({ count: 4, reserved: 0 });
  });

  it('a read whose process died holds its share while it could be answered, then it is back', async () => {
    const { consentId, read, key, row } = await balancesUnderConsent();
    expect((await read()).statusCode).toBe(200);
    // What an instance killed during its bank call leaves: a share taken, never settled.
    const dead = new FrequencyCountersRepository(t.store.db, now);
    expect(await dead.reserve(key(), consentId, 4, readHoldMs(BANK_TIMEOUT_MS))).toBe(true);
    for (let i = 0; i < 2; i++) expect((await read()).statusCode).toBe(200);
    // The dead read might still be answered: the budget stays exact.
    const held = await read();
    expect(held.statusCode, held.body).toBe(429);
    expect(held.json().tppMessages[0].text).toContain('frequencyPerDay');
    expect(await row()).toMatchObject({ count: 3, reserved: 1 });
    // Once it cannot be, its share is free: the budget is as if the read had never been made.
    offsetMs += readHoldMs(BANK_TIMEOUT_MS) + 1_000;
    expect((await read()).statusCode).toBe(200);
    expect(await row()).toMatchObject({ count: 4, reserved: 0 });
    expect((await read()).statusCode).toBe(429);
  });

  it('a read the bank could not answer gives its share back at once', async () => {
    const { read, row } = await balancesUnderConsent();
    await t.admin('PUT', `/banks/${DECOUPLED_BANK}/faults`, { error500Rate: 1 });
    try {
      expect((await read()).statusCode).toBe(503);
    } finally {
      await t.admin('DELETE', `/banks/${DECOUPLED_BANK}/faults`);
    }
    expect(await row()).toMatchObject({ count: 0, reserved: 0 });
  });
});
