/**
 * The bodies of the Payment Initiation operations, as the contract names them and the vendor's
 * flow reads them (the authorisations' are shared: `../sca-responses.ts`). Links are paths on
 * the API host, as in the contract's examples.
 */
import type { CreatedPayment } from '../../payments/payment-service.js';
import type { PaymentRecord } from '../../store/payments.js';

const href = (path: string) => ({ href: path });

/**
 * 201 of POST /{service}/{product}: RCVD, and the vendor's link names (its
 * `startAuthorisationWithTransactionAuthorisation` for a start without a body).
 */
export function createdBody(created: CreatedPayment, path: string) {
  return {
    transactionStatus: created.payment.status,
    paymentId: created.payment.id,
    _links: {
      startAuthorisationWithTransactionAuthorisation: href(`${path}/authorisations`),
      self: href(path),
      status: href(`${path}/status`),
    },
    psuMessage: `Please confirm payment ${created.payment.id}`,
  };
}

/**
 * GET /{service}/{product}/{id}: the payment as the TPP posted it, with its status now.
 * A swedish-giro payment is answered with its giro fields as posted (contract erratum P4: the
 * giro response schema has no `creditorGiro` nor references). The end-to-end id Bankbridge
 * generated for a single or periodic payment without one is shown, so the TPP can find the
 * payment in account information. A debtor account the PSU picked during SCA (the body left it
 * out) is shown as the bank names it.
 */
export function paymentBody(payment: PaymentRecord, pickedDebtor?: Record<string, unknown>) {
  const generated =
    payment.body.endToEndIdentification === undefined &&
    payment.endToEndId !== null &&
    payment.service !== 'bulk-payments'
      ? { endToEndIdentification: payment.endToEndId }
      : {};
  const debtor = pickedDebtor ? { debtorAccount: pickedDebtor } : {};
  return { ...debtor, ...payment.body, ...generated, transactionStatus: payment.status };
}

/**
 * GET .../status. After the PSU authorised, what the bank said of the funds (Berlin Group
 * 1.3.6+ `fundsAvailable`), and for a rejected payment the bank's reason as a tppMessage
 * (FUNDS_NOT_AVAILABLE or PAYMENT_FAILED); nothing of either before SCA.
 */
export function statusBody(payment: PaymentRecord) {
  const body: Record<string, unknown> = { transactionStatus: payment.status };
  if (payment.fundsAvailable !== null) body.fundsAvailable = payment.fundsAvailable;
  if (payment.status === 'RJCT') {
    body.tppMessages = [
      {
        category: 'ERROR',
        code: payment.fundsAvailable === false ? 'FUNDS_NOT_AVAILABLE' : 'PAYMENT_FAILED',
        text: payment.statusReason ?? 'The payment was rejected',
      },
    ];
  }
  return body;
}

/** 202 of DELETE: the cancellation needs the PSU's authorisation. */
export function cancellationBody(payment: PaymentRecord, path: string) {
  return {
    transactionStatus: payment.status,
    _links: { startAuthorisation: href(`${path}/cancellation-authorisations`) },
  };
}

/**
 * GET .../cancellation-authorisations: `{"cancellationIds": [...]}`, as the contract's example
 * (erratum P11: its schema is a bare array).
 */
export function cancellationIdsBody(ids: string[]) {
  return { cancellationIds: ids };
}
