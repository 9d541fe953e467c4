import { sql } from 'kysely';
import type { Db } from './schema.js';

/**
 * How long a day's counter is kept after its last read. Its day is over by then in every time
 * zone (a local day lasts 25 hours at most), with most of a day to spare for clocks that differ.
 */
export const COUNTER_RETENTION_MS = 2 * 86_400_000;

/**
 * frequencyPerDay counters, one per `frequencyKey` (see `consents/rules/frequency.ts`). Raising a
 * counter is one atomic statement that answers the new count, so instances sharing a database
 * count every read exactly once.
 */
export class FrequencyCountersRepository {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Counts one read on `key`; returns the count including it. */
  async increment(key: string, consentId: string): Promise<number> {
    const at = this.now().toISOString();
    const row = await this.db
      .insertInto('frequency_counters')
      .values({ key, consent_id: consentId, count: 1, updated_at: at })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          count: sql<number>`frequency_counters.count + 1`,
          updated_at: at,
        }),
      )
      .returning('count')
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /** Gives back one read on `key` (the bank could not serve it). */
  async release(key: string): Promise<void> {
    await this.db
      .updateTable('frequency_counters')
      .set({ count: sql<number>`count - 1`, updated_at: this.now().toISOString() })
      .where('key', '=', key)
      .where('count', '>', 0)
      .execute();
  }

  /** The keys of a consent that have at least one read counted. */
  async readKeys(consentId: string): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom('frequency_counters')
      .select('key')
      .where('consent_id', '=', consentId)
      .where('count', '>', 0)
      .execute();
    return new Set(rows.map((row) => row.key));
  }

  /**
   * Deletes the counters of days that are over, so the table holds a few days of reads, not
   * all of them. Counters whose key ends with `keptSuffix` have no day (a one-off consent's
   * never reset; the rules name that suffix) and are kept. Answers how many were deleted.
   */
  async prune(keptSuffix: string): Promise<number> {
    const before = new Date(this.now().getTime() - COUNTER_RETENTION_MS).toISOString();
    const result = await this.db
      .deleteFrom('frequency_counters')
      .where('updated_at', '<', before)
      .where('key', 'not like', `%${keptSuffix}`)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
