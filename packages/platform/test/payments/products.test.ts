/**
 * Every payment service with the global products, a bank's own products passing through, and
 * the refusals of a product or service, through Bankbridge against the sandbox banks over HTTP.
 * Each payment is created, signed by the PSU and executed by the bank (the sandbox clock is
 * moved past its clearing delay); each refusal leaves nothing behind, at Bankbridge or the bank.
 * Dated payments (future-dated, periodic) are in scheduled.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNA } from '../support/ais-consent.js';
import {
  accountsOf,
  afterClearing,
  atBank,
  authoriseDecoupled,
  authoriseRedirect,
  bankDate,
  bankIdOf,
  bankNow,
  bankPayment,
  ERIK,
  expectRefusal,
  initiate,
  type PaymentCaller,
  paymentBody,
  pis,
  statusOf,
  storedPayments,
} from '../support/payments.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

/** Valid IBANs of no sandbox account: the bank clears them and books ACSC (not ACCC). */
const OUTSIDE_SE = 'SE4550000000058398257466';
const OUTSIDE_DE = 'DE89370400440532013000';
const OUTSIDE_GB = 'GB29NWBK60161331926819';
const LOW_BALANCE = '198411110037';

let tpp: TestPlatform;
let swedbank: PaymentCaller;
let nordeaFi: PaymentCaller;
let seb: PaymentCaller;
let anna: { se: string; fi: string; erikSe: string; erikFi: string };

beforeAll(async () => {
  tpp = await startTestPlatform({ sandbox: true });
  const token = await tpp.token('paymentinitiation private');
  swedbank = { bic: 'SWEDSESS', token, headers: { 'tpp-redirect-preferred': 'false' } };
  nordeaFi = { bic: 'NDEAFIHH', token };
  seb = { bic: 'ESSESESS', token };
  const [se] = await accountsOf(tpp, 'SWEDSESS', ANNA);
  const [fi] = await accountsOf(tpp, 'NDEAFIHH', ANNA);
  const [erikSe] = await accountsOf(tpp, 'SWEDSESS', ERIK);
  const [erikFi] = await accountsOf(tpp, 'NDEAFIHH', ERIK);
  anna = {
    se: se?.iban as string,
    fi: fi?.iban as string,
    erikSe: erikSe?.iban as string,
    erikFi: erikFi?.iban as string,
  };
});

afterAll(async () => {
  await tpp?.close();
});

function euro(debtor: string, creditor: string, amount: string) {
  return {
    ...paymentBody(debtor, creditor, amount),
    instructedAmount: { currency: 'EUR', amount },
    debtorAccount: { iban: debtor },
    creditorAccount: { iban: creditor },
  };
}

const cleared = (caller: PaymentCaller, path: string) => afterClearing(tpp, caller, path);

describe('payments (single) with each global product', () => {
  it('domestic: RCVD, signed in BankID, in clearing (ACSP), then booked (ACSC)', async () => {
    const created = await initiate(tpp, swedbank, paymentBody(anna.se, OUTSIDE_SE, '12.50'));
    expect(created.answer.json.transactionStatus).toBe('RCVD');
    await authoriseDecoupled(tpp, swedbank, created.path);
    expect(await statusOf(tpp, swedbank, created.path)).toBe('ACSP');
    expect(await cleared(swedbank, created.path)).toBe('ACSC');
    const bank = await bankPayment(tpp, 'SWEDSESS', await bankIdOf(tpp, created.paymentId));
    expect(bank.transactionStatus).toBe('ACSC');
    expect(bank.items).toEqual([
      { amount: '12.50', currency: 'SEK', creditorName: 'Enterprise Inc' },
    ]);
  });

  it('sepa-credit-transfers in EUR at a euro bank, by redirect: booked after clearing', async () => {
    const created = await initiate(
      tpp,
      nordeaFi,
      euro(anna.fi, OUTSIDE_DE, '20.00'),
      '/payments/sepa-credit-transfers',
    );
    expect(created.answer.headers['aspsp-sca-approach']).toBe('REDIRECT');
    await authoriseRedirect(tpp, nordeaFi, created.path);
    expect(['ACTC', 'ACSP']).toContain(await statusOf(tpp, nordeaFi, created.path));
    expect(await cleared(nordeaFi, created.path)).toBe('ACSC');
    const got = await pis(tpp, nordeaFi, 'GET', created.path);
    expect(got.json).toMatchObject({
      instructedAmount: { currency: 'EUR', amount: '20.00' },
      creditorAccount: { iban: OUTSIDE_DE },
      transactionStatus: 'ACSC',
    });
  });

  it('international to an account abroad', async () => {
    const created = await initiate(
      tpp,
      swedbank,
      {
        ...paymentBody(anna.se, OUTSIDE_GB, '30.00'),
        creditorAgent: 'NWBKGB2L',
        creditorAddress: { country: 'GB', city: 'London' },
      },
      '/payments/international',
    );
    await authoriseDecoupled(tpp, swedbank, created.path);
    expect(await cleared(swedbank, created.path)).toBe('ACSC');
    const got = await pis(tpp, swedbank, 'GET', created.path);
    expect(got.json.creditorAddress).toEqual({ country: 'GB', city: 'London' });
  });

  it('swedish-giro with a bankgiro number and an OCR reference, echoed as posted (erratum P4)', async () => {
    const giro = {
      instructedAmount: { currency: 'SEK', amount: '199.00' },
      debtorAccount: { iban: anna.se },
      creditorName: 'Elbolaget AB',
      creditorGiro: { giroNumber: '5050-1055', giroType: 'BANKGIRO' },
      ocrRef: '4711000123',
    };
    const created = await initiate(tpp, swedbank, giro, '/payments/swedish-giro');
    await authoriseDecoupled(tpp, swedbank, created.path);
    expect(await cleared(swedbank, created.path)).toBe('ACSC');
    const got = await pis(tpp, swedbank, 'GET', created.path);
    expect(got.json).toMatchObject({ ...giro, transactionStatus: 'ACSC' });
    expect(got.json.creditorAccount).toBeUndefined();
    const { postings } = await atBank(tpp, 'SWEDSESS');
    const booked = postings.find((p) => p.creditorName === 'Elbolaget AB');
    expect(booked).toMatchObject({ amount: -19_900, status: 'booked' });
    expect(booked?.remittanceInformationUnstructured).toContain('4711000123');
  });
});

describe('periodic and bulk payments with each global product that can express them', () => {
  const products = [
    ['domestic', () => swedbank, () => anna.se, 'SEK'],
    ['international', () => swedbank, () => anna.se, 'SEK'],
    ['sepa-credit-transfers', () => nordeaFi, () => anna.fi, 'EUR'],
  ] as const;
  const transfer = (currency: string, amount: string) => ({
    instructedAmount: { currency, amount },
    creditorAccount: { iban: currency === 'EUR' ? OUTSIDE_DE : OUTSIDE_SE },
    creditorName: 'Matrix Payee',
  });
  const authorise = (caller: PaymentCaller, path: string) =>
    caller.bic === 'SWEDSESS'
      ? authoriseDecoupled(tpp, caller, path)
      : authoriseRedirect(tpp, caller, path);

  it.each(products)(
    'periodic-payments/%s: accepted for its series',
    async (product, caller, debtor, currency) => {
      // Dates as the banks' clock has them: earlier tests moved it past clearing days.
      const startDate = bankDate(1, await bankNow(tpp));
      const created = await initiate(
        tpp,
        caller(),
        {
          debtorAccount: { iban: debtor() },
          ...transfer(currency, '2.00'),
          startDate,
          frequency: 'Monthly',
        },
        `/periodic-payments/${product}`,
      );
      await authorise(caller(), created.path);
      expect(await statusOf(tpp, caller(), created.path)).toBe('ACSP');
      const got = await pis(tpp, caller(), 'GET', created.path);
      expect(got.json).toMatchObject({
        startDate,
        frequency: 'Monthly',
        transactionStatus: 'ACSP',
      });
    },
  );

  it.each(products)(
    'bulk-payments/%s: every item executed',
    async (product, caller, debtor, currency) => {
      const created = await initiate(
        tpp,
        caller(),
        {
          debtorAccount: { iban: debtor() },
          payments: [transfer(currency, '1.00'), transfer(currency, '2.00')],
        },
        `/bulk-payments/${product}`,
      );
      await authorise(caller(), created.path);
      expect(await cleared(caller(), created.path)).toBe('ACSC');
      const bank = await bankPayment(tpp, caller().bic, await bankIdOf(tpp, created.paymentId));
      expect(bank.items.map((i) => i.amount)).toEqual(['1.00', '2.00']);
    },
  );
});

describe('bulk-payments', () => {
  const items = (creditors: string[], amounts: string[]) =>
    creditors.map((iban, i) => ({
      instructedAmount: { currency: 'EUR', amount: amounts[i] },
      creditorAccount: { iban },
      creditorName: `Payee ${i + 1}`,
      remittanceInformationUnstructured: `Bulk item ${i + 1}`,
    }));

  it('one booking per item, each creditor credited (ACCC) when both are sandbox accounts', async () => {
    const created = await initiate(
      tpp,
      nordeaFi,
      {
        debtorAccount: { iban: anna.fi },
        payments: items([anna.erikFi, OUTSIDE_DE], ['3.00', '4.00']),
      },
      '/bulk-payments/sepa-credit-transfers',
    );
    await authoriseRedirect(tpp, nordeaFi, created.path);
    expect(await cleared(nordeaFi, created.path)).toBe('ACSC');
    const { postings } = await atBank(tpp, 'NDEAFIHH');
    const mine = postings.filter((p) => p.remittanceInformationUnstructured.startsWith('Bulk'));
    expect(mine.filter((p) => p.amount < 0).map((p) => p.amount)).toEqual([-300, -400]);
    // Erik's side of the first item, at the same bank.
    expect(mine.filter((p) => p.amount > 0).map((p) => p.amount)).toEqual([300]);
  });

  it('batchBookingPreferred: one booking for the total', async () => {
    const created = await initiate(
      tpp,
      nordeaFi,
      {
        debtorAccount: { iban: anna.fi },
        batchBookingPreferred: true,
        payments: items([OUTSIDE_DE, OUTSIDE_DE], ['5.00', '6.00']),
      },
      '/bulk-payments/sepa-credit-transfers',
    );
    await authoriseRedirect(tpp, nordeaFi, created.path);
    expect(await cleared(nordeaFi, created.path)).toBe('ACSC');
    const { postings } = await atBank(tpp, 'NDEAFIHH');
    const batch = postings.filter(
      (p) => p.remittanceInformationUnstructured === 'Batch of 2 payments',
    );
    expect(batch.map((p) => p.amount)).toEqual([-1100]);
    const got = await pis(tpp, nordeaFi, 'GET', created.path);
    expect(got.json.batchBookingPreferred).toBe(true);
    expect(got.json.payments).toHaveLength(2);
  });

  it('PART when the funds cover some items only', async () => {
    const [lisa] = await accountsOf(tpp, 'SWEDSESS', LOW_BALANCE);
    const created = await initiate(
      tpp,
      swedbank,
      {
        debtorAccount: { iban: lisa?.iban },
        payments: [200, 100].map((amount, i) => ({
          instructedAmount: { currency: 'SEK', amount: `${amount}.00` },
          creditorAccount: { iban: OUTSIDE_SE },
          creditorName: `Payee ${i + 1}`,
        })),
      },
      '/bulk-payments/domestic',
    );
    await authoriseDecoupled(tpp, swedbank, created.path, LOW_BALANCE);
    expect(await cleared(swedbank, created.path)).toBe('PART');
    const bank = await bankPayment(tpp, 'SWEDSESS', await bankIdOf(tpp, created.paymentId));
    expect(bank.items.map((i) => i.rejected ?? 'executed')).toEqual([
      'executed',
      'FUNDS_NOT_AVAILABLE',
    ]);
  });
});

describe("a bank's own products", () => {
  it('pass through to the bank as posted and execute', async () => {
    const body = paymentBody(anna.se, OUTSIDE_SE, '7.00');
    const created = await initiate(
      tpp,
      swedbank,
      body,
      '/payments/swedish-domestic-private-credit-transfers',
    );
    await authoriseDecoupled(tpp, swedbank, created.path);
    expect(await cleared(swedbank, created.path)).toBe('ACSC');
    const got = await pis(tpp, swedbank, 'GET', created.path);
    expect(got.json).toEqual({ ...body, transactionStatus: 'ACSC' });
  });

  it('an instant product is booked as soon as the PSU signed', async () => {
    const created = await initiate(
      tpp,
      nordeaFi,
      euro(anna.fi, anna.erikFi, '1.50'),
      '/payments/instant-sepa-credit-transfers',
    );
    await authoriseRedirect(tpp, nordeaFi, created.path);
    expect(await statusOf(tpp, nordeaFi, created.path)).toBe('ACCC');
  });
});

describe('refused products and services: nothing stored, the bank never called', () => {
  const cases: Array<[string, () => PaymentCaller, string, () => unknown, number, string]> = [
    [
      'a product the bank does not offer',
      () => swedbank,
      '/payments/dk-domestic-credit-transfers',
      () => paymentBody(anna.se, OUTSIDE_SE),
      404,
      'PRODUCT_UNKNOWN',
    ],
    [
      'a global product this bank does not offer',
      () => nordeaFi,
      '/payments/swedish-giro',
      () => paymentBody(anna.fi, OUTSIDE_DE),
      404,
      'PRODUCT_UNKNOWN',
    ],
    [
      'a service the product cannot express (periodic giro)',
      () => swedbank,
      '/periodic-payments/swedish-giro',
      () => paymentBody(anna.se, OUTSIDE_SE),
      403,
      'PRODUCT_INVALID',
    ],
    [
      "a service the bank's product is not offered as",
      () => swedbank,
      '/bulk-payments/swedish-domestic-private-credit-transfers',
      () => ({ debtorAccount: { iban: anna.se }, payments: [] }),
      403,
      'PRODUCT_INVALID',
    ],
    [
      'a corporate-only product with a private token',
      () => seb,
      '/payments/intra-company-credit-transfers',
      () => paymentBody(anna.se, OUTSIDE_SE),
      403,
      'PRODUCT_INVALID',
    ],
    [
      'an unknown payment service',
      () => swedbank,
      '/standing-orders/domestic',
      () => paymentBody(anna.se, OUTSIDE_SE),
      404,
      'RESOURCE_UNKNOWN',
    ],
  ];

  it.each(cases)('%s', async (_name, caller, path, body, status, code) => {
    const stored = await storedPayments(tpp);
    const bankLines = tpp.bankLogLines.length;
    expectRefusal(await pis(tpp, caller(), 'POST', path, body()), status, code);
    expect(await storedPayments(tpp)).toBe(stored);
    expect(tpp.bankLogLines.slice(bankLines)).toEqual([]);
  });
});
