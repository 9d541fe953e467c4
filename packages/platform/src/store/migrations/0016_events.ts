import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../dialect.js';

// The events outbox, webhook settings and deliveries.
//
// `events`: every status change a TPP may be told about, written in the transaction of the
// change itself, so an event is never lost nor invented. Its feed order is (tx, seq). `seq`
// alone is assigned when a row is inserted, not when it commits: on PostgreSQL two instances'
// transactions can commit seq 11 before seq 10, and a reader that had moved past 11 would never
// see 10. So each row also records its transaction id (`tx`), and readers take only rows of
// transactions older than every transaction still running (the snapshot's xmin): after that
// point nothing can appear behind the cursor. SQLite has one writer at a time, so there `tx` is
// 0 and `seq` is commit order.
// `dedupe_key` makes an event that must exist once (a consent's expiry notice) idempotent.
//
// `webhook_settings`: per client, the hosts its endpoints may be on (the operator's list), its
// endpoint, and its signing secret (sealed; the previous one signs too until it expires).
// `resource_notifications`: a resource's own endpoint, from TPP-Notification-URI.
// `webhook_deliveries`: one row per event and endpoint, fanned out with the event. An instance
// claims a delivery for a while (`claim_expires_at`); a claim left by a dead instance expires
// and another one takes it over.
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = isPostgres(db);
  await db.schema
    .createTable('events')
    .addColumn('seq', postgres ? 'bigserial' : 'integer', (c) =>
      postgres ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('tx', 'bigint', (c) =>
      c.notNull().defaultTo(postgres ? sql`(pg_current_xact_id()::text::bigint)` : 0),
    )
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('resource_kind', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('authorisation_id', 'text')
    .addColumn('authorisation_kind', 'text')
    .addColumn('old_status', 'text')
    .addColumn('new_status', 'text')
    /** JSON of what a type adds (an expiry notice's validUntil). */
    .addColumn('data', 'text')
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('events_feed_idx')
    .on('events')
    .columns(['client_id', 'tx', 'seq'])
    .execute();
  await db.schema.createIndex('events_at_idx').on('events').columns(['at']).execute();

  await db.schema
    .createTable('webhook_settings')
    .addColumn('client_id', 'text', (c) => c.primaryKey())
    /** JSON array of host names (lower case) the client's endpoints may be on. */
    .addColumn('allowed_hosts', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    /** 1: the endpoint also gets SCA status events of every authorisation. */
    .addColumn('sca_events', 'integer', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('previous_secret', 'text')
    .addColumn('previous_secret_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('resource_notifications')
    .addColumn('resource_kind', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('uri', 'text', (c) => c.notNull())
    /** 1: SCA status changes too (TPP-Notification-Content-Preferred: status=SCA). */
    .addColumn('sca_events', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('resource_notifications_pk', ['resource_kind', 'resource_id'])
    .execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('seq', postgres ? 'bigserial' : 'integer', (c) =>
      postgres ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    /** Deliveries of one resource to one URL go out in order: `<kind>:<id>`. */
    .addColumn('ordering_key', 'text', (c) => c.notNull())
    /** pending, delivered or failed (given up). */
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('claim_token', 'text')
    .addColumn('claim_expires_at', 'text')
    .addColumn('last_attempt_at', 'text')
    .addColumn('last_status_code', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('last_latency_ms', 'integer')
    .addColumn('delivered_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_due_idx')
    .on('webhook_deliveries')
    .columns(['state', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_order_idx')
    .on('webhook_deliveries')
    .columns(['ordering_key', 'url', 'seq'])
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_client_idx')
    .on('webhook_deliveries')
    .columns(['client_id', 'created_at'])
    .execute();

  // The payment status poller's schedule: when each open payment is asked about next.
  await db.schema
    .createTable('payment_status_polls')
    .addColumn('payment_id', 'text', (c) => c.primaryKey())
    .addColumn('polls', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('next_at', 'text', (c) => c.notNull())
    .addColumn('claim_expires_at', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('payment_status_polls').execute();
  await db.schema.dropTable('webhook_deliveries').execute();
  await db.schema.dropTable('resource_notifications').execute();
  await db.schema.dropTable('webhook_settings').execute();
  await db.schema.dropTable('events').execute();
}
