/**
 * What the hosted consent page asks the bank for, free of I/O: the consent body for the
 * Consent service, from the app's scopes, the days it asked for and the bank's limits.
 *
 * Decisions:
 * - A recurring consent (the app reads again while the user is away) for as many reads a day
 *   as the bank allows (`maxFrequencyPerDay`), for the days the app asked (`validity_days`),
 *   by default and at most as long as the bank allows (`maxValidityDays`).
 * - At a bank with bank-offered consents the user picks the accounts on the bank's own page
 *   (or BankID chooses them), so the consent names none (`access: {}`). Elsewhere a consent
 *   must name its accounts before the SCA, so the user types their IBANs on Bankbridge's page;
 *   each scope grants its list for those IBANs (`accounts` always, `balances` and
 *   `transactions` as asked).
 */
import {
  type AccountReference,
  addDays,
  type ConsentAccess,
  parseTypedIbans,
  type TypedAccounts,
} from '../../consents/rules/index.js';
import type { AspspEntry } from '../../registry/types.js';
import type { AispScope } from '../scopes.js';

export interface ConsentTerms {
  /** Days of access the user is asked to grant: the app's ask, capped by the bank. */
  days: number;
  /** The last day of access, in the bank's calendar. */
  validUntil: string;
  /** Reads a day per account and kind while the user is away. */
  frequencyPerDay: number;
  /** The user picks the accounts at the bank (true) or names them here (false). */
  bankOffered: boolean;
}

export function consentTerms(bank: AspspEntry, askedDays: number | undefined, today: string) {
  const days = Math.min(askedDays ?? bank.consent.maxValidityDays, bank.consent.maxValidityDays);
  return {
    days,
    validUntil: addDays(today, days),
    frequencyPerDay: bank.consent.maxFrequencyPerDay,
    bankOffered: bank.consent.bankOffered,
  } satisfies ConsentTerms;
}

/** The body of a consent request (`POST /psd2/consent/v1/consents`'s) for these terms. */
export function consentBody(terms: ConsentTerms, scopes: readonly AispScope[], ibans: string[]) {
  const access: ConsentAccess = {};
  if (!terms.bankOffered) {
    const refs = (): AccountReference[] => ibans.map((iban) => ({ iban }));
    access.accounts = refs();
    if (scopes.includes('balances')) access.balances = refs();
    if (scopes.includes('transactions')) access.transactions = refs();
  }
  return {
    access,
    recurringIndicator: true,
    validUntil: terms.validUntil,
    frequencyPerDay: terms.frequencyPerDay,
    combinedServiceIndicator: false,
  };
}

export type IbanList = TypedAccounts;

/** The IBANs a user typed (see `parseTypedIbans`). */
export function parseIbanList(text: string | undefined, max = 10): IbanList {
  return parseTypedIbans(text, max);
}
