import type { Kysely } from 'kysely';

// A client that must use PKCE (S256) at both authorization endpoints, whatever the
// platform-wide BANKBRIDGE_REQUIRE_PKCE says (1). Every client made before keeps PKCE optional
// (0): the integration guide's redirect flow sends none.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('clients')
    .addColumn('require_pkce', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('clients').dropColumn('require_pkce').execute();
}
