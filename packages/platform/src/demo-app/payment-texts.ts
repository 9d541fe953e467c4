// A payment's state in the words of the person who pays: what the bank's code means for their
// money, and why a payment ended unpaid. No ISO code, OAuth error or Berlin Group code is
// shown as the sentence; those go to the developer's line below it.

import type { TppMessage } from '@bankbridge/client';
import { formatAmount } from './amounts.js';
import type { PaymentInProgress, PaymentStage } from './sessions.js';

export interface PaymentView {
  stage: PaymentStage;
  /** A short label for the status badge. */
  label: string;
  /** The sentence under it. */
  text: string;
  /** The bank's code, for the developer. */
  transactionStatus?: string | undefined;
  final: boolean;
}

const LABELS: Record<PaymentStage, string> = {
  signing: 'Waiting for your signature',
  unsigned: 'Not signed',
  pending: 'Sent to the bank',
  authorised: 'Signed, on its way',
  executed: 'Paid',
  failed: 'Refused by the bank',
  cancelled: 'Cancelled',
};

export function paymentView(payment: PaymentInProgress): PaymentView {
  const { bank, order, stage } = payment;
  const money = `${formatAmount(order.amount)} ${order.currency}`;
  const texts: Record<PaymentStage, string> = {
    signing:
      payment.flow.kind === 'redirect'
        ? `Sign the payment at ${bank.name}: you are sent to its page and back here.`
        : `Sign the payment of ${money} to ${order.payeeName} in BankID.`,
    unsigned: payment.reason ?? 'You did not sign the payment. No money left your account.',
    pending: `${bank.name} has the payment and is checking it.`,
    authorised: `You signed the payment. ${bank.name} has accepted it and is carrying it out; this page changes when it is paid.`,
    executed: `${money} went from your ${order.accountName} to ${order.payeeName}. It is among the account's transactions.`,
    failed: payment.reason ?? `${bank.name} refused the payment. No money left your account.`,
    cancelled: payment.reason ?? 'The payment was cancelled. No money left your account.',
  };
  return {
    stage,
    label: LABELS[stage],
    text: texts[stage],
    transactionStatus: payment.transactionStatus,
    final: stage !== 'signing' && stage !== 'pending' && stage !== 'authorised',
  };
}

/** A bank's ISO 20022 status in words, for the payment's history. */
export function statusWords(transactionStatus: string): string {
  const words: Record<string, string> = {
    RCVD: 'Received by the bank, waiting for your signature',
    PATC: 'Partly signed',
    ACTC: 'Signed; the bank accepted it',
    ACCP: 'Accepted by the bank',
    ACFC: 'Accepted; the money is there',
    ACWC: 'Accepted with a change',
    ACWP: 'Accepted, not yet sent',
    ACSP: 'Being paid',
    PDNG: "Waiting for the bank's checks",
    ACSC: 'Paid from your account',
    ACCC: 'Paid to the payee',
    PART: 'Partly paid',
    RJCT: 'Refused by the bank',
    CANC: 'Cancelled',
  };
  return Object.hasOwn(words, transactionStatus)
    ? (words[transactionStatus] as string)
    : transactionStatus;
}

/** Why the bank refused a payment, from the reason it gave with the status. */
export function refusalText(bankName: string, reason: TppMessage | undefined): string {
  const because =
    reason?.code === 'FUNDS_NOT_AVAILABLE'
      ? ': there is not enough money in the account'
      : reason?.text
        ? `. The bank says: "${reason.text.replace(/\.$/, '')}"`
        : '';
  return `${bankName} refused the payment${because}. No money left your account.`;
}

/** The person did not sign: cancelled in BankID, declined at the bank, or let it time out. */
export function notSignedText(bankName: string, decoupled: boolean): string {
  return decoupled
    ? 'You did not sign the payment in BankID (it was cancelled or timed out). No money left your account.'
    : `You did not approve the payment at ${bankName}. No money left your account.`;
}
