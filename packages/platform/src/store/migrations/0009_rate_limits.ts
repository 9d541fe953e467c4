import type { Kysely } from 'kysely';

// Per-client rate limit counters, shared by every instance on the database.
//
// `rate_limits`: one row per client, holding the count of its current window and of its
// current burst slot (a shorter window nested in it, see `http/rate-limit.ts`). A request is
// counted with a single INSERT ... ON CONFLICT DO UPDATE ... RETURNING that starts a new window
// when the old one is over, admits the request only if both counts are under their limits, and
// answers the counts; SQLite and PostgreSQL both run it atomically, so instances sharing the
// database admit exactly the limit between them. Refused requests are not counted. One row per
// client (not per window) keeps the table as small as the client list: nothing to prune.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rate_limits')
    .addColumn('client_id', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('window_count', 'integer', (c) => c.notNull())
    .addColumn('burst_start', 'bigint', (c) => c.notNull())
    .addColumn('burst_count', 'integer', (c) => c.notNull())
    .addColumn('admitted', 'integer', (c) => c.notNull())
    // The limits the last request was counted against (the statement reads them from its row).
    .addColumn('window_limit', 'integer', (c) => c.notNull())
    .addColumn('burst_limit', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rate_limits').execute();
}
