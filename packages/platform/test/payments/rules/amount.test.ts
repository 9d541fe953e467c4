import { describe, expect, it } from 'vitest';
import { amountProblem, currencyProblem, parseAmount } from '../../../src/payments/rules/amount.js';

describe('amounts', () => {
  it.each([
    ['142.66', 'SEK'],
    ['142.6', 'SEK'],
    ['1', 'SEK'],
    ['0.01', 'EUR'],
    ['99999999999999.99', 'DKK'],
    ['1000', 'JPY'],
    ['1.125', 'KWD'],
  ])('%s %s is accepted', (amount, currency) => {
    expect(amountProblem(amount, currency)).toBeUndefined();
  });

  it.each([
    ['0', 'SEK', 'greater than zero'],
    ['0.00', 'SEK', 'greater than zero'],
    ['-1', 'SEK', 'no sign'],
    ['+1', 'SEK', 'no sign'],
    ['1.001', 'SEK', 'at most 2 decimals for SEK'],
    ['1.5', 'JPY', 'whole number'],
    ['1e3', 'SEK', 'exponent'],
    ['1.', 'SEK', 'digits'],
    ['.5', 'SEK', 'digits'],
    ['01', 'SEK', 'leading zeros'],
    ['1 000', 'SEK', 'spaces'],
    ['1,50', 'SEK', 'one optional dot'],
    ['123456789012345', 'SEK', 'at most 14 digits'],
    [12.5, 'SEK', 'not a JSON number'],
    [null, 'SEK', 'as a string'],
  ])('%j %s is refused (%s)', (amount, currency, hint) => {
    expect(amountProblem(amount, currency)).toContain(hint);
  });

  it.each([
    ['SEK', undefined],
    ['sek', 'capitals'],
    ['SKE', 'not a currency'],
    [752, 'as a string'],
  ])('currency %j', (currency, problem) => {
    const result = currencyProblem(currency);
    if (problem === undefined) expect(result).toBeUndefined();
    else expect(result).toContain(problem);
  });

  it('refuses an unknown key next to the money, naming it', () => {
    const result = parseAmount(
      { currency: 'SEK', amount: '1', amonut: '1000' },
      'instructedAmount',
    );
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'FORMAT_ERROR', path: 'instructedAmount.amonut' },
    });
  });
});
