import { describe, expect, it } from 'vitest';
import {
  checkFrequency,
  frequencyDay,
  frequencyKey,
  ONE_OFF_PERIOD,
  oneOffUsedUp,
  type ReadSlot,
} from '../../../src/consents/rules/frequency.js';

const STOCKHOLM = 'Europe/Stockholm';
const A = 'SE3550000000054910000003';
const B = 'SE4550000000058398257466';

describe('the frequency day and key', () => {
  it('is the bank-local day: the budget resets at midnight in Stockholm', () => {
    const before = new Date('2026-11-21T22:59:59Z');
    const after = new Date('2026-11-21T23:00:00Z');
    expect(frequencyDay(before, STOCKHOLM)).toBe('2026-11-21');
    expect(frequencyDay(after, STOCKHOLM)).toBe('2026-11-22');
    expect(frequencyKey('c1', 'acc1', 'balances', before, STOCKHOLM)).toBe(
      'c1/acc1/balances/2026-11-21',
    );
    expect(frequencyKey('c1', 'acc1', 'balances', after, STOCKHOLM)).toBe(
      'c1/acc1/balances/2026-11-22',
    );
    // Summer time: midnight is 22:00 UTC.
    expect(frequencyDay(new Date('2026-07-01T21:59:59Z'), STOCKHOLM)).toBe('2026-07-01');
    expect(frequencyDay(new Date('2026-07-01T22:00:00Z'), STOCKHOLM)).toBe('2026-07-02');
  });

  it('separates consents, accounts and endpoints, and the account list', () => {
    const now = new Date('2026-11-21T12:00:00Z');
    const keys = new Set([
      frequencyKey('c1', 'acc1', 'balances', now, STOCKHOLM),
      frequencyKey('c2', 'acc1', 'balances', now, STOCKHOLM),
      frequencyKey('c1', 'acc2', 'balances', now, STOCKHOLM),
      frequencyKey('c1', 'acc1', 'transactions', now, STOCKHOLM),
      frequencyKey('c1', 'acc1', 'transactionDetails', now, STOCKHOLM),
      frequencyKey('c1', null, 'accountList', now, STOCKHOLM),
    ]);
    expect(keys.size).toBe(6);
    expect(frequencyKey('c1', null, 'accountList', now, STOCKHOLM)).toBe(
      'c1/-/accountList/2026-11-21',
    );
  });

  it('cannot be confused by ids containing the separator', () => {
    const now = new Date('2026-11-21T12:00:00Z');
    expect(frequencyKey('a/b', 'c', 'balances', now, 'UTC')).not.toBe(
      frequencyKey('a', 'b/c', 'balances', now, 'UTC'),
    );
    expect(frequencyKey('a/b', 'c', 'balances', now, 'UTC')).toBe('a%2Fb/c/balances/2026-11-21');
  });

  it('never resets for a one-off consent', () => {
    const day1 = frequencyKey(
      'c1',
      'acc1',
      'balances',
      new Date('2026-11-21T12:00:00Z'),
      STOCKHOLM,
      { recurring: false },
    );
    const day2 = frequencyKey(
      'c1',
      'acc1',
      'balances',
      new Date('2026-12-21T12:00:00Z'),
      STOCKHOLM,
      { recurring: false },
    );
    expect(day1).toBe(day2);
    expect(day1).toBe(`c1/acc1/balances/${ONE_OFF_PERIOD}`);
  });
});

describe('checking the frequency', () => {
  it.each([
    [0, 4, true],
    [3, 4, true],
    [4, 4, false],
    [5, 4, false],
    [0, 1, true],
    [1, 1, false],
  ])('recurring, PSU absent: %i reads so far of %i allowed -> ok %s', (count, perDay, ok) => {
    const result = checkFrequency(count, perDay, false, true);
    expect(result.ok).toBe(ok);
    if (result.ok) expect(result.counted).toBe(true);
    else
      expect(result.error).toMatchObject({
        kind: 'accessExceeded',
        code: 'ACCESS_EXCEEDED',
        status: 429,
      });
  });

  it('does not count nor refuse recurring reads with the PSU present', () => {
    expect(checkFrequency(0, 4, true, true)).toEqual({ ok: true, counted: false });
    expect(checkFrequency(100, 4, true, true)).toEqual({ ok: true, counted: false });
  });

  it('allows a one-off consent one read per key, PSU present or not', () => {
    for (const psuPresent of [true, false]) {
      expect(checkFrequency(0, 1, psuPresent, false)).toEqual({ ok: true, counted: true });
      expect(checkFrequency(1, 1, psuPresent, false)).toMatchObject({
        ok: false,
        error: { code: 'ACCESS_EXCEEDED' },
      });
      // Even with a stored frequency above 1.
      expect(checkFrequency(1, 4, psuPresent, false)).toMatchObject({ ok: false });
    }
  });

  it('says which limit was reached', () => {
    const recurring = checkFrequency(4, 4, false, true);
    const oneOff = checkFrequency(1, 1, true, false);
    if (recurring.ok || oneOff.ok) throw new Error('expected refusals');
    expect(recurring.error.text).toContain('4 reads a day');
    expect(oneOff.error.text).toContain('one-off');
  });
});

describe('a one-off consent used up', () => {
  const accounts = [
    { id: 'a', iban: A, currency: 'SEK' },
    { id: 'b', iban: B, currency: 'SEK' },
  ];
  const reads = (...slots: [string | null, ReadSlot['endpoint']][]) => {
    const done = new Set(slots.map(([id, endpoint]) => `${id}/${endpoint}`));
    return (slot: ReadSlot) => done.has(`${slot.accountId}/${slot.endpoint}`);
  };
  const dedicated = {
    recurringIndicator: false,
    access: {
      accounts: [{ iban: A }, { iban: B }],
      balances: [{ iban: A }],
      transactions: [{ iban: A }],
    },
  };

  it('once every granted endpoint of every account has been read', () => {
    expect(oneOffUsedUp(dedicated, accounts, reads())).toBe(false);
    expect(
      oneOffUsedUp(
        dedicated,
        accounts,
        reads(['a', 'accountDetails'], ['a', 'balances'], ['a', 'transactions']),
      ),
    ).toBe(false);
    expect(
      oneOffUsedUp(
        dedicated,
        accounts,
        reads(
          ['a', 'accountDetails'],
          ['a', 'balances'],
          ['a', 'transactions'],
          ['b', 'accountDetails'],
        ),
      ),
    ).toBe(true);
  });

  it('counts the account list as reading the details of every account', () => {
    expect(
      oneOffUsedUp(
        dedicated,
        accounts,
        reads([null, 'accountList'], ['a', 'balances'], ['a', 'transactions']),
      ),
    ).toBe(true);
    expect(oneOffUsedUp(dedicated, accounts, reads([null, 'accountList'], ['a', 'balances']))).toBe(
      false,
    );
  });

  it('for availableAccounts, with one read of the list', () => {
    const consent = {
      recurringIndicator: false,
      access: { availableAccounts: 'allAccounts' as const },
    };
    expect(oneOffUsedUp(consent, accounts, reads())).toBe(false);
    expect(oneOffUsedUp(consent, accounts, reads([null, 'accountList']))).toBe(true);
  });

  it('for a bank-offered consent, over what the PSU picked', () => {
    const consent = {
      recurringIndicator: false,
      access: {},
      grantedAccess: { accounts: [{ iban: B }], balances: [{ iban: B }], transactions: [] },
    };
    expect(oneOffUsedUp(consent, accounts, reads(['b', 'accountDetails']))).toBe(false);
    expect(oneOffUsedUp(consent, accounts, reads(['b', 'accountDetails'], ['b', 'balances']))).toBe(
      true,
    );
  });

  it('never for a consent that covers no account, nor for a recurring consent', () => {
    expect(
      oneOffUsedUp(
        { recurringIndicator: false, access: {} },
        accounts,
        reads([null, 'accountList']),
      ),
    ).toBe(false);
    const everything = reads(
      [null, 'accountList'],
      ['a', 'balances'],
      ['a', 'transactions'],
      ['b', 'accountDetails'],
    );
    expect(oneOffUsedUp({ ...dedicated, recurringIndicator: true }, accounts, everything)).toBe(
      false,
    );
  });
});
