import { describe, expect, it } from 'vitest';
import { parseScope, scopeProblem } from '../../src/auth/scopes.js';

describe('scopeProblem', () => {
  it.each([
    'aspspinformation',
    'accountinformation private',
    'paymentinitiation corporate',
    'corporate accountinformation',
    'aspspinformation accountinformation private',
    '  aspspinformation  ',
  ])('accepts "%s"', (scope) => {
    expect(scopeProblem(scope)).toBeUndefined();
  });

  it.each([undefined, '', '   ', 'private', 'corporate'])('requires a service in %j', (scope) => {
    expect(scopeProblem(scope)).toMatch(/must name a service/);
  });

  it('names every unknown value', () => {
    expect(scopeProblem('aspspinformation foo bar')).toMatch(/unknown scope foo, bar/);
    expect(scopeProblem('accountinformation privte')).toMatch(/privte/);
    expect(scopeProblem('openid aspspinformation')).toMatch(/unknown scope openid/);
  });

  it('is case-sensitive, as OAuth scopes are', () => {
    expect(scopeProblem('AspspInformation')).toMatch(/unknown scope AspspInformation/);
  });

  it('allows one context at most', () => {
    expect(scopeProblem('accountinformation private corporate')).toMatch(/only one context/);
  });
});

describe('parseScope', () => {
  it('splits on spaces and ignores empty parts', () => {
    expect(parseScope(' accountinformation  private ')).toEqual(
      new Set(['accountinformation', 'private']),
    );
    expect(parseScope(undefined)).toEqual(new Set());
  });
});
