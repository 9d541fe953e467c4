import { describe, expect, it } from 'vitest';
import {
  type AccountGrant,
  accessFor,
  accountListEntries,
  checkAccountAccess,
  UNKNOWN_ACCOUNT_TEXT,
} from '../../../src/consents/rules/access.js';
import type { ConsentAccess, GrantedAccess } from '../../../src/consents/rules/types.js';

const A = 'SE3550000000054910000003';
const B = 'SE4550000000058398257466';
const C = 'DE89370400440532013000';

const accountA = { iban: A, currency: 'SEK' };
const accountB = { iban: B, currency: 'SEK' };
const accountBEur = { iban: B, currency: 'EUR' };
const accountC = { iban: C, currency: 'EUR' };

const grant = (access: ConsentAccess, grantedAccess?: GrantedAccess | null) => (account: object) =>
  accessFor({ access, grantedAccess }, account);

const ALL: AccountGrant = {
  listed: true,
  listedWithBalance: true,
  details: true,
  balances: true,
  transactions: true,
};
const NONE: AccountGrant = {
  listed: false,
  listedWithBalance: false,
  details: false,
  balances: false,
  transactions: false,
};

describe('what a consent grants for an account', () => {
  it('dedicated: per list and currency', () => {
    const of = grant({
      accounts: [{ iban: A }, { iban: B, currency: 'EUR' }],
      balances: [{ iban: A }],
      transactions: [{ iban: B, currency: 'EUR' }],
    });
    expect(of(accountA)).toEqual({
      listed: true,
      listedWithBalance: true,
      details: true,
      balances: true,
      transactions: false,
    });
    expect(of(accountBEur)).toEqual({
      listed: true,
      listedWithBalance: false,
      details: true,
      balances: false,
      transactions: true,
    });
    expect(of(accountB)).toEqual(NONE);
    expect(of(accountC)).toEqual(NONE);
    expect(of({ bban: '50000000054910000003' })).toEqual(NONE);
  });

  it('bank-offered: what the PSU picked at the bank, nothing before that is known', () => {
    const picked: GrantedAccess = {
      accounts: [{ iban: A }],
      balances: [{ iban: A }],
      transactions: [{ iban: B }],
    };
    const of = grant({}, picked);
    expect(of(accountA)).toEqual({
      listed: true,
      listedWithBalance: true,
      details: true,
      balances: true,
      transactions: false,
    });
    // Transactions without "accounts" still imply the account.
    expect(of(accountB)).toEqual({
      listed: true,
      listedWithBalance: false,
      details: true,
      balances: false,
      transactions: true,
    });
    expect(of(accountC)).toEqual(NONE);
    expect(grant({})(accountA)).toEqual(NONE);
    expect(grant({ balances: [], transactions: [] }, null)(accountA)).toEqual(NONE);
    expect(grant({ accounts: [] }, picked)(accountA).balances).toBe(true);
  });

  it('availableAccounts: the list only, with balances for allAccountsWithBalances', () => {
    expect(grant({ availableAccounts: 'allAccounts' })(accountC)).toEqual({
      ...NONE,
      listed: true,
    });
    expect(grant({ availableAccounts: 'allAccountsWithBalances' })(accountC)).toEqual({
      ...NONE,
      listed: true,
      listedWithBalance: true,
    });
  });

  it('allPsd2: everything', () => {
    expect(grant({ allPsd2: 'allAccounts' })(accountC)).toEqual(ALL);
  });
});

describe('checking a call on one account', () => {
  const detailsOnly: AccountGrant = { ...NONE, listed: true, details: true };

  it('answers 404 RESOURCE_UNKNOWN outside the consent, whatever the endpoint', () => {
    for (const endpoint of [
      'accountDetails',
      'balances',
      'transactions',
      'transactionDetails',
    ] as const) {
      expect(checkAccountAccess(NONE, endpoint)).toEqual({
        ok: false,
        error: {
          kind: 'accountNotInConsent',
          code: 'RESOURCE_UNKNOWN',
          status: 404,
          text: UNKNOWN_ACCOUNT_TEXT,
        },
      });
    }
  });

  it('answers 401 CONSENT_INVALID for what is not granted', () => {
    const refused = (result: ReturnType<typeof checkAccountAccess>) =>
      expect(result).toMatchObject({
        ok: false,
        error: { kind: 'accessNotGranted', code: 'CONSENT_INVALID', status: 401 },
      });
    refused(checkAccountAccess(detailsOnly, 'balances'));
    refused(checkAccountAccess(detailsOnly, 'transactions'));
    refused(checkAccountAccess(detailsOnly, 'transactionDetails'));
    refused(checkAccountAccess(detailsOnly, 'accountDetails', { withBalance: true }));
    refused(
      checkAccountAccess({ ...detailsOnly, transactions: true }, 'transactions', {
        withBalance: true,
      }),
    );
    refused(
      checkAccountAccess({ ...NONE, listed: true, listedWithBalance: true }, 'accountDetails'),
    );
  });

  it('lets granted calls through', () => {
    expect(checkAccountAccess(detailsOnly, 'accountDetails')).toEqual({ ok: true });
    expect(checkAccountAccess(ALL, 'accountDetails', { withBalance: true })).toEqual({ ok: true });
    expect(checkAccountAccess(ALL, 'balances')).toEqual({ ok: true });
    expect(checkAccountAccess(ALL, 'transactions', { withBalance: true })).toEqual({ ok: true });
    expect(checkAccountAccess(ALL, 'transactionDetails')).toEqual({ ok: true });
    expect(
      checkAccountAccess({ ...detailsOnly, balances: true }, 'balances', { withBalance: true }),
    ).toEqual({ ok: true });
  });
});

describe('the account list', () => {
  const bankAccounts = [
    { id: 'a', ...accountA },
    { id: 'b', ...accountB },
    { id: 'c', ...accountC },
  ];

  it('shows the consent accounts, balances where granted', () => {
    const consent = { access: { accounts: [{ iban: A }, { iban: B }], balances: [{ iban: A }] } };
    expect(
      accountListEntries(consent, bankAccounts, true).map((e) => [e.account.id, e.withBalance]),
    ).toEqual([
      ['a', true],
      ['b', false],
    ]);
    expect(accountListEntries(consent, bankAccounts, false).map((e) => e.withBalance)).toEqual([
      false,
      false,
    ]);
  });

  it('shows every account for availableAccounts and allPsd2', () => {
    expect(
      accountListEntries({ access: { availableAccounts: 'allAccounts' } }, bankAccounts, true).map(
        (e) => e.withBalance,
      ),
    ).toEqual([false, false, false]);
    expect(
      accountListEntries(
        { access: { availableAccounts: 'allAccountsWithBalances' } },
        bankAccounts,
        true,
      ).map((e) => e.withBalance),
    ).toEqual([true, true, true]);
    expect(
      accountListEntries({ access: { allPsd2: 'allAccounts' } }, bankAccounts, true),
    ).toHaveLength(3);
  });

  it('is empty for a bank-offered consent whose grant is not known', () => {
    expect(accountListEntries({ access: {} }, bankAccounts, false)).toEqual([]);
  });
});
