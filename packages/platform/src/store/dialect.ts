import { type Kysely, PostgresAdapter } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: any database's Kysely, typed or not
type AnyKysely = Kysely<any>;

/**
 * Whether the database is PostgreSQL. The event feed's order needs PostgreSQL's transaction
 * ids, which SQLite (one writer at a time) does without; everything else is dialect-neutral.
 */
export function isPostgres(db: AnyKysely): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
