import { type Kysely, sql } from 'kysely';

// Strong customer authentication is one engine for every kind of resource (consents now,
// payments next), so its authorisations and their status history are kept by resource kind
// and id rather than by consent. Every consent authorisation and its history is carried over
// as it was; sealed bank exchanges stay readable, as their seal names the authorisation id.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sca_authorisations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('resource_kind', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('sca_status', 'text', (c) => c.notNull())
    .addColumn('sca_approach', 'text')
    .addColumn('bank_authorisation_id', 'text')
    .addColumn('auto_start_token', 'text')
    .addColumn('bank_exchange', 'text')
    .addColumn('psu_message', 'text')
    // When a request began redeeming the bank's grant: another one leaves it alone meanwhile,
    // and one that never finished (its instance died) is found by its age.
    .addColumn('redeeming_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('sca_authorisations_resource_idx')
    .on('sca_authorisations')
    .columns(['resource_kind', 'resource_id'])
    .execute();
  await db.schema
    .createTable('sca_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('authorisation_id', 'text', (c) => c.notNull())
    .addColumn('resource_kind', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('sca_events_resource_idx')
    .on('sca_events')
    .columns(['resource_kind', 'resource_id', 'at'])
    .execute();

  await sql`
    INSERT INTO sca_authorisations (id, resource_kind, resource_id, sca_status, sca_approach,
      bank_authorisation_id, auto_start_token, bank_exchange, psu_message, version, created_at,
      updated_at)
    SELECT id, 'consent', consent_id, sca_status, sca_approach, bank_authorisation_id,
      auto_start_token, bank_exchange, psu_message, version, created_at, updated_at
    FROM consent_authorisations`.execute(db);
  await sql`
    INSERT INTO sca_events (id, authorisation_id, resource_kind, resource_id, from_status,
      to_status, reason, request_id, at)
    SELECT id, authorisation_id, 'consent', consent_id, from_status, to_status, reason,
      request_id, at
    FROM consent_events WHERE authorisation_id IS NOT NULL`.execute(db);
  await sql`DELETE FROM consent_events WHERE authorisation_id IS NOT NULL`.execute(db);
  await db.schema.dropTable('consent_authorisations').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
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
    .addColumn('bank_exchange', 'text')
    .addColumn('psu_message', 'text')
    .execute();
  await db.schema
    .createIndex('consent_authorisations_consent_idx')
    .on('consent_authorisations')
    .column('consent_id')
    .execute();
  await sql`
    INSERT INTO consent_authorisations (id, consent_id, sca_status, sca_approach,
      bank_authorisation_id, auto_start_token, version, created_at, updated_at, bank_exchange,
      psu_message)
    SELECT id, resource_id, sca_status, sca_approach, bank_authorisation_id, auto_start_token,
      version, created_at, updated_at, bank_exchange, psu_message
    FROM sca_authorisations WHERE resource_kind = 'consent'`.execute(db);
  await sql`
    INSERT INTO consent_events (id, consent_id, authorisation_id, from_status, to_status, reason,
      request_id, at)
    SELECT id, resource_id, authorisation_id, from_status, to_status, reason, request_id, at
    FROM sca_events WHERE resource_kind = 'consent'`.execute(db);
  await db.schema.dropTable('sca_events').execute();
  await db.schema.dropTable('sca_authorisations').execute();
}
