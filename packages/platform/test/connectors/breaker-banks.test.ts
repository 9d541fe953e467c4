// The circuit breaker through the platform, against sandbox banks with injected faults: a dead
// bank costs the TPP a fast 503 naming it (not a timeout per request) and does not slow the
// other banks; the ASPSP information API reports each bank's health; a probe after the
// cool-down finds the bank back, or keeps it closed to calls for another cool-down.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { consentBody } from '../support/ais-consent.js';
import { expectContract } from '../support/contract.js';
import { psd2Headers, startTestPlatform, type TestPlatform } from '../support/test-platform.js';

const DEAD = 'SWEDSESS';
const ALIVE = 'NDEASESS';
const TIMEOUT_MS = 1_500;
const CONSENTS = '/psd2/consent/v1/consents';
const ASPSPS = '/psd2/aspspinformation/v1/aspsps';

let tpp: TestPlatform;
let aisToken: string;
let infoToken: string;
const logLines: string[] = [];

beforeAll(async () => {
  tpp = await startTestPlatform({
    sandbox: true,
    logLines,
    env: {
      BANKBRIDGE_BANK_TIMEOUT_MS: String(TIMEOUT_MS),
      BANKBRIDGE_BANK_BREAKER_FAILURES: '3',
      BANKBRIDGE_BANK_BREAKER_COOLDOWN: '1',
    },
  });
  aisToken = await tpp.token('accountinformation private');
  infoToken = await tpp.token('aspspinformation');
});
afterAll(async () => {
  await tpp?.close();
});
afterEach(async () => {
  await tpp.admin('DELETE', `/banks/${DEAD}/faults`);
  // Let the dead bank's breaker find it back, so each test starts with every bank available.
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  await createConsent(DEAD);
  expect(tpp.platform.breakers.allAvailable()).toBe(true);
});

/** POST /consents at `bic`; answers the response and how long it took. */
async function createConsent(bic: string) {
  const started = performance.now();
  const response = await tpp.api.inject({
    method: 'POST',
    url: CONSENTS,
    headers: {
      ...psd2Headers(aisToken),
      'content-type': 'application/json',
      'x-bicfi': bic,
      'psu-ip-address': '192.0.2.10',
      'psu-user-agent': 'Mozilla/5.0 (test)',
    },
    payload: JSON.stringify(consentBody(new Date())),
  });
  expectContract(response);
  return { response, ms: performance.now() - started };
}

async function health(bic?: string) {
  const response = await tpp.api.inject({
    method: 'GET',
    url: bic ? `${ASPSPS}/${bic}` : ASPSPS,
    headers: psd2Headers(infoToken),
  });
  expectContract(response);
  expect(response.statusCode).toBe(200);
  return response.json();
}

function bankCallsTo(bic: string): number {
  return logLines
    .map((line) => JSON.parse(line) as { msg?: string; bic?: string })
    .filter((line) => line.bic === bic && line.msg?.startsWith('bank call')).length;
}

function kill(bic: string) {
  // The sandbox drops each call after 2 s, long after the platform's deadline: nothing lingers.
  return tpp.admin('PUT', `/banks/${bic}/faults`, { timeoutRate: 1, timeoutMs: 2_000 });
}

describe('a bank that stops answering', () => {
  it('costs a timeout for the first calls only; then a fast 503 naming the bank, with Retry-After', async () => {
    await kill(DEAD);
    const callsBefore = bankCallsTo(DEAD);
    const answers = [];
    for (let i = 0; i < 8; i++) answers.push(await createConsent(DEAD));

    for (const { response } of answers) {
      expect(response.statusCode).toBe(503);
      expect(response.json().tppMessages[0]).toMatchObject({
        code: 'SERVICE_UNAVAILABLE',
        text: expect.stringContaining(`(${DEAD})`),
      });
    }
    // Three waited for the deadline; the bank was not called again after them.
    for (const { ms } of answers.slice(0, 3)) expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    for (const { ms, response } of answers.slice(3)) {
      expect(ms).toBeLessThan(TIMEOUT_MS / 3);
      expect(Number(response.headers['retry-after'])).toBe(1);
      expect(response.json().tppMessages[0].text).toContain('Bankbridge tries it again in 1 s');
    }
    expect(bankCallsTo(DEAD) - callsBefore).toBe(3);
  });

  it('does not slow the other banks, not even while calls to it hang', async () => {
    await kill(DEAD);
    const hanging = Promise.all([createConsent(DEAD), createConsent(DEAD), createConsent(DEAD)]);
    const meanwhile = [];
    for (let i = 0; i < 3; i++) meanwhile.push(await createConsent(ALIVE));
    for (const { response, ms } of meanwhile) {
      expect(response.statusCode).toBe(201);
      expect(ms).toBeLessThan(TIMEOUT_MS / 2);
    }
    expect((await hanging).map((a) => a.response.statusCode)).toEqual([503, 503, 503]);
    // Open now: the dead bank answers fast, the others as before.
    expect((await createConsent(DEAD)).ms).toBeLessThan(TIMEOUT_MS / 3);
    expect((await createConsent(ALIVE)).response.statusCode).toBe(201);
  });

  it('is reported by the ASPSP information API, in the list and in its details', async () => {
    expect((await health()).aspsps.every((a: { health: unknown }) => a.health)).toBe(true);
    expect((await health(DEAD)).health).toEqual({ status: 'available' });

    await kill(DEAD);
    const before = Date.now();
    for (let i = 0; i < 3; i++) await createConsent(DEAD);
    const list = await health();
    const dead = list.aspsps.find((a: { bicFi: string }) => a.bicFi === DEAD);
    expect(dead.health).toEqual({
      status: 'unavailable',
      since: expect.any(String),
      retryAt: expect.any(String),
    });
    const since = Date.parse(dead.health.since);
    expect(since).toBeGreaterThanOrEqual(before);
    expect(Date.parse(dead.health.retryAt) - since).toBeGreaterThanOrEqual(1_000);
    for (const other of list.aspsps.filter((a: { bicFi: string }) => a.bicFi !== DEAD)) {
      expect(other.health).toEqual({ status: 'available' });
    }
    expect((await health(DEAD)).health).toEqual(dead.health);

    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await health(DEAD)).health).toEqual({ status: 'recovering', since: dead.health.since });
  });
});

describe('after the cool-down', () => {
  it('one call probes the bank: back, the bank is available again', async () => {
    await kill(DEAD);
    for (let i = 0; i < 3; i++) await createConsent(DEAD);
    await tpp.admin('DELETE', `/banks/${DEAD}/faults`);
    expect((await createConsent(DEAD)).response.statusCode).toBe(503);

    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const probe = await createConsent(DEAD);
    expect(probe.response.statusCode).toBe(201);
    expect((await health(DEAD)).health).toEqual({ status: 'available' });
  });

  it('one call probes the bank: still dead, the others meanwhile answered at once, and it stays closed', async () => {
    await kill(DEAD);
    for (let i = 0; i < 3; i++) await createConsent(DEAD);
    await new Promise((resolve) => setTimeout(resolve, 1_100));

    const callsBefore = bankCallsTo(DEAD);
    let probing = true;
    const probe = createConsent(DEAD).finally(() => {
      probing = false;
    });
    const others = await Promise.all([createConsent(DEAD), createConsent(DEAD)]);
    // Answered while the probe still waits for the dead bank (its whole timeout): by order,
    // not by a time a busy machine may overrun.
    expect(probing).toBe(true);
    for (const { response } of others) expect(response.statusCode).toBe(503);
    const probed = await probe;
    expect(probed.response.statusCode).toBe(503);
    expect(probed.ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(bankCallsTo(DEAD) - callsBefore).toBe(1);
    expect((await health(DEAD)).health.status).toBe('unavailable');
    // Closed again: the next call is refused without reaching the bank.
    expect((await createConsent(DEAD)).response.statusCode).toBe(503);
    expect(bankCallsTo(DEAD) - callsBefore).toBe(1);
  });
});
