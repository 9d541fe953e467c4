import type { Kysely } from 'kysely';

// Production mode binds each client to the TPP certificates of one organisation: the
// organizationIdentifier (2.5.4.97) of its QWAC, e.g. PSDSE-FINA-44059. Null (every client made
// before, and those made without one) means unbound: no token while certificates are required.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('clients').addColumn('certificate_organization_id', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('clients').dropColumn('certificate_organization_id').execute();
}
