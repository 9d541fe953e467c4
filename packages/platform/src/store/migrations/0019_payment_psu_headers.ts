import type { Kysely } from 'kysely';

// The PSU headers a payment was created with, kept beside its PSU-ID and corporate id: some
// banks insist on PSU-IP-Address for every call about a payment (Handelsbanken: its status and
// authorisations), also those the TPP makes without it and those nobody makes for a PSU (the
// status poller). Personal data, stored as the PSU-ID beside them is (the store seals secrets,
// not personal data) and never logged. Payments created before have none (null).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('payments').addColumn('psu_ip_address', 'text').execute();
  await db.schema.alterTable('payments').addColumn('psu_user_agent', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('payments').dropColumn('psu_user_agent').execute();
  await db.schema.alterTable('payments').dropColumn('psu_ip_address').execute();
}
