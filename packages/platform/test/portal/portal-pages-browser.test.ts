// Every page of the portal in headless Chromium at a wide desktop and a phone width, against
// `bankbridge start`: nothing may stick out sideways, the texts a developer reads are there
// (the payment with its status history and the requests behind it, error codes in the request
// log, "no match" for a search), a reload after creating an application creates no second one,
// a rotation is asked for first, and a signed-in developer gets a token in one click in the
// API reference, and the demo application's webhooks: an endpoint on a real receiving server,
// its secret shown once, the delivery log with a failed attempt, and a redelivery. Screenshots go to test-results/screenshots/portal-pages/; with
// UPDATE_SCREENSHOTS=1 also to docs/screenshots/portal/, where the README shows them.
// Needs /usr/bin/chromium (apt-get install -y chromium); without it the test is skipped.

import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Receiver, startReceiver } from '../events/receiver.js';
import { ANNA } from '../support/ais-consent.js';
import { type StartedBankbridge, startBankbridge } from '../support/bankbridge-start.js';
import {
  chromiumAvailable,
  DESKTOP,
  horizontalOverflow,
  launchChromium,
  PHONE,
  SCREENSHOTS,
} from '../support/browser.js';
import { ERIK } from '../support/payments.js';
import { TEST_DB } from '../support/test-store.js';

const available = chromiumAvailable('the portal pages browser test');
const OUT = path.join(SCREENSHOTS, 'portal-pages');
const DOCS = path.resolve(import.meta.dirname, '../../../../docs/screenshots/portal');
const BIC = 'SWEDSESS';

describe.skipIf(!available || TEST_DB !== 'sqlite')(
  'portal pages at desktop and phone widths',
  () => {
    let started: StartedBankbridge;
    let api: string;
    let auth: string;
    let sandbox: string;
    let browser: Browser;
    let desktop: BrowserContext;
    let phone: BrowserContext;
    let page: Page;
    let demo: { clientId: string; clientSecret: string };
    let paymentId = '';
    /** An application made in the portal, its credentials as shown once. */
    const formApp = { clientId: '', secret: '' };
    /** A request the API refused, and what it said. */
    let refused: { requestId: string; status: number; code: string; text: string };
    const complaints: string[] = [];
    let receiver: Receiver;

    async function shot(on: Page, name: string, fullPage = true) {
      mkdirSync(OUT, { recursive: true });
      const file = path.join(OUT, `${name}.png`);
      await on.screenshot({ path: file, fullPage });
      if (process.env.UPDATE_SCREENSHOTS === '1') {
        mkdirSync(DOCS, { recursive: true });
        copyFileSync(file, path.join(DOCS, `${name}.png`));
      }
    }

    function watch(on: Page) {
      on.on('console', (m) => {
        if (m.type() === 'error') complaints.push(`console: ${m.text()}`);
      });
      on.on('pageerror', (error) => complaints.push(`page error: ${error.message}`));
      on.on('requestfailed', (r) =>
        complaints.push(`failed: ${r.url()} ${r.failure()?.errorText}`),
      );
      return on;
    }

    /** A call to the payment API as the demo client. */
    async function pis(token: string, method: string, url: string, body?: unknown) {
      const requestId = randomUUID();
      const answer = await fetch(`${api}/psd2/paymentinitiation/v1${url}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'x-request-id': requestId,
          'x-bicfi': BIC,
          'psu-ip-address': '192.0.2.10',
          'psu-user-agent': 'Mozilla/5.0 (portal test)',
          'tpp-redirect-preferred': 'false',
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      // biome-ignore lint/suspicious/noExplicitAny: answers are read field by field
      return { requestId, status: answer.status, json: (await answer.json()) as any };
    }

    async function ibanOf(psuId: string): Promise<string> {
      const answer = await fetch(`${sandbox}/admin/banks/${BIC}/psus`);
      const { psus } = (await answer.json()) as {
        psus: { psuId: string; accounts: { iban: string }[] }[];
      };
      const iban = psus.find((p) => p.psuId === psuId)?.accounts[0]?.iban;
      if (!iban) throw new Error(`no account of ${psuId} at ${BIC}`);
      return iban;
    }

    /** A payment from Anna to Erik, signed in the BankID simulator, then a refused read. */
    async function makePayment() {
      const token = await fetch(`${auth}/connect/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${demo.clientId}:${demo.clientSecret}`).toString('base64')}`,
        },
        body: 'grant_type=client_credentials&scope=paymentinitiation private',
      });
      const accessToken = ((await token.json()) as { access_token: string }).access_token;
      const created = await pis(accessToken, 'POST', '/payments/domestic', {
        instructedAmount: { currency: 'SEK', amount: '142.66' },
        debtorAccount: { iban: await ibanOf(ANNA), currency: 'SEK' },
        creditorName: 'Enterprise Inc',
        creditorAccount: { iban: await ibanOf(ERIK), currency: 'SEK' },
        remittanceInformationUnstructured: 'Inv. 4711',
      });
      expect(created.status, JSON.stringify(created.json)).toBe(201);
      paymentId = created.json.paymentId;
      const base = `/payments/domestic/${paymentId}`;
      const sca = await pis(accessToken, 'POST', `${base}/authorisations`);
      const put = await pis(
        accessToken,
        'PUT',
        `${base}/authorisations/${sca.json.authorisationId}`,
        {
          authenticationMethodId: 'mbid',
        },
      );
      const order = put.json.challengeData.data[0];
      const approved = await fetch(`${sandbox}/bankid/api/orders/${order}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'approve', psuId: ANNA }),
      });
      expect(approved.status).toBe(200);
      // Polled as a TPP does, until the bank has it.
      for (let i = 0; i < 50; i++) {
        const status = await pis(accessToken, 'GET', `${base}/status`);
        if (!['RCVD', 'PATC'].includes(status.json.transactionStatus)) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const unknown = await pis(accessToken, 'GET', `/payments/domestic/${randomUUID()}`);
      expect(unknown.status).toBeGreaterThanOrEqual(400);
      refused = {
        requestId: unknown.requestId,
        status: unknown.status,
        code: unknown.json.tppMessages[0].code,
        text: unknown.json.tppMessages[0].text,
      };
    }

    beforeAll(async () => {
      receiver = await startReceiver();
      started = await startBankbridge('portal-pages', {
        BANKBRIDGE_LOG_LEVEL: 'warn',
        // The receiver listens on loopback, over http: the test setting allows it.
        BANKBRIDGE_WEBHOOK_LOOPBACK: 'true',
      });
      api = `http://localhost:${started.ports.api}`;
      auth = `http://localhost:${started.ports.auth}`;
      sandbox = `http://localhost:${started.ports.sandbox}`;
      demo = JSON.parse(readFileSync(path.join(started.cwd, 'data', 'demo-client.json'), 'utf8'));
      await makePayment();
      browser = await launchChromium();
      desktop = await browser.newContext({ viewport: DESKTOP });
      phone = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
      page = watch(await desktop.newPage());
      const banner = started.banner;
      const value = (label: string) =>
        new RegExp(`^\\s+${label}\\s+(\\S+)$`, 'm').exec(banner)?.[1] as string;
      for (const context of [desktop, phone]) {
        const signIn = watch(await context.newPage());
        await signIn.goto(`${api}/portal/sign-in`);
        await signIn.fill('#email', value('email'));
        await signIn.fill('#password', value('password'));
        await signIn.click('button[type=submit]');
        await signIn.waitForURL(`${api}/portal/apps`);
        await signIn.close();
      }
    }, 150_000);

    afterAll(async () => {
      await browser?.close();
      started?.stop();
      await receiver?.stop();
    });

    /**
     * Opens `url` at both widths; fails on anything sticking out; screenshots both (the API
     * reference, many screens long, only as far as the window shows).
     */
    async function atBothWidths(
      url: string,
      name: string,
      check?: (on: Page) => Promise<void>,
      fullPage = true,
    ) {
      for (const [context, width] of [
        [desktop, 'desktop'],
        [phone, 'phone'],
      ] as const) {
        const on = watch(await context.newPage());
        await on.goto(`${api}${url}`);
        await check?.(on);
        await expect(horizontalOverflow(on), `${name} at ${width}`).resolves.toEqual([]);
        await shot(on, `${name}-${width}`, fullPage);
        await on.close();
      }
    }

    it('lists the payment and shows its status history and the requests behind it', async () => {
      await page.goto(`${api}/portal/apps`);
      await page.click('text=Bankbridge demo');
      const appUrl = page.url();
      const row = page.locator('#payments tbody tr', { hasText: paymentId });
      await expect(row.textContent()).resolves.toMatch(/142\.66 SEK/);
      await expect(row.textContent()).resolves.toContain('Enterprise Inc');
      await expect(row.textContent()).resolves.toContain(BIC);
      await expect(row.textContent()).resolves.toMatch(/AcceptedSettlement|AcceptedTechnical/);

      await row.locator('a').click();
      await page.waitForURL(`${appUrl}/payments/${paymentId}`);
      const history = await page.locator('#history tbody').textContent();
      expect(history).toContain('RCVD');
      expect(history).toContain('your request');
      expect(history).toContain('the bank');
      // The requests: the creation, its authorisation and the status polls, oldest first.
      const requests = await page.locator('#requests tbody').textContent();
      expect(requests).toContain('POST /psd2/paymentinitiation/v1/payments/domestic');
      expect(requests).toContain(`/payments/domestic/${paymentId}/authorisations`);
      expect(complaints).toEqual([]);

      const appPath = new URL(appUrl).pathname;
      await atBothWidths(`${appPath}/payments/${paymentId}`, 'payment', async (on) => {
        await expect(on.locator('#payment-status').textContent()).resolves.toMatch(/AC[A-Z]{2}/);
      });
    }, 60_000);

    it('shows error codes in the request log, "no match" for a search, and fits both widths', async () => {
      await page.goto(`${api}/portal/apps`);
      await page.click('text=Bankbridge demo');
      const appPath = new URL(page.url()).pathname;
      const failed = page.locator('#requests tr.request', { hasText: refused.requestId });
      await expect(failed.textContent()).resolves.toContain(`${refused.status} ${refused.code}`);
      await expect(failed.textContent()).resolves.toContain(refused.text);

      await page.fill('#search', 'nothing-like-this');
      await page.click('button:has-text("Find")');
      await expect(page.locator('#no-match').textContent()).resolves.toContain(
        'No request matches “nothing-like-this”',
      );
      await expect(page.locator('#requests tbody tr').count()).resolves.toBe(0);
      await page.fill('#search', paymentId.slice(0, 13));
      await page.click('button:has-text("Find")');
      await expect(page.locator('#requests tbody tr.request').count()).resolves.toBeGreaterThan(1);

      await atBothWidths(appPath, 'application');
      await atBothWidths('/portal/apps', 'applications');
      await atBothWidths('/portal/apps/new', 'new-application');
      expect(complaints).toEqual([]);
    }, 60_000);

    it('creates an application once: a reload of its secret page creates no second one', async () => {
      await page.goto(`${api}/portal/apps/new`);
      await page.fill('#name', 'Reloaded app');
      await page.click('button:has-text("Create application")');
      await page.waitForSelector('#client-secret');
      const clientId = (await page.textContent('#client-id')) as string;
      expect(new URL(page.url()).pathname).toBe(`/portal/apps/${clientId}/secret`);
      await shot(page, 'secret-shown-once-desktop');
      await page.reload();
      await expect(page.locator('.notice').textContent()).resolves.toContain('shown once already');
      expect(await page.content()).not.toContain('bbs_');
      await page.goto(`${api}/portal/apps`);
      await expect(page.locator('tbody tr', { hasText: 'Reloaded app' }).count()).resolves.toBe(1);

      // A rotation is asked for first; cancelling it changes nothing.
      await page.click('text=Reloaded app');
      await page.click('text=Rotate secret…');
      await expect(page.locator('h1').textContent()).resolves.toContain('Rotate the secret');
      await expect(page.locator('.notice').textContent()).resolves.toContain(
        'stops working at once',
      );
      await atBothWidths(`/portal/apps/${clientId}/rotate-secret`, 'rotate-confirm');
      await page.click('text=Cancel');
      await page.waitForURL(`${api}/portal/apps/${clientId}`);
      await page.click('text=Rotate secret…');
      await page.click('#confirm-rotate');
      await page.waitForSelector('#client-secret');
      await expect(page.locator('.notice').textContent()).resolves.toContain(
        'the old one no longer works',
      );
      await page.reload();
      await expect(page.locator('.notice').textContent()).resolves.toContain('shown once already');
      expect(complaints).toEqual([]);
    }, 60_000);

    it('gives a signed-in developer a token in one click, and Try it out sends no example signature', async () => {
      await page.goto(`${api}/portal/reference`);
      await page.waitForSelector('.swagger-ui .info .title');
      await page.selectOption('#token-app', demo.clientId);
      await page.click('#get-token');
      await page.waitForSelector('#token-result.ok');
      await expect(page.locator('#token-result').textContent()).resolves.toContain(
        'Token for Bankbridge demo',
      );

      const operation = page.locator('[id$="-getCountriesList"]');
      await operation.locator('.opblock-summary-control').click();
      await operation.locator('button.try-out__btn').click();
      const sent = page.waitForRequest((r) =>
        r.url().endsWith('/psd2/aspspinformation/v1/countries'),
      );
      await operation.locator('button.execute').click();
      const headers = (await sent).headers();
      expect(headers.authorization).toMatch(/^Bearer \S+$/);
      expect(headers.digest).toBeUndefined();
      expect(headers.signature).toBeUndefined();
      const status = operation.locator('.live-responses-table tbody .response-col_status').first();
      await expect(status.textContent()).resolves.toBe('200');
      await page.locator('#token-form').scrollIntoViewIfNeeded();
      await shot(page, 'reference-one-click-token-desktop', false);
      await atBothWidths(
        '/portal/reference',
        'reference',
        (on) => on.waitForSelector('.swagger-ui .opblock-tag').then(() => undefined),
        false,
      );
      expect(complaints).toEqual([]);
    }, 60_000);

    it("runs the reference's OAuth2 client-credentials form against the auth server", async () => {
      // An application's credentials as the developer would type them.
      await page.goto(`${api}/portal/apps/new`);
      await page.fill('#name', 'Form app');
      await page.click('button:has-text("Create application")');
      formApp.clientId = (await page.textContent('#client-id')) as string;
      formApp.secret = (await page.textContent('#client-secret')) as string;

      await page.goto(`${api}/portal/reference`);
      await page.waitForSelector('.swagger-ui .info .title');
      await page.click('button.authorize');
      const oauth = page.locator('.auth-container').filter({ hasText: 'clientCredentials' });
      await oauth.locator('input[data-name="clientId"]').fill(formApp.clientId);
      await oauth.locator('input[data-name="clientSecret"]').fill(formApp.secret);
      // Swagger UI draws its own checkboxes: the label is what a person clicks.
      await oauth.locator('label[for^="aspspinformation-"]').click();
      const answered = page.waitForResponse((r) => r.url() === `${auth}/connect/token`);
      await oauth.locator('button.authorize').click();
      expect((await answered).status()).toBe(200);
      // Authorized: the form now offers to log out, and the token is used for every call.
      await oauth.locator('button', { hasText: 'Logout' }).waitFor();
      expect(complaints).toEqual([]);
    }, 60_000);

    it("sends the AISP API's OAuth2 form to the consent page, not to invalid_redirect_uri", async () => {
      await page.goto(`${api}/portal/reference/aisp`);
      await page.selectOption('#redirect-app', { label: 'Form app' });
      await page.click('button:has-text("Add the redirect URI")');
      await expect(page.locator('#oauth-redirect .notice').textContent()).resolves.toContain(
        'Redirect URI added to Form app',
      );
      await page.waitForSelector('.swagger-ui .info .title');
      await atBothWidths(
        '/portal/reference/aisp',
        'reference-aisp',
        (on) => on.waitForSelector('.swagger-ui .info .title').then(() => undefined),
        false,
      );

      await page.click('button.authorize');
      const oauth = page.locator('.auth-container').filter({ hasText: 'authorizationCode' });
      await oauth.locator('input[data-name="clientId"]').fill(formApp.clientId);
      await oauth.locator('input[data-name="clientSecret"]').fill(formApp.secret);
      await oauth.locator('label[for^="accounts-"]').click();
      const popup = page.waitForEvent('popup');
      await oauth.locator('button.authorize').click();
      const consentPage = watch(await popup);
      await consentPage.waitForLoadState();
      expect(new URL(consentPage.url()).origin).toBe(auth);
      const text = (await consentPage.textContent('body')) ?? '';
      expect(text).not.toContain('invalid_redirect_uri');
      await expect(consentPage.locator('h1').textContent()).resolves.toBe(
        'Connect your bank to Form app',
      );
      await consentPage.close();
      expect(complaints).toEqual([]);
    }, 60_000);

    it('registers a webhook endpoint, shows its secret once, logs each delivery and redelivers', async () => {
      await page.goto(`${api}/portal/apps/${demo.clientId}`);
      await page.click('text=Webhooks and delivery log');
      await page.waitForURL(`${api}/portal/apps/${demo.clientId}/webhooks`);
      // The payment made before the developer's endpoint: with loopback webhooks allowed, start
      // points the demo client at the demo app's own receiver, which got its events.
      const earlier = page.locator('article.event', { hasText: paymentId }).first();
      await expect(earlier.textContent()).resolves.toContain('/demo/webhooks');
      await expect(earlier.textContent()).resolves.toContain('delivered');

      await page.fill('#webhook-url', 'https://10.0.0.1/hooks');
      await page.click('#save-endpoint');
      await expect(page.locator('.notice.error').textContent()).resolves.toContain(
        'not a public address (private)',
      );
      // That page is answered 400, which Chromium reports on its console: expected here.
      complaints.length = 0;
      // On the demo client's host list, which start began with the API's host name.
      await page.fill('#webhook-url', `http://localhost:${receiver.port}/hooks`);
      await page.click('#save-endpoint');
      // The save answers with a redirect; leaving before it loads would abort that page.
      await page.waitForURL(/\/webhooks\?saved=endpoint$/);
      await expect(page.locator('.notice.ok').count()).resolves.toBeGreaterThan(0);
      // The demo client had a secret already (start made it for the demo app's endpoint, and
      // only the demo app holds it): the new endpoint keeps it, and the developer rotates it.
      await page.goto(`${api}/portal/apps/${demo.clientId}/webhooks/rotate-secret`);
      await page.click('#confirm-rotate');
      await page.waitForSelector('#webhook-secret');
      const secret = (await page.textContent('#webhook-secret')) as string;
      expect(secret).toMatch(/^whsec_/);
      await shot(page, 'webhook-secret-desktop');
      await page.reload();
      await expect(page.locator('.notice').textContent()).resolves.toContain('shown once already');
      expect(await page.content()).not.toContain(secret);

      // The first post is answered 500 and retried; the payment's later events wait for it.
      receiver.answers.push(500);
      await makePayment();
      const logged = page.locator('article.event', { hasText: paymentId });
      for (let i = 0; i < 60; i++) {
        await page.goto(`${api}/portal/apps/${demo.clientId}/webhooks`);
        // Its first event, posted after the 500 on the next attempt.
        const first = (await logged.count()) > 0 ? await logged.last().textContent() : '';
        if (first?.includes('delivered') && !first.includes('pending')) break;
        await page.waitForTimeout(500);
      }
      const retried = page
        .locator('tr.delivery', { hasText: '2' })
        .filter({ hasText: 'delivered' });
      await expect(retried.count()).resolves.toBeGreaterThan(0);
      // The earlier payment may still move (the status poller asks its bank): its events too.
      expect(receiver.received.map((r) => r.json.resource.id)).toContain(paymentId);

      const before = receiver.received.length;
      const oldest = logged.last();
      const eventId = (await oldest.getAttribute('id'))?.replace('event-', '');
      await oldest.locator('button.redeliver').first().click();
      await expect(page.locator('.notice.ok').textContent()).resolves.toContain(
        'Redelivery queued',
      );
      for (let i = 0; i < 40 && receiver.received.length === before; i++) {
        await page.waitForTimeout(250);
      }
      expect(receiver.received.slice(before).map((r) => r.json.id)).toEqual([eventId]);

      await page.goto(`${api}/portal/apps/${demo.clientId}/webhooks`);
      await expect(
        page.locator(`#event-${eventId} tr.delivery`, { hasText: 'delivered' }).count(),
      ).resolves.toBe(2);
      await atBothWidths(`/portal/apps/${demo.clientId}/webhooks`, 'webhooks');
      await atBothWidths(
        `/portal/apps/${demo.clientId}/webhooks/rotate-secret`,
        'webhook-rotate-confirm',
      );
      await atBothWidths(`/portal/apps/${demo.clientId}/webhooks/remove`, 'webhook-remove-confirm');
      expect(complaints).toEqual([]);
    }, 180_000);
  },
);
