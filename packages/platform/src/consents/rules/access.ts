/**
 * What a consent lets a TPP read of one account, decided before any bank
 * call: an account outside the consent is 404 RESOURCE_UNKNOWN (the same answer as a random
 * account id), an account inside it whose balances or transactions are not granted is 401
 * CONSENT_INVALID.
 */
import { type AccountIdentity, anyCovers } from './account-reference.js';
import type { ConsentRuleError } from './errors.js';
import { type AccountReference, type Consent, consentForm } from './types.js';

/** The account-information endpoints, as the frequency count and the access check name them. */
export const ACCOUNT_ENDPOINTS = [
  'accountList',
  'accountDetails',
  'balances',
  'transactions',
  'transactionDetails',
] as const;
export type AccountEndpoint = (typeof ACCOUNT_ENDPOINTS)[number];

/** What a consent grants for one account. */
export interface AccountGrant {
  /** The account appears in `GET /accounts`; false: the account is outside the consent. */
  listed: boolean;
  /** `GET /accounts?withBalance=true` shows its balances. */
  listedWithBalance: boolean;
  /** `GET /accounts/{id}`. */
  details: boolean;
  /** `GET /accounts/{id}/balances`, and `withBalance` on details and transactions. */
  balances: boolean;
  /** `GET /accounts/{id}/transactions` and `.../transactions/{transactionId}`. */
  transactions: boolean;
}

const NOTHING: AccountGrant = {
  listed: false,
  listedWithBalance: false,
  details: false,
  balances: false,
  transactions: false,
};

/**
 * What `consent` grants for `account` (a bank account as the connector describes it).
 * Decisions, per consent form:
 * - dedicated: `accounts` gives the list entry and details, `balances` and `transactions`
 *   their endpoints, each for the accounts (and currencies) they name;
 * - bank-offered: the same, from `grantedAccess`, what the PSU picked at the bank. Until the
 *   connector has recorded that, nothing is granted: the consent cannot reach accounts the PSU
 *   may not have picked;
 * - `availableAccounts`: the account list only (with balances for "allAccountsWithBalances"),
 *   no details, balances or transactions endpoints, as Berlin Group defines it;
 * - `allPsd2`: everything, for every account of the PSU (the bank lists only those).
 */
export function accessFor(
  consent: Pick<Consent, 'access' | 'grantedAccess'>,
  account: AccountIdentity,
): AccountGrant {
  const { access } = consent;
  switch (consentForm(access)) {
    case 'allPsd2':
      return {
        listed: true,
        listedWithBalance: true,
        details: true,
        balances: true,
        transactions: true,
      };
    case 'availableAccounts': {
      const withBalances = access.availableAccounts === 'allAccountsWithBalances';
      return { ...NOTHING, listed: true, listedWithBalance: withBalances };
    }
    case 'dedicated':
      return grantFromLists(access, account);
    case 'bankOffered':
      return consent.grantedAccess ? grantFromLists(consent.grantedAccess, account) : NOTHING;
  }
}

function grantFromLists(
  lists: {
    accounts?: AccountReference[];
    balances?: AccountReference[];
    transactions?: AccountReference[];
  },
  account: AccountIdentity,
): AccountGrant {
  const balances = anyCovers(lists.balances, account);
  const transactions = anyCovers(lists.transactions, account);
  // Access to balances or transactions implies access to the account (Berlin Group). A parsed
  // request always lists them in `accounts` too, but a bank's grant may not.
  const listed = anyCovers(lists.accounts, account) || balances || transactions;
  return { listed, listedWithBalance: balances, details: listed, balances, transactions };
}

/** The text of 404 RESOURCE_UNKNOWN for an account; use it for unknown account ids too. */
export const UNKNOWN_ACCOUNT_TEXT = 'The account-id is not known';

export function accountUnknown(): ConsentRuleError {
  return {
    kind: 'accountNotInConsent',
    code: 'RESOURCE_UNKNOWN',
    status: 404,
    text: UNKNOWN_ACCOUNT_TEXT,
  };
}

function notGranted(what: string): ConsentRuleError {
  return {
    kind: 'accessNotGranted',
    code: 'CONSENT_INVALID',
    status: 401,
    text: `The consent does not grant ${what} for this account`,
  };
}

export type AccessCheck = { ok: true } | { ok: false; error: ConsentRuleError };

/**
 * Whether a call of `endpoint` on one account may go ahead under `grant`. The account list is
 * not checked here (it never fails; see `accountListEntries`).
 */
export function checkAccountAccess(
  grant: AccountGrant,
  endpoint: Exclude<AccountEndpoint, 'accountList'>,
  options: { withBalance?: boolean } = {},
): AccessCheck {
  if (!grant.listed) return { ok: false, error: accountUnknown() };
  if (endpoint === 'accountDetails' && !grant.details) {
    return { ok: false, error: notGranted('access to the account details') };
  }
  if (endpoint === 'balances' && !grant.balances)
    return { ok: false, error: notGranted('access to balances') };
  if ((endpoint === 'transactions' || endpoint === 'transactionDetails') && !grant.transactions) {
    return { ok: false, error: notGranted('access to transactions') };
  }
  if (options.withBalance && endpoint !== 'balances' && !grant.balances) {
    return { ok: false, error: notGranted('access to balances (withBalance)') };
  }
  return { ok: true };
}

/**
 * The accounts `GET /accounts` shows under `consent`, each with whether its balances are shown.
 * Decision: `withBalance` on the list never fails; balances are shown for the accounts whose
 * balances the consent grants ("if granted by the PSU in the related consent", Berlin Group),
 * and left out for the others.
 */
export function accountListEntries<T extends AccountIdentity>(
  consent: Pick<Consent, 'access' | 'grantedAccess'>,
  accounts: readonly T[],
  withBalance: boolean,
): { account: T; withBalance: boolean }[] {
  return accounts.flatMap((account) => {
    const grant = accessFor(consent, account);
    return grant.listed ? [{ account, withBalance: withBalance && grant.listedWithBalance }] : [];
  });
}
