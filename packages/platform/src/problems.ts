/**
 * Every refusal Bankbridge's services and rules raise, in one table: a code, the HTTP status it
 * goes with, and a default text. Services and rules speak no protocol: they throw a `Problem`
 * (or, for pure rules, return one as a value), and each API renders it in its own format:
 * `/psd2` as NextGenPSD2 `tppMessages` (psd2/tpp-messages.ts), `/connect` and `/oauth` as
 * RFC 6749 errors (auth/oauth-error.ts), `/aisp/v1` as `{error, error_description}`
 * (aisp/aisp-error.ts).
 *
 * The codes are the Berlin Group message codes, because `/psd2` is the API most of them are
 * met on, plus a few of Bankbridge's own for outcomes Berlin Group has no message for
 * (`SCA_DENIED`, `SCA_NOT_WAITING`).
 */
export const PROBLEMS = {
  FORMAT_ERROR: { status: 400, text: 'The request is malformed' },
  PARAMETER_NOT_SUPPORTED: { status: 400, text: 'A parameter is not supported' },
  PARAMETER_NOT_CONSISTENT: { status: 400, text: 'The parameters do not fit together' },
  PERIOD_INVALID: { status: 400, text: 'The period asked for is not valid' },
  /** The bank refused the payment when it was initiated (limits, blocked account). */
  PAYMENT_FAILED: { status: 400, text: 'The payment initiation failed' },
  EXECUTION_DATE_INVALID: { status: 400, text: 'The requested execution date is not valid' },
  SCA_METHOD_UNKNOWN: { status: 400, text: 'The bank cannot use this SCA method for the PSU' },
  SESSIONS_NOT_SUPPORTED: { status: 400, text: 'The bank does not offer combined sessions' },
  RESOURCE_BLOCKED: { status: 400, text: 'The resource is blocked at the bank' },
  /**
   * 400, not 405: a request body asking for a service the bank does not offer. A method that is
   * not served is the same code with 405.
   */
  SERVICE_INVALID: { status: 400, text: 'The service asked for is not offered' },
  SERVICE_BLOCKED: { status: 403, text: 'The service is blocked for this client' },
  RESOURCE_UNKNOWN: { status: 404, text: 'There is no such resource' },
  /** 403 when the id came in the path; 400 when it came in the body or a header. */
  RESOURCE_EXPIRED: { status: 403, text: 'The resource has expired' },
  /** A payment product the bank does not offer at all (the path's product). */
  PRODUCT_UNKNOWN: { status: 404, text: 'The payment product is not offered by the bank' },
  /** Offered by the bank, but not for this service or this PSU context. */
  PRODUCT_INVALID: { status: 403, text: 'The payment product is not available for this' },
  /** 403 when the id came in the path; 400 when it came in a header. */
  CONSENT_UNKNOWN: { status: 403, text: 'There is no consent with this id for this client' },
  CONSENT_INVALID: { status: 401, text: 'The consent may not be used for this' },
  CONSENT_EXPIRED: { status: 401, text: 'The consent has expired' },
  /** The PSU-ID (or the PSU's credentials) are not known to the bank. */
  PSU_CREDENTIALS_INVALID: { status: 401, text: 'The bank does not know this PSU' },
  CORPORATE_ID_INVALID: { status: 401, text: 'The bank does not know this PSU-Corporate-ID' },
  TOKEN_INVALID: { status: 401, text: 'The access token is not valid' },
  TOKEN_EXPIRED: { status: 401, text: 'The access token has expired' },
  TOKEN_UNKNOWN: { status: 401, text: 'The access token is not known' },
  CERTIFICATE_MISSING: { status: 401, text: 'A client certificate is required' },
  CERTIFICATE_EXPIRED: { status: 401, text: 'The client certificate has expired' },
  CERTIFICATE_INVALID: { status: 401, text: 'The client certificate is not valid' },
  ROLE_INVALID: { status: 401, text: 'The client has no role for this service' },
  REQUESTED_FORMATS_INVALID: { status: 406, text: 'The format asked for is not offered' },
  STATUS_INVALID: { status: 409, text: 'The resource is in a status that does not allow this' },
  CANCELLATION_INVALID: { status: 405, text: 'The payment cannot be cancelled' },
  /**
   * Not a refusal: Berlin Group (1.3.6+) sends it as a tppMessage of a 200 status answer, after
   * the PSU authorised, when the funds check failed. The status is that of the answer it rides on.
   */
  FUNDS_NOT_AVAILABLE: { status: 200, text: 'The funds for the payment are not available' },
  PAYLOAD_TOO_LARGE: { status: 413, text: 'The request body is too large' },
  ACCESS_EXCEEDED: { status: 429, text: 'The access limit has been reached' },
  INTERNAL_SERVER_ERROR: { status: 500, text: 'An internal error occurred' },
  SERVICE_UNAVAILABLE: { status: 503, text: 'The service is not available; try again later' },
  /** The PSU, or the bank for the PSU, refused the SCA. */
  SCA_DENIED: { status: 403, text: 'The PSU did not authorise it at the bank' },
  /** A redirect step arrived for an authorisation that is not waiting for it. */
  SCA_NOT_WAITING: { status: 409, text: 'The authorisation is not waiting for this step' },
} as const satisfies Record<string, { status: number; text: string }>;

export type ProblemCode = keyof typeof PROBLEMS;

export interface ProblemOptions {
  /** Another status than the table's, where the code's meaning allows it (see the table). */
  status?: number;
  /** Response headers the answer must carry (Retry-After, Allow, WWW-Authenticate). */
  headers?: Record<string, string>;
  /** The request field the problem is about, e.g. `access.balances[0].iban`. */
  path?: string;
  cause?: unknown;
}

/** A refusal, thrown by services and rendered by each API in its own format. */
export class Problem extends Error {
  override name = 'Problem';
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly path: string | undefined;

  constructor(
    readonly code: ProblemCode,
    /** For the developer: what was wrong and what to do. */
    readonly text: string = PROBLEMS[code].text,
    options: ProblemOptions = {},
  ) {
    super(`${code}: ${text}`, options.cause === undefined ? {} : { cause: options.cause });
    this.statusCode = options.status ?? PROBLEMS[code].status;
    this.headers = options.headers ?? {};
    this.path = options.path;
  }

  /** A rule's refusal (`ConsentRuleError` and the like), which rules return as a value. */
  static fromRule(error: {
    code: ProblemCode;
    status?: number;
    text: string;
    path?: string;
  }): Problem {
    return new Problem(error.code, error.text, {
      ...(error.status === undefined ? {} : { status: error.status }),
      ...(error.path === undefined ? {} : { path: error.path }),
    });
  }

  static format(text: string): Problem {
    return new Problem('FORMAT_ERROR', text);
  }

  static resourceUnknown(text: string): Problem {
    return new Problem('RESOURCE_UNKNOWN', text);
  }
}

export function isProblem(error: unknown, code?: ProblemCode): error is Problem {
  return error instanceof Problem && (code === undefined || error.code === code);
}
