/**
 * The hosted consent page of /oauth/authorize, as the user's browser goes through it over
 * HTTP: what the app asks for and for how long, the country and bank (from the registry, with
 * logos), the SCA at a redirect bank (Nordea, the bank's login page) and with Mobile BankID
 * (Swedbank, the QR code and the status poll; Handelsbanken, where the user names the
 * accounts), and every way out: the user denies at the bank or in BankID, cancels here, the
 * bank is down, the page is stale or forged. Ends with the consent as the store has it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../auth/redirect-sca-browser.js';
import { startTestPlatform, TEST_AUTH_URL, type TestPlatform } from '../support/test-platform.js';
import {
  ANNA,
  aisp,
  approveInBankId,
  atBank,
  authorizeUrl,
  autoStartTokenOf,
  backToApp,
  connectByRedirect,
  connectWithBankId,
  exchangeCode,
  openConsentPage,
  startAtBank,
} from './support.js';

let t: TestPlatform;

beforeAll(async () => {
  t = await startTestPlatform({ sandbox: true });
});
afterAll(async () => {
  await t?.close();
});
afterEach(async () => {
  await t.admin('DELETE', '/banks/NDEASESS/faults');
});

async function latestConsent() {
  return t.store.db
    .selectFrom('consents')
    .selectAll()
    .where('client_id', '=', t.client.id)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .executeTakeFirstOrThrow();
}

async function consentById(id: string) {
  return t.store.db
    .selectFrom('consents')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

/** Anna's IBANs at a bank, from the sandbox's own records. */
async function ibansAt(bic: string): Promise<string[]> {
  const response = await t.admin('GET', `/banks/${bic}/psus`);
  const { psus } = (await response.json()) as {
    psus: { psuId: string; accounts: { iban: string }[] }[];
  };
  return (psus.find((psu) => psu.psuId === ANNA)?.accounts ?? []).map((a) => a.iban);
}

describe('what the user sees', () => {
  it('says which app asks for what, for how long, and lists the banks of a country with logos', async () => {
    const { page, browser, base } = await openConsentPage(
      t,
      authorizeUrl(t.client, { scope: 'balances', extra: { validity_days: '30' } }),
    );
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.body).toContain('Connect your bank to Test TPP');
    // Balances belong to accounts: the user is told both are shared.
    expect(page.body).toContain('Your accounts: their names, numbers (IBAN)');
    expect(page.body).toContain('The balances of those accounts');
    expect(page.body).not.toContain('Their transactions');
    expect(page.body).toContain('For up to 30 days');
    expect(page.body).toMatch(/<option value="SE" selected>Sweden<\/option>/);
    for (const bic of ['ESSESESS', 'NDEASESS', 'HANDSESS', 'SWEDSESS', 'DABASESX']) {
      expect(page.body).toContain(`data-bic="${bic}"`);
      expect(page.body).toContain(`src="http://api.bankbridge.test/logos/${bic}.svg"`);
    }
    expect(page.body).not.toContain('DEUTDEFF');

    const germany = await browser.open(`${base}?country=DE`);
    expect(germany.status).toBe(200);
    expect(germany.body).toContain('data-bic="DEUTDEFF"');
    expect(germany.body).not.toContain('data-bic="NDEASESS"');

    const logo = await t.api.inject({ method: 'GET', url: '/logos/NDEASESS.svg' });
    expect(logo.statusCode).toBe(200);
  });

  it('shows the terms at the bank: until when, how often, and where the accounts are chosen', async () => {
    const { browser, base } = await openConsentPage(
      t,
      authorizeUrl(t.client, { extra: { validity_days: '365' } }),
    );
    const nordea = await browser.open(`${base}/bank/NDEASESS`);
    expect(nordea.status).toBe(200);
    // Asked for a year; Nordea gives 90 days at most.
    expect(nordea.body).toContain('(90 days)');
    expect(nordea.body).toContain('at most 4 times a day');
    expect(nordea.body).toContain('Which of your accounts are shared is settled with Nordea');
    expect(nordea.body).toContain('value="REDIRECT"');
    expect(nordea.body).not.toContain('value="DECOUPLED"');

    const seb = await browser.open(`${base}/bank/ESSESESS`);
    expect(seb.body).toContain('value="REDIRECT"');
    expect(seb.body).toContain('value="DECOUPLED"');

    const handelsbanken = await browser.open(`${base}/bank/HANDSESS`);
    expect(handelsbanken.body).toContain('name="ibans"');
    expect(handelsbanken.body).toContain('asks you to name the accounts');

    const assets = await browser.open(`${TEST_AUTH_URL}/oauth/assets/consent.js`);
    expect(assets.status).toBe(200);
    expect(assets.headers['content-type']).toMatch(/javascript/);
  });
});

describe('a redirect bank (Nordea)', () => {
  it('sends the user to the bank and back to the app with a code, the consent valid with the accounts picked', async () => {
    const { browser, base } = await openConsentPage(t, authorizeUrl(t.client, { state: 'n-1' }));
    const login = await startAtBank(browser, base, 'NDEASESS', 'REDIRECT');
    expect(login.url.startsWith(`${t.sandboxUrl}/banks/NDEASESS/`)).toBe(true);
    // The user shares one account of those the bank offers.
    const back = await backToApp(
      browser,
      await atBank(browser, login, 'approve', (all) => all.slice(0, 1)),
    );
    expect(Object.keys(back).sort()).toEqual(['code', 'iss', 'state']);
    expect(back.state).toBe('n-1');

    const consent = await latestConsent();
    expect(consent.status).toBe('valid');
    expect(consent.bic).toBe('NDEASESS');
    expect(Boolean(consent.recurring_indicator)).toBe(true);
    expect(consent.frequency_per_day).toBe(4);
    expect(consent.psu_context).toBe('private');

    const tokens = await exchangeCode(t, back.code as string);
    const accounts = await aisp(t, '/accounts', { token: tokens.access_token });
    expect(accounts.statusCode, accounts.body).toBe(200);
    expect(accounts.json().accounts).toHaveLength(1);
  });

  it('returns access_denied with the state when the user says no at the bank', async () => {
    const { browser, base } = await openConsentPage(t, authorizeUrl(t.client, { state: 'n-2' }));
    const login = await startAtBank(browser, base, 'NDEASESS', 'REDIRECT');
    const back = await backToApp(browser, await atBank(browser, login, 'deny'));
    expect(back.error).toBe('access_denied');
    expect(back.state).toBe('n-2');
    expect(back).not.toHaveProperty('code');
    expect((await latestConsent()).status).toBe('rejected');
  });

  it('keeps the user on the page when the bank cannot be reached, and lets them try again', async () => {
    const { browser, base } = await openConsentPage(t, authorizeUrl(t.client));
    await t.admin('PUT', '/banks/NDEASESS/faults', { error503Rate: 1 });
    const down = await browser.open(`${base}/bank/NDEASESS`, { form: { approach: 'REDIRECT' } });
    expect(down.status).toBe(503);
    expect(down.body).toContain('could not be reached just now');
    await t.admin('DELETE', '/banks/NDEASESS/faults');
    const again = await browser.open(`${base}/bank/NDEASESS`, { form: { approach: 'REDIRECT' } });
    expect(again.status).toBe(303);
    expect(again.location?.startsWith(`${t.sandboxUrl}/banks/NDEASESS/`)).toBe(true);
  }, 20_000);

  it('refuses a bank callback it did not send to the bank, and a page of another browser', async () => {
    const forged = await new Browser(t.auth, TEST_AUTH_URL).open(
      `${TEST_AUTH_URL}/oauth/bank-callback?code=x&state=v1.forged.state.value`,
    );
    expect(forged.status).toBe(400);
    expect(forged.body).toContain('could not match');

    const { base } = await openConsentPage(t, authorizeUrl(t.client));
    const stranger = await new Browser(t.auth, TEST_AUTH_URL).open(`${base}/bank/NDEASESS`);
    expect(stranger.status).toBe(400);
    expect(stranger.body).toContain('This page has expired');
  });
});

describe('Mobile BankID (Swedbank, Handelsbanken)', () => {
  it('shows the QR code, waits for the user, then sends the browser to the app', async () => {
    const { browser, base } = await openConsentPage(t, authorizeUrl(t.client, { state: 's-1' }));
    const page = await startAtBank(browser, base, 'SWEDSESS', 'DECOUPLED');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Log in to Swedbank AB with Mobile BankID');
    expect(page.body).toMatch(/<img class="qr" src="data:image\/png;base64,/);
    expect(page.body).toContain('http-equiv="refresh"');
    const token = autoStartTokenOf(page.body);
    // Swedbank here is a sandbox bank: its simulator stands in for the user's phone.
    expect(page.body).toContain(
      `href="${t.sandboxUrl}/bankid?autostarttoken=${encodeURIComponent(token)}"`,
    );

    const pending = await browser.open(`${base}/status`);
    expect(JSON.parse(pending.body)).toEqual({ status: 'pending' });
    expect((await latestConsent()).status).toBe('received');

    await approveInBankId(t, token);
    const done = await browser.open(`${base}/status`);
    const answer = JSON.parse(done.body) as { status: string; location: string };
    expect(answer.status).toBe('done');
    // Asking again (a second tab, a slow script) gives the same way on, not a second grant.
    expect(JSON.parse((await browser.open(`${base}/status`)).body)).toEqual(answer);
    const back = await backToApp(browser, new URL(answer.location, base).href);
    expect(back.state).toBe('s-1');
    expect((await latestConsent()).status).toBe('valid');

    const tokens = await exchangeCode(t, back.code as string);
    const accounts = await aisp(t, '/accounts', { token: tokens.access_token });
    expect(accounts.json().accounts.length).toBeGreaterThan(0);
    expect(accounts.json().accounts.every((a: { bic: string }) => a.bic === 'SWEDSESS')).toBe(true);
  });

  it('reloads the BankID page without a script, and goes on from there once approved', async () => {
    const { browser, base } = await openConsentPage(t, authorizeUrl(t.client));
    const page = await startAtBank(browser, base, 'SWEDSESS', 'DECOUPLED');
    await approveInBankId(t, autoStartTokenOf(page.body));
    const reloaded = await browser.open(`${base}/bankid`);
    expect(reloaded.status).toBe(303);
    const back = await backToApp(browser, reloaded.location as string);
    expect(back.code).toBeTruthy();
  });

  it('returns access_denied when the user cancels in BankID', async () => {
    const { browser, base } = await openConsentPage(t, authorizeUrl(t.client, { state: 's-2' }));
    const page = await startAtBank(browser, base, 'SWEDSESS', 'DECOUPLED');
    await approveInBankId(t, autoStartTokenOf(page.body), 'deny');
    const done = JSON.parse((await browser.open(`${base}/status`)).body) as { location: string };
    const back = await backToApp(browser, new URL(done.location, base).href);
    expect(back.error).toBe('access_denied');
    expect(back.state).toBe('s-2');
    expect((await latestConsent()).status).toBe('rejected');
  });

  it('asks for the IBANs where the bank has no bank-offered consents, and shares just those', async () => {
    const ibans = await ibansAt('HANDSESS');
    expect(ibans.length).toBeGreaterThan(1);
    const { browser, base } = await openConsentPage(t, authorizeUrl(t.client));
    await browser.open(`${base}/bank/HANDSESS`);

    const typo = await browser.open(`${base}/bank/HANDSESS`, {
      form: { approach: 'DECOUPLED', ibans: 'SE00 1234' },
    });
    expect(typo.status).toBe(400);
    expect(typo.body).toContain('is not an IBAN');
    expect(typo.body).toContain('SE00 1234');

    // As people copy an IBAN: in groups of four, lower case.
    const printed = (ibans[0] as string).toLowerCase().replace(/(.{4})/g, '$1 ');
    const back = await connectWithBankId(t, t.client, { bic: 'HANDSESS', ibans: printed });
    const consent = await latestConsent();
    expect(consent.status).toBe('valid');
    expect(JSON.parse(consent.access)).toEqual({
      accounts: [{ iban: ibans[0] }],
      balances: [{ iban: ibans[0] }],
      transactions: [{ iban: ibans[0] }],
    });
    const tokens = await exchangeCode(t, back.code as string);
    const accounts = await aisp(t, '/accounts', { token: tokens.access_token });
    expect(accounts.json().accounts.map((a: { iban: string }) => a.iban)).toEqual([ibans[0]]);
  });
});

describe('leaving the page', () => {
  it('returns access_denied when the user cancels, and deletes the consent begun for them', async () => {
    const { browser, base } = await openConsentPage(t, authorizeUrl(t.client, { state: 'c-1' }));
    await startAtBank(browser, base, 'SWEDSESS', 'DECOUPLED');
    const begun = await latestConsent();
    expect(begun.status).toBe('received');
    const cancelled = await browser.open(`${base}/cancel`, { form: {} });
    expect(cancelled.status).toBe(303);
    const back = await backToApp(browser, cancelled.location as string);
    expect(back).toEqual({
      error: 'access_denied',
      error_description: 'the user cancelled the connection',
      state: 'c-1',
      iss: TEST_AUTH_URL,
    });
    expect((await consentById(begun.id)).status).toBe('terminatedByTpp');
  });

  it('refuses a form posted from another site', async () => {
    const { base } = await openConsentPage(t, authorizeUrl(t.client));
    const response = await t.auth.inject({
      method: 'POST',
      url: `${new URL(base).pathname}/cancel`,
      headers: {
        origin: 'https://evil.example',
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: '',
    });
    expect(response.statusCode).toBe(403);
  });

  it('refuses an oversized form with 413, creating nothing', async () => {
    const { browser, base } = await openConsentPage(t, authorizeUrl(t.client));
    const count = async () =>
      (await t.store.db.selectFrom('consents').select('id').execute()).length;
    const before = await count();
    const response = await browser.open(`${base}/bank/NDEASESS`, {
      form: { approach: 'REDIRECT', ibans: 'SE'.repeat(10_000) },
    });
    expect(response.status).toBe(413);
    expect(await count()).toBe(before);
  });

  it('refuses a way to log in the bank does not offer', async () => {
    const { browser, base } = await openConsentPage(t, authorizeUrl(t.client));
    const response = await browser.open(`${base}/bank/NDEASESS`, {
      form: { approach: 'DECOUPLED' },
    });
    expect(response.status).toBe(400);
    expect(response.body).toContain('does not offer this way to log in');
  });

  it('shows the expired page once the flow has ended', async () => {
    const url = authorizeUrl(t.client);
    const { browser, base } = await openConsentPage(t, url);
    const login = await startAtBank(browser, base, 'NDEASESS', 'REDIRECT');
    await backToApp(browser, await atBank(browser, login));
    const stale = await browser.open(base);
    expect(stale.status).toBe(400);
    expect(stale.body).toContain('This page has expired');
  });

  it('starts a fresh consent for each authorization, also in the same browser', async () => {
    const first = await connectByRedirect(t, t.client);
    const firstConsent = await latestConsent();
    const second = await connectByRedirect(t, t.client);
    const secondConsent = await latestConsent();
    expect(secondConsent.id).not.toBe(firstConsent.id);
    expect(first.code).not.toBe(second.code);
  });
});
