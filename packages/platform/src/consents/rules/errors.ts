/**
 * The one error type of the consent and SCA rules: a problem of the one table (`problems.ts`)
 * as a plain value, not an exception, so that a rule's caller decides what to do with it. The
 * services throw it as a `Problem` (`Problem.fromRule(error)`), and each API renders that in
 * its own format.
 */
import type { ProblemCode } from '../../problems.js';

/** The problem codes these rules answer with. */
export type ConsentRuleCode = Extract<
  ProblemCode,
  | 'FORMAT_ERROR'
  | 'PARAMETER_NOT_SUPPORTED'
  | 'SERVICE_INVALID'
  | 'STATUS_INVALID'
  | 'CONSENT_INVALID'
  | 'CONSENT_EXPIRED'
  | 'RESOURCE_UNKNOWN'
  | 'ACCESS_EXCEEDED'
>;

/** What went wrong, for code that branches on it (the `code` is what the TPP sees). */
export type ConsentRuleErrorKind =
  /** A field is missing, of the wrong type or malformed. */
  | 'invalidField'
  /** The request is well formed but asks for something the bank does not offer. */
  | 'serviceNotOffered'
  /** The request uses a parameter Bankbridge does not support. */
  | 'parameterNotSupported'
  /** A status change that the consent or SCA state machine does not allow. */
  | 'illegalTransition'
  /** A data call on a consent that may not be used (not authorised, ended). */
  | 'consentNotUsable'
  /** A data call on an account outside the consent. */
  | 'accountNotInConsent'
  /** A data call the consent does not grant for an account it covers. */
  | 'accessNotGranted'
  /** A data call over the consent's daily (or one-off) budget. */
  | 'accessExceeded';

export interface ConsentRuleError {
  kind: ConsentRuleErrorKind;
  code: ConsentRuleCode;
  /** The HTTP status the code goes with. */
  status: number;
  /** For the TPP developer: says what was wrong and, for fields, which one. */
  text: string;
  /** The request field the error is about, e.g. `access.balances[0].iban`. */
  path?: string;
}

/** The `tppMessages` entry of an error, for callers that build the body themselves. */
export function toTppMessage(error: ConsentRuleError): {
  category: 'ERROR';
  code: ConsentRuleCode;
  text: string;
  path?: string;
} {
  return error.path === undefined
    ? { category: 'ERROR', code: error.code, text: error.text }
    : { category: 'ERROR', code: error.code, text: error.text, path: error.path };
}

/** 400 FORMAT_ERROR about one field; the text starts with the field's path. */
export function formatError(path: string, problem: string): ConsentRuleError {
  return {
    kind: 'invalidField',
    code: 'FORMAT_ERROR',
    status: 400,
    text: `${path}: ${problem}`,
    path,
  };
}

/**
 * 400 SERVICE_INVALID: the bank does not offer the consent form asked for.
 * Decision: 400, not 405. The design notes list SERVICE_INVALID with 405, which Berlin Group
 * uses when the HTTP method is the problem; for a request *body* asking for an unsupported
 * service Berlin Group answers 400, and that is the only use here.
 */
export function serviceInvalid(path: string, text: string): ConsentRuleError {
  return { kind: 'serviceNotOffered', code: 'SERVICE_INVALID', status: 400, text, path };
}

/** 400 PARAMETER_NOT_SUPPORTED: a parameter the contract allows but Bankbridge does not offer. */
export function parameterNotSupported(path: string, text: string): ConsentRuleError {
  return {
    kind: 'parameterNotSupported',
    code: 'PARAMETER_NOT_SUPPORTED',
    status: 400,
    text,
    path,
  };
}

/** 409 STATUS_INVALID: the resource is in a status that does not allow the action. */
export function statusInvalid(text: string): ConsentRuleError {
  return { kind: 'illegalTransition', code: 'STATUS_INVALID', status: 409, text };
}
