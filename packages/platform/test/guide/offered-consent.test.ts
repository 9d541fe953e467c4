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
import { Browser } from '../auth/redirect-sca-browser.js';
import { startTestPlatform, TEST_AUTH_URL, type TestPlatform } from '../support/test-platform.js';
import {
  accountList,
  bankCalls,
  consentHeaders,
  consentOf,
  customerWithTwoAccounts,
  formAction,
  guideAgainst,
  guideUpToRedirect,
  openAccountStep,
  psd2,
  REDIRECT_URI,
  readHeaders,
  redeem,
  type SandboxPsu,
  type StartedConsent,
} from './guide-offered-consent.js';
import { psuApprovesAtBank, psuApprovesOnBankPages } from './psu-browser.js';

let tpp: TestPlatform;

beforeAll(async () => {
  tpp = await startTestPlatform({ sandbox: true });
  guideAgainst(tpp);
});

afterAll(async () => {
  await tpp?.close();
});

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
});
