/**
 * Events and webhooks, wired: the outbox's readers (feed, deliveries), the webhook settings,
 * and the background work (deliveries, the consent expiry sweep, the payment status poller)
 * that `start` begins and `stop` ends. The store writes events itself, in the transaction of
 * each change (store/events.ts); this module only reads and sends them.
 */
import type { EventSettings } from '../config.js';
import type { ConsentService } from '../consents/consent-service.js';
import type { Logger } from '../logging/logger.js';
import type { PaymentService } from '../payments/payment-service.js';
import type { AspspEntry } from '../registry/types.js';
import type { SealedBox } from '../security/sealed-box.js';
import type { ConsentsRepository } from '../store/consents.js';
import { EventsRepository } from '../store/events.js';
import { PaymentPollsRepository } from '../store/payment-polls.js';
import type { Db } from '../store/schema.js';
import { DeliveriesRepository, WebhookSettingsRepository } from '../store/webhooks.js';
import { type Resolver, systemResolver } from './address-guard.js';
import { BackgroundJobs } from './background-jobs.js';
import { ConsentExpiry } from './consent-expiry.js';
import type { EndpointPolicy } from './endpoint-rules.js';
import { PaymentPoller } from './payment-poller.js';
import { WebhookSender } from './sender.js';
import { WebhookWorker, type WebhookWorkerOptions } from './webhook-worker.js';

export { AddressRefused, type Resolver } from './address-guard.js';

export { notificationContent } from './endpoint-rules.js';
export { WEBHOOK_SECRETS_KEY, WebhookSettingsService } from './webhook-settings.js';

export interface EventsOptions {
  db: Db;
  /** Seals the webhook signing secrets. */
  secretsBox: SealedBox;
  settings: EventSettings;
  consents: ConsentService;
  consentsRepository: ConsentsRepository;
  payments: PaymentService;
  bank: (bic: string) => AspspEntry | undefined;
  now: () => Date;
  logger: Logger;
  consentAuthorisationTimeoutSeconds: number;
  /** A payment poll's claim: longer than one read's bank calls. */
  pollClaimMs: number;
  /** DNS for webhook hosts (tests inject one). */
  resolve?: Resolver;
  /** Told how each webhook delivery attempt ended (metrics). */
  onWebhookAttempt?: WebhookWorkerOptions['onAttempt'];
}

export interface Events {
  feed: EventsRepository;
  webhookSettings: WebhookSettingsRepository;
  deliveries: DeliveriesRepository;
  policy: EndpointPolicy;
  worker: WebhookWorker;
  expiry: ConsentExpiry;
  poller: PaymentPoller;
  start(): void;
  stop(): Promise<void>;
}

export function createEvents(options: EventsOptions): Events {
  const { db, settings, now, logger } = options;
  const feed = new EventsRepository(db);
  const webhookSettings = new WebhookSettingsRepository(db, options.secretsBox, now);
  const deliveries = new DeliveriesRepository(db, now);
  const policy: EndpointPolicy = { allowLoopback: settings.webhookLoopback };
  const sender = new WebhookSender({
    allowLoopback: settings.webhookLoopback,
    resolve: options.resolve ?? systemResolver,
    timeoutMs: settings.webhookTimeoutMs,
  });
  const worker = new WebhookWorker({
    events: feed,
    deliveries,
    settings: webhookSettings,
    sender,
    policy,
    now,
    logger: logger.child({ job: 'webhooks' }),
    timeoutMs: settings.webhookTimeoutMs,
    ...(options.onWebhookAttempt ? { onAttempt: options.onWebhookAttempt } : {}),
  });
  const expiry = new ConsentExpiry({
    events: feed,
    consents: options.consentsRepository,
    service: options.consents,
    bank: options.bank,
    now,
    logger: logger.child({ job: 'consent-expiry' }),
    noticeMs: settings.consentExpiryNoticeHours * 3_600_000,
    authorisationTimeoutSeconds: options.consentAuthorisationTimeoutSeconds,
  });
  const poller = new PaymentPoller({
    polls: new PaymentPollsRepository(db, now),
    service: options.payments,
    now,
    logger: logger.child({ job: 'payment-status-poller' }),
    capMs: settings.paymentStatusPollHours * 3_600_000,
    claimMs: options.pollClaimMs,
  });
  const jobs = new BackgroundJobs(
    [
      { name: 'webhooks', intervalMs: 1_000, run: (stopping) => worker.runOnce(stopping) },
      {
        name: 'consent-expiry',
        intervalMs: settings.consentSweepSeconds * 1000,
        run: (stopping) => expiry.runOnce(stopping),
      },
      ...(settings.paymentStatusPollHours > 0
        ? [
            {
              name: 'payment-status-poller',
              intervalMs: 5_000,
              run: (stopping: AbortSignal) => poller.runOnce(stopping),
            },
          ]
        : []),
      {
        name: 'event-retention',
        intervalMs: 3_600_000,
        run: () =>
          feed.prune(new Date(now().getTime() - settings.retentionDays * 86_400_000).toISOString()),
      },
    ],
    logger,
  );
  return {
    feed,
    webhookSettings,
    deliveries,
    policy,
    worker,
    expiry,
    poller,
    start: () => jobs.start(),
    async stop() {
      await jobs.stop();
      sender.close();
    },
  };
}
