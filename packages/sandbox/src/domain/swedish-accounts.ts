// Swedish account numbers as the sandbox banks give them out: a clearing number of the bank's
// series and an account number, inside the IBAN the way Swedish IBANs carry them (Bankgirot,
// "Bankernas kontonummeruppbyggnad"): the 17-digit account field is the clearing number and the
// account number, except at Handelsbanken, whose IBAN holds the nine-digit account number alone.
// Enough of the real series for the sandbox banks and the banks their PSUs pay.

import { makeIban } from './iban.js';

interface Series {
  from: number;
  to: number;
  ibanCode: string;
  clearingLength: 4 | 5;
  accountLength: number;
  clearingInIban: boolean;
}

const SERIES: readonly Series[] = [
  {
    from: 1200,
    to: 1399,
    ibanCode: '120',
    clearingLength: 4,
    accountLength: 7,
    clearingInIban: true,
  },
  {
    from: 3000,
    to: 3299,
    ibanCode: '300',
    clearingLength: 4,
    accountLength: 7,
    clearingInIban: true,
  },
  {
    from: 5000,
    to: 5999,
    ibanCode: '500',
    clearingLength: 4,
    accountLength: 7,
    clearingInIban: true,
  },
  {
    from: 6000,
    to: 6999,
    ibanCode: '600',
    clearingLength: 4,
    accountLength: 9,
    clearingInIban: false,
  },
  {
    from: 7000,
    to: 7999,
    ibanCode: '800',
    clearingLength: 4,
    accountLength: 7,
    clearingInIban: true,
  },
  {
    from: 8000,
    to: 8999,
    ibanCode: '800',
    clearingLength: 5,
    accountLength: 10,
    clearingInIban: true,
  },
];

/** The series a bank gives its new accounts from, by IBAN code (Swedbank: the 8-series). */
const OWN_SERIES: Readonly<Record<string, Series | undefined>> = {
  '120': SERIES[0],
  '300': SERIES[1],
  '500': SERIES[2],
  '600': SERIES[3],
  '800': SERIES[5],
};

/**
 * The 17-digit account field of a new account at the bank with `ibanCode`, made from 17 random
 * digits; undefined for a code the sandbox has no series for.
 */
export function swedishAccountField(ibanCode: string, digits: string): string | undefined {
  const series = OWN_SERIES[ibanCode];
  if (!series) return undefined;
  const account = digits.slice(5, 5 + series.accountLength);
  if (!series.clearingInIban) return account.padStart(17, '0');
  const clearing4 = series.from + (Number(digits.slice(0, 4)) % (series.to - series.from + 1));
  const clearing = series.clearingLength === 5 ? `${clearing4}${digits[4]}` : String(clearing4);
  return `${clearing}${account}`.padStart(17, '0');
}

/** The IBAN of a clearing number and account number, when the sandbox knows the series. */
export function swedishIban(clearingNumber: string, accountNumber: string): string | undefined {
  const first = Number(clearingNumber.slice(0, 4));
  const series = SERIES.find((s) => first >= s.from && first <= s.to);
  if (!series || clearingNumber.length !== series.clearingLength) return undefined;
  if (accountNumber.length > series.accountLength) return undefined;
  const account = accountNumber.padStart(series.accountLength, '0');
  const field = series.clearingInIban ? `${clearingNumber}${account}` : account;
  return makeIban('SE', `${series.ibanCode}${field.padStart(17, '0')}`);
}

/** The IBAN of one of the bank's own accounts named by its account number alone. */
export function ownSwedishIban(ibanCode: string, accountNumber: string): string | undefined {
  const series = OWN_SERIES[ibanCode];
  if (!series || series.clearingInIban || accountNumber.length > series.accountLength)
    return undefined;
  return makeIban('SE', `${ibanCode}${accountNumber.padStart(17, '0')}`);
}
