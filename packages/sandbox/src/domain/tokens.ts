// OAuth artefacts of a sandbox bank: authorisation codes (single use, short-lived) and
// access/refresh tokens bound to one consent. Secrets come from an injected generator.

import { createHash, timingSafeEqual } from 'node:crypto';
import { BankError, OAuthError } from './errors.js';

export const CODE_SECONDS = 120;
export const ACCESS_TOKEN_SECONDS = 3600;
export const REFRESH_TOKEN_DAYS = 90;
/** How long an expired code or token is still told apart from an unknown one. */
export const EXPIRED_KEPT_SECONDS = 86_400;
/** Issues between two sweeps of what the store may forget. */
export const ISSUES_PER_SWEEP = 1000;

export interface AuthorizationCode {
  code: string;
  clientId: string;
  redirectUri: string;
  consentId: string;
  psuId: string;
  /** Scope prefix of the authorised resource; AIS when absent (consents). */
  scopePrefix?: string;
  codeChallenge?: string;
  expiresAt: Date;
  used: boolean;
}

export interface TokenGrant {
  clientId: string;
  /** The authorised resource: a consent, or a payment when scopePrefix is PIS. */
  consentId: string;
  psuId: string;
  scopePrefix?: string;
}

interface TokenRecord extends TokenGrant {
  kind: 'access' | 'refresh';
  expiresAt: Date;
  revoked: boolean;
}

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token: string;
  refresh_token_expires_in: number;
  scope: string;
}

function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export class TokenStore {
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly tokens = new Map<string, TokenRecord>();
  private issuedSinceSweep = 0;

  constructor(private readonly newSecret: () => string) {}

  /** How many codes and tokens the store holds. */
  get size(): { codes: number; tokens: number } {
    return { codes: this.codes.size, tokens: this.tokens.size };
  }

  /**
   * Forgets what can no longer be used and would only be answered as unknown: revoked tokens
   * (a revoked token gets the same answer as an unknown one), and codes and tokens that expired
   * more than EXPIRED_KEPT_SECONDS ago (until then an expired token is answered TOKEN_EXPIRED,
   * and a used code's replay still revokes what it gave). A sandbox that runs for weeks under
   * a test suite or a benchmark keeps what is live, not everything it ever issued.
   */
  sweep(now: Date): void {
    const cutoff = now.getTime() - EXPIRED_KEPT_SECONDS * 1000;
    for (const [code, entry] of this.codes) {
      if (entry.expiresAt.getTime() < cutoff) this.codes.delete(code);
    }
    for (const [token, record] of this.tokens) {
      if (record.revoked || record.expiresAt.getTime() < cutoff) this.tokens.delete(token);
    }
  }

  /** Sweeps once every ISSUES_PER_SWEEP issues: the cost stays a small share of issuing. */
  private sweepNowAndThen(now: Date): void {
    if (++this.issuedSinceSweep < ISSUES_PER_SWEEP) return;
    this.issuedSinceSweep = 0;
    this.sweep(now);
  }

  issueCode(grant: Omit<AuthorizationCode, 'code' | 'expiresAt' | 'used'>, now: Date): string {
    this.sweepNowAndThen(now);
    const code = this.newSecret();
    this.codes.set(code, {
      ...grant,
      code,
      expiresAt: new Date(now.getTime() + CODE_SECONDS * 1000),
      used: false,
    });
    return code;
  }

  /** Exchanges a code; any misuse of a used code also revokes what it produced (RFC 6749 4.1.2). */
  redeemCode(
    code: string,
    clientId: string,
    redirectUri: string | undefined,
    codeVerifier: string | undefined,
    now: Date,
  ): TokenResponse {
    const entry = this.codes.get(code);
    if (!entry || entry.clientId !== clientId)
      throw new OAuthError('invalid_grant', 'Unknown authorization code');
    if (entry.used) {
      this.revokeConsent(entry.consentId);
      throw new OAuthError('invalid_grant', 'The authorization code was already used');
    }
    if (now.getTime() > entry.expiresAt.getTime())
      throw new OAuthError('invalid_grant', 'The authorization code expired');
    if (redirectUri !== entry.redirectUri)
      throw new OAuthError(
        'invalid_grant',
        'redirect_uri does not match the authorization request',
      );
    if (entry.codeChallenge !== undefined) {
      if (!codeVerifier)
        throw new OAuthError('invalid_request', 'code_verifier is required (PKCE)');
      if (!sameText(s256(codeVerifier), entry.codeChallenge))
        throw new OAuthError('invalid_grant', 'code_verifier does not match');
    }
    entry.used = true;
    return this.issueAfterSca(entry, now);
  }

  /** Tokens for an SCA just completed: the refresh token lasts REFRESH_TOKEN_DAYS from now. */
  issueAfterSca(grant: TokenGrant, now: Date): TokenResponse {
    return this.issuePair(grant, new Date(now.getTime() + REFRESH_TOKEN_DAYS * 86_400_000), now);
  }

  /** Issues an access and refresh token; the refresh token keeps the given absolute expiry. */
  private issuePair(grant: TokenGrant, refreshExpiresAt: Date, now: Date): TokenResponse {
    this.sweepNowAndThen(now);
    const access = this.newSecret();
    const refresh = this.newSecret();
    const base = {
      clientId: grant.clientId,
      consentId: grant.consentId,
      psuId: grant.psuId,
      ...(grant.scopePrefix ? { scopePrefix: grant.scopePrefix } : {}),
      revoked: false,
    };
    this.tokens.set(access, {
      ...base,
      kind: 'access',
      expiresAt: new Date(now.getTime() + ACCESS_TOKEN_SECONDS * 1000),
    });
    this.tokens.set(refresh, { ...base, kind: 'refresh', expiresAt: refreshExpiresAt });
    return {
      access_token: access,
      token_type: 'Bearer',
      expires_in: ACCESS_TOKEN_SECONDS,
      refresh_token: refresh,
      refresh_token_expires_in: Math.max(
        0,
        Math.floor((refreshExpiresAt.getTime() - now.getTime()) / 1000),
      ),
      scope: `${grant.scopePrefix ?? 'AIS'}:${grant.consentId}`,
    };
  }

  /** Refresh grant: rotates the refresh token; the 90 days count from the original SCA. */
  refresh(refreshToken: string, clientId: string, now: Date): TokenResponse {
    const record = this.tokens.get(refreshToken);
    if (record?.kind !== 'refresh' || record.clientId !== clientId || record.revoked) {
      throw new OAuthError('invalid_grant', 'Unknown or revoked refresh token');
    }
    if (now.getTime() > record.expiresAt.getTime())
      throw new OAuthError(
        'invalid_grant',
        'The refresh token expired: the PSU must authorise again',
      );
    record.revoked = true;
    return this.issuePair(record, record.expiresAt, now);
  }

  /** Checks a bearer token for a data call; throws TOKEN_INVALID / TOKEN_EXPIRED. */
  checkAccessToken(token: string | undefined, now: Date): TokenGrant {
    if (!token)
      throw new BankError(
        'TOKEN_INVALID',
        'An access token is required: Authorization: Bearer <token>',
      );
    const record = this.tokens.get(token);
    if (record?.kind !== 'access' || record.revoked)
      throw new BankError('TOKEN_INVALID', 'The access token is unknown or revoked');
    if (now.getTime() > record.expiresAt.getTime())
      throw new BankError('TOKEN_EXPIRED', 'The access token expired: use the refresh token');
    return record;
  }

  revokeConsent(consentId: string): void {
    for (const record of this.tokens.values()) {
      if (record.consentId === consentId) record.revoked = true;
    }
  }
}
