import { randomUUID } from 'node:crypto';
import { redirectUriProblem } from '../auth/redirect-uris.js';
import { isServiceScope, SERVICE_SCOPES } from '../auth/scopes.js';
import {
  generateClientSecret,
  hashClientSecret,
  verifyClientSecret,
} from '../security/client-secrets.js';
import type { ClientsTable, Db } from './schema.js';

export type ClientStatus = ClientsTable['status'];

export interface Client {
  id: string;
  name: string;
  scopes: string[];
  redirectUris: string[];
  status: ClientStatus;
  createdAt: string;
  updatedAt: string;
  /** Only the repository and the OAuth server's secret check see this. */
  secretHash: string;
}

export interface NewClient {
  name: string;
  redirectUris?: string[];
  scopes?: string[];
}

/** A request to change a client that breaks a rule; the message is fit to show the operator. */
export class ClientValidationError extends Error {
  override name = 'ClientValidationError';
}

export class ClientNotFoundError extends Error {
  override name = 'ClientNotFoundError';
}

export class ClientsRepository {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Creates a client; the secret is returned here once and never again. */
  async create(input: NewClient): Promise<{ client: Client; secret: string }> {
    const name = input.name.trim();
    if (!name) throw new ClientValidationError('a client needs a name');
    const scopes = validScopes(input.scopes?.length ? input.scopes : [...SERVICE_SCOPES]);
    const redirectUris = validRedirectUris(input.redirectUris ?? []);
    const secret = generateClientSecret();
    const at = this.now().toISOString();
    const row: ClientsTable = {
      id: randomUUID(),
      name,
      secret_hash: hashClientSecret(secret),
      scopes: JSON.stringify(scopes),
      redirect_uris: JSON.stringify(redirectUris),
      status: 'active',
      created_at: at,
      updated_at: at,
    };
    await this.db.insertInto('clients').values(row).execute();
    return { client: toClient(row), secret };
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

  async list(): Promise<Client[]> {
    const rows = await this.db.selectFrom('clients').selectAll().orderBy('created_at').execute();
    return rows.map(toClient);
  }

  /** The active client whose secret matches, or undefined; constant time in the secret. */
  async authenticate(id: string, secret: string): Promise<Client | undefined> {
    const client = await this.find(id);
    if (client?.status !== 'active') return undefined;
    return verifyClientSecret(secret, client.secretHash) ? client : undefined;
  }

  /** Replaces the secret; the old one stops working at once. */
  async rotateSecret(id: string): Promise<string> {
    await this.get(id);
    const secret = generateClientSecret();
    await this.update(id, { secret_hash: hashClientSecret(secret) });
    return secret;
  }

  async setStatus(id: string, status: ClientStatus): Promise<Client> {
    await this.get(id);
    await this.update(id, { status });
    return this.get(id);
  }

  async setRedirectUris(id: string, redirectUris: string[]): Promise<Client> {
    await this.get(id);
    await this.update(id, { redirect_uris: JSON.stringify(validRedirectUris(redirectUris)) });
    return this.get(id);
  }

  private async update(id: string, values: Partial<ClientsTable>): Promise<void> {
    await this.db
      .updateTable('clients')
      .set({ ...values, updated_at: this.now().toISOString() })
      .where('id', '=', id)
      .execute();
  }
}

function validScopes(scopes: string[]): string[] {
  const unknown = scopes.filter((s) => !isServiceScope(s));
  if (unknown.length) {
    throw new ClientValidationError(
      `unknown scope ${unknown.join(', ')}; allowed: ${SERVICE_SCOPES.join(', ')}`,
    );
  }
  return [...new Set(scopes)];
}

function validRedirectUris(uris: string[]): string[] {
  for (const uri of uris) {
    const problem = redirectUriProblem(uri);
    if (problem) throw new ClientValidationError(problem);
  }
  return [...new Set(uris)];
}

function toClient(row: ClientsTable): Client {
  return {
    id: row.id,
    name: row.name,
    scopes: JSON.parse(row.scopes) as string[],
    redirectUris: JSON.parse(row.redirect_uris) as string[],
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    secretHash: row.secret_hash,
  };
}
