import type { NewConsent } from '../../src/store/consents.js';
import type { NewPayment } from '../../src/store/payments.js';

/**
 * A consent as a repository test stores it: a recurring, private consent on one account at
 * ESSESESS, still `received`. Tests override what they are about.
 */
export function newConsent(overrides: Partial<NewConsent> = {}): NewConsent {
  return {
    clientId: 'client-a',
    bic: 'ESSESESS',
    status: 'received',
    access: { accounts: [{ iban: 'SE3550000000054910000003' }] },
    recurringIndicator: true,
    validUntil: '2027-01-31',
    frequencyPerDay: 4,
    combinedServiceIndicator: false,
    psuContext: 'private',
    ...overrides,
  };
}

/**
 * A payment as a repository test stores it: a domestic payment at ESSESESS, decoupled SCA,
 * still `RCVD`. Tests override what they are about.
 */
export function newPayment(overrides: Partial<NewPayment> = {}): NewPayment {
  return {
    clientId: 'client-a',
    bic: 'ESSESESS',
    service: 'payments',
    product: 'domestic',
    productKind: 'global',
    psuContext: 'private',
    psuId: null,
    psuCorporateId: null,
    psuIpAddress: null,
    psuUserAgent: null,
    body: {},
    bankBody: {},
    endToEndId: null,
    executionDate: null,
    bankPaymentId: 'bank-payment-1',
    status: 'RCVD',
    scaApproach: 'DECOUPLED',
    ...overrides,
  };
}
