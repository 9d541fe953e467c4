import type { Generated, Kysely } from 'kysely';

/** Registered TPP applications. Secrets are never stored, only their hashes. */
export interface ClientsTable {
  id: string;
  name: string;
  secret_hash: string;
  /** JSON array of allowed scopes, e.g. ["aspspinformation","accountinformation","private"]. */
  scopes: string;
  /** JSON array of exact redirect URIs. */
  redirect_uris: string;
  status: 'active' | 'disabled';
  created_at: string;
  updated_at: string;
}

/**
 * Everything the OAuth server keeps (access tokens, codes, grants, sessions, interactions).
 * `id` is a SHA-256 of the token or code value, so a copy of the database holds no usable token.
 */
export interface OidcPayloadsTable {
  id: string;
  model: string;
  payload: string;
  client_id: string | null;
  grant_id: string | null;
  user_code: string | null;
  uid: string | null;
  /** Unix seconds. */
  expires_at: number | null;
  consumed_at: number | null;
}

/** Small key-value settings shared by all instances (encrypted signing keys, the demo client id). */
export interface SettingsTable {
  key: string;
  value: string;
  created_at: string;
}

export interface Database {
  clients: ClientsTable;
  oidc_payloads: OidcPayloadsTable;
  settings: SettingsTable;
  kysely_migration?: { name: string; timestamp: string };
}

export type Db = Kysely<Database>;

// Re-exported so modules that only need types do not import kysely themselves.
export type { Generated };
