// IBAN construction and validation (ISO 13616): check digits are 98 minus the mod-97 of the
// BBAN followed by the country code and "00", with letters mapped to 10..35.

function toDigits(text: string): string {
  let out = '';
  for (const char of text.toUpperCase()) {
    const code = char.charCodeAt(0);
    out += code >= 65 && code <= 90 ? String(code - 55) : char;
  }
  return out;
}

function mod97(digits: string): number {
  // Chunked so the intermediate values stay far below Number.MAX_SAFE_INTEGER.
  let remainder = 0;
  for (let i = 0; i < digits.length; i += 7) {
    remainder = Number(String(remainder) + digits.slice(i, i + 7)) % 97;
  }
  return remainder;
}

export function ibanCheckDigits(countryCode: string, bban: string): string {
  const check = 98 - mod97(toDigits(`${bban}${countryCode}00`));
  return String(check).padStart(2, '0');
}

export function makeIban(countryCode: string, bban: string): string {
  return `${countryCode}${ibanCheckDigits(countryCode, bban)}${bban}`;
}

export function isValidIban(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return false;
  return mod97(toDigits(iban.slice(4) + iban.slice(0, 4))) === 1;
}

/** BBAN length in digits per country (all sandbox countries use numeric BBANs). */
export const BBAN_LENGTH: Readonly<Record<string, number>> = {
  SE: 20, // 3-digit bank code + 17-digit account number
  FI: 14, // 6-digit bank/branch code + 8-digit account number
  DK: 14, // 4-digit registration number + 10-digit account number
  DE: 18, // 8-digit Bankleitzahl + 10-digit account number
  NO: 11,
};

/** Builds a BBAN from the bank's code and account digits, padded to the country's length. */
export function makeBban(countryCode: string, bankCode: string, accountDigits: string): string {
  const length = BBAN_LENGTH[countryCode] ?? 16;
  const rest = length - bankCode.length;
  return bankCode + accountDigits.padStart(rest, '0').slice(-rest);
}
