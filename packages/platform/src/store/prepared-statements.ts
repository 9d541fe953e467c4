import { createHash } from 'node:crypto';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';

/**
 * PostgreSQL parses and plans a query sent without a name every time; for Bankbridge's short
 * queries that is most of the server's work (an account list's consent read: 0.18 ms of the
 * server's CPU unnamed, 0.09 ms named). Sent with a name, a statement is parsed and planned once
 * per connection and then only bound and run. The application sends a bounded set of SQL texts,
 * so every query with parameters gets a name derived from its text.
 *
 * A prepared statement that reads `*` fails with "cached plan must not change result type"
 * (SQLSTATE 0A000) once a migration changed its table, which a newer instance does while this
 * one still serves (README, rolling upgrade). Outside a transaction the query is then sent
 * again without a name, so the caller sees nothing; inside one the transaction has already
 * failed and is rolled back by its caller, which is what any database error there does. Either
 * way the connection is closed when it goes back to the pool, so each connection fails at most
 * once and the next one prepares against the new tables.
 *
 * A pooler in transaction mode that cannot keep prepared statements (PgBouncer before 1.21, or
 * without `max_prepared_statements`) needs them off: BANKBRIDGE_DB_PREPARED_STATEMENTS=false.
 */
export function preparingPool(pool: pg.Pool, options: PreparingOptions = {}): PostgresPool {
  const most = options.mostPerConnection ?? DEFAULT_MOST_PER_CONNECTION;
  const clients = new WeakMap<pg.PoolClient, PreparingClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let preparing = clients.get(client);
      if (!preparing) {
        preparing = new PreparingClient(client, most);
        clients.set(client, preparing);
      }
      return preparing;
    },
    end: () => pool.end(),
  };
}

export interface PreparingOptions {
  /**
   * How many statements one connection prepares at most; queries past it are sent unnamed.
   * Each prepared statement holds memory in its server process for the connection's life.
   */
  mostPerConnection?: number;
}

const DEFAULT_MOST_PER_CONNECTION = 500;

/** The SQLSTATE of "cached plan must not change result type". */
const PLAN_CHANGED = '0A000';

class PreparingClient implements PostgresPoolClient {
  private readonly prepared = new Set<string>();
  private inTransaction = false;
  /** Set once a prepared statement went stale: the connection is closed on release. */
  private retired = false;

  constructor(
    private readonly client: pg.PoolClient,
    private readonly most: number,
  ) {}

  // biome-ignore lint/suspicious/noExplicitAny: the overloads of PostgresPoolClient.query.
  query(textOrCursor: any, values?: ReadonlyArray<unknown>): any {
    if (typeof textOrCursor !== 'string') return this.client.query(textOrCursor);
    return this.run(textOrCursor, values ?? []);
  }

  release(): void {
    this.inTransaction = false;
    // `true` makes the pool close the connection instead of keeping it.
    this.client.release(this.retired ? true : undefined);
  }

  private async run(
    text: string,
    values: ReadonlyArray<unknown>,
  ): Promise<PostgresQueryResult<unknown>> {
    // Transaction control has no parameters: the queries that have some need no look.
    if (values.length === 0) this.noteTransaction(text);
    const name = this.nameFor(text, values);
    if (name === undefined) return this.unnamed(text, values);
    try {
      const result = await this.client.query({ name, text, values: [...values] });
      this.prepared.add(name);
      return result as unknown as PostgresQueryResult<unknown>;
    } catch (error) {
      if ((error as { code?: unknown }).code !== PLAN_CHANGED) throw error;
      this.retired = true;
      if (this.inTransaction) throw error;
      return this.unnamed(text, values);
    }
  }

  private async unnamed(
    text: string,
    values: ReadonlyArray<unknown>,
  ): Promise<PostgresQueryResult<unknown>> {
    const result = await this.client.query(text, [...values]);
    return result as unknown as PostgresQueryResult<unknown>;
  }

  /** The statement's name, or undefined to send it unnamed. */
  private nameFor(text: string, values: ReadonlyArray<unknown>): string | undefined {
    // Statements without parameters are transaction control and schema changes: once each.
    if (values.length === 0 || this.retired) return undefined;
    const name = statementName(text);
    if (!this.prepared.has(name) && this.prepared.size >= this.most) return undefined;
    return name;
  }

  private noteTransaction(text: string): void {
    const verb = text.trimStart().slice(0, 20).toLowerCase();
    if (verb.startsWith('begin') || verb.startsWith('start transaction')) {
      this.inTransaction = true;
    } else if (verb === 'commit' || verb === 'rollback' || verb === 'end' || verb === 'abort') {
      this.inTransaction = false;
    }
  }
}

const names = new Map<string, string>();

/** A name from the text itself: the same on every connection and instance, never two texts. */
function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `bb_${createHash('sha256').update(text).digest('base64url').slice(0, 32)}`;
    if (names.size >= 2000) names.clear();
    names.set(text, name);
  }
  return name;
}
