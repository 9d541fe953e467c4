import type { TppCertificates } from '../certificates/tpp-certificates.js';
import { hashOpaqueValue } from '../security/client-secrets.js';
import { OidcPayloadRows } from '../store/oidc-payloads.js';
import type { Db } from '../store/schema.js';
import { parseScope } from './scopes.js';

export interface AccessTokenInfo {
  clientId: string;
  scopes: Set<string>;
  expiresAt: number;
  /** RFC 8705: the thumbprint (`x5t#S256`) of the TPP certificate the token is bound to. */
  certificateThumbprint?: string;
  /** What the token was issued for: an AISP token's consent (`aisp-consent:<id>`). */
  subject?: string;
}

export type AccessTokenCheck =
  | { ok: true; token: AccessTokenInfo }
  | { ok: false; reason: 'unknown' | 'expired' };

export interface AccessTokenVerifierOptions {
  nowSeconds?: () => number;
  /**
   * How long a token found valid is trusted without asking the database again. A revoked
   * token, or one of a disabled client, is refused by every instance at most this late.
   */
  cacheSeconds?: number;
  cacheSize?: number;
  /**
   * Production mode: where requests' TPP certificates are checked; a token is then accepted
   * only with the certificate it is bound to (see src/psd2/require-token.ts).
   */
  certificates?: TppCertificates;
  /** The stored token kinds this verifier accepts; default the `/connect` server's. */
  models?: readonly string[];
}

// The auth scheme is case-insensitive (RFC 7235 section 2.1): `bearer <token>` is as good.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

/** The token of an `Authorization: Bearer <token>` header (RFC 6750 2.1), if it is one. */
export function bearerTokenOf(header: string): string | undefined {
  return BEARER.exec(header)?.[1];
}

/**
 * Checks a bearer token presented to the API against what the auth server stored. A token of
 * a disabled client is as good as unknown.
 */
export class AccessTokenVerifier {
  private readonly nowSeconds: () => number;
  private readonly cacheSeconds: number;
  private readonly cacheSize: number;
  readonly certificates: TppCertificates | undefined;
  private readonly models: readonly string[];
  private readonly recent = new Map<string, { token: AccessTokenInfo; until: number }>();
  private readonly rows: OidcPayloadRows;

  constructor(db: Db, options: AccessTokenVerifierOptions = {}) {
    this.rows = new OidcPayloadRows(db);
    this.nowSeconds = options.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
    this.cacheSeconds = options.cacheSeconds ?? 10;
    this.cacheSize = options.cacheSize ?? 10_000;
    this.certificates = options.certificates;
    this.models = options.models ?? ['ClientCredentials', 'AccessToken'];
  }

  async check(value: string): Promise<AccessTokenCheck> {
    const now = this.nowSeconds();
    const cached = this.recent.get(value);
    if (cached && cached.until > now) return { ok: true, token: cached.token };
    if (cached) this.recent.delete(value);

    const result = await this.lookUp(value, now);
    if (result.ok && this.cacheSeconds > 0) {
      if (this.recent.size >= this.cacheSize) {
        // Maps iterate in insertion order: drop the oldest entry.
        const oldest = this.recent.keys().next().value;
        if (oldest !== undefined) this.recent.delete(oldest);
      }
      const until = Math.min(now + this.cacheSeconds, result.token.expiresAt);
      this.recent.set(value, { token: result.token, until });
    }
    return result;
  }

  /** Forgets the cached verdict on one token (revoked in this process), or on all of them. */
  forget(value?: string): void {
    if (value === undefined) this.recent.clear();
    else this.recent.delete(value);
  }

  private async lookUp(value: string, now: number): Promise<AccessTokenCheck> {
    const row = await this.rows.findAccessToken(this.models, hashOpaqueValue(value));
    if (row?.clientStatus !== 'active') return { ok: false, reason: 'unknown' };
    const payload = JSON.parse(row.payload) as {
      clientId: string;
      scope?: string;
      exp: number;
      accountId?: string;
      'x5t#S256'?: string;
    };
    const expiresAt = row.expires_at ?? payload.exp;
    if (expiresAt <= now) return { ok: false, reason: 'expired' };
    const { grantId } = payload as { grantId?: string };
    if (grantId !== undefined && !(await this.grantStands(row.model, grantId, now))) {
      return { ok: false, reason: 'unknown' };
    }
    const token: AccessTokenInfo = {
      clientId: payload.clientId,
      scopes: parseScope(payload.scope),
      expiresAt,
    };
    if (payload.accountId) token.subject = payload.accountId;
    if (payload['x5t#S256']) token.certificateThumbprint = payload['x5t#S256'];
    return { ok: true, token };
  }

  /**
   * A token from a code exchange stands only as long as its grant, as introspection sees it: a
   * replayed code revokes the grant, possibly while the redemption that won is still storing
   * the token it issues. The grant is stored beside the token, under the same model prefix.
   */
  private async grantStands(tokenModel: string, grantId: string, now: number): Promise<boolean> {
    const expiresAt = await this.rows.expiresAt(
      tokenModel.replace(/AccessToken$/, 'Grant'),
      hashOpaqueValue(grantId),
    );
    return expiresAt !== undefined && (expiresAt === null || expiresAt > now);
  }
}
