import type { Kysely } from 'kysely';

// Reads under way hold a share of a frequencyPerDay budget.
//
// A read used to be counted before its bank call and given back when the bank failed; a process
// that died in between (or a request cut some other way) left its read counted for good,
// although the TPP never got an answer. Now a read first reserves its share (`reserved`, in the
// same atomic upsert that checks `count + reserved` against the budget), and its answer turns the
// reservation into a count; a failure gives it back. A reservation nobody settles ends at
// `reserved_until`, the latest expiry of the reservations on the row: once that is past, every
// one of them belongs to a request that can no longer be answered, and the next read reclaims
// them. Existing rows have nothing reserved.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('frequency_counters')
    .addColumn('reserved', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('frequency_counters').addColumn('reserved_until', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('frequency_counters').dropColumn('reserved_until').execute();
  await db.schema.alterTable('frequency_counters').dropColumn('reserved').execute();
}
