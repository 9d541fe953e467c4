/**
 * The integration guide's consent (`access: {}`) at Handelsbanken, whose API lets nobody pick,
 * lists no accounts and has no login page: BankID only. The guide's client follows the approach
 * the PUT of the authorisation answers, so Bankbridge answers REDIRECT and hosts the whole SCA:
 * its page asks for the accounts, Bankbridge asks the bank for a consent on exactly those,
 * starts the bank's BankID and shows its QR code, and once the PSU confirmed sends the browser
 * to the TPP with a code. The PSU approves or denies in the sandbox's BankID simulator, over
 * real HTTP; every /psd2 answer is checked against the contract.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, type Page } from '../auth/redirect-sca-browser.js';
import { startTestPlatform, TEST_AUTH_URL, type TestPlatform } from '../support/test-platform.js';
import {
  accountList,
  bankCalls,
  consentHeaders,
  consentOf,
  customerWithTwoAccounts,
  formAction,
  guideAgainst,
  guideBody,
  guideUpToRedirect,
  openAccountStep,
  PSU_IP,
  psd2,
  REDIRECT_URI,
  readHeaders,
  redeem,
  type SandboxPsu,
  type StartedConsent,
} from './guide-offered-consent.js';

const BIC = 'HANDSESS';
let tpp: TestPlatform;
/** How far the platform's clock is ahead of the real one (the sandbox keeps the real one). */
let aheadMs = 0;

beforeAll(async () => {
  tpp = await startTestPlatform({ sandbox: true, now: () => new Date(Date.now() + aheadMs) });
  guideAgainst(tpp);
});

afterAll(async () => {
  await tpp?.close();
});

/** The BankID app's autostart token, from the page's "Open BankID on this device" link. */
function autoStartTokenOf(page: Page): string {
  const link = /href="(bankid:[^"]+)"/.exec(page.body)?.[1]?.replaceAll('&amp;', '&');
  expect(link, page.body).toMatch(/^bankid:\/\/\/\?autostarttoken=[^&]+&redirect=null$/);
  return decodeURIComponent(/autostarttoken=([^&]+)/.exec(link as string)?.[1] as string);
}

/** The PSU acts in the sandbox's BankID app on the order of this autostart token. */
async function inBankIdApp(token: string, action: 'approve' | 'deny', psuId?: string) {
  const response = await fetch(`${tpp.sandboxUrl}/bankid/api/orders/${token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action, ...(psuId ? { psuId } : {}) }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

/** The page's own poll, until it names the next page (the SCA confirmed or over). */
async function pollUntilNext(browser: Browser, page: Page): Promise<string> {
  const statusUrl = /fetch\("([^"]+\/bankid\/status)"/.exec(page.body)?.[1] as string;
  expect(statusUrl).toBeTruthy();
  for (let attempt = 0; attempt < 20; attempt++) {
    const answer = await browser.open(statusUrl);
    expect(answer.status).toBe(200);
    const status = JSON.parse(answer.body) as { next?: string; qr?: string };
    if (status.next) return status.next;
    expect(status.qr).toMatch(/^data:image\/png;base64,/);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the page never moved on');
}

/** From the guide's link through Bankbridge's account page to its BankID page. */
async function bankIdPage(browser: Browser, started: StartedConsent, ibans: string) {
  const accounts = await openAccountStep(browser, started.link);
  expect(accounts.body).toContain('Svenska Handelsbanken');
  expect(accounts.body).toContain('Then you confirm with BankID.');
  const named = await browser.open(formAction(accounts, '/accounts'), { form: { ibans } });
  expect(named.status, named.body).toBe(303);
  expect(named.location).toMatch(/\/connect\/interaction\/[^/]+\/bankid$/);
  const page = await browser.open(named.location as string);
  expect(page.status, page.body).toBe(200);
  expect(page.body).toContain('Confirm with BankID');
  expect(page.body).toMatch(/<img id="qr" class="qr" src="data:image\/png;base64,/);
  // A sandbox bank's users are test persons: the page links to its BankID simulator.
  expect(page.body).toContain(`href="${tpp.sandboxUrl}/bankid?autostarttoken=`);
  return page;
}

describe("the guide's consent at Handelsbanken, BankID only, through Bankbridge's pages", () => {
  it('offers the redirect the guide follows, with the scaOAuth link of a redirect bank', async () => {
    const started = await guideUpToRedirect(BIC);
    const link = new URL(started.link);
    expect(link.origin).toBe(TEST_AUTH_URL);
    expect(link.searchParams.get('acr_values')).toBe(
      `idp:${BIC} consentId:${started.consentId} consentAuthorisationId:${started.authorisationId}`,
    );
    expect(link.searchParams.get('redirect_uri')).toBe(REDIRECT_URI);
    expect(link.searchParams.get('state')).toBe(started.state);
    // Only the redirect is offered for it: the bank's BankID follows on Bankbridge's page.
    const again = await psd2(
      'POST',
      `/psd2/consent/v1/consents/${started.consentId}/authorisations`,
      consentHeaders(started),
    );
    expect(again.status, again.text).toBe(201);
    expect(
      (again.body.scaMethods as Array<{ authenticationMethodId: string }>).map(
        (method) => method.authenticationMethodId,
      ),
    ).toEqual(['redirect']);
    const mbid = await psd2(
      'PUT',
      `/psd2/consent/v1/consents/${started.consentId}/authorisations/${again.body.authorisationId}`,
      consentHeaders(started),
      { authenticationMethodId: 'mbid' },
    );
    expect(mbid.status, mbid.text).toBe(400);
    expect(mbid.body.tppMessages).toEqual([
      expect.objectContaining({
        code: 'SCA_METHOD_UNKNOWN',
        text: expect.stringContaining('"redirect"'),
      }),
    ]);
    // Nothing is at the bank before the PSU has named the accounts.
    expect((await consentOf(started)).access).toEqual({});
  });

  it('names an account, confirms in BankID; the TPP’s code gives a consent on it alone', async () => {
    const psu = await customerWithTwoAccounts(BIC);
    const [picked, other] = psu.accounts as [SandboxPsu['accounts'][0], SandboxPsu['accounts'][0]];
    const started = await guideUpToRedirect(BIC);
    const browser = new Browser(tpp.auth, TEST_AUTH_URL);
    const consentsBefore = bankCalls('POST', `/banks/${BIC}/v1/consents`).length;
    const page = await bankIdPage(browser, started, picked.iban.replace(/(.{4})/g, '$1 ').trim());
    // One consent at the bank, on the named account.
    expect(bankCalls('POST', `/banks/${BIC}/v1/consents`).length - consentsBefore).toBe(1);
    // Not yet confirmed: the page's poll gives the QR code, and the TPP has nothing yet.
    const statusUrl = /fetch\("([^"]+)"/.exec(page.body)?.[1] as string;
    const waiting = JSON.parse((await browser.open(statusUrl)).body) as Record<string, unknown>;
    expect(waiting).toEqual({
      qr: expect.stringMatching(/^data:image\/png;base64,/),
      bankSilent: false,
    });
    expect((await consentOf(started)).consentStatus).toBe('received');
    // Reloading the guide's link while BankID runs comes back to this page.
    const reload = await browser.open(
      new URL(formAction(page, '/cancel')).href.replace(/\/cancel$/, ''),
    );
    expect(reload.location).toMatch(/\/bankid$/);

    await inBankIdApp(autoStartTokenOf(page), 'approve', psu.psuId);
    const next = await pollUntilNext(browser, page);
    const { page: back } = await browser.follow(next, REDIRECT_URI);
    const query = Object.fromEntries(new URL(back.url).searchParams);
    await redeem(started, query);

    const consent = await consentOf(started);
    expect(consent.consentStatus).toBe('valid');
    const access = consent.access as Record<string, Array<{ iban: string }>>;
    for (const list of ['accounts', 'balances', 'transactions']) {
      expect(access[list]?.map((ref) => ref.iban)).toEqual([picked.iban]);
    }
    const accounts = await accountList(started);
    expect(accounts.map((account) => account.iban)).toEqual([picked.iban]);
    const balances = await psd2(
      'GET',
      `/psd2/accountinformation/v1/accounts/${accounts[0]?.resourceId}/balances`,
      readHeaders(started),
    );
    expect(balances.status, balances.text).toBe(200);
    // The PSU's other account, known to this TPP through a consent that names it, is refused
    // through the guide's consent (404, as an unknown one).
    const otherId = await accountThroughNamedConsent(started.token, psu.psuId, other.iban);
    const refused = await psd2(
      'GET',
      `/psd2/accountinformation/v1/accounts/${otherId}/balances`,
      readHeaders(started),
    );
    expect(refused.status, refused.text).toBe(404);
    expect(refused.body.tppMessages).toEqual([
      expect.objectContaining({ code: 'RESOURCE_UNKNOWN' }),
    ]);
    // Read last: a one-off consent is used up once everything it grants was read.
    const from = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const transactions = await psd2(
      'GET',
      `/psd2/accountinformation/v1/accounts/${accounts[0]?.resourceId}/transactions?bookingStatus=booked&dateFrom=${from}`,
      readHeaders(started),
    );
    expect(transactions.status, transactions.text).toBe(200);
  });

  it('denied in BankID: access_denied, the consent rejected, ended at the bank', async () => {
    const psu = await customerWithTwoAccounts(BIC);
    const started = await guideUpToRedirect(BIC);
    const browser = new Browser(tpp.auth, TEST_AUTH_URL);
    const page = await bankIdPage(browser, started, psu.accounts[0]?.iban as string);
    await inBankIdApp(autoStartTokenOf(page), 'deny');
    const next = await pollUntilNext(browser, page);
    const { page: back } = await browser.follow(next, REDIRECT_URI);
    expect(Object.fromEntries(new URL(back.url).searchParams)).toMatchObject({
      error: 'access_denied',
      state: started.state,
    });
    await expectEnded(started);
  });

  it('cancelled on the BankID page: access_denied, the consent rejected, ended at the bank', async () => {
    const psu = await customerWithTwoAccounts(BIC);
    const started = await guideUpToRedirect(BIC);
    const browser = new Browser(tpp.auth, TEST_AUTH_URL);
    const page = await bankIdPage(browser, started, psu.accounts[0]?.iban as string);
    const cancelled = await browser.open(formAction(page, '/cancel'), { form: {} });
    const { page: back } = await browser.follow(cancelled.location as string, REDIRECT_URI);
    const query = Object.fromEntries(new URL(back.url).searchParams);
    expect(query).toMatchObject({ error: 'access_denied', state: started.state });
    expect(query.code).toBeUndefined();
    await expectEnded(started);
    // A BankID confirmation after the cancel grants nothing.
    await fetch(`${tpp.sandboxUrl}/bankid/api/orders/${autoStartTokenOf(page)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'approve', psuId: psu.psuId }),
    });
    expect((await consentOf(started)).consentStatus).toBe('rejected');
  });

  it('not confirmed in time: the consent rejected, ended at the bank, access_denied', async () => {
    const psu = await customerWithTwoAccounts(BIC);
    const started = await guideUpToRedirect(BIC);
    const browser = new Browser(tpp.auth, TEST_AUTH_URL);
    const page = await bankIdPage(browser, started, psu.accounts[0]?.iban as string);
    let next: string;
    try {
      // Past the consent's time to be authorised (30 minutes by default), as the TPP reads it.
      aheadMs = 1801 * 1000;
      expect((await consentOf(started)).consentStatus).toBe('rejected');
      next = await pollUntilNext(browser, page);
      // The page ended the bank's consent; the sweep, finding it done, asks the bank nothing.
      await tpp.platform.events.expiry.runOnce();
    } finally {
      aheadMs = 0;
    }
    const { page: back } = await browser.follow(next, REDIRECT_URI);
    expect(Object.fromEntries(new URL(back.url).searchParams)).toMatchObject({
      error: 'access_denied',
      state: started.state,
    });
    await expectEnded(started);
  });

  it('a bank that fails while the PSU is in BankID: the page says so, then goes on', async () => {
    const psu = await customerWithTwoAccounts(BIC);
    const started = await guideUpToRedirect(BIC);
    const browser = new Browser(tpp.auth, TEST_AUTH_URL);
    const page = await bankIdPage(browser, started, psu.accounts[0]?.iban as string);
    const statusUrl = /fetch\("([^"]+)"/.exec(page.body)?.[1] as string;
    try {
      await tpp.admin('PUT', `/banks/${BIC}/faults`, { error503Rate: 1 });
      const silent = JSON.parse((await browser.open(statusUrl)).body) as Record<string, unknown>;
      expect(silent).toMatchObject({ bankSilent: true, qr: expect.stringMatching(/^data:image/) });
      const reloaded = await browser.open(page.url);
      expect(reloaded.status).toBe(200);
      expect(reloaded.body).toContain('Your bank is not answering right now. We keep trying.');
      // Nothing was decided meanwhile.
      const authorisation = await tpp.store.db
        .selectFrom('sca_authorisations')
        .select('sca_status')
        .where('id', '=', started.authorisationId)
        .executeTakeFirstOrThrow();
      expect(authorisation.sca_status).toBe('started');
    } finally {
      await tpp.admin('DELETE', `/banks/${BIC}/faults`);
    }
    await inBankIdApp(autoStartTokenOf(page), 'approve', psu.psuId);
    const { page: back } = await browser.follow(await pollUntilNext(browser, page), REDIRECT_URI);
    await redeem(started, Object.fromEntries(new URL(back.url).searchParams));
    expect((await consentOf(started)).consentStatus).toBe('valid');
  });

  it('a bank that fails to take the named accounts: the TPP hears it, nothing is at the bank', async () => {
    const psu = await customerWithTwoAccounts(BIC);
    const started = await guideUpToRedirect(BIC);
    const browser = new Browser(tpp.auth, TEST_AUTH_URL);
    const page = await openAccountStep(browser, started.link);
    const consentsBefore = bankCalls('POST', `/banks/${BIC}/v1/consents`).length;
    let named: Page;
    try {
      await tpp.admin('PUT', `/banks/${BIC}/faults`, { error503Rate: 1 });
      named = await browser.open(formAction(page, '/accounts'), {
        form: { ibans: psu.accounts[0]?.iban as string },
      });
    } finally {
      await tpp.admin('DELETE', `/banks/${BIC}/faults`);
    }
    const { page: back } = await browser.follow(named.location as string, REDIRECT_URI);
    expect(Object.fromEntries(new URL(back.url).searchParams)).toMatchObject({
      error: 'temporarily_unavailable',
      state: started.state,
    });
    // The bank was asked and answered 503: it holds nothing, and neither does the consent.
    expect(bankCalls('POST', `/banks/${BIC}/v1/consents`).length).toBeGreaterThan(consentsBefore);
    const consent = await consentOf(started);
    expect(consent).toMatchObject({ consentStatus: 'received', access: {} });
    const record = await tpp.platform.consents.get(
      { requestId: randomUUID(), logger: tpp.platform.logger },
      { clientId: tpp.client.id, consentId: started.consentId },
    );
    expect(record.bankConsentId).toBeNull();
  });

  it('a bank that takes the named accounts but will not start BankID: ended there, access_denied', async () => {
    const psu = await customerWithTwoAccounts(BIC);
    const started = await guideUpToRedirect(BIC);
    const browser = new Browser(tpp.auth, TEST_AUTH_URL);
    const page = await openAccountStep(browser, started.link);
    const consentsBefore = bankCalls('POST', `/banks/${BIC}/v1/consents`).length;
    let named: Page;
    try {
      // Only the start of the SCA fails: the bank takes the consent on the named accounts.
      await tpp.admin('PUT', `/banks/${BIC}/faults`, {
        error500Rate: 1,
        match: { method: 'POST', path: '/authorisations' },
      });
      named = await browser.open(formAction(page, '/accounts'), {
        form: { ibans: psu.accounts[0]?.iban as string },
      });
    } finally {
      await tpp.admin('DELETE', `/banks/${BIC}/faults`);
    }
    expect(bankCalls('POST', `/banks/${BIC}/v1/consents`).length).toBe(consentsBefore + 1);
    const { page: back } = await browser.follow(named.location as string, REDIRECT_URI);
    const query = Object.fromEntries(new URL(back.url).searchParams);
    expect(query).toMatchObject({ error: 'access_denied', state: started.state });
    expect(query.code).toBeUndefined();
    await expectEnded(started);
    const record = await tpp.platform.consents.get(
      { requestId: randomUUID(), logger: tpp.platform.logger },
      { clientId: tpp.client.id, consentId: started.consentId },
    );
    const startsAtBank = bankCalls(
      'POST',
      `/banks/${BIC}/v1/consents/${record.bankConsentId}/authorisations`,
    );
    expect(startsAtBank.length).toBeGreaterThan(0);
  });

  it('names an account that is not the PSU’s: BankID fails, the consent is rejected', async () => {
    const psu = await customerWithTwoAccounts(BIC);
    const response = await tpp.admin('GET', `/banks/${BIC}/psus`);
    const { psus } = (await response.json()) as { psus: SandboxPsu[] };
    const stranger = psus.find((p) => p.psuId !== psu.psuId && p.accounts.length > 0);
    const started = await guideUpToRedirect(BIC);
    const browser = new Browser(tpp.auth, TEST_AUTH_URL);
    const page = await bankIdPage(browser, started, stranger?.accounts[0]?.iban as string);
    // The PSU confirms in BankID; the bank will not give them another's account.
    const approved = await fetch(`${tpp.sandboxUrl}/bankid/api/orders/${autoStartTokenOf(page)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'approve', psuId: psu.psuId }),
    });
    expect(approved.status, await approved.text()).not.toBe(500);
    const { page: back } = await browser.follow(await pollUntilNext(browser, page), REDIRECT_URI);
    const query = Object.fromEntries(new URL(back.url).searchParams);
    expect(query).toMatchObject({ error: 'access_denied', state: started.state });
    expect(query.code).toBeUndefined();
    await expectEnded(started);
  });

  it('a mistyped account number: asked again, nothing at the bank', async () => {
    const started = await guideUpToRedirect(BIC);
    const browser = new Browser(tpp.auth, TEST_AUTH_URL);
    const page = await openAccountStep(browser, started.link);
    const named = await browser.open(formAction(page, '/accounts'), {
      form: { ibans: 'SE12 3456' },
    });
    expect(named.status).toBe(400);
    expect(named.body).toContain('is not an IBAN');
    expect((await consentOf(started)).consentStatus).toBe('received');
    expect((await consentOf(started)).access).toEqual({});
  });
});

/** The consent rejected here, its authorisation failed, and its bank consent deleted once. */
async function expectEnded(started: StartedConsent): Promise<void> {
  expect((await consentOf(started)).consentStatus).toBe('rejected');
  const authorisation = await psd2(
    'GET',
    `/psd2/consent/v1/consents/${started.consentId}/authorisations/${started.authorisationId}`,
    consentHeaders(started),
  );
  expect(authorisation.body.scaStatus).toBe('failed');
  const record = await tpp.platform.consents.get(
    { requestId: randomUUID(), logger: tpp.platform.logger },
    { clientId: tpp.client.id, consentId: started.consentId },
  );
  expect(record.bankConsentId).toBeTruthy();
  expect(bankCalls('DELETE', `/banks/${BIC}/v1/consents/${record.bankConsentId}`)).toHaveLength(1);
  const read = await psd2('GET', '/psd2/accountinformation/v1/accounts', readHeaders(started));
  expect(read.status).toBe(401);
}

/**
 * The resourceId of an account, through a consent naming it that the PSU approves with the
 * TPP's own BankID (the guide's decoupled flow, `mbid`).
 */
async function accountThroughNamedConsent(
  token: string,
  psuId: string,
  iban: string,
): Promise<string> {
  const headers = {
    authorization: `Bearer ${token}`,
    'x-bicfi': BIC,
    'psu-ip-address': PSU_IP,
    'tpp-redirect-preferred': 'false',
  };
  const created = await psd2('POST', '/psd2/consent/v1/consents', headers, {
    ...guideBody(),
    access: { accounts: [{ iban }], balances: [{ iban }] },
  });
  expect(created.status, created.text).toBe(201);
  const consentId = created.body.consentId as string;
  const started = await psd2(
    'POST',
    `/psd2/consent/v1/consents/${consentId}/authorisations`,
    headers,
  );
  const put = await psd2(
    'PUT',
    `/psd2/consent/v1/consents/${consentId}/authorisations/${started.body.authorisationId}`,
    headers,
    { authenticationMethodId: 'mbid' },
  );
  expect(put.status, put.text).toBe(200);
  await inBankIdApp(
    (put.body.challengeData as { data: string[] }).data[0] as string,
    'approve',
    psuId,
  );
  const status = await psd2('GET', `/psd2/consent/v1/consents/${consentId}/status`, headers);
  expect(status.body.consentStatus).toBe('valid');
  const list = await psd2('GET', '/psd2/accountinformation/v1/accounts', {
    ...headers,
    'consent-id': consentId,
  });
  expect(list.status, list.text).toBe(200);
  const [account] = list.body.accounts as Array<{ resourceId: string; iban: string }>;
  expect(account?.iban).toBe(iban);
  return account?.resourceId as string;
}
