// Renders the sandbox's HTML pages in headless Chromium and saves screenshots under
// test-results/sandbox/. Needs /usr/bin/chromium (apt-get install -y chromium); without it
// the test is skipped with a message.

import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumAvailable,
  launchChromium,
  screenshotsIn,
} from '../../platform/test/support/browser.js';
import { type RunningSandbox, runSandbox } from '../src/index.js';
import { ANNA, CLIENT_ID, REDIRECT_URI } from './helpers.js';

const available = chromiumAvailable('the sandbox screenshot test');
const screenshot = screenshotsIn(
  fileURLToPath(new URL('../../../test-results/sandbox/', import.meta.url)),
);

describe.skipIf(!available)('HTML pages in headless Chromium', () => {
  let sandbox: RunningSandbox;
  let browser: Browser;

  beforeAll(async () => {
    sandbox = await runSandbox({ port: 0, logger: false });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
  });

  async function api(
    path: string,
    init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) {
    const response = await fetch(`${sandbox.url}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        'content-type': 'application/json',
        'x-request-id': randomUUID(),
        'tpp-client-id': CLIENT_ID,
        ...init.headers,
      },
      ...(init.body ? { body: JSON.stringify(init.body) } : {}),
    });
    return response.json();
  }

  const newConsent = (bic: string) =>
    api(`/banks/${bic}/v1/consents`, {
      method: 'POST',
      body: { access: {}, recurringIndicator: true, validUntil: '2099-01-01', frequencyPerDay: 4 },
    });

  it('renders the index, login, consent and BankID pages', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
    // The TPP's redirect target does not exist here: answer it in the browser.
    await page.route('https://tpp.example/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<h1>TPP callback</h1>' }),
    );

    await page.goto(sandbox.url);
    await expect(page.locator('h1').first().textContent()).resolves.toBe('Sandbox banks');
    await screenshot(page, 'index');

    const { consentId } = await newConsent('ESSESESS');
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT_URI,
      state: 's',
      scope: `AIS:${consentId}`,
    });
    await page.goto(`${sandbox.url}/banks/ESSESESS/oauth2/authorize?${query}`);
    await screenshot(page, 'login');
    await page.fill('#psuId', ANNA);
    await page.click('button[type=submit]');
    await page.waitForSelector('input[name=account]');
    expect(await page.locator('input[name=account]').count()).toBe(3);
    await screenshot(page, 'consent');
    await page.click('button[value=approve]');
    await page.waitForURL(/tpp\.example/);
    expect(new URL(page.url()).searchParams.get('code')).toBeTruthy();

    const decoupled = await newConsent('ESSESESS');
    const authorisation = await api(
      `/banks/ESSESESS/v1/consents/${decoupled.consentId}/authorisations`,
      { method: 'POST', headers: { 'psu-id': ANNA } },
    );
    await page.goto(authorisation._links.bankIdSimulator.href);
    expect(await page.locator('.qr svg').count()).toBe(1);
    await screenshot(page, 'bankid');
    await page.click('button[value=approve]');
    await page.waitForSelector('text=finalised');
    await screenshot(page, 'bankid-done');
    const status = await api(
      `/banks/ESSESESS/v1/consents/${decoupled.consentId}/authorisations/${authorisation.authorisationId}`,
    );
    expect(status.scaStatus).toBe('finalised');
    await page.close();
  }, 60_000);
});
