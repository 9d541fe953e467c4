import { describe, expect, it } from 'vitest';
import { LruCache } from '../src/domain/lru-cache.js';
import { checkPersonnummer, luhnDigit } from '../src/domain/personnummer.js';

describe('personnummer', () => {
  it('computes the Luhn digit over YYMMDDNNN as Skatteverket does', () => {
    // Skatteverket's own example: 811218-987 has the check digit 6.
    expect(luhnDigit('811218987')).toBe(6);
    expect(luhnDigit('780314101')).toBe(4);
    expect(luhnDigit('000101000')).toBe(8);
  });

  it.each([
    ['198112189876', '1981-12-18', 'male', false],
    ['197803141014', '1978-03-14', 'male', false],
    ['199403157200', '1994-03-15', 'female', false],
    ['200002290005', '2000-02-29', 'female', false],
    ['198507693383', '1985-07-09', 'female', true],
  ] as const)(
    '%s is valid: born %s, %s, samordningsnummer %s',
    (id, birthDate, sex, coordination) => {
      expect(checkPersonnummer(id)).toEqual({
        valid: true,
        personnummer: { id, birthDate, sex, coordinationNumber: coordination },
      });
    },
  );

  it('ignores spaces around the number, as a login form would', () => {
    expect(checkPersonnummer(' 197803141014 ')).toMatchObject({
      valid: true,
      personnummer: { id: '197803141014' },
    });
  });

  it.each([
    ['197803141015', 'the check digit is wrong'],
    ['198301014882', 'the check digit is wrong'],
    ['199002300000', '19900230 is not a date'],
    ['190002290000', '19000229 is not a date'],
    ['199013010000', '19901301 is not a date'],
    ['199001000000', '19900100 is not a date'],
    ['199001320000', '19900132 is not a date'],
    ['199002900000', '19900290 is not a date'],
    ['199001920000', '19900192 is not a date'],
    ['189912310000', '18991231 is not a date'],
    ['000000000000', '00000000 is not a date'],
    ['7803141014', 'it must be 12 digits, YYYYMMDDNNNC'],
    ['1978031410145', 'it must be 12 digits, YYYYMMDDNNNC'],
    ['19780314-1014', 'it must be 12 digits, YYYYMMDDNNNC'],
    ['19780314101A', 'it must be 12 digits, YYYYMMDDNNNC'],
    ['', 'it must be 12 digits, YYYYMMDDNNNC'],
  ])('%j is not valid: %s', (id, reason) => {
    expect(checkPersonnummer(id)).toEqual({ valid: false, reason });
  });
});

describe('LruCache', () => {
  it('keeps at most its capacity, dropping the least recently used', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
  });

  it('builds a missing value once', () => {
    const cache = new LruCache<string, { n: number }>(3);
    let built = 0;
    const first = cache.getOrSet('x', () => ({ n: ++built }));
    expect(cache.getOrSet('x', () => ({ n: ++built }))).toBe(first);
    expect(built).toBe(1);
  });

  it('refuses a capacity that cannot hold anything', () => {
    expect(() => new LruCache(0)).toThrow(RangeError);
  });
});
