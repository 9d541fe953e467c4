import type { Db } from '../../src/store/schema.js';

export interface HistoryEvent {
  to_status: string;
  request_id: string | null;
  at: string;
}

/**
 * Every status change of a consent and of its authorisations, oldest first: the consent's own
 * history and its SCA history are kept apart (by resource, for the SCA engine).
 */
export async function consentHistory(db: Db, consentId: string): Promise<HistoryEvent[]> {
  const [own, sca] = await Promise.all([
    db
      .selectFrom('consent_events')
      .select(['to_status', 'request_id', 'at'])
      .where('consent_id', '=', consentId)
      .execute(),
    db
      .selectFrom('sca_events')
      .select(['to_status', 'request_id', 'at'])
      .where('resource_kind', '=', 'consent')
      .where('resource_id', '=', consentId)
      .execute(),
  ]);
  return [...own, ...sca].sort((a, b) => a.at.localeCompare(b.at));
}
