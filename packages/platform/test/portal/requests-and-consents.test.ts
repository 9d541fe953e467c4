// An application's request log and consents in the portal, after real API calls against a
// sandbox bank: each request by its X-Request-ID with status and latency, and the bank calls
// it caused.

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsersRepository } from '../../src/portal/users.js';
import { validConsent } from '../support/ais-consent.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { PortalClient, textOf } from './portal-client.js';

const PASSWORD = 'a long enough password';
const BIC = 'SWEDSESS';

let tpp: TestPlatform;
let ada: PortalClient;
let app: { id: string; secret: string };
let token: string;
let consentId: string;
/** The X-Request-ID of an account list read at the bank. */
const accountsRequestId = randomUUID();

beforeAll(async () => {
  tpp = await startTestPlatform({ sandbox: true });
  await new UsersRepository(tpp.store.db).create({
    email: 'ada@example.com',
    password: PASSWORD,
    role: 'developer',
  });
  ada = new PortalClient(tpp.api);
  await ada.signIn('ada@example.com', PASSWORD);
  await ada.get('/portal/apps/new');
  const created = await ada.post('/portal/apps', {
    name: 'Reader',
    redirectUris: '',
    scopes: ['aspspinformation', 'accountinformation'],
  });
  const shown = await ada.get(created.location as string);
  app = {
    id: textOf(shown.body, 'client-id') as string,
    secret: textOf(shown.body, 'client-secret') as string,
  };
  token = await tpp.tokenFor(app, 'accountinformation private');
  consentId = await validConsent(tpp, { bic: BIC, token });
  const accounts = await tpp.api.inject({
    method: 'GET',
    url: '/psd2/accountinformation/v1/accounts',
    headers: {
      authorization: `Bearer ${token}`,
      'x-request-id': accountsRequestId,
      'consent-id': consentId,
      'x-bicfi': BIC,
      'psu-ip-address': '192.0.2.10',
    },
  });
  expect(accounts.statusCode, accounts.body).toBe(200);
}, 60_000);
afterAll(() => tpp?.close());

/** The rows of the requests table: the request line and the bank-call line under it. */
function requestRows(body: string): { request: string; bankCalls: string }[] {
  const section = body.slice(body.indexOf('id="requests"'), body.indexOf('id="payments"'));
  const rows: { request: string; bankCalls: string }[] = [];
  for (const match of section.matchAll(
    /<tr class="(request|bank-calls)(?: failed)?">([\s\S]*?)<\/tr>/g,
  )) {
    const text = (match[2] ?? '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    if (match[1] === 'request') rows.push({ request: text, bankCalls: '' });
    else if (rows.length > 0) (rows[rows.length - 1] as { bankCalls: string }).bankCalls = text;
  }
  return rows;
}

describe("an application's recent requests", () => {
  it('lists the account read by its X-Request-ID, with status, latency and its bank call', async () => {
    const page = await ada.get(`/portal/apps/${app.id}`);
    expect(page.status).toBe(200);
    const row = requestRows(page.body).find((r) => r.request.includes(accountsRequestId));
    expect(row, page.body).toBeDefined();
    expect(row?.request).toMatch(/GET \/psd2\/accountinformation\/v1\/accounts 200 \d+\.\d ms/);
    // The read went to the sandbox bank's account list with the same request id.
    expect(row?.bankCalls).toMatch(
      new RegExp(
        `bank call ${BIC}: GET /banks/${BIC}/v1/accounts\\?withBalance=false → 200 in \\d+ ms`,
      ),
    );
    const atBank = tpp.bankLogLines
      .map((line) => JSON.parse(line) as { reqId?: string; req?: { url?: string } })
      .filter((line) => line.reqId === accountsRequestId);
    expect(atBank.length).toBeGreaterThan(0);
  });

  it('shows the consent calls too, each with the bank calls it caused, newest first', async () => {
    const rows = requestRows((await ada.get(`/portal/apps/${app.id}`)).body);
    const requests = rows.map((r) => r.request);
    const created = rows.find((r) => /POST \/psd2\/consent\/v1\/consents 201/.test(r.request));
    expect(created?.bankCalls).toMatch(new RegExp(`POST /banks/${BIC}/v1/consents → 201`));
    const accountsAt = requests.findIndex((r) => r.includes(accountsRequestId));
    const createdAt = requests.findIndex((r) => r.includes('POST /psd2/consent/v1/consents 201'));
    expect(accountsAt).toBeLessThan(createdAt);
  });

  it('finds one request by its X-Request-ID, whole or in part, and says when nothing matches', async () => {
    for (const search of [accountsRequestId, accountsRequestId.slice(9, 23).toUpperCase()]) {
      const page = await ada.get(`/portal/apps/${app.id}?search=${search}`);
      const rows = requestRows(page.body);
      expect(rows, search).toHaveLength(1);
      expect(rows[0]?.request).toContain(accountsRequestId);
    }
    // Links made before the search took any text carry `requestId`.
    const old = await ada.get(`/portal/apps/${app.id}?requestId=${accountsRequestId}`);
    expect(requestRows(old.body)).toHaveLength(1);
    // A path piece finds the requests on it; the consent's id those about the consent.
    const byPath = requestRows((await ada.get(`/portal/apps/${app.id}?search=v1/consents`)).body);
    expect(byPath.length).toBeGreaterThan(0);
    expect(byPath.every((r) => r.request.includes('/psd2/consent/v1/consents'))).toBe(true);
    const byConsent = requestRows(
      (await ada.get(`/portal/apps/${app.id}?search=${consentId}`)).body,
    );
    expect(byConsent.length).toBeGreaterThan(0);

    for (const search of [randomUUID(), 'no-such-thing', '<b>x</b>', '50%_off']) {
      const none = await ada.get(`/portal/apps/${app.id}?search=${encodeURIComponent(search)}`);
      expect(none.status).toBe(200);
      expect(requestRows(none.body), search).toHaveLength(0);
      expect(none.body).toContain('No request matches');
      expect(none.body).not.toContain('<b>x');
    }
    const short = await ada.get(`/portal/apps/${app.id}?search=ab`);
    expect(requestRows(short.body)).toHaveLength(0);
    expect(short.body).toContain('Search for at least 3');
  });

  it("keeps another application's requests out, and requests without a valid token", async () => {
    const otherRequestId = randomUUID();
    const anonymousRequestId = randomUUID();
    const otherToken = await tpp.token('aspspinformation');
    for (const [requestId, authorization] of [
      [otherRequestId, `Bearer ${otherToken}`],
      [anonymousRequestId, 'Bearer not-a-token'],
    ] as const) {
      const answer = await tpp.api.inject({
        method: 'GET',
        url: '/psd2/aspspinformation/v1/countries',
        headers: { authorization, 'x-request-id': requestId },
      });
      expect(answer.statusCode).toBeGreaterThanOrEqual(200);
    }
    const page = await ada.get(`/portal/apps/${app.id}`);
    expect(page.body).not.toContain(otherRequestId);
    expect(page.body).not.toContain(anonymousRequestId);
    const rows = await tpp.platform.requestLog.recent(tpp.client.id);
    expect(rows.map((r) => r.requestId)).toContain(otherRequestId);
    expect(
      (await tpp.store.db.selectFrom('request_log').select('request_id').execute()).map(
        (r) => r.request_id,
      ),
    ).not.toContain(anonymousRequestId);
  });

  it('logs a request whose bank call failed with the failure', async () => {
    await tpp.admin('PUT', `/banks/${BIC}/faults`, { error503Rate: 1 });
    const requestId = randomUUID();
    const answer = await tpp.api.inject({
      method: 'GET',
      url: '/psd2/accountinformation/v1/accounts',
      headers: {
        authorization: `Bearer ${token}`,
        'x-request-id': requestId,
        'consent-id': consentId,
        'x-bicfi': BIC,
        'psu-ip-address': '192.0.2.10',
      },
    });
    await tpp.admin('DELETE', `/banks/${BIC}/faults`);
    const [entry] = await tpp.platform.requestLog.recent(app.id, { requestId });
    expect(entry?.status).toBe(answer.statusCode);
    expect(entry?.bankCalls.length).toBeGreaterThan(0);
    expect(entry?.bankCalls.every((call) => call.status === 503)).toBe(true);
    // A read is retried: every attempt is there, numbered.
    expect(entry?.bankCalls.map((call) => call.attempt)).toEqual([1, 2, 3]);
    const page = await ada.get(`/portal/apps/${app.id}?requestId=${requestId}`);
    expect(requestRows(page.body)[0]?.bankCalls).toContain('(attempt 3)');
    // The answer's error code and text are on the row, as the TPP got them.
    const said = answer.json().tppMessages[0] as { code: string; text: string };
    expect(entry).toMatchObject({ errorCode: said.code, errorText: said.text });
    expect(requestRows(page.body)[0]?.request).toContain(`${answer.statusCode} ${said.code}`);
  });

  it('shows the error code and text of a refused request', async () => {
    const requestId = randomUUID();
    const answer = await tpp.api.inject({
      method: 'GET',
      url: `/psd2/accountinformation/v1/accounts/${randomUUID()}/balances`,
      headers: {
        authorization: `Bearer ${token}`,
        'x-request-id': requestId,
        'consent-id': randomUUID(),
        'x-bicfi': BIC,
        'psu-ip-address': '192.0.2.10',
      },
    });
    expect(answer.statusCode).toBeGreaterThanOrEqual(400);
    const said = answer.json().tppMessages[0] as { code: string; text: string };
    const [row] = requestRows((await ada.get(`/portal/apps/${app.id}?search=${requestId}`)).body);
    expect(row?.request).toContain(said.text);
    expect(row?.request).toContain(`${answer.statusCode} ${said.code}`);
    // A successful request has none.
    const [ok] = requestRows(
      (await ada.get(`/portal/apps/${app.id}?search=${accountsRequestId}`)).body,
    );
    expect(ok?.request).not.toMatch(/error/i);
  });
});

describe("an application's consents", () => {
  it('lists the consent with its bank, status and expiry', async () => {
    const page = await ada.get(`/portal/apps/${app.id}`);
    const section = page.body.slice(page.body.indexOf('id="consents"'));
    const row = /<tr>([\s\S]*?)<\/tr>/g.exec(section.slice(section.indexOf('<tbody>')))?.[1] ?? '';
    const text = row.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain(consentId);
    expect(text).toContain(BIC);
    expect(text).toContain(' valid ');
    const stored = await tpp.store.db
      .selectFrom('consents')
      .select('valid_until')
      .where('id', '=', consentId)
      .executeTakeFirstOrThrow();
    expect(text).toContain(stored.valid_until);
  });

  it("shows the consent's expiry as soon as its last day has passed", async () => {
    // Moved back past its end directly in the store: the portal reads time's effect itself.
    await tpp.store.db
      .updateTable('consents')
      .set({ valid_until: '2020-01-31' })
      .where('id', '=', consentId)
      .execute();
    const page = await ada.get(`/portal/apps/${app.id}`);
    const section = page.body.slice(page.body.indexOf('id="consents"'));
    expect(section).toContain('<span class="badge bad">expired</span>');
    expect(section).toContain('2020-01-31');
  });
});
