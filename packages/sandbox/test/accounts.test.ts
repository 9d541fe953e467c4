import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ANNA,
  authorisedConsent,
  createConsent,
  dataHeaders,
  decoupledConsent,
  errorCode,
  redirectSca,
  type Sandbox,
  startSandbox,
  TestClock,
  type Tokens,
  token,
  tppHeaders,
} from './helpers.js';

let sandbox: Sandbox;
let consentId: string;
let tokens: Tokens;
let current: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  ({ consentId, tokens } = await authorisedConsent(sandbox, 'ESSESESS'));
  const accounts = await sandbox.app.inject({
    url: '/banks/ESSESESS/v1/accounts',
    headers: dataHeaders(consentId, tokens),
  });
  current = accounts.json().accounts[0].resourceId;
});
afterAll(() => sandbox.app.close());

const get = (url: string, headers = dataHeaders(consentId, tokens)) =>
  sandbox.app.inject({ url, headers });

describe('accounts', () => {
  it('lists the consented accounts in Berlin Group shape, with balances on request', async () => {
    const response = await get('/banks/ESSESESS/v1/accounts?withBalance=true');
    expect(response.statusCode).toBe(200);
    const [account] = response.json().accounts;
    expect(account).toMatchObject({
      resourceId: current,
      currency: 'SEK',
      cashAccountType: 'CACC',
      status: 'enabled',
      usage: 'PRIV',
      bic: 'ESSESESS',
      name: 'Everyday account',
      product: 'Personal current account',
    });
    expect(account.iban).toMatch(/^SE\d{2}500\d{17}$/);
    expect(account.bban).toBe(account.iban.slice(4));
    expect(account._links.transactions.href).toBe(
      `http://sandbox.test/banks/ESSESESS/v1/accounts/${current}/transactions`,
    );
    expect(account.balances.map((b: { balanceType: string }) => b.balanceType)).toEqual([
      'openingBooked',
      'closingBooked',
      'interimAvailable',
    ]);
    expect(account.balances[1].balanceAmount.amount).toMatch(/^-?\d+\.\d{2}$/);
    const without = await get('/banks/ESSESESS/v1/accounts');
    expect(without.json().accounts[0].balances).toBeUndefined();
    expect((await get('/banks/ESSESESS/v1/accounts?withBalance=yes')).statusCode).toBe(400);
  });

  it('reads one account and its balances', async () => {
    const account = await get(`/banks/ESSESESS/v1/accounts/${current}`);
    expect(account.json().account.resourceId).toBe(current);
    const balances = await get(`/banks/ESSESESS/v1/accounts/${current}/balances`);
    expect(balances.statusCode).toBe(200);
    const body = balances.json();
    expect(body.account.iban).toMatch(/^SE/);
    const [opening, closing, available] = body.balances;
    expect(closing.referenceDate).toBe('2026-03-15');
    expect(available.referenceDate).toBe('2026-03-16');
    expect(opening.referenceDate).toBe('2024-03-15');
  });

  it('answers unknown accounts and accounts outside the consent with 404 RESOURCE_UNKNOWN', async () => {
    const unknown = await get('/banks/ESSESESS/v1/accounts/nope/balances');
    expect(unknown.statusCode).toBe(404);
    expect(errorCode(unknown)).toBe('RESOURCE_UNKNOWN');
    const psus = (await sandbox.app.inject('/admin/banks/ESSESESS/psus')).json().psus;
    const erik = psus.find((p: { psuId: string }) => p.psuId === '199005152385').accounts[0]
      .resourceId;
    expect((await get(`/banks/ESSESESS/v1/accounts/${erik}`)).statusCode).toBe(404);
  });

  it('gives only what an explicit consent grants', async () => {
    const psus = (await sandbox.app.inject('/admin/banks/DABASESX/psus')).json().psus;
    const [first, second] = psus.find((p: { psuId: string }) => p.psuId === ANNA).accounts;
    const explicit = await authorisedConsent(sandbox, 'DABASESX', ANNA, {
      access: { accounts: [{ iban: first.iban }], balances: [{ iban: second.iban }] },
    });
    const headers = () => dataHeaders(explicit.consentId, explicit.tokens);
    const list = await get('/banks/DABASESX/v1/accounts', headers());
    expect(
      list
        .json()
        .accounts.map((a: { iban: string }) => a.iban)
        .sort(),
    ).toEqual([first.iban, second.iban].sort());
    const noBalance = await get(
      `/banks/DABASESX/v1/accounts/${first.resourceId}/balances`,
      headers(),
    );
    expect(noBalance.statusCode).toBe(401);
    expect(errorCode(noBalance)).toBe('CONSENT_INVALID');
    expect(
      (await get(`/banks/DABASESX/v1/accounts/${second.resourceId}/balances`, headers()))
        .statusCode,
    ).toBe(200);
    expect(
      (
        await get(
          `/banks/DABASESX/v1/accounts/${second.resourceId}/transactions?bookingStatus=booked`,
          headers(),
        )
      ).statusCode,
    ).toBe(401);
  });

  it('an availableAccounts consent lists accounts but reads nothing else', async () => {
    const available = await authorisedConsent(sandbox, 'ESSESESS', ANNA, {
      access: { availableAccounts: 'allAccounts' },
    });
    const list = await get(
      '/banks/ESSESESS/v1/accounts?withBalance=true',
      dataHeaders(available.consentId, available.tokens),
    );
    expect(list.json().accounts).toHaveLength(3);
    expect(list.json().accounts[0].balances).toBeUndefined();
    const balances = await get(
      `/banks/ESSESESS/v1/accounts/${list.json().accounts[0].resourceId}/balances`,
      dataHeaders(available.consentId, available.tokens),
    );
    expect(balances.statusCode).toBe(401);
  });
});

describe('transactions', () => {
  it('pages booked transactions newest first with _links.next and previous', async () => {
    const url = `/banks/ESSESESS/v1/accounts/${current}/transactions?bookingStatus=booked&dateFrom=2025-01-01&dateTo=2025-12-31&pageSize=50`;
    const first = await get(url);
    expect(first.statusCode).toBe(200);
    const page = first.json().transactions;
    expect(page.booked).toHaveLength(50);
    expect(page.pending).toBeUndefined();
    expect(page.booked[0].bookingDate >= page.booked[49].bookingDate).toBe(true);
    expect(page.booked[0].bookingDate <= '2025-12-31').toBe(true);
    expect(page.booked[0].transactionAmount.amount).toMatch(/^-?\d+\.\d{2}$/);
    const next = new URL(page._links.next.href);
    expect(next.searchParams.get('page')).toBe('1');
    const second = await get(`${next.pathname}${next.search}`);
    const page2 = second.json().transactions;
    expect(page2._links.previous).toBeDefined();
    expect(page2.booked[0].bookingDate <= page.booked[49].bookingDate).toBe(true);
    const ids = new Set(
      [...page.booked, ...page2.booked].map((t: { transactionId: string }) => t.transactionId),
    );
    expect(ids.size).toBe(100);
    // Walking all pages gives every transaction of the year exactly once.
    let href: string | undefined = page._links.first.href;
    const all: Array<{ transactionId: string; bookingDate: string }> = [];
    while (href) {
      const u = new URL(href);
      const body = (await get(`${u.pathname}${u.search}`)).json().transactions;
      all.push(...body.booked);
      href = body._links.next?.href;
    }
    expect(new Set(all.map((t) => t.transactionId)).size).toBe(all.length);
    expect(all.every((t) => t.bookingDate >= '2025-01-01' && t.bookingDate <= '2025-12-31')).toBe(
      true,
    );
    expect(all.length).toBeGreaterThan(200);
  });

  it('returns pending transactions for pending and both', async () => {
    const pending = (
      await get(`/banks/ESSESESS/v1/accounts/${current}/transactions?bookingStatus=pending`)
    ).json().transactions;
    expect(pending.booked).toBeUndefined();
    for (const t of pending.pending) {
      expect(t.bookingDate).toBeUndefined();
      expect(t.valueDate).toBe('2026-03-16');
    }
    const both = (
      await get(`/banks/ESSESESS/v1/accounts/${current}/transactions?bookingStatus=both`)
    ).json().transactions;
    expect(both.booked.length).toBeGreaterThan(0);
    expect(both.pending).toEqual(pending.pending);
  });

  it.each([
    ['', 400, 'FORMAT_ERROR'],
    ['bookingStatus=information', 400, 'PARAMETER_NOT_SUPPORTED'],
    ['bookingStatus=booked&dateFrom=2025-13-01', 400, 'FORMAT_ERROR'],
    ['bookingStatus=booked&dateFrom=2025-06-01&dateTo=2025-05-01', 400, 'PERIOD_INVALID'],
    ['bookingStatus=booked&dateFrom=2020-01-01', 400, 'PERIOD_INVALID'],
    ['bookingStatus=booked&pageSize=0', 400, 'FORMAT_ERROR'],
    ['bookingStatus=booked&page=9999', 400, 'FORMAT_ERROR'],
    ['bookingStatus=booked&entryReferenceFrom=1', 400, 'PARAMETER_NOT_SUPPORTED'],
    ['bookingStatus=booked&deltaList=true', 400, 'PARAMETER_NOT_SUPPORTED'],
  ])('refuses "%s" with %i %s', async (query, status, code) => {
    const response = await get(`/banks/ESSESESS/v1/accounts/${current}/transactions?${query}`);
    expect(response.statusCode).toBe(status);
    expect(errorCode(response)).toBe(code);
  });

  it('reads transaction details where the bank offers them', async () => {
    const list = (
      await get(
        `/banks/ESSESESS/v1/accounts/${current}/transactions?bookingStatus=booked&pageSize=1`,
      )
    ).json();
    const [first] = list.transactions.booked;
    const details = await get(
      `/banks/ESSESESS/v1/accounts/${current}/transactions/${first.transactionId}`,
    );
    expect(details.statusCode).toBe(200);
    expect(details.json().transactionsDetails).toMatchObject({
      transactionId: first.transactionId,
      transactionAmount: first.transactionAmount,
    });
    expect((await get(`/banks/ESSESESS/v1/accounts/${current}/transactions/nope`)).statusCode).toBe(
      404,
    );

    const danske = await authorisedConsent(sandbox, 'DABASESX', ANNA, {
      access: {
        transactions: [
          {
            iban: (await sandbox.app.inject('/admin/banks/DABASESX/psus')).json().psus[0]
              .accounts[0].iban,
          },
        ],
      },
    });
    const acc = (
      await get('/banks/DABASESX/v1/accounts', dataHeaders(danske.consentId, danske.tokens))
    ).json().accounts[0].resourceId;
    const refused = await get(
      `/banks/DABASESX/v1/accounts/${acc}/transactions/x`,
      dataHeaders(danske.consentId, danske.tokens),
    );
    expect(refused.statusCode).toBe(405);
    expect(errorCode(refused)).toBe('SERVICE_INVALID');
    // Danske Bank Sverige keeps 395 days of history.
    const old = await get(
      `/banks/DABASESX/v1/accounts/${acc}/transactions?bookingStatus=booked&dateFrom=2025-01-01`,
      dataHeaders(danske.consentId, danske.tokens),
    );
    expect(errorCode(old)).toBe('PERIOD_INVALID');
  });

  it('supports entryReferenceFrom where the registry says so', async () => {
    const nordea = await authorisedConsent(sandbox, 'NDEASESS');
    const headers = () => dataHeaders(nordea.consentId, nordea.tokens);
    const acc = (await get('/banks/NDEASESS/v1/accounts', headers())).json().accounts[0].resourceId;
    const page = (
      await get(
        `/banks/NDEASESS/v1/accounts/${acc}/transactions?bookingStatus=booked&pageSize=5`,
        headers(),
      )
    ).json().transactions.booked;
    const from = page[3].entryReference;
    const after = (
      await get(
        `/banks/NDEASESS/v1/accounts/${acc}/transactions?bookingStatus=booked&entryReferenceFrom=${from}`,
        headers(),
      )
    ).json().transactions.booked;
    expect(after.map((t: { transactionId: string }) => t.transactionId)).toEqual(
      page.slice(0, 3).map((t: { transactionId: string }) => t.transactionId),
    );
  });

  it('adds the balances to a report on withBalance where granted, and keeps the flags in its links', async () => {
    const url = `/banks/ESSESESS/v1/accounts/${current}/transactions?bookingStatus=booked&dateFrom=2025-01-01&pageSize=10`;
    const withBalance = await get(`${url}&withBalance=true`);
    expect(withBalance.statusCode, withBalance.body).toBe(200);
    const body = withBalance.json();
    expect(body.balances.map((b: { balanceType: string }) => b.balanceType)).toContain(
      'closingBooked',
    );
    const next = new URL(body.transactions._links.next.href);
    expect(next.searchParams.get('withBalance')).toBe('true');
    expect((await get(`${next.pathname}${next.search}`)).json().balances).toHaveLength(3);
    expect((await get(url)).json().balances).toBeUndefined();
    expect(errorCode(await get(`${url}&withBalance=yes`))).toBe('FORMAT_ERROR');

    const psus = (await sandbox.app.inject('/admin/banks/DABASESX/psus')).json().psus;
    const [first] = psus.find((p: { psuId: string }) => p.psuId === ANNA).accounts;
    const noBalances = await authorisedConsent(sandbox, 'DABASESX', ANNA, {
      access: { accounts: [{ iban: first.iban }], transactions: [{ iban: first.iban }] },
    });
    const report = await get(
      `/banks/DABASESX/v1/accounts/${first.resourceId}/transactions?bookingStatus=booked&dateFrom=2026-03-01&withBalance=true`,
      dataHeaders(noBalances.consentId, noBalances.tokens),
    );
    expect(report.statusCode, report.body).toBe(200);
    expect(report.json().balances).toBeUndefined();
  });

  it('accepts deltaList where the registry says so, and keeps it in the links', async () => {
    const deutsche = await authorisedConsent(sandbox, 'DEUTDEFF', ANNA, {
      access: { allPsd2: 'allAccounts' },
    });
    const headers = () => dataHeaders(deutsche.consentId, deutsche.tokens);
    const acc = (await get('/banks/DEUTDEFF/v1/accounts', headers())).json().accounts[0].resourceId;
    const delta = await get(
      `/banks/DEUTDEFF/v1/accounts/${acc}/transactions?bookingStatus=booked&deltaList=true&pageSize=5`,
      headers(),
    );
    expect(delta.statusCode, delta.body).toBe(200);
    const next = new URL(delta.json().transactions._links.next.href);
    expect(next.searchParams.get('deltaList')).toBe('true');
    const wrong = await get(
      `/banks/DEUTDEFF/v1/accounts/${acc}/transactions?bookingStatus=booked&deltaList=1`,
      headers(),
    );
    expect(errorCode(wrong)).toBe('FORMAT_ERROR');
    const unsupported = await get(
      `/banks/ESSESESS/v1/accounts/${current}/transactions?bookingStatus=booked&deltaList=true`,
    );
    expect(errorCode(unsupported)).toBe('PARAMETER_NOT_SUPPORTED');
  });

  it('needs a fresh SCA for history beyond historyWithoutFreshScaDays', async () => {
    const own = await startSandbox();
    const db = await authorisedConsent(own, 'DEUTDEFF', ANNA, {
      access: { allPsd2: 'allAccounts' },
    });
    const headers = () => dataHeaders(db.consentId, db.tokens);
    const acc = (
      await own.app.inject({ url: '/banks/DEUTDEFF/v1/accounts', headers: headers() })
    ).json().accounts[0].resourceId;
    const url = `/banks/DEUTDEFF/v1/accounts/${acc}/transactions?bookingStatus=booked&dateFrom=2025-06-01`;
    expect((await own.app.inject({ url, headers: headers() })).statusCode).toBe(200);
    own.clock.advanceMinutes(61);
    const refreshed = await token(own, 'DEUTDEFF', {
      grant_type: 'refresh_token',
      refresh_token: db.tokens.refresh_token,
    });
    db.tokens = refreshed.json();
    const stale = await own.app.inject({ url, headers: headers() });
    expect(stale.statusCode).toBe(400);
    expect(stale.json().tppMessages[0].text).toContain('fresh SCA');
    // Without dateFrom the bank answers the last 90 days.
    const recent = (
      await own.app.inject({
        url: `/banks/DEUTDEFF/v1/accounts/${acc}/transactions?bookingStatus=booked`,
        headers: headers(),
      })
    ).json();
    expect(new URL(recent.transactions._links.first.href).searchParams.get('dateFrom')).toBe(
      '2025-12-16',
    );
    // A new redirect SCA on the same consent makes it fresh again.
    const back = await redirectSca(own, 'DEUTDEFF', db.consentId, ANNA);
    const fresh = await token(own, 'DEUTDEFF', {
      grant_type: 'authorization_code',
      code: back.searchParams.get('code') as string,
      redirect_uri: 'https://tpp.example/callback',
    });
    expect(
      (await own.app.inject({ url, headers: dataHeaders(db.consentId, fresh.json()) })).statusCode,
    ).toBe(200);
    await own.app.close();
  });

  it('serves a 100-item page of the heavy account without reading the whole history', async () => {
    const heavy = await authorisedConsent(sandbox, 'ESSESESS', '196505057775');
    const headers = () => dataHeaders(heavy.consentId, heavy.tokens);
    const acc = (await get('/banks/ESSESESS/v1/accounts', headers())).json().accounts[0].resourceId;
    const first = (
      await get(`/banks/ESSESESS/v1/accounts/${acc}/transactions?bookingStatus=booked`, headers())
    ).json().transactions;
    expect(first.booked).toHaveLength(100);
    const last = new URL(first._links.last.href);
    expect(Number(last.searchParams.get('page'))).toBeGreaterThanOrEqual(1000);
    const tail = (await get(`${last.pathname}${last.search}`, headers())).json().transactions;
    expect(tail.booked.length).toBeGreaterThan(0);
    expect(tail._links.next).toBeUndefined();
  });

  it('books the pendingSettles PSU’s purchases over time, keeping balances consistent', async () => {
    const own = await startSandbox();
    const petra = await authorisedConsent(own, 'ESSESESS', '199205050009');
    const headers = () => dataHeaders(petra.consentId, petra.tokens);
    const acc = (
      await own.app.inject({ url: '/banks/ESSESESS/v1/accounts', headers: headers() })
    ).json().accounts[0].resourceId;
    const read = async () => {
      const tx = (
        await own.app.inject({
          url: `/banks/ESSESESS/v1/accounts/${acc}/transactions?bookingStatus=both&dateFrom=2026-03-16`,
          headers: headers(),
        })
      ).json().transactions;
      const balances = (
        await own.app.inject({
          url: `/banks/ESSESESS/v1/accounts/${acc}/balances`,
          headers: headers(),
        })
      ).json().balances;
      return { tx, balances };
    };
    const before = await read();
    expect(before.tx.pending).toHaveLength(4);
    expect(before.tx.booked).toHaveLength(0);
    own.clock.advanceMinutes(15);
    const during = await read();
    expect(during.tx.pending).toHaveLength(2);
    expect(during.tx.booked).toHaveLength(2);
    own.clock.advanceMinutes(50);
    petra.tokens = (
      await token(own, 'ESSESESS', {
        grant_type: 'refresh_token',
        refresh_token: petra.tokens.refresh_token,
      })
    ).json();
    const after = await read();
    expect(after.tx.pending).toHaveLength(0);
    expect(after.tx.booked).toHaveLength(4);
    // Available balance does not move when pending purchases book: they were already counted.
    expect(after.balances[2].balanceAmount.amount).toBe(before.balances[2].balanceAmount.amount);
    expect(after.balances[1].balanceAmount.amount).not.toBe(
      before.balances[1].balanceAmount.amount,
    );
    await own.app.close();
  });
});

describe('an account renumbered by the bank (admin)', () => {
  it('is unknown under its old id and read under its new one, by every consent that had it', async () => {
    const renumbered = await authorisedConsent(sandbox, 'NDEASESS');
    const headers = () => dataHeaders(renumbered.consentId, renumbered.tokens);
    const [before] = (await get('/banks/NDEASESS/v1/accounts', headers())).json().accounts;
    const answer = await sandbox.app.inject({
      method: 'POST',
      url: `/admin/banks/NDEASESS/accounts/${before.resourceId}/renumber`,
    });
    expect(answer.statusCode, answer.body).toBe(200);
    const { resourceId, previousResourceId, iban } = answer.json();
    expect(previousResourceId).toBe(before.resourceId);
    expect(iban).toBe(before.iban);
    expect(resourceId).not.toBe(before.resourceId);

    const old = await get(`/banks/NDEASESS/v1/accounts/${before.resourceId}/balances`, headers());
    expect(old.statusCode).toBe(404);
    expect(errorCode(old)).toBe('RESOURCE_UNKNOWN');
    const [after] = (await get('/banks/NDEASESS/v1/accounts', headers())).json().accounts;
    expect(after).toMatchObject({ resourceId, iban: before.iban });
    expect(
      (await get(`/banks/NDEASESS/v1/accounts/${resourceId}/balances`, headers())).statusCode,
    ).toBe(200);
    const psus = (await sandbox.app.inject('/admin/banks/NDEASESS/psus')).json().psus;
    const listed = psus.find((p: { psuId: string }) => p.psuId === ANNA).accounts;
    expect(listed.map((a: { resourceId: string }) => a.resourceId)).toContain(resourceId);

    const gone = await sandbox.app.inject({
      method: 'POST',
      url: `/admin/banks/NDEASESS/accounts/${before.resourceId}/renumber`,
    });
    expect(gone.statusCode).toBe(404);
  });
});

describe('access checks on data calls', () => {
  it('requires X-Request-ID, a token and the Consent-ID header', async () => {
    const url = '/banks/ESSESESS/v1/accounts';
    const { 'x-request-id': _r, ...noRequestId } = dataHeaders(consentId, tokens);
    expect(errorCode(await get(url, noRequestId as Record<string, string>))).toBe('FORMAT_ERROR');
    const { authorization: _a, ...noToken } = dataHeaders(consentId, tokens);
    const missingToken = await get(url, noToken as Record<string, string>);
    expect(missingToken.statusCode).toBe(401);
    expect(errorCode(missingToken)).toBe('TOKEN_INVALID');
    expect(
      errorCode(await get(url, dataHeaders(consentId, { ...tokens, access_token: 'forged' }))),
    ).toBe('TOKEN_INVALID');
    const { 'consent-id': _c, ...noConsent } = dataHeaders(consentId, tokens);
    expect(errorCode(await get(url, noConsent as Record<string, string>))).toBe('FORMAT_ERROR');
    const unknown = await get(url, dataHeaders('unknown', tokens));
    expect(unknown.statusCode).toBe(400);
    expect(errorCode(unknown)).toBe('CONSENT_UNKNOWN');
    const otherConsent = await createConsent(sandbox, 'ESSESESS');
    expect(errorCode(await get(url, dataHeaders(otherConsent, tokens)))).toBe('CONSENT_INVALID');
  });

  it('refuses expired access tokens with TOKEN_EXPIRED', async () => {
    const own = await startSandbox();
    const c = await authorisedConsent(own, 'ESSESESS');
    own.clock.advanceMinutes(61);
    const response = await own.app.inject({
      url: '/banks/ESSESESS/v1/accounts',
      headers: dataHeaders(c.consentId, c.tokens),
    });
    expect(response.statusCode).toBe(401);
    expect(errorCode(response)).toBe('TOKEN_EXPIRED');
    await own.app.close();
  });

  it('refuses a terminated consent and its revoked tokens', async () => {
    const c = await decoupledConsent(sandbox, 'ESSESESS');
    await sandbox.app.inject({
      method: 'DELETE',
      url: `/banks/ESSESESS/v1/consents/${c.consentId}`,
      headers: tppHeaders(),
    });
    const response = await get('/banks/ESSESESS/v1/accounts', dataHeaders(c.consentId, c.tokens));
    expect(response.statusCode).toBe(401);
    expect(errorCode(response)).toBe('TOKEN_INVALID');
  });

  it('expires a consent at validUntil', async () => {
    const own = await startSandbox();
    const c = await authorisedConsent(own, 'ESSESESS', ANNA, { validUntil: '2026-03-17' });
    own.clock.advanceMinutes(37 * 60 + 30); // 2026-03-17T23:30Z, the last day
    const refreshed = await token(own, 'ESSESESS', {
      grant_type: 'refresh_token',
      refresh_token: c.tokens.refresh_token,
    });
    expect(refreshed.statusCode).toBe(200);
    own.clock.advanceMinutes(45); // the access token is still valid, the consent is not
    const late = await own.app.inject({
      url: '/banks/ESSESESS/v1/accounts',
      headers: dataHeaders(c.consentId, refreshed.json()),
    });
    expect(late.statusCode).toBe(401);
    expect(errorCode(late)).toBe('CONSENT_EXPIRED');
    const status = await own.app.inject({
      url: `/banks/ESSESESS/v1/consents/${c.consentId}/status`,
      headers: tppHeaders(),
    });
    expect(status.json().consentStatus).toBe('expired');
    const noRefresh = await token(own, 'ESSESESS', {
      grant_type: 'refresh_token',
      refresh_token: refreshed.json().refresh_token,
    });
    expect(noRefresh.json().error).toBe('invalid_grant');
    await own.app.close();
  });

  it('enforces frequencyPerDay on unattended reads with 429 ACCESS_EXCEEDED', async () => {
    const own = await startSandbox();
    const c = await authorisedConsent(own, 'ESSESESS', ANNA, { frequencyPerDay: 2 });
    const { 'psu-ip-address': _ip, ...unattended } = dataHeaders(c.consentId, c.tokens);
    const read = (headers: Record<string, string>) =>
      own.app.inject({
        url: '/banks/ESSESESS/v1/accounts',
        headers: { ...headers, 'x-request-id': crypto.randomUUID() },
      });
    expect((await read(unattended as Record<string, string>)).statusCode).toBe(200);
    expect((await read(unattended as Record<string, string>)).statusCode).toBe(200);
    const third = await read(unattended as Record<string, string>);
    expect(third.statusCode).toBe(429);
    expect(errorCode(third)).toBe('ACCESS_EXCEEDED');
    expect((await read(dataHeaders(c.consentId, c.tokens))).statusCode).toBe(200); // PSU present
    own.clock.advanceDays(1);
    expect((await read(unattended as Record<string, string>)).statusCode).toBe(401); // token expired meanwhile
    await own.app.close();
  });

  it("counts frequencyPerDay per day at the bank: a Swedish bank's day turns at Stockholm midnight", async () => {
    // 23:30 in Stockholm (UTC+1 in winter), still 22:30 of the same UTC day.
    const own = await startSandbox({}, new TestClock('2026-12-01T22:30:00Z'));
    const c = await authorisedConsent(own, 'ESSESESS', ANNA, { frequencyPerDay: 1 });
    const { 'psu-ip-address': _ip, ...unattended } = dataHeaders(c.consentId, c.tokens);
    const read = () =>
      own.app.inject({
        url: '/banks/ESSESESS/v1/accounts',
        headers: { ...(unattended as Record<string, string>), 'x-request-id': crypto.randomUUID() },
      });
    expect((await read()).statusCode).toBe(200);
    expect((await read()).statusCode).toBe(429);
    own.clock.advanceMinutes(40); // 00:10 in Stockholm, 23:10 UTC: a new day at the bank only
    expect((await read()).statusCode).toBe(200);
    await own.app.close();
  });
});
