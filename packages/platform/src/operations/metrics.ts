/**
 * Bankbridge's Prometheus metrics: what the platform counts as it works (requests, bank calls,
 * tokens, refusals, webhook attempts) and what is read at each scrape (breakers, consents and
 * payments by status, the webhook backlog, the database pool). Labels take values from small
 * fixed sets (route patterns, BICs of the registry, statuses), never an id or a raw URL.
 */
import {
  Counter,
  collectDefaultMetrics,
  Gauge,
  Histogram,
  type LabelValues,
  Registry,
} from 'prom-client';
import type { BankCallAttempt } from '../connectors/bank-http.js';
import type { RequestSample } from '../http/create-server.js';
import type { Logger } from '../logging/logger.js';
import type { PoolUse } from '../store/open-store.js';
import type { OperationalCounts } from '../store/operational-counts.js';

export interface MetricsSources {
  /** The registry's banks, by BIC. */
  banks(): string[];
  breakerState(bic: string): 'available' | 'unavailable' | 'recovering';
  counts: OperationalCounts;
  /** Every status there is, so a status without rows reads 0 rather than going missing. */
  consentStatuses: readonly string[];
  paymentStatuses: readonly string[];
  pool?: (() => PoolUse) | undefined;
  logger: Logger;
}

export type RateLimitKind = 'client' | 'page_source' | 'page_client';
export type WebhookOutcome = 'delivered' | 'retrying' | 'given_up' | 'interrupted';

const BREAKER_STATES = ['available', 'unavailable', 'recovering'] as const;
// Bank calls and API requests take from a few milliseconds to the bank deadline (10 s).
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export class Metrics {
  readonly registry = new Registry();
  private readonly httpDuration: Histogram<'server' | 'method' | 'route' | 'status'>;
  private readonly bankDuration: Histogram<'bank' | 'method' | 'outcome'>;
  private readonly tokens: Counter<'server' | 'grant_type'>;
  private readonly rateLimitRefusals: Counter<'limit'>;
  private readonly frequencyRefusals: Counter;
  private readonly webhookAttempts: Counter<'outcome'>;

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    // Gauges named like counters, which Prometheus' naming rules (promtool) refuse; the same
    // numbers are in nodejs_active_resources.
    for (const name of [
      'nodejs_active_handles_total',
      'nodejs_active_requests_total',
      'nodejs_active_resources_total',
    ]) {
      this.registry.removeSingleMetric(name);
    }
    this.httpDuration = new Histogram({
      name: 'bankbridge_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by server, method, route pattern and status code.',
      labelNames: ['server', 'method', 'route', 'status'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.bankDuration = new Histogram({
      name: 'bankbridge_bank_request_duration_seconds',
      help: 'Time of one attempt at a bank call, by bank (BIC), method and outcome (status class, or error when no answer came).',
      labelNames: ['bank', 'method', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.tokens = new Counter({
      name: 'bankbridge_tokens_issued_total',
      help: 'Access tokens issued, by authorization server (connect, aisp) and grant type.',
      labelNames: ['server', 'grant_type'],
      registers,
    });
    this.rateLimitRefusals = new Counter({
      name: 'bankbridge_rate_limit_refusals_total',
      help: "Requests refused by a rate limit: a client's API limit, or the hosted pages' limits per source and per client.",
      labelNames: ['limit'],
      registers,
    });
    this.frequencyRefusals = new Counter({
      name: 'bankbridge_frequency_budget_refusals_total',
      help: "Unattended account reads refused because the consent's frequencyPerDay was spent.",
      registers,
    });
    this.webhookAttempts = new Counter({
      name: 'bankbridge_webhook_deliveries_total',
      help: 'Webhook delivery attempts by outcome: delivered, retrying (failed, tried again later), given_up, interrupted.',
      labelNames: ['outcome'],
      registers,
    });
    const breaker = new Gauge({
      name: 'bankbridge_bank_breaker_state',
      help: "Each bank's circuit breaker on this instance: 1 for its current state (available, unavailable: open, recovering), 0 for the others.",
      labelNames: ['bank', 'state'],
      registers,
      collect() {
        for (const bank of sources.banks()) {
          const current = sources.breakerState(bank);
          for (const state of BREAKER_STATES)
            breaker.set({ bank, state }, state === current ? 1 : 0);
        }
      },
    });
    this.databaseGauges(sources, registers);
    if (sources.pool) this.poolGauges(sources.pool, registers);
  }

  readonly observeRequest = (sample: RequestSample): void => {
    this.httpDuration.observe(
      {
        server: sample.server,
        method: sample.method,
        route: sample.route,
        status: String(sample.status),
      },
      sample.seconds,
    );
  };

  readonly observeBankCall = (call: BankCallAttempt): void => {
    const outcome = call.status === undefined ? 'error' : `${Math.floor(call.status / 100)}xx`;
    this.bankDuration.observe({ bank: call.bic, method: call.method, outcome }, call.ms / 1000);
  };

  tokenIssued(server: 'connect' | 'aisp', grantType: string): void {
    this.tokens.inc({ server, grant_type: GRANT_TYPES.has(grantType) ? grantType : 'other' });
  }

  rateLimitRefused(limit: RateLimitKind): void {
    this.rateLimitRefusals.inc({ limit });
  }

  frequencyBudgetRefused(): void {
    this.frequencyRefusals.inc();
  }

  webhookAttempted(outcome: WebhookOutcome): void {
    this.webhookAttempts.inc({ outcome });
  }

  /** The exposition text, as `/metrics` answers it. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private databaseGauges(sources: MetricsSources, registers: Registry[]): void {
    const { counts, logger } = sources;
    // A scrape while the database is down still answers: these gauges are then left out.
    const read = async <T>(what: string, gauge: Gauge<string>, query: () => Promise<T>) => {
      gauge.reset();
      try {
        return await query();
      } catch (err) {
        logger.warn({ err, metric: what }, 'metrics: could not read the database');
        return undefined;
      }
    };
    const byStatus = (
      name: string,
      help: string,
      statuses: readonly string[],
      query: () => Promise<Map<string, number>>,
    ) => {
      const gauge: Gauge<'status'> = new Gauge({
        name,
        help,
        labelNames: ['status'],
        registers,
        async collect() {
          const rows = await read(name, gauge, query);
          if (!rows) return;
          for (const status of statuses) gauge.set({ status }, rows.get(status) ?? 0);
        },
      });
    };
    byStatus(
      'bankbridge_consents',
      'Consents in the database by status.',
      sources.consentStatuses,
      () => counts.consentsByStatus(),
    );
    byStatus(
      'bankbridge_payments',
      'Payments in the database by transaction status.',
      sources.paymentStatuses,
      () => counts.paymentsByStatus(),
    );
    const backlog: Gauge<'state'> = new Gauge({
      name: 'bankbridge_webhook_backlog',
      help: 'Webhook deliveries not yet delivered nor given up: all pending, and those due now.',
      labelNames: ['state'],
      registers,
      async collect() {
        const value = await read('bankbridge_webhook_backlog', backlog, () =>
          counts.webhookBacklog(),
        );
        if (!value) return;
        backlog.set({ state: 'pending' }, value.pending);
        backlog.set({ state: 'due' }, value.due);
        oldest.set(value.oldestAgeSeconds);
      },
    });
    const oldest = new Gauge({
      name: 'bankbridge_webhook_oldest_pending_age_seconds',
      help: 'Age of the oldest webhook delivery still pending (0 when none).',
      registers,
    });
  }

  private poolGauges(pool: () => PoolUse, registers: Registry[]): void {
    const connections: Gauge<'state'> = new Gauge({
      name: 'bankbridge_db_pool_connections',
      help: "Database connections of this instance's pool, by state (busy, idle).",
      labelNames: ['state'],
      registers,
      collect() {
        const use = pool();
        connections.set({ state: 'busy' } as LabelValues<'state'>, use.total - use.idle);
        connections.set({ state: 'idle' }, use.idle);
        waiting.set(use.waiting);
        max.set(use.max);
      },
    });
    const waiting = new Gauge({
      name: 'bankbridge_db_pool_waiting_requests',
      help: 'Queries waiting for a free database connection.',
      registers,
    });
    const max = new Gauge({
      name: 'bankbridge_db_pool_max_connections',
      help: "The most connections this instance's pool opens (BANKBRIDGE_DB_POOL_SIZE).",
      registers,
    });
  }
}

const GRANT_TYPES = new Set([
  'client_credentials',
  'authorization_code',
  'refresh_token',
  'urn:ietf:params:oauth:grant-type:device_code',
]);
