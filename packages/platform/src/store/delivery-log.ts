import { randomUUID } from 'node:crypto';
import type { Db } from './schema.js';

/** One delivery of an event to one URL, as the delivery log shows it. */
export interface LoggedDelivery {
  id: string;
  url: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  /** When it is tried next; only meaningful while pending. */
  nextAttemptAt: string;
  lastAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  lastLatencyMs: number | null;
  deliveredAt: string | null;
  createdAt: string;
}

/** An event of a client with every delivery made of it, oldest delivery first. */
export interface LoggedEvent {
  id: string;
  type: string;
  resource: { kind: string; id: string };
  oldStatus: string | null;
  newStatus: string | null;
  at: string;
  deliveries: LoggedDelivery[];
}

/** What a redelivery did. */
export type Redelivery =
  /** A new delivery of the event, due now. */
  | { outcome: 'queued'; eventId: string; url: string }
  /** One of the event to that URL was pending already: it is due now instead. */
  | { outcome: 'pending'; eventId: string; url: string }
  /** The URL is no longer the client's endpoint nor the resource's own: nothing was sent. */
  | { outcome: 'not-an-endpoint'; eventId: string; url: string };

/**
 * The portal's delivery log: a client's latest events with their deliveries, and redelivery
 * of an event to a URL it was sent to. A redelivery is a delivery row like any other: the
 * worker claims it, signs it afresh when it sends it, and keeps it behind the pending
 * deliveries of its resource. At most one delivery of an event to a URL is pending (migration
 * 0018), so a double submit, or two instances taking it at once, asks for one.
 */
export class DeliveryLogRepository {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The client's `limit` latest events, newest first, each with its deliveries. */
  async recent(clientId: string, limit: number): Promise<LoggedEvent[]> {
    const events = await this.db
      .selectFrom('events')
      .select(['id', 'type', 'resource_kind', 'resource_id', 'old_status', 'new_status', 'at'])
      .where('client_id', '=', clientId)
      .orderBy('seq', 'desc')
      .limit(limit)
      .execute();
    if (events.length === 0) return [];
    const deliveries = await this.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('client_id', '=', clientId)
      .where(
        'event_id',
        'in',
        events.map((event) => event.id),
      )
      .orderBy('seq')
      .execute();
    const byEvent = new Map<string, LoggedDelivery[]>();
    for (const row of deliveries) {
      const list = byEvent.get(row.event_id) ?? [];
      list.push({
        id: row.id,
        url: row.url,
        state: row.state,
        attempts: row.attempts,
        nextAttemptAt: row.next_attempt_at,
        lastAttemptAt: row.last_attempt_at,
        lastStatusCode: row.last_status_code,
        lastError: row.last_error,
        lastLatencyMs: row.last_latency_ms,
        deliveredAt: row.delivered_at,
        createdAt: row.created_at,
      });
      byEvent.set(row.event_id, list);
    }
    return events.map((event) => ({
      id: event.id,
      type: event.type,
      resource: { kind: event.resource_kind, id: event.resource_id },
      oldStatus: event.old_status,
      newStatus: event.new_status,
      at: event.at,
      deliveries: byEvent.get(event.id) ?? [],
    }));
  }

  /**
   * Sends the event of the client's delivery `deliveryId` again, to the same URL, as a new
   * delivery due now; undefined when the client has no such delivery.
   */
  async redeliver(clientId: string, deliveryId: string): Promise<Redelivery | undefined> {
    const source = await this.db
      .selectFrom('webhook_deliveries')
      .select(['event_id', 'url', 'ordering_key'])
      .where('id', '=', deliveryId)
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    if (!source) return undefined;
    const done = { eventId: source.event_id, url: source.url };
    if (!(await this.isEndpoint(clientId, source.url, source.ordering_key))) {
      return { outcome: 'not-an-endpoint', ...done };
    }
    const at = this.now().toISOString();
    const inserted = await this.db
      .insertInto('webhook_deliveries')
      .values({
        id: randomUUID(),
        event_id: source.event_id,
        client_id: clientId,
        url: source.url,
        ordering_key: source.ordering_key,
        state: 'pending',
        attempts: 0,
        next_attempt_at: at,
        claim_token: null,
        claim_expires_at: null,
        last_attempt_at: null,
        last_status_code: null,
        last_error: null,
        last_latency_ms: null,
        delivered_at: null,
        created_at: at,
      })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) return { outcome: 'queued', ...done };
    // Waiting for its backoff: brought forward, not doubled. One being sent keeps its claim.
    await this.db
      .updateTable('webhook_deliveries')
      .set({ next_attempt_at: at })
      .where('event_id', '=', source.event_id)
      .where('url', '=', source.url)
      .where('state', '=', 'pending')
      .where('next_attempt_at', '>', at)
      .execute();
    return { outcome: 'pending', ...done };
  }

  /** Whether `url` is still where events of the resource (`<kind>:<id>`) go. */
  private async isEndpoint(clientId: string, url: string, orderingKey: string): Promise<boolean> {
    const own = await this.db
      .selectFrom('webhook_settings')
      .select('client_id')
      .where('client_id', '=', clientId)
      .where('url', '=', url)
      .executeTakeFirst();
    if (own) return true;
    const [kind = '', id = ''] = orderingKey.split(':');
    const resource = await this.db
      .selectFrom('resource_notifications')
      .select('uri')
      .where('resource_kind', '=', kind)
      .where('resource_id', '=', id)
      .where('client_id', '=', clientId)
      .where('uri', '=', url)
      .executeTakeFirst();
    return resource !== undefined;
  }
}
