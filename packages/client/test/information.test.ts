// The ASPSP information and Account information operations through the SDK, against the
// platform and a sandbox bank: lists, details, balances, transactions page by page, details.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountInformationApi, Bankbridge } from '../src/index.js';
import {
  daysAgo,
  LARS,
  type LivePlatform,
  PSU,
  recordingFetch,
  startLivePlatform,
  validConsent,
} from './support/live-platform.js';

let live: LivePlatform;
let bankbridge: Bankbridge;

beforeAll(async () => {
  live = await startLivePlatform();
  bankbridge = live.sdk();
});

afterAll(async () => {
  await live?.close();
});

describe('ASPSP information', () => {
  it('lists countries, cities and banks, filtered as asked, and one bank by BIC', async () => {
    const { countries } = await bankbridge.aspspInformation.countries();
    expect(countries.map((c) => c.isoCountryCode)).toEqual(['SE', 'FI', 'DE', 'DK']);
    expect((await bankbridge.aspspInformation.country('FI')).name).toBe('Finland');

    const { cities } = await bankbridge.aspspInformation.cities({ isoCountryCodes: ['SE'] });
    expect(cities.map((c) => c.name)).toEqual(['Stockholm', 'Sundbyberg']);

    const { aspsps } = await bankbridge.aspspInformation.aspsps({ isoCountryCodes: ['SE', 'FI'] });
    const bics = aspsps.map((a) => a.bicFi);
    expect(bics).toContain('SWEDSESS');
    expect(bics).toContain('NDEAFIHH');
    expect(bics).not.toContain('DEUTDEFF');

    const stockholm = cities.find((c) => c.name === 'Stockholm')?.cityId as string;
    const inStockholm = await bankbridge.aspspInformation.aspsps({ cityIds: [stockholm] });
    expect(inStockholm.aspsps.map((a) => a.bicFi)).toContain('ESSESESS');

    const seb = await bankbridge.aspspInformation.aspsp('ESSESESS');
    expect(seb).toMatchObject({ bicFi: 'ESSESESS', city: 'Stockholm', country: 'Sweden' });
    expect(seb.$response.status).toBe(200);
  });
});

describe('account information under a valid consent', () => {
  let consent: { consentId: string; bic: string };
  let ais: AccountInformationApi;
  let accountId: string;

  beforeAll(async () => {
    // Lars's current account books 140 transactions a day: a few days make several pages.
    consent = await validConsent(live, bankbridge, { psuId: LARS });
    ais = bankbridge.accountInformation({ ...consent, psu: PSU });
    const { accounts } = await ais.accounts();
    accountId = accounts[0]?.resourceId as string;
  });

  it('reads the accounts, one account with its balances, and the balances', async () => {
    const { accounts } = await ais.accounts({ withBalance: true });
    expect(accounts.length).toBeGreaterThan(0);
    expect(accounts[0]?.balances?.length).toBeGreaterThan(0);

    const { account } = await ais.account(accountId);
    expect(account.resourceId).toBe(accountId);
    expect(account.iban).toMatch(/^SE\d{22}$/);

    const { balances } = await ais.balances(accountId);
    expect(balances.map((b) => b.balanceType)).toContain('closingBooked');
    expect(balances[0]?.balanceAmount.amount).toMatch(/^-?\d+(\.\d+)?$/);
  });

  it('sends Consent-ID, X-BicFi and the PSU headers on every read; none of the PSU when absent', async () => {
    const { fetch, calls } = recordingFetch();
    const client = live.sdk({ fetch });
    const scope = { consentId: 'c-1', bic: 'SWEDSESS' };
    await client
      .accountInformation({ ...scope, psu: PSU })
      .accounts()
      .catch(() => {});
    await client
      .accountInformation(scope)
      .accounts()
      .catch(() => {});
    const [present, absent] = calls.filter((c) => c.url.pathname.endsWith('/accounts'));
    expect(present?.headers.get('Consent-ID')).toBe('c-1');
    expect(present?.headers.get('X-BicFi')).toBe('SWEDSESS');
    expect(present?.headers.get('PSU-IP-Address')).toBe(PSU.ipAddress);
    expect(absent?.headers.get('Consent-ID')).toBe('c-1');
    expect(absent?.headers.has('PSU-IP-Address')).toBe(false);
  });

  it('follows _links.next through every page, and eachTransaction yields them all in order', async () => {
    const query = { bookingStatus: 'booked' as const, dateFrom: daysAgo(3), dateTo: daysAgo(1) };
    const pages = [];
    for await (const page of ais.transactionPages(accountId, query)) pages.push(page);
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages.slice(0, -1)) expect(page.transactions?._links?.next).toBeDefined();
    expect(pages.at(-1)?.transactions?._links?.next).toBeUndefined();
    const pageIds = pages.flatMap((p) => p.transactions?.booked?.map((t) => t.transactionId) ?? []);
    expect(new Set(pageIds).size).toBe(pageIds.length);
    expect(pageIds.length).toBeGreaterThan(300);
    // Each page is its own call, with its own request id.
    expect(new Set(pages.map((p) => p.$response.requestId)).size).toBe(pages.length);

    const each = [];
    for await (const item of ais.eachTransaction(accountId, query)) each.push(item);
    expect(each.every((item) => item.status === 'booked')).toBe(true);
    expect(each.map((item) => item.transaction.transactionId)).toEqual(pageIds);
  });

  it('stops paging when the caller stops iterating', async () => {
    const { fetch, calls } = recordingFetch();
    const reader = live.sdk({ fetch }).accountInformation({ ...consent, psu: PSU });
    let seen = 0;
    for await (const _ of reader.eachTransaction(accountId, {
      bookingStatus: 'booked',
      dateFrom: daysAgo(3),
    })) {
      if (++seen === 5) break;
    }
    expect(calls.filter((c) => c.url.pathname.endsWith('/transactions'))).toHaveLength(1);
  });

  it('reads the details of a transaction through its link', async () => {
    const page = await ais.transactions(accountId, {
      bookingStatus: 'booked',
      dateFrom: daysAgo(2),
    });
    const first = page.transactions?.booked?.[0];
    expect(first?._links?.transactionDetails?.href).toBeDefined();
    const { transactionsDetails } = await ais.transaction(
      accountId,
      first?.transactionId as string,
    );
    expect(transactionsDetails.transactionId).toBe(first?.transactionId);
    expect(transactionsDetails.transactionAmount).toEqual(first?.transactionAmount);
  });
});
