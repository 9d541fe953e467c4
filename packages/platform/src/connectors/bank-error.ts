// The one error a bank connector throws. The platform decides from `kind` what the TPP gets;
// the message always names the bank (name and BIC) so the TPP's error and the log say which
// bank failed.

/**
 * - `unavailable`: the bank could not be used (timeout, network error, dropped connection,
 *   5xx, an answer that is not the JSON its API promises). The TPP gets a 503-class error.
 * - `rejected`: the bank answered a 4xx with its reason (Berlin Group tppMessages or an
 *   OAuth error); `status`, `code` and `text` are the bank's.
 * - `unauthorized`: a data call (or a refresh) was refused because the token or the consent
 *   no longer works: `code` tells CONSENT_EXPIRED from CONSENT_INVALID / TOKEN_INVALID /
 *   TOKEN_EXPIRED (or `invalid_grant` for a refused refresh).
 * - `access_denied`: the SCA was denied or failed (by the PSU or the bank).
 */
export type BankErrorKind = 'unavailable' | 'rejected' | 'unauthorized' | 'access_denied';

export interface BankMessage {
  category?: string;
  code?: string;
  text?: string;
  path?: string;
}

export interface BankErrorDetails {
  /** HTTP status the bank answered, if it answered. */
  status?: number;
  /** The bank's code: a Berlin Group tppMessages code or an OAuth `error`. */
  code?: string;
  /** The bank's text for it. */
  text?: string;
  /** Every message the bank sent. */
  messages?: BankMessage[];
  /** Seconds the bank asked to wait (Retry-After), for the TPP's own Retry-After. */
  retryAfterSeconds?: number;
  cause?: unknown;
}

export interface BankIdentity {
  bic: string;
  name: string;
}

export class BankError extends Error {
  override name = 'BankError';
  readonly bic: string;
  readonly bankName: string;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly text: string | undefined;
  readonly messages: BankMessage[];
  readonly retryAfterSeconds: number | undefined;

  constructor(
    readonly kind: BankErrorKind,
    bank: BankIdentity,
    /** What happened, without the bank's name (added here). */
    what: string,
    details: BankErrorDetails = {},
  ) {
    super(`${bank.name} (${bank.bic}): ${what}`, details.cause ? { cause: details.cause } : {});
    this.bic = bank.bic;
    this.bankName = bank.name;
    this.status = details.status;
    this.code = details.code;
    this.text = details.text;
    this.messages = details.messages ?? [];
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

export function isBankError(error: unknown, kind?: BankErrorKind): error is BankError {
  return error instanceof BankError && (kind === undefined || error.kind === kind);
}
