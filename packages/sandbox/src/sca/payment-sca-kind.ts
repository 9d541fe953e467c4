// Payments as a kind of resource the sandbox's SCA authorises: the redirect scope
// PIS:{paymentId}, the decoupled grant's payment_id. The SCA is bound to a hash of what the
// PSU was shown (dynamic linking): a payment that differs at approval is rejected.

import { BankError } from '../domain/errors.js';
import type { PaymentEngine } from '../domain/payment-execution.js';
import { debtorChosen, type Payment, pickDebtor, signedHash } from '../domain/payments.js';
import type { SandboxBank } from '../domain/sandbox-bank.js';
import {
  APPROVE_CREDITOR,
  approveCreditors,
  creditorApprovalHtml,
  needsCreditorApproval,
} from './new-creditor.js';
import { paymentSummaryHtml } from './payment-sca-view.js';
import type { ScaResourceKind, ScaSubject } from './sca-resource-kind.js';

/** Finalised SCAs a two-signer corporate payment needs. */
export const SIGNERS_NEEDED = 2;

/** The PSU is shown the payment: from now on the SCA is bound to these details. */
export function bindPayment(payment: Payment): void {
  payment.boundHash ??= signedHash(payment);
}

function paymentBlocker(bank: SandboxBank, payment: Payment, psuId: string | undefined) {
  if (payment.status === 'RJCT' || payment.status === 'CANC')
    return new BankError('RESOURCE_EXPIRED', `The payment is ${payment.status}`, 403);
  if (payment.status !== 'RCVD' && payment.status !== 'PATC')
    return new BankError('STATUS_INVALID', 'The payment is already authorised');
  if (psuId === undefined) return undefined;
  const psu = bank.psu(psuId);
  if (!debtorChosen(payment)) {
    return psu && pickDebtor(payment, psu.accounts)
      ? undefined
      : new BankError('PSU_CREDENTIALS_INVALID', 'You have no account in the payment currency');
  }
  if (!psu?.accounts.some((a) => a.iban === payment.debtorIban))
    return new BankError('PSU_CREDENTIALS_INVALID', 'The debtor account is not yours');
  return undefined;
}

function paymentSubject(bank: SandboxBank, payment: Payment, engine: PaymentEngine): ScaSubject {
  return {
    ref: { kind: 'payment', id: payment.paymentId },
    blocker: (psuId, now) => {
      // The time to sign may have run out since the payment was last read.
      engine.expireUnauthorised(payment, now);
      return paymentBlocker(bank, payment, psuId);
    },
    authorise(psu, chosen, now) {
      engine.expireUnauthorised(payment, now);
      const blocked = paymentBlocker(bank, payment, psu.psuId);
      if (blocked) return blocked;
      if (payment.boundHash !== signedHash(payment)) {
        payment.status = 'RJCT';
        payment.rejectReason = 'The payment differs from what the PSU signed';
        return new BankError('PAYMENT_FAILED', payment.rejectReason);
      }
      // Undefined choices: the BankID app, where signing approves the payee as well.
      if (
        chosen !== undefined &&
        needsCreditorApproval(bank, payment, psu) &&
        !chosen.includes(APPROVE_CREDITOR)
      )
        return new BankError('FORMAT_ERROR', 'Approve the new payee to sign the payment');
      if (!debtorChosen(payment)) payment.debtorIban = pickDebtor(payment, psu.accounts) ?? '';
      approveCreditors(bank, payment, psu.psuId);
      payment.signers.push(psu.psuId);
      if (psu.scenario === 'twoSigners' && payment.signers.length < SIGNERS_NEEDED) {
        payment.status = 'PATC';
        return undefined;
      }
      engine.authorised(payment, now);
      return undefined;
    },
    reject: () => {
      if (payment.status === 'RCVD' || payment.status === 'PATC') payment.status = 'RJCT';
    },
    summaryHtml: () => {
      bindPayment(payment);
      return paymentSummaryHtml(payment);
    },
    choicesHtml: (psu) =>
      needsCreditorApproval(bank, payment, psu) ? creditorApprovalHtml(payment, true) : '',
    appHtml: () => {
      bindPayment(payment);
      // Only the debtor account's owner can sign, so the app asks on the owner's terms.
      const owner = bank.psus.find((p) => p.accounts.some((a) => a.iban === payment.debtorIban));
      const notice = needsCreditorApproval(bank, payment, owner)
        ? creditorApprovalHtml(payment, false)
        : '';
      return paymentSummaryHtml(payment) + notice;
    },
  };
}

export function paymentScaKind(engine: PaymentEngine): ScaResourceKind {
  return {
    kind: 'payment',
    scopePrefix: 'PIS',
    idName: 'paymentId',
    grantParameter: 'payment_id',
    unknownMessage: 'Unknown payment',
    request: 'asks you to sign a payment',
    decisionTitle: 'Sign the payment',
    declinedMessage: 'The PSU declined the payment',
    // The bank's own refusals come after SCA, from the execution engine.
    bankRejection: () => undefined,
    open(bank, clientId, id) {
      const payment = bank.paymentOf(clientId, id);
      return payment ? paymentSubject(bank, payment, engine) : undefined;
    },
    tokenBlocker(bank, id) {
      const payment = bank.payments.get(id);
      if (!payment) return 'Unknown payment';
      // The tokens attest the PSU's signature: a payment the PSU signed and the bank then
      // rejected (no funds, AML) still has them, as its decoupled SCA is finalised too.
      if (payment.signers.length > 0) return undefined;
      return payment.status === 'RJCT' || payment.status === 'CANC'
        ? `The payment is ${payment.status}`
        : undefined;
    },
    issueCode: (bank, id, grant, now) =>
      bank.tokens.issueCode({ ...grant, consentId: id, scopePrefix: 'PIS' }, now),
    issueTokens: (bank, id, grant, now) =>
      bank.tokens.issueAfterSca({ ...grant, consentId: id, scopePrefix: 'PIS' }, now),
  };
}
