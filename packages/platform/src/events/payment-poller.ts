/**
 * Asks the bank for the status of every open payment, on a schedule that backs off, so a
 * payment reaches its final status, and its webhooks fire, without the TPP polling: 10 s after
 * its last change, then 30 s, 1, 2, 5, 10 and 30 minutes, then hourly, until the status is
 * final or the payment is older than the cap. A status change starts the schedule again. Each
 * poll is what a TPP's read would do (payment-service.ts `poll`), claimed by one instance.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging/logger.js';
import type { PaymentService } from '../payments/payment-service.js';
import { isTerminalTransactionStatus, TRANSACTION_STATUSES } from '../payments/rules/index.js';
import type { PaymentPollsRepository } from '../store/payment-polls.js';

const SCHEDULE_MS = [10_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000, 3_600_000];
const FINAL_STATUSES = TRANSACTION_STATUSES.filter((status) => isTerminalTransactionStatus(status));
const BATCH = 50;

/** The wait before the poll after `polls` polls of an unchanged status. */
export function pollDelayMs(polls: number): number {
  return SCHEDULE_MS[Math.min(polls, SCHEDULE_MS.length - 1)] as number;
}

export interface PaymentPollerOptions {
  polls: PaymentPollsRepository;
  service: PaymentService;
  now: () => Date;
  logger: Logger;
  /** Payments older than this are no longer polled. */
  capMs: number;
  /** A poll's claim: longer than the bank calls of one read can take. */
  claimMs: number;
}

export class PaymentPoller {
  constructor(private readonly options: PaymentPollerOptions) {}

  /** Polls the payments due now; answers how many. Stopping, it claims no further payment. */
  async runOnce(stopping?: AbortSignal): Promise<number> {
    const { polls, service, now, logger, capMs, claimMs } = this.options;
    const createdAfter = new Date(now().getTime() - capMs).toISOString();
    const due = await polls.due(FINAL_STATUSES, createdAfter, pollDelayMs(0), BATCH);
    let made = 0;
    for (const poll of due) {
      if (stopping?.aborted) return made;
      if (!(await polls.claim(poll, claimMs))) continue;
      const ctx = {
        requestId: randomUUID(),
        logger: logger.child({ paymentId: poll.paymentId }),
      };
      let status = poll.status;
      try {
        status = (await service.poll(ctx, poll.paymentId))?.status ?? status;
      } catch (err) {
        ctx.logger.warn({ err }, 'could not poll the payment status');
      }
      const count = status === poll.status ? poll.polls + 1 : 0;
      await polls.polled(
        poll.paymentId,
        status,
        count,
        new Date(now().getTime() + pollDelayMs(count)),
      );
      made++;
    }
    await polls.prune(FINAL_STATUSES, createdAfter);
    return made;
  }
}
