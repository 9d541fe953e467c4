import { describe, expect, it } from 'vitest';
import { ibanProblem, isValidIban, normaliseIban } from '../../../src/consents/rules/iban.js';

describe('IBAN', () => {
  it.each([
    'SE3550000000054910000003',
    'DE89370400440532013000',
    'GB82WEST12345698765432',
    'FR7630006000011234567890189',
    'NO9386011117947',
    'FI2112345600000785',
    'DK5000400440116243',
    'MT84MALT011000012345MTLCAST001S',
    'LC55HEMM000100010012001200023015',
    'GB82west12345698765432',
  ])('%s is valid', (iban) => expect(isValidIban(iban)).toBe(true));

  it('refuses a wrong check digit (mod 97)', () => {
    expect(ibanProblem('SE3550000000054910000004')).toBe(
      'is not an IBAN: its check digits do not match (mod 97)',
    );
    expect(ibanProblem('DE88370400440532013000')).toMatch(/mod 97/);
    // Two swapped digits.
    expect(ibanProblem('DE89370400440532031000')).toMatch(/mod 97/);
  });

  it("refuses a length other than the country's", () => {
    expect(ibanProblem('DE2310010010123456789')).toBe(
      'is not an IBAN: DE IBANs have 22 characters, this has 21',
    );
    expect(ibanProblem('SE35500000000549100000031')).toMatch(/SE IBANs have 24/);
  });

  it('refuses the print format and other shapes', () => {
    expect(ibanProblem('SE35 5000 0000 0549 1000 0003')).toMatch(/without spaces/);
    expect(ibanProblem('se3550000000054910000003')).toMatch(/is not an IBAN/);
    expect(ibanProblem('SEXX50000000054910000003')).toMatch(/is not an IBAN/);
    expect(ibanProblem('SE35-5000')).toMatch(/is not an IBAN/);
    expect(ibanProblem('')).toMatch(/is not an IBAN/);
    expect(ibanProblem('SE35')).toMatch(/is not an IBAN/);
    expect(ibanProblem(`SE35${'1'.repeat(31)}`)).toMatch(/is not an IBAN/);
  });

  it('checks only format and checksum for a country outside the registry table', () => {
    expect(isValidIban('XX0012345')).toBe(false);
    // 'ZZ' + computed check digits + '12345' passes when the checksum matches.
    const body = '12345';
    const numeric = `${body}353500`;
    const check = 98 - Number(BigInt(numeric) % 97n);
    expect(isValidIban(`ZZ${String(check).padStart(2, '0')}${body}`)).toBe(true);
  });

  it('upper-cases for keeping and comparing', () => {
    expect(normaliseIban('GB82west12345698765432')).toBe('GB82WEST12345698765432');
  });
});
