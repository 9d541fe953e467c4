// Payment initiation at a Berlin Group bank: POST {payments}/{service}/{product}, GET the
// payment and its status, DELETE it. The SCA of a payment and of its cancellation goes through
// berlin-group-sca.ts like a consent's (resource kinds `payment`, `paymentCancellation`).
//
// Exactly once: the initiation carries the caller's `bankRequestId` as X-Request-ID. A bank
// that booked the payment and lost its answer (timeout, dropped connection) is asked once
// more with the same id, and a Berlin Group bank that honours X-Request-ID answers with the
// first payment again; a new id would create a second payment, so none is ever made here.

import type { AccountForms } from '../registry/types.js';
import {
  BANK_TRANSACTION_STATUSES,
  type BankCallContext,
  type BankCancellation,
  type BankJsonObject,
  type BankPaymentRef,
  type BankPaymentStatus,
  type BankTransactionStatus,
  type CreatedBankPayment,
  type NewBankPayment,
  type PaymentBodyRequest,
} from './bank-connector.js';
import { BankError } from './bank-error.js';
import { paymentPath } from './bank-hooks.js';
import { answerLost, type BankResponse } from './bank-http.js';
import { isObject, nonEmptyString } from './berlin-group-answers.js';
import type { BerlinGroupCaller, CallSpec } from './berlin-group-call.js';

export class BerlinGroupPayments {
  /** `accountForms`: the registry's, per global product. */
  constructor(
    private readonly call: BerlinGroupCaller,
    private readonly accountForms: Readonly<Partial<Record<string, AccountForms>>> = {},
  ) {}

  async initiatePayment(
    ctx: BankCallContext,
    payment: NewBankPayment,
  ): Promise<CreatedBankPayment> {
    const operation = 'initiating a payment';
    const headers: Record<string, string> = { 'X-Request-ID': payment.bankRequestId };
    if (payment.rejectionNoFundsPreferred !== undefined)
      headers['TPP-Rejection-NoFunds-Preferred'] = String(payment.rejectionNoFundsPreferred);
    const sent = this.paymentBody(payment);
    const spec: CallSpec = {
      kind: 'payment',
      method: 'POST',
      path: [this.call.hooks.paths.payments, payment.service, payment.product]
        .map((part, i) => (i === 0 ? part : encodeURIComponent(part)))
        .join('/'),
      operation,
      psu: payment.psu,
      json: sent,
      headers,
    };
    const response = await this.sendOnce(ctx, spec);
    const body = this.call.expectObject(response, spec);
    if (!nonEmptyString(body.paymentId)) throw this.call.malformed(operation, 'no paymentId');
    return {
      bankPaymentId: body.paymentId,
      status: this.transactionStatus(body.transactionStatus, operation),
      sentBody: sent,
    };
  }

  async getPayment(ctx: BankCallContext, ref: BankPaymentRef): Promise<BankJsonObject> {
    const operation = 'reading a payment';
    const body = await this.call.json(ctx, {
      kind: 'payment',
      method: 'GET',
      path: paymentPath(this.call.hooks.paths, ref),
      operation,
    });
    const { _links: _bankLinks, ...payment } = body;
    this.transactionStatus(payment.transactionStatus, operation);
    return payment;
  }

  async getPaymentStatus(ctx: BankCallContext, ref: BankPaymentRef): Promise<BankPaymentStatus> {
    const operation = 'reading a payment status';
    const body = await this.call.json(ctx, {
      kind: 'payment',
      method: 'GET',
      path: `${paymentPath(this.call.hooks.paths, ref)}/status`,
      operation,
    });
    const status: BankPaymentStatus = {
      status: this.transactionStatus(body.transactionStatus, operation),
    };
    if (typeof body.fundsAvailable === 'boolean') status.fundsAvailable = body.fundsAvailable;
    const message = Array.isArray(body.tppMessages) ? body.tppMessages[0] : undefined;
    if (isObject(message)) {
      if (nonEmptyString(message.code)) status.reasonCode = message.code;
      if (nonEmptyString(message.text)) status.reason = message.text;
    }
    return status;
  }

  /**
   * 204: cancelled (so is a 200 saying CANC); 202: the PSU must authorise the cancellation
   * (kind `paymentCancellation`); the bank's refusals (405 CANCELLATION_INVALID) as BankErrors.
   */
  async cancelPayment(ctx: BankCallContext, ref: BankPaymentRef): Promise<BankCancellation> {
    const operation = 'cancelling a payment';
    const spec: CallSpec = {
      kind: 'payment',
      method: 'DELETE',
      path: paymentPath(this.call.hooks.paths, ref),
      operation,
    };
    const response = await this.call.send(ctx, spec);
    if (response.status === 204) return { outcome: 'cancelled' };
    if (response.status === 202 || response.status === 200) {
      const body = this.call.expectObject(response, spec);
      const status = this.transactionStatus(body.transactionStatus, operation);
      if (response.status === 202) return { outcome: 'authorisationNeeded', status };
      if (status === 'CANC') return { outcome: 'cancelled' };
      throw this.call.malformed(operation, `200 with transactionStatus ${status}`);
    }
    if (response.status >= 200 && response.status < 300)
      throw this.call.malformed(operation, `status ${response.status}`);
    throw this.call.failure(response, spec);
  }

  /**
   * Sends a POST whose X-Request-ID the bank deduplicates; when no answer came, asks once
   * more with the same id. The second try has a deadline of its own: exactly once is worth
   * the wait, and the bank that lost an answer usually replays it at once.
   */
  private async sendOnce(ctx: BankCallContext, spec: CallSpec): Promise<BankResponse> {
    try {
      return await this.call.send(ctx, spec);
    } catch (first) {
      if (!answerLost(first)) throw first;
      ctx.logger.warn(
        { bic: this.call.identity.bic, err: (first as Error).message },
        'bank answer lost; asking again with the same X-Request-ID',
      );
      try {
        return await this.call.send(ctx, spec);
      } catch (second) {
        if (!answerLost(second)) throw second;
        throw new BankError(
          'unavailable',
          this.call.identity,
          `${spec.operation}: no answer twice with the same X-Request-ID; the payment may exist at the bank, so retry with the same X-Request-ID, never a new one`,
          { cause: second },
        );
      }
    }
  }

  /**
   * The body as this bank takes it. Throws PaymentBodyRefusal when the TPP's body has no form
   * the bank takes, PaymentBodyError (a programming error) for a global body that is not the
   * model.
   */
  paymentBody(payment: PaymentBodyRequest): BankJsonObject {
    return this.call.hooks.paymentBody({
      service: payment.service,
      product: payment.product,
      body: payment.body,
      globalProduct: payment.globalProduct,
      accountForms: payment.globalProduct ? this.accountForms[payment.product] : undefined,
    });
  }

  private transactionStatus(value: unknown, operation: string): BankTransactionStatus {
    if (BANK_TRANSACTION_STATUSES.includes(value as BankTransactionStatus))
      return value as BankTransactionStatus;
    throw this.call.malformed(operation, `transactionStatus ${JSON.stringify(value)}`);
  }
}
