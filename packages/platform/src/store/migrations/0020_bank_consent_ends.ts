import type { Kysely } from 'kysely';

// Whether the bank's consent behind a consent that never became valid still has to be ended
// there. `bank_end_due_at`: the next attempt is due from then on (set with the rejection that
// needs it, or by the attempt that claimed it, to when a failed attempt is tried again);
// `bank_ended_at`: the bank let go of it, so nobody asks it again. Consents from before have
// neither (nothing due).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('consents').addColumn('bank_end_due_at', 'text').execute();
  await db.schema.alterTable('consents').addColumn('bank_ended_at', 'text').execute();
  await db.schema
    .createIndex('consents_bank_end_due')
    .on('consents')
    .column('bank_end_due_at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('consents_bank_end_due').execute();
  await db.schema.alterTable('consents').dropColumn('bank_ended_at').execute();
  await db.schema.alterTable('consents').dropColumn('bank_end_due_at').execute();
}
