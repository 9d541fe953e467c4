/**
 * The payment initiation use cases: what happens when a TPP creates, reads, cancels or
 * authorises a payment. Each method checks the request with the pure rules (`rules/`), talks
 * to the bank through its connector, and writes the outcome with the payment store, in that
 * order. A payment's SCA, and its cancellation's, are the SCA engine's (`sca/`), for which a
 * payment and its cancellation are subjects (`payment-subject.ts`, `cancellation-subject.ts`).
 * Refusals are `Problem`s.
 *
 * Money moves exactly once:
 * - the bank call that creates a payment carries an X-Request-ID derived from the client and
 *   the TPP's own X-Request-ID (`bank-request-id.ts`): a retry of the same request, after a
 *   lost answer or a crash, makes the bank answer its first payment again, and the store keeps
 *   one Bankbridge payment per bank payment;
 * - an SCA is finalised, and its payment authorised, by one compare-and-set: of two
 *   authorisations completed, one executes and the other fails.
 */
import { bankCall } from '../connectors/bank-problem.js';
import {
  type BankCancellation,
  type ConnectorLookup,
  isBankError,
  PaymentBodyRefusal,
  type PaymentBodyRequest,
} from '../connectors/index.js';
import { bankTimeZone, localDate } from '../consents/rules/dates.js';
import { crashPoint } from '../failpoints.js';
import type { CallContext } from '../logging/logger.js';
import { Problem } from '../problems.js';
import { bankLookup } from '../registry/bank-lookup.js';
import type { AspspEntry, Registry } from '../registry/types.js';
import {
  type AuthorisationState,
  chooseScaApproach,
  type PsuInfo,
  psuHeaderPresent,
  psuHeaders,
  type ScaApproach,
  type ScaMethod,
  type ScaService,
  type SelectedMethod,
  type StartedAuthorisation,
} from '../sca/index.js';
import {
  CONFLICT,
  type JointWrite,
  type PaymentRecord,
  type PaymentsRepository,
} from '../store/payments.js';
import type { ResourceNotification } from '../store/resource-notifications.js';
import { bankRequestId, endToEndIdFor } from './bank-request-id.js';
import { CancellationSubject } from './cancellation-subject.js';
import { bankRef, PaymentSubject, statusOf } from './payment-subject.js';
import {
  cancellationOffered,
  checkBankProductBody,
  decideCancellation,
  executesAtOnce,
  isPaymentService,
  isTerminalTransactionStatus,
  missingCreditorAddress,
  PAYMENT_SERVICES,
  type PaymentRequest,
  type PaymentService as PaymentServiceName,
  parsePaymentBody,
  readBankTransactionStatus,
  resolvePaymentProduct,
  transitionPayment,
} from './rules/index.js';

/** Which SCA of a payment: its initiation's, or its cancellation's. */
export type PaymentScaKind = 'payment' | 'paymentCancellation';

/** A payment as a TPP names it: path, the calling client, and its X-BicFi when sent. */
export interface PaymentRef {
  clientId: string;
  paymentId: string;
  service: string;
  product: string;
  bic?: string | undefined;
}

export interface PaymentServiceOptions {
  payments: PaymentsRepository;
  registry: Registry;
  connectorFor: ConnectorLookup;
  sca: ScaService;
  now: () => Date;
  /** A payment not authorised this long after its creation is rejected. */
  authorisationTimeoutSeconds: number;
}

export interface NewPaymentInput {
  clientId: string;
  /** The TPP's X-Request-ID: the bank call's own id is derived from it. */
  requestId: string;
  bic: string;
  service: string;
  product: string;
  body: unknown;
  psu: PsuInfo;
  psuContext: 'private' | 'corporate';
  tppRedirectPreferred: boolean | undefined;
  rejectionNoFundsPreferred: boolean | undefined;
  /** The payment's own webhook endpoint (TPP-Notification-URI), checked by the caller. */
  notification?: ResourceNotification | undefined;
  /** A write that lands with the new payment or not at all: the answer a replay repeats. */
  answer?: ((created: CreatedPayment) => JointWrite) | undefined;
}

/** A chosen SCA method of a payment's or its cancellation's authorisation, with the payment. */
export type SelectedPaymentMethod = SelectedMethod & { payment: PaymentRecord };

export interface CreatedPayment {
  payment: PaymentRecord;
  scaApproach: ScaApproach;
  scaMethods: ScaMethod[];
}

export type Cancellation =
  | { outcome: 'cancelled'; payment: PaymentRecord }
  | { outcome: 'authorisationNeeded'; payment: PaymentRecord };

export class PaymentService {
  private readonly findBank: (bic: string) => AspspEntry | undefined;
  private readonly subject: PaymentSubject;

  constructor(private readonly options: PaymentServiceOptions) {
    this.findBank = bankLookup(options.registry);
    this.subject = new PaymentSubject({
      payments: options.payments,
      bank: (bic) => this.bank(bic),
      connectorFor: options.connectorFor,
      now: options.now,
      authorisationTimeoutSeconds: options.authorisationTimeoutSeconds,
    });
    options.sca.register(this.subject);
    options.sca.register(new CancellationSubject(options.payments, this.subject));
  }

  bank(bic: string): AspspEntry | undefined {
    return this.findBank(bic);
  }

  // ---- TPP-facing: /psd2/paymentinitiation/v1 ----------------------------------------------

  async create(ctx: CallContext, input: NewPaymentInput): Promise<CreatedPayment> {
    const entry = this.bank(input.bic);
    if (!entry) throw unknownBank(input.bic);
    const service = paymentService(input.service);
    const now = this.options.now();
    const timeZone = bankTimeZone(entry.isoCountryCode);
    const resolved = resolvePaymentProduct(entry, {
      product: input.product,
      service,
      context: input.psuContext,
      today: localDate(now, timeZone),
    });
    if (!resolved.ok) throw Problem.fromRule(resolved.error);
    const product = resolved.value.product;
    const requestIdAtBank = bankRequestId(input.clientId, input.requestId);
    let bankBody: Record<string, unknown>;
    let executionDate: string | null = null;
    let endToEndId: string | null = null;
    if (resolved.value.kind === 'global') {
      const parsed = parsePaymentBody(input.body, {
        product: resolved.value.product,
        service,
        bank: entry,
        now,
        timeZone,
      });
      if (!parsed.ok) throw Problem.fromRule(parsed.error);
      const request = withEndToEndIds(parsed.value, endToEndIdFor(requestIdAtBank));
      executionDate = executionDateOf(request);
      endToEndId =
        'endToEndIdentification' in request ? (request.endToEndIdentification ?? null) : null;
      const { service: _service, product: _product, ...body } = request;
      bankBody = body as Record<string, unknown>;
    } else {
      const checked = checkBankProductBody(input.body);
      if (!checked.ok) throw Problem.fromRule(checked.error);
      bankBody = checked.value.body;
    }
    const address = missingCreditorAddress(bankBody, product, {
      products: entry.payments.creditorAddressAbroad,
      bankCountry: entry.isoCountryCode,
      bankName: entry.name,
    });
    if (address) throw Problem.fromRule(address);
    if (!input.psu.ipAddress) {
      throw Problem.format('the PSU-IP-Address header is required to initiate a payment');
    }
    for (const header of entry.payments.requiredPsuHeaders.initiation) {
      if (!psuHeaderPresent(input.psu, header)) {
        throw Problem.format(`the ${header} header is required by ${entry.name}`);
      }
    }
    const approach = chooseScaApproach(entry.connector.scaApproaches, input.tppRedirectPreferred);
    const bank = this.options.connectorFor(entry.bicFi);
    const placed: PaymentBodyRequest = {
      service,
      product,
      body: bankBody,
      globalProduct: resolved.value.kind === 'global',
    };
    // Nothing reaches the bank, and nothing is stored, for a body the bank cannot be sent.
    inBankForm(entry, () => bank.paymentBody(placed));
    const created = await bankCall(() =>
      bank.initiatePayment(
        { requestId: ctx.requestId, bic: entry.bicFi, logger: ctx.logger },
        {
          ...placed,
          psu: psuHeaders(input.psu),
          ...(input.rejectionNoFundsPreferred !== undefined
            ? { rejectionNoFundsPreferred: input.rejectionNoFundsPreferred }
            : {}),
          bankRequestId: requestIdAtBank,
        },
      ),
    );
    // The bank holds the payment and Bankbridge not yet: the TPP's retry must find it again.
    crashPoint('payment.create.bankAnswered');
    const scaMethods = this.options.sca.methods(entry.bicFi, approach);
    const answer = input.answer;
    const payment = await this.options.payments.create(
      {
        clientId: input.clientId,
        bic: entry.bicFi,
        service,
        product,
        productKind: resolved.value.kind,
        psuContext: input.psuContext,
        psuId: input.psu.psuId ?? null,
        psuCorporateId: input.psu.corporateId ?? null,
        psuIpAddress: input.psu.ipAddress ?? null,
        psuUserAgent: input.psu.userAgent ?? null,
        body: input.body as Record<string, unknown>,
        bankBody: created.sentBody,
        endToEndId,
        executionDate,
        bankPaymentId: created.bankPaymentId,
        // Whatever the bank says, nothing is authorised before the PSU signs.
        status: 'RCVD',
        scaApproach: approach,
        ...(input.notification ? { notification: input.notification } : {}),
      },
      { reason: 'created', requestId: ctx.requestId, source: 'tpp' },
      answer && ((stored) => answer({ payment: stored, scaApproach: approach, scaMethods })),
    );
    crashPoint('payment.create.stored');
    ctx.logger.info(
      { paymentId: payment.id, bankRequestId: requestIdAtBank, bic: entry.bicFi },
      'payment initiated',
    );
    return { payment, scaApproach: approach, scaMethods };
  }

  /**
   * The payment as it stands now: time-driven changes applied, a decoupled SCA in progress
   * asked at the bank, and an open payment's status taken over from the bank.
   */
  async get(ctx: CallContext, ref: PaymentRef): Promise<PaymentRecord> {
    return this.latest(ctx, await this.owned(ctx, ref));
  }

  /**
   * GET of the payment: as `get`, and where the body left the debtor account to the PSU's SCA
   * (a bank with `debtorAccountOptional`), the account the bank says the PSU picked, once
   * authorised. The bank's answer is asked for, not stored: only the bank knows the pick.
   * Everything else is the body the TPP posted, kept by Bankbridge, with the status `get`
   * took from the bank's status endpoint: so a bank that does not offer GET of a payment
   * (registry `payments.read: false`, Handelsbanken) answers like any other.
   */
  async read(
    ctx: CallContext,
    ref: PaymentRef,
  ): Promise<{ payment: PaymentRecord; debtorAccount?: Record<string, unknown> }> {
    const payment = await this.get(ctx, ref);
    const status = statusOf(payment);
    if (
      !this.subject.entryOf(payment).payments.read ||
      payment.body.debtorAccount !== undefined ||
      payment.productKind !== 'global' ||
      status === 'RCVD' ||
      status === 'PATC'
    ) {
      return { payment };
    }
    try {
      const atBank = await this.subject
        .connector(payment)
        .getPayment(this.subject.bankContext(ctx, payment, 'read'), bankRef(payment));
      const debtor = atBank.debtorAccount;
      return typeof debtor === 'object' && debtor !== null && !Array.isArray(debtor)
        ? { payment, debtorAccount: debtor as Record<string, unknown> }
        : { payment };
    } catch (error) {
      // The payment stands as posted; the next read asks again.
      if (!isBankError(error)) throw error;
      ctx.logger.warn({ err: error }, 'could not read the picked debtor account at the bank');
      return { payment };
    }
  }

  /**
   * What a read would find now, for the background poller: the status reaches its final state
   * (and its webhooks fire) without the TPP asking. Undefined for an unknown payment.
   */
  async poll(ctx: CallContext, paymentId: string): Promise<PaymentRecord | undefined> {
    const found = await this.options.payments.get(paymentId);
    return found && this.latest(ctx, await this.subject.current(ctx, found));
  }

  private async latest(ctx: CallContext, read: PaymentRecord): Promise<PaymentRecord> {
    let payment = read;
    if (isTerminalTransactionStatus(statusOf(payment))) return payment;
    payment = (await this.options.sca.follow(ctx, 'payment', payment)) ?? payment;
    if (payment.cancellationRequestedAt) {
      payment = (await this.options.sca.follow(ctx, 'paymentCancellation', payment)) ?? payment;
    }
    if (isTerminalTransactionStatus(statusOf(payment))) return payment;
    return this.refresh(ctx, payment);
  }

  /**
   * DELETE: cancelled at once (not yet authorised), or a cancellation SCA is needed. `answer`,
   * when given, is stored with a cancellation done at once (the answer a replay repeats; a
   * retry of the other outcome finds the cancellation requested and answers it again).
   */
  async cancel(
    ctx: CallContext,
    ref: PaymentRef,
    answer?: (cancellation: Cancellation) => JointWrite,
  ): Promise<Cancellation> {
    const offered = cancellationOffered(this.subject.entryOf(await this.owned(ctx, ref)).payments);
    if (!offered.ok) throw Problem.fromRule(offered.error);
    const payment = await this.get(ctx, ref);
    const entry = this.subject.entryOf(payment);
    const decision = decideCancellation({
      status: statusOf(payment),
      service: paymentService(payment.service),
      instant: executesAtOnce(payment.product),
      ...(payment.executionDate ? { executionDate: payment.executionDate } : {}),
      bank: entry.payments,
      now: this.options.now(),
      timeZone: bankTimeZone(entry.isoCountryCode),
    });
    if (!decision.ok) throw Problem.fromRule(decision.error);
    if (decision.action === 'authorisationNeeded' && payment.cancellationRequestedAt) {
      return { outcome: 'authorisationNeeded', payment };
    }
    let atBank: BankCancellation;
    try {
      atBank = await bankCall(() =>
        this.subject
          .connector(payment)
          .cancelPayment(this.subject.bankContext(ctx, payment, 'cancellation'), bankRef(payment)),
      );
    } catch (error) {
      const cancelled = await this.cancelledAtBankAlready(ctx, payment, error);
      if (cancelled) return { outcome: 'cancelled', payment: cancelled };
      throw error;
    }
    if (atBank.outcome === 'cancelled') {
      crashPoint('payment.cancel.bankAnswered');
      const cancelled = transitionPayment(statusOf(payment), 'cancelled');
      if (!cancelled.ok) throw Problem.fromRule(cancelled.error);
      const written = await this.options.payments.changeStatus(
        payment,
        cancelled.status,
        { reason: 'cancelled by the TPP', requestId: ctx.requestId, source: 'tpp' },
        { statusReason: 'Cancelled by the TPP' },
        // Its 204 says nothing of the payment but that it is cancelled.
        answer?.({ outcome: 'cancelled', payment }),
      );
      if (written === CONFLICT) throw concurrentChange();
      // Cancelled with its answer, not yet sent: the TPP's retry must be answered the same.
      crashPoint('payment.cancel.stored');
      return { outcome: 'cancelled', payment: written };
    }
    const requested = await this.options.payments.changeStatus(
      payment,
      payment.status,
      { reason: 'cancellation requested', requestId: ctx.requestId, source: 'tpp' },
      { cancellationRequestedAt: this.options.now().toISOString() },
    );
    if (requested === CONFLICT) throw concurrentChange();
    return { outcome: 'authorisationNeeded', payment: requested };
  }

  /** `answer`: a write that lands with the new authorisation (the answer a replay repeats). */
  async startAuthorisation(
    ctx: CallContext,
    ref: PaymentRef,
    kind: PaymentScaKind,
    answer?: (started: StartedAuthorisation) => JointWrite,
  ): Promise<StartedAuthorisation> {
    const payment = await this.get(ctx, ref);
    if (kind === 'payment' && statusOf(payment) === 'RJCT') {
      throw new Problem(
        'RESOURCE_EXPIRED',
        'The payment is rejected (RJCT): it can no longer be authorised; initiate a new payment',
      );
    }
    if (kind === 'paymentCancellation' && !payment.cancellationRequestedAt) {
      throw new Problem(
        'STATUS_INVALID',
        'No cancellation of this payment awaits authorisation: DELETE the payment first',
      );
    }
    return this.options.sca.start(ctx, kind, payment, answer);
  }

  async authorisationIds(ctx: CallContext, ref: PaymentRef, kind: PaymentScaKind) {
    return this.options.sca.ids(kind, await this.owned(ctx, ref));
  }

  async authorisation(
    ctx: CallContext,
    ref: PaymentRef,
    kind: PaymentScaKind,
    authorisationId: string,
  ): Promise<AuthorisationState> {
    await this.options.sca.check(kind, await this.owned(ctx, ref), { authorisationId });
    return this.options.sca.get(ctx, kind, await this.get(ctx, ref), authorisationId);
  }

  /** PUT .../authorisations/{id}: starts the chosen SCA; `answer` as `ScaService.selectMethod`'s. */
  async selectMethod(
    ctx: CallContext,
    input: PaymentRef & {
      kind: PaymentScaKind;
      authorisationId: string;
      body: unknown;
      psu: PsuInfo;
    },
    answer?: (selected: SelectedPaymentMethod) => JointWrite,
  ): Promise<SelectedPaymentMethod> {
    await this.options.sca.check(input.kind, await this.owned(ctx, input), input);
    const payment = await this.get(ctx, input);
    const selected = await this.options.sca.selectMethod(
      ctx,
      input.kind,
      payment,
      input,
      answer && ((chosen) => answer({ ...chosen, payment })),
    );
    return { ...selected, payment };
  }

  // ---- internals -------------------------------------------------------------------------

  /**
   * The client's payment named in the path. Ownership comes first: another client's payment
   * answers exactly as an unknown id, whatever service and product the path names.
   */
  private async owned(ctx: CallContext, ref: PaymentRef): Promise<PaymentRecord> {
    const found = await this.options.payments.findOwned(ref.clientId, ref.paymentId);
    if (!found) throw paymentUnknown(ref.paymentId);
    if (found.service !== ref.service || found.product !== ref.product) {
      throw Problem.resourceUnknown(
        `Payment ${found.id} is a ${found.product} payment of ${found.service}: its path is /psd2/paymentinitiation/v1/${found.service}/${found.product}/${found.id}`,
      );
    }
    if (ref.bic && ref.bic.trim().toUpperCase() !== found.bic) {
      throw Problem.format(
        `X-BicFi: this payment is at the bank ${found.bic}, not ${ref.bic.slice(0, 11)}`,
      );
    }
    return this.subject.current(ctx, found);
  }

  /**
   * The bank refused to cancel a payment it holds cancelled already: a first DELETE cancelled
   * it there and died before recording it (or it was cancelled at the bank). The retry records
   * it and answers it cancelled, rather than 405 for a payment Bankbridge still calls open.
   */
  private async cancelledAtBankAlready(
    ctx: CallContext,
    payment: PaymentRecord,
    refusal: unknown,
  ): Promise<PaymentRecord | undefined> {
    if (!(refusal instanceof Problem) || refusal.code !== 'CANCELLATION_INVALID') return undefined;
    const reported = await this.subject
      .connector(payment)
      .getPaymentStatus(this.subject.bankContext(ctx, payment, 'status'), bankRef(payment))
      .catch(() => undefined);
    if (reported?.status !== 'CANC') return undefined;
    const adopted = await this.subject.adopt(ctx, payment, reported);
    return statusOf(adopted) === 'CANC' ? adopted : undefined;
  }

  /** Asks the bank for the status of an authorised, open payment and keeps what it says. */
  private async refresh(ctx: CallContext, payment: PaymentRecord): Promise<PaymentRecord> {
    if (statusOf(payment) === 'RCVD') return payment;
    try {
      const reported = await this.subject
        .connector(payment)
        .getPaymentStatus(this.subject.bankContext(ctx, payment, 'status'), bankRef(payment));
      if (!readBankTransactionStatus(reported.status)) {
        ctx.logger.warn({ status: reported.status }, 'the bank reported an unknown payment status');
        return payment;
      }
      return await this.subject.adopt(ctx, payment, reported);
    } catch (error) {
      // The status stands as last known; the next read asks again.
      if (!isBankError(error)) throw error;
      ctx.logger.warn({ err: error }, 'could not read the payment status at the bank');
      return payment;
    }
  }
}

function paymentService(value: string): PaymentServiceName {
  if (!isPaymentService(value)) {
    throw Problem.resourceUnknown(
      `there is no payment service ${value.slice(0, 40)}; the services are ${PAYMENT_SERVICES.join(', ')}`,
    );
  }
  return value;
}

/** Another client's payment answers exactly as an unknown one (404: the id is in the path). */
export function paymentUnknown(paymentId: string): Problem {
  return Problem.resourceUnknown(
    `There is no payment ${paymentId.slice(0, 64)} for this client (check the paymentId in the path)`,
  );
}

function unknownBank(bic: string): Problem {
  return Problem.format(
    `X-BicFi: no bank with BIC ${bic.slice(0, 11)} is served; list the banks with GET /psd2/aspspinformation/v1/aspsps`,
  );
}

/** The body in the bank's form; a TPP body that has none is 400 FORMAT_ERROR naming the field. */
function inBankForm<T>(entry: AspspEntry, map: () => T): T {
  try {
    return map();
  } catch (error) {
    if (!(error instanceof PaymentBodyRefusal)) throw error;
    throw Problem.fromRule({
      code: 'FORMAT_ERROR',
      status: 400,
      text: `${error.message} (${entry.name}, ${entry.bicFi})`,
      path: error.path,
    });
  }
}

function concurrentChange(): Problem {
  return new Problem(
    'STATUS_INVALID',
    'The payment was changed by another request at the same time; read it again and retry',
  );
}

/** When the payment is due, for the cancellation cut-off: its requested date or first day. */
function executionDateOf(request: PaymentRequest): string | null {
  if (request.service === 'periodic-payments') return request.startDate;
  return request.requestedExecutionDate ?? null;
}

/**
 * Every credit transfer carries an end-to-end id to the bank, so the TPP finds the payment
 * in account information: the TPP's own, or one derived from the bank request (the same on a
 * retry, which must send the bank the same body).
 */
function withEndToEndIds(request: PaymentRequest, generated: string): PaymentRequest {
  if (request.service === 'bulk-payments') {
    return {
      ...request,
      payments: request.payments.map((item, index) => ({
        ...item,
        endToEndIdentification:
          item.endToEndIdentification ??
          `${generated.slice(0, 30)}${String(index + 1).padStart(4, '0')}`,
      })),
    };
  }
  return { ...request, endToEndIdentification: request.endToEndIdentification ?? generated };
}
