import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { appendStatusEvent } from './events.js';
import {
  type Alongside,
  type Cause,
  type Conflict,
  carrying,
  createCarrying,
  type JointWrite,
  runAloneWritten,
} from './joint-write.js';
import { type ResourceNotification, subscribe } from './resource-notifications.js';
import type { Database, Db, PaymentEventsTable, PaymentsTable } from './schema.js';

export { CONFLICT, type Conflict, type JointWrite } from './joint-write.js';

/** Who moved a payment's status: a TPP's request, the bank's report, or time (expiry). */
export type PaymentSource = 'tpp' | 'bank' | 'platform';

export interface PaymentCause extends Cause {
  source: PaymentSource;
}

export interface PaymentRecord {
  id: string;
  clientId: string;
  bic: string;
  service: string;
  product: string;
  productKind: 'global' | 'bank';
  psuContext: 'private' | 'corporate';
  psuId: string | null;
  psuCorporateId: string | null;
  /**
   * PSU-IP-Address and PSU-User-Agent of the request that created the payment: sent to a bank
   * that insists on them for calls the TPP makes without them, or nobody makes (the poller).
   */
  psuIpAddress: string | null;
  psuUserAgent: string | null;
  /** As the TPP posted it. */
  body: Record<string, unknown>;
  /** As sent to the bank. */
  bankBody: Record<string, unknown>;
  endToEndId: string | null;
  executionDate: string | null;
  bankPaymentId: string;
  status: string;
  fundsAvailable: boolean | null;
  statusReasonCode: string | null;
  statusReason: string | null;
  scaApproach: string | null;
  cancellationRequestedAt: string | null;
  version: number;
  createdAt: string;
  statusChangedAt: string;
}

export type NewPayment = NewPaymentFields & {
  /** Where this payment's events go besides the client's endpoint (TPP-Notification-URI). */
  notification?: ResourceNotification;
};

type NewPaymentFields = Omit<
  PaymentRecord,
  | 'id'
  | 'version'
  | 'createdAt'
  | 'statusChangedAt'
  | 'fundsAvailable'
  | 'statusReasonCode'
  | 'statusReason'
  | 'cancellationRequestedAt'
>;

/** Fields besides the status that later steps fill in. */
export interface PaymentChanges {
  fundsAvailable?: boolean | null;
  statusReasonCode?: string | null;
  statusReason?: string | null;
  scaApproach?: string;
  cancellationRequestedAt?: string | null;
}

export interface PaymentChange {
  read: PaymentRecord;
  status: string;
  changes?: PaymentChanges;
}

export interface PaymentEvent {
  fromStatus: string | null;
  toStatus: string;
  reason: string;
  source: PaymentSource;
  requestId: string | null;
  at: string;
}

/**
 * Payments and the history of their statuses. Every change names the version it read, so two
 * instances acting on one payment cannot both win (an SCA redeemed twice, a cancellation
 * racing an execution); every status change is written together with its event. The body is
 * never changed after creation.
 */
export class PaymentsRepository {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Stores a new payment, or answers the one that already holds its bank payment (a create
   * retried after the bank's answer or the store's write was lost: the bank answered the same
   * payment again). Another client's row for that bank payment is never answered.
   * `alongside`, when given, lands with a new payment or not at all (not with one answered
   * again).
   */
  async create(
    input: NewPayment,
    cause: PaymentCause,
    alongside?: Alongside<PaymentRecord>,
  ): Promise<PaymentRecord> {
    const at = this.now().toISOString();
    const row: PaymentsTable = {
      id: randomUUID(),
      client_id: input.clientId,
      bic: input.bic,
      service: input.service,
      product: input.product,
      product_kind: input.productKind,
      psu_context: input.psuContext,
      psu_id: input.psuId,
      psu_corporate_id: input.psuCorporateId,
      psu_ip_address: input.psuIpAddress,
      psu_user_agent: input.psuUserAgent,
      body: JSON.stringify(input.body),
      bank_body: JSON.stringify(input.bankBody),
      end_to_end_id: input.endToEndId,
      execution_date: input.executionDate,
      bank_payment_id: input.bankPaymentId,
      status: input.status,
      funds_available: null,
      status_reason_code: null,
      status_reason: null,
      sca_approach: input.scaApproach,
      cancellation_requested_at: null,
      version: 1,
      created_at: at,
      status_changed_at: at,
    };
    const created = toPayment(row);
    try {
      await createCarrying(this.db, created, alongside, async (trx) => {
        await trx.insertInto('payments').values(row).execute();
        if (input.notification) {
          await subscribe(
            trx,
            { kind: 'payment', id: row.id },
            row.client_id,
            input.notification,
            at,
          );
        }
        await this.recordEvent(trx, row, null, row.status, cause, at);
      });
      return created;
    } catch (error) {
      const existing = await this.db
        .selectFrom('payments')
        .selectAll()
        .where('bic', '=', input.bic)
        .where('bank_payment_id', '=', input.bankPaymentId)
        .executeTakeFirst();
      if (existing && existing.client_id === input.clientId) return toPayment(existing);
      throw error;
    }
  }

  /** The payment if it exists and belongs to the client; another client's is not found. */
  async findOwned(clientId: string, id: string): Promise<PaymentRecord | undefined> {
    const row = await this.db
      .selectFrom('payments')
      .selectAll()
      .where('id', '=', id)
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    return row && toPayment(row);
  }

  async get(id: string): Promise<PaymentRecord | undefined> {
    const row = await this.db
      .selectFrom('payments')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toPayment(row);
  }

  /** A client's most recent payments, newest first. */
  async listForClient(clientId: string, limit: number): Promise<PaymentRecord[]> {
    const rows = await this.db
      .selectFrom('payments')
      .selectAll()
      .where('client_id', '=', clientId)
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toPayment);
  }

  /**
   * Moves the payment to `status` (and applies `changes`) if nobody changed it since `read`,
   * with the write of another repository `alongside` (the answer a replay repeats) when given.
   */
  async changeStatus(
    read: PaymentRecord,
    status: string,
    cause: PaymentCause,
    changes: PaymentChanges = {},
    alongside?: JointWrite,
  ): Promise<PaymentRecord | Conflict> {
    return runAloneWritten(this.db, (onWritten) =>
      carrying(this.write({ read, status, changes }, cause, onWritten), alongside),
    );
  }

  /**
   * The payment's change as a write another repository's transaction carries along (an SCA
   * finalised and its payment authorised move together). `onWritten` gets the payment as
   * written.
   */
  write(
    change: PaymentChange,
    cause: PaymentCause,
    onWritten: (payment: PaymentRecord) => void = () => {},
  ): JointWrite {
    return {
      run: async (trx) => {
        const at = this.now().toISOString();
        const { read, status, changes = {} } = change;
        const statusChangedAt = status === read.status ? read.statusChangedAt : at;
        const values: Partial<PaymentsTable> = {
          status,
          status_changed_at: statusChangedAt,
          ...columnsOf(changes),
          version: read.version + 1,
        };
        const result = await trx
          .updateTable('payments')
          .set(values)
          .where('id', '=', read.id)
          .where('version', '=', read.version)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) return false;
        if (status !== read.status) {
          await this.recordEvent(
            trx,
            { id: read.id, client_id: read.clientId },
            read.status,
            status,
            cause,
            at,
          );
        }
        // The compare-and-set held: the row is the one read with these values, not read back.
        onWritten(changedPayment(read, status, statusChangedAt, changes));
        return true;
      },
    };
  }

  async events(paymentId: string): Promise<PaymentEvent[]> {
    const rows = await this.db
      .selectFrom('payment_events')
      .selectAll()
      .where('payment_id', '=', paymentId)
      .orderBy('at')
      .execute();
    return rows.map(toEvent);
  }

  /**
   * The change in the payment's history and, unless it is the creation, in the events outbox:
   * both in the transaction of the change.
   */
  private async recordEvent(
    trx: Transaction<Database>,
    payment: { id: string; client_id: string },
    from: string | null,
    to: string,
    cause: PaymentCause,
    at: string,
  ): Promise<void> {
    await appendStatusEvent(
      trx,
      { kind: 'payment', id: payment.id, clientId: payment.client_id },
      from,
      to,
      at,
    );
    await trx
      .insertInto('payment_events')
      .values({
        id: randomUUID(),
        payment_id: payment.id,
        from_status: from,
        to_status: to,
        reason: cause.reason,
        source: cause.source,
        request_id: cause.requestId ?? null,
        at,
      })
      .execute();
  }
}

function columnsOf(changes: PaymentChanges): Partial<PaymentsTable> {
  const values: Partial<PaymentsTable> = {};
  if (changes.fundsAvailable !== undefined) {
    values.funds_available =
      changes.fundsAvailable === null ? null : changes.fundsAvailable ? 1 : 0;
  }
  if (changes.statusReasonCode !== undefined) values.status_reason_code = changes.statusReasonCode;
  if (changes.statusReason !== undefined) values.status_reason = changes.statusReason;
  if (changes.scaApproach !== undefined) values.sca_approach = changes.scaApproach;
  if (changes.cancellationRequestedAt !== undefined) {
    values.cancellation_requested_at = changes.cancellationRequestedAt;
  }
  return values;
}

/** `read` as `write` left it (the columns of `columnsOf`): what a read of the row now answers. */
function changedPayment(
  read: PaymentRecord,
  status: string,
  statusChangedAt: string,
  changes: PaymentChanges,
): PaymentRecord {
  const next: PaymentRecord = { ...read, status, statusChangedAt, version: read.version + 1 };
  if (changes.fundsAvailable !== undefined) next.fundsAvailable = changes.fundsAvailable;
  if (changes.statusReasonCode !== undefined) next.statusReasonCode = changes.statusReasonCode;
  if (changes.statusReason !== undefined) next.statusReason = changes.statusReason;
  if (changes.scaApproach !== undefined) next.scaApproach = changes.scaApproach;
  if (changes.cancellationRequestedAt !== undefined) {
    next.cancellationRequestedAt = changes.cancellationRequestedAt;
  }
  return next;
}

function toPayment(row: PaymentsTable): PaymentRecord {
  return {
    id: row.id,
    clientId: row.client_id,
    bic: row.bic,
    service: row.service,
    product: row.product,
    productKind: row.product_kind === 'bank' ? 'bank' : 'global',
    psuContext: row.psu_context === 'corporate' ? 'corporate' : 'private',
    psuId: row.psu_id,
    psuCorporateId: row.psu_corporate_id,
    psuIpAddress: row.psu_ip_address,
    psuUserAgent: row.psu_user_agent,
    body: JSON.parse(row.body),
    bankBody: JSON.parse(row.bank_body),
    endToEndId: row.end_to_end_id,
    executionDate: row.execution_date,
    bankPaymentId: row.bank_payment_id,
    status: row.status,
    fundsAvailable: row.funds_available === null ? null : Boolean(row.funds_available),
    statusReasonCode: row.status_reason_code,
    statusReason: row.status_reason,
    scaApproach: row.sca_approach,
    cancellationRequestedAt: row.cancellation_requested_at,
    version: row.version,
    createdAt: row.created_at,
    statusChangedAt: row.status_changed_at,
  };
}

function toEvent(row: PaymentEventsTable): PaymentEvent {
  return {
    fromStatus: row.from_status,
    toStatus: row.to_status,
    reason: row.reason,
    source: row.source === 'bank' ? 'bank' : row.source === 'platform' ? 'platform' : 'tpp',
    requestId: row.request_id,
    at: row.at,
  };
}
