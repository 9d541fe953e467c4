// Swedish account numbers and their IBANs. A Swedish account is a clearing number (4 digits,
// 5 for Swedbank's 8-series) and an account number; its IBAN is SE, check digits, the bank's
// three-digit IBAN code and a 17-digit account field. For most banks that field is the clearing
// number followed by the account number; for some (Handelsbanken, Nordea personkonto, the
// savings banks of type 2 comment 1) it is the account number alone, so their IBANs do not say
// the clearing number and cannot be turned back into one.
//
// The table follows Bankgirot's "Bankernas kontonummeruppbyggnad" and Svensk
// Betalinfrastruktur's "IBAN och svenskt nationellt kontonummer". The npm package `kontonummer`
// validates national numbers against the same document but does not convert IBANs; the
// conversion is this table. Check digits of the national number are the bank's to check.
//
// Pure: no I/O.

interface ClearingRange {
  from: number;
  to: number;
  bank: string;
  /** The three digits after the IBAN's check digits. */
  ibanCode: string;
  clearingLength: 4 | 5;
  /** Longest account number after the clearing number. */
  accountLength: number;
  /** Whether shorter account numbers are zero-filled to `accountLength` (as type 2 ones are). */
  zeroFill: boolean;
  /** Whether the IBAN's account field carries the clearing number. */
  clearingInIban: boolean;
}

type Row = [number, number, string, string, 4 | 5, number, boolean, boolean];

// from, to, bank, IBAN code, clearing length, account length, zero-fill, clearing in IBAN
const ROWS: readonly Row[] = [
  [1100, 1199, 'Nordea', '300', 4, 7, false, true],
  [1200, 1399, 'Danske Bank', '120', 4, 7, false, true],
  [1400, 2099, 'Nordea', '300', 4, 7, false, true],
  [2300, 2399, 'Ålandsbanken', '230', 4, 7, false, true],
  [2400, 2499, 'Danske Bank', '120', 4, 7, false, true],
  [3000, 3299, 'Nordea', '300', 4, 7, false, true],
  [3300, 3300, 'Nordea (personkonto)', '300', 4, 10, false, false],
  [3301, 3399, 'Nordea', '300', 4, 7, false, true],
  [3400, 3409, 'Länsförsäkringar Bank', '902', 4, 7, false, true],
  [3410, 3781, 'Nordea', '300', 4, 7, false, true],
  [3782, 3782, 'Nordea (personkonto)', '300', 4, 10, false, false],
  [3783, 3999, 'Nordea', '300', 4, 7, false, true],
  [4000, 4999, 'Nordea', '300', 4, 7, false, true],
  [5000, 5999, 'SEB', '500', 4, 7, false, true],
  [6000, 6999, 'Handelsbanken', '600', 4, 9, true, false],
  [7000, 7999, 'Swedbank', '800', 4, 7, false, true],
  [8000, 8999, 'Swedbank', '800', 5, 10, true, true],
  [9020, 9029, 'Länsförsäkringar Bank', '902', 4, 7, false, true],
  [9040, 9049, 'Citibank', '904', 4, 7, false, true],
  [9060, 9069, 'Länsförsäkringar Bank', '902', 4, 7, false, true],
  [9100, 9109, 'Nordnet Bank', '910', 4, 7, false, true],
  [9120, 9124, 'SEB', '500', 4, 7, false, true],
  [9130, 9149, 'SEB', '500', 4, 7, false, true],
  [9150, 9169, 'Skandiabanken', '915', 4, 7, false, true],
  [9170, 9179, 'Ikano Bank', '917', 4, 7, false, true],
  [9180, 9189, 'Danske Bank', '120', 4, 10, false, false],
  [9190, 9199, 'DNB Bank', '919', 4, 7, false, true],
  [9230, 9239, 'Marginalen Bank', '923', 4, 7, false, true],
  [9250, 9259, 'SBAB', '925', 4, 7, false, true],
  [9260, 9269, 'DNB Bank', '919', 4, 7, false, true],
  [9270, 9279, 'ICA Banken', '927', 4, 7, false, true],
  [9280, 9289, 'Resurs Bank', '928', 4, 7, false, true],
  [9300, 9329, 'Sparbanken Öresund', '930', 4, 10, false, false],
  [9330, 9349, 'Sparbanken Öresund', '933', 4, 10, false, false],
  [9390, 9399, 'Landshypotek', '939', 4, 7, false, true],
  [9400, 9449, 'Forex Bank', '940', 4, 7, false, true],
  [9470, 9479, 'BNP Paribas', '947', 4, 7, false, true],
  [9500, 9549, 'Nordea (Plusgirot)', '950', 4, 10, true, true],
  [9550, 9569, 'Avanza Bank', '955', 4, 7, false, true],
  [9570, 9579, 'Sparbanken Syd', '957', 4, 10, false, false],
  [9590, 9599, 'Erik Penser', '959', 4, 7, false, true],
  [9630, 9639, 'Lån & Spar Bank', '963', 4, 7, false, true],
  [9640, 9649, 'NOBA Bank', '964', 4, 7, false, true],
  [9660, 9669, 'Svea Bank', '966', 4, 7, false, true],
  [9880, 9889, 'Riksgälden', '988', 4, 7, false, true],
  [9890, 9899, 'Riksgälden', '989', 4, 10, false, false],
  [9960, 9969, 'Nordea (Plusgirot)', '950', 4, 10, true, true],
];

const RANGES: readonly ClearingRange[] = ROWS.map(
  ([from, to, bank, ibanCode, clearingLength, accountLength, zeroFill, clearingInIban]) => ({
    from,
    to,
    bank,
    ibanCode,
    clearingLength,
    accountLength,
    zeroFill,
    clearingInIban,
  }),
);

/** A Swedish account as its bank numbers it; `clearingNumber` only where it is known. */
export interface SwedishAccount {
  bank: string;
  clearingNumber?: string;
  accountNumber: string;
}

/** A refusal; `field` says which part of a national number is at fault. */
export type Converted<T> =
  | { ok: true; value: T }
  | { ok: false; problem: string; field?: 'clearingNumber' | 'accountNumber' };

const fail = <T>(problem: string, field?: 'clearingNumber' | 'accountNumber'): Converted<T> =>
  field === undefined ? { ok: false, problem } : { ok: false, problem, field };

function rangeOf(clearing: string): ClearingRange | undefined {
  const first = Number(clearing.slice(0, 4));
  return RANGES.find((range) => first >= range.from && first <= range.to);
}

function mod97(digits: string): number {
  let remainder = 0;
  for (let i = 0; i < digits.length; i += 7) {
    remainder = Number(String(remainder) + digits.slice(i, i + 7)) % 97;
  }
  return remainder;
}

/** `SE` + check digits + bban, the check digits per ISO 13616 (S = 28, E = 14). */
function swedishIban(bban: string): string {
  const check = 98 - mod97(`${bban}281400`);
  return `SE${String(check).padStart(2, '0')}${bban}`;
}

function accountDigits(range: ClearingRange, accountNumber: string): Converted<string> {
  if (accountNumber.length === 0 || accountNumber.length > range.accountLength) {
    return fail(
      `${range.bank} account numbers have up to ${range.accountLength} digits after the clearing number`,
      'accountNumber',
    );
  }
  return {
    ok: true,
    value: range.zeroFill ? accountNumber.padStart(range.accountLength, '0') : accountNumber,
  };
}

/**
 * The account behind a Swedish IBAN (upper case, no spaces, checksum already checked). The
 * clearing number is missing where the IBAN does not carry it.
 */
export function swedishAccountOfIban(iban: string): Converted<SwedishAccount> {
  if (!/^SE[0-9]{22}$/.test(iban)) return fail('is not a Swedish IBAN');
  const code = iban.slice(4, 7);
  const field = iban.slice(7).replace(/^0+/, '');
  const carried = rangeOf(field);
  if (carried?.clearingInIban && carried.ibanCode === code) {
    const clearingNumber = field.slice(0, carried.clearingLength);
    const digits = accountDigits(carried, field.slice(carried.clearingLength));
    if (!digits.ok) return digits;
    return { ok: true, value: { bank: carried.bank, clearingNumber, accountNumber: digits.value } };
  }
  const alone = RANGES.find((range) => range.ibanCode === code && !range.clearingInIban);
  if (alone) {
    const digits = accountDigits(alone, field);
    if (!digits.ok) return digits;
    return { ok: true, value: { bank: alone.bank, accountNumber: digits.value } };
  }
  if (RANGES.some((range) => range.ibanCode === code)) {
    return fail(`does not hold a clearing number of the bank with IBAN code ${code}`);
  }
  return fail(`names IBAN bank code ${code}, which no Swedish bank uses`);
}

/** The IBAN of a clearing number and account number (digits only). */
export function ibanOfSwedishAccount(
  clearingNumber: string,
  accountNumber: string,
): Converted<string> {
  if (!/^[0-9]{4,5}$/.test(clearingNumber)) {
    return fail('clearing numbers have 4 or 5 digits', 'clearingNumber');
  }
  if (!/^[0-9]{1,17}$/.test(accountNumber)) {
    return fail('account numbers are digits', 'accountNumber');
  }
  const range = rangeOf(clearingNumber);
  if (!range) {
    return fail(`no Swedish bank uses clearing number ${clearingNumber}`, 'clearingNumber');
  }
  if (clearingNumber.length !== range.clearingLength) {
    return fail(
      `${range.bank} clearing numbers in ${range.from}-${range.to} have ${range.clearingLength} digits`,
      'clearingNumber',
    );
  }
  const digits = accountDigits(range, accountNumber);
  if (!digits.ok) return digits;
  const field = (range.clearingInIban ? clearingNumber + digits.value : digits.value).padStart(
    17,
    '0',
  );
  return { ok: true, value: swedishIban(`${range.ibanCode}${field}`) };
}
