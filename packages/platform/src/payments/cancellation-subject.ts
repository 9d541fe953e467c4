import type { BankConnector, BankPaymentStatus } from '../connectors/index.js';
import type { CallContext } from '../logging/logger.js';
import type { BankVerdict, ScaFacts, ScaGrant, ScaSubject } from '../sca/index.js';
import type { JointWrite } from '../store/joint-write.js';
import type { PaymentRecord, PaymentsRepository } from '../store/payments.js';
import { type PaymentSubject, statusOf } from './payment-subject.js';
import {
  isTerminalTransactionStatus,
  readBankTransactionStatus,
  transitionPayment,
} from './rules/index.js';

/**
 * The cancellation of an authorised payment as the SCA engine sees it (kind
 * `paymentCancellation`, the payment's own id): it awaits SCA once the bank asked for one
 * (DELETE answered 202) and while the payment has not ended; SCA finalised cancels the payment
 * (CANC) when the bank says so. A failed cancellation SCA leaves the payment as it is.
 */
export class CancellationSubject implements ScaSubject<PaymentRecord> {
  readonly kind = 'paymentCancellation';
  readonly noun = 'payment cancellation';
  readonly usesBankTokens = false;

  constructor(
    private readonly payments: PaymentsRepository,
    private readonly payment: PaymentSubject,
  ) {}

  load(ctx: CallContext, id: string, clientId?: string) {
    return this.payment.load(ctx, id, clientId);
  }

  facts(payment: PaymentRecord): ScaFacts {
    const facts = this.payment.facts(payment);
    const ended = isTerminalTransactionStatus(statusOf(payment));
    return {
      ...facts,
      awaitingSca: payment.cancellationRequestedAt !== null && !ended,
      ended,
      scaApproach: null,
    };
  }

  prepare(
    ctx: CallContext,
    payment: PaymentRecord,
    bank: BankConnector,
  ): Promise<BankPaymentStatus> {
    return this.payment.prepare(ctx, payment, bank);
  }

  finalised(
    ctx: CallContext,
    payment: PaymentRecord,
    grant: ScaGrant,
    reason: string,
  ): JointWrite | undefined {
    const reported = grant.prepared as BankPaymentStatus | undefined;
    const bankStatus = reported && readBankTransactionStatus(reported.status);
    // The bank executed the payment before the cancellation took: it stands, executed.
    if (bankStatus && bankStatus !== 'CANC') return undefined;
    const cancelled = transitionPayment(statusOf(payment), 'cancelled');
    if (!cancelled.ok) return undefined;
    return this.payments.write(
      {
        read: payment,
        status: cancelled.status,
        changes: { statusReason: 'Cancelled by the PSU' },
      },
      { reason, requestId: ctx.requestId, source: 'bank' },
    );
  }

  failed(): JointWrite | undefined {
    return undefined;
  }

  async verdictAtBank(ctx: CallContext, payment: PaymentRecord): Promise<BankVerdict | undefined> {
    const verdict = await this.payment.verdictAtBank(ctx, payment);
    if (!verdict) return undefined;
    return verdict.authorised === false && verdict.outcome === 'CANC'
      ? { authorised: true }
      : { authorised: false };
  }

  async abandonAtBank(): Promise<void> {}
}
