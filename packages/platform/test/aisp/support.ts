// Test plumbing for the simple AISP API: an app's authorization request, the user's browser
// through the hosted consent page and the bank (over HTTP; the bank's pages over a real
// socket), the token endpoint, and calls of /aisp/v1 checked against its OpenAPI document.

import { createHash, randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { loadAispContract } from '../../src/aisp/openapi.js';
import { consentOfSubject } from '../../src/aisp/scopes.js';
import { hashOpaqueValue } from '../../src/security/client-secrets.js';
import { atSandboxBank, Browser, type Page, queryOf } from '../auth/redirect-sca-browser.js';
import { fromInject, type InjectedResponse } from '../support/contract.js';
import { TEST_AUTH_URL, type TestPlatform } from '../support/test-platform.js';
import { basicAuth, form } from '../support/token-requests.js';

export const ANNA = '198301014882';
export const APP_REDIRECT = 'https://tpp.example/callback';
export const ALL_SCOPES = 'accounts balances transactions';

export interface App {
  id: string;
  secret?: string | undefined;
}

export interface Pkce {
  verifier: string;
  challenge: string;
}

export function pkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** `GET {AUTH}/oauth/authorize?...` as an app builds it. */
export function authorizeUrl(
  app: App,
  options: {
    scope?: string;
    state?: string;
    redirectUri?: string;
    pkce?: Pkce;
    extra?: Record<string, string>;
  } = {},
): string {
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: app.id,
    redirect_uri: options.redirectUri ?? APP_REDIRECT,
    state: options.state ?? 'app-state-7',
    scope: options.scope ?? ALL_SCOPES,
    ...(options.pkce
      ? { code_challenge: options.pkce.challenge, code_challenge_method: 'S256' }
      : {}),
    ...options.extra,
  });
  return `${TEST_AUTH_URL}/oauth/authorize?${params}`;
}

/** The user's browser: the consent page is reached through the provider's redirects. */
export async function openConsentPage(
  t: TestPlatform,
  url: string,
): Promise<{ browser: Browser; page: Page; base: string }> {
  const browser = new Browser(t.auth, TEST_AUTH_URL);
  const { page } = await browser.follow(url, APP_REDIRECT);
  expect(page.status, page.body).toBe(200);
  expect(new URL(page.url).pathname).toMatch(/^\/oauth\/consent\/[A-Za-z0-9_-]+$/);
  return { browser, page, base: page.url.split('?')[0] as string };
}

/** Picks the bank and starts the SCA: the bank's login page, or the BankID page. */
export async function startAtBank(
  browser: Browser,
  base: string,
  bic: string,
  approach: 'REDIRECT' | 'DECOUPLED',
  ibans?: string,
): Promise<Page> {
  const bankPage = await browser.open(`${base}/bank/${bic}`);
  expect(bankPage.status, bankPage.body).toBe(200);
  const started = await browser.open(`${base}/bank/${bic}`, {
    form: { approach, ...(ibans === undefined ? {} : { ibans }) },
  });
  expect(started.status, started.body).toBe(303);
  return browser.open(started.location as string);
}

/**
 * The user at the sandbox bank's page: logs in, picks every offered account and decides.
 * Returns where the bank sends the browser (Bankbridge's /oauth/bank-callback).
 */
export async function atBank(
  browser: Browser,
  login: Page,
  decision: 'approve' | 'deny' = 'approve',
  pick: (accounts: string[]) => string[] = (all) => all,
): Promise<string> {
  expect(login.status, login.body).toBe(200);
  const answer = await atSandboxBank(browser, login, { psuId: ANNA, decision, pick });
  expect(answer.location).toMatch(new RegExp(`^${TEST_AUTH_URL}/oauth/bank-callback\\?`));
  return answer.location as string;
}

/** Follows the browser to the app's redirect URI: the query the app receives. */
export async function backToApp(
  browser: Browser,
  url: string,
  redirectUri = APP_REDIRECT,
): Promise<Record<string, string>> {
  const { page } = await browser.follow(url, redirectUri);
  expect(page.url.startsWith(`${redirectUri}?`), `${page.status} ${page.body}`).toBe(true);
  return queryOf(page.url);
}

/** The whole flow at a redirect bank (Nordea): the code and state the app receives. */
export async function connectByRedirect(
  t: TestPlatform,
  app: App,
  options: Parameters<typeof authorizeUrl>[1] & { bic?: string } = {},
): Promise<Record<string, string>> {
  const { browser, base } = await openConsentPage(t, authorizeUrl(app, options));
  const login = await startAtBank(browser, base, options.bic ?? 'NDEASESS', 'REDIRECT');
  return backToApp(browser, await atBank(browser, login));
}

/** The whole flow with Mobile BankID: the QR page, the simulator approving, the status poll. */
export async function connectWithBankId(
  t: TestPlatform,
  app: App,
  options: Parameters<typeof authorizeUrl>[1] & { bic?: string; ibans?: string } = {},
): Promise<Record<string, string>> {
  const { browser, base } = await openConsentPage(t, authorizeUrl(app, options));
  const page = await startAtBank(
    browser,
    base,
    options.bic ?? 'SWEDSESS',
    'DECOUPLED',
    options.ibans,
  );
  expect(page.status, page.body).toBe(200);
  const token = autoStartTokenOf(page.body);
  await approveInBankId(t, token);
  const status = await browser.open(`${base}/status`);
  expect(status.status, status.body).toBe(200);
  const { location } = JSON.parse(status.body) as { location?: string };
  expect(location, status.body).toBeTruthy();
  return backToApp(browser, new URL(location as string, base).href);
}

export function autoStartTokenOf(html: string): string {
  const token = /bankid:\/\/\/\?autostarttoken=([^&"]+)/.exec(html)?.[1];
  expect(token, html).toBeTruthy();
  return decodeURIComponent(token as string);
}

/** The person scans the QR code and approves: the sandbox's BankID simulator. */
export async function approveInBankId(
  t: TestPlatform,
  autoStartToken: string,
  action: 'approve' | 'deny' = 'approve',
): Promise<void> {
  const response = await fetch(`${t.sandboxUrl}/bankid/api/orders/${autoStartToken}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action, psuId: ANNA }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

/** `POST {AUTH}/oauth/token`, client authentication by HTTP Basic unless said otherwise. */
export function tokenRequest(
  t: TestPlatform,
  fields: Record<string, string | undefined>,
  options: { app?: App; auth?: 'basic' | 'body' | 'none'; headers?: Record<string, string> } = {},
) {
  const app = options.app ?? t.client;
  const auth = options.auth ?? 'basic';
  return t.auth.inject({
    method: 'POST',
    url: '/oauth/token',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(auth === 'basic' ? { authorization: basicAuth(app.id, app.secret ?? '') } : {}),
      ...options.headers,
    },
    payload: form({
      ...(auth === 'body' ? { client_id: app.id, client_secret: app.secret } : {}),
      ...(auth === 'none' ? { client_id: app.id } : {}),
      ...fields,
    }),
  });
}

export interface Tokens {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  token_type: string;
  scope: string;
}

/** The code exchange of an app: its tokens. */
export async function exchangeCode(
  t: TestPlatform,
  code: string,
  options: { app?: App; verifier?: string; auth?: 'basic' | 'body' | 'none' } = {},
): Promise<Tokens> {
  const response = await tokenRequest(
    t,
    {
      grant_type: 'authorization_code',
      code,
      redirect_uri: APP_REDIRECT,
      ...(options.verifier ? { code_verifier: options.verifier } : {}),
    },
    options,
  );
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['cache-control']).toBe('no-store');
  return response.json() as Tokens;
}

/** An OAuth error answer of the auth server (RFC 6749 5.2). */
export function expectOAuthError(
  response: { statusCode: number; headers: Record<string, unknown>; body: string },
  status: number,
  error: string,
  description?: RegExp,
) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  const body = JSON.parse(response.body) as Record<string, unknown>;
  expect(body.error).toBe(error);
  if (description) expect(body.error_description).toMatch(description);
  expect(body).not.toHaveProperty('access_token');
}

/** An answer of inject(); `json()` is what the test reads, checked by the contract first. */
// biome-ignore lint/suspicious/noExplicitAny: a test reads answers of many shapes
export type AispResponse = InjectedResponse & { json(): any };

/** A call of /aisp/v1, its answer checked against the API's OpenAPI document. */
export async function aisp(
  t: TestPlatform,
  path: string,
  options: { token?: string; headers?: Record<string, string>; method?: 'GET' | 'POST' } = {},
): Promise<AispResponse> {
  const response = await t.api.inject({
    method: options.method ?? 'GET',
    url: path.startsWith('/aisp/') ? path : `/aisp/v1${path}`,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
  });
  expectAispContract(response);
  return response;
}

export function expectAispContract(response: InjectedResponse): void {
  const problems = loadAispContract().checkResponse(fromInject(response));
  expect(problems, `${response.raw.req.method} ${response.raw.req.url} ${response.body}`).toEqual(
    [],
  );
}

/** An error of this API: status, code, and the body every error has. */
export function expectAispError(
  response: AispResponse,
  status: number,
  error: string,
  description?: RegExp,
): void {
  expect(response.statusCode, response.body).toBe(status);
  const body = response.json();
  expect(body.error).toBe(error);
  expect(Date.parse(body.timestamp)).not.toBeNaN();
  expect(body.request_id).toBe(response.headers['x-request-id']);
  if (description) expect(body.error_description).toMatch(description);
}

/** The id of the consent behind an AISP access token, as the store has it. */
export async function consentIdBehind(t: TestPlatform, accessToken: string): Promise<string> {
  const row = await t.store.db
    .selectFrom('oidc_payloads')
    .select('payload')
    .where('model', '=', 'AispAccessToken')
    .where('id', '=', hashOpaqueValue(accessToken))
    .executeTakeFirstOrThrow();
  const consentId = consentOfSubject((JSON.parse(row.payload) as { accountId: string }).accountId);
  expect(consentId).toEqual(expect.any(String));
  return consentId as string;
}
