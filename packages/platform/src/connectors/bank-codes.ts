import type { ProblemCode } from '../problems.js';

/**
 * What a bank's refusal (a 4xx with its Berlin Group code, or an OAuth error from its token
 * endpoint) becomes for the TPP:
 *
 * - a Problem code (and the status Berlin Group gives it): the refusal is about what the TPP or
 *   its PSU sent, or about the TPP's consent, so the TPP can act on it; it gets the bank's code
 *   as a bank would have answered it, with the bank's text quoted;
 * - `ours`: the bank refused what only Bankbridge controls (its own certificates, signatures,
 *   client registration and tokens at the bank, the shape of the requests it builds), so it is
 *   Bankbridge's fault and 500 INTERNAL_SERVER_ERROR, never something the TPP should fix;
 * - `bankDown`: the bank says it cannot serve now, so 503 SERVICE_UNAVAILABLE like a bank that
 *   does not answer.
 *
 * Decisions where the bank's code does not carry over as it is:
 * - CONSENT_UNKNOWN: the TPP's consent id is Bankbridge's, which exists; a bank that no longer
 *   knows its own consent has ended it, so the TPP gets 401 CONSENT_INVALID and a new consent.
 * - SERVICE_INVALID: the method is served by Bankbridge, so the bank's 405 becomes the 400 of
 *   "the body asks for a service the bank does not offer".
 * - SCA_INVALID is no code of the contract (NextGenPSD2 1.3.3): the PSU's authentication failed
 *   at the bank, so the authorisation cannot go on: 409 STATUS_INVALID, start a new one.
 * - TOKEN_* on a call that is not a data call is Bankbridge's own token at the bank (a data
 *   call's 401 is the consent's token and is handled before, by refreshing it), so `ours`.
 * - OAuth `invalid_grant` at the bank's token endpoint: the grant the PSU gave (a code, a
 *   refresh token) is no longer honoured, so the consent needs a new authorisation:
 *   CONSENT_INVALID. The other OAuth errors are about Bankbridge's client or request: `ours`.
 * - FUNDS_NOT_AVAILABLE as a refusal (a 4xx at initiation; Berlin Group sends it only as a
 *   tppMessage of a status answer after SCA): the bank refused the payment, so 400
 *   PAYMENT_FAILED, the code the contract has for it, with the bank's code and text quoted.
 * - A code not listed: 400 FORMAT_ERROR quoting the bank, as the bank's words are all there is.
 */
export type BankCodeOutcome = { code: ProblemCode; status?: number } | 'ours' | 'bankDown';

export const BANK_CODES: Readonly<Record<string, BankCodeOutcome>> = {
  // The TPP's request or its PSU.
  FORMAT_ERROR: { code: 'FORMAT_ERROR' },
  PARAMETER_NOT_SUPPORTED: { code: 'PARAMETER_NOT_SUPPORTED' },
  PARAMETER_NOT_CONSISTENT: { code: 'PARAMETER_NOT_CONSISTENT' },
  PERIOD_INVALID: { code: 'PERIOD_INVALID' },
  SERVICE_INVALID: { code: 'SERVICE_INVALID', status: 400 },
  SERVICE_BLOCKED: { code: 'SERVICE_BLOCKED' },
  SESSIONS_NOT_SUPPORTED: { code: 'SESSIONS_NOT_SUPPORTED' },
  PSU_CREDENTIALS_INVALID: { code: 'PSU_CREDENTIALS_INVALID' },
  CORPORATE_ID_INVALID: { code: 'CORPORATE_ID_INVALID' },
  SCA_METHOD_UNKNOWN: { code: 'SCA_METHOD_UNKNOWN' },
  SCA_INVALID: { code: 'STATUS_INVALID' },
  STATUS_INVALID: { code: 'STATUS_INVALID' },
  RESOURCE_UNKNOWN: { code: 'RESOURCE_UNKNOWN' },
  RESOURCE_EXPIRED: { code: 'RESOURCE_EXPIRED' },
  RESOURCE_BLOCKED: { code: 'RESOURCE_BLOCKED' },
  ACCESS_EXCEEDED: { code: 'ACCESS_EXCEEDED' },
  REQUESTED_FORMATS_INVALID: { code: 'REQUESTED_FORMATS_INVALID' },
  // The TPP's consent.
  CONSENT_INVALID: { code: 'CONSENT_INVALID' },
  CONSENT_EXPIRED: { code: 'CONSENT_EXPIRED' },
  CONSENT_UNKNOWN: { code: 'CONSENT_INVALID' },
  // Payments: the TPP's payment product and order.
  PRODUCT_INVALID: { code: 'PRODUCT_INVALID' },
  PRODUCT_UNKNOWN: { code: 'PRODUCT_UNKNOWN' },
  PAYMENT_FAILED: { code: 'PAYMENT_FAILED' },
  EXECUTION_DATE_INVALID: { code: 'EXECUTION_DATE_INVALID' },
  CANCELLATION_INVALID: { code: 'CANCELLATION_INVALID' },
  FUNDS_NOT_AVAILABLE: { code: 'PAYMENT_FAILED' },
  // Bankbridge's own standing at the bank.
  TOKEN_INVALID: 'ours',
  TOKEN_EXPIRED: 'ours',
  TOKEN_UNKNOWN: 'ours',
  CERTIFICATE_INVALID: 'ours',
  CERTIFICATE_EXPIRED: 'ours',
  CERTIFICATE_BLOCKED: 'ours',
  CERTIFICATE_REVOKE: 'ours',
  CERTIFICATE_MISSING: 'ours',
  ROLE_INVALID: 'ours',
  SIGNATURE_INVALID: 'ours',
  SIGNATURE_MISSING: 'ours',
  REQUIRED_KID_MISSING: 'ours',
  TIMESTAMP_INVALID: 'ours',
  // The bank out of service while answering 4xx.
  INTERNAL_SERVER_ERROR: 'bankDown',
  SERVICE_UNAVAILABLE: 'bankDown',
  // OAuth errors of the bank's token endpoint (RFC 6749 5.2); access_denied is the PSU's
  // refusal, which the connector raises as its own kind before this table.
  invalid_grant: { code: 'CONSENT_INVALID' },
  invalid_request: 'ours',
  invalid_client: 'ours',
  unauthorized_client: 'ours',
  unsupported_grant_type: 'ours',
  invalid_scope: 'ours',
  server_error: 'bankDown',
  temporarily_unavailable: 'bankDown',
};

/** The outcome of a bank's code; a code not in the table is passed on as a FORMAT_ERROR. */
export function bankCodeOutcome(code: string | undefined): BankCodeOutcome {
  return (
    (code !== undefined && Object.hasOwn(BANK_CODES, code) && BANK_CODES[code]) || {
      code: 'FORMAT_ERROR',
    }
  );
}
