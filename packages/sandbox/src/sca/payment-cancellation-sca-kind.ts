// Cancelling an authorised payment as a kind of resource the sandbox's SCA authorises:
// the redirect scope PIS-CANCEL:{paymentId}, the decoupled grant's payment_cancellation_id.
// The PSU signs the cancellation of what they signed before; the cut-off is checked again
// when they approve, since time passes while they decide.

import { BankError } from '../domain/errors.js';
import { cancel, checkCancellable } from '../domain/payment-cancellation.js';
import type { Payment } from '../domain/payments.js';
import type { SandboxBank } from '../domain/sandbox-bank.js';
import { paymentRulesOf } from '../registry/payment-rules.js';
import { paymentSummaryHtml } from './payment-sca-view.js';
import type { ScaResourceKind, ScaSubject } from './sca-resource-kind.js';

function cancellationBlocker(
  bank: SandboxBank,
  payment: Payment,
  psuId: string | undefined,
  now: Date,
): BankError | undefined {
  if (!payment.cancellationRequested)
    return new BankError('STATUS_INVALID', 'No cancellation of this payment is waiting for SCA');
  try {
    checkCancellable(
      payment,
      bank.config.countryCode,
      paymentRulesOf(bank.bic).cancellationCutOffHour,
      now,
    );
  } catch (error) {
    if (error instanceof BankError) return error;
    throw error;
  }
  if (psuId !== undefined && !bank.psu(psuId)?.accounts.some((a) => a.iban === payment.debtorIban))
    return new BankError('PSU_CREDENTIALS_INVALID', 'The debtor account is not yours');
  return undefined;
}

function cancellationSubject(bank: SandboxBank, payment: Payment): ScaSubject {
  const summary = () =>
    `<p><strong>Cancel</strong> this payment; it will not be executed.</p>${paymentSummaryHtml(payment)}`;
  return {
    ref: { kind: 'paymentCancellation', id: payment.paymentId },
    blocker: (psuId, now) => cancellationBlocker(bank, payment, psuId, now),
    authorise(psu, _chosen, now) {
      const blocked = cancellationBlocker(bank, payment, psu.psuId, now);
      if (blocked) return blocked;
      cancel(payment);
      return undefined;
    },
    // A refused cancellation leaves the payment as it was.
    reject: () => {
      payment.cancellationRequested = false;
    },
    summaryHtml: summary,
    choicesHtml: () => '',
    appHtml: summary,
  };
}

export const paymentCancellationScaKind: ScaResourceKind = {
  kind: 'paymentCancellation',
  scopePrefix: 'PIS-CANCEL',
  idName: 'paymentId',
  grantParameter: 'payment_cancellation_id',
  unknownMessage: 'Unknown payment',
  request: 'asks you to cancel a payment',
  decisionTitle: 'Cancel the payment',
  declinedMessage: 'The PSU declined the cancellation',
  bankRejection: () => undefined,
  open(bank, clientId, id) {
    const payment = bank.paymentOf(clientId, id);
    return payment ? cancellationSubject(bank, payment) : undefined;
  },
  tokenBlocker: (bank, id) => (bank.payments.has(id) ? undefined : 'Unknown payment'),
  issueCode: (bank, id, grant, now) =>
    bank.tokens.issueCode({ ...grant, consentId: id, scopePrefix: 'PIS-CANCEL' }, now),
  issueTokens: (bank, id, grant, now) =>
    bank.tokens.issueAfterSca({ ...grant, consentId: id, scopePrefix: 'PIS-CANCEL' }, now),
};
