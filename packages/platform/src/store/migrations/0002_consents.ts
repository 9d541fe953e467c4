import type { Kysely } from 'kysely';

// Booleans are stored as 0/1 integers and JSON as text, so SQLite and PostgreSQL read alike.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('consents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('bic', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('access', 'text', (c) => c.notNull())
    .addColumn('recurring_indicator', 'integer', (c) => c.notNull())
    .addColumn('valid_until', 'text', (c) => c.notNull())
    .addColumn('frequency_per_day', 'integer', (c) => c.notNull())
    .addColumn('combined_service_indicator', 'integer', (c) => c.notNull())
    .addColumn('psu_context', 'text', (c) => c.notNull())
    .addColumn('psu_corporate_id', 'text')
    .addColumn('sca_approach', 'text')
    .addColumn('bank_consent_id', 'text')
    /** What the PSU picked at the bank, for a bank-offered consent (JSON). */
    .addColumn('granted_access', 'text')
    /** Bank tokens, sealed with the master key; never stored in clear. */
    .addColumn('bank_tokens', 'text')
    .addColumn('bank_tokens_expire_at', 'bigint')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_action_date', 'text', (c) => c.notNull())
    .addColumn('status_changed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('consents_client_idx')
    .on('consents')
    .columns(['client_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('consents_open_idx')
    .on('consents')
    .columns(['status', 'created_at'])
    .execute();

  await db.schema
    .createTable('consent_authorisations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('consent_id', 'text', (c) => c.notNull().references('consents.id'))
    .addColumn('sca_status', 'text', (c) => c.notNull())
    .addColumn('sca_approach', 'text')
    .addColumn('bank_authorisation_id', 'text')
    .addColumn('auto_start_token', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('consent_authorisations_consent_idx')
    .on('consent_authorisations')
    .column('consent_id')
    .execute();

  // Every status change of a consent or an authorisation, with when and which request.
  await db.schema
    .createTable('consent_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('consent_id', 'text', (c) => c.notNull().references('consents.id'))
    .addColumn('authorisation_id', 'text')
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('consent_events_consent_idx')
    .on('consent_events')
    .columns(['consent_id', 'at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('consent_events').execute();
  await db.schema.dropTable('consent_authorisations').execute();
  await db.schema.dropTable('consents').execute();
}
