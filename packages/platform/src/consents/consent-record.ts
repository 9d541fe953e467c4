import type { ConsentRecord } from '../store/consents.js';
import {
  type Consent,
  type ConsentAccess,
  type GrantedAccess,
  isConsentStatus,
} from './rules/index.js';

/** A stored consent as the pure rules read it. */
export function toDomain(record: ConsentRecord): Consent {
  if (!isConsentStatus(record.status)) throw new Error(`stored consent status ${record.status}`);
  return {
    id: record.id,
    clientId: record.clientId,
    bic: record.bic,
    status: record.status,
    access: record.access as ConsentAccess,
    recurringIndicator: record.recurringIndicator,
    validUntil: record.validUntil,
    frequencyPerDay: record.frequencyPerDay,
    combinedServiceIndicator: record.combinedServiceIndicator,
    psuContext: record.psuContext,
    psuCorporateId: record.psuCorporateId,
    grantedAccess: (record.grantedAccess as GrantedAccess | null) ?? null,
    createdAt: record.createdAt,
    lastActionDate: record.lastActionDate,
    statusChangedAt: record.statusChangedAt,
  };
}
