/**
 * What `/health/ready` asks of the store: the database answers, and every migration this build
 * knows is applied (an instance of a newer build before `bankbridge migrate` ran is not ready).
 */
import type { ReadinessCheck } from '../http/health.js';
import type { Logger } from '../logging/logger.js';
import {
  type MigratableStore,
  pendingMigrations,
  pingDatabase,
} from '../store/migrations-state.js';

export function storeReadinessChecks(store: MigratableStore, logger: Logger): ReadinessCheck[] {
  // Migrations never go back: once all were applied, the check need not ask again.
  let migrated = false;
  return [
    {
      name: 'database',
      async check() {
        try {
          await pingDatabase(store);
          return undefined;
        } catch (err) {
          // The probe answers on the public port: the error, which may name hosts, is logged.
          logger.warn({ err }, 'readiness: the database does not answer');
          return 'not answering';
        }
      },
    },
    {
      name: 'migrations',
      async check() {
        if (migrated) return undefined;
        const pending = await pendingMigrations(store);
        if (pending.length === 0) {
          migrated = true;
          return undefined;
        }
        return `${pending.length} pending: run bankbridge migrate`;
      },
    },
  ];
}
