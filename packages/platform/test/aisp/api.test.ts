/**
 * The simple AISP API, /aisp/v1, over HTTP with tokens from the whole /oauth flow against the
 * sandbox banks. Every answer is checked against the API's own OpenAPI document
 * (openapi/aisp-v1.yaml): the reads, paging, the errors of each kind, and that it is the same
 * core as /psd2: the same account ids, the same frequencyPerDay counts.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validConsent } from '../support/ais-consent.js';
import {
  startTestPlatform,
  TEST_API_URL,
  TEST_AUTH_URL,
  type TestPlatform,
} from '../support/test-platform.js';
import {
  aisp,
  connectByRedirect,
  connectWithBankId,
  exchangeCode,
  expectAispError,
  type Tokens,
} from './support.js';

let t: TestPlatform;
/** A token for Anna's consent at Nordea (redirect) with every scope. */
let nordea: Tokens;
/** A token for Anna's consent at Swedbank (BankID), accounts only. */
let swedbankAccountsOnly: Tokens;

beforeAll(async () => {
  t = await startTestPlatform({ sandbox: true });
  nordea = await exchangeCode(t, (await connectByRedirect(t, t.client)).code as string);
  swedbankAccountsOnly = await exchangeCode(
    t,
    (await connectWithBankId(t, t.client, { scope: 'accounts' })).code as string,
  );
}, 30_000);
afterAll(async () => {
  await t?.close();
});

/**
 * The user is using the app: these reads do not count against the consent's daily budget
 * (frequencyPerDay, 4 unattended reads a day of each kind per account at Nordea), which the
 * many reads of this file would otherwise use up. The budget has a test of its own.
 */
const PRESENT = { 'psu-ip-address': '192.0.2.10', 'psu-user-agent': 'Mozilla/5.0 (test)' };

/** A read with the user present. */
function read(path: string, tokens: Tokens, headers: Record<string, string> = {}) {
  return aisp(t, path, { token: tokens.access_token, headers: { ...PRESENT, ...headers } });
}

async function firstAccountId(tokens: Tokens): Promise<string> {
  const list = await read('/accounts', tokens);
  expect(list.statusCode, list.body).toBe(200);
  return list.json().accounts[0].id as string;
}

describe('reads', () => {
  it('lists the accounts with links to what the token may read', async () => {
    const requestId = randomUUID();
    const list = await read('/accounts', nordea, { 'x-request-id': requestId });
    expect(list.statusCode).toBe(200);
    expect(list.headers['x-request-id']).toBe(requestId);
    const accounts = list.json().accounts;
    expect(accounts.length).toBeGreaterThan(1);
    const [account] = accounts;
    expect(account).toMatchObject({
      id: expect.any(String),
      iban: expect.stringMatching(/^SE/),
      currency: 'SEK',
      owner_name: 'Anna Andersson',
      bic: 'NDEASESS',
    });
    const self = `${TEST_API_URL}/aisp/v1/accounts/${account.id}`;
    expect(account.links).toEqual({
      self,
      balances: `${self}/balances`,
      transactions: `${self}/transactions`,
    });

    const accountsOnly = await read('/accounts', swedbankAccountsOnly);
    expect(accountsOnly.json().accounts[0].links).toEqual({
      self: expect.stringMatching(/\/aisp\/v1\/accounts\/[^/]+$/),
    });
  });

  it('reads one account and its balances', async () => {
    const id = await firstAccountId(nordea);
    const account = await read(`/accounts/${id}`, nordea);
    expect(account.statusCode).toBe(200);
    expect(account.json().id).toBe(id);

    const balances = await read(`/accounts/${id}/balances`, nordea);
    expect(balances.statusCode).toBe(200);
    expect(balances.json().account_id).toBe(id);
    expect(balances.json().balances.map((b: { type: string }) => b.type)).toContain(
      'interimAvailable',
    );
    for (const balance of balances.json().balances) {
      expect(balance.amount).toMatch(/^-?\d+\.\d{2}$/);
      expect(balance.currency).toBe('SEK');
    }
  });

  it('pages through the transactions of a date range with the cursor', async () => {
    const id = await firstAccountId(nordea);
    const seen: string[] = [];
    let url = `/accounts/${id}/transactions?date_from=2025-01-01&date_to=2026-10-31&status=booked`;
    for (let page = 0; page < 50; page++) {
      const response = await read(url, nordea);
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json();
      expect(body.account_id).toBe(id);
      for (const transaction of body.transactions) {
        expect(transaction.status).toBe('booked');
        expect(transaction.booking_date >= '2025-01-01').toBe(true);
        expect(transaction.booking_date <= '2026-10-31').toBe(true);
        seen.push(transaction.id);
      }
      if (!body.next_cursor) {
        expect(body.links).toEqual({});
        break;
      }
      expect(body.links.next).toBe(
        `${TEST_API_URL}/aisp/v1/accounts/${id}/transactions?cursor=${encodeURIComponent(body.next_cursor)}`,
      );
      url = body.links.next.slice(TEST_API_URL.length);
    }
    expect(seen.length).toBeGreaterThan(100);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('shows pending transactions first, and the last 90 days by default', async () => {
    const id = await firstAccountId(nordea);
    const response = await read(`/accounts/${id}/transactions`, nordea);
    const { transactions } = response.json();
    const statuses = transactions.map((tx: { status: string }) => tx.status);
    expect(statuses.lastIndexOf('pending')).toBeLessThan(statuses.indexOf('booked'));
    const oldest = new Date(Date.now() - 91 * 86_400_000).toISOString().slice(0, 10);
    for (const tx of transactions.filter((x: { status: string }) => x.status === 'booked')) {
      expect(tx.booking_date >= oldest).toBe(true);
      expect(tx.amount).toMatch(/^-?\d+\.\d{2}$/);
    }
    const outgoing = transactions.find((tx: { amount: string }) => tx.amount.startsWith('-'));
    expect(outgoing.counterparty.name).toBeTruthy();
  });

  it('gives the same account ids as /psd2 for the same app and bank', async () => {
    const token = await t.token('accountinformation private');
    const consentId = await validConsent(t, { bic: 'SWEDSESS', token });
    const psd2 = await t.api.inject({
      method: 'GET',
      url: '/psd2/accountinformation/v1/accounts',
      headers: {
        authorization: `Bearer ${token}`,
        'x-request-id': randomUUID(),
        'consent-id': consentId,
        'x-bicfi': 'SWEDSESS',
        'psu-ip-address': '192.0.2.10',
      },
    });
    expect(psd2.statusCode, psd2.body).toBe(200);
    const viaPsd2 = psd2
      .json()
      .accounts.map((a: { resourceId: string }) => a.resourceId)
      .sort();
    const viaAisp = (await read('/accounts', swedbankAccountsOnly))
      .json()
      .accounts.map((a: { id: string }) => a.id)
      .sort();
    expect(viaAisp).toEqual(viaPsd2);
  });

  it('shows each read in the developer portal’s request log, with the bank calls it caused', async () => {
    const requestId = randomUUID();
    const id = await firstAccountId(nordea);
    await read(`/accounts/${id}/balances`, nordea, { 'x-request-id': requestId });
    await t.platform.requestLog.flush();
    const entries = await t.platform.requestLog.recent(t.client.id);
    const entry = entries.find((e) => e.requestId === requestId);
    expect(entry).toMatchObject({
      method: 'GET',
      path: `/aisp/v1/accounts/${id}/balances`,
      status: 200,
    });
    expect(entry?.bankCalls.length).toBeGreaterThan(0);
  });

  it('serves its OpenAPI document with this instance’s URLs, without a token', async () => {
    const response = await aisp(t, '/openapi.json');
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.servers).toEqual([
      { url: `${TEST_API_URL}/aisp/v1`, description: 'This Bankbridge' },
    ]);
    expect(document.components.securitySchemes.oauth2.flows.authorizationCode).toMatchObject({
      authorizationUrl: `${TEST_AUTH_URL}/oauth/authorize`,
      tokenUrl: `${TEST_AUTH_URL}/oauth/token`,
    });
  });
});

describe('errors', () => {
  it('wants a bearer token: none, malformed, unknown, or one of another API', async () => {
    const none = await aisp(t, '/accounts');
    expectAispError(none, 401, 'invalid_token');
    expect(none.headers['www-authenticate']).toBe('Bearer realm="bankbridge-aisp"');

    const malformed = await aisp(t, '/accounts', { headers: { authorization: 'Basic abc' } });
    expectAispError(malformed, 400, 'invalid_request');
    expect(malformed.headers['www-authenticate']).toMatch(/error="invalid_request"/);

    const unknown = await aisp(t, '/accounts', { token: 'not-a-token' });
    expectAispError(unknown, 401, 'invalid_token');
    expect(unknown.headers['www-authenticate']).toMatch(
      /^Bearer realm="bankbridge-aisp", error="invalid_token"/,
    );
    expect(JSON.parse(unknown.body).error_description).toBe(
      `the access token is not valid (unknown, revoked, or not a token of this API): get a new one with the refresh token at ${TEST_AUTH_URL}/oauth/token, or connect the account again`,
    );

    // A /connect token is no token here, and an AISP token none on /psd2.
    const connect = await aisp(t, '/accounts', {
      token: await t.token('accountinformation private'),
    });
    expectAispError(connect, 401, 'invalid_token');
    const onPsd2 = await t.api.inject({
      method: 'GET',
      url: '/psd2/accountinformation/v1/accounts',
      headers: {
        authorization: `Bearer ${nordea.access_token}`,
        'x-request-id': randomUUID(),
        'consent-id': randomUUID(),
      },
    });
    expect(onPsd2.statusCode).toBe(401);
    expect(onPsd2.json().tppMessages[0].code).toBe('TOKEN_INVALID');
  });

  it('answers insufficient_scope for what the token was not given', async () => {
    const id = await firstAccountId(swedbankAccountsOnly);
    const balances = await read(`/accounts/${id}/balances`, swedbankAccountsOnly);
    expectAispError(balances, 403, 'insufficient_scope', /balances/);
    expect(balances.headers['www-authenticate']).toMatch(
      /error="insufficient_scope".*scope="balances"/,
    );
    const transactions = await read(`/accounts/${id}/transactions`, swedbankAccountsOnly);
    expectAispError(transactions, 403, 'insufficient_scope', /transactions/);
  });

  it('answers not_found for an account outside the consent, as for one that does not exist', async () => {
    const elsewhere = await firstAccountId(swedbankAccountsOnly);
    for (const id of [elsewhere, randomUUID(), 'x'.repeat(150)]) {
      for (const path of [
        `/accounts/${id}`,
        `/accounts/${id}/balances`,
        `/accounts/${id}/transactions`,
      ]) {
        expectAispError(await read(path, nordea), 404, 'not_found');
      }
    }
  });

  it('checks the transaction query, naming this API’s parameters', async () => {
    const id = await firstAccountId(nordea);
    const path = `/accounts/${id}/transactions`;
    const cases: [string, RegExp][] = [
      ['date_from=15/01/2024', /date_from must be a date/],
      ['date_to=2024-13-01', /date_to must be a date/],
      ['date_from=2026-02-01&date_to=2026-01-01', /after date_to/],
      ['status=all', /status must be booked, pending or both/],
      ['cursor=abc&status=booked', /send it alone/],
      ['cursor=v1.not.a.cursor', /cursor/],
      ['date_from=2024-01-01&date_from=2024-02-01', /once/],
    ];
    for (const [query, text] of cases) {
      const response = await read(`${path}?${query}`, nordea);
      expectAispError(response, 400, 'invalid_request', text);
      expect(response.json().error_description).not.toMatch(/dateFrom|bookingStatus|_links/);
    }
  });

  it('refuses a cursor of another account', async () => {
    const list = (await read('/accounts', nordea)).json().accounts;
    const first = await read(`/accounts/${list[0].id}/transactions?date_from=2025-01-01`, nordea);
    const cursor = first.json().next_cursor as string;
    expect(cursor).toBeTruthy();
    const other = await read(
      `/accounts/${list[1].id}/transactions?cursor=${encodeURIComponent(cursor)}`,
      nordea,
    );
    expectAispError(other, 400, 'invalid_request', /cursor/);
  });

  it('counts unattended reads against the consent’s daily budget, and not those with PSU-IP-Address', async () => {
    // A fresh consent, so earlier tests' reads do not count here.
    const tokens = await exchangeCode(t, (await connectByRedirect(t, t.client)).code as string);
    const id = await firstAccountId(tokens);
    const read = (headers: Record<string, string> = {}) =>
      aisp(t, `/accounts/${id}/balances`, { token: tokens.access_token, headers });
    for (let i = 0; i < 4; i++) expect((await read()).statusCode).toBe(200);
    const exceeded = await read();
    expectAispError(exceeded, 429, 'access_exceeded', /PSU-IP-Address/);
    const present = await read({ 'psu-ip-address': '192.0.2.10', 'psu-user-agent': 'Mozilla/5.0' });
    expect(present.statusCode, present.body).toBe(200);
  });

  it('answers 405, 406 and 404 in its own error format', async () => {
    const post = await aisp(t, '/accounts', { token: nordea.access_token, method: 'POST' });
    expectAispError(post, 405, 'method_not_allowed');
    expect(post.headers.allow).toBe('GET, HEAD');

    const xml = await aisp(t, '/accounts', {
      token: nordea.access_token,
      headers: { accept: 'application/xml' },
    });
    expectAispError(xml, 406, 'not_acceptable');

    const nowhere = await t.api.inject({ method: 'GET', url: '/aisp/v1/cards' });
    expect(nowhere.statusCode).toBe(404);
    expect(nowhere.json().error).toBe('not_found');

    const badUrl = await t.api.inject({ method: 'GET', url: '/aisp/v1/accounts/%E0%A4%A' });
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.json().error).toBe('invalid_request');
  });
});
