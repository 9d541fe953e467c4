/**
 * Payment statuses (ISO 20022 `ExternalPaymentTransactionStatus1Code`, the contract's
 * `transactionStatus`) and the lifecycle Bankbridge drives them through. Every change of a
 * payment's status goes through `transitionPayment` (Bankbridge's own events) or
 * `adoptBankStatus` (what the bank reports); the caller records the change with its time,
 * request id and source.
 *
 *   RCVD ──scaPartlyFinalised──► PATC ──scaFinalised──┐
 *   RCVD ──scaFinalised──────────────────────────────► ACTC ──bankAccepted──► ACSP ──booked──► ACSC ──credited──► ACCC
 *                                                      ACTC ──booked (instant, own account)──► ACSC
 *                                     ACTC | ACSP ──pending──► PDNG ──bankAccepted──► ACSP
 *   RCVD | PATC ──expired (authorisation not completed in time)──► RJCT
 *   any open status ──rejected──► RJCT      any open status ──cancelled──► CANC
 *   ACTC | ACSP | PDNG ──partlyExecuted (bulk: some items rejected)──► PART
 *
 * Decisions:
 * - Terminal (never change again, every event refused with 409 STATUS_INVALID): ACCC, RJCT,
 *   CANC, PART. ACSC is final for the debtor (no authorisation, no cancellation) but may still
 *   become ACCC when the creditor side is confirmed, so it is not terminal.
 * - ACCP, ACFC, ACWC and ACWP are statuses some banks report between ACTC and ACSP; Bankbridge
 *   has no event of its own that leads there, `adoptBankStatus` takes them over from the bank.
 * - A periodic payment stays ACSP while its series runs: booking one occurrence is a posting,
 *   not a status change; `booked` is for the last one.
 */
import { type PaymentRuleError, statusInvalid } from './errors.js';

export const TRANSACTION_STATUSES = [
  'ACCC',
  'ACCP',
  'ACSC',
  'ACSP',
  'ACTC',
  'ACWC',
  'ACWP',
  'RCVD',
  'PDNG',
  'RJCT',
  'CANC',
  'ACFC',
  'PATC',
  'PART',
] as const;
export type TransactionStatus = (typeof TRANSACTION_STATUSES)[number];

/** ISO 20022 names (the contract leaves ACSP unnamed and calls ACCC like ACSC). */
export const TRANSACTION_STATUS_NAMES: Record<TransactionStatus, string> = {
  ACCC: 'AcceptedSettlementCompletedCreditor',
  ACCP: 'AcceptedCustomerProfile',
  ACSC: 'AcceptedSettlementCompleted',
  ACSP: 'AcceptedSettlementInProcess',
  ACTC: 'AcceptedTechnicalValidation',
  ACWC: 'AcceptedWithChange',
  ACWP: 'AcceptedWithoutPosting',
  RCVD: 'Received',
  PDNG: 'Pending',
  RJCT: 'Rejected',
  CANC: 'Cancelled',
  ACFC: 'AcceptedFundsChecked',
  PATC: 'PartiallyAcceptedTechnicalCorrect',
  PART: 'PartiallyAccepted',
};

/** Where a new payment starts: RCVD, as Berlin Group and the vendor's sample (not the docs' ACTC). */
export const INITIAL_TRANSACTION_STATUS: TransactionStatus = 'RCVD';

const TERMINAL = new Set<TransactionStatus>(['ACCC', 'RJCT', 'CANC', 'PART']);

export function isTerminalTransactionStatus(status: TransactionStatus): boolean {
  return TERMINAL.has(status);
}

/** Not yet authorised: RCVD, or PATC while more signatures are needed. */
export function isAwaitingAuthorisation(status: TransactionStatus): boolean {
  return status === 'RCVD' || status === 'PATC';
}

export const PAYMENT_EVENTS = [
  /** Some, not all, of the authorisations a multilevel (corporate) payment needs are done. */
  'scaPartlyFinalised',
  /** The last required authorisation was finalised or exempted. */
  'scaFinalised',
  /** The bank accepted the payment for execution (waiting for clearing, date or cut-off). */
  'bankAccepted',
  /** The bank holds the payment for further checks (funds with NoFunds-Preferred false, AML). */
  'pending',
  /** The debtor account was debited (for a periodic payment: the series has ended). */
  'booked',
  /** The creditor account was credited (both sides at a bank Bankbridge sees). */
  'credited',
  /** Some items of a bulk were rejected, the others executed. */
  'partlyExecuted',
  /** The bank rejected it: funds, limits, blocked account, a failed authorisation it reports. */
  'rejected',
  /** Cancelled (DELETE before authorisation, or a finalised cancellation authorisation). */
  'cancelled',
  /** Not authorised within the authorisation time (Berlin Group 1.3.11: RJCT). */
  'expired',
] as const;
export type PaymentEvent = (typeof PAYMENT_EVENTS)[number];

const OPEN_AFTER_AUTHORISATION: TransactionStatus[] = [
  'ACTC',
  'ACCP',
  'ACFC',
  'ACWC',
  'ACWP',
  'ACSP',
  'PDNG',
];

function from(statuses: TransactionStatus[], to: TransactionStatus) {
  return Object.fromEntries(statuses.map((s) => [s, to])) as Partial<
    Record<TransactionStatus, TransactionStatus>
  >;
}

const TRANSITIONS: Record<PaymentEvent, Partial<Record<TransactionStatus, TransactionStatus>>> = {
  scaPartlyFinalised: from(['RCVD', 'PATC'], 'PATC'),
  // Decision: a second finalisation of an authorised payment (two authorisations raced) is
  // refused, not absorbed: the caller must fail the second authorisation, never execute twice.
  scaFinalised: from(['RCVD', 'PATC'], 'ACTC'),
  bankAccepted: from(['ACTC', 'ACCP', 'ACFC', 'ACWC', 'ACWP', 'PDNG', 'ACSP'], 'ACSP'),
  pending: from(['ACTC', 'ACCP', 'ACFC', 'ACWC', 'ACSP', 'PDNG'], 'PDNG'),
  booked: from(['ACTC', 'ACCP', 'ACFC', 'ACWC', 'ACSP', 'PDNG', 'ACSC'], 'ACSC'),
  credited: from(['ACTC', 'ACCP', 'ACFC', 'ACWC', 'ACSP', 'PDNG', 'ACSC'], 'ACCC'),
  partlyExecuted: from(['ACTC', 'ACSP', 'PDNG'], 'PART'),
  rejected: from(['RCVD', 'PATC', ...OPEN_AFTER_AUTHORISATION], 'RJCT'),
  cancelled: from(['RCVD', 'PATC', ...OPEN_AFTER_AUTHORISATION], 'CANC'),
  expired: from(['RCVD', 'PATC'], 'RJCT'),
};

const DESCRIBE: Record<PaymentEvent, string> = {
  scaPartlyFinalised: 'record an authorisation of',
  scaFinalised: 'authorise',
  bankAccepted: 'accept',
  pending: 'hold',
  booked: 'book',
  credited: 'credit',
  partlyExecuted: 'partly execute',
  rejected: 'reject',
  cancelled: 'cancel',
  expired: 'expire',
};

export type PaymentTransition =
  | { ok: true; status: TransactionStatus; changed: boolean }
  | { ok: false; error: PaymentRuleError; from: TransactionStatus; event: PaymentEvent };

/** The status `event` leads to from `status`, or a 409 STATUS_INVALID refusal. */
export function transitionPayment(
  status: TransactionStatus,
  event: PaymentEvent,
): PaymentTransition {
  const next = isTerminalTransactionStatus(status) ? undefined : TRANSITIONS[event][status];
  if (next === undefined) {
    const why = isTerminalTransactionStatus(status)
      ? `the payment has ended (transactionStatus ${status})`
      : `the payment has transactionStatus ${status}`;
    return {
      ok: false,
      error: statusInvalid(`Cannot ${DESCRIBE[event]} this payment: ${why}`),
      from: status,
      event,
    };
  }
  return { ok: true, status: next, changed: next !== status };
}

/**
 * A bank's `transactionStatus` value, compared without regard to case or surrounding spaces;
 * undefined for a value that is no ISO code the contract lists. The caller keeps the status it
 * has and logs the value rather than guessing.
 */
export function readBankTransactionStatus(raw: unknown): TransactionStatus | undefined {
  if (typeof raw !== 'string') return undefined;
  const wanted = raw.trim().toUpperCase();
  return TRANSACTION_STATUSES.find((status) => status === wanted);
}

/** How far along a status is, for taking over what a bank reports. */
const STAGE: Record<TransactionStatus, number> = {
  RCVD: 0,
  PATC: 1,
  ACTC: 2,
  ACCP: 2,
  ACFC: 2,
  ACWC: 2,
  ACWP: 2,
  ACSP: 3,
  PDNG: 3,
  ACSC: 4,
  ACCC: 5,
  RJCT: 6,
  CANC: 6,
  PART: 6,
};

/**
 * The status to keep when the bank reports `reported` for a payment Bankbridge has at
 * `current`. A terminal status never changes: a different report on it is refused (the caller
 * logs it; the payment stays as it is). A report that goes back (RCVD after ACSP, as a lagging
 * bank can send) is ignored, not an error. Moves within a stage (ACTC → ACFC, PDNG → ACSP)
 * are taken.
 */
export function adoptBankStatus(
  current: TransactionStatus,
  reported: TransactionStatus,
):
  | { ok: true; status: TransactionStatus; changed: boolean }
  | { ok: false; error: PaymentRuleError } {
  if (reported === current) return { ok: true, status: current, changed: false };
  if (isTerminalTransactionStatus(current)) {
    return {
      ok: false,
      error: statusInvalid(
        `The payment has ended (transactionStatus ${current}); the bank's ${reported} is not taken over`,
      ),
    };
  }
  if (STAGE[reported] < STAGE[current]) return { ok: true, status: current, changed: false };
  return { ok: true, status: reported, changed: true };
}
