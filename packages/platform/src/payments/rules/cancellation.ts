/**
 * Whether, and how, a payment can be cancelled (DELETE on the payment). The answers, in the
 * order they are decided:
 *  1. the bank offers no cancellation (registry `payments.cancellation`): 405 SERVICE_INVALID,
 *     whatever the payment's status: the method is not served for this bank;
 *  2. the payment has ended or been executed (ACSC, ACCC, RJCT, CANC, PART), or its product
 *     is instant: 405 CANCELLATION_INVALID;
 *  3. not yet authorised (RCVD, PATC): cancelled at once, no SCA (204, CANC);
 *  4. authorised, and the execution date's cut-off has passed at the bank: 405
 *     CANCELLATION_INVALID;
 *  5. otherwise a cancellation authorisation is needed (202 with a `startAuthorisation` link);
 *     the payment becomes CANC when it is finalised.
 *
 * Decisions:
 * - An authorised payment always needs a cancellation SCA (Berlin Group IG 5.6 as banks quote
 *   it): the TPP alone may stop what it started, not undo what the PSU signed.
 * - The cut-off applies on the execution day: a payment due today (no requested date, or
 *   today's) can no longer be cancelled after the bank's `cutOffTime` (local time); one due on
 *   a later day can. Without a `cutOffTime`, an authorised payment due today can no longer be
 *   cancelled at all (it may be executing).
 * - Periodic payments (ACSP while the series runs) can be cancelled until the series ends:
 *   CANC stops future occurrences, booked ones stay.
 */
import { localDate } from '../../consents/rules/dates.js';
import { type PaymentRuleError, refusal } from './errors.js';
import { isAwaitingAuthorisation, type TransactionStatus } from './status.js';

export type CancellationDecision =
  | { ok: true; action: 'cancelNow' }
  | { ok: true; action: 'authorisationNeeded' }
  | { ok: false; error: PaymentRuleError };

export interface CancellationRequest {
  status: TransactionStatus;
  service: 'payments' | 'periodic-payments' | 'bulk-payments';
  /** Instant products (instant SEPA, own-account transfers) execute as soon as authorised. */
  instant: boolean;
  /** The requested execution date (or periodic start), if any; absent means "as soon as possible". */
  executionDate?: string;
  bank: { cancellation: boolean; cutOffTime?: string };
  now: Date;
  timeZone: string;
}

const ENDED = new Set<TransactionStatus>(['ACSC', 'ACCC', 'RJCT', 'CANC', 'PART']);

function cancellationInvalid(text: string): CancellationDecision {
  return { ok: false, error: refusal('CANCELLATION_INVALID', 405, text) };
}

function localTime(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const hour = parts.find((p) => p.type === 'hour')?.value ?? '00';
  const minute = parts.find((p) => p.type === 'minute')?.value ?? '00';
  return `${hour}:${minute}`;
}

/**
 * Rule 1 alone, which needs no status: the service asks it before reading the payment's
 * status at the bank, so a DELETE the bank would never serve costs no bank call.
 */
export function cancellationOffered(bank: {
  cancellation: boolean;
}): { ok: true } | { ok: false; error: PaymentRuleError } {
  if (bank.cancellation) return { ok: true };
  return {
    ok: false,
    error: refusal('SERVICE_INVALID', 405, 'This bank does not offer the cancellation of payments'),
  };
}

export function decideCancellation(request: CancellationRequest): CancellationDecision {
  const { status, bank } = request;
  const offered = cancellationOffered(bank);
  if (!offered.ok) return offered;
  if (ENDED.has(status)) {
    return cancellationInvalid(
      status === 'CANC'
        ? 'The payment is already cancelled'
        : `The payment can no longer be cancelled (transactionStatus ${status})`,
    );
  }
  if (isAwaitingAuthorisation(status)) return { ok: true, action: 'cancelNow' };
  if (request.instant) {
    return cancellationInvalid('An instant payment cannot be cancelled once authorised');
  }
  if (request.service !== 'periodic-payments') {
    const today = localDate(request.now, request.timeZone);
    const due = request.executionDate ?? today;
    if (due <= today) {
      const cutOff = bank.cutOffTime;
      if (
        cutOff === undefined ||
        due < today ||
        localTime(request.now, request.timeZone) >= cutOff
      ) {
        return cancellationInvalid(
          cutOff === undefined
            ? 'The payment is due today and may already be executing'
            : `The bank's cut-off time (${cutOff}) for today's payments has passed`,
        );
      }
    }
  }
  return { ok: true, action: 'authorisationNeeded' };
}
