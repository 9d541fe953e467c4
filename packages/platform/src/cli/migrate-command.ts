import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { configFromEnv } from '../config.js';
import { migrationProvider } from '../store/migrations/index.js';
import { migrate, pendingMigrations } from '../store/migrations-state.js';
import { openStore, storeOptionsFor } from '../store/open-store.js';

/**
 * Applies the database migrations and nothing else, for deploy pipelines that migrate before
 * they roll instances (which would otherwise race to apply them at start).
 */
export function migrateCommand(): Command {
  return new Command('migrate')
    .description('apply pending database migrations, then exit; --dry-run only lists them')
    .option('--dry-run', 'list the pending migrations without applying them')
    .action(async (options: { dryRun?: boolean }) => {
      const config = configFromEnv();
      const where = storeOptionsFor(config);
      // A dry run does not create the SQLite file that opening it would.
      if (
        options.dryRun &&
        !where.databaseUrl &&
        where.sqlitePath &&
        !existsSync(where.sqlitePath)
      ) {
        const all = Object.keys(await migrationProvider.getMigrations());
        process.stdout.write(
          `${all.length} pending on ${where.sqlitePath} (not created yet):\n${all.map((name) => `  ${name}\n`).join('')}`,
        );
        return;
      }
      const store = await openStore({ ...where, migrate: false });
      try {
        const pending = await pendingMigrations(store);
        if (options.dryRun || pending.length === 0) {
          process.stdout.write(
            pending.length === 0
              ? `nothing to apply: ${store.location} is up to date\n`
              : `${pending.length} pending on ${store.location}:\n${pending.map((name) => `  ${name}\n`).join('')}`,
          );
          return;
        }
      } finally {
        await store.close();
      }
      // As a start does: the configured PostgreSQL schema is created first if missing.
      const migrated = await openStore({
        ...where,
        migrate: false,
        createSchema: true,
      });
      try {
        const applied = await migrate(migrated);
        process.stdout.write(
          `applied ${applied.length} on ${migrated.location}:\n${applied.map((name) => `  ${name}\n`).join('')}`,
        );
      } finally {
        await migrated.close();
      }
    });
}
