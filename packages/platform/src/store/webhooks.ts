import { randomBytes, randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { SealedBox } from '../security/sealed-box.js';
import type { Db, WebhookDeliveriesTable, WebhookSettingsTable } from './schema.js';

/** A client's webhook settings as the operator and the TPP see them (no secret). */
export interface WebhookSettings {
  clientId: string;
  /** Host names its endpoints (its own, and per resource) may be on. */
  allowedHosts: string[];
  url: string | null;
  scaEvents: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookSettingsInput {
  allowedHosts: string[];
  url: string | null;
  scaEvents: boolean;
}

/**
 * Per client: the hosts its endpoints may be on, its endpoint, and its signing secret, sealed
 * at rest. The secret is answered once, when made or rotated; after a rotation the previous
 * one keeps signing beside it until `previousUntil`, so the TPP can switch without a gap.
 */
export class WebhookSettingsRepository {
  constructor(
    private readonly db: Db,
    private readonly box: SealedBox,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async get(clientId: string): Promise<WebhookSettings | undefined> {
    const row = await this.db
      .selectFrom('webhook_settings')
      .selectAll()
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    return row && toSettings(row);
  }

  /**
   * Stores the settings; the first time, a signing secret is made and answered (`secret`),
   * later ones keep it. Validation is the caller's (events/endpoint-rules.ts).
   */
  async save(
    clientId: string,
    input: WebhookSettingsInput,
  ): Promise<{ settings: WebhookSettings; secret?: string }> {
    const at = this.now().toISOString();
    const values = {
      allowed_hosts: JSON.stringify(input.allowedHosts),
      url: input.url,
      sca_events: input.scaEvents ? 1 : 0,
      updated_at: at,
    };
    const secret = newSecret();
    const inserted = await this.db
      .insertInto('webhook_settings')
      .values({
        client_id: clientId,
        ...values,
        secret: this.box.seal(secret, secretAad(clientId)),
        previous_secret: null,
        previous_secret_until: null,
        created_at: at,
      })
      .onConflict((oc) => oc.column('client_id').doNothing())
      .returning(['client_id'])
      .executeTakeFirst();
    if (!inserted) {
      await this.db
        .updateTable('webhook_settings')
        .set(values)
        .where('client_id', '=', clientId)
        .execute();
    }
    const settings = (await this.get(clientId)) as WebhookSettings;
    return inserted ? { settings, secret } : { settings };
  }

  /** A new secret, answered once; the old one signs beside it for `overlapMs` (0: not at all). */
  async rotateSecret(clientId: string, overlapMs: number): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('webhook_settings')
      .select('secret')
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    if (!row) return undefined;
    const secret = newSecret();
    const now = this.now();
    await this.db
      .updateTable('webhook_settings')
      .set({
        secret: this.box.seal(secret, secretAad(clientId)),
        previous_secret: overlapMs > 0 ? row.secret : null,
        previous_secret_until:
          overlapMs > 0 ? new Date(now.getTime() + overlapMs).toISOString() : null,
        updated_at: now.toISOString(),
      })
      .where('client_id', '=', clientId)
      .execute();
    return secret;
  }

  /** The secrets that sign a delivery now: the current one first. */
  async signingSecrets(clientId: string): Promise<string[]> {
    const row = await this.db
      .selectFrom('webhook_settings')
      .select(['secret', 'previous_secret', 'previous_secret_until'])
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    if (!row) return [];
    const secrets = [this.box.open(row.secret, secretAad(clientId))];
    if (
      row.previous_secret &&
      row.previous_secret_until &&
      row.previous_secret_until > this.now().toISOString()
    ) {
      secrets.push(this.box.open(row.previous_secret, secretAad(clientId)));
    }
    return secrets;
  }

  /** Gives up the client's pending deliveries to `url` (its endpoint was removed). */
  async giveUpPending(clientId: string, url: string, reason: string): Promise<number> {
    const result = await this.db
      .updateTable('webhook_deliveries')
      .set({ state: 'failed', last_error: reason })
      .where('client_id', '=', clientId)
      .where('url', '=', url)
      .where('state', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Forgets the client's webhook settings and secret; its pending deliveries are dropped. */
  async remove(clientId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('webhook_settings')
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    await this.db
      .updateTable('webhook_deliveries')
      .set({ state: 'failed', last_error: 'webhook settings removed' })
      .where('client_id', '=', clientId)
      .where('state', '=', 'pending')
      .execute();
    return Number(result.numDeletedRows) > 0;
  }
}

export interface Delivery {
  id: string;
  eventId: string;
  clientId: string;
  url: string;
  attempts: number;
  createdAt: string;
  /** Proof of the claim: only its holder records the outcome. */
  claimToken: string;
}

export interface DeliveryRecord {
  id: string;
  eventId: string;
  url: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: string;
  lastStatusCode: number | null;
  lastError: string | null;
  lastLatencyMs: number | null;
  deliveredAt: string | null;
  createdAt: string;
}

/** What one attempt found. */
export interface AttemptOutcome {
  statusCode: number | null;
  error: string | null;
  latencyMs: number;
}

/**
 * Deliveries of events to endpoints, shared by every instance. A delivery is claimed with a
 * compare-and-set before it is sent, so one instance sends it; the claim expires, so a dead
 * instance's deliveries are taken over. Deliveries of one resource to one URL go one at a time,
 * in the order of their events: only the oldest pending one of each is due.
 */
export class DeliveriesRepository {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Claims up to `limit` due deliveries until `claimMs` from now. */
  async claim(limit: number, claimMs: number): Promise<Delivery[]> {
    const now = this.now();
    const at = now.toISOString();
    const candidates = await this.db
      .selectFrom('webhook_deliveries as d')
      .selectAll('d')
      .where('d.state', '=', 'pending')
      .where('d.next_attempt_at', '<=', at)
      .where((eb) =>
        eb.or([eb('d.claim_expires_at', 'is', null), eb('d.claim_expires_at', '<=', at)]),
      )
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('webhook_deliveries as p')
              .select('p.seq')
              .whereRef('p.ordering_key', '=', 'd.ordering_key')
              .whereRef('p.url', '=', 'd.url')
              .where('p.state', '=', 'pending')
              .whereRef('p.seq', '<', 'd.seq'),
          ),
        ),
      )
      .orderBy('d.seq')
      .limit(limit)
      .execute();
    const until = new Date(now.getTime() + claimMs).toISOString();
    const claimed: Delivery[] = [];
    for (const row of candidates) {
      const token = randomUUID();
      const result = await this.db
        .updateTable('webhook_deliveries')
        .set({ claim_token: token, claim_expires_at: until })
        .where('id', '=', row.id)
        .where('state', '=', 'pending')
        .where((eb) =>
          eb.or([eb('claim_expires_at', 'is', null), eb('claim_expires_at', '<=', at)]),
        )
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) continue;
      claimed.push({
        id: row.id,
        eventId: row.event_id,
        clientId: row.client_id,
        url: row.url,
        attempts: row.attempts,
        createdAt: row.created_at,
        claimToken: token,
      });
    }
    return claimed;
  }

  /** The endpoint took it. False: the claim had expired and was taken by another instance. */
  async delivered(delivery: Delivery, outcome: AttemptOutcome): Promise<boolean> {
    const at = this.now().toISOString();
    return this.settle(delivery, {
      ...attempted(delivery, outcome, at),
      state: 'delivered',
      delivered_at: at,
    });
  }

  /** The attempt failed: next at `nextAttemptAt`, or never (`undefined`: given up). */
  async failed(
    delivery: Delivery,
    outcome: AttemptOutcome,
    nextAttemptAt: Date | undefined,
  ): Promise<boolean> {
    const at = this.now().toISOString();
    return this.settle(delivery, {
      ...attempted(delivery, outcome, at),
      ...(nextAttemptAt
        ? { state: 'pending' as const, next_attempt_at: nextAttemptAt.toISOString() }
        : { state: 'failed' as const }),
    });
  }

  /** A client's most recent deliveries, newest first (the delivery log). */
  async listForClient(clientId: string, limit: number): Promise<DeliveryRecord[]> {
    const rows = await this.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('client_id', '=', clientId)
      .orderBy('seq', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toRecord);
  }

  /** The deliveries of one event (tests, the delivery log). */
  async ofEvent(eventId: string): Promise<DeliveryRecord[]> {
    const rows = await this.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('event_id', '=', eventId)
      .orderBy('seq')
      .execute();
    return rows.map(toRecord);
  }

  private async settle(
    delivery: Delivery,
    values: Partial<Selectable<WebhookDeliveriesTable>>,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('webhook_deliveries')
      .set({ ...values, claim_token: null, claim_expires_at: null })
      .where('id', '=', delivery.id)
      .where('claim_token', '=', delivery.claimToken)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}

function attempted(delivery: Delivery, outcome: AttemptOutcome, at: string) {
  return {
    attempts: delivery.attempts + 1,
    last_attempt_at: at,
    last_status_code: outcome.statusCode,
    last_error: outcome.error,
    last_latency_ms: Math.round(outcome.latencyMs),
  };
}

function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

// Bound to the client: a secret copied onto another client's row does not open there.
function secretAad(clientId: string): string {
  return `webhook:${clientId}:secret`;
}

function toSettings(row: Selectable<WebhookSettingsTable>): WebhookSettings {
  return {
    clientId: row.client_id,
    allowedHosts: JSON.parse(row.allowed_hosts) as string[],
    url: row.url,
    scaEvents: row.sca_events === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toRecord(row: Selectable<WebhookDeliveriesTable>): DeliveryRecord {
  return {
    id: row.id,
    eventId: row.event_id,
    url: row.url,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    lastLatencyMs: row.last_latency_ms,
    deliveredAt: row.delivered_at,
    createdAt: row.created_at,
  };
}
