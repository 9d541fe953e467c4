import { type Adapter, type AdapterPayload, errors } from 'oidc-provider';
import { hashOpaqueValue } from '../security/client-secrets.js';
import type { ClientsRepository } from '../store/clients.js';
import { OidcPayloadRows, type StoredOidcPayload } from '../store/oidc-payloads.js';
import type { Db } from '../store/schema.js';
import { REQUIRE_PKCE_METADATA } from './pkce-policy.js';
import { CONTEXT_SCOPES } from './scopes.js';

/** How a TPP knows what it redeemed, for the error when it redeems it twice. */
const CONSUMABLE_NAMES: Record<string, string> = {
  AuthorizationCode: 'authorization code',
  RefreshToken: 'refresh token',
  DeviceCode: 'device code',
  BackchannelAuthenticationRequest: 'authentication request',
  PushedAuthorizationRequest: 'request_uri',
};

export interface OidcAdapterOptions {
  /**
   * Stored model names start with this, so that a second provider sharing the table (the AISP
   * server's `/oauth`) never finds the first one's codes and tokens, nor they its own.
   */
  modelPrefix?: string;
  /** How the provider sees a Bankbridge client; default: the `/connect` server's view. */
  clientMetadata?: (clients: ClientsRepository, id: string) => Promise<AdapterPayload | undefined>;
  /**
   * Told what a revoked grant held (the payloads of its codes and tokens, just deleted): a
   * replayed code or refresh token, or a revocation. The grant itself holds nothing to go on.
   */
  grantRevoked?: (payloads: AdapterPayload[]) => Promise<void>;
}

/**
 * oidc-provider's storage, in Bankbridge's own database so that every instance shares it
 * (its rows through store/oidc-payloads.ts). `db` is what the two OAuth servers hold.
 *
 * Rows are keyed by a hash of the token or code, and the value itself (`jti`) is dropped
 * from the stored payload: a copy of the database yields no usable token.
 */
export function oidcAdapterFactory(
  db: Db,
  clients: ClientsRepository,
  nowSeconds: () => number,
  options: OidcAdapterOptions = {},
) {
  const prefix = options.modelPrefix ?? '';
  const describeClient = options.clientMetadata ?? clientMetadata;
  const rows = new OidcPayloadRows(db);
  return class BankbridgeOidcAdapter implements Adapter {
    private readonly model: string;

    constructor(private readonly kind: string) {
      this.model = `${prefix}${kind}`;
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      // Sessions are also found by uid, where the caller has no id to restore jti from.
      const { jti: _value, ...rest } = payload;
      await rows.upsert({
        model: this.model,
        id: hashOpaqueValue(id),
        payload: JSON.stringify(this.kind === 'Session' ? payload : rest),
        client_id: payload.clientId ?? null,
        grant_id: payload.grantId ?? null,
        user_code: payload.userCode ?? null,
        uid: payload.uid ?? null,
        expires_at: expiresIn ? nowSeconds() + expiresIn : null,
        consumed_at: null,
      });
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      if (this.kind === 'Client') return describeClient(clients, id);
      const row = await rows.find(this.model, hashOpaqueValue(id));
      return row ? restore(row, id, nowSeconds()) : undefined;
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      const row = await rows.findBy(this.model, 'uid', uid);
      return row ? restore(row, undefined, nowSeconds()) : undefined;
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      const row = await rows.findBy(this.model, 'user_code', userCode);
      return row ? restore(row, undefined, nowSeconds()) : undefined;
    }

    /**
     * Marks a code (or refresh token, ...) used, once: oidc-provider checks `consumed` on the
     * copy it read before, so two redemptions in parallel would both pass that check. The
     * update is the arbiter; the one that changes no row is refused.
     */
    async consume(id: string): Promise<void> {
      if (!(await rows.consume(this.model, hashOpaqueValue(id), nowSeconds()))) {
        throw invalidGrant(`${CONSUMABLE_NAMES[this.kind] ?? this.kind} was already used`);
      }
    }

    async destroy(id: string): Promise<void> {
      await rows.destroy(this.model, hashOpaqueValue(id));
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      const deleted = await rows.deleteGrant(grantId);
      if (options.grantRevoked && deleted.length > 0) {
        await options.grantRevoked(deleted.map((payload) => JSON.parse(payload) as AdapterPayload));
      }
    }
  };
}

function restore(
  row: StoredOidcPayload,
  id: string | undefined,
  now: number,
): AdapterPayload | undefined {
  if (row.expires_at !== null && row.expires_at <= now) return undefined;
  const payload = JSON.parse(row.payload) as AdapterPayload;
  if (id !== undefined) payload.jti = id;
  if (row.consumed_at !== null) payload.consumed = row.consumed_at;
  return payload;
}

/** oidc-provider's view of a Bankbridge client; disabled clients do not exist for it. */
async function clientMetadata(
  clients: ClientsRepository,
  id: string,
): Promise<AdapterPayload | undefined> {
  const client = await clients.find(id);
  if (client?.status !== 'active') return undefined;
  const redirects = client.redirectUris.length > 0;
  return {
    client_id: client.id,
    client_name: client.name,
    // The hash stands in for the secret; the provider compares against it with our hook.
    client_secret: client.secretHash,
    token_endpoint_auth_method: 'client_secret_basic',
    grant_types: redirects
      ? ['client_credentials', 'authorization_code', 'refresh_token']
      : ['client_credentials'],
    response_types: redirects ? ['code'] : [],
    redirect_uris: client.redirectUris,
    [REQUIRE_PKCE_METADATA]: client.requirePkce,
    scope: [...client.scopes, ...CONTEXT_SCOPES].join(' '),
  };
}

/** invalid_grant with a description the TPP can act on (the provider's own is generic). */
export function invalidGrant(description: string): InstanceType<typeof errors.InvalidGrant> {
  return Object.assign(new errors.InvalidGrant(description), { error_description: description });
}
