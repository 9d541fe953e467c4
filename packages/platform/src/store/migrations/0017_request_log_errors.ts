import type { Kysely } from 'kysely';

// A refused or failed request keeps the error code and text it was answered with, so the
// portal's log says why a call failed without the developer having to reproduce it. Both are
// null for an answer below 400, and for an error answer whose body named no code.
const COLUMNS = ['error_code', 'error_text'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of COLUMNS) {
    await db.schema.alterTable('request_log').addColumn(column, 'text').execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of [...COLUMNS].reverse()) {
    await db.schema.alterTable('request_log').dropColumn(column).execute();
  }
}
