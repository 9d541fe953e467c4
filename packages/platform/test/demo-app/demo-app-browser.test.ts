// The demo TPP app as a person uses it, in headless Chromium against `bankbridge start` (what
// `npm start` runs): a country, a bank, the bank's own login and consent pages (redirect SCA),
// the accounts and an account's transactions with the balance chart; then BankID at Swedbank
// with the QR code on the screen and the sandbox's BankID simulator in a second tab standing in
// for the phone. A screenshot of each page goes to test-results/screenshots/demo-app/.
// Needs /usr/bin/chromium (apt-get install -y chromium); without it the test is skipped.

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

const OUT = path.join(SCREENSHOTS, 'demo-app');
const ANNA = '198301014882';
const available = chromiumAvailable('the demo app browser test');

// About the embedded quick start, like the quick-start test: SQLite only.
describe.skipIf(!available || TEST_DB !== 'sqlite')('the demo TPP app in headless Chromium', () => {
  let started: StartedBankbridge;
  let banner = '';
  let api: string;
  let sandbox: string;
  let browser: Browser;
  let page: Page;
  /** Whatever the app's pages complain about: script errors, CSP violations, failed loads. */
  const complaints: string[] = [];
  const screenshot = screenshotsIn(OUT);

  beforeAll(async () => {
    started = await startBankbridge('demo-app', { BANKBRIDGE_LOG_LEVEL: 'warn' });
    banner = started.banner;
    api = `http://localhost:${started.ports.api}`;
    sandbox = `http://localhost:${started.ports.sandbox}`;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const ours = (url: string) => url.startsWith(`${api}/demo`);
    page.on('console', (message) => {
      if (message.type() === 'error' && ours(page.url())) {
        complaints.push(`console on ${page.url()}: ${message.text()}`);
      }
    });
    page.on('pageerror', (error) => complaints.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => {
      // The "Open BankID on this device" link has no handler here; nothing follows it.
      if (!request.url().startsWith('bankid:')) complaints.push(`failed: ${request.url()}`);
    });
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    started?.stop();
  });

  const shot = (name: string, on: Page = page) => screenshot(on, name);

  /** Every bank logo on the page came from the registry's URL and was drawn. */
  async function logosDrawn(on: Page): Promise<string[]> {
    const logos = on.locator('img.logo');
    const sources: string[] = [];
    for (const logo of await logos.all()) {
      await expect
        .poll(() => logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
        .toBeGreaterThan(0);
      sources.push((await logo.getAttribute('src')) as string);
    }
    return sources;
  }

  async function expectAnnasAccounts(bankName: string): Promise<void> {
    await expect(page.locator('h1').textContent()).resolves.toContain(bankName);
    const rows = page.locator('#accounts tbody tr');
    await expect(rows.count()).resolves.toBe(3);
    const text = (await page.locator('#accounts').textContent()) ?? '';
    for (const name of ['Everyday account', 'Savings', 'Credit card']) expect(text).toContain(name);
    // Each account with its balances, amounts as the bank wrote them (thousands grouped).
    expect(text).toMatch(/Booked\s+-?[\d,]+\.\d{2}\s+SEK/);
    expect(text).toMatch(/Available\s+-?[\d,]+\.\d{2}\s+SEK/);
  }

  it('connects to SEB by redirect: the bank login and consent pages, then accounts and the balance chart', async () => {
    expect(banner).toContain(`Demo TPP app          ${api}/demo`);
    await page.goto(`${api}/demo`);
    await expect(page.locator('.countries a').count()).resolves.toBe(4);
    await shot('01-countries');

    await page.click('a[data-country="SE"]');
    await page.waitForURL(`${api}/demo/banks?country=SE`);
    const logos = await logosDrawn(page);
    expect(logos).toContain(`${api}/logos/ESSESESS.svg`);
    expect(logos).toHaveLength(5);
    await shot('02-banks-in-sweden');

    await page.click('button[value="ESSESESS"]');
    // Through Bankbridge's authorize endpoint to the sandbox bank's own login page.
    await page.waitForURL((url) =>
      url.href.startsWith(`${sandbox}/banks/ESSESESS/oauth2/authorize`),
    );
    await shot('03-bank-login');
    await page.fill('#psuId', ANNA);
    await page.click('button:has-text("Log in")');
    await page.waitForSelector('button[value="approve"]');
    await expect(page.locator('h1').textContent()).resolves.toContain('Anna Andersson');
    await shot('04-bank-consent');
    await page.click('button[value="approve"]');

    await page.waitForURL(`${api}/demo/accounts`);
    await expectAnnasAccounts('Skandinaviska Enskilda Banken');
    await shot('05-accounts');

    await page.click('#accounts a:has-text("Everyday account")');
    await page.waitForURL(/\/demo\/accounts\/[^/?]+$/);
    const line = page.locator('svg#balance-chart path.balance');
    await expect(line.getAttribute('data-points')).resolves.toBe('91');
    const d = (await line.getAttribute('d')) as string;
    const points = d.match(/[ML]-?\d+(?:\.\d+)?,-?\d+(?:\.\d+)?/g) ?? [];
    expect(points).toHaveLength(91);
    // The line is drawn, not only written: it has a length on the screen.
    await expect(line.evaluate((p: SVGPathElement) => p.getTotalLength())).resolves.toBeGreaterThan(
      500,
    );
    await expect(page.locator('#transactions tbody tr').count()).resolves.toBeGreaterThan(5);
    await shot('06-transactions-and-chart');
    await page
      .locator('#balance-chart')
      .screenshot({ path: path.join(OUT, '06-balance-chart.png') });

    await page.click('a:has-text("30 days")');
    await expect(line.getAttribute('data-points')).resolves.toBe('31');
    expect(complaints).toEqual([]);
  }, 90_000);

  it('connects to Swedbank with BankID: the QR code on the screen, approval in the simulator, then accounts', async () => {
    await page.goto(`${api}/demo/banks?country=SE`);
    await page.click('button[value="SWEDSESS"]');
    await page.waitForURL(`${api}/demo/bankid`);
    const qr = page.locator('#qr-code');
    await expect(qr.isVisible()).resolves.toBe(true);
    await expect(
      qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth),
    ).resolves.toBeGreaterThan(100);
    await expect(page.locator('#sca-status').textContent()).resolves.toContain('Waiting');
    await shot('07-bankid-qr-code');

    // The person's phone: the sandbox's BankID simulator, opened from the page's link.
    const simulatorUrl = (await page.locator('#simulator').getAttribute('href')) as string;
    expect(simulatorUrl.startsWith(`${sandbox}/bankid?autostarttoken=`)).toBe(true);
    const phone = await browser.newPage({ viewport: { width: 500, height: 800 } });
    try {
      await phone.goto(simulatorUrl);
      await phone.selectOption('#psuId', ANNA);
      await shot('08-bankid-simulator', phone);
      await phone.click('button:has-text("Identify")');
      await phone.click('button:has-text("Approve")');
      await phone.waitForSelector('text=finalised');
      await shot('09-bankid-approved', phone);
    } finally {
      await phone.close();
    }

    // The page's script sees the consent valid (the server polls it) and moves on.
    await page.waitForURL(`${api}/demo/accounts`, { timeout: 20_000 });
    await expectAnnasAccounts('Swedbank');
    await shot('10-accounts-after-bankid');

    await page.click('button:has-text("Disconnect")');
    await page.waitForURL(`${api}/demo?notice=disconnected`);
    await expect(page.locator('.notice').textContent()).resolves.toContain('Disconnected');
    await page.goto(`${api}/demo/accounts`);
    await page.waitForURL(`${api}/demo?notice=not-connected`);
    expect(complaints).toEqual([]);
  }, 90_000);
});
