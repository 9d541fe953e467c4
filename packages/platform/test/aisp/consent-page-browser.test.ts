// The hosted consent page of /oauth/authorize as a person uses it, in headless Chromium
// against a platform and the sandbox banks on real ports: an app sends the user there, the
// user picks Nordea and logs in on the bank's page, or picks Swedbank and approves the QR code
// in the BankID simulator while the page waits, or cancels; each time the browser lands on the
// app's redirect URI, and the app's code gives a token that reads the accounts. A screenshot
// of each page goes to test-results/screenshots/aisp/. Needs /usr/bin/chromium (apt-get
// install -y chromium); without it the test is skipped with a message.

import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { AispClient } from '@bankbridge/client';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumAvailable,
  launchChromium,
  SCREENSHOTS,
  screenshotsIn,
} from '../support/browser.js';
import { freePort } from '../support/free-port.js';
import { type ListeningPlatform, startListeningPlatform } from '../support/listening-platform.js';

const ANNA = '198301014882';
const available = chromiumAvailable('the consent page browser test');

describe.skipIf(!available)('the hosted consent page in headless Chromium', () => {
  let t: ListeningPlatform;
  let apiUrl: string;
  let authUrl: string;
  /** The app: a page at its redirect URI that shows what it was given. */
  let app: Server;
  let redirectUri: string;
  let aisp: AispClient;
  let browser: Browser;
  let page: Page;
  /** Whatever the pages complain about: script errors, CSP violations, failed loads. */
  const complaints: string[] = [];
  const screenshot = screenshotsIn(path.join(SCREENSHOTS, 'aisp'));

  beforeAll(async () => {
    t = await startListeningPlatform({}, 'localhost');
    ({ apiUrl, authUrl } = t);
    const appPort = await freePort();
    redirectUri = `http://localhost:${appPort}/callback`;
    app = createServer((request, response) => {
      const query = new URL(request.url ?? '/', redirectUri).searchParams;
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(
        `<!doctype html><title>Budget app</title><h1>Budget app</h1><p id="result">${
          query.has('code') ? 'Connected' : `Not connected: ${query.get('error')}`
        }</p>`,
      );
    });
    await new Promise<void>((resolve) => app.listen(appPort, '127.0.0.1', resolve));
    const { client, secret } = await t.platform.clients.create({
      name: 'Budget app',
      redirectUris: [redirectUri],
    });
    aisp = new AispClient({
      apiUrl,
      authUrl,
      clientId: client.id,
      clientSecret: secret,
      redirectUri,
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 900, height: 1000 } });
    page.on('console', (message) => {
      // Failed loads are reported below with their URL.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        complaints.push(`console: ${message.text()}`);
      }
    });
    page.on('response', (response) => {
      if (response.status() >= 400) complaints.push(`${response.status()}: ${response.url()}`);
    });
    page.on('pageerror', (error) => complaints.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => {
      // Leaving a page that still loads something is not a failure of the page.
      if (request.failure()?.errorText !== 'net::ERR_ABORTED') {
        complaints.push(`failed: ${request.url()} ${request.failure()?.errorText}`);
      }
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => app?.close(resolve));
    await t?.close();
  });

  const shot = (name: string) => screenshot(page, name);

  /** The app's redirect URI was reached: the query it got. */
  async function atApp(): Promise<URLSearchParams> {
    await page.waitForURL((url) => url.href.startsWith(redirectUri), { timeout: 20_000 });
    return new URL(page.url()).searchParams;
  }

  it('connects Nordea through the bank’s own login page', async () => {
    const request = await aisp.authorizationUrl({
      scope: ['accounts', 'balances', 'transactions'],
    });
    await page.goto(request.url);
    await expect(page.locator('h1').textContent()).resolves.toBe('Connect your bank to Budget app');
    // The banks' logos load from the API host under the page's Content-Security-Policy.
    const logo = page.locator('a[data-bic="NDEASESS"] img');
    await expect(
      logo.evaluate((img: HTMLImageElement) => img.naturalWidth),
    ).resolves.toBeGreaterThan(0);
    await shot('01-choose-bank');

    await page.click('a[data-bic="NDEASESS"]');
    await expect(page.locator('.terms').textContent()).resolves.toContain('90 days');
    await shot('02-nordea-terms');
    await page.click('button[value="REDIRECT"]');

    await page.waitForURL((url) => url.href.startsWith(t.sandboxUrl as string));
    await shot('03-bank-login');
    await page.fill('#psuId', ANNA);
    await page.click('button:has-text("Log in")');
    await page.waitForSelector('input[name="account"]');
    // Anna shares her first account only.
    const boxes = page.locator('input[name="account"]');
    for (let i = 1; i < (await boxes.count()); i++) await boxes.nth(i).uncheck();
    await shot('04-bank-accounts');
    await page.click('button[value="approve"]');

    const back = await atApp();
    expect(back.get('state')).toBe(request.state);
    await expect(page.locator('#result').textContent()).resolves.toBe('Connected');
    await shot('05-back-at-the-app');

    const tokens = await aisp.handleRedirect(page.url(), request);
    const { accounts } = await aisp.session(tokens).accounts({ psu: { ipAddress: '192.0.2.10' } });
    expect(accounts).toHaveLength(1);
    expect(accounts[0]?.bic).toBe('NDEASESS');
    expect(complaints).toEqual([]);
  }, 60_000);

  it('connects Swedbank with Mobile BankID: the page waits for the approval and goes on by itself', async () => {
    const request = await aisp.authorizationUrl({ scope: ['accounts', 'transactions'] });
    await page.goto(request.url);
    await page.click('a[data-bic="SWEDSESS"]');
    await shot('06-swedbank-terms');
    await page.click('button[value="DECOUPLED"]');
    await page.waitForSelector('img.qr');
    const qrWidth = await page
      .locator('img.qr')
      .evaluate((img: HTMLImageElement) => img.naturalWidth);
    expect(qrWidth).toBeGreaterThan(100);
    await shot('07-bankid-qr');

    // The person opens BankID (the sandbox's simulator, in another tab) and identifies.
    const link = (await page.locator('a[href^="bankid:"]').getAttribute('href')) as string;
    const token = new URL(link.replace('bankid:///', 'https://bankid.invalid/')).searchParams.get(
      'autostarttoken',
    );
    const phone = await browser.newPage({ viewport: { width: 420, height: 800 } });
    await phone.goto(`${t.sandboxUrl}/bankid?autostarttoken=${token}`);
    await phone.selectOption('#psuId', ANNA);
    await screenshot(phone, '08-bankid-app');
    // Identifying says who is at the phone; the order is signed by Approve.
    await phone.click('button:has-text("Identify")');
    await phone.click('button[value="approve"]');
    await phone.close();

    const back = await atApp();
    expect(back.get('state')).toBe(request.state);
    await shot('09-back-at-the-app');
    const tokens = await aisp.handleRedirect(page.url(), request);
    expect(tokens.scope).toEqual(['accounts', 'transactions']);
    expect(complaints).toEqual([]);
  }, 60_000);

  it('shows the API in the portal’s API reference', async () => {
    await page.goto(`${apiUrl}/portal/reference/aisp`);
    await page.waitForSelector('.opblock-summary-path');
    const paths = await page.locator('.opblock-summary-path').allTextContents();
    expect(paths.map((p) => p.replace(/\u200b/g, ''))).toEqual(
      expect.arrayContaining(['/accounts', '/accounts/{accountId}/transactions']),
    );
    await screenshot(page, '11-portal-reference', false);
    expect(complaints).toEqual([]);
  }, 60_000);

  it('returns to the app when the user cancels', async () => {
    const request = await aisp.authorizationUrl();
    await page.goto(request.url);
    await page.click('a[data-bic="HANDSESS"]');
    await page.fill('#ibans', 'SE12 3456');
    await page.click('button[value="DECOUPLED"]');
    await expect(page.locator('.error').textContent()).resolves.toContain('is not an IBAN');
    await shot('10-iban-refused');
    await page.click('button:has-text("Cancel and return to Budget app")');
    const back = await atApp();
    expect(back.get('error')).toBe('access_denied');
    expect(back.get('state')).toBe(request.state);
    await expect(page.locator('#result').textContent()).resolves.toBe(
      'Not connected: access_denied',
    );
    // A 400 for the refused IBANs is the page answering, not a failure of it.
    expect(complaints.filter((c) => !c.includes('400'))).toEqual([]);
  }, 60_000);
});
