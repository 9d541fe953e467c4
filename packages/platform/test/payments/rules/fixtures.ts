/** Shared fixtures of the payment rule tests: a Swedish bank, valid accounts, a fixed clock. */
import type { PaymentBankSettings, PaymentBodyContext } from '../../../src/payments/rules/index.js';

export const DEBTOR_IBAN = 'SE4550000000058398257466';
export const CREDITOR_IBAN = 'SE3550000000054910000003';
export const EUR_IBAN = 'DE89370400440532013000';

/** 13:00 in Stockholm on 2026-03-10. */
export const NOW = new Date('2026-03-10T12:00:00Z');
export const TIME_ZONE = 'Europe/Stockholm';

export function bank(payments: Partial<PaymentBankSettings['payments']> = {}): PaymentBankSettings {
  return {
    isoCountryCode: 'SE',
    payments: {
      maxExecutionDaysAhead: 365,
      maxBulkItems: 3,
      debtorAccountOptional: false,
      accountIdentifiers: 'iban',
      remittanceMaxLength: { default: 140 },
      ...payments,
    },
  };
}

export function context(overrides: Partial<PaymentBodyContext> = {}): PaymentBodyContext {
  return {
    product: 'domestic',
    service: 'payments',
    bank: bank(),
    now: NOW,
    timeZone: TIME_ZONE,
    ...overrides,
  };
}

/** The vendor's documented single payment (docs/pis.md), with real IBANs. */
export function singleBody(): Record<string, unknown> {
  return {
    instructedAmount: { currency: 'SEK', amount: '142.66' },
    debtorAccount: { iban: DEBTOR_IBAN, currency: 'SEK' },
    creditorName: 'Enterprise Inc',
    creditorAccount: { iban: CREDITOR_IBAN, currency: 'SEK' },
    remittanceInformationUnstructured: 'Invoice 1234',
  };
}

export function creditTransfer(amount = '10.00'): Record<string, unknown> {
  return {
    instructedAmount: { currency: 'SEK', amount },
    creditorAccount: { iban: CREDITOR_IBAN },
    creditorName: 'Enterprise Inc',
  };
}
