/**
 * Every failure the client reports is a BankbridgeError: the API's `tppMessages` codes each
 * have a class (`ConsentExpiredError`, `AccessExceededError`, ...), the auth server's OAuth
 * errors another family, and what happens on the way (timeouts, network) a third. All carry
 * `code`, `status` (when an answer came), `text` and the `requestId` to quote to support, so
 * `catch (e) { if (e instanceof ConsentExpiredError) ... }` and `switch (e.code)` both work.
 */

/** One entry of a `tppMessages` error body. */
export interface TppMessage {
  category: 'ERROR' | 'WARNING';
  code: string;
  text?: string;
  path?: string;
}

export interface ErrorDetails {
  code: string;
  text: string;
  status?: number | undefined;
  /** X-Request-IDs of every attempt, the last one last. */
  requestIds?: string[];
  method?: string;
  url?: string;
  headers?: Headers;
  cause?: unknown;
}

export class BankbridgeError extends Error {
  override name = 'BankbridgeError';
  /** The Berlin Group code, the OAuth error, or the client's own (`TIMEOUT`, `NETWORK_ERROR`). */
  readonly code: string;
  /** HTTP status of the answer; undefined when none came (timeout, network). */
  readonly status: number | undefined;
  /** What went wrong, in Bankbridge's words where it answered. */
  readonly text: string;
  /** X-Request-ID of the last attempt: quote it when asking why a call failed. */
  readonly requestId: string | undefined;
  /** X-Request-IDs of every attempt when the call was retried. */
  readonly requestIds: readonly string[];
  readonly method: string | undefined;
  readonly url: string | undefined;
  /** Response headers, when an answer came. */
  readonly headers: Headers | undefined;

  constructor(details: ErrorDetails) {
    const requestId = details.requestIds?.at(-1);
    super(
      `${details.code}${details.status ? ` (${details.status})` : ''}: ${details.text}` +
        (requestId ? ` [X-Request-ID ${requestId}]` : ''),
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.code = details.code;
    this.status = details.status;
    this.text = details.text;
    this.requestIds = details.requestIds ?? [];
    this.requestId = requestId;
    this.method = details.method;
    this.url = details.url;
    this.headers = details.headers;
  }
}

/** The API answered with an error (`tppMessages`), or with an error status and no such body. */
export class ApiError extends BankbridgeError {
  override name = 'ApiError';
  /** Every message of the answer; `code` and `text` are the first error's. */
  readonly tppMessages: readonly TppMessage[];

  constructor(details: ErrorDetails & { status: number }, tppMessages: TppMessage[] = []) {
    super(details);
    this.tppMessages = tppMessages;
  }
}

/** 400 FORMAT_ERROR: a header, parameter or body the API could not accept; `text` says which. */
export class FormatError extends ApiError {
  override name = 'FormatError';
}
/** 400 PARAMETER_NOT_SUPPORTED: e.g. a query parameter this bank does not support. */
export class ParameterNotSupportedError extends ApiError {
  override name = 'ParameterNotSupportedError';
}
/** 400 PARAMETER_NOT_CONSISTENT: parameters that contradict each other. */
export class ParameterNotConsistentError extends ApiError {
  override name = 'ParameterNotConsistentError';
}
/** 400 PERIOD_INVALID: dateFrom/dateTo outside what the bank holds or in the wrong order. */
export class PeriodInvalidError extends ApiError {
  override name = 'PeriodInvalidError';
}
/** 405 or 400 SERVICE_INVALID: something the bank does not offer (e.g. a bank-offered consent). */
export class ServiceInvalidError extends ApiError {
  override name = 'ServiceInvalidError';
}
/** 403 SERVICE_BLOCKED. */
export class ServiceBlockedError extends ApiError {
  override name = 'ServiceBlockedError';
}
/** 404 RESOURCE_UNKNOWN: an account, transaction or authorisation that is not there. */
export class ResourceUnknownError extends ApiError {
  override name = 'ResourceUnknownError';
}
/** 400/403 CONSENT_UNKNOWN: no such consent for this client (another client's looks the same). */
export class ConsentUnknownError extends ApiError {
  override name = 'ConsentUnknownError';
}
/** 401 CONSENT_INVALID: the consent is not valid (not authorised yet, rejected, revoked, ended). */
export class ConsentInvalidError extends ApiError {
  override name = 'ConsentInvalidError';
}
/** 401 CONSENT_EXPIRED: the consent's validUntil passed, or a one-off consent was used up. */
export class ConsentExpiredError extends ApiError {
  override name = 'ConsentExpiredError';
}
/** 401 TOKEN_INVALID / TOKEN_UNKNOWN: the access token was refused (the client renews it once). */
export class TokenInvalidError extends ApiError {
  override name = 'TokenInvalidError';
}
/** 401 TOKEN_EXPIRED. */
export class TokenExpiredError extends TokenInvalidError {
  override name = 'TokenExpiredError';
}
/** 406 REQUESTED_FORMATS_INVALID. */
export class RequestedFormatsInvalidError extends ApiError {
  override name = 'RequestedFormatsInvalidError';
}
/** 409 STATUS_INVALID: e.g. authorising a consent that already ended. */
export class StatusInvalidError extends ApiError {
  override name = 'StatusInvalidError';
}

/** Errors after which the caller may try again later; `retryAt` when the answer said when. */
abstract class RetryLaterError extends ApiError {
  /** Seconds to wait, from a `Retry-After` header; undefined when the answer gave none. */
  readonly retryAfterSeconds: number | undefined;
  /** When to try again, from `Retry-After`; undefined when the answer gave none. */
  readonly retryAt: Date | undefined;

  constructor(details: ErrorDetails & { status: number }, tppMessages: TppMessage[], now: number) {
    super(details, tppMessages);
    const retry = retryTime(details.headers, now);
    this.retryAfterSeconds = retry.seconds;
    this.retryAt = retry.at;
  }
}

/** 429 ACCESS_EXCEEDED: the consent's frequencyPerDay budget for this read is used up. */
export class AccessExceededError extends RetryLaterError {
  override name = 'AccessExceededError';
}
/** 503 SERVICE_UNAVAILABLE: the bank (or Bankbridge) could not answer now; GETs are retried. */
export class ServiceUnavailableError extends RetryLaterError {
  override name = 'ServiceUnavailableError';
}
/** 500 INTERNAL_SERVER_ERROR: quote `requestId` when reporting it. */
export class InternalServerError extends ApiError {
  override name = 'InternalServerError';
}

/** The auth server (`/connect/token`) refused: RFC 6749 `error` and `error_description`. */
export class OAuthError extends BankbridgeError {
  override name = 'OAuthError';
}
/** `invalid_client`: wrong client id or secret, or a disabled client. */
export class InvalidClientError extends OAuthError {
  override name = 'InvalidClientError';
}
/** `invalid_grant`: an authorization code that is wrong, used, expired or for another consent. */
export class InvalidGrantError extends OAuthError {
  override name = 'InvalidGrantError';
}
/** `invalid_scope`: a scope the client may not ask for. */
export class InvalidScopeError extends OAuthError {
  override name = 'InvalidScopeError';
}

/** No answer within the client's `timeoutMs` (after any retries). */
export class TimeoutError extends BankbridgeError {
  override name = 'TimeoutError';
}
/** The request did not reach Bankbridge or the connection broke (after any retries). */
export class NetworkError extends BankbridgeError {
  override name = 'NetworkError';
}
/** A success status whose body is not the JSON the API promises. */
export class UnexpectedResponseError extends BankbridgeError {
  override name = 'UnexpectedResponseError';
}

/**
 * The PSU's authentication ended without a valid consent: denied or failed at the bank, the
 * consent rejected, or ended while waiting. `consentStatus` is the consent's last status.
 */
export class ScaFailedError extends BankbridgeError {
  override name = 'ScaFailedError';
  readonly consentStatus: string | undefined;
  /**
   * True when the PSU approved at the bank (the bank sent the code back and it was redeemed)
   * and the bank still did not make the consent valid: the bank refused, the PSU did not.
   */
  readonly approvedByPsu: boolean;

  constructor(
    details: ErrorDetails,
    consentStatus: string | undefined,
    options: { approvedByPsu?: boolean } = {},
  ) {
    super(details);
    this.consentStatus = consentStatus;
    this.approvedByPsu = options.approvedByPsu ?? false;
  }
}

/**
 * The payment ended without being executed: the bank rejected it (`failed`, RJCT) or it was
 * cancelled (`cancelled`, CANC). `reason` is the bank's, from the status answer's tppMessages
 * (e.g. FUNDS_NOT_AVAILABLE), when it gave one.
 */
export class PaymentFailedError extends BankbridgeError {
  override name = 'PaymentFailedError';
  readonly paymentId: string;
  readonly transactionStatus: string;
  readonly state: 'failed' | 'cancelled';
  readonly reason: TppMessage | undefined;

  constructor(
    details: ErrorDetails,
    payment: {
      paymentId: string;
      transactionStatus: string;
      state: 'failed' | 'cancelled';
      reason?: TppMessage | undefined;
    },
  ) {
    super(details);
    this.paymentId = payment.paymentId;
    this.transactionStatus = payment.transactionStatus;
    this.state = payment.state;
    this.reason = payment.reason;
  }
}

/** A redirect callback that does not belong to this authorisation (state) or has no code. */
export class RedirectCallbackError extends BankbridgeError {
  override name = 'RedirectCallbackError';
}

type ApiErrorClass = new (
  details: ErrorDetails & { status: number },
  messages: TppMessage[],
  now: number,
) => ApiError;

const BY_CODE: Record<string, ApiErrorClass> = {
  FORMAT_ERROR: FormatError,
  PARAMETER_NOT_SUPPORTED: ParameterNotSupportedError,
  PARAMETER_NOT_CONSISTENT: ParameterNotConsistentError,
  PERIOD_INVALID: PeriodInvalidError,
  SERVICE_INVALID: ServiceInvalidError,
  SERVICE_BLOCKED: ServiceBlockedError,
  RESOURCE_UNKNOWN: ResourceUnknownError,
  CONSENT_UNKNOWN: ConsentUnknownError,
  CONSENT_INVALID: ConsentInvalidError,
  CONSENT_EXPIRED: ConsentExpiredError,
  TOKEN_INVALID: TokenInvalidError,
  TOKEN_UNKNOWN: TokenInvalidError,
  TOKEN_EXPIRED: TokenExpiredError,
  REQUESTED_FORMATS_INVALID: RequestedFormatsInvalidError,
  STATUS_INVALID: StatusInvalidError,
  ACCESS_EXCEEDED: AccessExceededError,
  SERVICE_UNAVAILABLE: ServiceUnavailableError,
  INTERNAL_SERVER_ERROR: InternalServerError,
};

/**
 * The error for an API answer with an error status: by the first ERROR message's code, or
 * by the status when the body is not `tppMessages` (a proxy's HTML 502, say).
 */
export function apiErrorFrom(
  details: Omit<ErrorDetails, 'code' | 'text'> & { status: number; headers: Headers },
  body: unknown,
  now: number,
): ApiError {
  const messages = tppMessagesOf(body);
  const first = messages.find((m) => m.category === 'ERROR') ?? messages[0];
  const { status } = details;
  const code =
    first?.code ??
    (status === 502 || status === 503 || status === 504
      ? 'SERVICE_UNAVAILABLE'
      : status === 500
        ? 'INTERNAL_SERVER_ERROR'
        : `HTTP_${status}`);
  const text = first?.text ?? `the API answered ${status} without tppMessages`;
  const ErrorClass = BY_CODE[code] ?? ApiError;
  return new ErrorClass({ ...details, code, text }, messages, now);
}

const OAUTH_BY_CODE: Record<string, typeof OAuthError> = {
  invalid_client: InvalidClientError,
  invalid_grant: InvalidGrantError,
  invalid_scope: InvalidScopeError,
};

/** The error for an auth server answer with an error status (RFC 6749 5.2). */
export function oauthErrorFrom(
  details: Omit<ErrorDetails, 'code' | 'text'> & { status: number },
  body: unknown,
): OAuthError {
  const fields = isObject(body) ? body : {};
  const code = typeof fields.error === 'string' ? fields.error : `HTTP_${details.status}`;
  const text =
    typeof fields.error_description === 'string'
      ? fields.error_description
      : `the auth server answered ${details.status}`;
  const ErrorClass = OAUTH_BY_CODE[code] ?? OAuthError;
  return new ErrorClass({ ...details, code, text });
}

/** `Retry-After` in seconds (RFC 9110: delay-seconds or an HTTP date), or undefined. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * @internal The wait a `Retry-After` header asks for, in seconds and as the time to try again;
 * both undefined without one.
 */
export function retryTime(
  headers: Headers | undefined,
  now: number,
): { seconds: number | undefined; at: Date | undefined } {
  const seconds = parseRetryAfter(headers?.get('retry-after') ?? null, now);
  return { seconds, at: seconds === undefined ? undefined : new Date(now + seconds * 1000) };
}

function tppMessagesOf(body: unknown): TppMessage[] {
  if (!isObject(body) || !Array.isArray(body.tppMessages)) return [];
  return body.tppMessages.filter((m): m is TppMessage => isObject(m) && typeof m.code === 'string');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
