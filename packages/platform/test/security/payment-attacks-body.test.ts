/**
 * Attack suite, payment initiation: what a payment says and who may change it (PAYMENTS.md
 * 7.5, cases 8, 12, 13, 19, 21 and 27). Amounts, dates and bulks a bank must never see are
 * refused with the field's path before any bank call and without a trace in the store; a
 * payment, once created, is what the PSU signs and what is executed, whatever the TPP sends
 * afterwards or whoever edits the bank's authorize URL; and nothing about the PSU's funds is
 * told before the PSU authorised.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNA } from '../support/ais-consent.js';
import { checkContract } from '../support/contract.js';
import {
  authoriseDecoupled,
  initiate,
  type PaymentCaller,
  pis,
  REDIRECT_URI,
  redeemPaymentCode,
} from '../support/payments.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { DECOUPLED_BANK, REDIRECT_BANK } from './helpers.js';
import {
  atBankDecision,
  bankBooks,
  bankPaymentIdOf,
  bodyBetween,
  expectProblem,
  type PayingTpp,
  payerAndPayee,
  payingTpp,
  paymentState,
  payRequest,
  postingsOf,
  storedPayment,
} from './payment-helpers.js';

/** Sandbox PSU with 250.00 available: larger payments fail after SCA. */
const LOW_BALANCE = '198411110037';

let t: TestPlatform;
let tpp: PayingTpp;
let decoupled: PaymentCaller;
let redirect: PaymentCaller;
/** Moves the platform's clock (the sandbox bank keeps real time). */
let offsetMs = 0;

beforeAll(async () => {
  t = await startTestPlatform({ sandbox: true, now: () => new Date(Date.now() + offsetMs) });
  tpp = await payingTpp(t, { own: true });
  decoupled = {
    bic: DECOUPLED_BANK,
    token: tpp.token,
    headers: { 'tpp-redirect-preferred': 'false' },
  };
  redirect = { bic: REDIRECT_BANK, token: tpp.token };
}, 60_000);
afterAll(async () => {
  await t?.close();
});

/** The PSU of a redirect payment at the bank's signing page, the authorize URL edited first. */
function atBank(paymentPath: string, edit?: (url: URL) => void) {
  return atBankDecision(t, { ...redirect, clientId: tpp.id }, paymentPath, ANNA, edit);
}

function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** A create that must be refused: the answer, and that nothing was stored or asked of a bank. */
async function refusedCreate(
  path: string,
  body: unknown,
  options: { bic?: string; headers?: Record<string, string> } = {},
) {
  const bic = options.bic ?? DECOUPLED_BANK;
  const before = await paymentState(t);
  const books = await bankBooks(t, bic);
  const { response, bankCalls } = await payRequest(t, 'POST', path, {
    token: tpp.token,
    bic,
    body,
    ...(options.headers ? { headers: options.headers } : {}),
  });
  expect(bankCalls, response.body).toEqual([]);
  expect(await paymentState(t)).toEqual(before);
  expect((await bankBooks(t, bic)).payments).toHaveLength(books.payments.length);
  return response;
}

describe('media types', () => {
  it.each([
    ['application/xml', '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"/>'],
    [
      'multipart/form-data; boundary=x',
      '--x\r\nContent-Disposition: form-data; name="xml_sct"\r\n\r\n<Document/>\r\n--x--',
    ],
    ['text/plain', '{"instructedAmount":{"currency":"SEK","amount":"1.00"}}'],
  ])(
    'refuses a payment sent as %s with 415 FORMAT_ERROR, as the contract allows: nothing stored, no bank call',
    async (type, payload) => {
      const response = await refusedCreate('/payments/domestic', payload, {
        headers: { 'content-type': type },
      });
      expectProblem(response, 415, 'FORMAT_ERROR', 'the request body must be application/json');
      expect(checkContract(response)).toEqual([]);
    },
  );
});

describe('amounts (case 12)', () => {
  it.each([
    [
      'zero',
      { currency: 'SEK', amount: '0' },
      'instructedAmount.amount',
      'must be greater than zero',
    ],
    [
      'zero with decimals',
      { currency: 'SEK', amount: '0.00' },
      'instructedAmount.amount',
      'must be greater than zero',
    ],
    ['negative', { currency: 'SEK', amount: '-1' }, 'instructedAmount.amount', 'no sign'],
    [
      'three decimals in SEK',
      { currency: 'SEK', amount: '1.001' },
      'instructedAmount.amount',
      'at most 2 decimals for SEK',
    ],
    [
      'an exponent',
      { currency: 'SEK', amount: '1e3' },
      'instructedAmount.amount',
      'no sign, exponent',
    ],
    [
      'a JSON number',
      { currency: 'SEK', amount: 12.5 },
      'instructedAmount.amount',
      'not a JSON number',
    ],
    [
      '15 integer digits',
      { currency: 'SEK', amount: '100000000000000' },
      'instructedAmount.amount',
      'at most 14 digits',
    ],
    [
      'a leading zero',
      { currency: 'SEK', amount: '012.50' },
      'instructedAmount.amount',
      'leading zeros',
    ],
    [
      'a trailing dot',
      { currency: 'SEK', amount: '12.' },
      'instructedAmount.amount',
      'one optional dot',
    ],
    ['a space', { currency: 'SEK', amount: ' 12.50' }, 'instructedAmount.amount', 'spaces'],
    [
      "a currency that is not the debtor account's",
      { currency: 'EUR', amount: '12.50' },
      'instructedAmount.currency',
      'must be SEK for a domestic payment',
    ],
    [
      'an unknown currency',
      { currency: 'SKE', amount: '12.50' },
      'instructedAmount.currency',
      'not a currency',
    ],
    [
      'an extra field',
      { currency: 'SEK', amount: '12.50', fee: '0' },
      'instructedAmount.fee',
      'not a field of an amount',
    ],
  ])(
    'refuses %s with 400 FORMAT_ERROR naming the field; nothing stored, no bank call',
    async (_, amount, path, why) => {
      const body = {
        ...bodyBetween(await payerAndPayee(t, DECOUPLED_BANK)),
        instructedAmount: amount,
      };
      const response = await refusedCreate('/payments/domestic', body);
      expectProblem(response, 400, 'FORMAT_ERROR');
      const [message] = response.json().tppMessages;
      expect(message.text.startsWith(`${path}: `), message.text).toBe(true);
      expect(message.text).toContain(why);
      expect(message.path).toBe(path);
    },
  );

  it("refuses an amount in another currency than the debtor account's at an international product too, when the account names its currency", async () => {
    const accounts = await payerAndPayee(t, DECOUPLED_BANK);
    const body = {
      ...bodyBetween(accounts),
      instructedAmount: { currency: 'EUR', amount: '10.00' },
      creditorAccount: { iban: 'DE89370400440532013000' },
    };
    const response = await refusedCreate('/payments/sepa-credit-transfers', body);
    expectProblem(response, 400, 'FORMAT_ERROR');
    expect(response.json().tppMessages[0].path).toBe('instructedAmount.currency');
  });
});

describe('execution dates and periods (case 19)', () => {
  it.each([
    [
      'requestedExecutionDate in the past',
      '/payments/domestic',
      { requestedExecutionDate: inDays(-3) },
      'EXECUTION_DATE_INVALID',
      'requestedExecutionDate',
    ],
    [
      "requestedExecutionDate beyond the bank's 365 days",
      '/payments/domestic',
      { requestedExecutionDate: inDays(400) },
      'EXECUTION_DATE_INVALID',
      'requestedExecutionDate',
    ],
    [
      'requestedExecutionDate not a date',
      '/payments/domestic',
      { requestedExecutionDate: 'tomorrow' },
      'FORMAT_ERROR',
      'requestedExecutionDate',
    ],
    [
      'periodic startDate in the past',
      '/periodic-payments/domestic',
      { startDate: inDays(-1), frequency: 'Monthly' },
      'EXECUTION_DATE_INVALID',
      'startDate',
    ],
    [
      'periodic endDate before startDate',
      '/periodic-payments/domestic',
      { startDate: inDays(10), endDate: inDays(5), frequency: 'Monthly' },
      'PERIOD_INVALID',
      'endDate',
    ],
    [
      'periodic dayOfExecution "01"',
      '/periodic-payments/domestic',
      { startDate: inDays(10), frequency: 'Monthly', dayOfExecution: '01' },
      'FORMAT_ERROR',
      'dayOfExecution',
    ],
    [
      'periodic frequency "monthly"',
      '/periodic-payments/domestic',
      { startDate: inDays(10), frequency: 'monthly' },
      'FORMAT_ERROR',
      'frequency',
    ],
  ])(
    'refuses %s with 400 %s naming the field; nothing stored, no bank call',
    async (_, path, extra, code, field) => {
      const response = await refusedCreate(
        path,
        bodyBetween(await payerAndPayee(t, DECOUPLED_BANK), '12.50', extra),
      );
      expectProblem(response, 400, code);
      expect(response.json().tppMessages[0].path).toBe(field);
    },
  );
});

describe('bulk payments (case 27)', () => {
  function items(count: number, accounts: Awaited<ReturnType<typeof payerAndPayee>>) {
    return Array.from({ length: count }, (_, i) => ({
      instructedAmount: { currency: 'SEK', amount: `${i + 1}.00` },
      creditorAccount: { iban: accounts.to.iban },
      creditorName: `Payee ${i + 1}`,
    }));
  }

  it.each([
    [
      'one bad item among good ones',
      (list: unknown[]) =>
        list.map((item, i) =>
          i === 7
            ? { ...(item as object), instructedAmount: { currency: 'SEK', amount: '-5' } }
            : item,
        ),
      'payments[7].instructedAmount.amount',
    ],
    [
      'an item with a field bulk items lack',
      (list: unknown[]) =>
        list.map((item, i) =>
          i === 2 ? { ...(item as object), requestedExecutionDate: inDays(3) } : item,
        ),
      'payments[2].requestedExecutionDate',
    ],
    ['zero items', () => [], 'payments'],
    [
      "more items than the bank's 100",
      (list: unknown[]) =>
        [
          ...list,
          ...list,
          ...list,
          ...list,
          ...list,
          ...list,
          ...list,
          ...list,
          ...list,
          ...list,
          ...list,
        ].slice(0, 101),
      'payments',
    ],
    [
      'an item that is not an object',
      (list: unknown[]) => [...list.slice(0, 3), 'x'],
      'payments[3]',
    ],
  ])(
    'refuses %s with 400 FORMAT_ERROR naming the item; nothing created',
    async (_, change, path) => {
      const accounts = await payerAndPayee(t, DECOUPLED_BANK);
      const body = {
        debtorAccount: { iban: accounts.from.iban },
        payments: change(items(10, accounts)),
      };
      const response = await refusedCreate('/bulk-payments/domestic', body);
      expectProblem(response, 400, 'FORMAT_ERROR');
      expect(response.json().tppMessages[0].path).toBe(path);
    },
  );

  it('refuses a bulk of megabytes with 413 before reading it: nothing stored, no bank call', async () => {
    const accounts = await payerAndPayee(t, DECOUPLED_BANK);
    const body = { debtorAccount: { iban: accounts.from.iban }, payments: items(20_000, accounts) };
    const response = await refusedCreate('/bulk-payments/domestic', body);
    expectProblem(response, 413, 'FORMAT_ERROR');
  });

  it('refuses a bank product body nested 80,000 deep without running out of stack: 400, nothing stored', async () => {
    const accounts = await payerAndPayee(t, DECOUPLED_BANK);
    const body = JSON.stringify(bodyBetween(accounts)).replace(
      /^\{/,
      `{"bankField":${'{"a":'.repeat(80_000)}1${'}'.repeat(80_000)},`,
    );
    const response = await refusedCreate(
      '/payments/swedish-domestic-private-credit-transfers',
      body,
    );
    expect(response.statusCode, response.body.slice(0, 300)).toBeLessThan(500);
    expectProblem(response, response.statusCode, 'FORMAT_ERROR');
  });

  it("takes a bulk of 1,000 items where the bank allows them, though its JSON is over the API's 64 KiB", async () => {
    const accounts = await payerAndPayee(t, 'DEUTDEFF');
    const body = {
      debtorAccount: { iban: accounts.from.iban },
      payments: Array.from({ length: 1000 }, (_, i) => ({
        instructedAmount: { currency: 'EUR', amount: '0.01' },
        creditorAccount: { iban: accounts.to.iban },
        creditorName: `Payee ${i}`,
        remittanceInformationUnstructured: `Invoice ${String(i).padStart(6, '0')}`,
      })),
    };
    expect(JSON.stringify(body).length).toBeGreaterThan(128 * 1024);
    const created = await initiate(
      t,
      { bic: 'DEUTDEFF', token: tpp.token },
      body,
      '/bulk-payments/sepa-credit-transfers',
    );
    expect(created.answer.json.transactionStatus).toBe('RCVD');
  });

  it("takes a bulk as large as the bank allows, and the bank's SCA page shows the total and the number of payees", async () => {
    const accounts = await payerAndPayee(t, REDIRECT_BANK);
    const list = items(100, accounts).map((item, i) => ({
      ...item,
      instructedAmount: { currency: 'SEK', amount: '1.00' },
      remittanceInformationUnstructured: `Invoice ${String(i).padStart(6, '0')} of the spring term`,
      endToEndIdentification: `E2E-${randomUUID().slice(0, 30)}`,
    }));
    const created = await initiate(
      t,
      redirect,
      { debtorAccount: { iban: accounts.from.iban }, payments: list },
      '/bulk-payments/domestic',
    );
    const { page: decision } = await atBank(created.path);
    expect(decision.body).toContain('Total <strong>100.00 SEK</strong> to 100 payees');
  });
});

describe('changing a payment after its creation (case 8)', () => {
  it('PUT and PATCH on the payment are 405 SERVICE_INVALID; the payment is unchanged', async () => {
    const created = await initiate(
      t,
      decoupled,
      bodyBetween(await payerAndPayee(t, DECOUPLED_BANK)),
    );
    const before = await paymentState(t);
    for (const method of ['PUT', 'PATCH'] as const) {
      const { response, bankCalls } = await payRequest(t, method, created.path, {
        token: tpp.token,
        bic: DECOUPLED_BANK,
        body: { instructedAmount: { currency: 'SEK', amount: '99999.00' } },
      });
      expectProblem(response, 405, 'SERVICE_INVALID', `${method} is not supported here`);
      expect(response.headers.allow).toBe('GET, DELETE');
      expect(bankCalls).toEqual([]);
    }
    expect(await paymentState(t)).toEqual(before);
  });

  it('amount= and creditor fields added to the bank authorize URL are ignored: the PSU signs and the bank books the stored payment', async () => {
    const accounts = await payerAndPayee(t, REDIRECT_BANK);
    const created = await initiate(t, redirect, bodyBetween(accounts, '13.37'));
    const step = await atBank(created.path, (url) => {
      url.searchParams.set('amount', '99999.00');
      url.searchParams.set('instructedAmount', '99999.00');
      url.searchParams.set('creditorName', 'Mallory');
      url.searchParams.set('creditorAccount', 'SE4550000000058398257466');
    });
    expect(step.page.body).toContain('13.37 SEK');
    expect(step.page.body).not.toContain('99999');
    expect(step.page.body).not.toContain('Mallory');
    const back = await step.back(await step.decide());
    const redeemed = await redeemPaymentCode(t, {
      paymentId: created.paymentId,
      authorisationId: step.authorisationId,
      code: back.code as string,
    });
    expect(redeemed.statusCode, redeemed.body).toBe(200);
    const books = await bankBooks(t, REDIRECT_BANK);
    const postings = postingsOf(books, await bankPaymentIdOf(t, created.paymentId));
    // In minor units: one debit of 13.37 (and the payee's credit once cleared), nothing else.
    expect(postings.filter((p) => Number(p.amount) < 0).map((p) => p.amount)).toEqual([-1337]);
    expect(postings.every((p) => Math.abs(Number(p.amount)) === 1337)).toBe(true);
    expect(JSON.stringify(postings)).not.toContain('Mallory');
  });

  it('a payment changed at the bank after the PSU saw it is refused at approval: SCA failed, RJCT, nothing booked', async () => {
    const accounts = await payerAndPayee(t, REDIRECT_BANK);
    const created = await initiate(t, redirect, bodyBetween(accounts, '21.00'));
    const step = await atBank(created.path);
    const bankId = await bankPaymentIdOf(t, created.paymentId);
    const tampered = await t.admin('POST', `/banks/${REDIRECT_BANK}/payments/${bankId}/tamper`, {
      instructedAmount: { currency: 'SEK', amount: '2100.00' },
    });
    expect(tampered.status).toBe(200);
    const back = await step.back(await step.decide());
    expect(back.error).toBeDefined();
    const sca = await pis(
      t,
      redirect,
      'GET',
      `${created.path}/authorisations/${step.authorisationId}`,
    );
    expect(sca.json.scaStatus).toBe('failed');
    const status = await pis(t, redirect, 'GET', `${created.path}/status`);
    expect(status.json.transactionStatus).toBe('RJCT');
    expect(postingsOf(await bankBooks(t, REDIRECT_BANK), bankId)).toEqual([]);
  });
});

describe('balance probing before SCA (case 13)', () => {
  it('answers every create 201 RCVD with nothing about funds; funds only after the PSU authorised; the rest expire RJCT', async () => {
    const accounts = await payerAndPayee(t, DECOUPLED_BANK, LOW_BALANCE);
    const created: Array<{ paymentId: string; path: string }> = [];
    for (const amount of [
      '100000.00',
      '10000.00',
      '1000.00',
      '300.00',
      '251.00',
      '250.00',
      '10.00',
    ]) {
      const payment = await initiate(
        t,
        decoupled,
        bodyBetween(accounts, amount),
        '/payments/domestic',
        {
          'tpp-rejection-nofunds-preferred': 'true',
        },
      );
      expect(payment.answer.json.transactionStatus).toBe('RCVD');
      expect(payment.answer.body).not.toMatch(/funds/i);
      const status = await pis(t, decoupled, 'GET', `${payment.path}/status`);
      expect(status.json).toEqual({ transactionStatus: 'RCVD' });
      const read = await pis(t, decoupled, 'GET', payment.path);
      expect(read.body).not.toMatch(/funds|tppMessages/i);
      created.push(payment);
    }
    // The PSU authorises the 300.00: only now does the bank's verdict on the funds show.
    const tooMuch = created[3] as { paymentId: string; path: string };
    await authoriseDecoupled(t, decoupled, tooMuch.path, LOW_BALANCE);
    const after = await pis(t, decoupled, 'GET', `${tooMuch.path}/status`);
    expect(after.json).toMatchObject({ transactionStatus: 'RJCT', fundsAvailable: false });
    expect(after.json.tppMessages[0].code).toBe('FUNDS_NOT_AVAILABLE');
    // Those never authorised are rejected once the authorisation time is over, still silent.
    offsetMs = 31 * 60_000;
    try {
      for (const payment of created.filter((p) => p !== tooMuch)) {
        const status = await pis(t, decoupled, 'GET', `${payment.path}/status`);
        expect(status.json.transactionStatus).toBe('RJCT');
        expect(status.json.fundsAvailable).toBeUndefined();
        expect(status.json.tppMessages[0].code).toBe('PAYMENT_FAILED');
        expect((await storedPayment(t, payment.paymentId)).events).toEqual(['RCVD', 'RJCT']);
      }
    } finally {
      offsetMs = 0;
    }
  });
});

describe('redirect and notification URIs (case 21)', () => {
  it.each([
    ['an unregistered host', 'https://attacker.example/cb'],
    ['loopback', 'http://127.0.0.1:8080/cb'],
    ['the cloud metadata address', 'http://169.254.169.254/latest/meta-data/'],
    ['a registered URI with a path added', `${REDIRECT_URI}/../admin`],
  ])(
    'refuses TPP-Redirect-URI to %s with 400 FORMAT_ERROR: nothing stored, no bank call',
    async (_, uri) => {
      for (const header of ['tpp-redirect-uri', 'tpp-nok-redirect-uri']) {
        const response = await refusedCreate(
          '/payments/domestic',
          bodyBetween(await payerAndPayee(t, DECOUPLED_BANK)),
          { headers: { [header]: uri } },
        );
        expectProblem(response, 400, 'FORMAT_ERROR');
        expect(response.json().tppMessages[0].text).toMatch(/registered redirect URI/);
      }
    },
  );

  it('accepts TPP-Redirect-URI naming a registered redirect URI', async () => {
    const created = await initiate(
      t,
      decoupled,
      bodyBetween(await payerAndPayee(t, DECOUPLED_BANK)),
      '/payments/domestic',
      { 'tpp-redirect-uri': REDIRECT_URI, 'tpp-nok-redirect-uri': REDIRECT_URI },
    );
    expect(created.answer.json.transactionStatus).toBe('RCVD');
  });
});
