import type { Kysely } from 'kysely';

// What an authorisation needs between the requests of one SCA: for a redirect, the PKCE
// verifier and, once the bank has sent the PSU back, the bank's code until the TPP redeems its
// own (sealed with the master key, like bank tokens); for a decoupled SCA, the bank's message
// to the PSU, shown again on every poll.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('consent_authorisations').addColumn('bank_exchange', 'text').execute();
  await db.schema.alterTable('consent_authorisations').addColumn('psu_message', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('consent_authorisations').dropColumn('psu_message').execute();
  await db.schema.alterTable('consent_authorisations').dropColumn('bank_exchange').execute();
}
