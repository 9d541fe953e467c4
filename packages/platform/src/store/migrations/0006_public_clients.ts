import type { Kysely } from 'kysely';

// Public clients: apps that cannot keep a secret (a single-page app, a phone app). They use
// the AISP API's authorization-code flow with PKCE and no client authentication; confidential
// clients (the default, every client made before) authenticate with their secret.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('clients')
    .addColumn('client_type', 'text', (c) => c.notNull().defaultTo('confidential'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('clients').dropColumn('client_type').execute();
}
