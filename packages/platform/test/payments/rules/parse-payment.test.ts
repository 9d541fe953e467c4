import { describe, expect, it } from 'vitest';
import { parsePaymentBody } from '../../../src/payments/rules/parse-payment.js';
import {
  bank,
  CREDITOR_IBAN,
  context,
  creditTransfer,
  DEBTOR_IBAN,
  EUR_IBAN,
  singleBody,
} from './fixtures.js';

type Body = Record<string, unknown>;

function edited(edit: (body: Body) => void, base: () => Body = singleBody): Body {
  const body = base();
  edit(body);
  return body;
}

function periodicBody(): Body {
  const { remittanceInformationUnstructured: _, ...rest } = singleBody();
  return { ...rest, startDate: '2026-04-01', frequency: 'Monthly', dayOfExecution: '1' };
}

function bulkBody(count = 2): Body {
  return {
    debtorAccount: { iban: DEBTOR_IBAN },
    batchBookingPreferred: true,
    payments: Array.from({ length: count }, () => creditTransfer()),
  };
}

describe('a single payment in a global product', () => {
  it('reads the vendor body into the canonical model, endToEndIdentification left absent', () => {
    const result = parsePaymentBody(singleBody(), context());
    expect(result).toEqual({
      ok: true,
      value: {
        service: 'payments',
        product: 'domestic',
        debtorAccount: { iban: DEBTOR_IBAN, currency: 'SEK' },
        instructedAmount: { currency: 'SEK', amount: '142.66' },
        creditorAccount: { iban: CREDITOR_IBAN, currency: 'SEK' },
        creditorName: 'Enterprise Inc',
        remittanceInformationUnstructured: 'Invoice 1234',
      },
    });
  });

  it('keeps the optional fields it knows', () => {
    const body = edited((b) => {
      b.endToEndIdentification = 'ORDER-2026/0001';
      b.creditorAgent = 'ESSESESS';
      b.creditorAddress = { country: 'SE', city: 'Stockholm' };
      b.requestedExecutionDate = '2026-03-10';
    });
    expect(parsePaymentBody(body, context())).toMatchObject({
      ok: true,
      value: {
        endToEndIdentification: 'ORDER-2026/0001',
        creditorAgent: 'ESSESESS',
        creditorAddress: { country: 'SE', city: 'Stockholm' },
        requestedExecutionDate: '2026-03-10',
      },
    });
  });

  it('takes no debtor account where the bank lets the PSU pick it during SCA', () => {
    const body = edited((b) => {
      delete b.debtorAccount;
    });
    expect(parsePaymentBody(body, context())).toMatchObject({
      ok: false,
      error: { code: 'FORMAT_ERROR', path: 'debtorAccount' },
    });
    const optional = parsePaymentBody(
      body,
      context({ bank: bank({ debtorAccountOptional: true }) }),
    );
    expect(optional.ok && 'debtorAccount' in optional.value).toBe(false);
  });

  it('takes a BBAN with a clearing number only where the bank says so, and never for SEPA', () => {
    const body = edited((b) => {
      b.creditorAccount = { bban: '12345678901', clearingNumber: '6000' };
    });
    expect(parsePaymentBody(body, context())).toMatchObject({
      ok: false,
      error: { code: 'FORMAT_ERROR', path: 'creditorAccount.bban' },
    });
    const style = context({ bank: bank({ accountIdentifiers: 'iban-or-bban' }) });
    expect(parsePaymentBody(body, style)).toMatchObject({
      ok: true,
      value: { creditorAccount: { bban: '12345678901', clearingNumber: '6000' } },
    });
    const sepa = edited((b) => {
      b.instructedAmount = { currency: 'EUR', amount: '10' };
      b.debtorAccount = { iban: EUR_IBAN };
      b.creditorAccount = { bban: '12345678901' };
    });
    expect(parsePaymentBody(sepa, { ...style, product: 'sepa-credit-transfers' })).toMatchObject({
      ok: false,
      error: { path: 'creditorAccount.bban' },
    });
  });

  it('limits the remittance text as the bank does', () => {
    const body = edited((b) => {
      b.remittanceInformationUnstructured = 'x'.repeat(36);
    });
    expect(parsePaymentBody(body, context()).ok).toBe(true);
    const swedbank = context({
      bank: bank({ remittanceMaxLength: { default: 140, domestic: 35 } }),
    });
    expect(parsePaymentBody(body, swedbank)).toMatchObject({
      ok: false,
      error: { code: 'FORMAT_ERROR', path: 'remittanceInformationUnstructured' },
    });
  });

  it.each([
    ['creditorName missing', (b: Body) => delete b.creditorName, 'creditorName'],
    ['creditorName too long', (b: Body) => (b.creditorName = 'x'.repeat(71)), 'creditorName'],
    ['creditorName blank', (b: Body) => (b.creditorName = '   '), 'creditorName'],
    [
      'a control character between visible ones',
      (b: Body) => (b.creditorName = 'a\u0007b'),
      'creditorName',
    ],
    [
      'a remittance of one control character',
      (b: Body) => (b.remittanceInformationUnstructured = '\u001b'),
      'remittanceInformationUnstructured',
    ],
    ['creditorAccount missing', (b: Body) => delete b.creditorAccount, 'creditorAccount'],
    [
      'bad IBAN checksum',
      (b: Body) => (b.creditorAccount = { iban: 'SE3550000000054910000004' }),
      'creditorAccount.iban',
    ],
    [
      'two identifiers',
      (b: Body) => (b.creditorAccount = { iban: CREDITOR_IBAN, bban: '123' }),
      'creditorAccount.bban',
    ],
    ['no identifier', (b: Body) => (b.creditorAccount = {}), 'creditorAccount'],
    [
      'unknown key in the body',
      (b: Body) => (b.requestedExecutonDate = '2026-04-01'),
      'requestedExecutonDate',
    ],
    [
      'unknown key in an account',
      (b: Body) => (b.debtorAccount = { iban: DEBTOR_IBAN, curency: 'SEK' }),
      'debtorAccount.curency',
    ],
    [
      'unknown key in the address',
      (b: Body) => (b.creditorAddress = { country: 'SE', town: 'x' }),
      'creditorAddress.town',
    ],
    [
      'address without country',
      (b: Body) => (b.creditorAddress = { city: 'Stockholm' }),
      'creditorAddress.country',
    ],
    [
      'endToEndIdentification too long',
      (b: Body) => (b.endToEndIdentification = 'x'.repeat(36)),
      'endToEndIdentification',
    ],
    [
      'endToEndIdentification outside the SEPA set',
      (b: Body) => (b.endToEndIdentification = 'a<b>'),
      'endToEndIdentification',
    ],
    ['creditorAgent not a BIC', (b: Body) => (b.creditorAgent = 'ESSE'), 'creditorAgent'],
    [
      'requestedExecutionDate not a date',
      (b: Body) => (b.requestedExecutionDate = 'tomorrow'),
      'requestedExecutionDate',
    ],
    ['periodic field on a single payment', (b: Body) => (b.frequency = 'Monthly'), 'frequency'],
    ['a key that is no identifier, shown quoted', (b: Body) => (b['a b'] = 1), '["a b"]'],
  ])('%s → 400 FORMAT_ERROR at %s', (_, edit, path) => {
    const result = parsePaymentBody(edited(edit), context());
    expect(result).toMatchObject({ ok: false, error: { code: 'FORMAT_ERROR', status: 400, path } });
  });

  it('refuses PAN and MSISDN references as not supported', () => {
    const body = edited((b) => {
      b.debtorAccount = { pan: '5409050000000000' };
    });
    expect(parsePaymentBody(body, context())).toMatchObject({
      ok: false,
      error: { code: 'PARAMETER_NOT_SUPPORTED', path: 'debtorAccount.pan' },
    });
  });

  it('refuses a body that is not a JSON object', () => {
    for (const body of [null, [], 'x', 1]) {
      expect(parsePaymentBody(body, context())).toMatchObject({
        ok: false,
        error: { code: 'FORMAT_ERROR' },
      });
    }
  });
});

describe('attack case 12: amounts that must not reach a bank', () => {
  it.each([
    ['"0"', { currency: 'SEK', amount: '0' }, 'instructedAmount.amount'],
    ['"-1"', { currency: 'SEK', amount: '-1' }, 'instructedAmount.amount'],
    ['"1.001" SEK', { currency: 'SEK', amount: '1.001' }, 'instructedAmount.amount'],
    ['"1e3"', { currency: 'SEK', amount: '1e3' }, 'instructedAmount.amount'],
    ['12.5 as a number', { currency: 'SEK', amount: 12.5 }, 'instructedAmount.amount'],
    [
      '15 integer digits',
      { currency: 'SEK', amount: '123456789012345' },
      'instructedAmount.amount',
    ],
    [
      'currency other than the debtor account',
      { currency: 'EUR', amount: '10' },
      'instructedAmount.currency',
    ],
    ['unknown currency', { currency: 'SKE', amount: '10' }, 'instructedAmount.currency'],
    ['no currency', { amount: '10' }, 'instructedAmount.currency'],
  ])('%s → 400 FORMAT_ERROR at %s', (_, instructedAmount, path) => {
    const result = parsePaymentBody(
      edited((b) => (b.instructedAmount = instructedAmount)),
      context(),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'FORMAT_ERROR', status: 400, path } });
  });

  it('allows another currency than the debtor account only for international payments', () => {
    const body = edited((b) => (b.instructedAmount = { currency: 'EUR', amount: '10' }));
    expect(parsePaymentBody(body, context({ product: 'international' })).ok).toBe(true);
  });

  it('wants EUR for SEPA', () => {
    const body = edited((b) => (b.debtorAccount = { iban: EUR_IBAN }));
    expect(parsePaymentBody(body, context({ product: 'sepa-credit-transfers' }))).toMatchObject({
      ok: false,
      error: { path: 'instructedAmount.currency' },
    });
  });
});

describe('attack case 19: dates', () => {
  it.each([
    [
      'requestedExecutionDate yesterday',
      singleBody,
      (b: Body) => (b.requestedExecutionDate = '2026-03-09'),
      'EXECUTION_DATE_INVALID',
      'requestedExecutionDate',
    ],
    [
      'requestedExecutionDate beyond the bank max (365 d)',
      singleBody,
      (b: Body) => (b.requestedExecutionDate = '2027-03-11'),
      'EXECUTION_DATE_INVALID',
      'requestedExecutionDate',
    ],
    [
      'periodic startDate in the past',
      periodicBody,
      (b: Body) => (b.startDate = '2026-01-01'),
      'EXECUTION_DATE_INVALID',
      'startDate',
    ],
    [
      'periodic endDate before startDate',
      periodicBody,
      (b: Body) => (b.endDate = '2026-03-31'),
      'PERIOD_INVALID',
      'endDate',
    ],
    [
      'dayOfExecution "01"',
      periodicBody,
      (b: Body) => (b.dayOfExecution = '01'),
      'FORMAT_ERROR',
      'dayOfExecution',
    ],
    [
      'dayOfExecution 1 as a number',
      periodicBody,
      (b: Body) => (b.dayOfExecution = 1),
      'FORMAT_ERROR',
      'dayOfExecution',
    ],
    [
      'dayOfExecution "32"',
      periodicBody,
      (b: Body) => (b.dayOfExecution = '32'),
      'FORMAT_ERROR',
      'dayOfExecution',
    ],
    [
      'frequency "monthly" (the contract example)',
      periodicBody,
      (b: Body) => (b.frequency = 'monthly'),
      'FORMAT_ERROR',
      'frequency',
    ],
    [
      'executionRule "next"',
      periodicBody,
      (b: Body) => (b.executionRule = 'next'),
      'FORMAT_ERROR',
      'executionRule',
    ],
    [
      'startDate not a calendar date',
      periodicBody,
      (b: Body) => (b.startDate = '2026-02-30'),
      'FORMAT_ERROR',
      'startDate',
    ],
  ] as [string, () => Body, (b: Body) => unknown, string, string][])(
    '%s → 400 %s',
    (_, base, edit, code, path) => {
      const service = base === periodicBody ? 'periodic-payments' : 'payments';
      const result = parsePaymentBody(edited(edit, base), context({ service }));
      expect(result).toMatchObject({ ok: false, error: { code, status: 400, path } });
    },
  );

  it('accepts today and the last allowed day', () => {
    for (const date of ['2026-03-10', '2027-03-10']) {
      const body = edited((b) => (b.requestedExecutionDate = date));
      expect(parsePaymentBody(body, context()).ok, date).toBe(true);
    }
  });

  it("judges 'the past' by the bank's local date, not UTC", () => {
    // 23:30 UTC on the 10th is already the 11th in Stockholm.
    const late = new Date('2026-03-10T23:30:00Z');
    const body = edited((b) => (b.requestedExecutionDate = '2026-03-10'));
    expect(parsePaymentBody(body, context({ now: late }))).toMatchObject({
      ok: false,
      error: { code: 'EXECUTION_DATE_INVALID' },
    });
    expect(parsePaymentBody(body, context({ now: late, timeZone: 'UTC' })).ok).toBe(true);
  });

  it('reads a valid periodic payment', () => {
    const body = edited((b) => {
      b.endDate = '2026-12-31';
      b.executionRule = 'following';
      b.dayOfExecution = '31';
    }, periodicBody);
    expect(parsePaymentBody(body, context({ service: 'periodic-payments' }))).toMatchObject({
      ok: true,
      value: {
        service: 'periodic-payments',
        startDate: '2026-04-01',
        endDate: '2026-12-31',
        frequency: 'Monthly',
        executionRule: 'following',
        dayOfExecution: '31',
      },
    });
  });
});

describe('attack case 27: bulk payments', () => {
  const bulk = context({ service: 'bulk-payments' });

  it('reads a valid bulk, item by item', () => {
    const result = parsePaymentBody(bulkBody(3), bulk);
    expect(result).toMatchObject({
      ok: true,
      value: { service: 'bulk-payments', batchBookingPreferred: true },
    });
    if (result.ok && result.value.service === 'bulk-payments')
      expect(result.value.payments).toHaveLength(3);
  });

  it.each([
    ['zero items', (b: Body) => (b.payments = []), 'payments'],
    ['over the bank max items', (b: Body) => (b.payments = bulkBody(4).payments), 'payments'],
    ['payments not a list', (b: Body) => (b.payments = { 0: creditTransfer() }), 'payments'],
    ['payments missing', (b: Body) => delete b.payments, 'payments'],
    [
      'one bad amount',
      (b: Body) => ((b.payments as Body[])[1] = creditTransfer('1.001')),
      'payments[1].instructedAmount.amount',
    ],
    [
      'one item without creditor name',
      (b: Body) => delete (b.payments as Body[])[0]?.creditorName,
      'payments[0].creditorName',
    ],
    [
      'one item with a bad IBAN',
      (b: Body) =>
        ((b.payments as Body[])[1] = { ...creditTransfer(), creditorAccount: { iban: 'SE00' } }),
      'payments[1].creditorAccount.iban',
    ],
    [
      'an unknown key in an item',
      (b: Body) =>
        ((b.payments as Body[])[1] = { ...creditTransfer(), debtorAccount: { iban: DEBTOR_IBAN } }),
      'payments[1].debtorAccount',
    ],
    [
      'an item that is not an object',
      (b: Body) => ((b.payments as unknown[])[0] = 'x'),
      'payments[0]',
    ],
    [
      'batchBookingPreferred "true" (the contract example)',
      (b: Body) => (b.batchBookingPreferred = 'true'),
      'batchBookingPreferred',
    ],
    [
      'paymentInformationId (the contract example)',
      (b: Body) => (b.paymentInformationId = 'x'),
      'paymentInformationId',
    ],
  ])('%s → 400 FORMAT_ERROR at %s', (_, edit, path) => {
    const result = parsePaymentBody(
      edited(edit, () => bulkBody(2)),
      bulk,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'FORMAT_ERROR', status: 400, path } });
  });

  it('names the bad item of a long bulk', () => {
    const body = bulkBody(500);
    (body.payments as Body[])[3] = creditTransfer('0');
    const result = parsePaymentBody(
      body,
      context({ service: 'bulk-payments', bank: bank({ maxBulkItems: 500 }) }),
    );
    expect(result).toMatchObject({
      ok: false,
      error: { path: 'payments[3].instructedAmount.amount' },
    });
  });
});

describe('giro payments', () => {
  const giroBody = (): Body => ({
    debtorAccount: { iban: DEBTOR_IBAN },
    instructedAmount: { currency: 'SEK', amount: '500.00' },
    creditorGiro: { giroNumber: '5050-1055', giroType: 'BANKGIRO' },
    creditorName: 'Elbolaget AB',
    ocrRef: '1234567890',
  });
  const giro = context({ product: 'swedish-giro' });

  it('reads a giro payment with an OCR reference', () => {
    expect(parsePaymentBody(giroBody(), giro)).toMatchObject({
      ok: true,
      value: {
        product: 'swedish-giro',
        creditorGiro: { giroType: 'BANKGIRO' },
        ocrRef: '1234567890',
      },
    });
  });

  it.each([
    ['both references', (b: Body) => (b.invoiceRef = 'Invoice 12345'), 'invoiceRef'],
    ['no reference', (b: Body) => delete b.ocrRef, 'ocrRef'],
    ['OCR with letters', (b: Body) => (b.ocrRef = '12345A'), 'ocrRef'],
    [
      'unknown giro type',
      (b: Body) => (b.creditorGiro = { giroNumber: '5050-1055', giroType: 'GIRO' }),
      'creditorGiro.giroType',
    ],
    [
      'creditorAccount instead of creditorGiro',
      (b: Body) => (b.creditorAccount = { iban: CREDITOR_IBAN }),
      'creditorAccount',
    ],
  ])('%s → 400 FORMAT_ERROR at %s', (_, edit, path) => {
    expect(parsePaymentBody(edited(edit, giroBody), giro)).toMatchObject({
      ok: false,
      error: { code: 'FORMAT_ERROR', path },
    });
  });

  it('is not a periodic or bulk product', () => {
    expect(parsePaymentBody(giroBody(), { ...giro, service: 'periodic-payments' })).toMatchObject({
      ok: false,
      error: { code: 'PRODUCT_INVALID', status: 403 },
    });
  });
});
