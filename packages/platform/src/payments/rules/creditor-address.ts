/**
 * A bank that needs the creditor's address for payments leaving its country (OP: SEPA
 * payments to a creditor outside Finland; registry `payments.creditorAddressAbroad`). Where
 * the creditor is, is the country of its IBAN; a creditor named otherwise (a Swedish account
 * number) is in the bank's country. Applied to the body as it goes to the bank, so a global
 * product's canonical body and a bank product's own body alike, each bulk item on its own.
 */
import { formatError, type PaymentRuleError } from './errors.js';

export interface CreditorAddressRule {
  /** The products the bank needs the address for (`creditorAddressAbroad`). */
  products: readonly string[];
  /** ISO 3166 code of the bank's country. */
  bankCountry: string;
  bankName: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function creditorCountry(transfer: Record<string, unknown>): string | undefined {
  const account = transfer.creditorAccount;
  if (!isObject(account) || typeof account.iban !== 'string') return undefined;
  return account.iban.replace(/\s+/g, '').slice(0, 2).toUpperCase();
}

/** The first transfer of the body to a creditor abroad without its address, as a refusal. */
export function missingCreditorAddress(
  body: Record<string, unknown>,
  product: string,
  rule: CreditorAddressRule,
): PaymentRuleError | undefined {
  if (!rule.products.includes(product)) return undefined;
  const transfers: Array<[string, unknown]> = Array.isArray(body.payments)
    ? body.payments.map((item, index) => [`payments[${index}].`, item])
    : [['', body]];
  for (const [prefix, transfer] of transfers) {
    if (!isObject(transfer) || transfer.creditorAddress !== undefined) continue;
    const country = creditorCountry(transfer);
    if (country === undefined || country === rule.bankCountry) continue;
    return formatError(
      `${prefix}creditorAddress`,
      `is required by ${rule.bankName} for a payment to a creditor outside ${rule.bankCountry} (the creditor's IBAN is of ${country}): give at least its country, e.g. {"country": "${country}", "city": "..."}`,
    );
  }
  return undefined;
}
