/**
 * A payment not authorised in time (BANKBRIDGE_PAYMENT_AUTHORISATION_TIMEOUT, ten minutes
 * here), through Bankbridge at the sandbox banks over HTTP: it becomes RJCT, its open SCA
 * failed, a new authorisation is 403 RESOURCE_EXPIRED, and a PSU who goes on signing at the
 * bank afterwards moves no money. Bankbridge's clock and the banks' are moved apart or
 * together: where the bank offers cancellation, Bankbridge cancels the payment there when its
 * own time runs out; elsewhere the bank's own limit (ten minutes here too) stops the PSU.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../auth/redirect-sca-browser.js';
import { ANNA } from '../support/ais-consent.js';
import {
  accountsOf,
  atBank,
  bankIdOf,
  bankPayment,
  expectRefusal,
  initiate,
  type PaymentCaller,
  paymentBody,
  paymentEvents,
  pis,
  REDIRECT_URI,
  statusOf,
} from '../support/payments.js';
import { startTestPlatform, TEST_AUTH_URL, type TestPlatform } from '../support/test-platform.js';

const TIMEOUT_SECONDS = 600;
const OUTSIDE_DE = 'DE89370400440532013000';
const OUTSIDE_SE = 'SE4550000000058398257466';

let platformAhead = 0;
let bankAhead = 0;
const platformClock = () => new Date(Date.now() + platformAhead);
const bankClock = () => new Date(Date.now() + bankAhead);
const minutes = (n: number) => n * 60_000;

let tpp: TestPlatform;

beforeAll(async () => {
  tpp = await startTestPlatform({
    sandbox: { now: bankClock, paymentAuthorisationSeconds: TIMEOUT_SECONDS },
    now: platformClock,
    env: { BANKBRIDGE_PAYMENT_AUTHORISATION_TIMEOUT: String(TIMEOUT_SECONDS) },
  });
});

afterAll(async () => {
  await tpp?.close();
});

/** Tokens live an hour of Bankbridge's time: a fresh one after the clock moved. */
async function caller(bic: string, headers: Record<string, string> = {}): Promise<PaymentCaller> {
  return { bic, token: await tpp.token('paymentinitiation private'), headers };
}

function formOf(body: string, path: string) {
  const session = /name="session" value="([^"]+)"/.exec(body)?.[1];
  const action = new RegExp(`<form[^>]+action="([^"]*${path.replaceAll('/', '\\/')})"`).exec(
    body,
  )?.[1];
  expect(session && action, body).toBeTruthy();
  return { session: session as string, action: action as string };
}

/** The PSU follows the scaOAuth link to the bank's login page, and stays there. */
async function psuAtBankLogin(call: PaymentCaller, path: string) {
  const started = await pis(tpp, call, 'POST', `${path}/authorisations`);
  const authorisationId = started.json.authorisationId as string;
  const put = await pis(tpp, call, 'PUT', `${path}/authorisations/${authorisationId}`, {
    authenticationMethodId: started.json.scaMethods[0].authenticationMethodId,
  });
  const link = (put.json._links.scaOAuth.href as string)
    .replace('[CLIENT_ID]', tpp.client.id)
    .replace('[TPP_REDIRECT_URI]', REDIRECT_URI)
    .replace('[TPP_STATE]', 'state-1');
  const browser = new Browser(tpp.auth, TEST_AUTH_URL);
  const { page } = await browser.follow(link, REDIRECT_URI);
  expect(page.url).toMatch(/\/oauth2\/authorize\?/);
  /** Logs in and approves; where the bank sent the browser. */
  const signs = async () => {
    const login = formOf(page.body, '/oauth2/authorize/login');
    let next = await browser.open(new URL(login.action, page.url).href, {
      form: { session: login.session, psuId: ANNA },
    });
    if (next.status === 200) {
      const decision = formOf(next.body, '/oauth2/authorize/decision');
      next = await browser.open(new URL(decision.action, next.url).href, {
        form: { session: decision.session, decision: 'approve' },
      });
    }
    return next.location as string;
  };
  return { authorisationId, signs };
}

function debitsFor(
  postings: Array<{ remittanceInformationUnstructured: string; amount: number }>,
  text: string,
) {
  return postings.filter((p) => p.remittanceInformationUnstructured === text && p.amount < 0);
}

describe('at a bank that offers cancellation (NDEAFIHH, redirect)', () => {
  it('RJCT when the time runs out, cancelled at the bank, and the PSU can no longer sign', async () => {
    const call = await caller('NDEAFIHH');
    const [anna] = await accountsOf(tpp, 'NDEAFIHH', ANNA);
    const created = await initiate(
      tpp,
      call,
      {
        instructedAmount: { currency: 'EUR', amount: '41.00' },
        debtorAccount: { iban: anna?.iban },
        creditorName: 'Late Payee',
        creditorAccount: { iban: OUTSIDE_DE },
        remittanceInformationUnstructured: 'Expiry at Nordea',
      },
      '/payments/sepa-credit-transfers',
    );
    const psu = await psuAtBankLogin(call, created.path);

    // Only Bankbridge's time runs out; the bank's own limit is still far away.
    platformAhead += minutes(11);
    const later = await caller('NDEAFIHH');
    const status = await pis(tpp, later, 'GET', `${created.path}/status`);
    expect(status.json.transactionStatus).toBe('RJCT');
    expect(status.json.fundsAvailable).toBeUndefined();
    const sca = await pis(
      tpp,
      later,
      'GET',
      `${created.path}/authorisations/${psu.authorisationId}`,
    );
    expect(sca.json.scaStatus).toBe('failed');
    expectRefusal(
      await pis(tpp, later, 'POST', `${created.path}/authorisations`),
      403,
      'RESOURCE_EXPIRED',
    );
    const bankId = await bankIdOf(tpp, created.paymentId);
    expect((await bankPayment(tpp, 'NDEAFIHH', bankId)).transactionStatus).toBe('CANC');

    const back = await psu.signs();
    expect(back).toContain('error=access_denied');
    expect(debitsFor((await atBank(tpp, 'NDEAFIHH')).postings, 'Expiry at Nordea')).toEqual([]);
    expect(await statusOf(tpp, later, created.path)).toBe('RJCT');

    const events = await paymentEvents(tpp, created.paymentId);
    expect(events.map((e) => [e.to_status, e.source, e.reason])).toEqual([
      ['RCVD', 'tpp', 'created'],
      ['RJCT', 'platform', 'authorisationTimedOut'],
    ]);
  });

  it('a PSU who signed at the bank just in time has the payment executed, not rejected', async () => {
    const call = await caller('NDEAFIHH');
    const [anna] = await accountsOf(tpp, 'NDEAFIHH', ANNA);
    const created = await initiate(
      tpp,
      call,
      {
        instructedAmount: { currency: 'EUR', amount: '42.00' },
        debtorAccount: { iban: anna?.iban },
        creditorName: 'Punctual Payee',
        creditorAccount: { iban: OUTSIDE_DE },
        remittanceInformationUnstructured: 'Just in time',
      },
      '/payments/sepa-credit-transfers',
    );
    const psu = await psuAtBankLogin(call, created.path);
    platformAhead += minutes(9);
    bankAhead += minutes(9);
    // Signed at the bank; the TPP has not redeemed its code when the time runs out.
    expect(await psu.signs()).not.toContain('error=');
    platformAhead += minutes(2);
    expect(await statusOf(tpp, await caller('NDEAFIHH'), created.path)).toBe('ACSP');
  });
});

describe('at a bank without cancellation (SWEDSESS, BankID)', () => {
  it("the bank's own limit: RJCT, and a BankID order still open cannot sign it", async () => {
    const call = await caller('SWEDSESS', { 'tpp-redirect-preferred': 'false' });
    const [anna] = await accountsOf(tpp, 'SWEDSESS', ANNA);
    const created = await initiate(
      tpp,
      call,
      paymentBody(anna?.iban as string, OUTSIDE_SE, '43.00', {
        remittanceInformationUnstructured: 'Expiry SWB',
      }),
    );
    platformAhead += minutes(9);
    bankAhead += minutes(9);
    const now = await caller('SWEDSESS', { 'tpp-redirect-preferred': 'false' });
    const started = await pis(tpp, now, 'POST', `${created.path}/authorisations`);
    const authorisationId = started.json.authorisationId as string;
    const put = await pis(tpp, now, 'PUT', `${created.path}/authorisations/${authorisationId}`, {
      authenticationMethodId: 'mbid',
    });
    expect(put.json.scaStatus).toBe('started');

    // The BankID order lives three minutes; the payment's time ends within them.
    platformAhead += minutes(2);
    bankAhead += minutes(2);
    const approve = await fetch(
      `${tpp.sandboxUrl}/bankid/api/orders/${put.json.challengeData.data[0]}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'approve', psuId: ANNA }),
      },
    );
    expect(approve.status).toBe(400);
    expect((await approve.json()).details).toMatch(/RJCT/);

    const later = await caller('SWEDSESS', { 'tpp-redirect-preferred': 'false' });
    expect(await statusOf(tpp, later, created.path)).toBe('RJCT');
    const sca = await pis(tpp, later, 'GET', `${created.path}/authorisations/${authorisationId}`);
    expect(sca.json.scaStatus).toBe('failed');
    expectRefusal(
      await pis(tpp, later, 'POST', `${created.path}/authorisations`),
      403,
      'RESOURCE_EXPIRED',
    );
    expect(debitsFor((await atBank(tpp, 'SWEDSESS')).postings, 'Expiry SWB')).toEqual([]);
    const events = await paymentEvents(tpp, created.paymentId);
    expect(events.map((e) => e.to_status)).toEqual(['RCVD', 'RJCT']);
  });
});
