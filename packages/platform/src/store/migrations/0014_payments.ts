import type { Kysely } from 'kysely';

// Payments a TPP initiated through Bankbridge, and the history of their statuses.
//
// A payment keeps the body as the TPP posted it (what GET answers) and the body as sent to the
// bank (a global product's canonical model), both immutable after creation: the PSU signs
// what was stored, and nothing changes it afterwards. A bank payment belongs to exactly one
// Bankbridge payment (unique bic + bank_payment_id): a create retried after a crash, which
// the bank answers with its first payment again, finds the row the first attempt wrote.
// Cancellation authorisations are SCA authorisations of kind `paymentCancellation`
// (sca_authorisations); `cancellation_requested_at` says the bank asked for one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('bic', 'text', (c) => c.notNull())
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('product', 'text', (c) => c.notNull())
    /** `global` (Bankbridge's unified model) or `bank` (the bank's own product). */
    .addColumn('product_kind', 'text', (c) => c.notNull())
    .addColumn('psu_context', 'text', (c) => c.notNull())
    .addColumn('psu_id', 'text')
    .addColumn('psu_corporate_id', 'text')
    /** JSON, as the TPP posted it. */
    .addColumn('body', 'text', (c) => c.notNull())
    /** JSON, as sent to the bank. */
    .addColumn('bank_body', 'text', (c) => c.notNull())
    .addColumn('end_to_end_id', 'text')
    /** The requested execution date (or a periodic payment's start), if any. */
    .addColumn('execution_date', 'text')
    .addColumn('bank_payment_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('funds_available', 'integer')
    .addColumn('status_reason_code', 'text')
    .addColumn('status_reason', 'text')
    .addColumn('sca_approach', 'text')
    .addColumn('cancellation_requested_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('status_changed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('payments_bank_payment_idx')
    .on('payments')
    .columns(['bic', 'bank_payment_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('payments_client_idx')
    .on('payments')
    .columns(['client_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('payments_open_idx')
    .on('payments')
    .columns(['status', 'created_at'])
    .execute();

  // Every status change of a payment: when, which request, and who reported it.
  await db.schema
    .createTable('payment_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('payment_id', 'text', (c) => c.notNull().references('payments.id'))
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    /** `tpp` (a TPP's request), `bank` (the bank reported it) or `platform` (time, expiry). */
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('payment_events_payment_idx')
    .on('payment_events')
    .columns(['payment_id', 'at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('payment_events').execute();
  await db.schema.dropTable('payments').execute();
}
