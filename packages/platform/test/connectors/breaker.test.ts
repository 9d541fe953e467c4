// The per-bank circuit breaker on its own, with a clock the test moves: when it opens, what it
// refuses and for how long, the single probe of a half-open breaker, the health it reports, and
// its settings.

import { describe, expect, it } from 'vitest';
import { configFromEnv, ENVIRONMENT } from '../../src/config.js';
import { BankBreakers, type BankError, CircuitBreaker } from '../../src/connectors/index.js';

const BANK = { bic: 'SWEDSESS', name: 'Swedbank AB (publ)' };
const T0 = Date.parse('2026-03-02T12:00:00Z');

function breakerAt(failures = 3, coolDownMs = 30_000) {
  let now = T0;
  const changes: string[] = [];
  const breaker = new CircuitBreaker(
    BANK,
    { failures, coolDownMs },
    () => now,
    (_, health) => changes.push(health.status),
  );
  return {
    breaker,
    changes,
    wait(ms: number) {
      now += ms;
    },
    fail(n = 1) {
      for (let i = 0; i < n; i++) breaker.admit().failed();
    },
  };
}

function refusal(breaker: CircuitBreaker): BankError {
  try {
    breaker.admit();
  } catch (error) {
    return error as BankError;
  }
  throw new Error('the breaker let the call through');
}

describe('a bank that keeps failing', () => {
  it('is not called after the configured failures in a row; a success in between starts over', () => {
    const { breaker, fail } = breakerAt(3);
    fail(2);
    breaker.admit().succeeded();
    fail(2);
    expect(breaker.health()).toEqual({ status: 'available' });
    fail(1);
    const error = refusal(breaker);
    expect(error).toMatchObject({
      kind: 'unavailable',
      bic: 'SWEDSESS',
      code: 'BANK_CIRCUIT_OPEN',
      retryAfterSeconds: 30,
    });
    expect(error.message).toBe(
      'Swedbank AB (publ) (SWEDSESS): the bank has not been answering since 2026-03-02T12:00:00.000Z; Bankbridge tries it again in 30 s',
    );
  });

  it('reports unavailable with since and retryAt, the seconds left counting down', () => {
    const { breaker, fail, wait } = breakerAt(1, 30_000);
    fail();
    wait(12_400);
    expect(breaker.health()).toEqual({
      status: 'unavailable',
      since: new Date(T0),
      retryAt: new Date(T0 + 30_000),
    });
    expect(refusal(breaker).retryAfterSeconds).toBe(18);
  });

  it('lets one probe through after the cool-down; the others are refused while it runs', () => {
    const { breaker, fail, wait, changes } = breakerAt(1, 10_000);
    fail();
    wait(10_000);
    expect(breaker.health()).toEqual({ status: 'recovering', since: new Date(T0) });
    const probe = breaker.admit();
    expect(refusal(breaker).retryAfterSeconds).toBe(1);
    probe.succeeded();
    expect(breaker.health()).toEqual({ status: 'available' });
    breaker.admit().succeeded();
    expect(changes).toEqual(['unavailable', 'recovering', 'available']);
  });

  it('opens again for a whole cool-down when the probe fails, keeping when it began', () => {
    const { breaker, fail, wait } = breakerAt(2, 10_000);
    fail(2);
    wait(10_000);
    breaker.admit().failed();
    expect(breaker.health()).toEqual({
      status: 'unavailable',
      since: new Date(T0),
      retryAt: new Date(T0 + 20_000),
    });
    expect(refusal(breaker).retryAfterSeconds).toBe(10);
  });

  it('closes on any answer, also one to a call let through before it opened', () => {
    const { breaker, fail } = breakerAt(2);
    const slow = breaker.admit();
    fail(2);
    expect(breaker.health().status).toBe('unavailable');
    slow.succeeded();
    expect(breaker.health().status).toBe('available');
  });

  it('counts a call once however often it is reported', () => {
    const { breaker } = breakerAt(2);
    const permit = breaker.admit();
    permit.failed();
    permit.failed();
    expect(breaker.health().status).toBe('available');
  });

  it('never opens with failures set to 0', () => {
    const { breaker, fail } = breakerAt(0);
    fail(100);
    expect(breaker.health().status).toBe('available');
  });
});

describe('the breakers of all banks', () => {
  it('keep each bank apart, and tell when every bank is available', () => {
    let now = T0;
    const breakers = new BankBreakers({ failures: 1, coolDownMs: 5_000 }, { now: () => now });
    const swedbank = breakers.for(BANK);
    const nordea = breakers.for({ bic: 'NDEASESS', name: 'Nordea' });
    expect(breakers.for(BANK)).toBe(swedbank);
    const before = breakers.version;
    expect(breakers.allAvailable()).toBe(true);

    swedbank.admit().failed();
    expect(breakers.allAvailable()).toBe(false);
    expect(breakers.version).toBeGreaterThan(before);
    expect(breakers.health('SWEDSESS').status).toBe('unavailable');
    expect(breakers.health('NDEASESS').status).toBe('available');
    expect(breakers.health('UNKNOWNX').status).toBe('available');
    nordea.admit().succeeded();

    now += 5_000;
    expect(breakers.health('SWEDSESS').status).toBe('recovering');
    swedbank.admit().succeeded();
    expect(breakers.allAvailable()).toBe(true);
  });
});

describe('the bank circuit breaker settings', () => {
  it('are listed with the other variables', () => {
    const names = ENVIRONMENT.map((v) => v.name);
    expect(names).toContain('BANKBRIDGE_BANK_BREAKER_FAILURES');
    expect(names).toContain('BANKBRIDGE_BANK_BREAKER_COOLDOWN');
  });

  it('default to 5 failures and 30 seconds; 0 failures turns the breaker off', () => {
    expect(configFromEnv({}).bankBreaker).toEqual({ failures: 5, coolDownSeconds: 30 });
    expect(
      configFromEnv({
        BANKBRIDGE_BANK_BREAKER_FAILURES: '0',
        BANKBRIDGE_BANK_BREAKER_COOLDOWN: '5',
      }).bankBreaker,
    ).toEqual({ failures: 0, coolDownSeconds: 5 });
  });

  it.each([
    ['BANKBRIDGE_BANK_BREAKER_FAILURES', '-1'],
    ['BANKBRIDGE_BANK_BREAKER_FAILURES', 'many'],
    ['BANKBRIDGE_BANK_BREAKER_COOLDOWN', '0'],
    ['BANKBRIDGE_BANK_BREAKER_COOLDOWN', '3601'],
  ])('refuses %s=%j', (name, raw) => {
    expect(() => configFromEnv({ [name]: raw })).toThrow(new RegExp(`${name} must be an integer`));
  });
});
