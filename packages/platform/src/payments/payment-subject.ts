import {
  type BankCallContext,
  type BankConnector,
  type BankPaymentRef,
  type BankPaymentStatus,
  type ConnectorLookup,
  isBankError,
} from '../connectors/index.js';
import type { CallContext } from '../logging/logger.js';
import { servedBank } from '../registry/served-bank.js';
import type { AspspEntry, PaymentOperation } from '../registry/types.js';
import {
  type BankVerdict,
  DENIED,
  GRANT_LOST,
  type ScaFacts,
  type ScaGrant,
  type ScaStatus,
  type ScaSubject,
} from '../sca/index.js';
import type { JointWrite } from '../store/joint-write.js';
import {
  CONFLICT,
  type PaymentChanges,
  type PaymentRecord,
  type PaymentSource,
  type PaymentsRepository,
} from '../store/payments.js';
import {
  adoptBankStatus,
  isAwaitingAuthorisation,
  isTerminalTransactionStatus,
  type PsuHeaderValues,
  psuHeadersForBank,
  readBankTransactionStatus,
  type TransactionStatus,
  transitionPayment,
} from './rules/index.js';

export interface PaymentSubjectOptions {
  payments: PaymentsRepository;
  bank: (bic: string) => AspspEntry | undefined;
  connectorFor: ConnectorLookup;
  now: () => Date;
  /** A payment still not authorised this long after its creation is rejected (RJCT). */
  authorisationTimeoutSeconds: number;
}

/**
 * A payment as the SCA engine sees it: it awaits SCA while RCVD (or PATC, when more signers
 * are needed); SCA finalised authorises it (ACTC, then whatever the bank reports of its
 * execution); a denial rejects it (RJCT). The bank issues no tokens that Bankbridge keeps: the
 * bank's status after the SCA is what counts.
 */
export class PaymentSubject implements ScaSubject<PaymentRecord> {
  readonly kind = 'payment';
  readonly noun = 'payment';
  readonly usesBankTokens = false;

  constructor(private readonly options: PaymentSubjectOptions) {}

  async load(ctx: CallContext, id: string, clientId?: string) {
    const found =
      clientId === undefined
        ? await this.options.payments.get(id)
        : await this.options.payments.findOwned(clientId, id);
    return found && this.current(ctx, found);
  }

  decoupledScaSteps(bank: AspspEntry): readonly ScaStatus[] {
    return bank.payments.decoupledScaSteps;
  }

  facts(payment: PaymentRecord): ScaFacts {
    const status = statusOf(payment);
    return {
      id: payment.id,
      clientId: payment.clientId,
      bic: payment.bic,
      bankId: payment.bankPaymentId,
      bankPlacement: { service: payment.service, product: payment.product },
      status,
      awaitingSca: isAwaitingAuthorisation(status),
      ended: isTerminalTransactionStatus(status),
      scaApproach:
        payment.scaApproach === 'REDIRECT' || payment.scaApproach === 'DECOUPLED'
          ? payment.scaApproach
          : null,
      // A bank gone from the registry answers its own 503 where it is called, not here.
      keptPsu: psuHeadersForBank(
        this.options.bank(payment.bic)?.payments.requiredPsuHeaders.authorisation ?? [],
        undefined,
        keptPsu(payment),
      ),
    };
  }

  /** The bank's status once the PSU signed: executed at once, accepted, or rejected. */
  async prepare(
    ctx: CallContext,
    payment: PaymentRecord,
    bank: BankConnector,
  ): Promise<BankPaymentStatus> {
    return bank.getPaymentStatus(this.bankContext(ctx, payment, 'status'), bankRef(payment));
  }

  finalised(
    ctx: CallContext,
    payment: PaymentRecord,
    grant: ScaGrant,
    reason: string,
  ): JointWrite | undefined {
    const reported = grant.prepared as BankPaymentStatus | undefined;
    const bankStatus = reported && readBankTransactionStatus(reported.status);
    // More signers needed (a corporate payment): the bank says PATC and SCA goes on.
    const partly = bankStatus === 'PATC';
    const authorised = transitionPayment(
      statusOf(payment),
      partly ? 'scaPartlyFinalised' : 'scaFinalised',
    );
    if (!authorised.ok) return undefined;
    let status: TransactionStatus = authorised.status;
    if (bankStatus && !partly) {
      const adopted = adoptBankStatus(status, bankStatus);
      if (adopted.ok) status = adopted.status;
    }
    return this.options.payments.write(
      { read: payment, status, changes: reported && !partly ? statusChanges(reported) : {} },
      { reason, requestId: ctx.requestId, source: 'bank' },
    );
  }

  failed(
    ctx: CallContext,
    payment: PaymentRecord,
    outcome: string | undefined,
    reason: string,
  ): JointWrite | undefined {
    // A grant lost to a request that died is, for a payment, the PSU's signature the bank
    // holds (the engine only says so when the bank reports it authorised): the bank executes
    // it, so it is authorised here too, and its status is taken over from the bank from then
    // on. Left awaiting SCA, no read would ask the bank until the authorisation time ran out.
    if (outcome === GRANT_LOST) {
      const authorised = transitionPayment(statusOf(payment), 'scaFinalised');
      if (!authorised.ok || !authorised.changed) return undefined;
      return this.options.payments.write(
        { read: payment, status: authorised.status },
        { reason, requestId: ctx.requestId, source: 'bank' },
      );
    }
    if (outcome === undefined) return undefined;
    // Another authorisation got there first: the bank refuses this one (a redirect SCA answers
    // access_denied), and the payment the PSU signed the other way stands.
    if (!isAwaitingAuthorisation(statusOf(payment))) return undefined;
    const cancelled = outcome === 'CANC';
    const ended = transitionPayment(statusOf(payment), cancelled ? 'cancelled' : 'rejected');
    if (!ended.ok || !ended.changed) return undefined;
    return this.options.payments.write(
      {
        read: payment,
        status: ended.status,
        changes: {
          statusReason:
            outcome === DENIED
              ? 'The PSU did not authorise the payment'
              : cancelled
                ? 'The payment was cancelled at the bank'
                : 'The bank rejected the payment',
        },
      },
      { reason, requestId: ctx.requestId, source: 'bank' },
    );
  }

  async verdictAtBank(ctx: CallContext, payment: PaymentRecord): Promise<BankVerdict | undefined> {
    const reported = await this.statusAtBank(ctx, payment);
    const status = reported && readBankTransactionStatus(reported.status);
    if (!status) return undefined;
    if (status === 'RJCT' || status === 'CANC') return { authorised: false, outcome: status };
    return isAwaitingAuthorisation(status) ? { authorised: false } : { authorised: true };
  }

  /** Nothing to let go of: a payment the bank holds authorised is the PSU's signed order. */
  async abandonAtBank(): Promise<void> {}

  /**
   * Applies what time has brought: a payment not authorised within the authorisation time
   * is rejected (Berlin Group: RJCT when the PSU does not complete SCA in time). The bank is
   * asked first: a PSU who signed at the bank just before the time ran out has a payment the
   * bank executes, and Bankbridge must not call it rejected. While the bank cannot be asked,
   * the payment stays as it is.
   *
   * Decision: a rejected payment must stay unsigned at the bank too, or a PSU still on the
   * bank's page or in BankID would move money Bankbridge calls rejected. Where the bank offers
   * cancellation, the payment is first cancelled there (no SCA is needed before authorisation);
   * where it does not, Bankbridge relies on the bank's own authorisation limit, and
   * BANKBRIDGE_PAYMENT_AUTHORISATION_TIMEOUT must not be shorter than that limit (the sandbox
   * banks' is the default, 30 minutes).
   */
  async current(ctx: CallContext, record: PaymentRecord): Promise<PaymentRecord> {
    let payment = record;
    for (let attempt = 0; attempt < 3; attempt++) {
      if (!isAwaitingAuthorisation(statusOf(payment))) return payment;
      const deadline =
        Date.parse(payment.createdAt) + this.options.authorisationTimeoutSeconds * 1000;
      if (this.options.now().getTime() < deadline) return payment;
      const atBank = await this.statusAtBank(ctx, payment);
      if (!atBank) return payment;
      const reported = readBankTransactionStatus(atBank.status);
      if (reported && !isAwaitingAuthorisation(reported)) {
        return this.adopt(ctx, payment, atBank);
      }
      const expired = transitionPayment(statusOf(payment), 'expired');
      if (!expired.ok) return payment;
      const stopped = await this.stopAtBank(ctx, payment);
      if (stopped === 'unknown') return payment;
      if (stopped !== 'stopped') {
        payment = await this.adopt(ctx, payment, stopped);
        continue;
      }
      const written = await this.options.payments.changeStatus(
        payment,
        expired.status,
        { reason: 'authorisationTimedOut', requestId: ctx.requestId, source: 'platform' },
        { statusReason: 'The PSU did not authorise the payment in time' },
      );
      if (written !== CONFLICT) return written;
      payment = (await this.options.payments.get(payment.id)) ?? payment;
    }
    return payment;
  }

  /**
   * Cancels at the bank a payment whose authorisation time ran out, where the bank offers
   * cancellation. 'stopped': nobody can sign it there any more (or the bank has no
   * cancellation, see `current`); a status: the bank holds it signed after all; 'unknown': the
   * bank could not be reached, and the next read tries again.
   */
  private async stopAtBank(
    ctx: CallContext,
    payment: PaymentRecord,
  ): Promise<'stopped' | 'unknown' | BankPaymentStatus> {
    if (!this.entryOf(payment).payments.cancellation) return 'stopped';
    try {
      const cancelled = await this.connector(payment).cancelPayment(
        this.bankContext(ctx, payment, 'cancellation'),
        bankRef(payment),
      );
      return cancelled.outcome === 'cancelled' ? 'stopped' : { status: cancelled.status };
    } catch (err) {
      if (isBankError(err, 'unavailable')) return 'unknown';
      // The bank refuses to cancel: it has ended the payment itself, or keeps it unsigned
      // (then it is as at a bank without cancellation).
      ctx.logger.warn({ err }, 'the bank did not cancel a payment whose authorisation expired');
      const reported = await this.statusAtBank(ctx, payment);
      if (!reported) return 'unknown';
      const status = readBankTransactionStatus(reported.status);
      return !status || isAwaitingAuthorisation(status) ? 'stopped' : reported;
    }
  }

  private async statusAtBank(
    ctx: CallContext,
    payment: PaymentRecord,
  ): Promise<BankPaymentStatus | undefined> {
    try {
      return await this.connector(payment).getPaymentStatus(
        this.bankContext(ctx, payment, 'status'),
        bankRef(payment),
      );
    } catch (err) {
      ctx.logger.warn({ err }, 'could not read the payment status at the bank');
      return undefined;
    }
  }

  /**
   * Takes over what the bank reports of a payment Bankbridge holds open: a status further
   * along is kept with its history; a terminal status never changes.
   */
  async adopt(
    ctx: CallContext,
    payment: PaymentRecord,
    reported: BankPaymentStatus,
    source: PaymentSource = 'bank',
  ): Promise<PaymentRecord> {
    const status = readBankTransactionStatus(reported.status);
    if (!status) return payment;
    const adopted = adoptBankStatus(statusOf(payment), status);
    if (!adopted.ok || !adopted.changed) return payment;
    // Funds information only once the PSU authorised (no balance probing before SCA).
    const changes = isAwaitingAuthorisation(adopted.status) ? {} : statusChanges(reported);
    const written = await this.options.payments.changeStatus(
      payment,
      adopted.status,
      { reason: 'reported by the bank', requestId: ctx.requestId, source },
      changes,
    );
    return written === CONFLICT
      ? ((await this.options.payments.get(payment.id)) ?? payment)
      : written;
  }

  entryOf(payment: PaymentRecord): AspspEntry {
    return servedBank(this.options.bank, payment.bic, 'payment');
  }

  connector(payment: PaymentRecord): BankConnector {
    return this.options.connectorFor(this.entryOf(payment).bicFi);
  }

  /**
   * The context of a call about the payment at its bank: the TPP's PSU headers, and those kept
   * with the payment that the bank insists on for `operation` and the TPP left out.
   */
  bankContext(
    ctx: CallContext,
    payment: PaymentRecord,
    operation: PaymentOperation,
  ): BankCallContext {
    const entry = this.entryOf(payment);
    return {
      requestId: ctx.requestId,
      bic: entry.bicFi,
      logger: ctx.logger,
      psu: psuHeadersForBank(
        entry.payments.requiredPsuHeaders[operation],
        ctx.psu,
        keptPsu(payment),
      ),
    };
  }
}

/** The PSU headers the payment was created with. */
function keptPsu(payment: PaymentRecord): PsuHeaderValues {
  return {
    ...(payment.psuIpAddress ? { ipAddress: payment.psuIpAddress } : {}),
    ...(payment.psuUserAgent ? { userAgent: payment.psuUserAgent } : {}),
    ...(payment.psuId ? { psuId: payment.psuId } : {}),
    ...(payment.psuCorporateId ? { corporateId: payment.psuCorporateId } : {}),
  };
}

export function bankRef(payment: PaymentRecord): BankPaymentRef {
  return {
    service: payment.service,
    product: payment.product,
    bankPaymentId: payment.bankPaymentId,
  };
}

export function statusOf(payment: PaymentRecord): TransactionStatus {
  const status = readBankTransactionStatus(payment.status);
  if (!status) throw new Error(`stored payment status ${payment.status}`);
  return status;
}

function statusChanges(reported: BankPaymentStatus): PaymentChanges {
  return {
    ...(reported.fundsAvailable !== undefined ? { fundsAvailable: reported.fundsAvailable } : {}),
    ...(reported.reasonCode !== undefined ? { statusReasonCode: reported.reasonCode } : {}),
    ...(reported.reason !== undefined ? { statusReason: reported.reason } : {}),
  };
}
