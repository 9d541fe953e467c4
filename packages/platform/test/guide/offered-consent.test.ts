/**
 * The integration guide's consent (`access: {}`: the PSU picks the accounts during the SCA) at
 * the banks whose own API cannot let the PSU pick, as the guide's TPP sends it: the same
 * requests, statuses and redirect flow as at a bank that offers it. Bankbridge's page before
 * the bank's login asks the PSU for the accounts; the bank's SCA confirms them; the consent's
 * `access` then names them, and an account the PSU did not name is refused. Banks are the
 * sandbox banks over real HTTP; every /psd2 answer is checked against the contract.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, type Page } from '../auth/redirect-sca-browser.js';
import { expectContract } from '../support/contract.js';
import { startTestPlatform, TEST_AUTH_URL, type TestPlatform } from '../support/test-platform.js';
import { psuApprovesAtBank, psuApprovesOnBankPages } from './psu-browser.js';

const REDIRECT_URI = 'https://tpp.example/callback';
const PSU_IP = '192.0.2.10';
const PSU_UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) Safari/605.1.15';

let tpp: TestPlatform;

beforeAll(async () => {
  tpp = await startTestPlatform({ sandbox: true });
});

afterAll(async () => {
  await tpp?.close();
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: Record<string, unknown>;
  text: string;
}

async function psd2(
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<Answer> {
  const response = await tpp.api.inject({
    method,
    url: path,
    headers: {
      accept: 'application/json',
      'content-type': 'application/json',
      'x-request-id': randomUUID(),
      ...headers,
    },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
  expectContract(response);
  return {
    status: response.statusCode,
    headers: response.headers,
    body: response.body ? (JSON.parse(response.body) as Record<string, unknown>) : {},
    text: response.body,
  };
}

/** The guide's body: a one-off, bank-offered consent for a month. */
function guideBody() {
  const validUntil = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  return {
    access: {},
    combinedServiceIndicator: false,
    frequencyPerDay: 1,
    recurringIndicator: false,
    validUntil,
  };
}

interface SandboxPsu {
  psuId: string;
  accounts: Array<{ iban: string; currency: string }>;
}

/** A test customer of the bank with at least two accounts, as the sandbox lists them. */
async function customerWithTwoAccounts(bic: string): Promise<SandboxPsu> {
  const response = await tpp.admin('GET', `/banks/${bic}/psus`);
  const { psus } = (await response.json()) as { psus: SandboxPsu[] };
  const psu = psus.find((p) => p.accounts.length >= 2);
  if (!psu) throw new Error(`${bic} has no test customer with two accounts`);
  return psu;
}

interface StartedConsent {
  token: string;
  bic: string;
  consentId: string;
  authorisationId: string;
  /** The guide's link with its placeholders filled. */
  link: string;
  state: string;
}

/** The guide's steps 1 to 3 at a bank: consent, authorisation, method; the scaOAuth link. */
async function guideUpToRedirect(bic: string, access: unknown = {}): Promise<StartedConsent> {
  const token = await tpp.token('accountinformation private');
  const headers = {
    authorization: `Bearer ${token}`,
    'x-bicfi': bic,
    'psu-ip-address': PSU_IP,
  };
  const created = await psd2(
    'POST',
    '/psd2/consent/v1/consents',
    { ...headers, 'psu-user-agent': PSU_UA },
    { ...guideBody(), access },
  );
  expect(created.status, created.text).toBe(201);
  expect(created.body.consentStatus).toBe('received');
  expect(created.headers['aspsp-sca-approach']).toBe('REDIRECT');
  const consentId = created.body.consentId as string;

  const started = await psd2('POST', `/psd2/consent/v1/consents/${consentId}/authorisations`, {
    ...headers,
  });
  expect(started.status, started.text).toBe(201);
  const authorisationId = started.body.authorisationId as string;
  const method = (started.body.scaMethods as Array<{ authenticationMethodId: string }>)[0];
  const chosen = await psd2(
    'PUT',
    `/psd2/consent/v1/consents/${consentId}/authorisations/${authorisationId}`,
    headers,
    { authenticationMethodId: method?.authenticationMethodId },
  );
  expect(chosen.status, chosen.text).toBe(200);
  expect(chosen.headers['aspsp-sca-approach']).toBe('REDIRECT');
  const href = (chosen.body._links as { scaOAuth: { href: string } }).scaOAuth.href;
  const state = randomUUID();
  const link = href
    .replace('[CLIENT_ID]', tpp.client.id)
    .replace('[TPP_REDIRECT_URI]', REDIRECT_URI)
    .replace('[TPP_STATE]', state);
  return { token, bic, consentId, authorisationId, link, state };
}

/** The browser from the guide's link to Bankbridge's page where the PSU names the accounts. */
async function openAccountStep(browser: Browser, link: string): Promise<Page> {
  const { page } = await browser.follow(link, REDIRECT_URI);
  expect(page.status, page.body).toBe(200);
  expect(page.url.startsWith(`${TEST_AUTH_URL}/connect/interaction/`)).toBe(true);
  expect(page.body).toContain('Choose the accounts to share with Test TPP');
  return page;
}

function formAction(page: Page, ending: string): string {
  const action = new RegExp(`action="([^"]*${ending})"`).exec(page.body)?.[1];
  expect(action, `${page.url} posts to …${ending}`).toBeTruthy();
  return (action as string).replaceAll('&amp;', '&');
}

/** The code back at the TPP, redeemed as the guide does. */
async function redeem(started: StartedConsent, query: Record<string, string>): Promise<void> {
  expect(query.state).toBe(started.state);
  expect(query.code, JSON.stringify(query)).toBeTruthy();
  const response = await tpp.auth.inject({
    method: 'POST',
    url: '/connect/token',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-consentid': started.consentId,
      'x-consentauthorisationid': started.authorisationId,
    },
    payload: new URLSearchParams({
      client_id: tpp.client.id,
      client_secret: tpp.client.secret,
      code: query.code as string,
      redirect_uri: REDIRECT_URI,
      scope: 'accountinformation private',
      grant_type: 'authorization_code',
    }).toString(),
  });
  expect(response.statusCode, response.body).toBe(200);
}

function consentHeaders(started: StartedConsent): Record<string, string> {
  return {
    authorization: `Bearer ${started.token}`,
    'x-bicfi': started.bic,
    'psu-ip-address': PSU_IP,
  };
}

function readHeaders(started: StartedConsent): Record<string, string> {
  return { ...consentHeaders(started), 'consent-id': started.consentId };
}

async function consentOf(started: StartedConsent): Promise<Record<string, unknown>> {
  const answer = await psd2(
    'GET',
    `/psd2/consent/v1/consents/${started.consentId}`,
    consentHeaders(started),
  );
  expect(answer.status, answer.text).toBe(200);
  return answer.body;
}

async function accountList(started: StartedConsent) {
  const answer = await psd2('GET', '/psd2/accountinformation/v1/accounts', readHeaders(started));
  expect(answer.status, answer.text).toBe(200);
  return answer.body.accounts as Array<{ resourceId: string; iban: string }>;
}

/** The sandbox banks' log lines of requests with this method, to a URL starting with `path`. */
function bankCalls(method: string, path: string): string[] {
  return tpp.bankLogLines.filter((line) => {
    const { req } = JSON.parse(line) as { req?: { method?: string; url?: string } };
    return req?.method === method && req.url?.split('?')[0] === path;
  });
}

/**
 * An account of the PSU's that the guide's consent does not name, known to this TPP through a
 * consent that names it, is refused through the guide's consent (404, as an unknown one).
 */
async function expectRefusedThrough(
  started: StartedConsent,
  psu: SandboxPsu,
  iban: string,
): Promise<void> {
  const second = await guideUpToRedirect(started.bic, {
    accounts: [{ iban }],
    balances: [{ iban }],
  });
  const secondQuery = await psuApprovesAtBank(
    new Browser(tpp.auth, TEST_AUTH_URL),
    second.link,
    REDIRECT_URI,
    psu.psuId,
  );
  await redeem(second, secondQuery);
  const [otherAccount] = await accountList(second);
  expect(otherAccount?.iban).toBe(iban);
  const refused = await psd2(
    'GET',
    `/psd2/accountinformation/v1/accounts/${otherAccount?.resourceId}/balances`,
    readHeaders(started),
  );
  expect(refused.status, refused.text).toBe(404);
  expect(refused.body.tppMessages).toEqual([expect.objectContaining({ code: 'RESOURCE_UNKNOWN' })]);
}

describe.each(['DABASESX', 'OKOYFIHH'])(
  "the guide's consent at %s, whose API lets nobody pick nor lists accounts",
  (bic) => {
    it('takes the PSU through Bankbridge’s page, then the bank; access names the pick', async () => {
      const psu = await customerWithTwoAccounts(bic);
      const [picked, other] = psu.accounts as [
        SandboxPsu['accounts'][0],
        SandboxPsu['accounts'][0],
      ];
      const started = await guideUpToRedirect(bic);
      // Before the PSU has picked, the consent asks for nothing yet.
      expect((await consentOf(started)).access).toEqual({});

      const browser = new Browser(tpp.auth, TEST_AUTH_URL);
      const page = await openAccountStep(browser, started.link);
      // Nothing named: the page asks again, and nothing is asked of the bank.
      const empty = await browser.open(formAction(page, '/accounts'), { form: { ibans: ' ' } });
      expect(empty.status).toBe(400);
      expect(empty.body).toContain('Enter the IBAN of at least one account to share.');
      // Named in print format, with spaces: that account goes to the bank, then its login.
      const printed = picked.iban.replace(/(.{4})/g, '$1 ').trim();
      const named = await browser.open(formAction(page, '/accounts'), {
        form: { ibans: printed },
      });
      expect(named.status, named.body).toBe(303);
      expect(named.location).toMatch(new RegExp(`/banks/${bic}/oauth2/authorize\\?`));
      const query = await psuApprovesAtBank(
        browser,
        named.location as string,
        REDIRECT_URI,
        psu.psuId,
      );
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

      await expectRefusedThrough(started, psu, other.iban);
    });
  },
);

describe("the guide's consent at DEUTDEFF, whose API lists accounts (allPsd2) but lets nobody pick", () => {
  const bic = 'DEUTDEFF';

  /** From the guide's link through the bank's login to Bankbridge's page after it. */
  async function pickPage(browser: Browser, started: StartedConsent, psuId: string) {
    const returning = await psuApprovesOnBankPages(browser, started.link, REDIRECT_URI, psuId);
    const { page } = await browser.follow(returning, REDIRECT_URI);
    expect(page.status, page.body).toBe(200);
    expect(page.body).toContain('Tick the accounts Test TPP may see');
    return page;
  }

  it('lets the PSU tick accounts from the bank’s list after its login; access names them', async () => {
    const psu = await customerWithTwoAccounts(bic);
    const [picked, other] = psu.accounts as [SandboxPsu['accounts'][0], SandboxPsu['accounts'][0]];
    const started = await guideUpToRedirect(bic);
    const browser = new Browser(tpp.auth, TEST_AUTH_URL);
    const listedBefore = bankCalls('GET', `/banks/${bic}/v1/accounts`).length;
    const page = await pickPage(browser, started, psu.psuId);
    // Every account of the PSU's at the bank is offered, none ticked.
    for (const account of psu.accounts) expect(page.body).toContain(account.iban);
    expect(page.body).not.toContain(' checked');
    // Nothing ticked: asked again, and the TPP has no code yet.
    const none = await browser.open(formAction(page, '/pick'), { form: {} });
    expect(none.status).toBe(400);
    expect(none.body).toContain('Choose at least one account to share.');
    // An account the bank did not list is no choice.
    const foreign = await browser.open(formAction(page, '/pick'), {
      form: { account: 'DE89370400440532013000:EUR' },
    });
    expect(foreign.status).toBe(400);
    const ticked = await browser.open(formAction(page, '/pick'), {
      form: { account: `${picked.iban}:${picked.currency}` },
    });
    expect(ticked.status, ticked.body).toBe(303);
    // The bank listed the accounts once, on the way back from it; the page's answers used that.
    expect(bankCalls('GET', `/banks/${bic}/v1/accounts`).length - listedBefore).toBe(1);
    const { page: back } = await browser.follow(ticked.location as string, REDIRECT_URI);
    await redeem(started, Object.fromEntries(new URL(back.url).searchParams));

    const consent = await consentOf(started);
    expect(consent.consentStatus).toBe('valid');
    const access = consent.access as Record<string, Array<{ iban: string }>>;
    for (const list of ['accounts', 'balances', 'transactions']) {
      expect(access[list]).toEqual([{ iban: picked.iban, currency: picked.currency }]);
    }
    const accounts = await accountList(started);
    expect(accounts.map((account) => account.iban)).toEqual([picked.iban]);
    const transactions = await psd2(
      'GET',
      `/psd2/accountinformation/v1/accounts/${accounts[0]?.resourceId}/transactions?bookingStatus=booked&dateFrom=${new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10)}`,
      readHeaders(started),
    );
    expect(transactions.status, transactions.text).toBe(200);
    await expectRefusedThrough(started, psu, other.iban);
  });

  it('drops the bank tokens kept for the pick when the consent ends meanwhile', async () => {
    const psu = await customerWithTwoAccounts(bic);
    const started = await guideUpToRedirect(bic);
    const browser = new Browser(tpp.auth, TEST_AUTH_URL);
    const page = await pickPage(browser, started, psu.psuId);
    const kept = () =>
      tpp.store.db
        .selectFrom('sca_authorisations')
        .select('bank_exchange')
        .where('id', '=', started.authorisationId)
        .executeTakeFirstOrThrow();
    // The bank's tokens wait, sealed, for the PSU's pick and the TPP's code.
    expect((await kept()).bank_exchange).toEqual(expect.any(String));
    const deleted = await tpp.api.inject({
      method: 'DELETE',
      url: `/psd2/consent/v1/consents/${started.consentId}`,
      headers: { ...consentHeaders(started), 'x-request-id': randomUUID() },
    });
    expect(deleted.statusCode, deleted.body).toBe(204);
    const authorisation = await psd2(
      'GET',
      `/psd2/consent/v1/consents/${started.consentId}/authorisations/${started.authorisationId}`,
      consentHeaders(started),
    );
    expect(authorisation.body.scaStatus).toBe('failed');
    expect((await kept()).bank_exchange).toBeNull();
    const [first] = psu.accounts;
    const late = await browser.open(formAction(page, '/pick'), {
      form: { account: `${first?.iban}:${first?.currency}` },
    });
    const { page: back } = await browser.follow(late.location as string, REDIRECT_URI);
    expect(new URL(back.url).searchParams.get('code')).toBeNull();
  });

  it('cancels after the bank’s login: access_denied, the consent rejected, ended at the bank', async () => {
    const psu = await customerWithTwoAccounts(bic);
    const started = await guideUpToRedirect(bic);
    const browser = new Browser(tpp.auth, TEST_AUTH_URL);
    const page = await pickPage(browser, started, psu.psuId);
    const cancelled = await browser.open(formAction(page, '/cancel'), { form: {} });
    const { page: back } = await browser.follow(cancelled.location as string, REDIRECT_URI);
    expect(Object.fromEntries(new URL(back.url).searchParams)).toMatchObject({
      error: 'access_denied',
      state: started.state,
    });
    expect((await consentOf(started)).consentStatus).toBe('rejected');
    // The bank's allPsd2 consent, authorised at the bank, is ended there.
    const record = await tpp.platform.consents.get(
      { requestId: randomUUID(), logger: tpp.platform.logger },
      { clientId: tpp.client.id, consentId: started.consentId },
    );
    expect(bankCalls('DELETE', `/banks/${bic}/v1/consents/${record.bankConsentId}`)).toHaveLength(
      1,
    );
  });
});

describe('the PSU on Bankbridge’s page', () => {
  it('cancels: the TPP hears access_denied with its state, the consent is rejected', async () => {
    const started = await guideUpToRedirect('DABASESX');
    const browser = new Browser(tpp.auth, TEST_AUTH_URL);
    const page = await openAccountStep(browser, started.link);
    const cancelled = await browser.open(formAction(page, '/cancel'), { form: {} });
    const { page: back } = await browser.follow(cancelled.location as string, REDIRECT_URI);
    const query = Object.fromEntries(new URL(back.url).searchParams);
    expect(query).toMatchObject({ error: 'access_denied', state: started.state });
    expect((await consentOf(started)).consentStatus).toBe('rejected');
    const authorisation = await psd2(
      'GET',
      `/psd2/consent/v1/consents/${started.consentId}/authorisations/${started.authorisationId}`,
      consentHeaders(started),
    );
    expect(authorisation.body.scaStatus).toBe('failed');
  });

  it('takes the form from Bankbridge’s own pages only: another site’s post is refused', async () => {
    const started = await guideUpToRedirect('DABASESX');
    const browser = new Browser(tpp.auth, TEST_AUTH_URL);
    const page = await openAccountStep(browser, started.link);
    const consentsBefore = bankCalls('POST', '/banks/DABASESX/v1/consents').length;
    const forged = await tpp.auth.inject({
      method: 'POST',
      url: new URL(formAction(page, '/accounts')).pathname,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
      },
      payload: 'ibans=SE4550000000058398257466',
    });
    expect(forged.statusCode).toBe(403);
    expect(bankCalls('POST', '/banks/DABASESX/v1/consents').length).toBe(consentsBefore);
    expect((await consentOf(started)).access).toEqual({});
  });

  it('names an account that is not the PSU’s: the bank refuses it, the consent is rejected', async () => {
    const bic = 'DABASESX';
    const psu = await customerWithTwoAccounts(bic);
    const response = await tpp.admin('GET', `/banks/${bic}/psus`);
    const { psus } = (await response.json()) as { psus: SandboxPsu[] };
    const stranger = psus.find((p) => p.psuId !== psu.psuId && p.accounts.length > 0);
    const started = await guideUpToRedirect(bic);
    const browser = new Browser(tpp.auth, TEST_AUTH_URL);
    const page = await openAccountStep(browser, started.link);
    const named = await browser.open(formAction(page, '/accounts'), {
      form: { ibans: stranger?.accounts[0]?.iban as string },
    });
    expect(named.status, named.body).toBe(303);
    const returning = await psuApprovesOnBankPages(
      browser,
      named.location as string,
      REDIRECT_URI,
      psu.psuId,
    );
    const { page: back } = await browser.follow(returning, REDIRECT_URI);
    const query = Object.fromEntries(new URL(back.url).searchParams);
    expect(query).toMatchObject({ error: 'access_denied', state: started.state });
    expect(query.code).toBeUndefined();
    expect((await consentOf(started)).consentStatus).toBe('rejected');
    const read = await psd2('GET', '/psd2/accountinformation/v1/accounts', readHeaders(started));
    expect(read.status).toBe(401);
  });

  it('is not offered in a decoupled SCA: Handelsbanken refuses the guide’s consent, saying why', async () => {
    const token = await tpp.token('accountinformation private');
    const created = await psd2(
      'POST',
      '/psd2/consent/v1/consents',
      { authorization: `Bearer ${token}`, 'x-bicfi': 'HANDSESS', 'psu-ip-address': PSU_IP },
      guideBody(),
    );
    expect(created.status).toBe(400);
    expect(created.body.tppMessages).toEqual([
      expect.objectContaining({
        code: 'SERVICE_INVALID',
        text: expect.stringMatching(/decoupled/),
      }),
    ]);
  });
});
