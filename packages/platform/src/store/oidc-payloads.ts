import type { Db, OidcPayloadsTable } from './schema.js';

/** A stored payload as its readers need it: the JSON and when it ends or was used. */
export interface StoredOidcPayload {
  payload: string;
  /** Unix seconds; null: it does not expire. */
  expires_at: number | null;
  consumed_at: number | null;
}

/** An access token's row with its client's status, which decides whether it counts. */
export interface StoredAccessToken {
  model: string;
  payload: string;
  expires_at: number | null;
  clientStatus: 'active' | 'disabled';
}

/** The columns a payload may be looked up by, besides its id. */
export type OidcPayloadLookup = 'uid' | 'user_code';

/**
 * The OAuth servers' rows (codes, tokens, grants, sessions) in `oidc_payloads`. Callers hash
 * token and code values into `id` themselves: this module stores what it is given.
 */
export class OidcPayloadRows {
  constructor(private readonly db: Db) {}

  /** Stores a payload, replacing the one of the same model and id (not its consumed mark). */
  async upsert(row: OidcPayloadsTable): Promise<void> {
    await this.db
      .insertInto('oidc_payloads')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['model', 'id']).doUpdateSet({
          payload: row.payload,
          client_id: row.client_id,
          grant_id: row.grant_id,
          user_code: row.user_code,
          uid: row.uid,
          expires_at: row.expires_at,
        }),
      )
      .execute();
  }

  find(model: string, id: string): Promise<StoredOidcPayload | undefined> {
    return this.db
      .selectFrom('oidc_payloads')
      .select(['payload', 'expires_at', 'consumed_at'])
      .where('model', '=', model)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  findBy(
    model: string,
    column: OidcPayloadLookup,
    value: string,
  ): Promise<StoredOidcPayload | undefined> {
    return this.db
      .selectFrom('oidc_payloads')
      .select(['payload', 'expires_at', 'consumed_at'])
      .where('model', '=', model)
      .where(column, '=', value)
      .executeTakeFirst();
  }

  /**
   * Marks a payload used at `at` unless it was used before; answers whether this call did.
   * One conditional update, so of two uses in parallel exactly one wins.
   */
  async consume(model: string, id: string, at: number): Promise<boolean> {
    const result = await this.db
      .updateTable('oidc_payloads')
      .set({ consumed_at: at })
      .where('model', '=', model)
      .where('id', '=', id)
      .where('consumed_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows !== 0n;
  }

  async destroy(model: string, id: string): Promise<void> {
    await this.db
      .deleteFrom('oidc_payloads')
      .where('model', '=', model)
      .where('id', '=', id)
      .execute();
  }

  /** Deletes every payload of a grant (of any model); answers what they held. */
  async deleteGrant(grantId: string): Promise<string[]> {
    const deleted = await this.db
      .deleteFrom('oidc_payloads')
      .where('grant_id', '=', grantId)
      .returning('payload')
      .execute();
    return deleted.map((row) => row.payload);
  }

  /** The token stored under `id` as one of `models`, with its client's status; one query. */
  findAccessToken(models: readonly string[], id: string): Promise<StoredAccessToken | undefined> {
    return this.db
      .selectFrom('oidc_payloads')
      .innerJoin('clients', 'clients.id', 'oidc_payloads.client_id')
      .select([
        'oidc_payloads.model',
        'oidc_payloads.payload',
        'oidc_payloads.expires_at',
        'clients.status as clientStatus',
      ])
      .where('oidc_payloads.model', 'in', [...models])
      .where('oidc_payloads.id', '=', id)
      .executeTakeFirst();
  }

  /** When the payload ends: undefined when there is none, null when it does not expire. */
  async expiresAt(model: string, id: string): Promise<number | null | undefined> {
    const row = await this.db
      .selectFrom('oidc_payloads')
      .select('expires_at')
      .where('model', '=', model)
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.expires_at;
  }

  /** Deletes payloads that expired before `before` (Unix seconds). */
  async deleteExpired(before: number): Promise<void> {
    await this.db.deleteFrom('oidc_payloads').where('expires_at', '<', before).execute();
  }
}
