import { randomUUID } from 'node:crypto';
import type { ClientsTable, Db } from './schema.js';

export type ClientStatus = ClientsTable['status'];

export interface Client {
  id: string;
  name: string;
  scopes: string[];
  redirectUris: string[];
  status: ClientStatus;
  /** The portal user who owns it; null for clients made by the CLI or the demo. */
  ownerId: string | null;
  /**
   * An app that cannot keep a secret (browser, phone): it has none, and uses the AISP API's
   * authorization-code flow with PKCE S256 and no client authentication.
   */
  public: boolean;
  /**
   * It must send a PKCE S256 challenge at `/connect/authorize` and `/oauth/authorize`; public
   * clients always must. Off by default: the integration guide's redirect flow sends none.
   */
  requirePkce: boolean;
  createdAt: string;
  updatedAt: string;
  /**
   * The organisation identifier (e.g. `PSDSE-FINA-44059`) of the TPP certificates this client
   * must present in production mode; null: not bound, no token in production mode.
   */
  certificateOrganizationId: string | null;
  /** Only the repository and the OAuth server's secret check see this. */
  secretHash: string;
}

export interface NewClient {
  name: string;
  redirectUris?: string[];
  scopes?: string[];
  /** The portal user creating it. */
  ownerId?: string;
  /** PKCE S256 required at authorization (default: optional). */
  requirePkce?: boolean;
}

/** A public client: redirect URIs are what identifies it, so it needs at least one. */
export type NewPublicClient = Omit<NewClient, 'redirectUris'> & { redirectUris: string[] };

/** A request to change a client that breaks a rule; the message is fit to show the operator. */
export class ClientValidationError extends Error {
  override name = 'ClientValidationError';
}

export class ClientNotFoundError extends Error {
  override name = 'ClientNotFoundError';
}

/**
 * What a client row must satisfy and how its secret is made, given by the caller
 * (auth/client-rules.ts): those rules belong to the OAuth server and the certificates, which
 * sit above the store. Each `...Problem` answers a message fit for the operator, or undefined.
 */
export interface ClientRules {
  /** The scopes of a client created without any. */
  defaultScopes: readonly string[];
  scopesProblem(scopes: string[]): string | undefined;
  redirectUriProblem(uri: string): string | undefined;
  organizationIdProblem(organizationId: string): string | undefined;
  generateSecret(): string;
  hashSecret(secret: string): string;
  /** Constant time in the secret. */
  verifySecret(presented: string, storedHash: string): boolean;
}

export class ClientsRepository {
  constructor(
    private readonly db: Db,
    private readonly rules: ClientRules,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Creates a client; the secret is returned here once and never again. */
  async create(input: NewClient): Promise<{ client: Client; secret: string }> {
    const secret = this.rules.generateSecret();
    const client = await this.insert(input, this.rules.hashSecret(secret), 'confidential');
    return { client, secret };
  }

  /**
   * Creates a public client. It has no secret: the stored hash is of random bytes nobody is
   * given, so no client authentication can ever succeed for it.
   */
  async createPublic(input: NewPublicClient): Promise<Client> {
    if (input.redirectUris.length === 0) {
      throw new ClientValidationError('a public client needs at least one redirect URI');
    }
    return this.insert(input, this.rules.hashSecret(this.rules.generateSecret()), 'public');
  }

  private async insert(
    input: NewClient,
    secretHash: string,
    clientType: ClientsTable['client_type'],
  ): Promise<Client> {
    const name = input.name.trim();
    if (!name) throw new ClientValidationError('a client needs a name');
    const scopes = this.validScopes(
      input.scopes?.length ? input.scopes : [...this.rules.defaultScopes],
    );
    const redirectUris = this.validRedirectUris(input.redirectUris ?? []);
    const at = this.now().toISOString();
    const row: ClientsTable = {
      id: randomUUID(),
      name,
      secret_hash: secretHash,
      scopes: JSON.stringify(scopes),
      redirect_uris: JSON.stringify(redirectUris),
      status: 'active',
      owner_id: input.ownerId ?? null,
      client_type: clientType,
      require_pkce: input.requirePkce ? 1 : 0,
      created_at: at,
      updated_at: at,
    };
    await this.db.insertInto('clients').values(row).execute();
    return toClient(row);
  }

  async find(id: string): Promise<Client | undefined> {
    const row = await this.db
      .selectFrom('clients')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toClient(row) : undefined;
  }

  async get(id: string): Promise<Client> {
    const client = await this.find(id);
    if (!client) throw new ClientNotFoundError(`no client with id ${id}`);
    return client;
  }

  /** All clients, or those one portal user owns. */
  async list(filter: { ownerId?: string } = {}): Promise<Client[]> {
    let query = this.db.selectFrom('clients').selectAll();
    if (filter.ownerId !== undefined) query = query.where('owner_id', '=', filter.ownerId);
    const rows = await query.orderBy('created_at').execute();
    return rows.map(toClient);
  }

  /** The active client whose secret matches, or undefined; constant time in the secret. */
  async authenticate(id: string, secret: string): Promise<Client | undefined> {
    const client = await this.find(id);
    if (client?.status !== 'active') return undefined;
    return this.rules.verifySecret(secret, client.secretHash) ? client : undefined;
  }

  /** Replaces the secret; the old one stops working at once. */
  async rotateSecret(id: string): Promise<string> {
    const client = await this.get(id);
    if (client.public) throw new ClientValidationError('a public client has no secret to rotate');
    const secret = this.rules.generateSecret();
    await this.update(id, { secret_hash: this.rules.hashSecret(secret) });
    return secret;
  }

  async setStatus(id: string, status: ClientStatus): Promise<Client> {
    await this.get(id);
    await this.update(id, { status });
    return this.get(id);
  }

  async setRedirectUris(id: string, redirectUris: string[]): Promise<Client> {
    const client = await this.get(id);
    if (client.public && redirectUris.length === 0) {
      throw new ClientValidationError('a public client needs at least one redirect URI');
    }
    await this.update(id, { redirect_uris: JSON.stringify(this.validRedirectUris(redirectUris)) });
    return this.get(id);
  }

  /** Requires PKCE S256 of the client at authorization from its next request on, or not. */
  async setPkceRequired(id: string, required: boolean): Promise<Client> {
    const client = await this.get(id);
    if (client.public && !required) {
      throw new ClientValidationError('a public client always uses PKCE: it has no secret');
    }
    await this.update(id, { require_pkce: required ? 1 : 0 });
    return this.get(id);
  }

  async setOwner(id: string, ownerId: string | null): Promise<Client> {
    await this.get(id);
    await this.update(id, { owner_id: ownerId });
    return this.get(id);
  }

  /**
   * Binds the client to the TPP certificates of one organisation (its QWAC's
   * organizationIdentifier), or unbinds it with null. Binding to the organisation, not to one
   * certificate, lets the TPP renew its certificate without a change here.
   */
  async bindCertificate(id: string, organizationId: string | null): Promise<Client> {
    const problem =
      organizationId === null ? undefined : this.rules.organizationIdProblem(organizationId);
    if (problem) throw new ClientValidationError(problem);
    await this.get(id);
    await this.update(id, { certificate_organization_id: organizationId });
    return this.get(id);
  }

  private async update(id: string, values: Partial<ClientsTable>): Promise<void> {
    await this.db
      .updateTable('clients')
      .set({ ...values, updated_at: this.now().toISOString() })
      .where('id', '=', id)
      .execute();
  }

  private validScopes(scopes: string[]): string[] {
    const problem = this.rules.scopesProblem(scopes);
    if (problem) throw new ClientValidationError(problem);
    return [...new Set(scopes)];
  }

  private validRedirectUris(uris: string[]): string[] {
    for (const uri of uris) {
      const problem = this.rules.redirectUriProblem(uri);
      if (problem) throw new ClientValidationError(problem);
    }
    return [...new Set(uris)];
  }
}

function toClient(row: ClientsTable): Client {
  return {
    id: row.id,
    name: row.name,
    scopes: JSON.parse(row.scopes) as string[],
    redirectUris: JSON.parse(row.redirect_uris) as string[],
    status: row.status,
    ownerId: row.owner_id ?? null,
    public: row.client_type === 'public',
    requirePkce: row.require_pkce === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    secretHash: row.secret_hash,
    certificateOrganizationId: row.certificate_organization_id ?? null,
  };
}
