/**
 * What the metrics endpoint reads from the database at each scrape: consents and payments by
 * status, and the webhook deliveries waiting. These are the database's numbers, the same on
 * every instance (alert on their max, not their sum).
 */
import { sql } from 'kysely';
import type { Db } from './schema.js';

export interface WebhookBacklog {
  /** Deliveries not yet delivered nor given up. */
  pending: number;
  /** Of those, the ones due now or earlier (a retry waiting for its time is not late). */
  due: number;
  /** Seconds since the oldest pending delivery was created; 0 when none. */
  oldestAgeSeconds: number;
}

export class OperationalCounts {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async consentsByStatus(): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('consents')
      .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
      .groupBy('status')
      .execute();
    return new Map(rows.map((row) => [row.status, Number(row.n)]));
  }

  async paymentsByStatus(): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('payments')
      .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
      .groupBy('status')
      .execute();
    return new Map(rows.map((row) => [row.status, Number(row.n)]));
  }

  async webhookBacklog(): Promise<WebhookBacklog> {
    const at = this.now();
    const row = await this.db
      .selectFrom('webhook_deliveries')
      .select([
        (eb) => eb.fn.countAll<number | string>().as('pending'),
        sql<
          number | string
        >`sum(case when next_attempt_at <= ${at.toISOString()} then 1 else 0 end)`.as('due'),
        (eb) => eb.fn.min('created_at').as('oldest'),
      ])
      .where('state', '=', 'pending')
      .executeTakeFirst();
    const oldest = row?.oldest ? Date.parse(String(row.oldest)) : undefined;
    return {
      pending: Number(row?.pending ?? 0),
      due: Number(row?.due ?? 0),
      oldestAgeSeconds: oldest ? Math.max(0, (at.getTime() - oldest) / 1000) : 0,
    };
  }
}
