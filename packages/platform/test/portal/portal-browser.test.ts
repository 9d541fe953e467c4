// The portal as a person uses it, in headless Chromium against `bankbridge start` (what
// `npm start` runs): sign in with the demo developer the banner prints, create an application,
// copy its secret, edit its redirect URIs, see a request in its log, open the API reference.
// A screenshot of each page goes to test-results/screenshots/portal/. Needs /usr/bin/chromium
// (apt-get install -y chromium); without it the test is skipped with a message.

import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedBankbridge, startBankbridge } from '../support/bankbridge-start.js';
import {
  chromiumAvailable,
  launchChromium,
  SCREENSHOTS,
  screenshotsIn,
} from '../support/browser.js';
import { TEST_DB } from '../support/test-store.js';

const available = chromiumAvailable('the portal browser test');

// About the embedded quick start, like the quick-start test: SQLite only.
describe.skipIf(!available || TEST_DB !== 'sqlite')('the portal in headless Chromium', () => {
  let started: StartedBankbridge;
  let banner = '';
  let api: string;
  let auth: string;
  let browser: Browser;
  let page: Page;
  /** The application the first test creates, and a token of it. */
  let clientId = '';
  let accessToken = '';
  /** Whatever the pages complain about: script errors, CSP violations, failed loads. */
  const complaints: string[] = [];
  const screenshot = screenshotsIn(path.join(SCREENSHOTS, 'portal'));

  beforeAll(async () => {
    started = await startBankbridge('portal', { BANKBRIDGE_LOG_LEVEL: 'warn' });
    banner = started.banner;
    api = `http://localhost:${started.ports.api}`;
    auth = `http://localhost:${started.ports.auth}`;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on('console', (message) => {
      if (message.type() === 'error') complaints.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => complaints.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => complaints.push(`failed: ${request.url()}`));
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    started?.stop();
  });

  /** A value from the start banner: `  email          demo@...`. */
  function bannerValue(label: string): string {
    const value = new RegExp(`^\\s+${label}\\s+(\\S+)$`, 'm').exec(banner)?.[1];
    if (!value) throw new Error(`no ${label} in the banner:\n${banner}`);
    return value;
  }

  /** The whole page, or only what is in view (the API reference is many screens long). */
  const shot = (name: string, fullPage = true) => screenshot(page, name, fullPage);

  it('signs in, creates an application, shows its secret once and edits its redirect URIs', async () => {
    expect(banner).toContain(`Developer portal      ${api}/portal`);
    const email = bannerValue('email');
    const password = bannerValue('password');

    await page.goto(`${api}/portal`);
    expect(new URL(page.url()).pathname).toBe('/portal/sign-in');
    await shot('01-sign-in');
    await page.fill('#email', email);
    await page.fill('#password', password);
    await page.click('button[type=submit]');
    await page.waitForURL(`${api}/portal/apps`);
    // The demo developer owns the demo client the banner printed.
    await expect(page.locator('table').textContent()).resolves.toContain('Bankbridge demo');
    await shot('02-applications');

    await page.click('text=New application');
    await page.fill('#name', 'Browser budget app');
    await page.fill('#redirect-uris', 'https://budget.example/callback');
    await page.uncheck('input[value=paymentinitiation]');
    await shot('03-new-application');
    await page.click('button:has-text("Create application")');
    await page.waitForSelector('#client-secret');
    clientId = (await page.textContent('#client-id')) as string;
    const clientSecret = (await page.textContent('#client-secret')) as string;
    expect(clientSecret).toMatch(/^bbs_/);
    await expect(page.locator('.notice').textContent()).resolves.toContain('shown only once');
    await shot('04-secret-shown-once');

    // The credentials work as shown.
    const token = await fetch(`${auth}/connect/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
      },
      body: 'grant_type=client_credentials&scope=aspspinformation',
    });
    expect(token.status).toBe(200);

    await page.click('text=Continue to the application');
    await page.waitForURL(`${api}/portal/apps/${clientId}`);
    expect(await page.content()).not.toContain(clientSecret);
    await page.fill(
      '#redirect-uris',
      'https://budget.example/callback\nhttp://localhost:3000/callback',
    );
    await page.click('button:has-text("Save redirect URIs")');
    await page.waitForSelector('text=Redirect URIs saved.');
    await expect(page.inputValue('#redirect-uris')).resolves.toBe(
      'https://budget.example/callback\nhttp://localhost:3000/callback',
    );
    await shot('05-redirect-uris-edited');

    // A call made with the application's token shows up in its request log.
    accessToken = ((await token.json()) as { access_token: string }).access_token;
    const requestId = randomUUID();
    const countries = await fetch(`${api}/psd2/aspspinformation/v1/countries`, {
      headers: { authorization: `Bearer ${accessToken}`, 'x-request-id': requestId },
    });
    expect(countries.status).toBe(200);
    await page.reload();
    await expect(page.locator('#requests').textContent()).resolves.toContain(requestId);
    await page.locator('#requests').scrollIntoViewIfNeeded();
    await shot('06-request-log');
    expect(complaints).toEqual([]);
  }, 60_000);

  it('shows the API reference generated from the contract, with this instance as the server', async () => {
    await page.goto(`${api}/portal/reference`);
    await page.waitForSelector('.swagger-ui .info .title');
    await expect(page.locator('.swagger-ui .info .title').textContent()).resolves.toContain(
      'NextGenPSD2',
    );
    await expect(page.locator('.swagger-ui .servers select').textContent()).resolves.toContain(
      `${api}/psd2`,
    );
    await page.waitForSelector('.opblock-tag');
    await shot('07-api-reference', false);

    // Try it out: the application's token pasted as the bearer token, then a call.
    await page.click('button.authorize');
    await page.fill('input[aria-label="auth-bearer-value"]', accessToken);
    await page
      .locator('.auth-container')
      .filter({ hasText: 'bearerToken' })
      .locator('button.authorize')
      .click();
    await page.click('button.btn-done');
    const operation = page.locator('[id$="-getCountriesList"]');
    await operation.locator('.opblock-summary-control').click();
    await operation.locator('button.try-out__btn').click();
    const sent = page.waitForRequest((request) =>
      request.url().endsWith('/psd2/aspspinformation/v1/countries'),
    );
    await operation.locator('button.execute').click();
    const requestId = (await sent).headers()['x-request-id'] as string;
    // A fresh id for the call, not the contract's example the form shows.
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestId).not.toBe('99391c7e-ad88-49ec-a2ad-99ddcb1f7721');
    const status = operation.locator('.live-responses-table tbody .response-col_status').first();
    await expect(status.textContent()).resolves.toBe('200');
    await operation.locator('.live-responses-table').scrollIntoViewIfNeeded();
    await shot('08-api-reference-try-it-out', false);

    await page.goto(`${api}/portal/apps/${clientId}?requestId=${requestId}`);
    await expect(page.locator('#requests tbody').textContent()).resolves.toContain(requestId);
    expect(complaints).toEqual([]);
  }, 60_000);
});
