/**
 * Rule 5, the frequencyPerDay budget, as the account-information service spends it.
 *
 * A read takes its share before the bank is called (`take`), so that the bank never gets more
 * reads than the consent allows, even from instances racing each other: the share is reserved in
 * the same atomic statement that checks the budget. The share becomes a count once the bank has
 * answered (`spend`), and is given back when the bank could not serve the read. A read that ends
 * neither way (its process killed, its request cut) gives its share back by itself when its
 * reservation ends: `holdMs` is longer than any read may take (every bank call a read makes has
 * its deadline), so a reservation that ended can no longer be answered, and counting it would
 * spend budget on an answer nobody got.
 *
 * Decisions: a read the bank answered counts, even with a refusal (the bank counts it too); one
 * it could not serve (down, timed out, an error page) or that failed on Bankbridge's side does
 * not. A read whose answer then fails to reach the TPP (cut after the bank answered) stays
 * counted, as the bank counted it.
 */
import {
  type AccountEndpoint,
  type Consent,
  checkFrequency,
  frequencyKey,
} from '../consents/rules/index.js';
import { Problem } from '../problems.js';
import type { FrequencyCountersRepository } from '../store/frequency-counters.js';

/** A read's share of the budget, to be spent or given back; undefined when the read is free. */
export type ReadShare = { key: string } | undefined;

/** What a read is counted against: whose consent, where the bank's day is. */
export interface BudgetedRead {
  consent: Pick<Consent, 'id' | 'frequencyPerDay' | 'recurringIndicator'>;
  timeZone: string;
  /** A PSU-IP-Address was sent: the PSU is there. */
  psuPresent: boolean;
  /** Bankbridge's account id; null for the account list. */
  accountId: string | null;
  endpoint: AccountEndpoint;
}

/**
 * How many reads a day (or ever, for a one-off consent) a read is counted against; undefined
 * when it is not counted. The same decisions as `checkFrequency`, which words the refusal.
 */
export function readLimit(read: Pick<BudgetedRead, 'consent' | 'psuPresent'>): number | undefined {
  const { recurringIndicator, frequencyPerDay } = read.consent;
  if (recurringIndicator && read.psuPresent) return undefined;
  return recurringIndicator ? frequencyPerDay : 1;
}

export class FrequencyBudget {
  constructor(
    private readonly counters: FrequencyCountersRepository,
    private readonly now: () => Date,
    /** How long a read's share is held unless its answer or failure settles it first. */
    private readonly holdMs: number,
    /** Told of every refused read (metrics). */
    private readonly onRefused?: () => void,
  ) {}

  /** Takes a read's share of the budget, or refuses the read: 429 ACCESS_EXCEEDED. */
  async take(read: BudgetedRead): Promise<ReadShare> {
    const limit = readLimit(read);
    if (limit === undefined) return undefined;
    const { consent } = read;
    const key = frequencyKey(consent.id, read.accountId, read.endpoint, this.now(), read.timeZone, {
      recurring: consent.recurringIndicator,
    });
    if (await this.counters.reserve(key, consent.id, limit, this.holdMs)) return { key };
    const refusal = checkFrequency(
      limit,
      consent.frequencyPerDay,
      read.psuPresent,
      consent.recurringIndicator,
    );
    if (refusal.ok) throw new Error('the budget refused a read its rule allows');
    this.onRefused?.();
    throw Problem.fromRule(refusal.error);
  }

  /** Frees a share whose read will not be made (a query refused after the budget). */
  async giveBack(share: ReadShare): Promise<void> {
    if (share) await this.counters.cancel(share.key);
  }

  /** Makes the bank call of a read: its answer spends the share, its failure gives it back. */
  async spend<T>(share: ReadShare, call: () => Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await call();
    } catch (error) {
      if (error instanceof Problem && error.statusCode < 500) {
        if (share) await this.counters.confirm(share.key);
      } else {
        await this.giveBack(share);
      }
      throw error;
    }
    if (share) await this.counters.confirm(share.key);
    return result;
  }
}
