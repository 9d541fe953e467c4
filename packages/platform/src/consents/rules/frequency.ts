/**
 * `frequencyPerDay` accounting and the one-off consent rule.
 *
 * Reads are counted per consent x account x endpoint x day. The store keeps a counter per
 * `frequencyKey`; for each read it atomically increments the counter and passes the value
 * from before the increment to `checkFrequency`, so two parallel reads cannot both take the
 * last allowed read.
 *
 * Decisions:
 * - The day is the bank's local calendar day (`dates.ts`): the budget resets at midnight in
 *   the bank's time zone, the same day `validUntil` is counted in.
 * - The account list (`GET /accounts`) has no account; it is counted under the account `-`.
 * - Transaction details are their own endpoint, counted apart from the transaction list.
 * - A recurring consent read with the PSU present (`PSU-IP-Address` sent) is not counted and
 *   never refused: frequencyPerDay limits access *without* PSU involvement.
 * - A one-off consent (`recurringIndicator: false`): following Berlin Group ("the consent is
 *   for one access to the account data") and the practice of its reference implementation,
 *   each endpoint may be read once per account for the whole life of the consent, with or
 *   without the PSU present; a second read is 429 ACCESS_EXCEEDED. Once every endpoint the
 *   consent grants has been read for every account it covers, the consent is used up and
 *   becomes `expired` (`oneOffUsedUp`, consent event `oneOffUsedUp`).
 */
import { type AccountEndpoint, accessFor } from './access.js';
import type { AccountIdentity } from './account-reference.js';
import { localDate } from './dates.js';
import type { ConsentRuleError } from './errors.js';
import { type Consent, consentForm } from './types.js';

/** The day a read counts for: the bank's local date at `now`. */
export function frequencyDay(now: Date, timeZone: string): string {
  return localDate(now, timeZone);
}

/** What a one-off consent's counters use instead of a day: they never reset. */
export const ONE_OFF_PERIOD = 'once';

/** How every one-off counter's key ends (see `frequencyKey`): those are never pruned. */
export const ONE_OFF_KEY_SUFFIX = `/${encodeURIComponent(ONE_OFF_PERIOD)}`;

/**
 * The counter a read counts on: `consentId/accountId/endpoint/day`, each part URI-encoded so
 * that ids cannot run into each other. `accountId` is null for the account list. For a
 * one-off consent (`recurring: false`) the day is `once`: its counters never reset.
 */
export function frequencyKey(
  consentId: string,
  accountId: string | null,
  endpoint: AccountEndpoint,
  now: Date,
  timeZone: string,
  options: { recurring?: boolean } = {},
): string {
  const period = options.recurring === false ? ONE_OFF_PERIOD : frequencyDay(now, timeZone);
  return [consentId, accountId ?? '-', endpoint, period].map(encodeURIComponent).join('/');
}

export type FrequencyCheck =
  | { ok: true /** Whether this read counts (the caller keeps the increment). */; counted: boolean }
  | { ok: false; error: ConsentRuleError };

/**
 * Whether one more read may go ahead, given `countSoFar` reads already counted on its key.
 * A one-off consent allows one read per key whatever its stored frequencyPerDay.
 */
export function checkFrequency(
  countSoFar: number,
  frequencyPerDay: number,
  psuPresent: boolean,
  recurring: boolean,
): FrequencyCheck {
  if (recurring && psuPresent) return { ok: true, counted: false };
  const limit = recurring ? frequencyPerDay : 1;
  if (countSoFar < limit) return { ok: true, counted: true };
  return {
    ok: false,
    error: {
      kind: 'accessExceeded',
      code: 'ACCESS_EXCEEDED',
      status: 429,
      text: recurring
        ? `The consent's frequencyPerDay allows ${frequencyPerDay} reads a day of this endpoint for this account without the PSU present (no PSU-IP-Address); today's are used`
        : 'This one-off consent (frequencyPerDay 1) allows one read of this endpoint for this account, and it has been used',
    },
  };
}

/** One read a one-off consent allows: an endpoint of an account (null: the account list). */
export interface ReadSlot {
  accountId: string | null;
  endpoint: AccountEndpoint;
}

/**
 * Whether a one-off consent has been used for everything it grants, so that it ends
 * (`oneOffUsedUp`). `accounts` are the accounts the consent covers, with the ids Bankbridge
 * gave them; `isRead` tells whether a slot has been read (its `frequencyKey` counter > 0).
 * Decisions:
 * - Per account: details (read through the account itself or the account list, which
 *   carries the same data), balances and transactions where granted; transaction details
 *   are never required.
 * - An `availableAccounts` consent is used up by one read of the account list.
 * - A consent that covers no account is never used up here (it ends at `validUntil`).
 * - A recurring consent is never used up.
 */
export function oneOffUsedUp(
  consent: Pick<Consent, 'access' | 'grantedAccess' | 'recurringIndicator'>,
  accounts: readonly (AccountIdentity & { id: string })[],
  isRead: (slot: ReadSlot) => boolean,
): boolean {
  if (consent.recurringIndicator) return false;
  const listRead = isRead({ accountId: null, endpoint: 'accountList' });
  if (consentForm(consent.access) === 'availableAccounts') return listRead;
  let covered = 0;
  for (const account of accounts) {
    const grant = accessFor(consent, account);
    if (!grant.listed) continue;
    covered += 1;
    const read = (endpoint: AccountEndpoint) => isRead({ accountId: account.id, endpoint });
    if (grant.details && !(listRead || read('accountDetails'))) return false;
    if (grant.balances && !read('balances')) return false;
    if (grant.transactions && !read('transactions')) return false;
  }
  return covered > 0;
}
