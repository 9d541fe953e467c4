/**
 * Account references in a consent (`accountReference` of the contract): parsing one from a
 * request, and deciding whether a reference covers a bank account.
 */
import { unknownField } from './closed-objects.js';
import { type ConsentRuleError, formatError, parameterNotSupported } from './errors.js';
import { ibanProblem, normaliseIban } from './iban.js';
import type { AccountReference } from './types.js';

/** A bank account as a connector describes it: its identifiers and currency. */
export interface AccountIdentity {
  iban?: string;
  bban?: string;
  currency?: string;
}

// The contract's pattern for bban and currencyCode, anchored (the contract leaves its
// patterns unanchored; see the errata in `contract/errata.ts`).
const BBAN = /^[A-Za-z0-9]{1,30}$/;
const CURRENCY = /^[A-Z]{3}$/;

/** Fields of the contract's accountReference that Bankbridge does not take (see types.ts). */
const NOT_SUPPORTED = ['pan', 'maskedPan', 'msisdn', 'clearingNumber'] as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export type ParsedReference =
  | { ok: true; value: AccountReference }
  | { ok: false; error: ConsentRuleError };

/** The fields of an account reference Bankbridge reads. */
const FIELDS = ['iban', 'bban', 'currency'] as const;

/**
 * One account reference: exactly one of `iban` (checked, upper-cased) or `bban` (upper-cased),
 * optional `currency` (ISO 4217, upper case as the contract's pattern says). Any other field is
 * refused: a misspelt `currency` dropped would grant every currency of the account.
 */
export function parseAccountReference(value: unknown, path: string): ParsedReference {
  if (!isObject(value)) {
    return { ok: false, error: formatError(path, 'must be an object with an iban or a bban') };
  }
  for (const field of NOT_SUPPORTED) {
    if (value[field] !== undefined) {
      return {
        ok: false,
        error: parameterNotSupported(
          `${path}.${field}`,
          `${path}.${field}: accounts are referenced by iban or bban only; ${field} is not supported`,
        ),
      };
    }
  }
  const unknown = unknownField(value, { path, what: 'an account reference', fields: FIELDS });
  if (unknown) return { ok: false, error: unknown };
  const { iban, bban, currency } = value;
  if (iban !== undefined && bban !== undefined) {
    return { ok: false, error: formatError(path, 'must have either an iban or a bban, not both') };
  }
  if (iban === undefined && bban === undefined) {
    return { ok: false, error: formatError(path, 'must have an iban or a bban') };
  }
  if (currency !== undefined && (typeof currency !== 'string' || !CURRENCY.test(currency))) {
    return {
      ok: false,
      error: formatError(`${path}.currency`, 'must be an ISO 4217 currency code such as "EUR"'),
    };
  }
  const withCurrency = currency === undefined ? {} : { currency };
  if (iban !== undefined) {
    if (typeof iban !== 'string') {
      return { ok: false, error: formatError(`${path}.iban`, 'must be a string') };
    }
    const problem = ibanProblem(iban);
    if (problem) return { ok: false, error: formatError(`${path}.iban`, problem) };
    return { ok: true, value: { iban: normaliseIban(iban), ...withCurrency } };
  }
  if (typeof bban !== 'string' || !BBAN.test(bban)) {
    return {
      ok: false,
      error: formatError(`${path}.bban`, 'must be 1 to 30 letters or digits, without spaces'),
    };
  }
  return { ok: true, value: { bban: bban.toUpperCase(), ...withCurrency } };
}

/**
 * Whether `reference` covers `account`: the same IBAN (or the same BBAN), and, when the
 * reference names a currency, the account is in that currency.
 * Decisions: a reference without currency covers every currency of a multi-currency account;
 * an IBAN reference never matches an account known only by BBAN (or the reverse): the two are
 * not derived from each other, which for Swedish accounts (clearing number + account number)
 * they are not. An account of unknown currency is not covered by a reference with a currency.
 */
export function covers(reference: AccountReference, account: AccountIdentity): boolean {
  const sameAccount =
    reference.iban !== undefined
      ? account.iban !== undefined && account.iban.toUpperCase() === reference.iban.toUpperCase()
      : account.bban !== undefined && account.bban.toUpperCase() === reference.bban?.toUpperCase();
  if (!sameAccount) return false;
  return reference.currency === undefined || reference.currency === account.currency;
}

/** Whether any of `references` covers `account`. */
export function anyCovers(
  references: readonly AccountReference[] | undefined,
  account: AccountIdentity,
): boolean {
  return references?.some((reference) => covers(reference, account)) ?? false;
}

/** The same reference (same identifier, same currency or both without). */
export function sameReference(a: AccountReference, b: AccountReference): boolean {
  return a.iban === b.iban && a.bban === b.bban && a.currency === b.currency;
}
