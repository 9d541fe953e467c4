import { randomUUID } from 'node:crypto';
import { type Selectable, sql, type Transaction } from 'kysely';
import { isPostgres } from './dialect.js';
import type { Database, Db, EventsTable } from './schema.js';

type EventRow = Selectable<EventsTable>;

/** The kinds of event Bankbridge writes (README, "Events and webhooks"). */
export type EventType =
  | 'consent.status_changed'
  | 'consent.expiring'
  | 'payment.status_changed'
  | 'authorisation.status_changed';

export interface NewEvent {
  clientId: string;
  type: EventType;
  resource: { kind: 'consent' | 'payment'; id: string };
  /** For an SCA status event: the authorisation and its kind (consent, payment, ...). */
  authorisation?: { id: string; kind: string };
  oldStatus: string | null;
  newStatus: string | null;
  data?: Record<string, unknown>;
  /** An event that must exist once (an expiry notice): a second one with the key is dropped. */
  dedupeKey?: string;
  at: string;
}

export interface StoredEvent {
  id: string;
  clientId: string;
  type: EventType;
  resource: { kind: 'consent' | 'payment'; id: string };
  authorisation: { id: string; kind: string } | null;
  oldStatus: string | null;
  newStatus: string | null;
  data: Record<string, unknown> | null;
  at: string;
  /** Where the event stands in its client's feed. */
  cursor: EventCursor;
}

/** A position in the feed: the writing transaction (PostgreSQL) and the insertion order. */
export interface EventCursor {
  tx: number;
  seq: number;
}

type Writer = Transaction<Database>;

/**
 * Writes an event with the change it reports (`trx` is that change's transaction) and fans it
 * out into one delivery per endpoint that wants it: the client's own endpoint and the
 * resource's (TPP-Notification-URI). SCA status events go only where they were asked for.
 * Answers whether the event was written (false: its dedupe key was taken).
 */
export async function appendEvent(
  trx: Writer,
  event: NewEvent,
  knownTargets?: Target[],
): Promise<boolean> {
  const id = randomUUID();
  const sca = event.type === 'authorisation.status_changed';
  const inserted = await trx
    .insertInto('events')
    .values({
      id,
      client_id: event.clientId,
      type: event.type,
      resource_kind: event.resource.kind,
      resource_id: event.resource.id,
      authorisation_id: event.authorisation?.id ?? null,
      authorisation_kind: event.authorisation?.kind ?? null,
      old_status: event.oldStatus,
      new_status: event.newStatus,
      data: event.data ? JSON.stringify(event.data) : null,
      dedupe_key: event.dedupeKey ?? null,
      at: event.at,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 1) === 0) return false;
  const targets = knownTargets ?? (await endpointsOf(trx, event));
  const urls = new Set(
    targets.filter((target) => !sca || target.scaEvents).map((target) => target.url),
  );
  if (urls.size === 0) return true;
  await trx
    .insertInto('webhook_deliveries')
    .values(
      [...urls].map((url) => ({
        id: randomUUID(),
        event_id: id,
        client_id: event.clientId,
        url,
        ordering_key: `${event.resource.kind}:${event.resource.id}`,
        state: 'pending' as const,
        attempts: 0,
        next_attempt_at: event.at,
        claim_token: null,
        claim_expires_at: null,
        last_attempt_at: null,
        last_status_code: null,
        last_error: null,
        last_latency_ms: null,
        delivered_at: null,
        created_at: event.at,
      })),
    )
    .execute();
  return true;
}

/**
 * An authorisation's SCA status change as an event, if its resource's client asked for SCA
 * events (for this resource, or for all of its resources). `kind` is the authorisation's:
 * a payment's cancellation authorisation reports on the payment.
 */
export async function appendScaEvent(
  trx: Writer,
  authorisation: { id: string; kind: string; resourceId: string },
  from: string | null,
  to: string,
  at: string,
): Promise<void> {
  // Starting an authorisation is the TPP's own request: only changes after it are news.
  if (from === null) return;
  const resourceKind = authorisation.kind === 'consent' ? 'consent' : 'payment';
  const resource = { kind: resourceKind, id: authorisation.resourceId } as const;
  // Its client and where its events go, in one statement: on PostgreSQL each is a round trip.
  // (Typed as consents: the query reads only `id` and `client_id`, which payments has alike.)
  const owners = (resourceKind === 'consent' ? 'consents' : 'payments') as 'consents';
  const found = await trx
    .selectFrom(`${owners} as r`)
    .leftJoin('webhook_settings as w', 'w.client_id', 'r.client_id')
    .leftJoin('resource_notifications as n', (join) =>
      join.on('n.resource_kind', '=', resourceKind).onRef('n.resource_id', '=', 'r.id'),
    )
    .select([
      'r.client_id',
      'w.url as client_url',
      'w.sca_events as client_sca_events',
      'n.uri as own_url',
      'n.sca_events as own_sca_events',
    ])
    .where('r.id', '=', authorisation.resourceId)
    .executeTakeFirst();
  if (!found) return;
  const targets = toTargets(
    { url: found.client_url, sca_events: found.client_sca_events },
    { url: found.own_url, sca_events: found.own_sca_events },
  );
  if (!targets.some((target) => target.scaEvents)) return;
  await appendEvent(
    trx,
    {
      clientId: found.client_id,
      type: 'authorisation.status_changed',
      resource,
      authorisation: { id: authorisation.id, kind: authorisation.kind },
      oldStatus: from,
      newStatus: to,
      at,
    },
    targets,
  );
}

/**
 * A consent's or payment's status change as an event. Its creation (`from` null) is none: it
 * is the TPP's own request, and its history has it.
 */
export async function appendStatusEvent(
  trx: Writer,
  resource: { kind: 'consent' | 'payment'; id: string; clientId: string },
  from: string | null,
  to: string,
  at: string,
): Promise<void> {
  if (from === null) return;
  await appendEvent(trx, {
    clientId: resource.clientId,
    type: `${resource.kind}.status_changed`,
    resource: { kind: resource.kind, id: resource.id },
    oldStatus: from,
    newStatus: to,
    at,
  });
}

/** An endpoint an event may go to, and whether it asked for SCA status events. */
interface Target {
  url: string;
  scaEvents: boolean;
}

/** The client's own endpoint and the resource's (TPP-Notification-URI), in one statement. */
async function endpointsOf(
  trx: Writer,
  event: Pick<NewEvent, 'clientId' | 'resource'>,
): Promise<Target[]> {
  const rows = await trx
    .selectFrom('webhook_settings')
    .select([sql.lit(0).as('own'), 'url', 'sca_events'])
    .where('client_id', '=', event.clientId)
    .unionAll((eb) =>
      eb
        .selectFrom('resource_notifications')
        .select([sql.lit(1).as('own'), 'uri as url', 'sca_events'])
        .where('resource_kind', '=', event.resource.kind)
        .where('resource_id', '=', event.resource.id),
    )
    .execute();
  const client = rows.find((row) => Number(row.own) === 0);
  const own = rows.find((row) => Number(row.own) === 1);
  return toTargets(client ?? {}, own ?? {});
}

/** The client's endpoint first, then the resource's; either may be missing or without a URL. */
function toTargets(
  client: { url?: string | null; sca_events?: number | null },
  own: { url?: string | null; sca_events?: number | null },
): Target[] {
  const targets: Target[] = [];
  if (client.url) targets.push({ url: client.url, scaEvents: client.sca_events === 1 });
  if (own.url) targets.push({ url: own.url, scaEvents: own.sca_events === 1 });
  return targets;
}

/** The events outbox as TPPs and the background jobs read it. */
export class EventsRepository {
  private readonly postgres: boolean;

  constructor(private readonly db: Db) {
    this.postgres = isPostgres(db);
  }

  /**
   * A client's events after `after` (from the oldest kept when absent), in feed order, at most
   * `limit`, of the given resource kinds. On PostgreSQL only events of transactions older than
   * every one still running are answered, so none can later appear behind the last one read.
   */
  async feed(
    clientId: string,
    after: EventCursor | undefined,
    limit: number,
    kinds: ReadonlyArray<string>,
  ): Promise<StoredEvent[]> {
    if (kinds.length === 0) return [];
    let query = this.db
      .selectFrom('events')
      .selectAll()
      .where('client_id', '=', clientId)
      .where('resource_kind', 'in', [...kinds]);
    if (after) {
      query = query.where((eb) =>
        eb.or([
          eb('tx', '>', after.tx),
          eb.and([eb('tx', '=', after.tx), eb('seq', '>', after.seq)]),
        ]),
      );
    }
    if (this.postgres) {
      query = query.where(
        'tx',
        '<',
        sql<number>`pg_snapshot_xmin(pg_current_snapshot())::text::bigint`,
      );
    }
    const rows = await query.orderBy('tx').orderBy('seq').limit(limit).execute();
    return rows.map(toEvent);
  }

  /** One event by id (the worker's delivery body). */
  async get(id: string): Promise<StoredEvent | undefined> {
    const row = await this.db
      .selectFrom('events')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toEvent(row);
  }

  /** Writes an event of its own (an expiry notice); false when its dedupe key was taken. */
  async append(event: NewEvent): Promise<boolean> {
    return this.db.transaction().execute((trx) => appendEvent(trx, event));
  }

  /**
   * Valid consents whose `validUntil` is on or before `lastDay` and that have no expiry notice
   * yet: the candidates for one (the caller decides with the bank's time zone).
   */
  async consentsNearingExpiry(
    lastDay: string,
    limit: number,
  ): Promise<Array<{ id: string; clientId: string; bic: string; validUntil: string }>> {
    const rows = await this.db
      .selectFrom('consents')
      .select(['id', 'client_id', 'bic', 'valid_until'])
      .where('status', '=', 'valid')
      .where('valid_until', '<=', lastDay)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('events')
              .select('seq')
              .whereRef(
                'events.dedupe_key',
                '=',
                sql<string>`${EXPIRY_NOTICE_PREFIX} || consents.id`,
              ),
          ),
        ),
      )
      .orderBy('valid_until')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      clientId: row.client_id,
      bic: row.bic,
      validUntil: row.valid_until,
    }));
  }

  /** Deletes events (and finished deliveries) older than `before`; answers how many events. */
  async prune(before: string): Promise<number> {
    await this.db
      .deleteFrom('webhook_deliveries')
      .where('created_at', '<', before)
      .where('state', '!=', 'pending')
      .execute();
    const result = await this.db.deleteFrom('events').where('at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

const EXPIRY_NOTICE_PREFIX = 'consent.expiring:';

/** The dedupe key of a consent's one expiry notice. */
export function expiryNoticeKey(consentId: string): string {
  return `${EXPIRY_NOTICE_PREFIX}${consentId}`;
}

function toEvent(row: EventRow): StoredEvent {
  return {
    id: row.id,
    clientId: row.client_id,
    type: row.type as EventType,
    resource: {
      kind: row.resource_kind === 'payment' ? 'payment' : 'consent',
      id: row.resource_id,
    },
    authorisation:
      row.authorisation_id === null
        ? null
        : { id: row.authorisation_id, kind: row.authorisation_kind ?? row.resource_kind },
    oldStatus: row.old_status,
    newStatus: row.new_status,
    data: row.data === null ? null : (JSON.parse(row.data) as Record<string, unknown>),
    at: row.at,
    cursor: { tx: Number(row.tx), seq: Number(row.seq) },
  };
}
