import type { Db } from './schema.js';

export interface DuePoll {
  paymentId: string;
  status: string;
  /** Polls made since the status last changed. */
  polls: number;
}

/**
 * The payment status poller's schedule, shared by every instance: a payment's next poll is
 * claimed with a compare-and-set, so one instance asks the bank, and the claim expires if that
 * instance dies.
 */
export class PaymentPollsRepository {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Open payments (not in `finalStatuses`) created after `createdAfter` whose next poll is
   * due: for one never polled, `firstDelayMs` after its last status change.
   */
  async due(
    finalStatuses: readonly string[],
    createdAfter: string,
    firstDelayMs: number,
    limit: number,
  ): Promise<DuePoll[]> {
    const now = this.now();
    const at = now.toISOString();
    const firstBefore = new Date(now.getTime() - firstDelayMs).toISOString();
    const rows = await this.db
      .selectFrom('payments as pay')
      .leftJoin('payment_status_polls as poll', 'poll.payment_id', 'pay.id')
      .select(['pay.id', 'pay.status', 'poll.polls', 'poll.status as polled_status'])
      .where('pay.status', 'not in', [...finalStatuses])
      .where('pay.created_at', '>', createdAfter)
      .where((eb) =>
        eb.or([
          eb.and([eb('poll.next_at', 'is', null), eb('pay.status_changed_at', '<=', firstBefore)]),
          eb('poll.next_at', '<=', at),
        ]),
      )
      .where((eb) =>
        eb.or([eb('poll.claim_expires_at', 'is', null), eb('poll.claim_expires_at', '<=', at)]),
      )
      .orderBy('pay.created_at')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      paymentId: row.id,
      status: row.status,
      // A status changed since the last poll starts the schedule again.
      polls: row.polled_status === row.status ? (row.polls ?? 0) : 0,
    }));
  }

  /** Claims the payment's poll until `claimMs` from now; false if another instance has it. */
  async claim(poll: DuePoll, claimMs: number): Promise<boolean> {
    const now = this.now();
    const at = now.toISOString();
    await this.db
      .insertInto('payment_status_polls')
      .values({
        payment_id: poll.paymentId,
        polls: 0,
        status: poll.status,
        next_at: at,
        claim_expires_at: null,
      })
      .onConflict((oc) => oc.column('payment_id').doNothing())
      .execute();
    const result = await this.db
      .updateTable('payment_status_polls')
      .set({ claim_expires_at: new Date(now.getTime() + claimMs).toISOString() })
      .where('payment_id', '=', poll.paymentId)
      .where((eb) => eb.or([eb('claim_expires_at', 'is', null), eb('claim_expires_at', '<=', at)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Records a poll made, with the status it left and when to ask next; releases the claim. */
  async polled(paymentId: string, status: string, polls: number, nextAt: Date): Promise<void> {
    await this.db
      .updateTable('payment_status_polls')
      .set({ status, polls, next_at: nextAt.toISOString(), claim_expires_at: null })
      .where('payment_id', '=', paymentId)
      .execute();
  }

  /** Forgets the schedules of payments that are final or past the cap. */
  async prune(finalStatuses: readonly string[], createdBefore: string): Promise<void> {
    await this.db
      .deleteFrom('payment_status_polls')
      .where(({ exists, not, selectFrom }) =>
        not(
          exists(
            selectFrom('payments')
              .select('payments.id')
              .whereRef('payments.id', '=', 'payment_status_polls.payment_id')
              .where((inner) =>
                inner.and([
                  inner('payments.status', 'not in', [...finalStatuses]),
                  inner('payments.created_at', '>', createdBefore),
                ]),
              ),
          ),
        ),
      )
      .execute();
  }
}
