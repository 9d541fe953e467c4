/**
 * The errors of Bankbridge's simple AISP API (`/aisp/v1`): its answers carry
 * `{error, error_description, timestamp, request_id}`; each `error` has a class here, all
 * BankbridgeErrors with `code`, `status`, `text` and `requestId` like the rest of the client.
 */
import { BankbridgeError, type ErrorDetails, retryTime } from './errors.js';

/** An error answer of /aisp/v1. */
export class AispApiError extends BankbridgeError {
  override name = 'AispApiError';
  /** When Bankbridge answered, from the body's `timestamp`. */
  readonly timestamp: Date | undefined;

  constructor(details: ErrorDetails & { status: number }, timestamp?: string) {
    super(details);
    const at = timestamp === undefined ? Number.NaN : Date.parse(timestamp);
    this.timestamp = Number.isNaN(at) ? undefined : new Date(at);
  }
}

/** 400 `invalid_request`: a parameter or header the API (or the bank) could not accept. */
export class AispInvalidRequestError extends AispApiError {
  override name = 'AispInvalidRequestError';
}
/**
 * 401 `invalid_token`: the access token is missing, expired or revoked, or its consent has
 * ended. The AISP session refreshes an expired token by itself; when that fails too, send the
 * user through `authorizationUrl()` again.
 */
export class AispInvalidTokenError extends AispApiError {
  override name = 'AispInvalidTokenError';
}
/** 403 `insufficient_scope`: the token was not given the scope this read needs. */
export class AispInsufficientScopeError extends AispApiError {
  override name = 'AispInsufficientScopeError';
  /** The scope the read needs, from the `WWW-Authenticate` challenge. */
  readonly scope: string | undefined;

  constructor(details: ErrorDetails & { status: number }, timestamp?: string) {
    super(details, timestamp);
    this.scope = /scope="([^"]*)"/.exec(details.headers?.get('www-authenticate') ?? '')?.[1];
  }
}
/** 403 `access_denied`: the user did not share this (an account's balances, say) at the bank. */
export class AispAccessDeniedError extends AispApiError {
  override name = 'AispAccessDeniedError';
}
/** 404 `not_found`: no account with this id under this token. */
export class AispNotFoundError extends AispApiError {
  override name = 'AispNotFoundError';
}

/** Errors after which the caller may try again later; `retryAt` when the answer said when. */
export class AispRetryLaterError extends AispApiError {
  override name = 'AispRetryLaterError';
  readonly retryAfterSeconds: number | undefined;
  readonly retryAt: Date | undefined;

  constructor(
    details: ErrorDetails & { status: number },
    timestamp: string | undefined,
    now: number,
  ) {
    super(details, timestamp);
    const retry = retryTime(details.headers, now);
    this.retryAfterSeconds = retry.seconds;
    this.retryAt = retry.at;
  }
}
/** 429 `rate_limit_exceeded`: your client's rate limit; `retryAfterSeconds` says when. */
export class AispRateLimitError extends AispRetryLaterError {
  override name = 'AispRateLimitError';
}
/**
 * 429 `access_exceeded`: the bank's reads of this account while the user is away are used up
 * for today; read with `psu` when the user is using your app.
 */
export class AispAccessExceededError extends AispRetryLaterError {
  override name = 'AispAccessExceededError';
}
/** 503 `temporarily_unavailable`: the bank could not be reached; GETs were retried already. */
export class AispUnavailableError extends AispRetryLaterError {
  override name = 'AispUnavailableError';
}

/** The user's way back to your redirect URI said no: `error=access_denied`, say. */
export class AispAuthorizationError extends BankbridgeError {
  override name = 'AispAuthorizationError';
}

type AispErrorClass = new (
  details: ErrorDetails & { status: number },
  timestamp: string | undefined,
  now: number,
) => AispApiError;

const BY_CODE: Record<string, AispErrorClass> = {
  invalid_request: AispInvalidRequestError,
  invalid_token: AispInvalidTokenError,
  insufficient_scope: AispInsufficientScopeError,
  access_denied: AispAccessDeniedError,
  not_found: AispNotFoundError,
  rate_limit_exceeded: AispRateLimitError,
  access_exceeded: AispAccessExceededError,
  temporarily_unavailable: AispUnavailableError,
};

/** The error for an /aisp/v1 answer with an error status (for the transport's `errors`). */
export function aispErrorFrom(
  details: Omit<ErrorDetails, 'code' | 'text'> & { status: number; headers: Headers },
  body: unknown,
  now: number,
): AispApiError {
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const { status } = details;
  const code =
    typeof fields.error === 'string'
      ? fields.error
      : status === 502 || status === 503 || status === 504
        ? 'temporarily_unavailable'
        : status === 500
          ? 'server_error'
          : `HTTP_${status}`;
  const text =
    typeof fields.error_description === 'string'
      ? fields.error_description
      : `the API answered ${status}`;
  const timestamp = typeof fields.timestamp === 'string' ? fields.timestamp : undefined;
  const ErrorClass = BY_CODE[code] ?? AispApiError;
  return new ErrorClass({ ...details, code, text }, timestamp, now);
}
