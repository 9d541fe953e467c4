// A payment's life in the app after pay() created it: the SCA's end (the bank's redirect back,
// or the SDK's poller seeing BankID signed), then each status the events bring. One place
// moves a payment on, so the routes and the events agree on what a status means.

import {
  type AuthorisedPayment,
  PaymentFailedError,
  paymentState,
  ScaFailedError,
  type TransactionStatus,
} from '@bankbridge/client';
import type { DemoContext } from './context.js';
import { throughOutages } from './outages.js';
import { notSignedText, refusalText } from './payment-texts.js';
import { problemOf } from './problems.js';
import { detached } from './request-calls.js';
import type { PaymentInProgress } from './sessions.js';

const FINAL = new Set(['executed', 'failed', 'cancelled', 'unsigned']);

export function isFinalStage(payment: PaymentInProgress): boolean {
  return FINAL.has(payment.stage);
}

/**
 * A status the bank reported, from the SCA's answer or an event: kept in the history and, when
 * it says more than the app knew, made the payment's stage. A final stage does not change.
 */
export function applyStatus(
  payment: PaymentInProgress,
  transactionStatus: string,
  at: string,
): boolean {
  if (isFinalStage(payment)) return false;
  const last = payment.history.at(-1);
  if (last?.transactionStatus !== transactionStatus) {
    payment.history.push({ transactionStatus, at });
  }
  payment.transactionStatus = transactionStatus;
  payment.stage = paymentState(transactionStatus as TransactionStatus);
  return true;
}

/** The SCA ended with a signature: the status the bank answered with it. */
export function signed(
  context: DemoContext,
  payment: PaymentInProgress,
  status: AuthorisedPayment,
) {
  applyStatus(payment, status.transactionStatus, context.now().toISOString());
}

/**
 * The SCA ended without money moving: the person did not sign (ScaFailedError), or the bank
 * refused the payment once signed (PaymentFailedError, with its reason). Anything else is a
 * failure of the way there, shown as a problem page by the caller.
 */
export function endedUnpaid(
  context: DemoContext,
  payment: PaymentInProgress,
  error: unknown,
): boolean {
  const at = context.now().toISOString();
  if (error instanceof PaymentFailedError) {
    applyStatus(payment, error.transactionStatus, at);
    payment.stage = error.state;
    payment.reason =
      error.state === 'failed' ? refusalText(payment.bank.name, error.reason) : undefined;
    payment.requestId = error.requestId;
    return true;
  }
  if (error instanceof ScaFailedError) {
    payment.stage = 'unsigned';
    payment.reason = notSignedText(payment.bank.name, payment.flow.kind === 'decoupled');
    payment.requestId = error.requestId;
    return true;
  }
  return false;
}

/**
 * The bank rejected a payment after its SCA (an event said RJCT): its reason comes with the
 * status, read once.
 */
export async function readRefusal(context: DemoContext, payment: PaymentInProgress) {
  const { flow } = payment;
  try {
    const answer = await detached(() =>
      context.bankbridge().payments.status(
        {
          paymentId: flow.paymentId,
          bic: flow.bic,
          paymentService: flow.paymentService,
          paymentProduct: flow.paymentProduct,
        },
        { signal: AbortSignal.timeout(10_000) },
      ),
    );
    payment.reason = refusalText(
      payment.bank.name,
      answer.tppMessages?.find((m) => m.category === 'ERROR'),
    );
  } catch {
    payment.reason = refusalText(payment.bank.name, undefined);
  }
}

/**
 * Decoupled: the SDK's poller runs on the server while the person signs in BankID, through
 * short outages of the bank or Bankbridge; leaving the page gives it up (DemoSessions.sweep).
 */
export function watchSigning(context: DemoContext, payment: PaymentInProgress): void {
  const { flow } = payment;
  if (flow.kind !== 'decoupled') return;
  const { signal } = payment.controller;
  const wait = () =>
    throughOutages(() => flow.waitUntilAuthorised({ signal, intervalMs: 1000 }), signal);
  detached(wait).then(
    (status) => {
      if (payment.stage === 'signing') signed(context, payment, status);
    },
    (error: unknown) => {
      if (signal.aborted || payment.stage !== 'signing') return;
      if (endedUnpaid(context, payment, error)) return;
      const problem = problemOf(error, payment.bank.name);
      payment.stage = 'unsigned';
      payment.reason = `${problem.title}: ${problem.text}`;
      payment.requestId = problem.requestId;
    },
  );
}
