// Consent rules of a sandbox bank: what a consent request may ask for, how validity and
// frequency are capped, how status moves over time, and which accounts a consent covers.
// Pure: the clock and ids come in as arguments.

import type { SandboxBankConfig } from '../registry/load-registry.js';
import { addDays, earlierDate, isIsoDate, isoDate } from './dates.js';
import { BankError } from './errors.js';
import type { Account, Psu } from './model.js';

export type ConsentStatus =
  | 'received'
  | 'valid'
  | 'rejected'
  | 'revokedByPsu'
  | 'expired'
  | 'terminatedByTpp';

export const TERMINAL_CONSENT_STATUSES: ReadonlySet<ConsentStatus> = new Set([
  'rejected',
  'revokedByPsu',
  'expired',
  'terminatedByTpp',
]);

/** A consent that is not authorised within this time is rejected. */
export const AUTHORISATION_WINDOW_MINUTES = 60;

export type ConsentForm = 'explicit' | 'bankOffered' | 'availableAccounts' | 'allPsd2';

export interface AccountReference {
  iban: string;
  currency?: string;
}

export interface RequestedAccess {
  accounts?: AccountReference[];
  balances?: AccountReference[];
  transactions?: AccountReference[];
  availableAccounts?: 'allAccounts' | 'allAccountsWithOwnerName';
  availableAccountsWithBalance?: 'allAccounts' | 'allAccountsWithOwnerName';
  allPsd2?: 'allAccounts' | 'allAccountsWithOwnerName';
}

/** Account resource ids the PSU granted, per kind of access. */
export interface GrantedAccess {
  accounts: string[];
  balances: string[];
  transactions: string[];
}

export interface Consent {
  consentId: string;
  clientId: string;
  bic: string;
  form: ConsentForm;
  access: RequestedAccess;
  recurringIndicator: boolean;
  combinedServiceIndicator: boolean;
  validUntil: string;
  frequencyPerDay: number;
  status: ConsentStatus;
  createdAt: Date;
  lastActionDate: string;
  psuId?: string;
  granted?: GrantedAccess;
  /** When the PSU last completed SCA for this consent. */
  lastScaAt?: Date;
}

export type NewConsent = Omit<
  Consent,
  'consentId' | 'clientId' | 'bic' | 'status' | 'createdAt' | 'lastActionDate'
>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function accountList(value: unknown, name: string): AccountReference[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value))
    throw new BankError('FORMAT_ERROR', `access.${name} must be a list of account references`);
  return value.map((item, index) => {
    if (
      !isObject(item) ||
      typeof item.iban !== 'string' ||
      !/^[A-Z]{2}\d{2}[A-Z0-9]{1,30}$/.test(item.iban)
    ) {
      throw new BankError('FORMAT_ERROR', `access.${name}[${index}] must be {"iban": "..."}`);
    }
    if (
      item.currency !== undefined &&
      (typeof item.currency !== 'string' || !/^[A-Z]{3}$/.test(item.currency))
    ) {
      throw new BankError(
        'FORMAT_ERROR',
        `access.${name}[${index}].currency must be an ISO 4217 code`,
      );
    }
    const ref: AccountReference = { iban: item.iban };
    if (typeof item.currency === 'string') ref.currency = item.currency;
    return ref;
  });
}

const ALL_ACCOUNTS = new Set(['allAccounts', 'allAccountsWithOwnerName']);

function parseAccess(
  value: unknown,
  bank: SandboxBankConfig,
): { form: ConsentForm; access: RequestedAccess } {
  if (!isObject(value))
    throw new BankError('FORMAT_ERROR', 'access is required and must be an object');
  const access: RequestedAccess = {};
  for (const key of Object.keys(value)) {
    if (
      ![
        'accounts',
        'balances',
        'transactions',
        'availableAccounts',
        'availableAccountsWithBalance',
        'allPsd2',
      ].includes(key)
    ) {
      throw new BankError('FORMAT_ERROR', `access.${key} is not a known access field`);
    }
  }
  for (const key of ['availableAccounts', 'availableAccountsWithBalance', 'allPsd2'] as const) {
    const v = value[key];
    if (v === undefined) continue;
    if (typeof v !== 'string' || !ALL_ACCOUNTS.has(v)) {
      throw new BankError(
        'FORMAT_ERROR',
        `access.${key} must be allAccounts or allAccountsWithOwnerName`,
      );
    }
    access[key] = v as 'allAccounts';
  }
  for (const key of ['accounts', 'balances', 'transactions'] as const) {
    const list = accountList(value[key], key);
    if (list) access[key] = list;
  }
  const explicit = Boolean(
    access.accounts?.length || access.balances?.length || access.transactions?.length,
  );
  const global = [
    access.allPsd2,
    access.availableAccounts,
    access.availableAccountsWithBalance,
  ].filter(Boolean).length;
  if (global > 1 || (global === 1 && explicit)) {
    throw new BankError(
      'FORMAT_ERROR',
      'access must use one form: account lists, availableAccounts, availableAccountsWithBalance or allPsd2',
    );
  }
  if (access.allPsd2) {
    if (!bank.consent.allPsd2)
      throw new BankError('SERVICE_INVALID', 'This bank does not offer allPsd2 consents');
    return { form: 'allPsd2', access };
  }
  if (access.availableAccounts || access.availableAccountsWithBalance) {
    if (!bank.consent.availableAccounts)
      throw new BankError('SERVICE_INVALID', 'This bank does not offer availableAccounts consents');
    return { form: 'availableAccounts', access };
  }
  if (explicit) return { form: 'explicit', access };
  if (!bank.consent.bankOffered) {
    throw new BankError(
      'SERVICE_INVALID',
      'This bank does not offer bank-offered consents (empty access): list the accounts',
    );
  }
  return { form: 'bankOffered', access: {} };
}

/** Validates a POST /v1/consents body; validUntil and frequencyPerDay are capped by the bank. */
export function parseConsentRequest(body: unknown, bank: SandboxBankConfig, now: Date): NewConsent {
  if (!isObject(body)) throw new BankError('FORMAT_ERROR', 'The body must be a JSON object');
  const { form, access } = parseAccess(body.access, bank);
  const today = isoDate(now);
  if (typeof body.recurringIndicator !== 'boolean')
    throw new BankError('FORMAT_ERROR', 'recurringIndicator must be true or false');
  if (typeof body.validUntil !== 'string' || !isIsoDate(body.validUntil)) {
    throw new BankError('FORMAT_ERROR', 'validUntil must be a date in the form YYYY-MM-DD');
  }
  if (body.validUntil < today)
    throw new BankError('FORMAT_ERROR', `validUntil ${body.validUntil} is in the past`);
  const frequency = body.frequencyPerDay;
  if (typeof frequency !== 'number' || !Number.isInteger(frequency) || frequency < 1) {
    throw new BankError('FORMAT_ERROR', 'frequencyPerDay must be a whole number of at least 1');
  }
  if (
    body.combinedServiceIndicator !== undefined &&
    typeof body.combinedServiceIndicator !== 'boolean'
  ) {
    throw new BankError('FORMAT_ERROR', 'combinedServiceIndicator must be true or false');
  }
  const latest = addDays(today, bank.consent.maxValidityDays);
  return {
    form,
    access,
    recurringIndicator: body.recurringIndicator,
    combinedServiceIndicator: body.combinedServiceIndicator === true,
    validUntil: earlierDate(body.validUntil, latest),
    // A one-off consent reads once a day at most, as NextGenPSD2 prescribes.
    frequencyPerDay: body.recurringIndicator
      ? Math.min(frequency, bank.consent.maxFrequencyPerDay)
      : 1,
  };
}

function setStatus(consent: Consent, status: ConsentStatus, now: Date): void {
  consent.status = status;
  consent.lastActionDate = isoDate(now);
}

/** Applies the passage of time: expiry at validUntil, rejection when never authorised. */
export function refreshConsentStatus(consent: Consent, now: Date): ConsentStatus {
  if (consent.status === 'valid' && isoDate(now) > consent.validUntil)
    setStatus(consent, 'expired', now);
  if (
    consent.status === 'received' &&
    now.getTime() - consent.createdAt.getTime() > AUTHORISATION_WINDOW_MINUTES * 60_000
  ) {
    setStatus(consent, 'rejected', now);
  }
  return consent.status;
}

/** Moves a consent to a new status unless it is already in a terminal one. */
export function transitionConsent(consent: Consent, status: ConsentStatus, now: Date): boolean {
  refreshConsentStatus(consent, now);
  if (TERMINAL_CONSENT_STATUSES.has(consent.status)) return false;
  setStatus(consent, status, now);
  return true;
}

/** Whether an SCA may be started for the consent (first authorisation or a fresh SCA). */
export function authorisationBlocker(
  consent: Consent,
  psuId: string | undefined,
  now: Date,
): BankError | undefined {
  const status = refreshConsentStatus(consent, now);
  if (status !== 'received' && status !== 'valid') {
    return new BankError('STATUS_INVALID', `The consent is ${status} and cannot be authorised`);
  }
  if (
    status === 'valid' &&
    psuId !== undefined &&
    consent.psuId !== undefined &&
    consent.psuId !== psuId
  ) {
    return new BankError('PSU_CREDENTIALS_INVALID', 'The consent belongs to another PSU');
  }
  return undefined;
}

/** Accounts the consent asks for that a bank-offered consent lets the PSU choose from. */
export function needsAccountChoice(consent: Consent): boolean {
  return consent.form === 'bankOffered' && consent.granted === undefined;
}

/**
 * What the PSU grants when approving. For a bank-offered consent `chosen` holds the picked
 * resource ids; for explicit consents every listed IBAN must be one of the PSU's accounts.
 */
export function grantAccess(
  consent: Consent,
  psu: Psu,
  chosen: readonly string[],
): GrantedAccess | BankError {
  if (consent.granted && consent.psuId === psu.psuId) return consent.granted;
  const all = psu.accounts.map((a) => a.resourceId);
  const byIban = (refs: AccountReference[] | undefined): string[] | BankError => {
    const ids: string[] = [];
    for (const ref of refs ?? []) {
      const account = psu.accounts.find(
        (a) => a.iban === ref.iban && (!ref.currency || ref.currency === a.currency),
      );
      if (!account)
        return new BankError('CONSENT_INVALID', `Account ${ref.iban} is not held by this PSU`);
      ids.push(account.resourceId);
    }
    return ids;
  };
  switch (consent.form) {
    case 'allPsd2':
      return { accounts: all, balances: all, transactions: all };
    case 'availableAccounts':
      return {
        accounts: all,
        balances: consent.access.availableAccountsWithBalance ? all : [],
        transactions: [],
      };
    case 'bankOffered': {
      const picked = all.filter((id) => chosen.includes(id));
      if (picked.length === 0) return new BankError('FORMAT_ERROR', 'Choose at least one account');
      return { accounts: picked, balances: picked, transactions: picked };
    }
    case 'explicit': {
      const balances = byIban(consent.access.balances);
      const transactions = byIban(consent.access.transactions);
      const accounts = byIban(consent.access.accounts);
      if (balances instanceof BankError) return balances;
      if (transactions instanceof BankError) return transactions;
      if (accounts instanceof BankError) return accounts;
      // Balance or transaction access implies seeing the account itself.
      return {
        accounts: [...new Set([...accounts, ...balances, ...transactions])],
        balances,
        transactions,
      };
    }
  }
}

/** The access object GET /v1/consents/{id} shows: after SCA, the granted accounts. */
export function describeAccess(
  consent: Consent,
  accountsById: (id: string) => Account | undefined,
): RequestedAccess {
  if (consent.form !== 'bankOffered' || !consent.granted) return consent.access;
  const refs = (ids: string[]): AccountReference[] =>
    ids.flatMap((id) => {
      const a = accountsById(id);
      return a ? [{ iban: a.iban, currency: a.currency }] : [];
    });
  return {
    accounts: refs(consent.granted.accounts),
    balances: refs(consent.granted.balances),
    transactions: refs(consent.granted.transactions),
  };
}

export function isFreshSca(consent: Consent, now: Date, freshMinutes: number): boolean {
  return (
    consent.lastScaAt !== undefined &&
    now.getTime() - consent.lastScaAt.getTime() <= freshMinutes * 60_000
  );
}

/**
 * A successful SCA grants access and makes the consent valid; a grant the PSU cannot give
 * (accounts not theirs) rejects it. A FORMAT_ERROR (nothing picked) leaves it to ask again.
 */
export function authoriseConsent(
  consent: Consent,
  psu: Psu,
  chosen: readonly string[],
  now: Date,
): BankError | undefined {
  const granted = grantAccess(consent, psu, chosen);
  if (granted instanceof BankError) {
    if (granted.code !== 'FORMAT_ERROR') transitionConsent(consent, 'rejected', now);
    return granted;
  }
  if (!transitionConsent(consent, 'valid', now)) {
    return new BankError('STATUS_INVALID', `The consent is ${consent.status}`);
  }
  consent.granted = granted;
  consent.psuId = psu.psuId;
  consent.lastScaAt = now;
  return undefined;
}
