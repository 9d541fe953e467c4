/**
 * Attack suite, the PSD2 API (`/psd2`): another TPP's ids, account ids outside the consent,
 * mass assignment, periods, formats and methods, oversized and malformed bodies, and header
 * injection, each with the exact answer. Beyond the answer, each case checks what the request
 * did: the bank calls it caused (none, for anything refused) and the stored state (unchanged).
 *
 * "No difference from an unknown id, in status, body or timing class": another TPP's consent
 * or account is refused by the same check, before any bank call, as an id that does not exist;
 * the test compares the answers byte for byte and asserts that neither made a bank call, rather
 * than timing requests, which would be flaky on a shared machine and say less.
 *
 * Covered elsewhere, not repeated here: X-Request-ID and Accept on the ASPSP information API
 * (test/psd2/conventions.test.ts), capping validUntil and frequencyPerDay at the bank's limits
 * (test/psd2/consent-api.test.ts).
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract } from '../../src/contract/index.js';
import { ANNA, consentBody, validConsent } from '../support/ais-consent.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import {
  AIS,
  anotherTpp,
  bankCallsOf,
  CONSENTS,
  DECOUPLED_BANK,
  PSU,
  psd2,
  storedState,
  type Tpp,
  testTpp,
  withoutPath,
} from './helpers.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const logLines: string[] = [];

let t: TestPlatform;
let tpp: Tpp;
let other: Tpp;
/** A valid bank-offered consent of `tpp` (every account of Anna), with an authorisation. */
let consentId: string;
let authorisationId: string;
/** Anna's accounts as `tpp` sees them through `consentId`. */
let accounts: { resourceId: string; iban: string }[];
/** One booked transaction of the first account. */
let transactionId: string;

beforeAll(async () => {
  t = await startTestPlatform({
    sandbox: true,
    logLines,
    env: { BANKBRIDGE_HOST: '127.0.0.1', BANKBRIDGE_API_PORT: '0', BANKBRIDGE_AUTH_PORT: '0' },
  });
  await t.platform.listen();
  tpp = await testTpp(t);
  other = await anotherTpp(t);
  consentId = await validConsent(t, { bic: DECOUPLED_BANK, token: tpp.token });
  const authorisations = await psd2(t, 'GET', `${CONSENTS}/${consentId}/authorisations`, {
    token: tpp.token,
  });
  authorisationId = authorisations.json().authorisationIds[0];
  const list = await psd2(t, 'GET', `${AIS}/accounts`, {
    token: tpp.token,
    headers: { 'consent-id': consentId },
  });
  expect(list.statusCode, list.body).toBe(200);
  accounts = list.json().accounts;
  const first = accounts[0] as { resourceId: string };
  const transactions = await psd2(
    t,
    'GET',
    `${AIS}/accounts/${first.resourceId}/transactions?bookingStatus=booked&dateFrom=${daysAgo(60)}`,
    { token: tpp.token, headers: { 'consent-id': consentId } },
  );
  expect(transactions.statusCode, transactions.body).toBe(200);
  transactionId = transactions.json().transactions.booked[0].transactionId;
});
afterAll(async () => {
  await t?.close();
});

function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

type Injected = Awaited<ReturnType<TestPlatform['api']['inject']>>;

function tppMessages(code: string, text: string) {
  return { tppMessages: [{ category: 'ERROR', code, text }] };
}

function expectProblem(response: Injected, status: number, code: string, text: string) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(withoutPath(response.json())).toEqual(tppMessages(code, text));
}

/** Sends a request under its own X-Request-ID; the answer and the bank calls it caused. */
async function traced(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  options: { token: string; body?: unknown; headers?: Record<string, string> },
) {
  const requestId = randomUUID();
  const response = await psd2(t, method, url, {
    ...options,
    headers: { ...options.headers, 'x-request-id': requestId },
  });
  return { response, bankCalls: bankCallsOf(t, requestId) };
}

describe("another TPP's ids", () => {
  const CONSENT_PATH_UNKNOWN = tppMessages(
    'CONSENT_UNKNOWN',
    'There is no consent with this id for this client (check the consentId in the path)',
  );
  const CONSENT_HEADER_UNKNOWN = tppMessages(
    'CONSENT_UNKNOWN',
    'There is no consent with this Consent-ID for this client',
  );

  /** Each operation with the ids it names: `tpp`'s, or ones that exist nowhere. */
  const operations = (ids: {
    consent: string;
    authorisation: string;
    account: string;
    transaction: string;
  }): [string, 'GET' | 'POST' | 'PUT' | 'DELETE', string, Record<string, unknown>][] => [
    ['read the consent', 'GET', `${CONSENTS}/${ids.consent}`, {}],
    ['read its status', 'GET', `${CONSENTS}/${ids.consent}/status`, {}],
    ['delete it', 'DELETE', `${CONSENTS}/${ids.consent}`, {}],
    ['start an authorisation', 'POST', `${CONSENTS}/${ids.consent}/authorisations`, {}],
    ['list its authorisations', 'GET', `${CONSENTS}/${ids.consent}/authorisations`, {}],
    [
      'read an authorisation',
      'GET',
      `${CONSENTS}/${ids.consent}/authorisations/${ids.authorisation}`,
      {},
    ],
    [
      'choose an SCA method',
      'PUT',
      `${CONSENTS}/${ids.consent}/authorisations/${ids.authorisation}`,
      { body: { authenticationMethodId: 'mbid' } },
    ],
    ['list accounts', 'GET', `${AIS}/accounts`, { consent: ids.consent }],
    ['read an account', 'GET', `${AIS}/accounts/${ids.account}`, { consent: ids.consent }],
    ['read balances', 'GET', `${AIS}/accounts/${ids.account}/balances`, { consent: ids.consent }],
    [
      'read transactions',
      'GET',
      `${AIS}/accounts/${ids.account}/transactions?bookingStatus=booked&dateFrom=${daysAgo(10)}`,
      { consent: ids.consent },
    ],
    [
      'read a transaction',
      'GET',
      `${AIS}/accounts/${ids.account}/transactions/${ids.transaction}`,
      { consent: ids.consent },
    ],
  ];

  it('are answered exactly like ids that do not exist, on every consent and data operation, without a bank call or a change', async () => {
    const theirs = operations({
      consent: consentId,
      authorisation: authorisationId,
      account: (accounts[0] as { resourceId: string }).resourceId,
      transaction: transactionId,
    });
    const nobodys = operations({
      consent: randomUUID(),
      authorisation: randomUUID(),
      account: randomUUID(),
      transaction: randomUUID(),
    });
    const before = await storedState(t);
    for (const [i, [name, method, url, extra]] of theirs.entries()) {
      const [, , unknownUrl, unknownExtra] = nobodys[i] as (typeof nobodys)[number];
      const send = (target: string, options: Record<string, unknown>) =>
        traced(method, target, {
          token: other.token,
          ...(options.body ? { body: options.body } : {}),
          headers: options.consent ? { 'consent-id': options.consent as string } : {},
        });
      const foreign = await send(url, extra);
      const unknown = await send(unknownUrl, unknownExtra);
      const expected = extra.consent ? CONSENT_HEADER_UNKNOWN : CONSENT_PATH_UNKNOWN;
      const status = extra.consent ? 400 : 403;
      expect(foreign.response.statusCode, name).toBe(status);
      expect(foreign.response.json(), name).toEqual(expected);
      expect(unknown.response.statusCode, name).toBe(status);
      expect(unknown.response.body, name).toBe(foreign.response.body);
      expect(Object.keys(unknown.response.headers).sort(), name).toEqual(
        Object.keys(foreign.response.headers).sort(),
      );
      expect(foreign.bankCalls, name).toEqual([]);
      expect(unknown.bankCalls, name).toEqual([]);
    }
    expect(await storedState(t)).toEqual(before);
    // The consent is untouched for its own TPP.
    const status = await psd2(t, 'GET', `${CONSENTS}/${consentId}/status`, { token: tpp.token });
    expect(status.json()).toEqual({ consentStatus: 'valid' });
  });

  it("answers an unknown authorisation of one's own consent alike, with the path's consent named", async () => {
    const { response, bankCalls } = await traced(
      'PUT',
      `${CONSENTS}/${consentId}/authorisations/${randomUUID()}`,
      { token: other.token, body: { authenticationMethodId: 'mbid' } },
    );
    expect(response.json()).toEqual(CONSENT_PATH_UNKNOWN);
    expect(bankCalls).toEqual([]);
  });
});

describe('account ids outside the consent', () => {
  /** A consent of `tpp` for Anna's first account only, balances included. */
  let narrow: string;
  let inside: { resourceId: string; iban: string };
  let outside: { resourceId: string; iban: string };
  /** The id `other` was given for the account `inside` names. */
  let theirIdOfInside: string;

  beforeAll(async () => {
    [inside, outside] = accounts as [typeof inside, typeof outside];
    narrow = await validConsent(t, {
      bic: DECOUPLED_BANK,
      token: tpp.token,
      body: consentBody(new Date(), {
        access: { accounts: [{ iban: inside.iban }], balances: [{ iban: inside.iban }] },
      }),
    });
    const theirs = await validConsent(t, { bic: DECOUPLED_BANK, token: other.token });
    const list = await psd2(t, 'GET', `${AIS}/accounts`, {
      token: other.token,
      headers: { 'consent-id': theirs },
    });
    theirIdOfInside = list
      .json()
      .accounts.find((a: { iban: string }) => a.iban === inside.iban).resourceId;
    expect(theirIdOfInside).not.toBe(inside.resourceId);
  });

  it('are answered 404 RESOURCE_UNKNOWN on every account endpoint, exactly like a random id, without a bank call', async () => {
    const ids: [string, () => string][] = [
      ['another account of the PSU, which the consent does not name', () => outside.resourceId],
      ["another TPP's id for the very account the consent names", () => theirIdOfInside],
      ['an id that exists nowhere', () => randomUUID()],
      ['an IBAN in place of the id', () => inside.iban],
    ];
    const before = await storedState(t);
    for (const [, id] of ids) {
      for (const path of [
        '',
        '/balances',
        `/transactions?bookingStatus=booked&dateFrom=${daysAgo(10)}`,
        `/transactions/${transactionId}`,
      ]) {
        const { response, bankCalls } = await traced('GET', `${AIS}/accounts/${id()}${path}`, {
          token: tpp.token,
          headers: { 'consent-id': narrow },
        });
        expectProblem(response, 404, 'RESOURCE_UNKNOWN', 'The account-id is not known');
        expect(bankCalls).toEqual([]);
      }
    }
    expect(await storedState(t)).toEqual(before);
    // The account the consent names is there.
    const own = await psd2(t, 'GET', `${AIS}/accounts/${inside.resourceId}/balances`, {
      token: tpp.token,
      headers: { 'consent-id': narrow },
    });
    expect(own.statusCode, own.body).toBe(200);
  });
});

describe('transaction ids', () => {
  it('that the bank does not know in an account it does are answered 404 naming the transaction, not the account', async () => {
    const account = (accounts[0] as { resourceId: string }).resourceId;
    for (const transaction of [randomUUID(), 'x', `${transactionId}0`]) {
      const response = await psd2(
        t,
        'GET',
        `${AIS}/accounts/${account}/transactions/${encodeURIComponent(transaction)}`,
        { token: tpp.token, headers: { 'consent-id': consentId } },
      );
      expectProblem(
        response,
        404,
        'RESOURCE_UNKNOWN',
        'The transactionId is not known in this account',
      );
    }
    const known = await psd2(t, 'GET', `${AIS}/accounts/${account}/transactions/${transactionId}`, {
      token: tpp.token,
      headers: { 'consent-id': consentId },
    });
    expect(known.statusCode, known.body).toBe(200);
  });
});

describe('mass assignment on consent creation', () => {
  it("ignores a status, ids, links, another client, bank and context in the body: the consent is received, and the caller's", async () => {
    const body = {
      ...consentBody(new Date()),
      consentStatus: 'valid',
      consentId: 'chosen-by-the-tpp',
      scaStatus: 'finalised',
      lastActionDate: '2020-01-01',
      _links: { self: { href: 'https://attacker.example/' } },
      clientId: other.id,
      client_id: other.id,
      bic: 'NDEASESS',
      bicFi: 'NDEASESS',
      bankConsentId: 'bank-side-id',
      psuContext: 'corporate',
      psu_context: 'corporate',
      grantedAccess: { allPsd2: 'allAccounts' },
      version: 99,
    };
    const created = await psd2(t, 'POST', CONSENTS, { token: tpp.token, body });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().consentId as string;
    expect(id).toMatch(UUID);
    expect(created.json().consentStatus).toBe('received');
    const read = await psd2(t, 'GET', `${CONSENTS}/${id}`, { token: tpp.token });
    expect(Object.keys(read.json()).sort()).toEqual([
      '_links',
      'access',
      'consentStatus',
      'frequencyPerDay',
      'lastActionDate',
      'recurringIndicator',
      'validUntil',
    ]);
    expect(read.json()).toMatchObject({
      access: {},
      consentStatus: 'received',
      // The bank's local date: in Stockholm the day starts before it does in UTC.
      lastActionDate: new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(
        new Date(),
      ),
    });
    const row = await t.store.db
      .selectFrom('consents')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      client_id: tpp.id,
      bic: DECOUPLED_BANK,
      status: 'received',
      psu_context: 'private',
      granted_access: null,
      version: 1,
    });
    expect(row.bank_consent_id).not.toBe('bank-side-id');
    // Nor can it be used before the PSU authorised it.
    const data = await psd2(t, 'GET', `${AIS}/accounts`, {
      token: tpp.token,
      headers: { 'consent-id': id },
    });
    expect(data.statusCode).toBe(401);
    expect(data.json().tppMessages[0].code).toBe('CONSENT_INVALID');
    // The other client does not see it.
    const theirs = await psd2(t, 'GET', `${CONSENTS}/${id}`, { token: other.token });
    expect(theirs.statusCode).toBe(403);
  });

  it('keeps __proto__ and constructor in the body as data: nothing is granted, no prototype polluted', async () => {
    const base = consentBody(new Date());
    const text = JSON.stringify(base).replace(
      /^\{/,
      '{"__proto__":{"consentStatus":"valid","polluted":true},"constructor":{"prototype":{"polluted":true}},',
    );
    const created = await psd2(t, 'POST', CONSENTS, { token: tpp.token, body: text });
    expect(created.statusCode, created.body).toBe(201);
    const read = await psd2(t, 'GET', `${CONSENTS}/${created.json().consentId}`, {
      token: tpp.token,
    });
    expect(read.json()).toMatchObject({ access: {}, consentStatus: 'received' });
    // Inside access, which carries the grant, __proto__ is a field access does not have.
    const before = await storedState(t);
    const withAccess = text.replace(
      '"access":{}',
      '"access":{"__proto__":{"allPsd2":"allAccounts","accounts":[{"iban":"SE3550000000054910000003"}]}}',
    );
    const { response, bankCalls } = await traced('POST', CONSENTS, {
      token: tpp.token,
      body: withAccess,
    });
    expectProblem(
      response,
      400,
      'FORMAT_ERROR',
      'access.__proto__: is not a field of access; the fields are accounts, balances, transactions, availableAccounts, availableAccountsWithBalance, allPsd2',
    );
    expect(bankCalls).toEqual([]);
    expect(await storedState(t)).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('consentStatus');
    expect(Object.prototype).not.toHaveProperty('allPsd2');
  });

  it.each([
    [
      'a misspelt list',
      { acounts: [{ iban: 'SE3550000000054910000003' }] },
      'access.acounts: is not a field of access; the fields are accounts, balances, transactions, availableAccounts, availableAccountsWithBalance, allPsd2',
    ],
    [
      'a misspelt currency in an account',
      { accounts: [{ iban: 'SE3550000000054910000003', currncy: 'SEK' }] },
      'access.accounts[0].currncy: is not a field of an account reference; the fields are iban, bban, currency',
    ],
    [
      'a status inside access',
      { accounts: [{ iban: 'SE3550000000054910000003' }], consentStatus: 'valid' },
      'access.consentStatus: is not a field of access; the fields are accounts, balances, transactions, availableAccounts, availableAccountsWithBalance, allPsd2',
    ],
  ])(
    'refuses %s with 400 FORMAT_ERROR naming it, rather than granting more than asked: nothing stored, no bank call',
    async (_, access, text) => {
      const before = await storedState(t);
      const { response, bankCalls } = await traced('POST', CONSENTS, {
        token: tpp.token,
        body: { ...consentBody(new Date()), access },
      });
      expectProblem(response, 400, 'FORMAT_ERROR', text);
      expect(bankCalls).toEqual([]);
      expect(await storedState(t)).toEqual(before);
    },
  );

  it("caps values far over the bank's limits, and refuses values no limit can make sense of", async () => {
    const bank = t.platform.registry.aspsps.find((a) => a.bicFi === DECOUPLED_BANK);
    if (!bank) throw new Error(`${DECOUPLED_BANK} is not in the registry`);
    const inDays = (days: number) =>
      new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    for (const [validUntil, frequencyPerDay] of [
      ['9999-12-31', 1e308],
      ['2999-01-01', Number.MAX_SAFE_INTEGER],
      ['9999-12-31', 2 ** 53 + 2],
    ] as const) {
      const created = await psd2(t, 'POST', CONSENTS, {
        token: tpp.token,
        body: consentBody(new Date(), { validUntil, frequencyPerDay }),
      });
      expect(created.statusCode, created.body).toBe(201);
      const read = await psd2(t, 'GET', `${CONSENTS}/${created.json().consentId}`, {
        token: tpp.token,
      });
      expect(read.json()).toMatchObject({
        validUntil: inDays(bank.consent.maxValidityDays),
        frequencyPerDay: bank.consent.maxFrequencyPerDay,
      });
    }
    const refusals: [string, Record<string, unknown>, string][] = [
      [
        'frequencyPerDay Infinity',
        { frequencyPerDay: 'INFINITY' },
        'frequencyPerDay: must be an integer of at least 1 (got a string)',
      ],
      [
        'frequencyPerDay 0',
        { frequencyPerDay: 0 },
        'frequencyPerDay: must be an integer of at least 1 (got a number 0)',
      ],
      [
        'frequencyPerDay negative',
        { frequencyPerDay: -4 },
        'frequencyPerDay: must be an integer of at least 1 (got a number -4)',
      ],
      [
        'frequencyPerDay a fraction',
        { frequencyPerDay: 1.5 },
        'frequencyPerDay: must be an integer of at least 1 (got a number 1.5)',
      ],
      [
        'validUntil past year 9999',
        { validUntil: '+275760-09-13' },
        'validUntil: must be a date written YYYY-MM-DD, e.g. "2026-12-31"',
      ],
      [
        'validUntil a day that does not exist',
        { validUntil: '2099-02-30' },
        'validUntil: must be a date written YYYY-MM-DD, e.g. "2026-12-31"',
      ],
      [
        'an IBAN of 5,000 characters',
        { access: { accounts: [{ iban: `SE${'1'.repeat(5000)}` }] } },
        'access.accounts[0].iban: is not an IBAN (two capital letters, two check digits, up to 30 letters or digits)',
      ],
    ];
    const before = await storedState(t);
    for (const [name, change, text] of refusals) {
      const body = JSON.stringify(consentBody(new Date(), change)).replace('"INFINITY"', '1e400');
      const response = await psd2(t, 'POST', CONSENTS, { token: tpp.token, body });
      expect(response.statusCode, name).toBe(400);
      expect(withoutPath(response.json()), name).toEqual(
        tppMessages('FORMAT_ERROR', text.replace('(got a string)', '(got a number Infinity)')),
      );
    }
    expect(await storedState(t)).toEqual(before);
  });
});

describe('periods', () => {
  it('refuses dateFrom after dateTo with 400 PERIOD_INVALID, before the bank and the budget', async () => {
    const account = (accounts[0] as { resourceId: string }).resourceId;
    const before = await storedState(t);
    for (const psuPresent of [true, false]) {
      const { response, bankCalls } = await traced(
        'GET',
        `${AIS}/accounts/${account}/transactions?bookingStatus=booked&dateFrom=${daysAgo(1)}&dateTo=${daysAgo(2)}`,
        {
          token: tpp.token,
          headers: {
            'consent-id': consentId,
            ...(psuPresent ? {} : { 'psu-ip-address': '' }),
          },
        },
      );
      expectProblem(
        response,
        400,
        'PERIOD_INVALID',
        `dateFrom (${daysAgo(1)}) is after dateTo (${daysAgo(2)})`,
      );
      expect(bankCalls).toEqual([]);
    }
    // The unattended read was counted and given back: the day's budget is as it was.
    expect(await storedState(t)).toEqual(before);
  });
});

describe('formats and methods', () => {
  const contract = loadContract();
  /** Concrete URLs for a contract path: the consent and account of this file, ids elsewhere. */
  const urlOf = (template: string) =>
    `/psd2${template}`
      .replace('{consentId}', consentId)
      .replace('{authorisationId}', authorisationId)
      .replace('{account-id}', (accounts[0] as { resourceId: string }).resourceId)
      .replace('{transactionId}', transactionId)
      .replace(/\{[^}]+\}/g, 'SE');
  const served = (template: string) => !template.startsWith('/paymentinitiation/');

  it('answers a wrong Accept on every operation of the contract with 406, before anything else', async () => {
    const before = await storedState(t);
    for (const operation of contract.operations.operations) {
      const method = operation.method.toUpperCase() as 'GET';
      const { response, bankCalls } = await traced(method, urlOf(operation.pathTemplate), {
        token: tpp.token,
        headers: { accept: 'text/html' },
        ...(method === 'GET' || method === 'DELETE' ? {} : { body: {} }),
      });
      expectProblem(
        response,
        406,
        'REQUESTED_FORMATS_INVALID',
        'this endpoint answers application/json, which the Accept header "text/html" does not allow',
      );
      expect(bankCalls, operation.operationId).toEqual([]);
    }
    expect(await storedState(t)).toEqual(before);
  });

  it('answers every method a served path of the contract does not declare with 405 and Allow', async () => {
    const byPath = new Map<string, Set<string>>();
    for (const operation of contract.operations.operations) {
      if (!served(operation.pathTemplate)) continue;
      const methods = byPath.get(operation.pathTemplate) ?? new Set<string>();
      methods.add(operation.method.toUpperCase());
      byPath.set(operation.pathTemplate, methods);
    }
    expect(byPath.size).toBe(16);
    const before = await storedState(t);
    for (const [template, declared] of byPath) {
      for (const method of ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] as const) {
        if (declared.has(method)) continue;
        const response = await t.api.inject({
          method,
          url: urlOf(template),
          headers: {
            authorization: `Bearer ${tpp.token}`,
            'x-request-id': randomUUID(),
            'content-type': 'application/json',
          },
          ...(method === 'GET' || method === 'DELETE' ? {} : { payload: '{}' }),
        });
        expectProblem(response, 405, 'SERVICE_INVALID', `${method} is not supported here`);
        expect(
          new Set(String(response.headers.allow).split(', ')),
          `${method} ${template}`,
        ).toEqual(declared);
      }
    }
    expect(await storedState(t)).toEqual(before);
  });
});

describe('caching', () => {
  it('marks every /psd2 answer no-store, data and errors alike', async () => {
    const account = (accounts[0] as { resourceId: string }).resourceId;
    const answers = [
      await psd2(t, 'GET', `${AIS}/accounts/${account}/balances`, {
        token: tpp.token,
        headers: { 'consent-id': consentId },
      }),
      await psd2(t, 'GET', `${CONSENTS}/${consentId}`, { token: tpp.token }),
      await psd2(t, 'GET', '/psd2/aspspinformation/v1/aspsps', {
        token: await t.token('aspspinformation'),
      }),
      await psd2(t, 'GET', `${AIS}/accounts`, {
        token: other.token,
        headers: { 'consent-id': consentId },
      }),
      await psd2(t, 'GET', `${AIS}/accounts`, { token: 'nothing' }),
      await psd2(t, 'GET', `${AIS}/accounts`, {
        token: tpp.token,
        headers: { 'x-request-id': 'x' },
      }),
      await psd2(t, 'PATCH' as 'GET', `${CONSENTS}/${consentId}`, { token: tpp.token }),
      await psd2(t, 'GET', '/psd2/nothing-here', { token: tpp.token }),
    ];
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 400, 401, 400, 405, 404]);
    for (const answer of answers) expect(answer.headers['cache-control']).toBe('no-store');
  });
});

describe('request bodies', () => {
  const LIMIT = 64 * 1024;
  const bodyOperations = () =>
    [
      ['POST', CONSENTS],
      ['POST', `${CONSENTS}/${consentId}/authorisations`],
      ['PUT', `${CONSENTS}/${consentId}/authorisations/${authorisationId}`],
    ] as const;

  it('refuses a body over 64 KiB with 413, and reads one at the limit', async () => {
    const before = await storedState(t);
    for (const [method, url] of bodyOperations()) {
      const { response, bankCalls } = await traced(method, url, {
        token: tpp.token,
        body: `{"access":{},"padding":"${'x'.repeat(LIMIT)}"}`,
      });
      expectProblem(response, 413, 'FORMAT_ERROR', 'the request body is too large');
      expect(bankCalls).toEqual([]);
    }
    expect(await storedState(t)).toEqual(before);
    const atLimit = JSON.stringify(consentBody(new Date()));
    const padded = `${atLimit}${' '.repeat(LIMIT - Buffer.byteLength(atLimit))}`;
    expect(Buffer.byteLength(padded)).toBe(LIMIT);
    const created = await psd2(t, 'POST', CONSENTS, { token: tpp.token, body: padded });
    expect(created.statusCode, created.body).toBe(201);
  });

  it('refuses a streamed body that grows past the limit without a Content-Length', async () => {
    const port = (t.api.server.address() as AddressInfo).port;
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          [
            `POST ${CONSENTS} HTTP/1.1`,
            'Host: api.bankbridge.test',
            `Authorization: Bearer ${tpp.token}`,
            `X-Request-ID: ${randomUUID()}`,
            'X-BicFi: SWEDSESS',
            'Content-Type: application/json',
            'Transfer-Encoding: chunked',
            'Connection: close',
            '',
            '',
          ].join('\r\n'),
        );
        const chunk = 'x'.repeat(16 * 1024);
        for (let i = 0; i < 8; i++) socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
        socket.end('0\r\n\r\n');
      });
      let received = '';
      socket.on('data', (data) => {
        received += data.toString('utf8');
      });
      socket.on('close', () => resolve(received));
      socket.on('error', (error) =>
        (error as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve(received) : reject(error),
      );
    });
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toContain(
      JSON.stringify(tppMessages('FORMAT_ERROR', 'the request body is too large')),
    );
  });

  it.each([
    ['cut short', '{"access":'],
    ['unquoted names', '{access: {}}'],
    ['single quotes', "{'access': {}}"],
    ['a trailing comma', '{"access": {},}'],
    ['two documents', '{"access": {}}{"access": {}}'],
    ['NaN', '{"frequencyPerDay": NaN}'],
    ['a byte-order mark', `\uFEFF${JSON.stringify({ access: {} })}`],
    ['a NUL byte', '{"access"\u0000: {}}'],
  ])('refuses JSON with %s: 400 FORMAT_ERROR, nothing stored', async (_, payload) => {
    const before = await storedState(t);
    for (const [method, url] of bodyOperations()) {
      const response = await t.api.inject({
        method,
        url,
        headers: {
          authorization: `Bearer ${tpp.token}`,
          'x-request-id': randomUUID(),
          'x-bicfi': DECOUPLED_BANK,
          'content-type': 'application/json',
          ...PSU,
        },
        payload,
      });
      expectProblem(response, 400, 'FORMAT_ERROR', 'the request body is not valid JSON');
    }
    expect(await storedState(t)).toEqual(before);
  });

  it('reads bytes that are not UTF-8 as U+FFFD: a field no rule knows, 400 FORMAT_ERROR', async () => {
    const response = await t.api.inject({
      method: 'POST',
      url: CONSENTS,
      headers: {
        authorization: `Bearer ${tpp.token}`,
        'x-request-id': randomUUID(),
        'x-bicfi': DECOUPLED_BANK,
        'content-type': 'application/json',
        ...PSU,
      },
      payload: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
    });
    expectProblem(response, 400, 'FORMAT_ERROR', 'access: is required');
  });

  it('refuses JSON nested 100,000 deep without running out of stack', async () => {
    const response = await psd2(t, 'POST', CONSENTS, {
      token: tpp.token,
      body: `{"access":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
    });
    expect(response.statusCode).toBe(413);
    const deepButSmall = await psd2(t, 'POST', CONSENTS, {
      token: tpp.token,
      body: `${'['.repeat(30_000)}${']'.repeat(30_000)}`,
    });
    expectProblem(deepButSmall, 400, 'FORMAT_ERROR', 'body: must be a JSON object (got an array)');
  });

  it.each([
    ['text/plain', '{"access":{}}'],
    ['application/x-www-form-urlencoded', 'access=%7B%7D'],
    ['application/xml', '<consents/>'],
    ['multipart/form-data; boundary=x', '--x\r\n\r\n{}\r\n--x--'],
  ])('refuses a %s body with 415 FORMAT_ERROR', async (contentType, payload) => {
    const before = await storedState(t);
    const response = await psd2(t, 'POST', CONSENTS, {
      token: tpp.token,
      body: payload,
      headers: { 'content-type': contentType },
    });
    expectProblem(response, 415, 'FORMAT_ERROR', 'the request body must be application/json');
    expect(await storedState(t)).toEqual(before);
  });
});

describe('PSU headers', () => {
  const IP =
    "the PSU-IP-Address header must be the PSU's IP address, IPv4 or IPv6, e.g. 192.0.2.10";
  const PORT = 'the PSU-IP-Port header must be a port number from 1 to 65535';
  const GEO =
    'the PSU-Geo-Location header must be GEO:<latitude>;<longitude> with six decimals, e.g. GEO:52.506931;13.144558';
  const DEVICE = 'the PSU-Device-ID header must be a UUID';
  const METHOD = 'the PSU-Http-Method header must be one of GET, POST, PUT, PATCH, DELETE';

  /** Every consent and account information operation, with ids and bodies that would be valid. */
  const operations = () => {
    const account = accounts[0]?.resourceId as string;
    return [
      ['POST', CONSENTS, consentBody(new Date())],
      ['GET', `${CONSENTS}/${consentId}`],
      ['GET', `${CONSENTS}/${consentId}/status`],
      ['DELETE', `${CONSENTS}/${consentId}`],
      ['POST', `${CONSENTS}/${consentId}/authorisations`],
      ['GET', `${CONSENTS}/${consentId}/authorisations`],
      ['GET', `${CONSENTS}/${consentId}/authorisations/${authorisationId}`],
      [
        'PUT',
        `${CONSENTS}/${consentId}/authorisations/${authorisationId}`,
        { authenticationMethodId: 'mbid' },
      ],
      ['GET', `${AIS}/accounts`],
      ['GET', `${AIS}/accounts/${account}`],
      ['GET', `${AIS}/accounts/${account}/balances`],
      [
        'GET',
        `${AIS}/accounts/${account}/transactions?bookingStatus=booked&dateFrom=${daysAgo(10)}`,
      ],
      ['GET', `${AIS}/accounts/${account}/transactions/${transactionId}`],
    ] as const;
  };

  it.each([
    ['psu-ip-address', '<script>alert(1)</script>', IP],
    ['psu-ip-address', '192.0.2.300', IP],
    ['psu-ip-address', '192.0.2.10, 198.51.100.7', IP],
    ['psu-ip-address', 'localhost', IP],
    ['psu-ip-address', 'fe80::1%eth0', IP],
    ['psu-ip-port', '65536', PORT],
    ['psu-ip-port', '0', PORT],
    ['psu-ip-port', '80; rm -rf /', PORT],
    ['psu-geo-location', 'GEO:52.5;13.1', GEO],
    ['psu-geo-location', 'x GEO:52.506931;13.144558 y', GEO],
    ['psu-device-id', 'my-phone', DEVICE],
    ['psu-http-method', 'TRACE', METHOD],
  ])(
    'refuses %s: %s with 400 FORMAT_ERROR naming the header on every consent and account operation, before any bank call or change',
    async (header, value, text) => {
      const before = await storedState(t);
      for (const [method, url, body] of operations()) {
        const { response, bankCalls } = await traced(method, url, {
          token: tpp.token,
          ...(body === undefined ? {} : { body }),
          headers: { 'consent-id': consentId, [header]: value },
        });
        expectProblem(response, 400, 'FORMAT_ERROR', text);
        expect(bankCalls, `${method} ${url}`).toEqual([]);
      }
      expect(await storedState(t)).toEqual(before);
    },
  );

  it("takes IPv6 and the contract's own examples of the other PSU headers", async () => {
    const response = await psd2(t, 'GET', `${AIS}/accounts`, {
      token: tpp.token,
      headers: {
        'consent-id': consentId,
        'psu-ip-address': '2001:db8::10',
        'psu-ip-port': '1234',
        'psu-geo-location': 'GEO:52.506931;13.144558',
        'psu-device-id': '99435c7e-ad88-49ec-a2ad-99ddcb1f5555',
        'psu-http-method': 'GET',
      },
    });
    expect(response.statusCode, response.body).toBe(200);
  });
});

describe('X-Request-ID injection', () => {
  const attempts: [string, string][] = [
    ['CR/LF and a header', `${randomUUID()}\r\nSet-Cookie: stolen=1`],
    ['a bare LF', `${randomUUID()}\nX-Evil: 1`],
    ['a script', '<script>alert(1)</script>'],
    ['a log line', '"},{"level":60,"msg":"forged'],
    ['unicode', 'ſ'.repeat(36)],
    ['4,000 characters', 'a'.repeat(4000)],
  ];
  const operations = () =>
    [
      ['GET', '/psd2/aspspinformation/v1/aspsps'],
      ['GET', `${CONSENTS}/${consentId}`],
      ['POST', CONSENTS],
      ['GET', `${AIS}/accounts`],
    ] as const;

  it.each(attempts)(
    'with %s: 400 FORMAT_ERROR on every API, never echoed or logged, nothing done',
    async (_, value) => {
      const before = await storedState(t);
      const linesBefore = logLines.length;
      for (const [method, url] of operations()) {
        const response = await t.api.inject({
          method,
          url,
          headers: {
            authorization: `Bearer ${tpp.token}`,
            'x-request-id': value,
            'consent-id': consentId,
            'x-bicfi': DECOUPLED_BANK,
            'content-type': 'application/json',
            ...PSU,
          },
          ...(method === 'POST' ? { payload: JSON.stringify(consentBody(new Date())) } : {}),
        });
        expectProblem(response, 400, 'FORMAT_ERROR', 'the X-Request-ID header must be a UUID');
        expect(response.headers['x-request-id']).toMatch(UUID);
        expect(response.headers['set-cookie']).toBeUndefined();
        expect(response.headers['x-evil']).toBeUndefined();
        expect(response.rawPayload.toString('latin1')).not.toContain(value.slice(0, 20));
      }
      const logged = logLines.slice(linesBefore).join('\n');
      expect(logged).not.toContain(value.slice(0, 20));
      expect(logged).not.toContain(JSON.stringify(value).slice(1, 21));
      expect(await storedState(t)).toEqual(before);
    },
  );

  it('over a socket, CR or LF inside the header never reaches Bankbridge: the HTTP parser refuses the request', async () => {
    const port = (t.api.server.address() as AddressInfo).port;
    for (const injected of ['abc\rSet-Cookie: stolen=1', 'abc\r\n Set-Cookie: stolen=1']) {
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.end(
            `GET /psd2/aspspinformation/v1/aspsps HTTP/1.1\r\nHost: x\r\nX-Request-ID: ${injected}\r\nConnection: close\r\n\r\n`,
          );
        });
        let received = '';
        socket.on('data', (data) => {
          received += data.toString('latin1');
        });
        socket.on('close', () => resolve(received));
        socket.on('error', reject);
      });
      expect(answer).toMatch(/^HTTP\/1\.1 400 /);
      expect(answer).not.toContain('stolen');
    }
    // The server goes on serving.
    const after = await fetch(`http://127.0.0.1:${port}/health`);
    expect(after.status).toBe(200);
  });

  it('on /connect, is replaced by a fresh id and never logged', async () => {
    const linesBefore = logLines.length;
    const value = `${randomUUID()}\r\nX-Evil: 1`;
    const response = await t.auth.inject({
      method: 'POST',
      url: '/connect/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-request-id': value },
      payload: `grant_type=client_credentials&client_id=${tpp.id}&client_secret=wrong&scope=aspspinformation`,
    });
    expect(response.statusCode).toBe(401);
    expect(response.headers['x-request-id']).toMatch(UUID);
    expect(response.headers['x-evil']).toBeUndefined();
    expect(logLines.slice(linesBefore).join('\n')).not.toContain(value.slice(0, 36));
  });
});

describe('the consent of another PSU at the same TPP', () => {
  it('is read only through its own Consent-ID: ids of one consent do not open another', async () => {
    // Lars's consent at the same bank, same TPP: Anna's account ids are not in it.
    const lars = await validConsent(t, {
      bic: DECOUPLED_BANK,
      token: tpp.token,
      psuId: '196505057775',
    });
    const { response, bankCalls } = await traced(
      'GET',
      `${AIS}/accounts/${(accounts[0] as { resourceId: string }).resourceId}/balances`,
      { token: tpp.token, headers: { 'consent-id': lars } },
    );
    expectProblem(response, 404, 'RESOURCE_UNKNOWN', 'The account-id is not known');
    expect(bankCalls).toEqual([]);
    expect(ANNA).not.toBe('196505057775');
  });
});
