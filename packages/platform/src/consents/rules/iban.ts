/**
 * IBAN checks (ISO 13616): electronic format, the length of the country's IBAN, and the
 * mod-97 check digits.
 *
 * Decisions:
 * - The electronic format only: no spaces (the print format "SE35 5000 ..." is refused with a
 *   hint), country code and check digits as the contract's pattern
 *   `[A-Z]{2}[0-9]{2}[a-zA-Z0-9]{1,30}` says. Lower-case letters in the account part are
 *   allowed by that pattern and are upper-cased, so the same account always reads the same.
 * - Countries in the IBAN registry must have their registered length; an IBAN of a country
 *   not in the table below is checked by format and checksum only.
 */

const IBAN_FORMAT = /^[A-Z]{2}[0-9]{2}[A-Za-z0-9]{1,30}$/;

/** IBAN length per country, from the SWIFT IBAN registry. */
// biome-ignore format: a table reads better in rows
const IBAN_LENGTHS: Record<string, number> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, BY: 28,
  CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18,
  FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22,
  IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20,
  LU: 20, LV: 21, MC: 27, MD: 24, ME: 22, MK: 19, MR: 27, MT: 31, MU: 30, NL: 18, NO: 15,
  PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, SA: 24, SC: 31, SE: 24, SI: 19,
  SK: 24, SM: 27, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20,
};

/** The remainder of the IBAN's number (letters A=10 ... Z=35, first four characters moved to the end) mod 97. */
function mod97(iban: string): number {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const code = char.charCodeAt(0);
    const value = code >= 65 ? code - 55 : code - 48;
    remainder = (remainder * (value >= 10 ? 100 : 10) + value) % 97;
  }
  return remainder;
}

/** What is wrong with `value` as an IBAN, or undefined when it is a valid IBAN. */
export function ibanProblem(value: string): string | undefined {
  if (/\s/.test(value)) return 'must be written without spaces (electronic format)';
  if (!IBAN_FORMAT.test(value)) {
    return 'is not an IBAN (two capital letters, two check digits, up to 30 letters or digits)';
  }
  const iban = value.toUpperCase();
  const length = IBAN_LENGTHS[iban.slice(0, 2)];
  if (length !== undefined && iban.length !== length) {
    return `is not an IBAN: ${iban.slice(0, 2)} IBANs have ${length} characters, this has ${iban.length}`;
  }
  if (mod97(iban) !== 1) return 'is not an IBAN: its check digits do not match (mod 97)';
  return undefined;
}

export function isValidIban(value: string): boolean {
  return ibanProblem(value) === undefined;
}

/** The IBAN as Bankbridge keeps and compares it: upper case. */
export function normaliseIban(value: string): string {
  return value.toUpperCase();
}
