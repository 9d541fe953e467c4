import { sql } from 'kysely';
import type { Db } from './schema.js';

/**
 * How long a day's counter is kept after its last read. Its day is over by then in every time
 * zone (a local day lasts 25 hours at most), with most of a day to spare for clocks that differ.
 */
export const COUNTER_RETENTION_MS = 2 * 86_400_000;

/**
 * frequencyPerDay counters, one per `frequencyKey` (see `consents/rules/frequency.ts`). Each
 * change is one atomic statement, so instances sharing a database count every read exactly
 * once. A read under way holds a reservation (`reserve`), which its answer turns into a count
 * (`confirm`) and its failure gives back (`cancel`); one nobody settles ends by itself.
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

  /**
   * Reserves a share of `key`'s budget for one read under way, if the reads answered and those
   * under way leave room under `limit`; answers whether it did. One atomic upsert: instances that
   * share the database never reserve more than the limit between them. Reservations whose time is
   * up (`reserved_until` past: their requests can no longer be answered, a dead process's say) no
   * longer hold anything and are replaced. The reservation holds for `holdMs`.
   */
  async reserve(key: string, consentId: string, limit: number, holdMs: number): Promise<boolean> {
    const now = this.now();
    const at = now.toISOString();
    const until = new Date(now.getTime() + holdMs).toISOString();
    const live = sql<number>`(case when frequency_counters.reserved_until > ${at} then frequency_counters.reserved else 0 end)`;
    const row = await this.db
      .insertInto('frequency_counters')
      .values({
        key,
        consent_id: consentId,
        count: 0,
        reserved: 1,
        reserved_until: until,
        updated_at: at,
      })
      .onConflict((oc) =>
        oc
          .column('key')
          .doUpdateSet({
            reserved: sql<number>`${live} + 1`,
            // The latest end of the reservations held: an ended one is earlier than any new one.
            reserved_until: sql<string>`(case when frequency_counters.reserved_until > excluded.reserved_until then frequency_counters.reserved_until else excluded.reserved_until end)`,
            updated_at: at,
          })
          // No row comes back when the budget has no room: nothing is written.
          .where(sql<boolean>`frequency_counters.count + ${live} < ${limit}`),
      )
      .returning('count')
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The read of a reservation on `key` was answered: it counts now, and holds nothing more. */
  async confirm(key: string): Promise<void> {
    await this.db
      .updateTable('frequency_counters')
      .set({
        count: sql<number>`count + 1`,
        reserved: sql<number>`(case when reserved > 0 then reserved - 1 else 0 end)`,
        updated_at: this.now().toISOString(),
      })
      .where('key', '=', key)
      .execute();
  }

  /** The read of a reservation on `key` was not served: its share is free again. */
  async cancel(key: string): Promise<void> {
    await this.db
      .updateTable('frequency_counters')
      .set({
        reserved: sql<number>`(case when reserved > 0 then reserved - 1 else 0 end)`,
        updated_at: this.now().toISOString(),
      })
      .where('key', '=', key)
      .execute();
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
