/**
 * The integration guide's consent (`access: {}`) left half-way by the PSU, after the bank
 * already holds a consent for it: at DEUTDEFF after the bank's login, before the pick on
 * Bankbridge's page; at Handelsbanken on Bankbridge's BankID page. Once the authorisation time
 * is up, the sweep rejects Bankbridge's consent and ends the bank's there, once; a bank that
 * does not answer is asked again on a later sweep. Banks are the sandbox banks over real HTTP;
 * the platform's clock is moved ahead, the sandbox keeps the real one.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_CREDENTIALS } from '../../src/connectors/bank-hooks.js';
import { BANK_END_RETRY_MS } from '../../src/consents/consent-subject.js';
import { Browser } from '../auth/redirect-sca-browser.js';
import { startTestPlatform, TEST_AUTH_URL, type TestPlatform } from '../support/test-platform.js';
import {
  bankCalls,
  consentOf,
  customerWithTwoAccounts,
  formAction,
  guideAgainst,
  guideUpToRedirect,
  openAccountStep,
  REDIRECT_URI,
  type StartedConsent,
} from './guide-offered-consent.js';
import { psuApprovesOnBankPages } from './psu-browser.js';

/** Past the consent's time to be authorised (30 minutes by default). */
const PAST_AUTHORISATION_MS = 1801 * 1000;
let tpp: TestPlatform;
/** How far the platform's clock is ahead of the real one. */
let aheadMs = 0;

beforeAll(async () => {
  tpp = await startTestPlatform({ sandbox: true, now: () => new Date(Date.now() + aheadMs) });
  guideAgainst(tpp);
});

afterAll(async () => {
  aheadMs = 0;
  await tpp?.close();
});

const sweep = () => tpp.platform.events.expiry.runOnce();

async function bankConsentIdOf(started: StartedConsent): Promise<string> {
  const record = await tpp.platform.consents.get(
    { requestId: randomUUID(), logger: tpp.platform.logger },
    { clientId: tpp.client.id, consentId: started.consentId },
  );
  expect(record.bankConsentId).toBeTruthy();
  return record.bankConsentId as string;
}

/** The consent's status as the bank itself keeps it, asked as Bankbridge asks. */
async function statusAtBank(bic: string, bankConsentId: string): Promise<string> {
  const response = await fetch(
    `${tpp.sandboxUrl}/banks/${bic}/v1/consents/${bankConsentId}/status`,
    {
      headers: { 'TPP-Client-Id': SANDBOX_CREDENTIALS.clientId, 'X-Request-ID': randomUUID() },
    },
  );
  expect(response.status, await response.clone().text()).toBe(200);
  return ((await response.json()) as { consentStatus: string }).consentStatus;
}

/** At DEUTDEFF: the PSU logs in at the bank (its allPsd2 consent valid there) and leaves. */
async function abandonedAtDeutsche(): Promise<StartedConsent> {
  const psu = await customerWithTwoAccounts('DEUTDEFF');
  const started = await guideUpToRedirect('DEUTDEFF');
  const browser = new Browser(tpp.auth, TEST_AUTH_URL);
  const returning = await psuApprovesOnBankPages(browser, started.link, REDIRECT_URI, psu.psuId);
  const { page } = await browser.follow(returning, REDIRECT_URI);
  expect(page.body).toContain('Tick the accounts Test TPP may see');
  return started;
}

/** At Handelsbanken: the PSU names an account, sees the BankID page and leaves. */
async function abandonedAtHandelsbanken(): Promise<StartedConsent> {
  const psu = await customerWithTwoAccounts('HANDSESS');
  const started = await guideUpToRedirect('HANDSESS');
  const browser = new Browser(tpp.auth, TEST_AUTH_URL);
  const accounts = await openAccountStep(browser, started.link);
  const named = await browser.open(formAction(accounts, '/accounts'), {
    form: { ibans: psu.accounts[0]?.iban as string },
  });
  expect(named.location).toMatch(/\/bankid$/);
  const page = await browser.open(named.location as string);
  expect(page.body).toContain('Confirm with BankID');
  return started;
}

describe('a PSU who abandons after the bank holds a consent', () => {
  it.each([
    ['DEUTDEFF', 'after the bank’s login, before the pick', abandonedAtDeutsche, 'valid'],
    ['HANDSESS', 'on the BankID page', abandonedAtHandelsbanken, 'received'],
  ] as const)('at %s %s: rejected, and ended at the bank once', async (bic, _, abandoned, held) => {
    const started = await abandoned();
    const bankConsentId = await bankConsentIdOf(started);
    expect(await statusAtBank(bic, bankConsentId)).toBe(held);
    const deletes = () => bankCalls('DELETE', `/banks/${bic}/v1/consents/${bankConsentId}`);
    // Within the authorisation time, the sweep leaves both alone.
    await sweep();
    expect(deletes()).toHaveLength(0);
    try {
      aheadMs = PAST_AUTHORISATION_MS;
      await sweep();
      expect((await consentOf(started)).consentStatus).toBe('rejected');
      expect(await statusAtBank(bic, bankConsentId)).toBe('terminatedByTpp');
      expect(deletes()).toHaveLength(1);
      aheadMs += 2 * BANK_END_RETRY_MS;
      await sweep();
      expect(deletes()).toHaveLength(1);
    } finally {
      aheadMs = 0;
    }
  });

  it('a bank down at the sweep is asked again on a later one, and then no more', async () => {
    const started = await abandonedAtDeutsche();
    const bankConsentId = await bankConsentIdOf(started);
    const deletes = () => bankCalls('DELETE', `/banks/DEUTDEFF/v1/consents/${bankConsentId}`);
    try {
      // Only the deletion fails: the bank still answers what it holds.
      await tpp.admin('PUT', '/banks/DEUTDEFF/faults', {
        error503Rate: 1,
        match: { method: 'DELETE' },
      });
      aheadMs = PAST_AUTHORISATION_MS;
      await sweep();
      expect((await consentOf(started)).consentStatus).toBe('rejected');
      const tried = deletes().length;
      expect(tried).toBeGreaterThan(0);
      expect(await statusAtBank('DEUTDEFF', bankConsentId)).toBe('valid');
      // The failed attempt holds its claim for a while: the next sweeps leave it.
      await sweep();
      expect(deletes()).toHaveLength(tried);
      await tpp.admin('DELETE', '/banks/DEUTDEFF/faults');
      aheadMs += BANK_END_RETRY_MS + 1000;
      await sweep();
      expect(await statusAtBank('DEUTDEFF', bankConsentId)).toBe('terminatedByTpp');
      expect(deletes()).toHaveLength(tried + 1);
      aheadMs += 2 * BANK_END_RETRY_MS;
      await sweep();
      expect(deletes()).toHaveLength(tried + 1);
    } finally {
      aheadMs = 0;
      await tpp.admin('DELETE', '/banks/DEUTDEFF/faults');
    }
  });

  it('sweeps racing each other (as instances do) end the bank’s consent once', async () => {
    const started = await abandonedAtHandelsbanken();
    const bankConsentId = await bankConsentIdOf(started);
    try {
      aheadMs = PAST_AUTHORISATION_MS;
      await Promise.all([sweep(), sweep(), sweep()]);
      expect((await consentOf(started)).consentStatus).toBe('rejected');
      expect(await statusAtBank('HANDSESS', bankConsentId)).toBe('terminatedByTpp');
      expect(bankCalls('DELETE', `/banks/HANDSESS/v1/consents/${bankConsentId}`)).toHaveLength(1);
    } finally {
      aheadMs = 0;
    }
  });

  it('a PSU who never named an account: rejected, and the bank is asked nothing', async () => {
    const started = await guideUpToRedirect('HANDSESS');
    const bankDeletes = () =>
      tpp.bankLogLines.filter((line) => {
        const { req } = JSON.parse(line) as { req?: { method?: string } };
        return req?.method === 'DELETE';
      }).length;
    const before = bankDeletes();
    try {
      aheadMs = PAST_AUTHORISATION_MS;
      await sweep();
      expect((await consentOf(started)).consentStatus).toBe('rejected');
      expect(bankDeletes()).toBe(before);
    } finally {
      aheadMs = 0;
    }
  });
});
