/**
 * The Account information API (`/psd2/accountinformation/v1`) over HTTP, against the sandbox
 * banks over real HTTP: every endpoint, and the rules of the consent in the order they are checked
 * them. Every response is checked against the NextGenPSD2 contract.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNA, consentBody, validConsent } from '../support/ais-consent.js';
import { expectContract } from '../support/contract.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

const AIS = '/psd2/accountinformation/v1';
const BIC = 'SWEDSESS';
const PSU_IP = '192.0.2.10';

let tpp: TestPlatform;
let token: string;
let otherToken: string;
/** A recurring bank-offered consent for Anna: every account, balances and transactions. */
let consentId: string;
/** Anna's accounts at the bank, as the sandbox admin API lists them. */
let annasAccounts: { resourceId: string; iban: string; currency: string }[];

type Headers = Record<string, string | undefined>;

async function get(url: string, headers: Headers = {}, as = token) {
  const response = await tpp.api.inject({
    method: 'GET',
    url,
    headers: Object.fromEntries(
      Object.entries({
        accept: 'application/json',
        authorization: `Bearer ${as}`,
        'content-type': 'application/json',
        'x-request-id': randomUUID(),
        'x-bicfi': BIC,
        'psu-ip-address': PSU_IP,
        ...headers,
      }).filter((entry): entry is [string, string] => entry[1] !== undefined),
    ),
  });
  expectContract(response);
  return response;
}

function errorOf(response: { json(): unknown }) {
  const body = response.json() as { tppMessages: { code: string; text: string }[] };
  expect(body.tppMessages).toHaveLength(1);
  return body.tppMessages[0] as { code: string; text: string };
}

function expectError(
  response: { statusCode: number; json(): unknown },
  status: number,
  code: string,
) {
  expect(response.statusCode, JSON.stringify(response.json())).toBe(status);
  expect(errorOf(response).code).toBe(code);
}

async function accountsOf(consent: string, headers: Headers = {}, as = token) {
  const response = await get(`${AIS}/accounts`, { 'consent-id': consent, ...headers }, as);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().accounts as { resourceId: string; iban: string; _links?: unknown }[];
}

async function tokenOfAnotherClient(): Promise<string> {
  const other = await tpp.platform.clients.create({ name: 'Other TPP', redirectUris: [] });
  return tpp.tokenFor({ id: other.client.id, secret: other.secret }, 'accountinformation private');
}

const dedicated = (ibans: { accounts: string[]; balances?: string[]; transactions?: string[] }) => {
  const list = (values: string[] | undefined) =>
    values?.length ? values.map((iban) => ({ iban })) : undefined;
  return consentBody(new Date(), {
    access: {
      accounts: list(ibans.accounts),
      ...(ibans.balances?.length ? { balances: list(ibans.balances) } : {}),
      ...(ibans.transactions?.length ? { transactions: list(ibans.transactions) } : {}),
    },
  });
};

beforeAll(async () => {
  tpp = await startTestPlatform({ sandbox: true });
  token = await tpp.token('accountinformation private');
  otherToken = await tokenOfAnotherClient();
  consentId = await validConsent(tpp, { bic: BIC, token });
  const psus = await (await tpp.admin('GET', `/banks/${BIC}/psus`)).json();
  annasAccounts = psus.psus.find((p: { psuId: string }) => p.psuId === ANNA).accounts;
});
afterAll(async () => tpp?.close());

describe('GET /accounts', () => {
  it('answers the integration guide: the accounts with ids and links of Bankbridge', async () => {
    const response = await get(`${AIS}/accounts`, { 'consent-id': consentId });
    expect(response.statusCode, response.body).toBe(200);
    const { accounts } = response.json();
    expect(accounts.map((a: { iban: string }) => a.iban).sort()).toEqual(
      annasAccounts.map((a) => a.iban).sort(),
    );
    const bankIds = annasAccounts.map((a) => a.resourceId);
    for (const account of accounts) {
      expect(bankIds).not.toContain(account.resourceId);
      expect(account).not.toHaveProperty('balances');
      const path = `${AIS}/accounts/${account.resourceId}`;
      expect(account._links).toEqual({
        balances: { href: `${path}/balances` },
        transactions: { href: `${path}/transactions` },
      });
    }
    // Nothing of the bank's addresses or ids reaches the TPP.
    expect(response.body).not.toContain(tpp.sandboxUrl);
    for (const bankId of bankIds) expect(response.body).not.toContain(bankId);
  });

  it('shows balances with withBalance=true where the consent grants them', async () => {
    const accounts = await accountsOf(consentId);
    const response = await get(`${AIS}/accounts?withBalance=true`, { 'consent-id': consentId });
    expect(response.statusCode).toBe(200);
    const withBalances = response.json().accounts;
    expect(withBalances.map((a: { resourceId: string }) => a.resourceId)).toEqual(
      accounts.map((a) => a.resourceId),
    );
    for (const account of withBalances) expect(account.balances.length).toBeGreaterThan(0);
    expectError(
      await get(`${AIS}/accounts?withBalance=yes`, { 'consent-id': consentId }),
      400,
      'FORMAT_ERROR',
    );
  });
});

describe('one account', () => {
  let account: { resourceId: string; iban: string };
  beforeAll(async () => {
    [account] = (await accountsOf(consentId)) as [typeof account];
  });
  const path = () => `${AIS}/accounts/${account.resourceId}`;

  it('GET /accounts/{id}: the details in account, with balances on withBalance', async () => {
    const response = await get(`${path()}?withBalance=true`, { 'consent-id': consentId });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.account).toMatchObject({ resourceId: account.resourceId, iban: account.iban });
    expect(body.account.balances.length).toBeGreaterThan(0);
    expect(body.account._links.balances.href).toBe(`${path()}/balances`);
  });

  it('GET /accounts/{id}/balances', async () => {
    const response = await get(`${path()}/balances`, { 'consent-id': consentId });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.account).toEqual({ iban: account.iban, currency: 'SEK' });
    expect(body.balances.map((b: { balanceType: string }) => b.balanceType)).toContain(
      'closingBooked',
    );
  });

  it('GET /accounts/{id}/transactions: pages through links of Bankbridge', async () => {
    const dateFrom = new Date(Date.now() - 200 * 86_400_000).toISOString().slice(0, 10);
    const first = await get(`${path()}/transactions?bookingStatus=booked&dateFrom=${dateFrom}`, {
      'consent-id': consentId,
    });
    expect(first.statusCode, first.body).toBe(200);
    const report = first.json().transactions;
    expect(report._links.account).toEqual({ href: path() });
    expect(report.booked.length).toBeGreaterThan(0);
    expect(report).not.toHaveProperty('pending');
    const next = report._links.next.href as string;
    expect(
      next.startsWith(`${path()}/transactions?bookingStatus=booked&dateFrom=${dateFrom}&page=`),
    ).toBe(true);
    expect(first.body).not.toContain(tpp.sandboxUrl);

    const second = await get(next, { 'consent-id': consentId });
    expect(second.statusCode, second.body).toBe(200);
    const page2 = second.json().transactions;
    const ids = (list: { transactionId: string }[]) => list.map((t) => t.transactionId);
    expect(ids(page2.booked)).not.toEqual(ids(report.booked));
    expect(page2._links.previous.href).toMatch(/&page=/);

    // A cursor is bound to its consent and account, and cannot be made up.
    const [, other] = await accountsOf(consentId);
    const cursor = new URL(next, 'http://x').searchParams.get('page') as string;
    expectError(
      await get(`${AIS}/accounts/${other?.resourceId}/transactions?page=${cursor}`, {
        'consent-id': consentId,
      }),
      400,
      'FORMAT_ERROR',
    );
    expectError(
      await get(`${path()}/transactions?page=bm90LWEtY3Vyc29y`, { 'consent-id': consentId }),
      400,
      'FORMAT_ERROR',
    );
  });

  it('keeps the query in every page link: following one answers a page of the same query', async () => {
    const dateFrom = new Date(Date.now() - 400 * 86_400_000).toISOString().slice(0, 10);
    const dateTo = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const asked = `bookingStatus=booked&dateFrom=${dateFrom}&dateTo=${dateTo}&withBalance=true`;
    const first = await get(`${path()}/transactions?${asked}`, { 'consent-id': consentId });
    expect(first.statusCode, first.body).toBe(200);
    const links = first.json().transactions._links;
    for (const name of ['next', 'first', 'last'] as const) {
      const href = new URL(links[name].href as string, 'http://x');
      expect(href.pathname).toBe(`${path()}/transactions`);
      expect(Object.fromEntries(href.searchParams)).toEqual({
        bookingStatus: 'booked',
        dateFrom,
        dateTo,
        withBalance: 'true',
        page: expect.any(String),
      });
    }
    // Every page is of the same query: booked only, inside the period, with balances.
    const pages = [first.json()];
    let next: string | undefined = links.next.href;
    for (let i = 0; i < 2 && next; i++) {
      const page = await get(next, { 'consent-id': consentId });
      expect(page.statusCode, page.body).toBe(200);
      pages.push(page.json());
      next = page.json().transactions._links.next?.href;
    }
    const last = await get(links.last.href, { 'consent-id': consentId });
    expect(last.statusCode, last.body).toBe(200);
    pages.push(last.json());
    for (const page of pages) {
      expect(page.transactions).not.toHaveProperty('pending');
      expect(page.balances.length).toBeGreaterThan(0);
      for (const t of page.transactions.booked as { bookingDate: string }[]) {
        expect(t.bookingDate >= dateFrom && t.bookingDate <= dateTo).toBe(true);
      }
    }
    expect(pages[1].transactions.booked[0].transactionId).not.toBe(
      pages[0].transactions.booked[0].transactionId,
    );
    // A page's parameters cannot be changed: the cursor answers the query it was made for.
    const changed = links.next.href.replace('bookingStatus=booked', 'bookingStatus=both');
    const refused = await get(changed, { 'consent-id': consentId });
    expectError(refused, 400, 'FORMAT_ERROR');
    expect(errorOf(refused).text).toContain('bookingStatus=both');
    // The cursor alone is still the same page, as before links carried the query.
    const cursor = new URL(links.next.href, 'http://x').searchParams.get('page') as string;
    const bare = await get(`${path()}/transactions?page=${encodeURIComponent(cursor)}`, {
      'consent-id': consentId,
    });
    expect(bare.statusCode, bare.body).toBe(200);
    expect(bare.json().transactions.booked).toEqual(pages[1].transactions.booked);
  });

  it('adds the balances to a transaction list on withBalance=true where granted', async () => {
    const dateFrom = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
    const url = `${path()}/transactions?bookingStatus=booked&dateFrom=${dateFrom}`;
    const withBalance = await get(`${url}&withBalance=true`, { 'consent-id': consentId });
    expect(withBalance.statusCode, withBalance.body).toBe(200);
    const balances = withBalance.json().balances as { balanceType: string }[];
    expect(balances.map((b) => b.balanceType)).toContain('closingBooked');
    const plain = await get(url, { 'consent-id': consentId });
    expect(plain.statusCode).toBe(200);
    expect(plain.json()).not.toHaveProperty('balances');
    expect(plain.json().transactions.booked).toEqual(withBalance.json().transactions.booked);
    expectError(
      await get(`${url}&withBalance=1`, { 'consent-id': consentId }),
      400,
      'FORMAT_ERROR',
    );
  });

  it('GET /accounts/{id}/transactions/{transactionId}: through the link of the list', async () => {
    const dateFrom = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const list = await get(`${path()}/transactions?bookingStatus=both&dateFrom=${dateFrom}`, {
      'consent-id': consentId,
    });
    const [transaction] = list.json().transactions.booked;
    const href = transaction._links.transactionDetails.href as string;
    expect(href).toBe(`${path()}/transactions/${encodeURIComponent(transaction.transactionId)}`);
    const response = await get(href, { 'consent-id': consentId });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().transactionsDetails).toMatchObject({
      transactionId: transaction.transactionId,
      transactionAmount: transaction.transactionAmount,
    });
    expectError(
      await get(`${path()}/transactions/no-such-transaction`, { 'consent-id': consentId }),
      404,
      'RESOURCE_UNKNOWN',
    );
  });

  it('checks the transaction query before the bank (rule 6), and reports the bank refusing a period', async () => {
    const tx = (query: string) =>
      get(`${path()}/transactions?${query}`, { 'consent-id': consentId });
    expectError(await tx('dateFrom=2026-01-01'), 400, 'FORMAT_ERROR');
    expectError(await tx('bookingStatus=all&dateFrom=2026-01-01'), 400, 'FORMAT_ERROR');
    expectError(await tx('bookingStatus=booked'), 400, 'FORMAT_ERROR');
    expectError(await tx('bookingStatus=booked&dateFrom=2026-13-01'), 400, 'FORMAT_ERROR');
    expectError(
      await tx('bookingStatus=booked&dateFrom=2026-03-02&dateTo=2026-03-01'),
      400,
      'PERIOD_INVALID',
    );
    expectError(
      await tx('bookingStatus=booked&entryReferenceFrom=1000'),
      400,
      'PARAMETER_NOT_SUPPORTED',
    );
    expectError(await tx('bookingStatus=booked&deltaList=true'), 400, 'PARAMETER_NOT_SUPPORTED');
    const tooOld = await tx('bookingStatus=booked&dateFrom=2000-01-01');
    expectError(tooOld, 400, 'PERIOD_INVALID');
    expect(errorOf(tooOld).text).toContain('Swedbank AB');
  });
});

describe('rule 1: the token', () => {
  it('needs a valid token with scope accountinformation', async () => {
    expectError(
      await get(`${AIS}/accounts`, { 'consent-id': consentId, authorization: undefined }),
      401,
      'TOKEN_INVALID',
    );
    expectError(
      await get(`${AIS}/accounts`, { 'consent-id': consentId }, 'not-a-token'),
      401,
      'TOKEN_INVALID',
    );
    const aspsp = await tpp.token('aspspinformation private');
    const response = await get(`${AIS}/accounts`, { 'consent-id': consentId }, aspsp);
    expect(response.statusCode).toBe(403);
  });
});

describe('rule 1: the context of the token and of the consent', () => {
  const COMPANY = '5566771234';

  it("reads a corporate consent with a corporate token, and refuses another context's token: 403", async () => {
    const corporateToken = await tpp.token('accountinformation corporate');
    const corporate = await validConsent(tpp, {
      bic: BIC,
      token: corporateToken,
      psuId: COMPANY,
      headers: { 'psu-corporate-id': COMPANY },
    });
    const accounts = await accountsOf(corporate, {}, corporateToken);
    expect(accounts.length).toBeGreaterThan(0);
    for (const account of accounts) expect(account).toMatchObject({ usage: 'ORGA' });
    const [first] = accounts as unknown as [{ resourceId: string }];
    const balances = await get(
      `${AIS}/accounts/${first.resourceId}/balances`,
      { 'consent-id': corporate },
      corporateToken,
    );
    expect(balances.statusCode, balances.body).toBe(200);

    // The same client's private token: the consent is known, but not for this context.
    const privateRead = await get(`${AIS}/accounts`, { 'consent-id': corporate }, token);
    expectError(privateRead, 403, 'SERVICE_BLOCKED');
    expect(errorOf(privateRead).text).toContain('accountinformation corporate');
    expectError(
      await get(`${AIS}/accounts/${first.resourceId}/balances`, { 'consent-id': corporate }, token),
      403,
      'SERVICE_BLOCKED',
    );
    // And a private consent is not read with a corporate token.
    expectError(
      await get(`${AIS}/accounts`, { 'consent-id': consentId }, corporateToken),
      403,
      'SERVICE_BLOCKED',
    );
    // Another client's corporate consent still looks unknown, whatever the context.
    expectError(
      await get(`${AIS}/accounts`, { 'consent-id': corporate }, otherToken),
      400,
      'CONSENT_UNKNOWN',
    );
  });
});

describe("rule 2: the consent is known, the caller's, and at the bank named", () => {
  it("answers 400 CONSENT_UNKNOWN alike for an unknown consent and another client's", async () => {
    const unknown = await get(`${AIS}/accounts`, { 'consent-id': randomUUID() });
    expectError(unknown, 400, 'CONSENT_UNKNOWN');
    const foreign = await get(`${AIS}/accounts`, { 'consent-id': consentId }, otherToken);
    expectError(foreign, 400, 'CONSENT_UNKNOWN');
    expect(foreign.body).toBe(unknown.body);
  });

  it('needs the Consent-ID header, and a consent at the bank of X-BicFi', async () => {
    expectError(await get(`${AIS}/accounts`), 400, 'FORMAT_ERROR');
    expectError(
      await get(`${AIS}/accounts`, { 'consent-id': consentId, 'x-bicfi': 'ESSESESS' }),
      400,
      'CONSENT_UNKNOWN',
    );
    // X-BicFi in another case is the same bank.
    const lower = await get(`${AIS}/accounts`, { 'consent-id': consentId, 'x-bicfi': 'swedsess' });
    expect(lower.statusCode).toBe(200);
  });
});

describe('rule 3: the consent status', () => {
  it('refuses a consent not yet authorised, and one the TPP deleted: 401 CONSENT_INVALID', async () => {
    const created = await tpp.api.inject({
      method: 'POST',
      url: '/psd2/consent/v1/consents',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'x-request-id': randomUUID(),
        'x-bicfi': BIC,
        'psu-ip-address': PSU_IP,
        'psu-user-agent': 'test',
      },
      payload: JSON.stringify(consentBody(new Date())),
    });
    const received = created.json().consentId;
    expectError(await get(`${AIS}/accounts`, { 'consent-id': received }), 401, 'CONSENT_INVALID');

    const ended = await validConsent(tpp, { bic: BIC, token });
    const deleted = await tpp.api.inject({
      method: 'DELETE',
      url: `/psd2/consent/v1/consents/${ended}`,
      headers: { authorization: `Bearer ${token}`, 'x-request-id': randomUUID() },
    });
    expect(deleted.statusCode).toBe(204);
    expectError(await get(`${AIS}/accounts`, { 'consent-id': ended }), 401, 'CONSENT_INVALID');
  });
});

describe('rule 4: access', () => {
  let consent: string;
  let granted: { resourceId: string; iban: string };
  let outside: { resourceId: string; iban: string };

  beforeAll(async () => {
    const [a, b] = annasAccounts as unknown as [{ iban: string }, { iban: string }];
    consent = await validConsent(tpp, {
      bic: BIC,
      token,
      body: dedicated({ accounts: [a.iban, b.iban], transactions: [b.iban] }),
    });
    const all = await accountsOf(consentId);
    granted = all.find((x) => x.iban === a.iban) as typeof granted;
    outside = all.find((x) => x.iban === b.iban) as typeof outside;
  });

  it('lists only what the consent covers, with links only to what it grants', async () => {
    const accounts = await accountsOf(consent);
    expect(accounts.map((a) => a.iban).sort()).toEqual([granted.iban, outside.iban].sort());
    const a = accounts.find((x) => x.iban === granted.iban);
    expect(a?._links).toBeUndefined();
    const b = accounts.find((x) => x.iban === outside.iban);
    expect(b?._links).toEqual({
      transactions: { href: `${AIS}/accounts/${outside.resourceId}/transactions` },
    });
    // The same account, the same id, whichever consent lists it.
    expect(a?.resourceId).toBe(granted.resourceId);
  });

  it('answers an account outside the consent exactly like a random id: 404 RESOURCE_UNKNOWN', async () => {
    const third = annasAccounts[2] as { iban: string };
    const all = await accountsOf(consentId);
    const notInConsent = all.find((x) => x.iban === third.iban) as { resourceId: string };
    const outsideAnswer = await get(`${AIS}/accounts/${notInConsent.resourceId}/balances`, {
      'consent-id': consent,
    });
    expectError(outsideAnswer, 404, 'RESOURCE_UNKNOWN');
    const random = await get(`${AIS}/accounts/${randomUUID()}/balances`, {
      'consent-id': consent,
    });
    expect(random.body).toBe(outsideAnswer.body);
    // Nor does another client's id for the same account work.
    const theirs = await validConsent(tpp, { bic: BIC, token: otherToken });
    const theirIds = await accountsOf(theirs, {}, otherToken);
    expect(theirIds.map((a) => a.resourceId)).not.toContain(granted.resourceId);
  });

  it('answers 401 CONSENT_INVALID for balances, transactions or withBalance not granted', async () => {
    const at = (id: string, rest: string) =>
      get(`${AIS}/accounts/${id}${rest}`, {
        'consent-id': consent,
      });
    expectError(await at(granted.resourceId, '/balances'), 401, 'CONSENT_INVALID');
    expectError(
      await at(granted.resourceId, '/transactions?bookingStatus=booked&dateFrom=2026-01-01'),
      401,
      'CONSENT_INVALID',
    );
    expectError(await at(granted.resourceId, '?withBalance=true'), 401, 'CONSENT_INVALID');
    expectError(
      await at(
        outside.resourceId,
        '/transactions?bookingStatus=booked&dateFrom=2026-01-01&withBalance=true',
      ),
      401,
      'CONSENT_INVALID',
    );
    expect((await at(granted.resourceId, '')).statusCode).toBe(200);
    const dateFrom = new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10);
    expect(
      (await at(outside.resourceId, `/transactions?bookingStatus=booked&dateFrom=${dateFrom}`))
        .statusCode,
    ).toBe(200);
  });
});

describe('rule 5: frequencyPerDay', () => {
  it('counts reads without PSU-IP-Address per account and endpoint: over the budget 429', async () => {
    const consent = await validConsent(tpp, {
      bic: BIC,
      token,
      body: consentBody(new Date(), { frequencyPerDay: 2 }),
    });
    const [a, b] = (await accountsOf(consent)) as unknown as [
      { resourceId: string },
      { resourceId: string },
    ];
    const unattended: Headers = { 'consent-id': consent, 'psu-ip-address': undefined };
    const balances = (id: string, headers = unattended) =>
      get(`${AIS}/accounts/${id}/balances`, headers);
    expect((await balances(a.resourceId)).statusCode).toBe(200);
    expect((await balances(a.resourceId)).statusCode).toBe(200);
    const refused = await balances(a.resourceId);
    expectError(refused, 429, 'ACCESS_EXCEEDED');
    expect(errorOf(refused).text).toContain('2 reads a day');
    // Another account, another endpoint: their own budgets.
    expect((await balances(b.resourceId)).statusCode).toBe(200);
    expect((await get(`${AIS}/accounts/${a.resourceId}`, unattended)).statusCode).toBe(200);
    // With the PSU present, reads are not counted.
    for (let i = 0; i < 3; i++) {
      expect(
        (await balances(a.resourceId, { ...unattended, 'psu-ip-address': PSU_IP })).statusCode,
      ).toBe(200);
    }
  });

  it('lets a one-off consent read each endpoint of an account once, PSU present or not', async () => {
    const consent = await validConsent(tpp, {
      bic: BIC,
      token,
      body: consentBody(new Date(), { recurringIndicator: false, frequencyPerDay: 1 }),
    });
    const [a] = (await accountsOf(consent)) as unknown as [{ resourceId: string }];
    const headers = { 'consent-id': consent };
    expect((await get(`${AIS}/accounts/${a.resourceId}/balances`, headers)).statusCode).toBe(200);
    const again = await get(`${AIS}/accounts/${a.resourceId}/balances`, headers);
    expectError(again, 429, 'ACCESS_EXCEEDED');
    expect(errorOf(again).text).toContain('one-off');
    expectError(await get(`${AIS}/accounts`, headers), 429, 'ACCESS_EXCEEDED');
  });
});

describe('a one-off consent used up', () => {
  it('ends expired once everything it grants has been read: 401 CONSENT_EXPIRED after', async () => {
    const a = annasAccounts[0] as { iban: string };
    const consent = await validConsent(tpp, {
      bic: BIC,
      token,
      body: {
        ...dedicated({ accounts: [a.iban], balances: [a.iban] }),
        recurringIndicator: false,
        frequencyPerDay: 1,
      },
    });
    const [account] = (await accountsOf(consent)) as unknown as [{ resourceId: string }];
    const status = async () =>
      (
        await tpp.api.inject({
          method: 'GET',
          url: `/psd2/consent/v1/consents/${consent}/status`,
          headers: { authorization: `Bearer ${token}`, 'x-request-id': randomUUID() },
        })
      ).json().consentStatus;
    expect(await status()).toBe('valid');
    const balances = await get(`${AIS}/accounts/${account.resourceId}/balances`, {
      'consent-id': consent,
    });
    expect(balances.statusCode).toBe(200);
    expect(await status()).toBe('expired');
    expectError(await get(`${AIS}/accounts`, { 'consent-id': consent }), 401, 'CONSENT_EXPIRED');
  });
});

describe('account ids', () => {
  it('stay the same across consents of the client, and differ for another client', async () => {
    const first = await accountsOf(consentId);
    const second = await accountsOf(await validConsent(tpp, { bic: BIC, token }));
    const byIban = (list: { iban: string; resourceId: string }[]) =>
      Object.fromEntries(list.map((a) => [a.iban, a.resourceId]));
    expect(byIban(second)).toEqual(byIban(first));
    const theirs = await accountsOf(
      await validConsent(tpp, { bic: BIC, token: otherToken }),
      {},
      otherToken,
    );
    for (const account of theirs) expect(byIban(first)[account.iban]).not.toBe(account.resourceId);
  });

  it('stay the same when the bank gives the account a new id: reads follow it to the new one', async () => {
    const ERIK = '199005152385';
    const consent = await validConsent(tpp, { bic: BIC, token, psuId: ERIK });
    const before = await accountsOf(consent);
    const [account] = before as unknown as [{ resourceId: string; iban: string }];
    const bankId = async () =>
      (
        await tpp.store.db
          .selectFrom('account_ids')
          .select('bank_resource_id')
          .where('resource_id', '=', account.resourceId)
          .executeTakeFirstOrThrow()
      ).bank_resource_id;
    const old = await bankId();
    const renumbered = await tpp.admin('POST', `/banks/${BIC}/accounts/${old}/renumber`);
    expect(renumbered.status).toBe(200);
    const { resourceId: newBankId } = await renumbered.json();

    // Bankbridge still holds the old id: the bank's 404 makes it list the accounts once.
    const balances = await get(`${AIS}/accounts/${account.resourceId}/balances`, {
      'consent-id': consent,
    });
    expect(balances.statusCode, balances.body).toBe(200);
    expect(balances.json().account.iban).toBe(account.iban);
    expect(await bankId()).toBe(newBankId);
    expect(balances.body).not.toContain(newBankId);

    const dateFrom = new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10);
    const transactions = await get(
      `${AIS}/accounts/${account.resourceId}/transactions?bookingStatus=booked&dateFrom=${dateFrom}`,
      { 'consent-id': consent },
    );
    expect(transactions.statusCode, transactions.body).toBe(200);
    const after = await accountsOf(consent);
    expect(after.map((a) => [a.iban, a.resourceId]).sort()).toEqual(
      before.map((a) => [a.iban, a.resourceId]).sort(),
    );
    // An id the bank never had stays unknown after the listing.
    expectError(
      await get(`${AIS}/accounts/${account.resourceId}/transactions/no-such-transaction`, {
        'consent-id': consent,
      }),
      404,
      'RESOURCE_UNKNOWN',
    );
  });
});
