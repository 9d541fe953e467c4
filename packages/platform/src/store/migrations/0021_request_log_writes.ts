import type { Kysely } from 'kysely';

// `request_log_request_idx` (client, X-Request-ID) is dropped. No query is served by it: the
// portal reads a client's rows newest first by `request_log_client_idx`, and where it looks for
// X-Request-IDs the same condition also asks for a path pattern that no index can serve. Yet
// every row written touched a page of it of its own, X-Request-IDs being random, and each page
// a batch touches is written to the database's log again. With the rows' own ids now growing
// with time (`time-ordered-id.ts`), an 80-row batch into a 48,000-row log writes 24 pages to
// SQLite's log instead of 214.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('request_log_request_idx').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('request_log_request_idx')
    .on('request_log')
    .columns(['client_id', 'request_id'])
    .execute();
}
