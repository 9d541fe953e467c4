/**
 * The one error type of the simple AISP API (`/aisp/v1`). Every refusal is rendered as
 *   {"error": "invalid_request", "error_description": "...", "timestamp": "<ISO 8601>",
 *    "request_id": "<X-Request-ID>"}
 * with a standard HTTP status. Token problems follow RFC 6750 (401 `invalid_token`, 403
 * `insufficient_scope`, each with `WWW-Authenticate: Bearer ...`); the other codes are this
 * API's own, snake_case like OAuth's, and listed in its OpenAPI document.
 */
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
