// Bankbridge's page where the PSU names the accounts of the guide's consent at a bank that
// cannot let the PSU pick (Danske Bank; Handelsbanken, where Bankbridge's next page shows the
// bank's BankID QR code), as a person uses it in headless Chromium, against a
// platform and the sandbox banks on real ports: at desktop width and at 375 px, nothing sticks
// out sideways; a mistyped account number is explained; the PSU names an account, logs in at
// the bank, and the TPP's code gives a consent with that account; or the PSU cancels and the
// TPP hears access_denied. Screenshots go to test-results/screenshots/offered-consent/. Needs
// /usr/bin/chromium (apt-get install -y chromium); without it the test is skipped.

import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumAvailable,
  DESKTOP,
  horizontalOverflow,
  launchChromium,
  PHONE,
  SCREENSHOTS,
  screenshotsIn,
} from '../support/browser.js';
import { expectContract, fromFetch } from '../support/contract.js';
import { freePort } from '../support/free-port.js';
import { type ListeningPlatform, startListeningPlatform } from '../support/listening-platform.js';

/**
 * The platform's public host: Chromium finds every `*.localhost` on this machine, and the
 * contract's `url` format refuses a bare `localhost` in Location. Node's own calls go to
 * 127.0.0.1.
 */
const PUBLIC_HOST = 'bankbridge.localhost';
const local = (url: string) => url.replace(PUBLIC_HOST, '127.0.0.1');
const PSU_IP = '192.0.2.10';
const available = chromiumAvailable('the account step browser test');

interface SandboxPsu {
  psuId: string;
  accounts: Array<{ iban: string }>;
}

describe.skipIf(!available)('naming the accounts on Bankbridge’s page, in Chromium', () => {
  let t: ListeningPlatform;
  let app: Server;
  let redirectUri: string;
  let client: { id: string; secret: string };
  let browser: Browser;
  /** Per bank, a test customer with two accounts or more. */
  const customers = new Map<string, SandboxPsu>();
  const screenshot = screenshotsIn(path.join(SCREENSHOTS, 'offered-consent'));

  beforeAll(async () => {
    t = await startListeningPlatform({}, PUBLIC_HOST);
    const appPort = await freePort();
    redirectUri = `http://localhost:${appPort}/callback`;
    app = createServer((request, response) => {
      const query = new URL(request.url ?? '/', redirectUri).searchParams;
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(
        `<!doctype html><title>Budget app</title><p id="result">${
          query.has('code') ? 'Connected' : `Not connected: ${query.get('error')}`
        }</p>`,
      );
    });
    await new Promise<void>((resolve) => app.listen(appPort, '127.0.0.1', resolve));
    const created = await t.platform.clients.create({
      name: 'Budget app',
      redirectUris: [redirectUri],
    });
    client = { id: created.client.id, secret: created.secret };
    for (const bic of ['DABASESX', 'DEUTDEFF', 'HANDSESS']) {
      const { psus } = (await (await t.admin('GET', `/banks/${bic}/psus`)).json()) as {
        psus: SandboxPsu[];
      };
      customers.set(bic, psus.find((p) => p.accounts.length >= 2) as SandboxPsu);
    }
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => app?.close(resolve));
    await t?.close();
  });

  async function psd2(bic: string, method: string, urlPath: string, token: string, body?: unknown) {
    const headers = {
      accept: 'application/json',
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      'x-request-id': randomUUID(),
      'x-bicfi': bic,
      'psu-ip-address': PSU_IP,
    };
    const url = local(`${t.apiUrl}${urlPath}`);
    const response = await fetch(url, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    expectContract(fromFetch(method, url, response, text, headers));
    return { status: response.status, body: JSON.parse(text) as Record<string, unknown> };
  }

  /** The guide's consent, its authorisation and method: the link the TPP sends the PSU to. */
  async function guideLink(
    bic: string,
  ): Promise<{ token: string; consentId: string; link: string }> {
    const token = await t.tokenFor(client, 'accountinformation private');
    const validUntil = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const created = await psd2(bic, 'POST', '/psd2/consent/v1/consents', token, {
      access: {},
      combinedServiceIndicator: false,
      frequencyPerDay: 1,
      recurringIndicator: false,
      validUntil,
    });
    expect(created.status).toBe(201);
    const consentId = created.body.consentId as string;
    const started = await psd2(
      bic,
      'POST',
      `/psd2/consent/v1/consents/${consentId}/authorisations`,
      token,
    );
    const authorisationId = started.body.authorisationId as string;
    const chosen = await psd2(
      bic,
      'PUT',
      `/psd2/consent/v1/consents/${consentId}/authorisations/${authorisationId}`,
      token,
      { authenticationMethodId: 'redirect' },
    );
    const href = (chosen.body._links as { scaOAuth: { href: string } }).scaOAuth.href;
    const link = href
      .replace('[CLIENT_ID]', client.id)
      .replace('[TPP_REDIRECT_URI]', encodeURIComponent(redirectUri))
      .replace('[TPP_STATE]', 'budget-1');
    return { token, consentId, link };
  }

  /** The TPP redeems its code, as the guide does. */
  async function redeem(consentId: string, link: string, back: URLSearchParams): Promise<void> {
    const exchanged = await fetch(local(`${t.authUrl}/connect/token`), {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-consentid': consentId,
        'x-consentauthorisationid': new URL(link).searchParams
          .get('acr_values')
          ?.match(/consentAuthorisationId:(\S+)/)?.[1] as string,
      },
      body: new URLSearchParams({
        client_id: client.id,
        client_secret: client.secret,
        code: back.get('code') as string,
        redirect_uri: redirectUri,
        grant_type: 'authorization_code',
        scope: 'accountinformation private',
      }),
    });
    expect(exchanged.status, await exchanged.clone().text()).toBe(200);
  }

  async function atApp(page: Page): Promise<URLSearchParams> {
    await page.waitForURL((url) => url.href.startsWith(redirectUri), { timeout: 20_000 });
    return new URL(page.url()).searchParams;
  }

  it.each([
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ])(
    'at %s width: names an account, logs in at the bank, the consent holds it',
    async (name, viewport) => {
      const bic = 'DABASESX';
      const psu = customers.get(bic) as SandboxPsu;
      const { token, consentId, link } = await guideLink(bic);
      const page = await browser.newPage({ viewport });
      await page.goto(link);
      await expect(page.locator('h1').textContent()).resolves.toBe(
        'Choose the accounts to share with Budget app',
      );
      const text = (await page.locator('main').textContent()) ?? '';
      expect(text).toContain('Danske Bank');
      // Words for the bank's customer, not for a developer.
      expect(text).not.toMatch(/consent|SCA|PSU|TPP|OAuth|redirect|API/i);
      expect(await horizontalOverflow(page, 'main')).toEqual([]);
      await screenshot(page, `01-accounts-${name}`);

      await page.fill('#ibans', 'SE12 3456');
      await page.click('button:has-text("Continue to")');
      await expect(page.locator('.error').textContent()).resolves.toContain('is not an IBAN');
      expect(await horizontalOverflow(page, 'main')).toEqual([]);
      await screenshot(page, `02-mistyped-${name}`);

      const picked = psu.accounts[0]?.iban as string;
      await page.fill('#ibans', picked.replace(/(.{4})/g, '$1 ').trim());
      await page.click('button:has-text("Continue to")');
      await page.waitForURL((url) => url.href.startsWith(t.sandboxUrl));
      await page.fill('#psuId', psu.psuId);
      await page.click('button:has-text("Log in")');
      await page.click('button[value="approve"]');
      const back = await atApp(page);
      expect(back.get('state')).toBe('budget-1');
      expect(back.get('code')).toBeTruthy();
      await page.close();

      await redeem(consentId, link, back);
      const consent = await psd2(bic, 'GET', `/psd2/consent/v1/consents/${consentId}`, token);
      expect(consent.body.consentStatus).toBe('valid');
      expect((consent.body.access as { accounts: Array<{ iban: string }> }).accounts).toEqual([
        expect.objectContaining({ iban: picked }),
      ]);
    },
    60_000,
  );

  it.each([
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ])(
    'at %s width at Handelsbanken: names an account, then scans the BankID QR code on Bankbridge’s page',
    async (name, viewport) => {
      const bic = 'HANDSESS';
      const psu = customers.get(bic) as SandboxPsu;
      const { token, consentId, link } = await guideLink(bic);
      const page = await browser.newPage({ viewport });
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
      page.on('response', (response) => {
        if (response.status() >= 400) problems.push(`${response.status()}: ${response.url()}`);
      });
      page.on('requestfailed', (request) => {
        // The app's page is the end of the journey; anything else failing is a fault.
        if (!request.url().startsWith(redirectUri)) problems.push(`failed: ${request.url()}`);
      });
      await page.goto(link);
      const intro = (await page.locator('main').textContent()) ?? '';
      expect(intro).toContain('Svenska Handelsbanken');
      expect(intro).toContain('Then you confirm with BankID.');
      const picked = psu.accounts[0]?.iban as string;
      await page.fill('#ibans', picked.replace(/(.{4})/g, '$1 ').trim());
      await page.click('button:has-text("Continue to BankID")');
      await page.waitForURL((url) => url.pathname.endsWith('/bankid'));
      await expect(page.locator('h1').textContent()).resolves.toBe('Confirm with BankID');
      const text = (await page.locator('main').textContent()) ?? '';
      expect(text).toContain('Open the BankID app on your phone');
      expect(text).toContain('Svenska Handelsbanken');
      expect(text).not.toMatch(/consent|SCA|PSU|TPP|OAuth|redirect|API|token/i);
      expect(await horizontalOverflow(page, 'main')).toEqual([]);

      // The code is drawn whole, inside the screen, large enough to scan.
      const qr = page.locator('img#qr');
      await expect(qr.isVisible()).resolves.toBe(true);
      const box = await qr.boundingBox();
      expect(box?.width).toBeGreaterThanOrEqual(Math.min(250, viewport.width - 60));
      expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 0) <= viewport.width).toBe(true);
      expect(
        await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth),
      ).toBeGreaterThan(0);
      const appLink = page.locator('a:has-text("Open BankID on this device")');
      await expect(appLink.isVisible()).resolves.toBe(true);
      const href = (await appLink.getAttribute('href')) as string;
      expect(href).toMatch(/^bankid:\/\/\/\?autostarttoken=[^&]+&redirect=null$/);
      await screenshot(page, `05-bankid-${name}`);

      // The code moves on every second, as BankID's animated code does.
      const first = await qr.getAttribute('src');
      await page.waitForFunction(
        (before) => document.querySelector('#qr')?.getAttribute('src') !== before,
        first,
        { timeout: 5_000 },
      );

      // The sandbox's users are test persons: the page links to the BankID simulator, which
      // stands in for the phone.
      const simulator = (await page
        .locator('a:has-text("approve in the BankID simulator")')
        .getAttribute('href')) as string;
      expect(simulator).toBe(
        `${t.sandboxUrl}/bankid?autostarttoken=${/autostarttoken=([^&]+)/.exec(href)?.[1]}`,
      );
      const phone = await browser.newPage({ viewport: { width: 420, height: 800 } });
      await phone.goto(simulator);
      await phone.selectOption('#psuId', psu.psuId);
      await phone.click('button:has-text("Identify")');
      await phone.click('button[value="approve"]');
      await phone.close();
      const back = await atApp(page);
      expect(back.get('state')).toBe('budget-1');
      expect(back.get('code')).toBeTruthy();
      await page.close();
      expect(problems).toEqual([]);

      await redeem(consentId, link, back);
      const consent = await psd2(bic, 'GET', `/psd2/consent/v1/consents/${consentId}`, token);
      expect(consent.body.consentStatus).toBe('valid');
      expect((consent.body.access as { accounts: Array<{ iban: string }> }).accounts).toEqual([
        expect.objectContaining({ iban: picked }),
      ]);
    },
    60_000,
  );

  it('cancels at 375 px: back at the app with access_denied', async () => {
    const bic = 'DABASESX';
    const { token, consentId, link } = await guideLink(bic);
    const page = await browser.newPage({ viewport: PHONE });
    await page.goto(link);
    await page.click('button:has-text("Cancel, share nothing")');
    const back = await atApp(page);
    expect(back.get('error')).toBe('access_denied');
    expect(back.get('state')).toBe('budget-1');
    await expect(page.locator('#result').textContent()).resolves.toBe(
      'Not connected: access_denied',
    );
    await page.close();
    const status = await psd2(bic, 'GET', `/psd2/consent/v1/consents/${consentId}/status`, token);
    expect(status.body.consentStatus).toBe('rejected');
  }, 60_000);
  it.each([
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ])(
    'at %s width at Deutsche Bank: logs in at the bank, then ticks an account from its list',
    async (name, viewport) => {
      const bic = 'DEUTDEFF';
      const psu = customers.get(bic) as SandboxPsu;
      const { token, consentId, link } = await guideLink(bic);
      const page = await browser.newPage({ viewport });
      await page.goto(link);
      await page.waitForURL((url) => url.href.startsWith(t.sandboxUrl));
      await page.fill('#psuId', psu.psuId);
      await page.click('button:has-text("Log in")');
      await page.click('button[value="approve"]');
      await page.waitForSelector('input[name="account"]');
      await expect(page.locator('h1').textContent()).resolves.toBe(
        'Choose the accounts to share with Budget app',
      );
      const text = (await page.locator('main').textContent()) ?? '';
      expect(text).toContain('Deutsche Bank');
      expect(text).not.toMatch(/consent|SCA|PSU|TPP|OAuth|redirect|API/i);
      await expect(page.locator('input[name="account"]').count()).resolves.toBe(
        psu.accounts.length,
      );
      expect(await horizontalOverflow(page, 'main')).toEqual([]);
      await screenshot(page, `03-pick-${name}`);

      await page.click('button:has-text("Share with Budget app")');
      await expect(page.locator('.error').textContent()).resolves.toContain(
        'Choose at least one account',
      );
      expect(await horizontalOverflow(page, 'main')).toEqual([]);
      await screenshot(page, `04-nothing-ticked-${name}`);

      const picked = psu.accounts[1]?.iban as string;
      await page.locator('label.choice', { hasText: picked }).click();
      await page.click('button:has-text("Share with Budget app")');
      const back = await atApp(page);
      expect(back.get('state')).toBe('budget-1');
      await page.close();
      await redeem(consentId, link, back);
      const consent = await psd2(bic, 'GET', `/psd2/consent/v1/consents/${consentId}`, token);
      expect(consent.body.consentStatus).toBe('valid');
      expect((consent.body.access as { accounts: Array<{ iban: string }> }).accounts).toEqual([
        expect.objectContaining({ iban: picked }),
      ]);
    },
    60_000,
  );
});
