/**
 * The refusals of the SCA rules: problems of the one table (`problems.ts`) as plain values,
 * which the SCA service throws as `Problem`s.
 */
import type { ProblemCode } from '../../problems.js';

export interface ScaRuleError {
  /** What went wrong, for code that branches on it (the `code` is what the TPP sees). */
  kind: 'invalidField' | 'illegalTransition';
  code: Extract<ProblemCode, 'FORMAT_ERROR' | 'STATUS_INVALID' | 'SCA_METHOD_UNKNOWN'>;
  status: number;
  text: string;
  path?: string;
}

/** 400 FORMAT_ERROR about one field; the text starts with the field's path. */
export function formatError(path: string, problem: string): ScaRuleError {
  return {
    kind: 'invalidField',
    code: 'FORMAT_ERROR',
    status: 400,
    text: `${path}: ${problem}`,
    path,
  };
}

/** 400 SCA_METHOD_UNKNOWN: a well-formed method id the bank does not offer. */
export function scaMethodUnknown(path: string, problem: string): ScaRuleError {
  return {
    kind: 'invalidField',
    code: 'SCA_METHOD_UNKNOWN',
    status: 400,
    text: `${path}: ${problem}`,
    path,
  };
}

/** 409 STATUS_INVALID: the authorisation is in a status that does not allow the step. */
export function statusInvalid(text: string): ScaRuleError {
  return { kind: 'illegalTransition', code: 'STATUS_INVALID', status: 409, text };
}
