import type { Kysely } from 'kysely';

// The developer portal: people who sign in, their sessions, which client each developer owns,
// and the log of authenticated API requests with the bank calls each caused.
//
// `users`: local accounts; `email` is kept lower-case, so the unique index is case-insensitive.
// `password_hash` is an scrypt hash with its own parameters and salt, never the password.
//
// `user_sessions`: `id` is a SHA-256 of the cookie's value, so a copy of the database holds no
// usable session. Deleted with their user.
//
// `clients.owner_id`: the developer who created the application in the portal; clients made
// with the CLI or the demo have none and are seen by operators only.
//
// `request_log`: one row per authenticated API request, written after the response; the bank
// calls it caused are kept in the row as JSON, since they are always read with it. Old rows
// are pruned by age and by count, so the table stays small.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('user_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('user_sessions_expiry_idx')
    .on('user_sessions')
    .column('expires_at')
    .execute();

  await db.schema.alterTable('clients').addColumn('owner_id', 'text').execute();
  await db.schema.createIndex('clients_owner_idx').on('clients').column('owner_id').execute();

  await db.schema
    .createTable('request_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('duration_ms', 'real', (c) => c.notNull())
    .addColumn('bank_calls', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('request_log_client_idx')
    .on('request_log')
    .columns(['client_id', 'at'])
    .execute();
  await db.schema
    .createIndex('request_log_request_idx')
    .on('request_log')
    .columns(['client_id', 'request_id'])
    .execute();
  await db.schema.createIndex('request_log_at_idx').on('request_log').column('at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('request_log').execute();
  await db.schema.dropIndex('clients_owner_idx').execute();
  await db.schema.alterTable('clients').dropColumn('owner_id').execute();
  await db.schema.dropTable('user_sessions').execute();
  await db.schema.dropTable('users').execute();
}
