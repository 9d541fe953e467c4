import { hashOpaqueValue } from '../security/client-secrets.js';
import type { Db } from '../store/schema.js';
import { parseScope } from './scopes.js';

export interface AccessTokenInfo {
  clientId: string;
  scopes: Set<string>;
  expiresAt: number;
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
}

/**
 * Checks a bearer token presented to the API against what the auth server stored. A token of
 * a disabled client is as good as unknown.
 */
export class AccessTokenVerifier {
  private readonly nowSeconds: () => number;
  private readonly cacheSeconds: number;
  private readonly cacheSize: number;
  private readonly recent = new Map<string, { token: AccessTokenInfo; until: number }>();

  constructor(
    private readonly db: Db,
    options: AccessTokenVerifierOptions = {},
  ) {
    this.nowSeconds = options.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
    this.cacheSeconds = options.cacheSeconds ?? 10;
    this.cacheSize = options.cacheSize ?? 10_000;
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
    const row = await this.db
      .selectFrom('oidc_payloads')
      .innerJoin('clients', 'clients.id', 'oidc_payloads.client_id')
      .select(['oidc_payloads.payload', 'oidc_payloads.expires_at', 'clients.status'])
      .where('oidc_payloads.model', 'in', ['ClientCredentials', 'AccessToken'])
      .where('oidc_payloads.id', '=', hashOpaqueValue(value))
      .executeTakeFirst();
    if (row?.status !== 'active') return { ok: false, reason: 'unknown' };
    const payload = JSON.parse(row.payload) as { clientId: string; scope?: string; exp: number };
    const expiresAt = row.expires_at ?? payload.exp;
    if (expiresAt <= now) return { ok: false, reason: 'expired' };
    return {
      ok: true,
      token: { clientId: payload.clientId, scopes: parseScope(payload.scope), expiresAt },
    };
  }
}
