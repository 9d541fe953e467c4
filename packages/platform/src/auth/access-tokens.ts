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

/**
 * Checks a bearer token presented to the API against what the auth server stored. A token of
 * a disabled client is as good as unknown.
 */
export class AccessTokenVerifier {
  constructor(
    private readonly db: Db,
    private readonly nowSeconds: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  async check(token: string): Promise<AccessTokenCheck> {
    const row = await this.db
      .selectFrom('oidc_payloads')
      .innerJoin('clients', 'clients.id', 'oidc_payloads.client_id')
      .select(['oidc_payloads.payload', 'oidc_payloads.expires_at', 'clients.status'])
      .where('oidc_payloads.model', 'in', ['ClientCredentials', 'AccessToken'])
      .where('oidc_payloads.id', '=', hashOpaqueValue(token))
      .executeTakeFirst();
    if (row?.status !== 'active') return { ok: false, reason: 'unknown' };
    const payload = JSON.parse(row.payload) as { clientId: string; scope?: string; exp: number };
    const expiresAt = row.expires_at ?? payload.exp;
    if (expiresAt <= this.nowSeconds()) return { ok: false, reason: 'expired' };
    return {
      ok: true,
      token: { clientId: payload.clientId, scopes: parseScope(payload.scope), expiresAt },
    };
  }
}
