/**
 * Two different 429 ACCESS_EXCEEDED: a consent's daily frequencyPerDay budget at the bank, and
 * Bankbridge's per-client rate limit. A TPP tells them apart by the text (each names its own)
 * and by Retry-After (only the rate limit has one: it knows when its window turns).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { consentBody, validConsent } from '../support/ais-consent.js';
import { expectContract } from '../support/contract.js';
import { psd2Headers, startTestPlatform, type TestPlatform } from '../support/test-platform.js';

const BIC = 'SWEDSESS';
const AIS = '/psd2/accountinformation/v1';

let tpp: TestPlatform;
let token: string;

beforeAll(async () => {
  // Enough for the consent flow and a few reads, not for many more.
  tpp = await startTestPlatform({ sandbox: true, env: { BANKBRIDGE_RATE_LIMIT: '14/min' } });
  token = await tpp.token('accountinformation private');
});
afterAll(async () => {
  await tpp?.close();
});

it('frequencyPerDay names itself; the rate limit names Bankbridge’s per-client limit', async () => {
  const consent = await validConsent(tpp, {
    bic: BIC,
    token,
    body: consentBody(new Date(), { frequencyPerDay: 1 }),
  });
  const read = async (path: string) => {
    // No PSU-IP-Address: an unattended read, counted against frequencyPerDay.
    const response = await tpp.api.inject({
      method: 'GET',
      url: `${AIS}${path}`,
      headers: psd2Headers(token, { 'consent-id': consent, 'x-bicfi': BIC }),
    });
    expectContract(response);
    return response;
  };
  const accounts = await read('/accounts');
  expect(accounts.statusCode, accounts.body).toBe(200);
  const balances = `/accounts/${accounts.json().accounts[0].resourceId}/balances`;
  expect((await read(balances)).statusCode).toBe(200);

  const daily = await read(balances);
  expect(daily.statusCode).toBe(429);
  expect(daily.json().tppMessages[0].code).toBe('ACCESS_EXCEEDED');
  expect(daily.json().tppMessages[0].text).toContain("consent's frequencyPerDay allows 1 reads");
  expect(daily.json().tppMessages[0].text).not.toContain('rate limit');
  expect(daily.headers['retry-after']).toBeUndefined();

  let limited = daily;
  for (let i = 0; i < 14 && limited.headers['retry-after'] === undefined; i++) {
    limited = await read(balances);
  }
  expect(limited.statusCode).toBe(429);
  expect(limited.json().tppMessages[0].code).toBe('ACCESS_EXCEEDED');
  expect(limited.json().tppMessages[0].text).toMatch(/^Bankbridge's per-client rate limit/);
  expect(limited.json().tppMessages[0].text).not.toContain('frequencyPerDay');
  expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
});
