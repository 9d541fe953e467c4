// Berlin Group error answers. A domain rule that refuses a request throws (or returns) a
// BankError; the HTTP layer turns it into {"tppMessages":[...]} with the status below.

export type BankErrorCode =
  | 'FORMAT_ERROR'
  | 'PARAMETER_NOT_SUPPORTED'
  | 'PERIOD_INVALID'
  | 'SERVICE_INVALID'
  | 'CERTIFICATE_MISSING'
  | 'PSU_CREDENTIALS_INVALID'
  | 'CONSENT_UNKNOWN'
  | 'CONSENT_INVALID'
  | 'CONSENT_EXPIRED'
  | 'TOKEN_INVALID'
  | 'TOKEN_EXPIRED'
  | 'RESOURCE_UNKNOWN'
  | 'STATUS_INVALID'
  | 'PRODUCT_UNKNOWN'
  | 'PRODUCT_INVALID'
  | 'PAYMENT_FAILED'
  | 'EXECUTION_DATE_INVALID'
  | 'CANCELLATION_INVALID'
  | 'RESOURCE_EXPIRED'
  | 'ACCESS_EXCEEDED'
  | 'INTERNAL_SERVER_ERROR'
  | 'SERVICE_UNAVAILABLE';

const DEFAULT_STATUS: Record<BankErrorCode, number> = {
  FORMAT_ERROR: 400,
  PARAMETER_NOT_SUPPORTED: 400,
  PERIOD_INVALID: 400,
  SERVICE_INVALID: 405,
  CERTIFICATE_MISSING: 401,
  PSU_CREDENTIALS_INVALID: 401,
  // 400 when the consent id came in a header; the path variant passes 403 explicitly.
  CONSENT_UNKNOWN: 400,
  CONSENT_INVALID: 401,
  CONSENT_EXPIRED: 401,
  TOKEN_INVALID: 401,
  TOKEN_EXPIRED: 401,
  RESOURCE_UNKNOWN: 404,
  STATUS_INVALID: 409,
  PRODUCT_UNKNOWN: 404,
  PRODUCT_INVALID: 403,
  PAYMENT_FAILED: 400,
  EXECUTION_DATE_INVALID: 400,
  CANCELLATION_INVALID: 405,
  RESOURCE_EXPIRED: 403,
  ACCESS_EXCEEDED: 429,
  INTERNAL_SERVER_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
};

export class BankError extends Error {
  readonly status: number;

  constructor(
    readonly code: BankErrorCode,
    text: string,
    status?: number,
  ) {
    super(text);
    this.name = 'BankError';
    this.status = status ?? DEFAULT_STATUS[code];
  }

  toBody(): { tppMessages: Array<{ category: 'ERROR'; code: string; text: string }> } {
    return { tppMessages: [{ category: 'ERROR', code: this.code, text: this.message }] };
  }
}

/** OAuth 2.0 (RFC 6749 section 5.2) errors of the bank's token and authorize endpoints. */
export class OAuthError extends Error {
  constructor(
    readonly error:
      | 'invalid_request'
      | 'invalid_client'
      | 'invalid_grant'
      | 'unauthorized_client'
      | 'unsupported_grant_type'
      | 'authorization_pending'
      | 'access_denied'
      | 'expired_token',
    description: string,
    readonly status = error === 'invalid_client' ? 401 : 400,
  ) {
    super(description);
    this.name = 'OAuthError';
  }
}
