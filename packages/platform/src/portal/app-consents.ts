import { toDomain } from '../consents/consent-record.js';
import { bankTimeZone } from '../consents/rules/dates.js';
import { effectiveConsentStatus } from '../consents/rules/lifecycle.js';
import type { Registry } from '../registry/index.js';
import type { ConsentsRepository } from '../store/consents.js';
import type { ConsentRow } from './views/app.js';

/**
 * An application's latest consents as the TPP would see them now: a consent whose last day
 * has passed shows `expired` even before a call has recorded it, as GET /consents does.
 */
export async function appConsents(
  deps: {
    consents: ConsentsRepository;
    registry: Registry;
    now: () => Date;
    authorisationTimeoutSeconds: number;
  },
  clientId: string,
  limit = 50,
): Promise<ConsentRow[]> {
  const records = await deps.consents.listForClient(clientId, limit);
  const now = deps.now();
  return records.map((record) => {
    const entry = deps.registry.aspsps.find((aspsp) => aspsp.bicFi === record.bic);
    const status = entry
      ? effectiveConsentStatus(toDomain(record), now, {
          timeZone: bankTimeZone(entry.isoCountryCode),
          authorisationTimeoutSeconds: deps.authorisationTimeoutSeconds,
        })
      : record.status;
    return {
      id: record.id,
      bic: record.bic,
      bankName: entry?.name,
      status,
      validUntil: record.validUntil,
      frequencyPerDay: record.frequencyPerDay,
      createdAt: record.createdAt,
      lastActionDate: record.lastActionDate,
    };
  });
}
