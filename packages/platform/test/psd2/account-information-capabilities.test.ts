/**
 * What a bank offers beyond the basic reads, through Bankbridge against the sandbox banks that
 * offer it (and those that do not), consents authorised by redirect at the bank: transactions
 * after an entry reference (Nordea), delta lists (Deutsche Bank), and transaction details at a
 * bank without them (Danske Bank). Every response is checked against the NextGenPSD2 contract.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNA, consentBody } from '../support/ais-consent.js';
import { expectContract } from '../support/contract.js';
import { validRedirectConsent } from '../support/redirect-consent.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

const AIS = '/psd2/accountinformation/v1';
const DAY = 86_400_000;

let tpp: TestPlatform;
let token: string;
const logLines: string[] = [];

interface Transaction {
  transactionId: string;
  entryReference: string;
  bookingDate: string;
  _links?: unknown;
}

async function get(bic: string, consentId: string, url: string) {
  const requestId = randomUUID();
  const response = await tpp.api.inject({
    method: 'GET',
    url,
    headers: {
      accept: 'application/json',
      authorization: `Bearer ${token}`,
      'x-request-id': requestId,
      'x-bicfi': bic,
      'consent-id': consentId,
      'psu-ip-address': '192.0.2.10',
    },
  });
  expectContract(response);
  return Object.assign(response, { requestId });
}

function expectError(
  response: { statusCode: number; json(): unknown; body: string },
  status: number,
  code: string,
) {
  expect(response.statusCode, response.body).toBe(status);
  const body = response.json() as { tppMessages: { code: string; text: string }[] };
  expect(body.tppMessages.map((m) => m.code)).toEqual([code]);
  return body.tppMessages[0] as { code: string; text: string };
}

/** The bank calls Bankbridge made for a request, as its log lines tell them. */
function bankCalls(requestId: string): string[] {
  return logLines
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => String(line.msg).startsWith('bank call') && line.reqId === requestId)
    .map((line) => `${line.method} ${line.path}`);
}

async function firstAccount(bic: string, consentId: string): Promise<string> {
  const response = await get(bic, consentId, `${AIS}/accounts`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().accounts[0].resourceId as string;
}

const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString().slice(0, 10);

beforeAll(async () => {
  tpp = await startTestPlatform({ sandbox: true, logLines });
  token = await tpp.token('accountinformation private');
});
afterAll(async () => tpp?.close());

describe('entryReferenceFrom at a bank that supports it (Nordea)', () => {
  const BIC = 'NDEASESS';
  let consent: string;
  let account: string;
  beforeAll(async () => {
    consent = await validRedirectConsent(tpp, { bic: BIC, token });
    account = await firstAccount(BIC, consent);
  });

  it('answers the transactions after the entry reference, and keeps it in the links', async () => {
    const path = `${AIS}/accounts/${account}/transactions`;
    const recent = await get(BIC, consent, `${path}?bookingStatus=booked&dateFrom=${daysAgo(10)}`);
    expect(recent.statusCode, recent.body).toBe(200);
    const booked = recent.json().transactions.booked as Transaction[];
    expect(booked.length).toBeGreaterThan(4);
    const from = (booked[3] as Transaction).entryReference;

    const after = await get(
      BIC,
      consent,
      `${path}?bookingStatus=booked&entryReferenceFrom=${from}`,
    );
    expect(after.statusCode, after.body).toBe(200);
    const report = after.json().transactions;
    expect(report.booked.map((t: Transaction) => t.transactionId)).toEqual(
      booked.slice(0, 3).map((t) => t.transactionId),
    );
    expect(
      new URL(report._links.first.href, 'http://x').searchParams.get('entryReferenceFrom'),
    ).toBe(from);
    expect(bankCalls(after.requestId)).toEqual([
      expect.stringContaining(`entryReferenceFrom=${from}`),
    ]);
  });

  it('refuses a malformed entry reference itself, and reports the bank refusing one', async () => {
    const path = `${AIS}/accounts/${account}/transactions?bookingStatus=booked`;
    const tooLong = await get(BIC, consent, `${path}&entryReferenceFrom=${'1'.repeat(36)}`);
    expectError(tooLong, 400, 'FORMAT_ERROR');
    expect(bankCalls(tooLong.requestId)).toEqual([]);
    const notOurs = await get(BIC, consent, `${path}&entryReferenceFrom=abc`);
    const message = expectError(notOurs, 400, 'FORMAT_ERROR');
    expect(message.text).toContain('Nordea');
  });

  it('refuses deltaList, which Nordea does not support, without asking it', async () => {
    const refused = await get(
      BIC,
      consent,
      `${AIS}/accounts/${account}/transactions?bookingStatus=booked&deltaList=true`,
    );
    expectError(refused, 400, 'PARAMETER_NOT_SUPPORTED');
    expect(bankCalls(refused.requestId)).toEqual([]);
  });
});

describe('deltaList at a bank that supports it (Deutsche Bank)', () => {
  const BIC = 'DEUTDEFF';
  let consent: string;
  let account: string;
  beforeAll(async () => {
    consent = await validRedirectConsent(tpp, {
      bic: BIC,
      token,
      body: consentBody(new Date(), { access: { allPsd2: 'allAccounts' } }),
    });
    account = await firstAccount(BIC, consent);
  });

  it('asks the bank for the delta, without dateFrom, and keeps deltaList in the links', async () => {
    const delta = await get(
      BIC,
      consent,
      `${AIS}/accounts/${account}/transactions?bookingStatus=booked&deltaList=true`,
    );
    expect(delta.statusCode, delta.body).toBe(200);
    const report = delta.json().transactions;
    expect(report.booked.length).toBeGreaterThan(0);
    expect(bankCalls(delta.requestId)).toEqual([expect.stringContaining('deltaList=true')]);
    const next = new URL(report._links.next.href, 'http://x');
    expect(next.searchParams.get('deltaList')).toBe('true');
    expect(next.searchParams.has('dateFrom')).toBe(false);
    const page = await get(BIC, consent, `${next.pathname}${next.search}`);
    expect(page.statusCode, page.body).toBe(200);
    expect(bankCalls(page.requestId)).toEqual([expect.stringContaining('deltaList=true')]);
  });

  it('refuses a deltaList that is not true or false, and entryReferenceFrom, without a bank call', async () => {
    const path = `${AIS}/accounts/${account}/transactions?bookingStatus=booked`;
    const malformed = await get(BIC, consent, `${path}&deltaList=yes`);
    expectError(malformed, 400, 'FORMAT_ERROR');
    const unsupported = await get(BIC, consent, `${path}&entryReferenceFrom=1000`);
    expect(expectError(unsupported, 400, 'PARAMETER_NOT_SUPPORTED').text).toContain(
      'Deutsche Bank',
    );
    expect([...bankCalls(malformed.requestId), ...bankCalls(unsupported.requestId)]).toEqual([]);
  });
});

describe('transaction details at a bank without them (Danske Bank)', () => {
  const BIC = 'DABASESX';
  let consent: string;
  let account: string;
  beforeAll(async () => {
    const psus = await (await tpp.admin('GET', `/banks/${BIC}/psus`)).json();
    const anna = psus.psus.find((p: { psuId: string }) => p.psuId === ANNA);
    const iban = anna.accounts[0].iban as string;
    consent = await validRedirectConsent(tpp, {
      bic: BIC,
      token,
      body: consentBody(new Date(), {
        access: { accounts: [{ iban }], transactions: [{ iban }] },
      }),
    });
    account = await firstAccount(BIC, consent);
  });

  it('lists transactions without detail links, and answers details 405 SERVICE_INVALID without a bank call', async () => {
    const path = `${AIS}/accounts/${account}/transactions`;
    const list = await get(BIC, consent, `${path}?bookingStatus=booked&dateFrom=${daysAgo(10)}`);
    expect(list.statusCode, list.body).toBe(200);
    const booked = list.json().transactions.booked as Transaction[];
    expect(booked.length).toBeGreaterThan(0);
    for (const transaction of booked) expect(transaction).not.toHaveProperty('_links');

    const details = await get(
      BIC,
      consent,
      `${path}/${encodeURIComponent((booked[0] as Transaction).transactionId)}`,
    );
    const message = expectError(details, 405, 'SERVICE_INVALID');
    expect(message.text).toContain('Danske Bank');
    expect(bankCalls(details.requestId)).toEqual([]);
  });
});
