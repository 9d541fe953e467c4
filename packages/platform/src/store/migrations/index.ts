import type { Migration, MigrationProvider } from 'kysely';
import * as foundation from './0001_foundation.js';
import * as consents from './0002_consents.js';
import * as scaProgress from './0003_sca_progress.js';
import * as accountInformation from './0004_account_information.js';
import * as portal from './0005_portal.js';
import * as publicClients from './0006_public_clients.js';
import * as clientCertificates from './0008_client_certificates.js';
import * as rateLimits from './0009_rate_limits.js';
import * as scaAuthorisations from './0010_sca_authorisations.js';
import * as clientPkce from './0011_client_pkce.js';
import * as frequencyReservations from './0012_frequency_reservations.js';
import * as animatedQr from './0013_animated_qr.js';
import * as payments from './0014_payments.js';
import * as requestReplays from './0015_request_replays.js';
import * as events from './0016_events.js';
import * as requestLogErrors from './0017_request_log_errors.js';
import * as onePendingDelivery from './0018_one_pending_delivery.js';
import * as paymentPsuHeaders from './0019_payment_psu_headers.js';
import * as bankConsentEnds from './0020_bank_consent_ends.js';
import * as requestLogWrites from './0021_request_log_writes.js';

// Listed explicitly (not read from disk) so migrations work the same from sources or a bundle.
const migrations: Record<string, Migration> = {
  '0001_foundation': foundation,
  '0002_consents': consents,
  '0003_sca_progress': scaProgress,
  '0004_account_information': accountInformation,
  '0005_portal': portal,
  '0006_public_clients': publicClients,
  '0008_client_certificates': clientCertificates,
  '0009_rate_limits': rateLimits,
  '0010_sca_authorisations': scaAuthorisations,
  '0011_client_pkce': clientPkce,
  '0012_frequency_reservations': frequencyReservations,
  '0013_animated_qr': animatedQr,
  '0014_payments': payments,
  '0015_request_replays': requestReplays,
  '0016_events': events,
  '0017_request_log_errors': requestLogErrors,
  '0018_one_pending_delivery': onePendingDelivery,
  '0019_payment_psu_headers': paymentPsuHeaders,
  '0020_bank_consent_ends': bankConsentEnds,
  '0021_request_log_writes': requestLogWrites,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
