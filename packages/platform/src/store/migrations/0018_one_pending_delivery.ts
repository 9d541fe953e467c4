import { type Kysely, sql } from 'kysely';

// An event waits for an endpoint at most once: a delivery asked for again (the portal's
// redeliver) while one of the same event to the same URL is pending is that pending one. The
// index makes this hold when two instances take the same request at once, which a check
// before the insert would not.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('webhook_deliveries_pending_once_idx')
    .on('webhook_deliveries')
    .columns(['event_id', 'url'])
    .unique()
    .where(sql.ref('state'), '=', 'pending')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('webhook_deliveries_pending_once_idx').execute();
}
