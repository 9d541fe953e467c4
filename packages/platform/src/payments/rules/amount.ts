/**
 * Amounts and currencies (erratum P5: the contract's `amountValue` is unanchored and allows
 * `-5`, `0`, `1e3`, `0.001` and 16 digits).
 *
 * Decisions:
 * - An amount is a JSON string: a number is refused, because a float cannot hold every
 *   decimal amount and the contract types it as a string.
 * - At most 14 integer digits (the contract's "up to 14 significant figures" and its pattern
 *   `[0-9]{1,14}`), no sign, no exponent, no leading zeros, no trailing dot, greater than zero,
 *   and no more decimals than the currency has minor units (`"1.001"` SEK is refused, not
 *   rounded: rounding changes what the PSU signs).
 * - The amount is kept exactly as written (`"142.60"` stays `"142.60"`): it is what the PSU
 *   sees and what the bank gets.
 */
import { fieldPath } from '../../consents/rules/closed-objects.js';
import { formatError, type PaymentRuleError } from './errors.js';

/**
 * ISO 4217 currencies and their minor units: the currencies of the EEA, Switzerland and the
 * United Kingdom, the major world currencies, and the three-decimal ones a bank might quote.
 * A code that is not here is refused: a typo (`"SKE"`) must not reach a bank.
 */
// biome-ignore format: a table reads better in rows
export const CURRENCY_MINOR_UNITS: Readonly<Record<string, number>> = {
  AUD: 2, BGN: 2, BHD: 3, BRL: 2, CAD: 2, CHF: 2, CNY: 2, CZK: 2, DKK: 2, EUR: 2, GBP: 2,
  HKD: 2, HUF: 2, ISK: 0, INR: 2, JOD: 3, JPY: 0, KRW: 0, KWD: 3, MXN: 2, NOK: 2, NZD: 2,
  OMR: 3, PLN: 2, RON: 2, SEK: 2, SGD: 2, TND: 3, TRY: 2, UAH: 2, USD: 2, ZAR: 2,
};

/** The currency of a country's domestic payments (the `domestic` product), where known. */
// biome-ignore format: a table reads better in rows
const NATIONAL_CURRENCIES: Readonly<Record<string, string>> = {
  AT: 'EUR', BE: 'EUR', BG: 'BGN', CH: 'CHF', CY: 'EUR', CZ: 'CZK', DE: 'EUR', DK: 'DKK',
  EE: 'EUR', ES: 'EUR', FI: 'EUR', FR: 'EUR', GB: 'GBP', GR: 'EUR', HR: 'EUR', HU: 'HUF',
  IE: 'EUR', IS: 'ISK', IT: 'EUR', LI: 'CHF', LT: 'EUR', LU: 'EUR', LV: 'EUR', MT: 'EUR',
  NL: 'EUR', NO: 'NOK', PL: 'PLN', PT: 'EUR', RO: 'RON', SE: 'SEK', SI: 'EUR', SK: 'EUR',
};

export function nationalCurrency(isoCountryCode: string): string | undefined {
  return NATIONAL_CURRENCIES[isoCountryCode.toUpperCase()];
}

export function isCurrency(value: unknown): value is string {
  return typeof value === 'string' && Object.hasOwn(CURRENCY_MINOR_UNITS, value);
}

/** What is wrong with `value` as a currency code, or undefined. */
export function currencyProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be an ISO 4217 currency code as a string, e.g. "SEK"';
  if (!/^[A-Z]{3}$/.test(value)) return 'must be an ISO 4217 currency code in capitals, e.g. "SEK"';
  if (!isCurrency(value)) return `${value} is not a currency Bankbridge knows (ISO 4217)`;
  return undefined;
}

const AMOUNT = /^(0|[1-9][0-9]*)(\.([0-9]+))?$/;
const MAX_INTEGER_DIGITS = 14;

/**
 * What is wrong with `value` as an amount in `currency` (a known currency), or undefined.
 * Checked in the order a developer would fix them: type, shape, size, sign, decimals.
 */
export function amountProblem(value: unknown, currency: string): string | undefined {
  if (typeof value === 'number') {
    return `must be a string such as "${String(value)}", not a JSON number`;
  }
  if (typeof value !== 'string') return 'must be a decimal amount as a string, e.g. "142.66"';
  const match = AMOUNT.exec(value);
  if (!match) {
    return 'must be a decimal amount written with digits and one optional dot, e.g. "142.66" (no sign, exponent, spaces or leading zeros)';
  }
  const [, integer = '', , fraction = ''] = match;
  if (integer.length > MAX_INTEGER_DIGITS) {
    return `must have at most ${MAX_INTEGER_DIGITS} digits before the decimal point`;
  }
  if (/^[0.]*$/.test(value)) return 'must be greater than zero';
  const minor = CURRENCY_MINOR_UNITS[currency] ?? 2;
  if (fraction.length > minor) {
    return minor === 0
      ? `must be a whole number: ${currency} has no minor units`
      : `must have at most ${minor} decimals for ${currency}`;
  }
  return undefined;
}

export interface Amount {
  currency: string;
  /** As the TPP wrote it. */
  amount: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An `amount` object {currency, amount} at `path`. Closed: an unknown field next to money is a
 * FORMAT_ERROR, never dropped.
 */
export function parseAmount(
  value: unknown,
  path: string,
): { ok: true; value: Amount } | { ok: false; error: PaymentRuleError } {
  if (!isObject(value)) {
    return { ok: false, error: formatError(path, 'must be an object {"currency", "amount"}') };
  }
  for (const key of Object.keys(value)) {
    if (key !== 'currency' && key !== 'amount') {
      return {
        ok: false,
        error: formatError(
          fieldPath(path, key),
          'is not a field of an amount; the fields are currency, amount',
        ),
      };
    }
  }
  if (value.currency === undefined) {
    return { ok: false, error: formatError(`${path}.currency`, 'is required') };
  }
  const currency = currencyProblem(value.currency);
  if (currency) return { ok: false, error: formatError(`${path}.currency`, currency) };
  if (value.amount === undefined) {
    return { ok: false, error: formatError(`${path}.amount`, 'is required') };
  }
  const problem = amountProblem(value.amount, value.currency as string);
  if (problem) return { ok: false, error: formatError(`${path}.amount`, problem) };
  return {
    ok: true,
    value: { currency: value.currency as string, amount: value.amount as string },
  };
}
