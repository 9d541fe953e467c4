/**
 * The one error type of the simple AISP API (`/aisp/v1`). Every refusal is rendered as
 *   {"error": "invalid_request", "error_description": "...", "timestamp": "<ISO 8601>",
 *    "request_id": "<X-Request-ID>"}
 * with a standard HTTP status. Token problems follow RFC 6750 (401 `invalid_token`, 403
 * `insufficient_scope`, each with `WWW-Authenticate: Bearer ...`); the other codes are this
 * API's own, snake_case like OAuth's, and listed in its OpenAPI document. The services'
 * refusals (`Problem`s) are rendered here too, by what they mean to an app (`aispErrorOf`).
 */
import type { Problem, ProblemCode } from '../problems.js';

export const AISP_ERROR_CODES = {
  invalid_request: 400,
  invalid_token: 401,
  insufficient_scope: 403,
  access_denied: 403,
  not_found: 404,
  method_not_allowed: 405,
  not_acceptable: 406,
  access_exceeded: 429,
  rate_limit_exceeded: 429,
  server_error: 500,
  temporarily_unavailable: 503,
} as const;

export type AispErrorCode = keyof typeof AISP_ERROR_CODES;

export interface AispErrorBody {
  error: AispErrorCode;
  error_description: string;
  timestamp: string;
  request_id: string;
}

export class AispError extends Error {
  override name = 'AispError';
  readonly status: number;

  constructor(
    readonly error: AispErrorCode,
    readonly description: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(`${error}: ${description}`);
    this.status = AISP_ERROR_CODES[error];
  }

  body(now: Date, requestId: string): AispErrorBody {
    return {
      error: this.error,
      error_description: this.description,
      timestamp: now.toISOString(),
      request_id: requestId,
    };
  }

  static invalidRequest(description: string): AispError {
    return new AispError('invalid_request', description);
  }

  /** 401 with RFC 6750's challenge: the app needs another token (or the user again). */
  static invalidToken(description: string): AispError {
    return new AispError('invalid_token', description, {
      'WWW-Authenticate': bearerChallenge({
        error: 'invalid_token',
        error_description: description,
      }),
    });
  }

  static insufficientScope(scope: string, description: string): AispError {
    return new AispError('insufficient_scope', description, {
      'WWW-Authenticate': bearerChallenge({
        error: 'insufficient_scope',
        error_description: description,
        scope,
      }),
    });
  }
}

/**
 * `Bearer realm="bankbridge-aisp", error="...", ...` (RFC 6750 section 3). Without an error:
 * the bare challenge of a request that sent no token at all.
 */
export function bearerChallenge(params: Record<string, string> = {}): string {
  const parts = [`realm="bankbridge-aisp"`];
  for (const [name, value] of Object.entries(params)) {
    // A quoted-string without `"` or `\`, as RFC 6750 asks of error_description.
    parts.push(`${name}="${value.replace(/["\\]/g, "'")}"`);
  }
  return `Bearer ${parts.join(', ')}`;
}

// ---- the services' refusals ------------------------------------------------------------

/** What a refusal needs to know of the token's consent: its status, asked only when needed. */
export type ConsentStatusOfToken = () => Promise<string | undefined>;

type Meaning = (problem: Problem, consentStatus: ConsentStatusOfToken) => Promise<AispError>;

/**
 * A service's refusal as this API's error, by what it means to an app that holds one
 * consent's token: an account outside the consent is like an id that does not exist, a
 * consent that ended needs a new authorization, a bank down is worth trying again. Codes not
 * listed are the app's mistake (4xx) or ours (5xx).
 */
const MEANING_TO_AN_APP: Partial<Record<ProblemCode, Meaning>> = {
  RESOURCE_UNKNOWN: async () =>
    new AispError(
      'not_found',
      'there is no account with this id under this token (ids come from GET /accounts)',
    ),
  CONSENT_UNKNOWN: async () =>
    AispError.invalidToken('the consent behind this access token no longer exists'),
  CONSENT_EXPIRED: async () => consentEnded('has expired'),
  // The consent has ended (revoked at the bank, say), or it stands but does not grant this for
  // this account (the user did not pick the account's balances at the bank).
  CONSENT_INVALID: async (problem, consentStatus) => {
    const status = await consentStatus();
    return status === 'valid'
      ? new AispError('access_denied', problem.text)
      : consentEnded(`is ${status ?? 'no longer valid'}`);
  },
  SERVICE_BLOCKED: async (problem) => new AispError('access_denied', problem.text),
  ACCESS_EXCEEDED: async (problem) =>
    new AispError(
      'access_exceeded',
      `${problem.text}. Reads while your user is not using your app are limited per account and day; send PSU-IP-Address when they are`,
    ),
  SERVICE_UNAVAILABLE: async (problem) => tryAgainLater(problem),
  STATUS_INVALID: async (problem) => tryAgainLater(problem),
  INTERNAL_SERVER_ERROR: async (problem) => new AispError('server_error', problem.text),
};

/** A `Problem` as this API answers it; `consentStatus` is the caller's token's consent's. */
export async function aispErrorOf(
  problem: Problem,
  consentStatus: ConsentStatusOfToken,
): Promise<AispError> {
  const meaning = MEANING_TO_AN_APP[problem.code];
  if (meaning) return meaning(problem, consentStatus);
  return problem.statusCode >= 500
    ? new AispError('server_error', problem.text)
    : AispError.invalidRequest(problem.text);
}

function consentEnded(how: string): AispError {
  return AispError.invalidToken(
    `the consent behind this access token ${how}: send the user through /oauth/authorize again`,
  );
}

function tryAgainLater(problem: Problem): AispError {
  const retryAfter = problem.headers['Retry-After'];
  return new AispError(
    'temporarily_unavailable',
    problem.text,
    retryAfter === undefined ? {} : { 'Retry-After': retryAfter },
  );
}
