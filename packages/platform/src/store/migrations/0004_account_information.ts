import type { Kysely } from 'kysely';

// Account ids Bankbridge hands out, and the frequencyPerDay counters of account reads.
//
// `account_ids`: one row per client x bank x bank account. The TPP sees only `resource_id`, a
// random id of Bankbridge's own: it stays the same across consents and token refreshes (apps
// keep account ids when a user reconnects) and says nothing of the bank's ids. The bank account
// is identified by `account_key` (its IBAN or BBAN with the currency, else the bank's own id);
// `bank_resource_id` is the id to use at the bank, updated whenever the bank lists it.
//
// `frequency_counters`: one row per `frequencyKey` (consent x account x endpoint x day), raised
// with a single INSERT ... ON CONFLICT DO UPDATE ... RETURNING, which SQLite and PostgreSQL
// both run atomically: two parallel reads cannot both take the last allowed read.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('account_ids')
    .addColumn('resource_id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('bic', 'text', (c) => c.notNull())
    .addColumn('account_key', 'text', (c) => c.notNull())
    .addColumn('bank_resource_id', 'text', (c) => c.notNull())
    .addColumn('iban', 'text')
    .addColumn('bban', 'text')
    .addColumn('currency', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('account_ids_account_unique', ['client_id', 'bic', 'account_key'])
    .execute();

  await db.schema
    .createTable('frequency_counters')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('consent_id', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('frequency_counters_consent_idx')
    .on('frequency_counters')
    .column('consent_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('frequency_counters').execute();
  await db.schema.dropTable('account_ids').execute();
}
