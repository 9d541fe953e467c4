/**
 * Attack suite, bank work that no authenticated TPP asked for. Anyone who knows a client id and
 * one of its redirect URIs can open the AISP API's hosted consent page, and every form sent
 * there creates a consent at a bank. Such work is bounded per client and per
 * source address, counted in the database; over a limit the page says to wait (429 with
 * Retry-After) and no bank is called. The demo app at /demo, a TPP anyone may use, is bounded
 * the same way. A bank that throttles (429) is reported as the bank's
 * answer and does not open the circuit breaker that every TPP shares.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RunningSandbox, runSandbox } from '@bankbridge/sandbox';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BankWorkLimit } from '../../src/http/bank-work-limit.js';
import { parseRateLimit } from '../../src/http/rate-limit.js';
import { RateLimitCounters } from '../../src/store/rate-limits.js';
import { APP_REDIRECT, type App, authorizeUrl } from '../aisp/support.js';
import { Browser } from '../auth/redirect-sca-browser.js';
import {
  autostartTokenOf,
  bankIdApp,
  type DemoServer,
  type LiveDemo,
  payFormFields,
  startLiveDemo,
} from '../demo-app/demo-app-support.js';
import { consentBody } from '../support/ais-consent.js';
import { startTestPlatform, TEST_AUTH_URL, type TestPlatform } from '../support/test-platform.js';
import { bankRequestCount, CONSENTS, psd2, REDIRECT_BANK, testTpp } from './helpers.js';

/** The auth server as a browser at `address` reaches it (inject() is 127.0.0.1 otherwise). */
function from(auth: FastifyInstance, address: string): FastifyInstance {
  return {
    inject: (options: object) => auth.inject({ ...options, remoteAddress: address }),
  } as unknown as FastifyInstance;
}

/** A browser at `address` opens the consent page of `app` and sends the bank's form. */
async function startConsentFrom(t: TestPlatform, app: App, address: string) {
  const browser = new Browser(from(t.auth, address), TEST_AUTH_URL);
  const { page } = await browser.follow(authorizeUrl(app), APP_REDIRECT);
  expect(page.status, page.body).toBe(200);
  const base = page.url.split('?')[0] as string;
  const before = bankRequestCount(t);
  const sent = await browser.open(`${base}/bank/${REDIRECT_BANK}`, {
    form: { approach: 'REDIRECT' },
  });
  return { sent, bankCalls: bankRequestCount(t) - before };
}

describe('bank work started from the hosted consent page', () => {
  let t: TestPlatform;
  let other: App;

  beforeAll(async () => {
    t = await startTestPlatform({
      sandbox: true,
      env: {
        // Day-long windows: none turns while the test counts.
        BANKBRIDGE_PAGE_LIMIT_SOURCE: '3/1440min',
        BANKBRIDGE_PAGE_LIMIT_CLIENT: '5/1440min',
      },
    });
    const { client, secret } = await t.platform.clients.create({
      name: 'Other app',
      redirectUris: [APP_REDIRECT],
    });
    other = { id: client.id, secret };
  });
  afterAll(async () => {
    await t?.close();
  });

  it('one source may start a few consents; then the page says to wait, and no bank is called', async () => {
    for (let i = 0; i < 3; i++) {
      const { sent, bankCalls } = await startConsentFrom(t, t.client, '198.51.100.1');
      expect(sent.status, sent.body).toBe(303);
      expect(bankCalls).toBeGreaterThan(0);
    }
    const consentsBefore = await t.store.db.selectFrom('consents').select('id').execute();
    const { sent, bankCalls } = await startConsentFrom(t, t.client, '198.51.100.1');
    expect(sent.status, sent.body).toBe(429);
    expect(Number(sent.headers['retry-after'])).toBeGreaterThan(0);
    expect(sent.body).toContain('Too many connections');
    expect(sent.body).toMatch(/try again in \d+ (second|minute|hour)/);
    expect(bankCalls).toBe(0);
    const consentsAfter = await t.store.db.selectFrom('consents').select('id').execute();
    expect(consentsAfter).toHaveLength(consentsBefore.length);
  });

  it("a client's page is bounded whatever the source; another client's is not touched", async () => {
    // The client has 3 of its 5 spent by the test before.
    for (const address of ['198.51.100.2', '198.51.100.3']) {
      const { sent } = await startConsentFrom(t, t.client, address);
      expect(sent.status, sent.body).toBe(303);
    }
    const refused = await startConsentFrom(t, t.client, '198.51.100.4');
    expect(refused.sent.status, refused.sent.body).toBe(429);
    expect(refused.bankCalls).toBe(0);
    const elsewhere = await startConsentFrom(t, other, '198.51.100.5');
    expect(elsewhere.sent.status, elsewhere.sent.body).toBe(303);
  });

  it('the counts live in the database, where every instance reads them', async () => {
    const rows = await t.store.db
      .selectFrom('rate_limits')
      .select(['client_id', 'window_count'])
      .execute();
    const count = (key: string) => Number(rows.find((r) => r.client_id === key)?.window_count);
    expect(count(`consent-page:source:198.51.100.1`)).toBe(3);
    expect(count(`consent-page:client:${t.client.id}`)).toBe(5);
    expect(count(`consent-page:client:${other.id}`)).toBe(1);
    // The client's own API budget is apart: the page's visitors cannot spend it.
    expect(rows.find((r) => r.client_id === t.client.id)).toBeUndefined();
  });

  it('a form refused for bad input costs nothing', async () => {
    const browser = new Browser(from(t.auth, '198.51.100.9'), TEST_AUTH_URL);
    const { page } = await browser.follow(authorizeUrl(other), APP_REDIRECT);
    const base = page.url.split('?')[0] as string;
    for (let i = 0; i < 5; i++) {
      const sent = await browser.open(`${base}/bank/${REDIRECT_BANK}`, {
        form: { approach: 'CARRIER-PIGEON' },
      });
      expect(sent.status, sent.body).toBe(400);
    }
    const rows = await t.store.db
      .selectFrom('rate_limits')
      .select('client_id')
      .where('client_id', '=', 'consent-page:source:198.51.100.9')
      .execute();
    expect(rows).toEqual([]);
  });
});

/**
 * A bank in front of the sandbox that throttles: while `throttled` is set, consent creations are
 * answered 429 with Retry-After (as JSON, or as a gateway's HTML page); all else passes through.
 */
async function throttlingBank(sandbox: RunningSandbox) {
  const state = { throttled: false as false | 'json' | 'html', seen: 0 };
  const server = http.createServer((request, response) => {
    const url = request.url ?? '';
    if (state.throttled && request.method === 'POST' && /\/v1\/consents$/.test(url)) {
      state.seen++;
      request.resume();
      const json = state.throttled === 'json';
      response.writeHead(429, {
        'content-type': json ? 'application/json' : 'text/html',
        'retry-after': '7',
      });
      response.end(
        json
          ? JSON.stringify({
              tppMessages: [
                { category: 'ERROR', code: 'ACCESS_EXCEEDED', text: 'Too many requests' },
              ],
            })
          : '<html><body>Slow down</body></html>',
      );
      return;
    }
    const upstream = http.request(
      `${sandbox.url}${url}`,
      { method: request.method, headers: request.headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    state,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

describe('a bank that throttles', () => {
  let t: TestPlatform;
  let sandbox: RunningSandbox;
  let bank: Awaited<ReturnType<typeof throttlingBank>>;

  beforeAll(async () => {
    sandbox = await runSandbox({ port: 0, host: '127.0.0.1', logger: pino({ level: 'silent' }) });
    bank = await throttlingBank(sandbox);
    t = await startTestPlatform({
      env: { BANKBRIDGE_SANDBOX_URL: bank.url, BANKBRIDGE_BANK_BREAKER_FAILURES: '2' },
    });
  });
  afterAll(async () => {
    await t?.close();
    await bank?.close();
    await sandbox?.close();
  });

  const create = async (token: string) =>
    psd2(t, 'POST', CONSENTS, { token, bic: REDIRECT_BANK, body: consentBody(new Date()) });

  it("is the bank's answer to the TPP: 503 with the bank's Retry-After, never a format error", async () => {
    const { token } = await testTpp(t);
    for (const kind of ['json', 'html'] as const) {
      bank.state.throttled = kind;
      const answer = await create(token);
      expect(answer.statusCode, answer.body).toBe(503);
      expect(answer.headers['retry-after']).toBe('7');
      const [message] = answer.json().tppMessages;
      expect(message.code).toBe('SERVICE_UNAVAILABLE');
      expect(message.text).toContain('limiting');
    }
    expect(await t.store.db.selectFrom('consents').select('id').execute()).toEqual([]);
  });

  it('does not open the breaker every TPP shares: the bank is called again at once', async () => {
    const { token } = await testTpp(t);
    bank.state.throttled = 'json';
    const seen = bank.state.seen;
    for (let i = 0; i < 5; i++) expect((await create(token)).statusCode).toBe(503);
    expect(bank.state.seen - seen).toBe(5);
    expect(t.platform.breakers.health(REDIRECT_BANK)).toEqual({ status: 'available' });
    bank.state.throttled = false;
    const created = await create(token);
    expect(created.statusCode, created.body).toBe(201);
    const aspsp = await t.api.inject({
      method: 'GET',
      url: `/psd2/aspspinformation/v1/aspsps/${REDIRECT_BANK}`,
      headers: {
        authorization: `Bearer ${await t.token('aspspinformation')}`,
        'x-request-id': randomUUID(),
      },
    });
    expect(aspsp.json().health?.status ?? 'available').toBe('available');
  });
});

describe('bank work started from the demo app', () => {
  let live: LiveDemo;
  let demo: DemoServer;
  /** Another app on the same platform, with counts of its own. */
  let payDemo: DemoServer;

  beforeAll(async () => {
    live = await startLiveDemo();
    const policy = parseRateLimit('2/1440min');
    if (typeof policy !== 'object') throw new Error('the test policy does not parse');
    const limited = (place: string) =>
      new BankWorkLimit(place, new RateLimitCounters(live.tpp.store.db), {
        source: policy,
        client: undefined,
      });
    demo = await live.mount({ bankWork: limited('demo') });
    payDemo = await live.mount({ bankWork: limited('demo-pay') });
  }, 60_000);
  afterAll(() => live?.close());

  it('one visitor may start a few connections; then the page says to wait, and nothing is asked of the bank', async () => {
    const connect = async () => {
      const browser = demo.browser();
      const banks = await browser.open('/demo/banks?country=SE');
      expect(banks.status).toBe(200);
      return browser.submit(banks, '/demo/connect', { bic: 'NDEASESS', country: 'SE' });
    };
    for (let i = 0; i < 2; i++) expect((await connect()).status).toBe(303);
    const consentsAsked = () =>
      demo.sent.filter((call) => call.method === 'POST' && call.url.endsWith('/consents')).length;
    const asked = consentsAsked();
    const refused = await connect();
    expect(refused.status, refused.body).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.body).toContain('Too many connections');
    expect(consentsAsked()).toBe(asked);
  });

  it('a payment counts as bank work too: once the visitor has started enough, Pay says to wait and no payment is sent', async () => {
    const browser = payDemo.browser();
    const banks = await browser.open('/demo/banks?country=SE');
    const started = await browser.submit(banks, '/demo/connect', {
      bic: 'SWEDSESS',
      country: 'SE',
    });
    expect(started.status, started.body).toBe(303);
    await bankIdApp(
      live.sandboxUrl,
      autostartTokenOf(await browser.open('/demo/bankid')),
      'approve',
    );
    await expect
      .poll(async () => JSON.parse((await browser.open('/demo/bankid/status')).body).state, {
        timeout: 15_000,
      })
      .not.toBe('waiting');

    // Payments created: a POST to a product, not one to a payment's authorisations.
    const payments = () =>
      payDemo.sent.filter(
        (call) =>
          call.method === 'POST' &&
          /\/psd2\/paymentinitiation\/v1\/payments\/[\w-]+$/.test(call.url),
      ).length;
    const pay = async () => {
      const form = await browser.open('/demo/pay');
      expect(form.status, form.body).toBe(200);
      return browser.submit(form, '/demo/pay', {
        ...payFormFields(form),
        amount: '3',
        message: 'Limit',
      });
    };
    // The connection was the first start; the first payment the second.
    expect((await pay()).status).toBe(303);
    expect(payments()).toBe(1);
    const refused = await pay();
    expect(refused.status, refused.body).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.body).toContain('Too many connections');
    expect(payments()).toBe(1);
  });
});
