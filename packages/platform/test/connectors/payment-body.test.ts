// The payment body a Berlin Group bank gets from the canonical model: field by field per
// service, amounts as strings, account references with one identifier; bank products as sent.

import { describe, expect, it } from 'vitest';
import {
  berlinGroupPaymentBody,
  PaymentBodyError,
  type PaymentBodyInput,
} from '../../src/connectors/berlin-group-payment-body.js';

const DEBTOR = { iban: 'SE4550000000058398257466', currency: 'SEK' };
const CREDITOR = { iban: 'SE7280000810340009783242' };
const AMOUNT = { currency: 'SEK', amount: '142.60' };

const global = (service: string, product: string, body: Record<string, unknown>) =>
  berlinGroupPaymentBody({ service, product, body, globalProduct: true });

describe('a global product: the canonical model as the Berlin Group body', () => {
  it('a single payment: the documented fields, amounts kept as written, service and product left out', () => {
    const body = global('payments', 'domestic', {
      service: 'payments',
      product: 'domestic',
      debtorAccount: DEBTOR,
      instructedAmount: AMOUNT,
      creditorAccount: CREDITOR,
      creditorName: 'Kaffebaren AB',
      creditorAgent: 'ESSESESS',
      creditorAddress: { street: 'Storgatan', buildingNumber: '1', city: 'Lund', country: 'SE' },
      remittanceInformationUnstructured: 'Invoice 17',
      endToEndIdentification: 'E2E-1',
      requestedExecutionDate: '2026-09-01',
    });
    expect(body).toEqual({
      debtorAccount: DEBTOR,
      instructedAmount: { currency: 'SEK', amount: '142.60' },
      creditorAccount: CREDITOR,
      creditorName: 'Kaffebaren AB',
      creditorAgent: 'ESSESESS',
      creditorAddress: { street: 'Storgatan', buildingNumber: '1', city: 'Lund', country: 'SE' },
      remittanceInformationUnstructured: 'Invoice 17',
      endToEndIdentification: 'E2E-1',
      requestedExecutionDate: '2026-09-01',
    });
    expect(Object.keys(body)[0]).toBe('debtorAccount');
  });

  it('leaves out what the model left out (no debtor where the PSU picks it at the bank)', () => {
    expect(
      global('payments', 'sepa-credit-transfers', {
        instructedAmount: { currency: 'EUR', amount: '5' },
        creditorAccount: { iban: 'DE89370400440532013000' },
        creditorName: 'Anna',
      }),
    ).toEqual({
      instructedAmount: { currency: 'EUR', amount: '5' },
      creditorAccount: { iban: 'DE89370400440532013000' },
      creditorName: 'Anna',
    });
  });

  it('account references: bban with its clearing number, giro numbers, currency', () => {
    const body = global('payments', 'domestic', {
      debtorAccount: { plusgiroNumber: '4711-3' },
      instructedAmount: AMOUNT,
      creditorAccount: { bban: '1234567890', clearingNumber: '6000', currency: 'SEK' },
      creditorName: 'Handelsbanken kund',
    });
    expect(body.debtorAccount).toEqual({ plusgiroNumber: '4711-3' });
    expect(body.creditorAccount).toEqual({
      bban: '1234567890',
      clearingNumber: '6000',
      currency: 'SEK',
    });
  });

  it('swedish-giro: creditorGiro and the reference, no creditorAccount', () => {
    expect(
      global('payments', 'swedish-giro', {
        debtorAccount: DEBTOR,
        instructedAmount: AMOUNT,
        creditorGiro: { giroNumber: '5050-1055', giroType: 'BANKGIRO' },
        creditorName: 'Elbolaget',
        ocrRef: '1234567890',
        debtorAccountMessage: 'El mars',
      }),
    ).toEqual({
      debtorAccount: DEBTOR,
      instructedAmount: AMOUNT,
      creditorGiro: { giroNumber: '5050-1055', giroType: 'BANKGIRO' },
      creditorName: 'Elbolaget',
      ocrRef: '1234567890',
      debtorAccountMessage: 'El mars',
    });
  });

  it('periodic: the terms beside the transfer', () => {
    expect(
      global('periodic-payments', 'domestic', {
        debtorAccount: DEBTOR,
        instructedAmount: AMOUNT,
        creditorAccount: CREDITOR,
        creditorName: 'Hyresvärden',
        startDate: '2026-09-01',
        endDate: '2027-08-31',
        frequency: 'Monthly',
        executionRule: 'following',
        dayOfExecution: '1',
      }),
    ).toEqual({
      debtorAccount: DEBTOR,
      instructedAmount: AMOUNT,
      creditorAccount: CREDITOR,
      creditorName: 'Hyresvärden',
      startDate: '2026-09-01',
      endDate: '2027-08-31',
      frequency: 'Monthly',
      executionRule: 'following',
      dayOfExecution: '1',
    });
  });

  it('bulk: one debtor, the items as credit transfers, batch booking as a boolean', () => {
    expect(
      global('bulk-payments', 'sepa-credit-transfers', {
        debtorAccount: { iban: 'DE89370400440532013000' },
        batchBookingPreferred: true,
        requestedExecutionDate: '2026-09-01',
        payments: [
          {
            instructedAmount: { currency: 'EUR', amount: '10.00' },
            creditorAccount: { iban: 'FI2112345600000785' },
            creditorName: 'Aino',
            endToEndIdentification: 'E2E-a',
          },
          {
            instructedAmount: { currency: 'EUR', amount: '20' },
            creditorAccount: { iban: 'DK5000400440116243' },
            creditorName: 'Mads',
          },
        ],
      }),
    ).toEqual({
      debtorAccount: { iban: 'DE89370400440532013000' },
      batchBookingPreferred: true,
      requestedExecutionDate: '2026-09-01',
      payments: [
        {
          instructedAmount: { currency: 'EUR', amount: '10.00' },
          creditorAccount: { iban: 'FI2112345600000785' },
          creditorName: 'Aino',
          endToEndIdentification: 'E2E-a',
        },
        {
          instructedAmount: { currency: 'EUR', amount: '20' },
          creditorAccount: { iban: 'DK5000400440116243' },
          creditorName: 'Mads',
        },
      ],
    });
  });

  it('drops fields the service does not have (a bulk field on a single payment)', () => {
    const body = global('payments', 'domestic', {
      debtorAccount: DEBTOR,
      instructedAmount: AMOUNT,
      creditorAccount: CREDITOR,
      creditorName: 'X',
      batchBookingPreferred: true,
      frequency: 'Monthly',
    });
    expect(body).not.toHaveProperty('batchBookingPreferred');
    expect(body).not.toHaveProperty('frequency');
  });

  it.each<[string, PaymentBodyInput, RegExp]>([
    [
      'an amount as a number',
      {
        service: 'payments',
        product: 'domestic',
        globalProduct: true,
        body: {
          instructedAmount: { currency: 'SEK', amount: 12.5 },
          creditorAccount: CREDITOR,
          creditorName: 'X',
        },
      },
      /instructedAmount\.amount must be a string/,
    ],
    [
      'no creditor account',
      {
        service: 'payments',
        product: 'domestic',
        globalProduct: true,
        body: { instructedAmount: AMOUNT, creditorName: 'X' },
      },
      /creditorAccount is missing/,
    ],
    [
      'an account without an identifier',
      {
        service: 'payments',
        product: 'domestic',
        globalProduct: true,
        body: {
          instructedAmount: AMOUNT,
          creditorAccount: { currency: 'SEK' },
          creditorName: 'X',
        },
      },
      /creditorAccount has no account identifier/,
    ],
    [
      'a bulk item without an amount',
      {
        service: 'bulk-payments',
        product: 'domestic',
        globalProduct: true,
        body: {
          debtorAccount: DEBTOR,
          payments: [{ creditorAccount: CREDITOR, creditorName: 'X' }],
        },
      },
      /payments\[0\]\.instructedAmount is missing/,
    ],
    [
      'a service no global product has',
      { service: 'signing-baskets', product: 'domestic', globalProduct: true, body: {} },
      /not a payment service/,
    ],
  ])('refuses a body that is not the model: %s', (_name, input, message) => {
    expect(() => berlinGroupPaymentBody(input)).toThrow(PaymentBodyError);
    expect(() => berlinGroupPaymentBody(input)).toThrow(message);
  });
});

describe('a bank product', () => {
  it('passes the body as the TPP sent it', () => {
    const body = { debtorAccount: { bban: '123' }, anything: { the: 'bank documents' } };
    expect(
      berlinGroupPaymentBody({
        service: 'payments',
        product: 'swedish-domestic-private-credit-transfers',
        body,
        globalProduct: false,
      }),
    ).toBe(body);
  });
});
