import type { Problem } from '../problems.js';

/**
 * The one error type of the `/connect` protocol for Bankbridge's own code: whatever refuses
 * a step of the redirect SCA throws it, and the auth server turns it into an RFC 6749 error
 * (a redirect to the TPP with `error` and its `state`, or the token endpoint's JSON body),
 * so services never need to know which of the two the TPP will see.
 */
export class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
    readonly status = 400,
  ) {
    super(`${error}: ${description}`);
    this.name = 'OAuthError';
  }
}

/**
 * A service's problem as the OAuth endpoints answer it (RFC 6749): the PSU's refusal is
 * `access_denied`; a bank out of reach `temporarily_unavailable`; our own failure
 * `server_error`; any other refusal is the endpoint's own (`invalid_grant` at the token
 * endpoint, where everything wrong is about the code; `invalid_request` at authorization).
 */
export function oauthErrorOf(problem: Problem, endpoint: 'authorization' | 'token'): OAuthError {
  if (problem.code === 'SCA_DENIED') return new OAuthError('access_denied', problem.text);
  if (problem.code === 'SERVICE_UNAVAILABLE') {
    return new OAuthError('temporarily_unavailable', problem.text, 503);
  }
  if (problem.statusCode >= 500) return new OAuthError('server_error', problem.text, 500);
  return new OAuthError(endpoint === 'token' ? 'invalid_grant' : 'invalid_request', problem.text);
}
