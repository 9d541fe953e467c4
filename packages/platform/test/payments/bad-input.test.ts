/**
 * Bad input changes nothing: representative refusals of a payment's body, each a 400 with the
 * contract's code and the field's path, with no payment stored at Bankbridge and no call to
 * the bank. Through Bankbridge with the sandbox banks over HTTP; the exhaustive cases are the
 * rules' unit tests (test/payments/rules) and the fuzzer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNA } from '../support/ais-consent.js';
import {
  accountsOf,
  bankDate,
  expectRefusal,
  type PaymentCaller,
  paymentBody,
  pis,
  storedPayments,
} from '../support/payments.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

const OUTSIDE_SE = 'SE4550000000058398257466';
/** The last check digit of OUTSIDE_SE changed: the IBAN's checksum fails. */
const BAD_CHECKSUM = 'SE4550000000058398257467';

let tpp: TestPlatform;
let swedbank: PaymentCaller;
let debtor: string;

beforeAll(async () => {
  tpp = await startTestPlatform({ sandbox: true });
  swedbank = {
    bic: 'SWEDSESS',
    token: await tpp.token('paymentinitiation private'),
    headers: { 'tpp-redirect-preferred': 'false' },
  };
  const [anna] = await accountsOf(tpp, 'SWEDSESS', ANNA);
  debtor = anna?.iban as string;
});

afterAll(async () => {
  await tpp?.close();
});

const single = (extra: Record<string, unknown> = {}) => ({
  ...paymentBody(debtor, OUTSIDE_SE, '10.00'),
  ...extra,
});
const amount = (value: unknown) => single({ instructedAmount: { currency: 'SEK', amount: value } });
const periodic = (extra: Record<string, unknown>) =>
  single({ startDate: bankDate(1), frequency: 'Monthly', ...extra });
const bulkItem = (value: string) => ({
  instructedAmount: { currency: 'SEK', amount: value },
  creditorAccount: { iban: OUTSIDE_SE },
  creditorName: 'Payee',
});

type Case = [name: string, path: string, body: () => unknown, code: string, field: RegExp];

const CASES: Case[] = [
  [
    'amount "0"',
    '/payments/domestic',
    () => amount('0'),
    'FORMAT_ERROR',
    /^instructedAmount\.amount$/,
  ],
  [
    'amount "1.001" (SEK has two decimals)',
    '/payments/domestic',
    () => amount('1.001'),
    'FORMAT_ERROR',
    /^instructedAmount\.amount$/,
  ],
  [
    'amount as a JSON number 12.5',
    '/payments/domestic',
    () => amount(12.5),
    'FORMAT_ERROR',
    /^instructedAmount\.amount$/,
  ],
  [
    'an unknown field (a misspelt requestedExecutionDate)',
    '/payments/domestic',
    () => single({ requestedExecutonDate: bankDate(3) }),
    'FORMAT_ERROR',
    /^requestedExecutonDate$/,
  ],
  [
    'an IBAN whose checksum fails',
    '/payments/domestic',
    () => single({ creditorAccount: { iban: BAD_CHECKSUM } }),
    'FORMAT_ERROR',
    /^creditorAccount\.iban$/,
  ],
  [
    'requestedExecutionDate in the past',
    '/payments/domestic',
    () => single({ requestedExecutionDate: bankDate(-1) }),
    'EXECUTION_DATE_INVALID',
    /^requestedExecutionDate$/,
  ],
  [
    'periodic endDate before startDate',
    '/periodic-payments/domestic',
    () => periodic({ startDate: bankDate(5), endDate: bankDate(2) }),
    'PERIOD_INVALID',
    /^endDate$/,
  ],
  [
    'periodic dayOfExecution "01" (the contract\'s "1".."31")',
    '/periodic-payments/domestic',
    () => periodic({ dayOfExecution: '01' }),
    'FORMAT_ERROR',
    /^dayOfExecution$/,
  ],
  [
    'a bulk payment with one bad item',
    '/bulk-payments/domestic',
    () => ({ debtorAccount: { iban: debtor }, payments: [bulkItem('1.00'), bulkItem('-1')] }),
    'FORMAT_ERROR',
    /^payments\[1\]\.instructedAmount\.amount$/,
  ],
  [
    'a bulk payment without items',
    '/bulk-payments/domestic',
    () => ({ debtorAccount: { iban: debtor }, payments: [] }),
    'FORMAT_ERROR',
    /^payments$/,
  ],
];

describe('a refused payment body: 400, the path named, nothing stored, no bank call', () => {
  it.each(CASES)('%s', async (_name, path, body, code, field) => {
    const stored = await storedPayments(tpp);
    const bankLines = tpp.bankLogLines.length;
    const answer = await pis(tpp, swedbank, 'POST', path, body());
    expectRefusal(answer, 400, code);
    expect(answer.json.tppMessages[0].path, answer.body).toMatch(field);
    expect(await storedPayments(tpp)).toBe(stored);
    expect(tpp.bankLogLines.slice(bankLines)).toEqual([]);
  });

  it('(the same body made valid reaches the bank, and its call is seen)', async () => {
    const bankLines = tpp.bankLogLines.length;
    const answer = await pis(tpp, swedbank, 'POST', '/payments/domestic', single());
    expect(answer.statusCode, answer.body).toBe(201);
    expect(tpp.bankLogLines.slice(bankLines).join('\n')).toContain('/v1/payments/domestic');
  });

  it('a body that is not JSON', async () => {
    const stored = await storedPayments(tpp);
    const response = await tpp.api.inject({
      method: 'POST',
      url: '/psd2/paymentinitiation/v1/payments/domestic',
      headers: {
        authorization: `Bearer ${swedbank.token}`,
        'content-type': 'application/json',
        'x-request-id': '6f1f7c3e-3b1e-4f5e-9d7a-0a4c1e2b3c4d',
        'x-bicfi': 'SWEDSESS',
        'psu-ip-address': '192.0.2.10',
        'psu-user-agent': 'Mozilla/5.0 (test)',
      },
      payload: '{"instructedAmount": ',
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().tppMessages[0].code).toBe('FORMAT_ERROR');
    expect(await storedPayments(tpp)).toBe(stored);
  });

  it('the PSU-IP-Address header missing on the initiation', async () => {
    const stored = await storedPayments(tpp);
    const bankLines = tpp.bankLogLines.length;
    const answer = await pis(tpp, swedbank, 'POST', '/payments/domestic', single(), {
      'psu-ip-address': '',
    });
    expectRefusal(answer, 400, 'FORMAT_ERROR');
    expect(await storedPayments(tpp)).toBe(stored);
    expect(tpp.bankLogLines.slice(bankLines)).toEqual([]);
  });
});
