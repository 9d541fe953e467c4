import type { Migration, MigrationProvider } from 'kysely';
import * as foundation from './0001_foundation.js';
import * as consents from './0002_consents.js';
import * as scaProgress from './0003_sca_progress.js';
import * as accountInformation from './0004_account_information.js';

// Listed explicitly (not read from disk) so migrations work the same from sources or a bundle.
const migrations: Record<string, Migration> = {
  '0001_foundation': foundation,
  '0002_consents': consents,
  '0003_sca_progress': scaProgress,
  '0004_account_information': accountInformation,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
