// Redirect SCA: a login session at the bank's authorization endpoint, opened for one
// resource (a consent, later a payment) and bound to the TPP's client and redirect_uri.

import type { ScaResourceRef } from './sca-resource.js';

/** Login sessions of the redirect flow last this long. */
export const AUTHORIZE_SESSION_MINUTES = 10;

export interface AuthorizeSession {
  sessionId: string;
  bic: string;
  clientId: string;
  redirectUri: string;
  state?: string;
  /** What the PSU authorises, from the request's scope. */
  resource: ScaResourceRef;
  codeChallenge?: string;
  createdAt: Date;
  /** Set once the PSU logged in. */
  psuId?: string;
}

export function sessionExpired(session: AuthorizeSession, now: Date): boolean {
  return now.getTime() - session.createdAt.getTime() > AUTHORIZE_SESSION_MINUTES * 60_000;
}
