/**
 * The integration guide ("Integrate to AIS", ../shared/seeds/001_1efeea62e6416a21.txt), request
 * by request, as a TPP that follows it to the letter sends them: the guide's URLs, exactly the
 * headers it lists (Content-Type: application/json on GETs and on the body-less POST, X-BicFi on
 * every Consent call, PSU-User-Agent only when creating), its consent body as written, and its
 * results read the way it reads them. Banks are the sandbox banks, reached over real HTTP.
 *
 * The guide ends with the AIS API's account list, read with the token each flow ends with.
 *
 * The clock: the guide asks for `validUntil: "2021-04-23"`, a date in the past today, which
 * Bankbridge and every bank refuse (400 FORMAT_ERROR). The sandbox bank judges validUntil
 * against its own clock (its `now` option, UTC date), like a real bank against the real date.
 * Decision: the platform and the sandbox bank share one clock set a month before that date, so
 * the guide runs as it did when it was written, with the body unchanged; moving only the
 * platform's clock would make the bank refuse what Bankbridge accepted, which no TPP ever sees.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../auth/redirect-sca-browser.js';
import { expectContract } from '../support/contract.js';
import {
  startTestPlatform,
  TEST_API_URL,
  TEST_AUTH_URL,
  type TestPlatform,
} from '../support/test-platform.js';
import { psuApprovesAtBank } from './psu-browser.js';

const GUIDE_TIME = Date.parse('2021-03-23T09:00:00Z');
const startedAt = Date.now();
// Runs on from the guide's time as real time passes: BankID orders and codes age normally.
const clock = () => new Date(GUIDE_TIME + (Date.now() - startedAt));

/** The guide's constants. */
const authURL = `${TEST_AUTH_URL}/connect/token`;
const apiHost = TEST_API_URL;
const psuUserAgent =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/14.0.3 Safari/605.1.15';
const psuIpAddress = '192.0.2.10';
/** Who scans the QR code, and who logs in at the bank: the sandbox's test PSU Anna. */
const ANNA = '198301014882';

let tpp: TestPlatform;
let clientID: string;
let clientSecret: string;
const TPP_REDIRECT_URI = 'https://tpp.example/callback';

beforeAll(async () => {
  tpp = await startTestPlatform({ sandbox: { now: clock }, now: clock });
  clientID = tpp.client.id;
  clientSecret = tpp.client.secret;
});

afterAll(async () => {
  await tpp?.close();
});

interface GuideResponse {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: Record<string, unknown>;
  text: string;
}

/**
 * One HTTP request to a URL of the guide (auth or API host), with exactly the headers given:
 * nothing is added but what HTTP itself needs. Every /psd2 answer is checked against the
 * contract.
 */
async function send(
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  headers: Record<string, string>,
  body?: string,
): Promise<GuideResponse> {
  const target = new URL(url);
  const server: FastifyInstance =
    target.origin === new URL(TEST_AUTH_URL).origin
      ? tpp.auth
      : target.origin === new URL(TEST_API_URL).origin
        ? tpp.api
        : unreachable(url);
  const response = await server.inject({
    method,
    url: `${target.pathname}${target.search}`,
    headers,
    ...(body === undefined ? {} : { payload: body }),
  });
  if (target.pathname.startsWith('/psd2/')) expectContract(response);
  const text = response.body;
  const json = text && response.headers['content-type']?.toString().includes('json');
  return {
    status: response.statusCode,
    headers: response.headers,
    body: json ? (JSON.parse(text) as Record<string, unknown>) : {},
    text,
  };
}

function unreachable(url: string): never {
  throw new Error(`the guide sends nothing to ${url}`);
}

/** The guide's request bodies for authURL are form-encoded objects. */
function formEncoded(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

/** "ASPSP API, 1. Get access token", and the Consent API's token with the other scope. */
async function getAccessToken(scope: string): Promise<string> {
  const response = await send(
    'POST',
    authURL,
    { 'Content-Type': 'application/x-www-form-urlencoded' },
    formEncoded({
      client_id: clientID,
      client_secret: clientSecret,
      grant_type: 'client_credentials',
      scope,
    }),
  );
  expect(response.status, response.text).toBe(200);
  expect(response.body.expires_in).toBe(3600);
  return response.body.access_token as string;
}

/** "ASPSP API, 2. Get ASPSP List". */
async function getAspspList(accessToken: string): Promise<Array<Record<string, unknown>>> {
  const xRequestID = randomUUID();
  const response = await send(
    'GET',
    `${apiHost}/psd2/aspspinformation/v1/aspsps?isoCountryCodes=SE`,
    {
      Accept: 'application/json',
      Authorization: `Bearer ${accessToken}`,
      'Content-Type': 'application/json',
      'X-Request-ID': xRequestID,
    },
  );
  expect(response.status, response.text).toBe(200);
  expect(response.headers['x-request-id']).toBe(xRequestID);
  return response.body.aspsps as Array<Record<string, unknown>>;
}

/** The guide's consent body, as written (a JSON object, sent as JSON). */
const GUIDE_CONSENT_BODY = {
  access: {},
  combinedServiceIndicator: false,
  frequencyPerDay: 1,
  recurringIndicator: false,
  validUntil: '2021-04-23',
};

/** "Consent API, 1. Create Consent". */
function createConsent(accessToken: string, bic: string) {
  return send(
    'POST',
    `${apiHost}/psd2/consent/v1/consents`,
    {
      Accept: 'application/json',
      Authorization: `Bearer ${accessToken}`,
      'Content-Type': 'application/json',
      'X-BicFi': bic,
      'X-Request-ID': randomUUID(),
      'PSU-IP-Address': psuIpAddress,
      'PSU-User-Agent': psuUserAgent,
    },
    JSON.stringify(GUIDE_CONSENT_BODY),
  );
}

/** Headers of the guide's later Consent calls: no PSU-User-Agent. */
function consentCallHeaders(accessToken: string, bic: string): Record<string, string> {
  return {
    Accept: 'application/json',
    Authorization: `Bearer ${accessToken}`,
    'Content-Type': 'application/json',
    'PSU-IP-Address': psuIpAddress,
    'X-BicFi': bic,
    'X-Request-ID': randomUUID(),
  };
}

/** "AIS API, 1. Get Account List": `accounts = result.body.accounts`. */
async function getAccountList(accessToken: string, bic: string, consentID: string) {
  const result = await send('GET', `${apiHost}/psd2/accountinformation/v1/accounts`, {
    Accept: 'application/json',
    Authorization: `Bearer ${accessToken}`,
    'Consent-ID': consentID,
    'Content-Type': 'application/json',
    'X-BicFi': bic,
    'X-Request-ID': randomUUID(),
    'PSU-IP-Address': psuIpAddress,
  });
  expect(result.status, result.text).toBe(200);
  const accounts = result.body.accounts as Array<Record<string, unknown>>;
  expect(accounts.length).toBeGreaterThan(0);
  for (const account of accounts) expect(account.resourceId).toEqual(expect.any(String));
  return accounts;
}

/**
 * The AIS API after the account list: balances, transactions and one transaction in detail
 * of the first account, with the same headers as the list.
 */
async function readFirstAccount(
  accessToken: string,
  bic: string,
  consentID: string,
  accounts: Array<Record<string, unknown>>,
) {
  const headers = () => ({
    Accept: 'application/json',
    Authorization: `Bearer ${accessToken}`,
    'Consent-ID': consentID,
    'X-BicFi': bic,
    'X-Request-ID': randomUUID(),
    'PSU-IP-Address': psuIpAddress,
  });
  const account = accounts[0] as { resourceId: string; iban: string };
  const path = `${apiHost}/psd2/accountinformation/v1/accounts/${account.resourceId}`;

  const balances = await send('GET', `${path}/balances`, headers());
  expect(balances.status, balances.text).toBe(200);
  expect(balances.body.account).toMatchObject({ iban: account.iban });
  expect((balances.body.balances as unknown[]).length).toBeGreaterThan(0);

  const dateFrom = new Date(clock().getTime() - 30 * 86_400_000).toISOString().slice(0, 10);
  const transactions = await send(
    'GET',
    `${path}/transactions?bookingStatus=booked&dateFrom=${dateFrom}`,
    headers(),
  );
  expect(transactions.status, transactions.text).toBe(200);
  const booked = (transactions.body.transactions as { booked: Array<Record<string, unknown>> })
    .booked;
  expect(booked.length).toBeGreaterThan(0);
  for (const entry of booked) expect(String(entry.bookingDate) >= dateFrom).toBe(true);

  const transactionId = booked[0]?.transactionId as string;
  const details = await send('GET', `${path}/transactions/${transactionId}`, headers());
  expect(details.status, details.text).toBe(200);
  expect(details.body.transactionsDetails).toMatchObject({ transactionId });
}

/** "4a. Decoupled": Get Consent Status. */
async function getConsentStatus(accessToken: string, bic: string, consentID: string) {
  const response = await send(
    'GET',
    `${apiHost}/psd2/consent/v1/consents/${consentID}/status`,
    consentCallHeaders(accessToken, bic),
  );
  expect(response.status, response.text).toBe(200);
  return response.body.consentStatus as string;
}

interface AfterStep3 {
  accessToken: string;
  consentID: string;
  consentAuthorisationID: string;
  scaApproach: string;
  /** The PUT's response. */
  result: GuideResponse;
}

/** The guide from the first token to "3. Update PSU Data for Consent", at the bank chosen. */
async function guideUpToStep3(bic: string): Promise<AfterStep3> {
  // ASPSP API: the user picks the bank from the list.
  const banks = await getAspspList(await getAccessToken('aspspinformation private'));
  const bank = banks.find((b) => b.bicFi === bic);
  expect(bank, `${bic} is in the guide's bank list`).toBeDefined();

  // "The following examples assume that you have already created an access token with
  // scope "accountinformation private"."
  const accessToken = await getAccessToken('accountinformation private');

  // 1. Create Consent
  const created = await createConsent(accessToken, bic);
  expect(created.status, created.text).toBe(201);
  const consentID = created.body.consentId as string;
  expect(created.body.consentStatus).toBe('received');

  // 2. Start Consent Authorisation Process: Content-Type application/json, and no body.
  const started = await send(
    'POST',
    `${apiHost}/psd2/consent/v1/consents/${consentID}/authorisations`,
    consentCallHeaders(accessToken, bic),
  );
  expect(started.status, started.text).toBe(201);
  const scaMethods = started.body.scaMethods as Array<{ authenticationMethodId: string }>;
  const authenticationMethodID = scaMethods[0]?.authenticationMethodId as string;
  const consentAuthorisationID = started.body.authorisationId as string;
  const resource = started.headers.location as string;
  expect(resource).toBe(
    `${apiHost}/psd2/consent/v1/consents/${consentID}/authorisations/${consentAuthorisationID}`,
  );

  // 3. Update PSU Data for Consent
  const result = await send(
    'PUT',
    resource,
    consentCallHeaders(accessToken, bic),
    JSON.stringify({ authenticationMethodId: authenticationMethodID }),
  );
  expect(result.status, result.text).toBe(200);
  const scaApproach = result.headers['aspsp-sca-approach'] as string;
  return { accessToken, consentID, consentAuthorisationID, scaApproach, result };
}

describe('the integration guide, verbatim', () => {
  // The guide's `access: {}` lets the PSU pick accounts during the SCA: on the bank's pages
  // where it offers that, on Bankbridge's where it does not (offered-consent.test.ts); at a bank
  // with BankID only, Bankbridge's pages host the bank's BankID too, so it is a redirect there
  // (offered-consent-bankid.test.ts).
  it.each([
    ['ESSESESS', 'REDIRECT'],
    ['NDEASESS', 'REDIRECT'],
    ['SWEDSESS', 'DECOUPLED'],
    ['HANDSESS', 'REDIRECT'],
    ['DABASESX', 'REDIRECT'],
  ])('takes the guide consent at %s: %s', async (bic, outcome) => {
    const banks = await getAspspList(await getAccessToken('aspspinformation private'));
    expect(banks.map((b) => b.bicFi)).toContain(bic);
    const accessToken = await getAccessToken('accountinformation private');
    const created = await createConsent(accessToken, bic);
    expect(created.status, created.text).toBe(201);
    expect(created.headers['aspsp-sca-approach']).toBe(outcome);
  });

  it('3. at Handelsbanken (BankID only): the redirect the guide follows, to Bankbridge', async () => {
    const { consentID, consentAuthorisationID, scaApproach, result } =
      await guideUpToStep3('HANDSESS');
    expect(scaApproach).toBe('REDIRECT');
    const href = (result.body._links as { scaOAuth: { href: string } }).scaOAuth.href;
    expect(href.startsWith(`${TEST_AUTH_URL}/connect/authorize?`)).toBe(true);
    for (const placeholder of ['[CLIENT_ID]', '[TPP_REDIRECT_URI]', '[TPP_STATE]']) {
      expect(href).toContain(placeholder);
    }
    expect(new URL(href).searchParams.get('acr_values')).toBe(
      `idp:HANDSESS consentId:${consentID} consentAuthorisationId:${consentAuthorisationID}`,
    );
  });

  it('runs on the guide clock, so its validUntil of 2021-04-23 lies ahead', () => {
    expect(clock().toISOString().slice(0, 10)).toBe('2021-03-23');
  });

  it('4a. Decoupled: the PSU scans the QR code and the consent becomes valid (Swedbank)', async () => {
    const bic = 'SWEDSESS';
    const { accessToken, consentID, scaApproach, result } = await guideUpToStep3(bic);
    expect(scaApproach).toBe('DECOUPLED');
    const challengeData = result.body.challengeData as { data: string[]; image: string };
    const autoStartToken = challengeData.data[0] as string;
    const bankIdLink = `bankid:///?autostarttoken=${autoStartToken}`;
    expect(bankIdLink).toMatch(/^bankid:\/\/\/\?autostarttoken=[A-Za-z0-9-]{8,}$/);
    // The QR code of that link, ready to show.
    expect(challengeData.image).toMatch(/^data:image\/png;base64,/);

    expect(await getConsentStatus(accessToken, bic, consentID)).toBe('received');
    // The PSU's phone: Anna scans the QR code and approves in the BankID simulator.
    const approved = await fetch(`${tpp.sandboxUrl}/bankid/api/orders/${autoStartToken}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'approve', psuId: ANNA }),
    });
    expect(approved.status).toBe(200);

    // "poll the status": a few polls at most, as a TPP would.
    let consentStatus = '';
    for (let poll = 0; poll < 10 && consentStatus !== 'valid'; poll++) {
      if (poll > 0) await new Promise((resolve) => setTimeout(resolve, 200));
      consentStatus = await getConsentStatus(accessToken, bic, consentID);
    }
    expect(consentStatus).toBe('valid');

    // Not a step of the guide: the consent holds the guide's terms as sent.
    const consent = await send(
      'GET',
      `${apiHost}/psd2/consent/v1/consents/${consentID}`,
      consentCallHeaders(accessToken, bic),
    );
    expect(consent.body).toMatchObject({
      recurringIndicator: false,
      validUntil: '2021-04-23',
      frequencyPerDay: 1,
      consentStatus: 'valid',
    });

    // "AIS API": the accounts the PSU picked at the bank, then one account's data.
    const accounts = await getAccountList(accessToken, bic, consentID);
    await readFirstAccount(accessToken, bic, consentID, accounts);
  });

  it('4b. Redirect: the PSU logs in at the bank, the TPP exchanges the code, the consent is valid (SEB)', async () => {
    const bic = 'ESSESESS';
    const { accessToken, consentID, consentAuthorisationID, scaApproach, result } =
      await guideUpToStep3(bic);
    expect(scaApproach).toBe('REDIRECT');

    const links = result.body._links as { scaOAuth: { href: string } };
    const redirectURI = TPP_REDIRECT_URI;
    const tppState = randomUUID();
    // "Replace the following placeholders": literally, as the guide says.
    const redirectLinkToBank = links.scaOAuth.href
      .replace('[CLIENT_ID]', clientID)
      .replace('[TPP_REDIRECT_URI]', redirectURI)
      .replace('[TPP_STATE]', tppState);
    expect(redirectLinkToBank.startsWith(`${TEST_AUTH_URL}/connect/authorize?`)).toBe(true);

    // The user's browser: to the bank, Anna logs in and approves, back to the TPP.
    const browser = new Browser(tpp.auth, TEST_AUTH_URL);
    const query = await psuApprovesAtBank(browser, redirectLinkToBank, redirectURI, ANNA);
    expect(query.state).toBe(tppState);
    const code = query.code as string;
    expect(code, JSON.stringify(query)).toBeTruthy();
    // "you extract the URL parameters code and scope".
    const scope = query.scope as string;
    expect(scope).toBe('accountinformation private');

    const finalised = await send(
      'POST',
      authURL,
      {
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-ConsentAuthorisationId': consentAuthorisationID,
        'X-ConsentId': consentID,
      },
      formEncoded({
        client_id: clientID,
        client_secret: clientSecret,
        code,
        redirect_uri: redirectURI,
        scope,
        grant_type: 'authorization_code',
      }),
    );
    expect(finalised.status, finalised.text).toBe(200);
    const consentAccessToken = finalised.body.access_token as string;
    expect(consentAccessToken).toEqual(expect.any(String));

    // "We recommend that you also do a request to Get Consent Status".
    expect(await getConsentStatus(accessToken, bic, consentID)).toBe('valid');

    // "AIS API", with the token the code gave ("accessToken = response.data.access_token").
    const accounts = await getAccountList(consentAccessToken, bic, consentID);
    await readFirstAccount(consentAccessToken, bic, consentID, accounts);
  });
});
