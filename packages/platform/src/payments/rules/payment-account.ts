/**
 * Account references in a payment body (erratum P6: the contract has no "exactly one
 * identifier" rule and unanchored patterns, so `{}` and `{"iban": "xxSE12AB!!"}` pass it).
 *
 * A reference has exactly one identifier, an optional `currency`, and nothing else:
 * - `iban`: checked (country length, mod 97), kept upper-case;
 * - `bban` (+ optional `clearingNumber`): only where the bank's account-identifier style is
 *   `iban-or-bban` and the product is not SEPA (a SEPA credit transfer needs an IBAN);
 * - `bankgiroNumber` / `plusgiroNumber`: only for a debtor, only for Swedish products (Nordea
 *   identifies corporate debtors by plusgiro; erratum P15: the periodic body takes them too).
 * `pan`, `maskedPan` and `msisdn` are Berlin Group identifiers no credit transfer here uses:
 * 400 PARAMETER_NOT_SUPPORTED, saying so.
 */
import { fieldPath } from '../../consents/rules/closed-objects.js';
import { ibanProblem, normaliseIban } from '../../consents/rules/iban.js';
import type { AccountIdentifierStyle } from '../../registry/types.js';
import { currencyProblem } from './amount.js';
import { formatError, type PaymentRuleError, refusal } from './errors.js';

export interface PaymentAccount {
  iban?: string;
  bban?: string;
  clearingNumber?: string;
  bankgiroNumber?: string;
  plusgiroNumber?: string;
  currency?: string;
}

export interface AccountRules {
  style: AccountIdentifierStyle;
  /** SEPA: IBAN only, whatever the bank's style. */
  ibanOnly: boolean;
  /** A debtor of a Swedish product may be a bankgiro or plusgiro number. */
  giro: boolean;
}

const BBAN = /^[A-Za-z0-9]{1,30}$/;
const CLEARING_NUMBER = /^[0-9]{4,5}$/;
const GIRO_NUMBER = /^[0-9]{2,8}-?[0-9]{1,8}$/;
const NOT_SUPPORTED = ['pan', 'maskedPan', 'msisdn'] as const;
const IDENTIFIERS = ['iban', 'bban', 'bankgiroNumber', 'plusgiroNumber'] as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type Parsed = { ok: true; value: PaymentAccount } | { ok: false; error: PaymentRuleError };

const fail = (error: PaymentRuleError): Parsed => ({ ok: false, error });

/** One account reference at `path` under `rules`. */
export function parsePaymentAccount(value: unknown, path: string, rules: AccountRules): Parsed {
  if (!isObject(value)) return fail(formatError(path, 'must be an object with an iban'));
  const fields = ['iban', 'currency'];
  if (!rules.ibanOnly && rules.style === 'iban-or-bban') fields.push('bban', 'clearingNumber');
  if (rules.giro) fields.push('bankgiroNumber', 'plusgiroNumber');
  for (const key of Object.keys(value)) {
    if (fields.includes(key)) continue;
    const at = fieldPath(path, key);
    if ((NOT_SUPPORTED as readonly string[]).includes(key)) {
      return fail(
        refusal(
          'PARAMETER_NOT_SUPPORTED',
          400,
          `${at}: credit transfers reference accounts by ${fields.filter((f) => f !== 'currency' && f !== 'clearingNumber').join(' or ')}; ${key} is not supported`,
          at,
        ),
      );
    }
    const why =
      key === 'bban' || key === 'clearingNumber'
        ? rules.ibanOnly
          ? 'a SEPA credit transfer takes an IBAN'
          : 'this bank takes an IBAN'
        : `the fields are ${fields.join(', ')}`;
    return fail(formatError(at, `is not a field of this account reference: ${why}`));
  }
  const present = IDENTIFIERS.filter((key) => value[key] !== undefined);
  if (present.length === 0) {
    return fail(
      formatError(
        path,
        `must have one of ${fields.filter((f) => (IDENTIFIERS as readonly string[]).includes(f)).join(', ')}`,
      ),
    );
  }
  if (present.length > 1) {
    return fail(
      formatError(path, `must have exactly one identifier, not ${present.join(' and ')}`),
    );
  }
  const out: PaymentAccount = {};
  if (value.currency !== undefined) {
    const problem = currencyProblem(value.currency);
    if (problem) return fail(formatError(`${path}.currency`, problem));
    out.currency = value.currency as string;
  }
  const [identifier] = present as [(typeof IDENTIFIERS)[number]];
  const raw = value[identifier];
  const at = `${path}.${identifier}`;
  if (typeof raw !== 'string') return fail(formatError(at, 'must be a string'));
  if (identifier === 'iban') {
    const problem = ibanProblem(raw);
    if (problem) return fail(formatError(at, problem));
    out.iban = normaliseIban(raw);
  } else if (identifier === 'bban') {
    if (!BBAN.test(raw))
      return fail(formatError(at, 'must be 1 to 30 letters or digits, without spaces'));
    out.bban = raw.toUpperCase();
  } else {
    if (!GIRO_NUMBER.test(raw)) {
      return fail(formatError(at, 'must be a giro number: digits with at most one hyphen'));
    }
    out[identifier] = raw;
  }
  if (value.clearingNumber !== undefined) {
    const clearing = value.clearingNumber;
    if (identifier !== 'bban') {
      return fail(formatError(`${path}.clearingNumber`, 'goes only with a bban'));
    }
    if (typeof clearing !== 'string' || !CLEARING_NUMBER.test(clearing)) {
      return fail(formatError(`${path}.clearingNumber`, 'must be 4 or 5 digits as a string'));
    }
    out.clearingNumber = clearing;
  }
  return { ok: true, value: out };
}

/**
 * Structural check of an account reference in a bank product's body: a non-empty object whose
 * `iban`, if any, is a valid IBAN and whose `currency`, if any, is known. Other fields are the
 * bank's.
 */
export function accountShapeProblem(value: unknown, path: string): PaymentRuleError | undefined {
  if (!isObject(value)) return formatError(path, 'must be an object');
  // Whatever identifiers a bank takes, an empty reference names no account at all.
  if (Object.keys(value).length === 0) {
    return formatError(path, 'must identify an account, e.g. {"iban": "..."}');
  }
  if (value.iban !== undefined) {
    if (typeof value.iban !== 'string') return formatError(`${path}.iban`, 'must be a string');
    const problem = ibanProblem(value.iban);
    if (problem) return formatError(`${path}.iban`, problem);
  }
  if (value.bban !== undefined && (typeof value.bban !== 'string' || !BBAN.test(value.bban))) {
    return formatError(`${path}.bban`, 'must be 1 to 30 letters or digits, without spaces');
  }
  if (value.currency !== undefined) {
    const problem = currencyProblem(value.currency);
    if (problem) return formatError(`${path}.currency`, problem);
  }
  return undefined;
}
