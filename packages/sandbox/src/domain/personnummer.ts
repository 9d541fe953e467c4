// Swedish personal identity numbers (personnummer) as BankID and Swedish banks take them:
// 12 digits YYYYMMDDNNNC. C is the Luhn digit of the 10-digit form YYMMDDNNN, so the century
// is not covered by it; the date must exist. A samordningsnummer (coordination number, given
// to people who are not registered in Sweden) is the same with 60 added to the day: banks
// have such customers and a TPP must cope with ids whose "day" is 61-91, so they are valid.

export interface Personnummer {
  /** The 12 digits. */
  id: string;
  /** The birth date, YYYY-MM-DD (for a samordningsnummer: without the 60 added). */
  birthDate: string;
  coordinationNumber: boolean;
  /** The legal sex the number records: the last digit of NNN is odd for men. */
  sex: 'male' | 'female';
}

export type PersonnummerCheck =
  | { valid: true; personnummer: Personnummer }
  | { valid: false; reason: string };

const COORDINATION_OFFSET = 60;

/** The Luhn digit of the given digits: weights 2, 1, 2, ... from the left, as Skatteverket uses. */
export function luhnDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const product = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    sum += product > 9 ? product - 9 : product;
  }
  return (10 - (sum % 10)) % 10;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function checkPersonnummer(text: string): PersonnummerCheck {
  const id = text.trim();
  if (!/^\d{12}$/.test(id)) return { valid: false, reason: 'it must be 12 digits, YYYYMMDDNNNC' };
  const year = Number(id.slice(0, 4));
  const month = Number(id.slice(4, 6));
  const rawDay = Number(id.slice(6, 8));
  const coordinationNumber = rawDay > COORDINATION_OFFSET;
  const day = coordinationNumber ? rawDay - COORDINATION_OFFSET : rawDay;
  // Nobody born before 1900 holds a BankID; later dates are not compared with the clock so a
  // number's validity never changes while the sandbox runs.
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { valid: false, reason: `${id.slice(0, 8)} is not a date` };
  }
  if (luhnDigit(id.slice(2, 11)) !== Number(id[11]))
    return { valid: false, reason: 'the check digit is wrong' };
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    valid: true,
    personnummer: {
      id,
      birthDate: `${id.slice(0, 4)}-${pad(month)}-${pad(day)}`,
      coordinationNumber,
      sex: Number(id[10]) % 2 === 1 ? 'male' : 'female',
    },
  };
}
