// The guide's steps for its bank-offered consent (`access: {}`), as the guide's TPP sends them,
// shared by the tests of the banks where Bankbridge lets the PSU pick the accounts. Every /psd2
// answer is checked against the contract.

import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Browser, Page } from '../auth/redirect-sca-browser.js';
import { expectContract } from '../support/contract.js';
import { TEST_AUTH_URL, type TestPlatform } from '../support/test-platform.js';

export const REDIRECT_URI = 'https://tpp.example/callback';
export const PSU_IP = '192.0.2.10';
export const PSU_UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) Safari/605.1.15';

/** The platform the steps run against; set by the test file's `beforeAll`. */
let tpp: TestPlatform;

export function guideAgainst(platform: TestPlatform): void {
  tpp = platform;
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: Record<string, unknown>;
  text: string;
}

export async function psd2(
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
export function guideBody() {
  const validUntil = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  return {
    access: {},
    combinedServiceIndicator: false,
    frequencyPerDay: 1,
    recurringIndicator: false,
    validUntil,
  };
}

export interface SandboxPsu {
  psuId: string;
  accounts: Array<{ iban: string; currency: string }>;
}

/** A test customer of the bank with at least two accounts, as the sandbox lists them. */
export async function customerWithTwoAccounts(bic: string): Promise<SandboxPsu> {
  const response = await tpp.admin('GET', `/banks/${bic}/psus`);
  const { psus } = (await response.json()) as { psus: SandboxPsu[] };
  const psu = psus.find((p) => p.accounts.length >= 2);
  if (!psu) throw new Error(`${bic} has no test customer with two accounts`);
  return psu;
}

export interface StartedConsent {
  token: string;
  bic: string;
  consentId: string;
  authorisationId: string;
  /** The guide's link with its placeholders filled. */
  link: string;
  state: string;
}

/** The guide's steps 1 to 3 at a bank: consent, authorisation, method; the scaOAuth link. */
export async function guideUpToRedirect(
  bic: string,
  access: unknown = {},
): Promise<StartedConsent> {
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
export async function openAccountStep(browser: Browser, link: string): Promise<Page> {
  const { page } = await browser.follow(link, REDIRECT_URI);
  expect(page.status, page.body).toBe(200);
  expect(page.url.startsWith(`${TEST_AUTH_URL}/connect/interaction/`)).toBe(true);
  expect(page.body).toContain('Choose the accounts to share with Test TPP');
  return page;
}

export function formAction(page: Page, ending: string): string {
  const action = new RegExp(`action="([^"]*${ending})"`).exec(page.body)?.[1];
  expect(action, `${page.url} posts to …${ending}`).toBeTruthy();
  return (action as string).replaceAll('&amp;', '&');
}

/** The code back at the TPP, redeemed as the guide does. */
export async function redeem(
  started: StartedConsent,
  query: Record<string, string>,
): Promise<void> {
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

export function consentHeaders(started: StartedConsent): Record<string, string> {
  return {
    authorization: `Bearer ${started.token}`,
    'x-bicfi': started.bic,
    'psu-ip-address': PSU_IP,
  };
}

export function readHeaders(started: StartedConsent): Record<string, string> {
  return { ...consentHeaders(started), 'consent-id': started.consentId };
}

export async function consentOf(started: StartedConsent): Promise<Record<string, unknown>> {
  const answer = await psd2(
    'GET',
    `/psd2/consent/v1/consents/${started.consentId}`,
    consentHeaders(started),
  );
  expect(answer.status, answer.text).toBe(200);
  return answer.body;
}

export async function accountList(started: StartedConsent) {
  const answer = await psd2('GET', '/psd2/accountinformation/v1/accounts', readHeaders(started));
  expect(answer.status, answer.text).toBe(200);
  return answer.body.accounts as Array<{ resourceId: string; iban: string }>;
}

/** The sandbox banks' log lines of requests with this method, to a URL starting with `path`. */
export function bankCalls(method: string, path: string): string[] {
  return tpp.bankLogLines.filter((line) => {
    const { req } = JSON.parse(line) as { req?: { method?: string; url?: string } };
    return req?.method === method && req.url?.split('?')[0] === path;
  });
}
