/**
 * Sends the outbox's deliveries: claims the due ones (one instance per delivery, through the
 * database), signs each event, posts it, and records the outcome or the next attempt. At least
 * once: a delivery is settled only after its endpoint answered 2xx, so an instance that dies
 * in between leaves it claimed until the claim expires, and another instance sends it again
 * (receivers drop the repeat by event id). The claim outlasts an attempt's deadline, so under
 * normal operation no delivery is sent twice.
 */
import { crashPoint } from '../failpoints.js';
import type { Logger } from '../logging/logger.js';
import type { EventsRepository } from '../store/events.js';
import type {
  DeliveriesRepository,
  Delivery,
  WebhookSettingsRepository,
} from '../store/webhooks.js';
import { checkEndpointUrl, type EndpointPolicy } from './endpoint-rules.js';
import { eventPayload } from './payload.js';
import { nextAttemptAt } from './retry-schedule.js';
import type { Attempt, WebhookSender } from './sender.js';
import { SIGNATURE_HEADER, signatureHeader } from './signature.js';

export interface WebhookWorkerOptions {
  events: EventsRepository;
  deliveries: DeliveriesRepository;
  settings: WebhookSettingsRepository;
  sender: WebhookSender;
  policy: EndpointPolicy;
  now: () => Date;
  logger: Logger;
  /** One attempt's deadline: a claim lasts well beyond it. */
  timeoutMs: number;
  /** Deliveries claimed at once, and sent side by side (each of another resource). */
  batchSize?: number;
  /** Told how each attempt ended (metrics). */
  onAttempt?: (outcome: 'delivered' | 'retrying' | 'given_up' | 'interrupted') => void;
}

export class WebhookWorker {
  constructor(private readonly options: WebhookWorkerOptions) {}

  /** How long a claim holds: two deadlines and a margin, so a live instance never loses one. */
  get claimMs(): number {
    return this.options.timeoutMs * 2 + 5_000;
  }

  /**
   * Sends what is due, batch after batch, until nothing is: a delivery that succeeds makes the
   * next one of its resource due at once. Answers how many attempts were made. Once `stopping`
   * is aborted it finishes the batch it holds and claims no other.
   */
  async runOnce(stopping?: AbortSignal): Promise<number> {
    let attempts = 0;
    for (let round = 0; round < 50 && !stopping?.aborted; round++) {
      const claimed = await this.options.deliveries.claim(
        this.options.batchSize ?? 16,
        this.claimMs,
      );
      if (claimed.length === 0) break;
      crashPoint('webhook-claimed');
      await Promise.all(claimed.map((delivery) => this.attempt(delivery)));
      attempts += claimed.length;
    }
    return attempts;
  }

  private async attempt(delivery: Delivery): Promise<void> {
    const { logger } = this.options;
    const line = { deliveryId: delivery.id, eventId: delivery.eventId, url: delivery.url };
    try {
      const outcome = await this.send(delivery);
      crashPoint('webhook-sent');
      if (outcome.ok) {
        await this.options.deliveries.delivered(delivery, outcome);
        this.options.onAttempt?.('delivered');
        logger.info({ ...line, status: outcome.statusCode }, 'webhook delivered');
        return;
      }
      const next = outcome.final
        ? undefined
        : nextAttemptAt(delivery.attempts + 1, delivery.createdAt, this.options.now());
      await this.options.deliveries.failed(delivery, outcome, next);
      this.options.onAttempt?.(next ? 'retrying' : 'given_up');
      logger.warn(
        { ...line, status: outcome.statusCode, error: outcome.error, retryAt: next?.toISOString() },
        next ? 'webhook not delivered: retrying later' : 'webhook not delivered: given up',
      );
    } catch (err) {
      // The claim expires and the delivery is tried again; the database may be back by then.
      this.options.onAttempt?.('interrupted');
      logger.warn({ ...line, err }, 'webhook delivery interrupted');
    }
  }

  /** One attempt; `final` when trying again cannot help (the event or settings are gone). */
  private async send(delivery: Delivery): Promise<Attempt & { final?: boolean }> {
    const refused = (error: string, final = false) => ({
      ok: false,
      statusCode: null,
      error,
      latencyMs: 0,
      final,
    });
    const event = await this.options.events.get(delivery.eventId);
    if (!event) return refused('the event is no longer kept', true);
    const settings = await this.options.settings.get(delivery.clientId);
    if (!settings) return refused('the client has no webhook settings', true);
    // The operator may have taken the host off the list since the event was written.
    const allowed = checkEndpointUrl(delivery.url, settings.allowedHosts, this.options.policy);
    if (!allowed.ok) return refused(allowed.reason);
    const secrets = await this.options.settings.signingSecrets(delivery.clientId);
    const body = JSON.stringify(eventPayload(event));
    const timestamp = Math.floor(this.options.now().getTime() / 1000);
    return this.options.sender.send(delivery.url, body, {
      'user-agent': 'Bankbridge-Webhooks/1',
      'bankbridge-event-id': event.id,
      'bankbridge-event-type': event.type,
      [SIGNATURE_HEADER.toLowerCase()]: signatureHeader(secrets, timestamp, body),
    });
  }
}
