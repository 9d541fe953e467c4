// "Pay" in the demo TPP app over HTTP, against a platform and sandbox banks on real ports: the
// form's checks in the customer's words, a payment signed at a redirect bank (SEB) and one in
// BankID (Swedbank), each followed to the booking in the account view by Bankbridge's events
// alone (webhooks to one app, the event feed for another), a bank's refusal, and what the app
// says when a sign-in ends without access or an event ends the consent.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoWebhookSecret, demoWebhookUrl } from '../../src/demo-client.js';
import { HttpBrowser, psuApprovesAtBank } from '../guide/psu-browser.js';
import { advanceBankClock, bankClockOnBusinessDay } from '../support/payments.js';
import {
  ANNA,
  autostartTokenOf,
  bankIdApp,
  type DemoBrowser,
  type DemoPage,
  type DemoServer,
  type LiveDemo,
  payFormFields,
  startLiveDemo,
  unescapeAttribute,
} from './demo-app-support.js';

interface Live {
  consent: { state: string; text?: string };
  payment?: {
    id: string;
    stage: string;
    label: string;
    text: string;
    final: boolean;
    transactionStatus?: string;
    history: Array<{ transactionStatus: string; words: string }>;
  };
}

describe('the demo app: Pay, and the events that move its pages', () => {
  let live: LiveDemo;
  /** Gets the client's webhooks. */
  let hooked: DemoServer;
  /** Reads the event feed. */
  let feed: DemoServer;

  beforeAll(async () => {
    live = await startLiveDemo({ env: { BANKBRIDGE_WEBHOOK_LOOPBACK: 'true' } });
    await bankClockOnBusinessDay(live.sandboxUrl);
    hooked = await live.mount({ webhooks: true });
    feed = await live.mount();
  }, 60_000);
  afterAll(() => live?.close());

  async function liveState(browser: DemoBrowser): Promise<Live> {
    const answer = await browser.open('/demo/live', { headers: { accept: 'application/json' } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    return JSON.parse(answer.body) as Live;
  }

  async function connectBankId(browser: DemoBrowser, bic: string, psuId = ANNA) {
    const banks = await browser.open('/demo/banks?country=SE');
    const started = await browser.submit(banks, '/demo/connect', { bic, country: 'SE' });
    expect(started.location, started.body).toMatch(/\/demo\/bankid$/);
    const page = await browser.open('/demo/bankid');
    await bankIdApp(live.sandboxUrl, autostartTokenOf(page), 'approve', psuId);
    await expect
      .poll(async () => JSON.parse((await browser.open('/demo/bankid/status')).body).state, {
        timeout: 15_000,
      })
      .not.toBe('waiting');
  }

  async function connectRedirect(browser: DemoBrowser, app: DemoServer, bic: string) {
    const banks = await browser.open('/demo/banks?country=SE');
    await browser.submit(banks, '/demo/connect', { bic, country: 'SE' });
    const leaving = await browser.open('/demo/redirect');
    const back = await psuApprovesAtBank(
      new HttpBrowser(),
      linkToBank(leaving),
      `${app.url}/demo/callback`,
      ANNA,
    );
    const callback = await browser.open(`/demo/callback?${new URLSearchParams(back)}`);
    expect(callback.location).toBe(`${app.url}/demo/accounts`);
  }

  /** The pay form as it first opens: the first account, the sandbox's other customer as payee. */
  async function payForm(browser: DemoBrowser): Promise<DemoPage> {
    const form = await browser.open('/demo/pay');
    expect(form.status, form.body).toBe(200);
    return form;
  }

  /** The payment's page once the bank's clearing delay has passed, as the events bring it. */
  async function executedByEvents(browser: DemoBrowser): Promise<Live['payment']> {
    const signed = await liveState(browser);
    expect(signed.payment?.stage).toBe('authorised');
    expect(signed.payment?.label).toBe('Signed, on its way');
    // The app never asks the bank again: the bank books after its clearing delay, Bankbridge's
    // poller sees it, and its event reaches the app.
    await advanceBankClock(live.tpp, 31);
    await expect
      .poll(async () => (await liveState(browser)).payment?.stage, {
        timeout: 45_000,
        interval: 500,
      })
      .toBe('executed');
    return (await liveState(browser)).payment;
  }

  it('checks the form in the customer’s words, then pays at SEB by redirect and shows the booking (webhooks)', async () => {
    const browser = hooked.browser();
    await connectRedirect(browser, hooked, 'ESSESESS');
    const accounts = await browser.open('/demo/accounts');
    expect(accounts.body).toContain('<a class="button" id="pay" href="/demo/pay">Pay</a>');

    const form = await payForm(browser);
    const fields = payFormFields(form);
    expect(fields.payeeIban).toMatch(/^SE\d{22}$/);
    expect(fields.payeeName).not.toBe('');

    const bad = await browser.submit(form, '/demo/pay', {
      ...fields,
      amount: '12,345.678',
      payeeIban: 'SE45 5000 0000 0583 9825 7467',
      message: 'Lunch',
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('2 fields need a change before the payment can be sent.');
    expect(bad.body).toContain('The amount can have at most 2 decimals');
    expect(bad.body).toContain('This IBAN is not right: a character is missing, extra or mistyped');
    expect(bad.body).toContain('aria-invalid="true" aria-describedby="amount-error"');
    // What was typed stays in the form.
    expect(bad.body).toContain('value="SE45 5000 0000 0583 9825 7467"');
    for (const [amount, text] of [
      ['', 'Enter the amount to pay.'],
      ['-5', 'The amount must be more than zero.'],
      ['twelve', 'Write the amount with digits only'],
      ['0,00', 'The amount must be more than zero.'],
    ] as const) {
      const refused = await browser.submit(form, '/demo/pay', { ...fields, amount });
      expect(refused.status).toBe(400);
      expect(refused.body).toContain(text);
    }
    // Nothing reached the bank.
    expect(hooked.sent.some((c) => c.url.includes('/paymentinitiation/'))).toBe(false);

    const message = `SEB lunch ${Date.now()}`;
    const started = await browser.submit(form, '/demo/pay', {
      ...fields,
      amount: '1 250,5',
      payeeIban: fields.payeeIban.replace(/(.{4})/g, '$1 ').toLowerCase(),
      message,
    });
    expect(started.status, started.body).toBe(303);
    expect(started.location).toBe(`${hooked.url}/demo/pay/sign`);
    const created = hooked.sent.find(
      (c) => c.method === 'POST' && c.url.endsWith('/psd2/paymentinitiation/v1/payments/domestic'),
    );
    expect(created?.headers.get('psu-ip-address')).toBe('127.0.0.1');

    const leaving = await browser.open('/demo/pay/sign');
    expect(leaving.body).toContain(
      'Taking you to Skandinaviska Enskilda Banken AB to sign the payment',
    );
    const paymentId = /Payment <code>([^<]+)<\/code>/.exec(leaving.body)?.[1] as string;
    const back = await psuApprovesAtBank(
      new HttpBrowser(),
      linkToBank(leaving),
      `${hooked.url}/demo/callback`,
      ANNA,
    );
    const callback = await browser.open(`/demo/callback?${new URLSearchParams(back)}`);
    expect(callback.location).toBe(`${hooked.url}/demo/payment`);

    const page = await browser.open('/demo/payment');
    expect(page.status).toBe(200);
    expect(page.body).toContain('1,250.50 SEK</span> to <strong>');
    expect(page.body).toContain('<script src="/demo/assets/live.js" defer></script>');
    expect(page.body).toContain(`data-payment-id="${paymentId}"`);
    expect(page.body).toMatch(/id="payment-booked" hidden/);

    const paid = await executedByEvents(browser);
    expect(paid?.id).toBe(paymentId);
    expect(paid?.label).toBe('Paid');
    expect(paid?.text).toContain('1,250.50 SEK went from your Everyday account');
    const codes = paid?.history.map((h) => h.transactionStatus) ?? [];
    expect(codes[0]).toBe('RCVD');
    expect(codes.at(-1)).toMatch(/^(ACSC|ACCC)$/);
    // Through the webhook: the feed was not read by this app.
    expect(hooked.sent.some((c) => c.url.includes('/psd2/events/v1/events'))).toBe(false);

    const done = await browser.open('/demo/payment');
    expect(done.body).not.toMatch(/id="payment-booked" hidden/);
    const accountUrl = unescapeAttribute(
      /id="payment-booked"><a class="button" href="([^"]+)"/.exec(done.body)?.[1] ?? '',
    );
    const account = await browser.open(accountUrl);
    expect(account.status).toBe(200);
    const row = /<tr class="new" id="paid">([\s\S]*?)<\/tr>/.exec(account.body)?.[1] ?? '';
    expect(row).toContain('Your payment');
    expect(row).toContain(message);
    expect(row).toContain('-1,250.50 SEK');
  }, 120_000);

  it('pays at Swedbank with BankID and its animated QR code, followed by the event feed to the booking', async () => {
    const browser = feed.browser();
    await connectBankId(browser, 'SWEDSESS');
    const form = await payForm(browser);
    const message = `Swedbank coffee ${Date.now()}`;
    const started = await browser.submit(form, '/demo/pay', {
      ...payFormFields(form),
      amount: '42',
      message,
    });
    expect(started.location).toBe(`${feed.url}/demo/pay/sign`);
    const signing = await browser.open('/demo/pay/sign');
    expect(signing.body).toContain('Sign the payment with Mobile BankID');
    expect(signing.body).toMatch(
      /id="signing-summary">42\.00 SEK to [^<]+ \(SE\d{22}\): “Swedbank coffee \d+”</,
    );
    expect(signing.body).toMatch(/<img id="qr-code" src="data:image\/png;base64,[\w+/=]+"/);
    expect(signing.body).toContain('data-status-url="/demo/pay/sign/status"');
    const qrImage = async () =>
      (JSON.parse((await browser.open('/demo/pay/sign/status')).body) as { qrImage?: string })
        .qrImage;
    await expect.poll(qrImage, { timeout: 5000 }).toMatch(/^data:image\/png;base64,/);
    const first = await qrImage();
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(await qrImage()).not.toBe(first);

    await bankIdApp(live.sandboxUrl, autostartTokenOf(signing), 'approve');
    await expect
      .poll(async () => JSON.parse((await browser.open('/demo/pay/sign/status')).body), {
        timeout: 15_000,
      })
      .toEqual({ state: 'valid', text: 'Signed, on its way', next: '/demo/payment' });

    const paid = await executedByEvents(browser);
    expect(paid?.text).toContain('42.00 SEK went from your');
    expect(feed.sent.some((c) => c.url.includes('/psd2/events/v1/events'))).toBe(true);
    const done = await browser.open('/demo/payment');
    const accountUrl = unescapeAttribute(
      /id="payment-booked"><a class="button" href="([^"]+)"/.exec(done.body)?.[1] ?? '',
    );
    const account = await browser.open(accountUrl);
    const row = /<tr class="new" id="paid">([\s\S]*?)<\/tr>/.exec(account.body)?.[1] ?? '';
    expect(row).toContain(message);
    expect(row).toContain('-42.00 SEK');
  }, 120_000);

  it('says the bank refused a payment it rejected after the signature, in words, and nothing was paid', async () => {
    const browser = feed.browser();
    await connectBankId(browser, 'SWEDSESS');
    const form = await payForm(browser);
    await browser.submit(form, '/demo/pay', {
      ...payFormFields(form),
      amount: '99 000 000',
      message: 'Too much',
    });
    const signing = await browser.open('/demo/pay/sign');
    await bankIdApp(live.sandboxUrl, autostartTokenOf(signing), 'approve');
    await expect
      .poll(async () => (await liveState(browser)).payment?.stage, { timeout: 45_000 })
      .toBe('failed');
    const { payment } = await liveState(browser);
    expect(payment?.label).toBe('Refused by the bank');
    expect(payment?.text).toBe(
      'Swedbank AB refused the payment: there is not enough money in the account. No money left your account.',
    );
    const page = await browser.open('/demo/payment');
    expect(page.body).toContain('Refused by the bank');
    expect(page.body).toContain('RJCT');
    expect(page.body).not.toContain('FUNDS_NOT_AVAILABLE');
  }, 120_000);

  it('tells a payment the person did not sign in BankID from one the bank refused', async () => {
    const browser = feed.browser();
    await connectBankId(browser, 'SWEDSESS');
    const form = await payForm(browser);
    await browser.submit(form, '/demo/pay', { ...payFormFields(form), amount: '5' });
    const signing = await browser.open('/demo/pay/sign');
    await bankIdApp(live.sandboxUrl, autostartTokenOf(signing), 'deny');
    await expect
      .poll(async () => JSON.parse((await browser.open('/demo/pay/sign/status')).body).state, {
        timeout: 15_000,
      })
      .toBe('failed');
    const page = await browser.open('/demo/payment');
    expect(page.body).toContain('Not signed');
    expect(page.body).toContain(
      'You did not sign the payment in BankID (it was cancelled or timed out). No money left your account.',
    );
  }, 60_000);

  it('says the person declined at the bank in their words, keeping the protocol’s for the developer', async () => {
    const browser = feed.browser();
    const banks = await browser.open('/demo/banks?country=SE');
    await browser.submit(banks, '/demo/connect', { bic: 'ESSESESS', country: 'SE' });
    const leaving = await browser.open('/demo/redirect');
    const bank = new HttpBrowser();
    const callbackUrl = `${feed.url}/demo/callback`;
    const { page: login } = await bank.follow(linkToBank(leaving), callbackUrl);
    const session = /name="session" value="([^"]+)"/.exec(login.body)?.[1] as string;
    const consentPage = await bank.open(formAction(login, '/oauth2/authorize/login'), {
      form: { session, psuId: ANNA },
    });
    const denied = await bank.open(formAction(consentPage, '/oauth2/authorize/decision'), {
      form: { session, decision: 'deny' },
    });
    const { page: back } = await bank.follow(denied.location as string, callbackUrl);
    const declined = await browser.open(back.url);
    expect(declined.status).toBe(403);
    const said = noticeOf(declined);
    expect(said).toContain(
      'Skandinaviska Enskilda Banken AB did not give this app access: you declined or cancelled the sign-in',
    );
    expect(said).not.toMatch(/access_denied|PSU|SCA/);
    // The API's words stay for the developer, apart from the sentence.
    expect(declined.body).toContain(
      'For developers: <code id="api-detail">SCA_FAILED: access_denied',
    );
  }, 90_000);

  it('ends the consent on the pages when an event says it ended, and refuses forged deliveries', async () => {
    const browser = hooked.browser();
    await connectBankId(browser, 'SWEDSESS');
    const accounts = await browser.open('/demo/accounts');
    expect(accounts.body).toContain('id="consent-live"');
    expect((await liveState(browser)).consent.state).toBe('valid');
    const consentId = /Consent <code>([^<]+)<\/code>/.exec(accounts.body)?.[1] as string;

    // Ended elsewhere (here by the client's own back office): only the event tells the app.
    await live.sdk.consents.delete({ consentId, bic: 'SWEDSESS' });
    await expect
      .poll(async () => (await liveState(browser)).consent, { timeout: 20_000 })
      .toEqual({
        state: 'ended',
        text: 'The app can no longer read your accounts at Swedbank AB: the app ended it. Connect the bank again to go on.',
      });
    const home = await browser.open('/demo');
    expect(noticeOf(home)).toContain('The app can no longer read your accounts at Swedbank AB');
    await expect(browser.open('/demo/accounts')).resolves.toMatchObject({ status: 303 });

    const body = JSON.stringify({ id: 'forged', type: 'consent.status_changed' });
    const forged = await fetch(`${hooked.url}/demo/webhooks`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'bankbridge-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}`,
      },
      body,
    });
    expect(forged.status).toBe(400);
    expect(await forged.json()).toMatchObject({ error: 'signature' });
    // The feed-reading app takes no deliveries at all.
    const none = await fetch(`${feed.url}/demo/webhooks`, { method: 'POST', body });
    expect(none.status).toBe(404);
  }, 60_000);

  it('points the demo client’s webhooks at the app only where the platform may call it, and leaves another endpoint alone', async () => {
    const { webhooks } = live.tpp.platform;
    const { client } = await live.tpp.platform.clients.create({
      name: 'Demo client of another start',
      redirectUris: ['https://tpp.example/callback'],
    });
    const apiUrl = 'http://localhost:8080';
    const secret = await demoWebhookSecret(webhooks, client.id, apiUrl, true);
    expect(secret).toMatch(/^whsec_/);
    await expect(webhooks.get(client.id)).resolves.toMatchObject({
      url: demoWebhookUrl(apiUrl),
      allowedHosts: ['localhost'],
    });
    // Each run makes its own secret: the app keeps it in memory only.
    const next = await demoWebhookSecret(webhooks, client.id, apiUrl, true);
    expect(next).toMatch(/^whsec_/);
    expect(next).not.toBe(secret);
    // Without the loopback setting the platform would refuse every delivery: the endpoint goes,
    // and the app reads the feed.
    await expect(demoWebhookSecret(webhooks, client.id, apiUrl, false)).resolves.toBeUndefined();
    await expect(webhooks.get(client.id)).resolves.toMatchObject({ url: null });
    // An endpoint someone set for the client is theirs.
    await webhooks.configure(client.id, { url: 'http://localhost:9999/hooks' });
    await expect(demoWebhookSecret(webhooks, client.id, apiUrl, true)).resolves.toBeUndefined();
    await expect(webhooks.get(client.id)).resolves.toMatchObject({
      url: 'http://localhost:9999/hooks',
    });
  });
});

function linkToBank(page: DemoPage): string {
  const href = /id="to-bank" href="([^"]+)"/.exec(page.body)?.[1];
  if (!href) throw new Error(`no link to the bank on ${page.url}`);
  return unescapeAttribute(href);
}

function formAction(page: { url: string; body: string }, path: string): string {
  const action = new RegExp(`<form[^>]+action="([^"]*${path.replaceAll('/', '\\/')})"`).exec(
    page.body,
  )?.[1];
  if (!action) throw new Error(`no form posting to ${path} on ${page.url}`);
  return new URL(unescapeAttribute(action), page.url).href;
}

/** The text of the page's notice, as the person reads it. */
function noticeOf(page: DemoPage): string {
  return (/<div class="notice [a-z]+" role="[a-z]+">([\s\S]*?)<\/div>/.exec(page.body)?.[1] ?? '')
    .replace(/<[^>]+>/g, '')
    .replaceAll('&#39;', "'");
}
