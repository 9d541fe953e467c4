import type { StoredEvent } from '../store/events.js';

/**
 * The JSON a webhook delivers and the feed lists for one event (README, "Events and
 * webhooks"). `id` is the same on every delivery of the event, so receivers drop repeats by it.
 */
export interface EventPayload {
  id: string;
  type: StoredEvent['type'];
  /** When the change happened (ISO 8601). */
  timestamp: string;
  resource: {
    kind: 'consent' | 'payment';
    id: string;
    authorisation?: { id: string; kind: string };
  };
  oldStatus: string | null;
  newStatus: string | null;
  /** consent.expiring: the consent's last day, and the instant it ends. */
  validUntil?: string;
  expiresAt?: string;
}

export function eventPayload(event: StoredEvent): EventPayload {
  return {
    id: event.id,
    type: event.type,
    timestamp: event.at,
    resource: {
      kind: event.resource.kind,
      id: event.resource.id,
      ...(event.authorisation ? { authorisation: event.authorisation } : {}),
    },
    oldStatus: event.oldStatus,
    newStatus: event.newStatus,
    ...(typeof event.data?.validUntil === 'string' ? { validUntil: event.data.validUntil } : {}),
    ...(typeof event.data?.expiresAt === 'string' ? { expiresAt: event.data.expiresAt } : {}),
  };
}
