/**
 * The Account information API and the bank behind it, with an injected clock: bank tokens
 * refreshed before they expire (once for parallel requests, also on two instances sharing a
 * store) and after the bank refuses them, the PSU revoking at the bank, bank faults (latency,
 * 503, an HTML page, a timeout), the frequency budget across the bank's midnight, and
 * validUntil passing.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPlatform, type Platform } from '../../src/platform.js';
import { consentBody, validConsent } from '../support/ais-consent.js';
import { expectContract } from '../support/contract.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

const AIS = '/psd2/accountinformation/v1';
const BIC = 'SWEDSESS';
const ERIK = '199005152385';
const HOUR = 3_600_000;

// Winter in Stockholm (UTC+1): the bank's day turns at 23:00 UTC.
let clock = new Date('2026-12-01T09:00:00Z');
const now = () => clock;
// The sandbox banks share the clock (they count frequencyPerDay per Stockholm day too);
// `bankSkew` moves the bank's clock alone.
let bankSkew = 0;
const bankNow = () => new Date(clock.getTime() + bankSkew);

let tpp: TestPlatform;
let token: string;
const logLines: string[] = [];

function advance(ms: number) {
  clock = new Date(clock.getTime() + ms);
}

async function get(
  url: string,
  headers: Record<string, string | undefined> = {},
  api: FastifyInstance = tpp.api,
) {
  const requestId = randomUUID();
  const response = await api.inject({
    method: 'GET',
    url,
    headers: Object.fromEntries(
      Object.entries({
        accept: 'application/json',
        authorization: `Bearer ${token}`,
        'x-request-id': requestId,
        'x-bicfi': BIC,
        'psu-ip-address': '192.0.2.10',
        ...headers,
      }).filter((entry): entry is [string, string] => entry[1] !== undefined),
    ),
  });
  expectContract(response);
  return Object.assign(response, { requestId });
}

/** The platform's log lines of bank calls made for these request ids. */
function bankCalls(requestIds: string[]) {
  return logLines
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter(
      (line) => String(line.msg).startsWith('bank call') && requestIds.includes(String(line.reqId)),
    );
}

function codeOf(response: { json(): unknown }) {
  return (response.json() as { tppMessages: { code: string }[] }).tppMessages[0]?.code;
}

async function newToken() {
  token = await tpp.token('accountinformation private');
}

beforeAll(async () => {
  tpp = await startTestPlatform({
    sandbox: { now: bankNow },
    now,
    logLines,
    env: { BANKBRIDGE_BANK_TIMEOUT_MS: '1000' },
  });
  await newToken();
});
afterAll(async () => tpp?.close());

describe('bank tokens', () => {
  it('are refreshed before they expire, without the TPP noticing, and once for parallel requests', async () => {
    const consent = await validConsent(tpp, { bic: BIC, token, now });
    expect((await get(`${AIS}/accounts`, { 'consent-id': consent })).statusCode).toBe(200);

    advance(2 * HOUR);
    await newToken();
    const after = await get(`${AIS}/accounts`, { 'consent-id': consent });
    expect(after.statusCode, after.body).toBe(200);
    const calls = bankCalls([after.requestId]).map((c) => `${c.method} ${c.path}`);
    expect(calls).toEqual([
      expect.stringMatching(/^POST .*\/oauth2\/token$/),
      expect.stringMatching(/^GET .*\/v1\/accounts(\?|$)/),
    ]);

    advance(2 * HOUR);
    await newToken();
    const parallel = await Promise.all(
      Array.from({ length: 5 }, () => get(`${AIS}/accounts`, { 'consent-id': consent })),
    );
    for (const response of parallel) expect(response.statusCode, response.body).toBe(200);
    const tokenCalls = bankCalls(parallel.map((r) => r.requestId)).filter((c) =>
      String(c.path).endsWith('/oauth2/token'),
    );
    expect(tokenCalls).toHaveLength(1);
  });

  it('are refreshed when the bank refuses them before Bankbridge expected', async () => {
    const consent = await validConsent(tpp, { bic: BIC, token, now });
    // The bank's clock alone passes the token's hour.
    bankSkew = 2 * HOUR;
    try {
      const response = await get(`${AIS}/accounts`, { 'consent-id': consent });
      expect(response.statusCode, response.body).toBe(200);
      const calls = bankCalls([response.requestId]).map((c) => `${c.method} ${c.status}`);
      expect(calls).toEqual(['GET 401', 'POST 200', 'GET 200']);
    } finally {
      bankSkew = 0;
    }
  });
});

describe('bank tokens shared by two instances on one store', () => {
  let second: Platform;
  beforeAll(async () => {
    second = await createPlatform({
      config: tpp.platform.config,
      logger: tpp.platform.logger,
      store: tpp.store,
      now,
    });
    await second.api.ready();
  });
  afterAll(async () => second?.close());
  afterEach(async () => {
    await tpp.admin('DELETE', `/banks/${BIC}/faults`);
  });

  const read = (api: FastifyInstance, consent: string) =>
    get(`${AIS}/accounts`, { 'consent-id': consent }, api);
  const version = async (consent: string) =>
    (
      await tpp.store.db
        .selectFrom('consents')
        .select('version')
        .where('id', '=', consent)
        .executeTakeFirstOrThrow()
    ).version;
  const tokenCalls = (requestIds: string[]) =>
    bankCalls(requestIds).filter((c) => String(c.path).endsWith('/oauth2/token'));

  it('are refreshed once when the other instance asks while the refresh is under way', async () => {
    const consent = await validConsent(tpp, { bic: BIC, token, now });
    advance(2 * HOUR);
    await newToken();
    // A slow bank keeps the first instance's refresh open while the second one reads.
    await tpp.admin('PUT', `/banks/${BIC}/faults`, { latencyMs: 300 });
    const claimed = await version(consent);
    const first = read(tpp.api, consent);
    for (let i = 0; i < 100 && (await version(consent)) === claimed; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(await version(consent)).toBeGreaterThan(claimed);
    const responses = await Promise.all([
      first,
      read(second.api, consent),
      read(second.api, consent),
    ]);
    for (const response of responses) expect(response.statusCode, response.body).toBe(200);
    expect(tokenCalls(responses.map((r) => r.requestId))).toHaveLength(1);
  });

  it('are refreshed once when both instances find them expired at the same moment', async () => {
    const consent = await validConsent(tpp, { bic: BIC, token, now });
    advance(2 * HOUR);
    await newToken();
    await tpp.admin('PUT', `/banks/${BIC}/faults`, { latencyMs: 100 });
    const responses = await Promise.all(
      [tpp.api, second.api, tpp.api, second.api].map((api) => read(api, consent)),
    );
    for (const response of responses) expect(response.statusCode, response.body).toBe(200);
    expect(tokenCalls(responses.map((r) => r.requestId))).toHaveLength(1);
    // The tokens stored are the new ones: a later read on either instance needs no refresh.
    const later = await Promise.all([read(tpp.api, consent), read(second.api, consent)]);
    for (const response of later) expect(response.statusCode).toBe(200);
    expect(tokenCalls(later.map((r) => r.requestId))).toEqual([]);
  });

  it('are not held up by a refresh that failed: the next read refreshes at once', async () => {
    const consent = await validConsent(tpp, { bic: BIC, token, now });
    advance(2 * HOUR);
    await newToken();
    await tpp.admin('PUT', `/banks/${BIC}/faults`, { error503Rate: 1 });
    const failed = await read(tpp.api, consent);
    expect(failed.statusCode, failed.body).toBe(503);
    expect(tokenCalls([failed.requestId])).toHaveLength(1);
    await tpp.admin('DELETE', `/banks/${BIC}/faults`);
    const started = Date.now();
    const again = await read(second.api, consent);
    expect(again.statusCode, again.body).toBe(200);
    // The failed refresh gave its claim up: nobody waits for it to run out.
    expect(Date.now() - started).toBeLessThan(2000);
    expect(tokenCalls([again.requestId])).toHaveLength(1);
  });
});

describe('the PSU revoking the consent at the bank', () => {
  it('ends the consent revokedByPsu, and the TPP gets 401 CONSENT_INVALID from then on', async () => {
    const consent = await validConsent(tpp, { bic: BIC, token, now, psuId: ERIK });
    expect((await get(`${AIS}/accounts`, { 'consent-id': consent })).statusCode).toBe(200);
    const revoked = await tpp.admin('POST', `/banks/${BIC}/psus/${ERIK}/revoke-consents`);
    expect(revoked.status).toBe(200);

    const refused = await get(`${AIS}/accounts`, { 'consent-id': consent });
    expect(refused.statusCode, refused.body).toBe(401);
    expect(codeOf(refused)).toBe('CONSENT_INVALID');
    const status = await tpp.api.inject({
      method: 'GET',
      url: `/psd2/consent/v1/consents/${consent}/status`,
      headers: { authorization: `Bearer ${token}`, 'x-request-id': randomUUID() },
    });
    expect(status.json()).toEqual({ consentStatus: 'revokedByPsu' });

    const later = await get(`${AIS}/accounts`, { 'consent-id': consent });
    expect(codeOf(later)).toBe('CONSENT_INVALID');
    expect(bankCalls([later.requestId])).toEqual([]);
  });
});

describe('bank faults', () => {
  let consent: string;
  beforeAll(async () => {
    consent = await validConsent(tpp, {
      bic: BIC,
      token,
      now,
      body: consentBody(clock, { frequencyPerDay: 1 }),
    });
  });
  afterEach(async () => {
    await tpp.admin('DELETE', `/banks/${BIC}/faults`);
  });
  const faults = (body: unknown) => tpp.admin('PUT', `/banks/${BIC}/faults`, body);

  it('waits out a slow bank within the deadline', async () => {
    await faults({ latencyMs: 200 });
    expect((await get(`${AIS}/accounts`, { 'consent-id': consent })).statusCode).toBe(200);
  });

  it.each([
    ['503 answers', { error503Rate: 1 }],
    ['HTML error pages', { error500Rate: 1, htmlErrors: true }],
  ])('answers 503 SERVICE_UNAVAILABLE naming the bank for %s, after retries', async (_, fault) => {
    await faults(fault);
    const response = await get(`${AIS}/accounts`, { 'consent-id': consent });
    expect(response.statusCode, response.body).toBe(503);
    expect(codeOf(response)).toBe('SERVICE_UNAVAILABLE');
    expect(response.body).toContain('Swedbank AB (SWEDSESS)');
    // Retried, and each attempt logged with the request id.
    expect(bankCalls([response.requestId]).length).toBeGreaterThan(1);
  });

  it('gives up at the deadline on a bank that does not answer, and gives the read back', async () => {
    await faults({ timeoutRate: 1, timeoutMs: 5000 });
    const started = Date.now();
    const unattended = { 'consent-id': consent, 'psu-ip-address': undefined };
    const response = await get(`${AIS}/accounts`, unattended);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(response.statusCode, response.body).toBe(503);
    expect(codeOf(response)).toBe('SERVICE_UNAVAILABLE');
    await tpp.admin('DELETE', `/banks/${BIC}/faults`);
    // The one unattended read of the day was not spent on the failure.
    expect((await get(`${AIS}/accounts`, unattended)).statusCode).toBe(200);
    expect(codeOf(await get(`${AIS}/accounts`, unattended))).toBe('ACCESS_EXCEEDED');
  });
});

describe('time', () => {
  it("resets the frequency budget at midnight in the bank's time zone", async () => {
    // 22:40 UTC is 23:40 in Stockholm.
    const today = new Date(clock);
    today.setUTCHours(22, 40, 0, 0);
    if (today <= clock) today.setTime(today.getTime() + 24 * HOUR);
    clock = today;
    await newToken();
    const consent = await validConsent(tpp, {
      bic: BIC,
      token,
      now,
      body: consentBody(clock, { frequencyPerDay: 2 }),
    });
    const unattended = { 'consent-id': consent, 'psu-ip-address': undefined };
    expect((await get(`${AIS}/accounts`, unattended)).statusCode).toBe(200);
    expect((await get(`${AIS}/accounts`, unattended)).statusCode).toBe(200);
    clock = new Date(clock.getTime() + 19 * 60_000 + 59_000); // 23:59:59 in Stockholm
    const refused = await get(`${AIS}/accounts`, unattended);
    expect(codeOf(refused)).toBe('ACCESS_EXCEEDED');
    expect(bankCalls([refused.requestId])).toEqual([]);
    advance(1000); // 00:00:00 in Stockholm, still 23:00 in UTC
    expect(clock.toISOString().slice(11, 19)).toBe('23:00:00');
    const nextDay = await get(`${AIS}/accounts`, unattended);
    expect(nextDay.statusCode, nextDay.body).toBe(200);
  });

  it('answers 401 CONSENT_EXPIRED once validUntil has passed, without a bank call', async () => {
    const tomorrow = new Date(clock.getTime() + 24 * HOUR).toISOString().slice(0, 10);
    const consent = await validConsent(tpp, {
      bic: BIC,
      token,
      now,
      body: consentBody(clock, { validUntil: tomorrow }),
    });
    advance(3 * 24 * HOUR);
    await newToken();
    const expired = await get(`${AIS}/accounts`, { 'consent-id': consent });
    expect(expired.statusCode).toBe(401);
    expect(codeOf(expired)).toBe('CONSENT_EXPIRED');
    expect(bankCalls([expired.requestId])).toEqual([]);
  });
});
