/**
 * The body of `POST /psd2/consent/v1/consents` (schema `consents` of the contract), checked
 * and normalised against the bank's consent settings from the registry.
 *
 * Checks run in this order and the first failure is the answer (one `tppMessages` entry):
 *  1. the body is a JSON object;
 *  2. each field the contract requires, in the contract's order: `access`,
 *     `recurringIndicator`, `validUntil`, `frequencyPerDay`, `combinedServiceIndicator`
 *     (missing, wrong type, malformed, `validUntil` in the past: 400 FORMAT_ERROR naming it);
 *  3. what the bank offers (`allPsd2`, `availableAccounts`, bank-offered `{}` where nobody is
 *     named to let the PSU pick: 400 SERVICE_INVALID);
 *  4. adjustments, which never fail: `validUntil` and `frequencyPerDay` capped, 1 for one-off.
 *
 * Decisions:
 * - Types are those of the schema: `recurringIndicator: "true"` or `frequencyPerDay: "4"` are
 *   FORMAT_ERRORs, although the contract's own examples write them as strings (those examples
 *   fail the contract's schema; they are among the errata of the contract), and
 *   `combinedServiceIndicator` is required as the schema says, although those examples omit it.
 * - Fields the contract does not define at the top level, and any client-supplied
 *   `consentStatus`, `consentId` or `lastActionDate`, are ignored: the result holds the five
 *   fields only. Inside `access` and its account references, which carry the grant, an unknown
 *   field is refused instead (closed-objects.ts).
 * - `combinedServiceIndicator: true` is accepted and kept; it has no effect until Bankbridge
 *   offers payment initiation.
 */
import type { ConsentSettings } from '../../registry/types.js';
import { covers, parseAccountReference } from './account-reference.js';
import { type ClosedObject, unknownField } from './closed-objects.js';
import { addDays, isIsoDate } from './dates.js';
import { type ConsentRuleError, formatError, serviceInvalid } from './errors.js';
import type { OfferedConsentPicker } from './offered-consent.js';
import { type AccountReference, type ConsentAccess, consentForm } from './types.js';

/** What the rules need of the bank's registry entry (`consent` of `registry/aspsps.yaml`). */
export type ConsentBankSettings = Pick<
  ConsentSettings,
  'maxValidityDays' | 'maxFrequencyPerDay' | 'bankOffered' | 'allPsd2' | 'availableAccounts'
> & {
  /**
   * Who lets the PSU pick a bank-offered consent's accounts there (`offeredConsentPicker`);
   * without it, the bank's `bankOffered` alone decides.
   */
  offeredPicker?: OfferedConsentPicker | undefined;
};

/** A consent request as Bankbridge accepts it, after adjustments. */
export interface ConsentRequest {
  access: ConsentAccess;
  recurringIndicator: boolean;
  /** ISO date, possibly capped: what GET returns. */
  validUntil: string;
  /** Possibly capped, 1 for a one-off consent: what GET returns. */
  frequencyPerDay: number;
  combinedServiceIndicator: boolean;
}

/** A value Bankbridge changed from what the TPP asked for, and why. */
export interface ConsentAdjustment {
  field: 'validUntil' | 'frequencyPerDay';
  requested: string | number;
  applied: string | number;
  reason: string;
}

export type ParsedConsentRequest =
  | { ok: true; value: ConsentRequest; adjustments: ConsentAdjustment[] }
  | { ok: false; error: ConsentRuleError };

class Refusal {
  constructor(readonly error: ConsentRuleError) {}
}

function refuse(path: string, problem: string): never {
  throw new Refusal(formatError(path, problem));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function required(body: Record<string, unknown>, field: string): unknown {
  if (body[field] === undefined) refuse(field, 'is required');
  return body[field];
}

function boolean(body: Record<string, unknown>, field: string): boolean {
  const value = required(body, field);
  if (typeof value !== 'boolean') refuse(field, `must be true or false (got ${typeName(value)})`);
  return value;
}

const LISTS = ['accounts', 'balances', 'transactions'] as const;

const ACCESS: ClosedObject = {
  path: 'access',
  what: 'access',
  fields: [...LISTS, 'availableAccounts', 'availableAccountsWithBalance', 'allPsd2'],
  notSupported: {
    additionalInformation:
      "Berlin Group's additional account information (owner names, trusted beneficiaries) is not offered; leave it out",
    restrictedTo:
      'restricting the consent to account types is not offered; name the accounts instead',
  },
};

function accountList(
  access: Record<string, unknown>,
  list: string,
): AccountReference[] | undefined {
  const value = access[list];
  if (value === undefined) return undefined;
  const path = `access.${list}`;
  if (!Array.isArray(value)) refuse(path, `must be a list of accounts (got ${typeName(value)})`);
  return value.map((item, index) => {
    const parsed = parseAccountReference(item, `${path}[${index}]`);
    if (!parsed.ok) throw new Refusal(parsed.error);
    return parsed.value;
  });
}

/**
 * `access`: exactly one of the four consent forms (see `ConsentAccess`).
 * Decisions:
 * - Berlin Group's later `availableAccountsWithBalance: "allAccounts"` is read as this
 *   contract's `availableAccounts: "allAccountsWithBalances"` (and kept in the contract's form,
 *   which GET returns): otherwise it would be an unknown field, and the request would silently
 *   become a bank-offered consent.
 * - An empty list next to a non-empty one is refused: Berlin Group reads an empty list as
 *   "whatever the PSU grants at the bank", which cannot be mixed with named accounts. To ask
 *   for no balances, leave `balances` out.
 * - Every account of `balances` and `transactions` must be covered by `accounts`:
 *   the same IBAN/BBAN, and the same currency unless the `accounts` entry names none.
 */
function parseAccess(body: Record<string, unknown>): ConsentAccess {
  const raw = required(body, 'access');
  if (!isObject(raw)) refuse('access', `must be an object (got ${typeName(raw)})`);
  const unknown = unknownField(raw, ACCESS);
  if (unknown) throw new Refusal(unknown);
  const access: ConsentAccess = {};
  for (const list of LISTS) {
    const references = accountList(raw, list);
    if (references !== undefined) access[list] = references;
  }

  const { availableAccounts, availableAccountsWithBalance, allPsd2 } = raw;
  if (availableAccounts !== undefined && availableAccountsWithBalance !== undefined) {
    refuse('access', 'use either availableAccounts or availableAccountsWithBalance, not both');
  }
  if (availableAccounts !== undefined) {
    if (availableAccounts !== 'allAccounts' && availableAccounts !== 'allAccountsWithBalances') {
      refuse('access.availableAccounts', 'must be "allAccounts" or "allAccountsWithBalances"');
    }
    access.availableAccounts = availableAccounts;
  }
  if (availableAccountsWithBalance !== undefined) {
    if (availableAccountsWithBalance !== 'allAccounts') {
      refuse('access.availableAccountsWithBalance', 'must be "allAccounts"');
    }
    access.availableAccounts = 'allAccountsWithBalances';
  }
  if (allPsd2 !== undefined) {
    if (allPsd2 !== 'allAccounts') refuse('access.allPsd2', 'must be "allAccounts"');
    access.allPsd2 = allPsd2;
  }

  const named = LISTS.filter((list) => (access[list]?.length ?? 0) > 0);
  const empty = LISTS.filter((list) => access[list]?.length === 0);
  const forms = [
    named.length > 0 ? 'accounts/balances/transactions' : undefined,
    access.availableAccounts !== undefined ? 'availableAccounts' : undefined,
    access.allPsd2 !== undefined ? 'allPsd2' : undefined,
  ].filter((form) => form !== undefined);
  if (forms.length > 1) {
    refuse('access', `asks for ${forms.join(' and ')} at once; use one of them`);
  }
  if (named.length > 0 && empty.length > 0) {
    refuse(
      `access.${empty[0]}`,
      `is empty, which asks for the accounts the PSU picks at the bank, while ${named.join(', ')} name accounts; leave ${empty[0]} out to ask for none`,
    );
  }
  for (const list of ['balances', 'transactions'] as const) {
    access[list]?.forEach((reference, index) => {
      if (!access.accounts?.some((account) => covers(account, reference))) {
        refuse(
          `access.${list}[${index}]`,
          'is not within access.accounts: every account in balances and transactions must also be in accounts (with the same currency, if accounts names one)',
        );
      }
    });
  }
  return access;
}

function parseValidUntil(body: Record<string, unknown>, today: string): string {
  const value = required(body, 'validUntil');
  if (typeof value !== 'string' || !isIsoDate(value)) {
    refuse('validUntil', 'must be a date written YYYY-MM-DD, e.g. "2026-12-31"');
  }
  // Decision: validUntil equal to today is allowed (the consent is usable until the end of
  // the bank's day); only earlier dates are "in the past".
  if (value < today) refuse('validUntil', `lies in the past (today is ${today} at the bank)`);
  return value;
}

function parseFrequency(body: Record<string, unknown>): number {
  const value = required(body, 'frequencyPerDay');
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    refuse(
      'frequencyPerDay',
      `must be an integer of at least 1 (got ${typeName(value)}${typeof value === 'number' ? ` ${value}` : ''})`,
    );
  }
  return value;
}

function checkOffered(
  access: ConsentAccess,
  bank: ConsentBankSettings,
): ConsentRuleError | undefined {
  const form = consentForm(access);
  if (form === 'allPsd2' && !bank.allPsd2) {
    return serviceInvalid(
      'access.allPsd2',
      'access.allPsd2: this bank does not offer allPsd2 consents; name the accounts instead',
    );
  }
  if (form === 'availableAccounts' && !bank.availableAccounts) {
    return serviceInvalid(
      'access.availableAccounts',
      'access.availableAccounts: this bank does not offer availableAccounts consents; name the accounts instead',
    );
  }
  const picker =
    'offeredPicker' in bank ? bank.offeredPicker : bank.bankOffered ? 'bank' : undefined;
  if (form === 'bankOffered' && !picker) {
    return serviceInvalid(
      'access',
      'access: this bank does not offer bank-offered consents (an empty access, where the PSU picks the accounts during the SCA); name the accounts instead',
    );
  }
  return undefined;
}

/**
 * Checks and normalises a consent request body. `today` is the bank's local date
 * (`localDate(now, bankTimeZone)`), against which `validUntil` is judged.
 */
export function parseConsentRequest(
  body: unknown,
  bank: ConsentBankSettings,
  today: string,
): ParsedConsentRequest {
  if (!isIsoDate(today)) throw new RangeError(`today must be an ISO date, got ${today}`);
  let request: ConsentRequest;
  try {
    if (!isObject(body)) refuse('body', `must be a JSON object (got ${typeName(body)})`);
    request = {
      access: parseAccess(body),
      recurringIndicator: boolean(body, 'recurringIndicator'),
      validUntil: parseValidUntil(body, today),
      frequencyPerDay: parseFrequency(body),
      combinedServiceIndicator: boolean(body, 'combinedServiceIndicator'),
    };
  } catch (thrown) {
    if (thrown instanceof Refusal) return { ok: false, error: thrown.error };
    throw thrown;
  }

  const notOffered = checkOffered(request.access, bank);
  if (notOffered) return { ok: false, error: notOffered };

  const adjustments: ConsentAdjustment[] = [];
  // Decision: validUntil may be today + maxValidityDays at most; a later date (including
  // Berlin Group's "9999-12-31" for "as long as possible") is capped to that date, which is
  // what GET returns.
  const latest = addDays(today, bank.maxValidityDays);
  if (request.validUntil > latest) {
    adjustments.push({
      field: 'validUntil',
      requested: request.validUntil,
      applied: latest,
      reason: `this bank allows consents of at most ${bank.maxValidityDays} days`,
    });
    request.validUntil = latest;
  }
  // Decision: a one-off consent (recurringIndicator false) has frequencyPerDay 1, as the
  // contract says; a higher value is capped to 1, not refused, like every other cap.
  // A recurring consent's frequency is capped at the bank's maximum.
  const frequency = request.recurringIndicator
    ? Math.min(request.frequencyPerDay, bank.maxFrequencyPerDay)
    : 1;
  if (frequency !== request.frequencyPerDay) {
    adjustments.push({
      field: 'frequencyPerDay',
      requested: request.frequencyPerDay,
      applied: frequency,
      reason: request.recurringIndicator
        ? `this bank allows at most ${bank.maxFrequencyPerDay} unattended reads per day`
        : 'a one-off consent (recurringIndicator false) allows one read',
    });
    request.frequencyPerDay = frequency;
  }
  return { ok: true, value: request, adjustments };
}
