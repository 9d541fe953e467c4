/**
 * A bank's remittance limit that depends on the creditor (Swedbank takes 35 characters to its
 * own accounts but 10 to other banks' for `domestic`). Decision: only an IBAN tells the bank
 * of an account, so a creditor named otherwise (BBAN, giro number) counts as another bank's,
 * the stricter reading.
 */
import type { RemittanceToOtherBanks } from '../../registry/types.js';
import type { PaymentAccount } from './payment-account.js';

/** The limit for this creditor, or undefined where the bank's usual limit applies. */
export function remittanceLimitToOtherBank(
  rule: RemittanceToOtherBanks | undefined,
  bankCountry: string,
  product: string,
  creditor: PaymentAccount,
): number | undefined {
  const limit = rule?.maxLength[product];
  if (rule === undefined || limit === undefined) return undefined;
  const iban = creditor.iban;
  const own =
    iban !== undefined &&
    iban.slice(0, 2) === bankCountry &&
    rule.ownBankCodes.some((code) => iban.slice(4).startsWith(code));
  return own ? undefined : limit;
}
