// "Pay" in the demo TPP app as a person uses it, in headless Chromium against `bankbridge
// start` with BANKBRIDGE_WEBHOOK_LOOPBACK (so the app gets its webhooks as a developer's laptop
// would give them): at 1920 px a payment signed in BankID with the animated QR code, its page
// moving to "Paid" without a reload once the bank books it, and the booking in the account; at
// 375 px the accounts, transactions and chart, a payment the bank refuses, and a sign-in the
// person declines. Every page fails the test when anything sticks out sideways. Screenshots go
// to test-results/screenshots/demo-app-pay/; with UPDATE_SCREENSHOTS=1 also to
// docs/screenshots/demo-app/, where the README shows them.
// Needs /usr/bin/chromium (apt-get install -y chromium); without it the test is skipped.

import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedBankbridge, startBankbridge } from '../support/bankbridge-start.js';
import {
  chromiumAvailable,
  DESKTOP,
  horizontalOverflow,
  launchChromium,
  PHONE,
  SCREENSHOTS,
} from '../support/browser.js';
import { bankClockOnBusinessDay } from '../support/payments.js';
import { TEST_DB } from '../support/test-store.js';

const OUT = path.join(SCREENSHOTS, 'demo-app-pay');
const DOCS = path.resolve(import.meta.dirname, '../../../../docs/screenshots/demo-app');
const ANNA = '198301014882';
const available = chromiumAvailable('the demo app pay browser test');
/** What may not be wider than itself: the page's card, its tables, the chart, the calls. */
const BOXES = 'main, main table, main form, svg.chart, footer.calls';

describe.skipIf(!available || TEST_DB !== 'sqlite')('Pay in the demo app, in Chromium', () => {
  let started: StartedBankbridge;
  let api: string;
  let sandbox: string;
  let browser: Browser;
  let desktop: BrowserContext;
  let phone: BrowserContext;
  const complaints: string[] = [];

  beforeAll(async () => {
    started = await startBankbridge('demo-app-pay', {
      BANKBRIDGE_LOG_LEVEL: 'warn',
      BANKBRIDGE_WEBHOOK_LOOPBACK: 'true',
    });
    api = `http://localhost:${started.ports.api}`;
    sandbox = `http://localhost:${started.ports.sandbox}`;
    await bankClockOnBusinessDay(sandbox);
    browser = await launchChromium();
    desktop = await browser.newContext({ viewport: DESKTOP });
    phone = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    started?.stop();
  });

  function watch(page: Page): Page {
    page.on('console', (m) => {
      // The bank's pages are not the app's; the form with mistakes and the declined sign-in
      // are answered 400 and 403 on purpose.
      const ours = page.url().startsWith(`${api}/demo`);
      if (m.type() === 'error' && ours && !/status of 40[03] /.test(m.text())) {
        complaints.push(`console on ${page.url()}: ${m.text()}`);
      }
    });
    page.on('pageerror', (error) => complaints.push(`page error: ${error.message}`));
    page.on('requestfailed', (r) => {
      if (!r.url().startsWith('bankid:')) complaints.push(`failed: ${r.url()}`);
    });
    return page;
  }

  /** A screenshot, after checking that nothing on the page is wider than it or its box. */
  async function shot(page: Page, name: string) {
    await expect(horizontalOverflow(page, BOXES), `${name} at ${page.url()}`).resolves.toEqual([]);
    mkdirSync(OUT, { recursive: true });
    const file = path.join(OUT, `${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    if (process.env.UPDATE_SCREENSHOTS === '1') {
      mkdirSync(DOCS, { recursive: true });
      copyFileSync(file, path.join(DOCS, `${name}.png`));
    }
  }

  /** The person's phone: the sandbox's BankID simulator approves as Anna. */
  async function approveInBankId(page: Page) {
    const link = (await page.locator('#simulator').getAttribute('href')) as string;
    const token = new URL(link).searchParams.get('autostarttoken') as string;
    const response = await fetch(`${sandbox}/bankid/api/orders/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'approve', psuId: ANNA }),
    });
    expect(response.status, await response.text()).toBe(200);
  }

  async function signInAtSeb(page: Page, decision: 'approve' | 'deny') {
    await page.goto(`${api}/demo/banks?country=SE`);
    await page.click('button[value="ESSESESS"]');
    await page.waitForURL((url) => url.href.startsWith(`${sandbox}/banks/ESSESESS/oauth2/`));
    await page.fill('#psuId', ANNA);
    await page.click('button:has-text("Log in")');
    await page.click(`button[value="${decision}"]`);
  }

  it('pays at Swedbank in BankID at 1920 px; the page turns to "Paid" by itself, and the booking shows', async () => {
    const page = watch(await desktop.newPage());
    await page.goto(`${api}/demo/banks?country=SE`);
    await page.click('button[value="SWEDSESS"]');
    await page.waitForURL(`${api}/demo/bankid`);
    await approveInBankId(page);
    await page.waitForURL(`${api}/demo/accounts`, { timeout: 20_000 });
    await shot(page, 'accounts-desktop');

    await page.click('#pay');
    await page.waitForURL(`${api}/demo/pay`);
    const payeeIban = await page.inputValue('#payeeIban');
    expect(payeeIban).toMatch(/^SE\d{22}$/);
    await page.fill('#amount', '12.345');
    await page.fill('#payeeIban', 'SE12 3456');
    await page.fill('#message', 'Dinner');
    await page.click('button:has-text("Continue to sign")');
    await expect(page.locator('#amount-error').textContent()).resolves.toContain(
      'at most 2 decimals',
    );
    await expect(page.locator('#payeeIban-error').textContent()).resolves.toContain(
      'This IBAN is not right',
    );
    await shot(page, 'pay-form-errors-desktop');

    const message = `Dinner ${Date.now()}`;
    await page.fill('#amount', '125,50');
    await page.fill('#payeeIban', payeeIban);
    await page.fill('#message', message);
    await page.click('button:has-text("Continue to sign")');
    await page.waitForURL(`${api}/demo/pay/sign`);
    const qr = page.locator('#qr-code');
    const first = await qr.getAttribute('src');
    // The code changes every second: the page redraws it from each answer of the app.
    await expect.poll(() => qr.getAttribute('src'), { timeout: 5000 }).not.toBe(first);
    await expect(
      qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth),
    ).resolves.toBeGreaterThan(100);
    await shot(page, 'pay-bankid-desktop');

    await approveInBankId(page);
    await page.waitForURL(`${api}/demo/payment`, { timeout: 20_000 });
    const label = page.locator('#payment-label');
    await expect(label.textContent()).resolves.toBe('Signed, on its way');
    await shot(page, 'payment-signed-desktop');

    // The bank books after its clearing delay; the page is not reloaded, the webhook moves it.
    await page.evaluate(() => {
      (window as unknown as { stillHere: boolean }).stillHere = true;
    });
    const advanced = await fetch(`${sandbox}/admin/clock/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ seconds: 31 }),
    });
    expect(advanced.status).toBe(200);
    await expect.poll(() => label.textContent(), { timeout: 45_000, interval: 500 }).toBe('Paid');
    await expect(
      page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere),
    ).resolves.toBe(true);
    await expect(page.locator('#payment-history li').count()).resolves.toBeGreaterThanOrEqual(3);
    await shot(page, 'payment-paid-desktop');

    await page.click('#payment-booked a');
    await page.waitForURL(/\/demo\/accounts\/[^/?]+\?days=30$/);
    const booked = page.locator('#paid');
    await expect(booked.textContent()).resolves.toContain(message);
    await expect(booked.textContent()).resolves.toContain('-125.50 SEK');
    await shot(page, 'payment-booked-desktop');
    expect(complaints).toEqual([]);
  }, 150_000);

  it('fits a phone at 375 px: accounts, transactions and chart, a payment the bank refuses, a sign-in declined', async () => {
    const page = watch(await phone.newPage());
    await signInAtSeb(page, 'approve');
    await page.waitForURL(`${api}/demo/accounts`);
    // Every balance is on the screen, none cut off at the right edge.
    for (const amount of await page.locator('#accounts .amount').all()) {
      const box = await amount.boundingBox();
      expect(box && box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    }
    await shot(page, 'accounts-phone');

    await page.click('#accounts a:has-text("Everyday account")');
    await page.waitForURL(/\/demo\/accounts\/[^/?]+$/);
    await expect(page.locator('#balance-chart').isVisible()).resolves.toBe(false);
    const chart = page.locator('#balance-chart-phone');
    await expect(chart.isVisible()).resolves.toBe(true);
    // The axis labels are drawn at a readable size on the screen, not scaled down to specks.
    const heights = await chart
      .locator('text.axis')
      .evaluateAll((texts) => texts.map((t) => t.getBoundingClientRect().height));
    expect(heights.length).toBeGreaterThanOrEqual(4);
    for (const height of heights) expect(height).toBeGreaterThanOrEqual(11);
    for (const amount of await page.locator('#transactions td.amount').all()) {
      const box = await amount.boundingBox();
      expect(box && box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    }
    await shot(page, 'transactions-phone');

    await page.goto(`${api}/demo/pay`);
    await shot(page, 'pay-form-phone');
    await page.fill('#amount', '99 000 000');
    await page.fill('#message', 'More than there is');
    await page.click('button:has-text("Continue to sign")');
    await page.waitForURL((url) => url.href.startsWith(`${sandbox}/banks/ESSESESS/oauth2/`));
    await page.fill('#psuId', ANNA);
    await page.click('button:has-text("Log in")');
    await page.click('button[value="approve"]');
    await page.waitForURL(`${api}/demo/payment`);
    await expect(page.locator('#payment-label').textContent()).resolves.toBe('Refused by the bank');
    await expect(page.locator('#payment-text').textContent()).resolves.toBe(
      'Skandinaviska Enskilda Banken AB refused the payment: there is not enough money in the account. No money left your account.',
    );
    await shot(page, 'payment-refused-phone');

    await signInAtSeb(page, 'deny');
    await page.waitForURL(/\/demo\/callback\?/);
    await expect(page.locator('h1').textContent()).resolves.toBe('Access not given');
    const said = (await page.locator('main .notice').textContent()) ?? '';
    expect(said).toContain(
      'Skandinaviska Enskilda Banken AB did not give this app access: you declined or cancelled the sign-in',
    );
    expect(said).not.toMatch(/access_denied|PSU|SCA_/);
    await shot(page, 'access-not-given-phone');
    expect(complaints).toEqual([]);
  }, 150_000);
});
