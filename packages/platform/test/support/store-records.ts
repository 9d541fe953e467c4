import type { NewConsent } from '../../src/store/consents.js';

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
