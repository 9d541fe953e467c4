/**
 * The one error type of the payment rules: a problem of the one table (`problems.ts`) as a
 * plain value, shaped like the consent rules' error so that `Problem.fromRule` turns either
 * into a `Problem`. Every error about the body names its `path`, e.g.
 * `payments[3].instructedAmount.amount`, because a TPP fixing a bulk of 500 items needs to know
 * which one.
 */
import type { ProblemCode } from '../../problems.js';

export type PaymentRuleCode = Extract<
  ProblemCode,
  | 'FORMAT_ERROR'
  | 'PARAMETER_NOT_SUPPORTED'
  | 'PERIOD_INVALID'
  | 'EXECUTION_DATE_INVALID'
  | 'PAYLOAD_TOO_LARGE'
  | 'SERVICE_INVALID'
  | 'PRODUCT_UNKNOWN'
  | 'PRODUCT_INVALID'
  | 'CANCELLATION_INVALID'
  | 'STATUS_INVALID'
>;

export interface PaymentRuleError {
  code: PaymentRuleCode;
  /** The HTTP status the code goes with (SERVICE_INVALID is 400 for a body, 405 for a method). */
  status: number;
  /** For the TPP developer: what was wrong and, for fields, which one. */
  text: string;
  /** The request field the error is about. */
  path?: string;
}

/** 400 FORMAT_ERROR about one field; the text starts with the field's path. */
export function formatError(path: string, problem: string): PaymentRuleError {
  return { code: 'FORMAT_ERROR', status: 400, text: `${path}: ${problem}`, path };
}

/** A refusal of `code` with the table's status, optionally about one field. */
export function refusal(
  code: PaymentRuleCode,
  status: number,
  text: string,
  path?: string,
): PaymentRuleError {
  return path === undefined ? { code, status, text } : { code, status, text, path };
}

/** 409 STATUS_INVALID: the payment is in a status that does not allow the action. */
export function statusInvalid(text: string): PaymentRuleError {
  return refusal('STATUS_INVALID', 409, text);
}

export type RuleResult<T> = { ok: true; value: T } | { ok: false; error: PaymentRuleError };
