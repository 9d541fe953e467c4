// The demo TPP app's pages over HTTP, against a platform and sandbox banks on real ports: both
// SCA paths to the accounts and the chart, what it forwards about the PSU, and what it says when
// things go wrong (a bank failing, a sign-in denied, an ended consent, an unknown session, a
// forged form, missing or refused credentials, Bankbridge down).

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HttpBrowser, psuApprovesAtBank } from '../guide/psu-browser.js';
import { freePort } from '../support/free-port.js';
import {
  ANNA,
  autostartTokenOf,
  BROWSER_UA,
  bankIdApp,
  type DemoBrowser,
  type DemoPage,
  type DemoServer,
  type LiveDemo,
  startLiveDemo,
  unescapeAttribute,
} from './demo-app-support.js';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

describe('the demo app over HTTP', () => {
  let live: LiveDemo;
  let demo: DemoServer;

  beforeAll(async () => {
    live = await startLiveDemo();
    demo = await live.mount();
  }, 60_000);
  afterAll(() => live?.close());
  afterEach(async () => {
    for (const bic of ['ESSESESS', 'SWEDSESS'])
      await live.tpp.admin('DELETE', `/banks/${bic}/faults`);
  });

  /** The bank's button on the Swedish banks page, pressed. */
  async function connect(browser: DemoBrowser, bic: string, fields: Record<string, string> = {}) {
    const banks = await browser.open('/demo/banks?country=SE');
    expect(banks.status).toBe(200);
    return browser.submit(banks, '/demo/connect', { bic, country: 'SE', ...fields });
  }

  /** Connects at Swedbank with BankID, approved in the simulator: the session has a consent. */
  async function connectedAtSwedbank(browser: DemoBrowser, app = demo): Promise<DemoPage> {
    const started = await connect(browser, 'SWEDSESS');
    expect(started.location).toBe(`${app.url}/demo/bankid`);
    const page = await browser.open('/demo/bankid');
    await bankIdApp(live.sandboxUrl, autostartTokenOf(page), 'approve');
    await expect.poll(() => scaState(browser), { timeout: 10_000 }).toBe('valid');
    const accounts = await browser.open('/demo/accounts');
    expect(accounts.status, accounts.body).toBe(200);
    return accounts;
  }

  async function scaState(browser: DemoBrowser): Promise<string> {
    const status = await browser.open('/demo/bankid/status', {
      headers: { accept: 'application/json' },
    });
    return (JSON.parse(status.body) as { state: string }).state;
  }

  it('lists the countries, with a session cookie, strict security headers and the calls behind the page', async () => {
    const browser = demo.browser();
    const home = await browser.open('/demo');
    expect(home.status).toBe(200);
    expect(home.headers.getSetCookie()).toEqual([
      expect.stringMatching(/^bb_demo_session=[\w-]{43}; Path=\/demo; HttpOnly; SameSite=Lax$/),
    ]);
    const csp = home.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(home.headers.get('x-frame-options')).toBe('DENY');
    expect(home.headers.get('cache-control')).toBe('no-store');
    for (const country of ['Sweden', 'Finland', 'Germany', 'Denmark']) {
      expect(home.body).toContain(country);
    }
    expect(home.body).toContain('href="/demo/banks?country=SE"');
    // The call behind the page, with the X-Request-ID Bankbridge logged it under.
    expect(home.body).toMatch(
      /<td>GET<\/td><td class="path"><code>\/psd2\/aspspinformation\/v1\/countries<\/code><\/td>\s*<td class="ok">200<\/td>\s*<td><code>[0-9a-f-]{36}<\/code>/,
    );
    // The session is kept: no new cookie on the next page.
    const again = await browser.open('/demo');
    expect(again.headers.getSetCookie()).toEqual([]);

    const script = await browser.open('/demo/assets/bankid.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    await expect(browser.open('/demo/assets/..%2Fdemo-app.ts')).resolves.toMatchObject({
      status: 404,
    });
  });

  it('lists the banks of a country with the logos the ASPSP information API gives', async () => {
    const browser = demo.browser();
    const page = await browser.open('/demo/banks?country=se');
    expect(page.status).toBe(200);
    const { aspsps } = await live.sdk.aspspInformation.aspsps({ isoCountryCodes: ['SE'] });
    const logos = [...page.body.matchAll(/<img class="logo" src="([^"]+)"/g)].map((m) => m[1]);
    expect(logos).toEqual(aspsps.map((a) => a.logoUrl));
    expect(logos).toContain(`${live.apiUrl}/logos/SWEDSESS.svg`);
    const buttons = [...page.body.matchAll(/name="bic" value="([^"]+)"/g)].map((m) => m[1]);
    expect(buttons).toEqual(['ESSESESS', 'NDEASESS', 'HANDSESS', 'SWEDSESS', 'DABASESX']);

    const unknown = await browser.open('/demo/banks?country=GB');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toContain('Bankbridge reaches no bank in GB');
    const malformed = await browser.open('/demo/banks?country=%3Cscript%3E');
    expect(malformed.status).toBe(400);
    expect(malformed.body).not.toContain('<script>');
  });

  it('connects by redirect: through the bank and back to the callback, then accounts and the balance chart', async () => {
    const browser = demo.browser();
    const started = await connect(browser, 'ESSESESS');
    expect(started.status).toBe(303);
    expect(started.location).toBe(`${demo.url}/demo/redirect`);

    // The way to the bank: a page of its own, with a link and an immediate refresh.
    const leaving = await browser.open('/demo/redirect');
    expect(leaving.status).toBe(200);
    const link = linkToBank(leaving);
    expect(leaving.body).toContain(`<meta http-equiv="refresh" content="0;url=`);
    const authorize = new URL(link);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${live.authUrl}/connect/authorize`);
    expect(authorize.searchParams.get('client_id')).toBe(live.client.id);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${demo.url}/demo/callback`);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');

    const back = await psuApprovesAtBank(
      new HttpBrowser(),
      link,
      `${demo.url}/demo/callback`,
      ANNA,
    );
    // Another sign-in's answer is refused, and this one's still goes through afterwards.
    const forged = await browser.open(`/demo/callback?code=abc&state=${'x'.repeat(36)}`);
    expect(forged.status).toBe(400);
    expect(forged.body).toContain('not for the sign-in in progress');

    const callback = await browser.open(`/demo/callback?${new URLSearchParams(back)}`);
    expect(callback.status, callback.body).toBe(303);
    expect(callback.location).toBe(`${demo.url}/demo/accounts`);
    // Used once: the same answer again belongs to no sign-in in progress.
    const replayed = await browser.open(`/demo/callback?${new URLSearchParams(back)}`);
    expect(replayed.status).toBe(400);
    expect(replayed.body).toContain('Sign-in not recognised');

    const accounts = await browser.open('/demo/accounts');
    expect(accounts.status).toBe(200);
    for (const name of ['Everyday account', 'Savings', 'Credit card']) {
      expect(accounts.body).toContain(name);
    }
    expect(accounts.body).toMatch(
      /Booked<\/span> <span class="amount[^"]*">-?[\d,]+\.\d{2}<\/span> SEK/,
    );
    const consentId = /Consent <code>([^<]+)<\/code>, valid until \d{4}-\d{2}-\d{2}/.exec(
      accounts.body,
    )?.[1] as string;
    await expect(live.sdk.consents.status({ consentId, bic: 'ESSESESS' })).resolves.toMatchObject({
      consentStatus: 'valid',
    });

    const accountId = /href="\/demo\/accounts\/([^"?]+)">Everyday account/.exec(accounts.body)?.[1];
    const account = await browser.open(`/demo/accounts/${accountId}`);
    expect(account.status).toBe(200);
    const d = /<path class="balance" d="([^"]+)" data-points="91"\/>/.exec(account.body)?.[1] ?? '';
    expect(d.match(/[ML][\d.]+,[\d.]+/g)).toHaveLength(91);
    expect(account.body).toMatch(/<table class="transactions"/);
    expect((account.body.match(/<td class="amount (?:in|out)">/g) ?? []).length).toBeGreaterThan(5);
    for (const [days, points] of [
      ['30', 31],
      ['365', 366],
      ['7', 91],
    ] as const) {
      const other = await browser.open(`/demo/accounts/${accountId}?days=${days}`);
      expect(other.body).toContain(`data-points="${points}"`);
    }
    const unknownAccount = await browser.open('/demo/accounts/no-such-account');
    expect(unknownAccount.status).toBe(404);
    expect(unknownAccount.body).toContain('does not know this account');
  });

  it('shows what the bank booked on its own today when the app’s clock is a day behind', async () => {
    const behind = await live.mount({ now: () => new Date(Date.now() - 86_400_000) });
    const browser = behind.browser();
    const accounts = await connectedAtSwedbank(browser, behind);
    const consentId = consentIdOf(accounts);
    const accountId = /href="\/demo\/accounts\/([^"?]+)">Everyday account/.exec(accounts.body)?.[1];
    const bankToday = new Date().toISOString().slice(0, 10);

    const account = await browser.open(`/demo/accounts/${accountId}`);
    expect(account.status).toBe(200);
    // 90 days back from the app's today, up to the bank's: one day more than the period.
    expect(account.body).toContain('data-points="92"');
    expect(account.body).toContain(`to ${bankToday}</h2>`);
    const ais = live.sdk.accountInformation({ consentId, bic: 'SWEDSESS' });
    const dateFrom = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const read = await ais.transactions(accountId as string, { bookingStatus: 'booked', dateFrom });
    const latest = read.transactions?.booked
      ?.map((t) => t.bookingDate ?? '')
      .sort()
      .at(-1);
    expect(latest).toBeDefined();
    expect(account.body).toContain(`<td>${latest}</td>`);
  });

  it('says so when the PSU denies at the bank, whose answer comes back to the callback', async () => {
    const browser = demo.browser();
    await connect(browser, 'ESSESESS');
    const leaving = await browser.open('/demo/redirect');
    const consentId = consentIdOf(leaving);
    const callbackUrl = `${demo.url}/demo/callback`;
    const bank = new HttpBrowser();
    const { page: login } = await bank.follow(linkToBank(leaving), callbackUrl);
    const session = /name="session" value="([^"]+)"/.exec(login.body)?.[1] as string;
    const consentPage = await bank.open(formAction(login, '/oauth2/authorize/login'), {
      form: { session, psuId: ANNA },
    });
    const denied = await bank.open(formAction(consentPage, '/oauth2/authorize/decision'), {
      form: { session, decision: 'deny' },
    });
    const { page: back } = await bank.follow(denied.location as string, callbackUrl);
    expect(new URL(back.url).searchParams.get('error')).toBe('access_denied');

    const answer = await browser.open(back.url);
    expect(answer.status).toBe(403);
    expect(answer.body).toContain('Access not given');
    expect(answer.body).toContain(
      'Skandinaviska Enskilda Banken AB did not give this app access: you declined or cancelled the sign-in',
    );
    await expect(live.sdk.consents.status({ consentId, bic: 'ESSESESS' })).resolves.toMatchObject({
      consentStatus: 'rejected',
    });
    await expect(browser.open('/demo/accounts')).resolves.toMatchObject({ status: 303 });
  });

  it('connects with BankID at Swedbank, forwarding the browser as the PSU, while the page polls', async () => {
    const browser = demo.browser('Mozilla/5.0 (iPhone; CPU iPhone OS 17_5) DemoAppTest');
    const started = await connect(browser, 'SWEDSESS');
    expect(started.location).toBe(`${demo.url}/demo/bankid`);
    // Swedbank requires both; the app passes on what the browser's request says.
    const created = demo.sent.findLast(
      (c) => c.method === 'POST' && c.url === `${live.apiUrl}/psd2/consent/v1/consents`,
    );
    expect(created?.headers.get('psu-ip-address')).toBe('127.0.0.1');
    expect(created?.headers.get('psu-user-agent')).toBe(
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5) DemoAppTest',
    );

    const page = await browser.open('/demo/bankid');
    expect(page.status).toBe(200);
    // The guide's three consent calls, made by the form that redirected here, listed once.
    const earlier = page.body.slice(page.body.indexOf('Before the redirect to this page'));
    for (const call of [
      /POST<\/td><td class="path"><code>\/psd2\/consent\/v1\/consents<\/code>/,
      /POST<\/td><td class="path"><code>\/psd2\/consent\/v1\/consents\/[\w-]+\/authorisations<\/code>/,
      /PUT<\/td><td class="path"><code>\/psd2\/consent\/v1\/consents\/[\w-]+\/authorisations\/[\w-]+<\/code>/,
    ]) {
      expect(earlier).toMatch(call);
    }
    expect((await browser.open('/demo/bankid')).body).not.toContain('Before the redirect');
    expect(page.body).toMatch(/<img id="qr-code" src="data:image\/png;base64,[\w+/=]+"/);
    expect(page.body).toContain('<script src="/demo/assets/bankid.js" defer></script>');
    expect(page.body).toContain(`href="bankid:///?autostarttoken=`);
    await expect(scaState(browser)).resolves.toBe('waiting');

    await bankIdApp(live.sandboxUrl, autostartTokenOf(page), 'approve');
    await expect.poll(() => scaState(browser), { timeout: 10_000 }).toBe('valid');
    const status = await browser.open('/demo/bankid/status');
    expect(JSON.parse(status.body)).toEqual({ state: 'valid', next: '/demo/accounts' });
    expect(status.headers.get('cache-control')).toBe('no-store');
    await expect(browser.open('/demo/bankid')).resolves.toMatchObject({
      status: 303,
      location: `${demo.url}/demo/accounts`,
    });

    const accounts = await browser.open('/demo/accounts');
    expect(accounts.body).toContain('Your accounts at Swedbank AB');
    expect(accounts.body).toContain('Everyday account');
    // Reads forward the PSU too: they are made while the person looks at the page.
    const read = demo.sent.findLast((c) =>
      c.url.startsWith(`${live.apiUrl}/psd2/accountinformation/v1/accounts`),
    );
    expect(read?.headers.get('psu-ip-address')).toBe('127.0.0.1');

    const home = await browser.open('/demo');
    expect(home.body).toContain('Connected to Swedbank AB');
  });

  it("redraws BankID's animated QR code: each status answer a second apart brings a new picture", async () => {
    const browser = demo.browser();
    await connect(browser, 'SWEDSESS');
    const page = await browser.open('/demo/bankid');
    const shown = /<img id="qr-code" src="(data:image\/png;base64,[\w+/=]+)"/.exec(page.body)?.[1];
    expect(shown).toBeDefined();
    const qrImage = async () => {
      const status = await browser.open('/demo/bankid/status');
      const answer = JSON.parse(status.body) as { state: string; qrImage?: string };
      expect(answer.state).toBe('waiting');
      return answer.qrImage;
    };
    // The server's poller asks Bankbridge every second; the page's script every second too.
    await expect.poll(qrImage, { timeout: 5000 }).toMatch(/^data:image\/png;base64,/);
    const a = await qrImage();
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const b = await qrImage();
    expect(a).toMatch(/^data:image\/png;base64,/);
    expect(b).toMatch(/^data:image\/png;base64,/);
    expect(b).not.toBe(a);
    const script = await browser.open('/demo/assets/bankid.js');
    expect(script.body).toContain("qr.setAttribute('src', answer.qrImage)");
    await bankIdApp(live.sandboxUrl, autostartTokenOf(page), 'approve');
    await expect.poll(() => scaState(browser), { timeout: 10_000 }).toBe('valid');
  });

  it('says so when the PSU cancels in BankID, and cancelling in the app deletes the consent', async () => {
    const browser = demo.browser();
    await connect(browser, 'SWEDSESS');
    const denied = await browser.open('/demo/bankid');
    await bankIdApp(live.sandboxUrl, autostartTokenOf(denied), 'deny');
    await expect.poll(() => scaState(browser), { timeout: 10_000 }).toBe('failed');
    const failed = await browser.open('/demo/bankid');
    expect(failed.status).toBe(403);
    expect(failed.body).toContain('Access not given');
    expect(failed.body).toContain('Swedbank AB did not give this app access: you declined');
    // Shown once; then there is no sign-in in progress.
    await expect(browser.open('/demo/bankid')).resolves.toMatchObject({
      status: 303,
      location: `${demo.url}/demo?notice=not-connected`,
    });

    await connect(browser, 'SWEDSESS');
    const waiting = await browser.open('/demo/bankid');
    const consentId = consentIdOf(waiting);
    const cancelled = await browser.submit(waiting, '/demo/cancel');
    expect(cancelled.location).toBe(`${demo.url}/demo?notice=cancelled`);
    await expect
      .poll(
        async () => (await live.sdk.consents.status({ consentId, bic: 'SWEDSESS' })).consentStatus,
      )
      .toBe('terminatedByTpp');
    const home = await browser.open('/demo?notice=cancelled');
    expect(home.body).toContain('Sign-in cancelled');
  });

  it('connects at Handelsbanken through Bankbridge’s pages: the accounts named there, then BankID', async () => {
    const browser = demo.browser();
    const started = await connect(browser, 'HANDSESS');
    expect(started.location).toBe(`${demo.url}/demo/redirect`);
    const leaving = await browser.open('/demo/redirect');
    const consentId = consentIdOf(leaving);
    const callbackUrl = `${demo.url}/demo/callback`;
    const { psus } = (await (await live.tpp.admin('GET', '/banks/HANDSESS/psus')).json()) as {
      psus: Array<{ psuId: string; accounts: Array<{ iban: string }> }>;
    };
    const iban = psus.find((p) => p.psuId === ANNA)?.accounts[0]?.iban as string;

    // The PSU's browser: Bankbridge's page asks for the accounts, the next shows BankID's code.
    const psu = new HttpBrowser();
    const { page: accounts } = await psu.follow(linkToBank(leaving), callbackUrl);
    expect(accounts.body).toContain('Choose the accounts to share');
    const named = await psu.open(formAction(accounts, '/accounts'), { form: { ibans: iban } });
    expect(named.location).toMatch(/\/bankid$/);
    const bankIdPage = await psu.open(named.location as string);
    expect(bankIdPage.body).toContain('Confirm with BankID');
    const token = /autostarttoken=([^&"]+)/.exec(bankIdPage.body)?.[1] as string;
    await bankIdApp(live.sandboxUrl, decodeURIComponent(token), 'approve');
    const statusUrl = /fetch\("([^"]+)"/.exec(bankIdPage.body)?.[1] as string;
    let next: string | undefined;
    for (let poll = 0; poll < 20 && !next; poll++) {
      next = (JSON.parse((await psu.open(statusUrl)).body) as { next?: string }).next;
      if (!next) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const { page: back } = await psu.follow(next as string, callbackUrl);

    const callback = await browser.open(back.url);
    expect(callback.status, callback.body).toBe(303);
    expect(callback.location).toBe(`${demo.url}/demo/accounts`);
    const consent = await live.sdk.consents.get({ consentId, bic: 'HANDSESS' });
    expect(consent.consentStatus).toBe('valid');
    expect(consent.access.accounts?.map((a) => a.iban)).toEqual([iban]);
  });

  it('names the accounts itself where asked to, and escapes what comes back', async () => {
    const browser = demo.browser();
    const banks = await browser.open('/demo/banks?country=SE');
    const { psus } = (await (await live.tpp.admin('GET', '/banks/HANDSESS/psus')).json()) as {
      psus: Array<{ psuId: string; accounts: Array<{ iban: string }> }>;
    };
    const ibans = psus.find((p) => p.psuId === ANNA)?.accounts.map((a) => a.iban) ?? [];
    expect(ibans.length).toBeGreaterThan(0);

    const refused = await browser.submit(banks, '/demo/connect', {
      bic: 'HANDSESS',
      country: 'SE',
      named: 'true',
      ibans: '<script>alert(1)</script>',
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('Svenska Handelsbanken AB refused the accounts');
    expect(refused.body).not.toContain('<script>alert');
    expect(refused.body).toContain('&lt;SCRIPT&gt;ALERT(1)&lt;/SCRIPT&gt;');

    const started = await browser.submit(refused, '/demo/connect', {
      bic: 'HANDSESS',
      country: 'SE',
      named: 'true',
      ibans: ibans.join('\r\n'),
    });
    expect(started.location).toBe(`${demo.url}/demo/bankid`);
    const consentId = consentIdOf(await browser.open('/demo/bankid'));
    const consent = await live.sdk.consents.get({ consentId, bic: 'HANDSESS' });
    expect(consent.access.accounts?.map((a) => a.iban)).toEqual(ibans);
  });

  it('says clearly when the bank fails, with the request id, and keeps the consent for later', async () => {
    const browser = demo.browser();
    await live.tpp.admin('PUT', '/banks/ESSESESS/faults', { error503Rate: 1 });
    const down = await connect(browser, 'ESSESESS');
    expect(down.status).toBe(502);
    expect(down.body).toContain('Skandinaviska Enskilda Banken AB is not answering');
    expect(down.body).toContain('This is on the bank&#39;s side');
    expect(down.body).toMatch(new RegExp(`<code id="api-request-id">${UUID.source}</code>`));

    await live.tpp.admin('PUT', '/banks/ESSESESS/faults', { error500Rate: 1, htmlErrors: true });
    const broken = await connect(browser, 'ESSESESS');
    expect(broken.status).toBe(502);
    expect(broken.body).toContain('is not answering');

    await connectedAtSwedbank(browser);
    await live.tpp.admin('PUT', '/banks/SWEDSESS/faults', { error503Rate: 1 });
    const reading = await browser.open('/demo/accounts');
    expect(reading.status).toBe(502);
    expect(reading.body).toContain('Swedbank AB is not answering');
    await live.tpp.admin('DELETE', '/banks/SWEDSESS/faults');
    await expect(browser.open('/demo/accounts')).resolves.toMatchObject({ status: 200 });
  });

  it('says when the consent has ended, forgets it, and disconnecting deletes it', async () => {
    const browser = demo.browser();
    const accounts = await connectedAtSwedbank(browser);
    const consentId = consentIdOf(accounts);
    await live.sdk.consents.delete({ consentId, bic: 'SWEDSESS' });
    // Either the read finds the consent gone, or the consent's event reached the app first and
    // the home page it sends the user to says so: the user is told once, whichever came first.
    const ended = await browser.open('/demo/accounts');
    if (ended.status === 303) {
      expect(ended.location).toBe(`${demo.url}/demo?notice=not-connected`);
      const home = await browser.open('/demo?notice=not-connected');
      expect(home.body).toContain('The app can no longer read your accounts at Swedbank');
      expect(home.body).toContain('Connect the bank again');
    } else {
      expect(ended.status).toBe(409);
      expect(ended.body).toContain('Your access has ended');
      expect(ended.body).toContain('Connect the bank again');
    }
    await expect(browser.open('/demo/accounts')).resolves.toMatchObject({
      status: 303,
      location: `${demo.url}/demo?notice=not-connected`,
    });

    const again = await connectedAtSwedbank(browser);
    const second = consentIdOf(again);
    const left = await browser.submit(again, '/demo/disconnect');
    expect(left.location).toBe(`${demo.url}/demo?notice=disconnected`);
    await expect(
      live.sdk.consents.status({ consentId: second, bic: 'SWEDSESS' }),
    ).resolves.toMatchObject({
      consentStatus: 'terminatedByTpp',
    });
    const home = await browser.open('/demo?notice=disconnected');
    expect(home.body).toContain('Disconnected');
    expect(home.body).not.toContain('Connected to');
  });

  it('connecting again replaces the consent the browser had', async () => {
    const browser = demo.browser();
    const first = consentIdOf(await connectedAtSwedbank(browser));
    await connect(browser, 'SWEDSESS');
    await expect
      .poll(
        async () =>
          (await live.sdk.consents.status({ consentId: first, bic: 'SWEDSESS' })).consentStatus,
      )
      .toBe('terminatedByTpp');
    await expect(browser.open('/demo/accounts')).resolves.toMatchObject({ status: 303 });
  });

  it('sends a browser without a session to the start, and refuses forms it did not get from the app', async () => {
    const stranger = demo.browser();
    await expect(stranger.open('/demo/accounts')).resolves.toMatchObject({
      status: 303,
      location: `${demo.url}/demo?notice=not-connected`,
    });
    const home = await stranger.open('/demo?notice=not-connected');
    expect(home.body).toContain('You are not connected to a bank');
    // Only the app's own notices are shown; anything else in the URL is ignored.
    const odd = await stranger.open('/demo?notice=%3Cscript%3Ealert(1)%3C/script%3E');
    expect(odd.status).toBe(200);
    expect(odd.body).not.toContain('<script>');
    expect(odd.body).not.toContain('alert(1)');

    // A cookie the app does not know: cleared, and treated as no session.
    const forgotten = demo.browser();
    forgotten.cookie = 'A'.repeat(43);
    const cleared = await forgotten.open('/demo/accounts');
    expect(cleared.status).toBe(303);
    expect(cleared.headers.getSetCookie().join()).toMatch(
      /bb_demo_session=; .*Expires=Thu, 01 Jan 1970/,
    );
    const unknownStatus = await demo.browser().open('/demo/bankid/status');
    expect(unknownStatus.status).toBe(401);
    expect(JSON.parse(unknownStatus.body)).toMatchObject({ state: 'unknown' });
    const lost = await demo.browser().open('/demo/callback?code=abc&state=def');
    expect(lost.status).toBe(400);
    expect(lost.body).toContain('no sign-in was started in this browser');

    // Forms: no session, another session's token, no token.
    const noSession = await demo.browser().open('/demo/connect', {
      form: { bic: 'SWEDSESS', _csrf: 'x' },
    });
    expect(noSession.status).toBe(403);
    expect(noSession.body).toContain('Form expired');
    const mine = demo.browser();
    const theirs = demo.browser();
    const theirPage = await theirs.open('/demo/banks?country=SE');
    await mine.open('/demo');
    for (const token of [/name="_csrf" value="([^"]+)"/.exec(theirPage.body)?.[1] ?? '', '']) {
      const forged = await mine.open('/demo/connect', { form: { bic: 'SWEDSESS', _csrf: token } });
      expect(forged.status).toBe(403);
    }
    expect(demo.sent.some((c) => c.headers.get('psu-user-agent') === 'forged')).toBe(false);

    const missing = await stranger.open('/demo/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.body).toContain('There is no such page in the demo app.');
  });

  it('says what is wrong when it cannot sign in as its client or reach Bankbridge', async () => {
    const noSecret = await live.mount({
      credentials: { clientId: live.client.id, clientSecret: undefined },
    });
    const unset = await noSecret.browser().open('/demo');
    expect(unset.status).toBe(503);
    expect(unset.body).toContain('The demo app has no client secret');

    const wrongSecret = await live.mount({
      credentials: { clientId: live.client.id, clientSecret: 'bbs_not-the-secret' },
    });
    const refused = await wrongSecret.browser().open('/demo');
    expect(refused.status).toBe(503);
    expect(refused.body).toContain('Bankbridge refused the demo client');

    const nowhere = await live.mount({
      apiUrl: `http://127.0.0.1:${await freePort()}`,
      sandboxUrl: undefined,
    });
    const down = await nowhere.browser().open('/demo');
    expect(down.status).toBe(504);
    expect(down.body).toContain('could not reach Bankbridge&#39;s API');
  });

  it('gives every browser its own session', async () => {
    const anna = demo.browser(BROWSER_UA);
    await connectedAtSwedbank(anna);
    const other = demo.browser(BROWSER_UA);
    await expect(other.open('/demo/accounts')).resolves.toMatchObject({ status: 303 });
    await expect(anna.open('/demo/accounts')).resolves.toMatchObject({ status: 200 });
  });
});

function linkToBank(page: DemoPage): string {
  const href = /id="to-bank" href="([^"]+)"/.exec(page.body)?.[1];
  if (!href) throw new Error(`no link to the bank on ${page.url}`);
  return unescapeAttribute(href);
}

/** Where a form of the bank's page posts to. */
function formAction(page: { url: string; body: string }, path: string): string {
  const action = new RegExp(`<form[^>]+action="([^"]*${path.replaceAll('/', '\\/')})"`).exec(
    page.body,
  )?.[1];
  if (!action) throw new Error(`no form posting to ${path} on ${page.url}: ${page.body}`);
  return new URL(unescapeAttribute(action), page.url).href;
}

function consentIdOf(page: DemoPage): string {
  const id = /Consent <code>([^<]+)<\/code>/.exec(page.body)?.[1];
  if (!id) throw new Error(`no consent id on ${page.url}`);
  return id;
}
