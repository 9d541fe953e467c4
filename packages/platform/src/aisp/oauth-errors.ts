/**
 * What an app is told at `/oauth` when a service refuses: an RFC 6749 error, whether it goes
 * back in the token or revocation endpoint's JSON or on the redirect from the consent page.
 * `/connect` renders the same RFC for TPPs in its own modules; this is the AISP server's.
 */
import { OAuthError } from '../auth/oauth-error.js';
import { Problem, type ProblemCode } from '../problems.js';

/**
 * The Problem codes with an RFC 6749 error of their own; the others are the app's mistake
 * (`invalid_request`), a bank that cannot be used now (503, `temporarily_unavailable`: the app
 * keeps its token and tries again, RFC 7009 2.2.1) or ours (`server_error`).
 */
const RFC6749_ERRORS: Partial<Record<ProblemCode, { error: string; status: number }>> = {
  SCA_DENIED: { error: 'access_denied', status: 403 },
  SERVICE_UNAVAILABLE: { error: 'temporarily_unavailable', status: 503 },
};

/**
 * A refusal as `/oauth` answers it: a `Problem` rendered by its code. Undefined for anything
 * else: a fault, not a refusal, which the caller logs.
 */
export function asOAuthError(error: unknown): OAuthError | undefined {
  return error instanceof Problem ? oauthError(error) : undefined;
}

/** A `Problem` as `/oauth` answers it. */
export function oauthError(error: Problem): OAuthError {
  const known = RFC6749_ERRORS[error.code];
  if (known) return new OAuthError(known.error, error.text, known.status);
  if (error.statusCode === 503) return new OAuthError('temporarily_unavailable', error.text, 503);
  if (error.statusCode >= 500) return new OAuthError('server_error', error.text, 500);
  return new OAuthError('invalid_request', error.text);
}
