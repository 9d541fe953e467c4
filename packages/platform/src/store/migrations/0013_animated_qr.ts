import type { Kysely } from 'kysely';

// A decoupled SCA remembers which method the TPP chose (its polls answer the animated QR code
// only for the animated ones) and the bank's animated QR start: the token, the secret (sealed:
// whoever holds it can draw codes for the PSU's order) and when the order started, from which
// every code's time counts.
const COLUMNS = ['sca_method', 'qr_start_token', 'qr_start_secret', 'qr_started_at'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of COLUMNS) {
    await db.schema.alterTable('sca_authorisations').addColumn(column, 'text').execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of [...COLUMNS].reverse()) {
    await db.schema.alterTable('sca_authorisations').dropColumn(column).execute();
  }
}
