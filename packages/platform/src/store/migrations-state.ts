/**
 * The schema's migrations as this build knows them: applied at start (open-store.ts), listed
 * by `bankbridge migrate --dry-run`, and checked by the readiness probe and `bankbridge doctor`.
 */
import { Migrator, sql } from 'kysely';
import { migrationProvider } from './migrations/index.js';
import type { Db } from './schema.js';

export interface MigratableStore {
  db: Db;
  dialect: 'sqlite' | 'postgres';
}

/** The PostgreSQL schema the tables go to; null when the configured one does not exist yet. */
async function currentSchema(store: MigratableStore): Promise<string | null | undefined> {
  if (store.dialect !== 'postgres') return undefined;
  const { rows } = await sql<{
    schema: string | null;
  }>`select current_schema() as schema`.execute(store.db);
  return rows[0]?.schema ?? null;
}

/** A migrator whose bookkeeping tables live in the current schema. */
export async function migratorFor(store: MigratableStore): Promise<Migrator> {
  // Kysely looks for its bookkeeping tables in every schema unless told which one; another
  // Bankbridge (or a test) in another schema of the same database would make it skip
  // creating them here, and then fail. They belong where the tables go: the current schema.
  const migrationTableSchema = (await currentSchema(store)) ?? undefined;
  return new Migrator({
    db: store.db,
    provider: migrationProvider,
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
}

/** Applies every pending migration; answers the names applied. */
export async function migrate(store: MigratableStore): Promise<string[]> {
  const migrator = await migratorFor(store);
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const cause = error instanceof Error ? error.message : String(error ?? '');
    throw new Error(
      `database migration ${failed?.migrationName ?? ''} failed${cause ? `: ${cause}` : ''}`,
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The migrations this build has that the database has not applied yet, in order. */
export async function pendingMigrations(store: MigratableStore): Promise<string[]> {
  // A schema not created yet has every migration to come (and Kysely, not told where to look,
  // would read another schema's bookkeeping).
  if ((await currentSchema(store)) === null)
    return Object.keys(await migrationProvider.getMigrations());
  const migrator = await migratorFor(store);
  const all = await migrator.getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}

/** One round trip to the database; throws when it does not answer. */
export async function pingDatabase(store: MigratableStore): Promise<void> {
  await sql`select 1`.execute(store.db);
}
