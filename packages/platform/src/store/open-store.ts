import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  type DatabaseIntrospector,
  Kysely,
  PostgresDialect,
  type SqliteDatabase,
  SqliteDialect,
  type SqliteStatement,
  sql,
} from 'kysely';
import pg from 'pg';
import { CurrentSchemaIntrospector } from './current-schema-introspector.js';
import { migrate } from './migrations-state.js';
import { preparingPool } from './prepared-statements.js';
import type { Database, Db } from './schema.js';
import { startWalCheckpointer } from './wal-checkpointer.js';

export type StoreDialect = 'sqlite' | 'postgres';

export interface Store {
  db: Db;
  dialect: StoreDialect;
  /** Where the data lives, for the start banner (never includes a password). */
  location: string;
  /** The connection pool's use right now (PostgreSQL); undefined for the embedded SQLite. */
  pool?: () => PoolUse;
  close(): Promise<void>;
}

export interface PoolUse {
  /** Connections open, idle among them, requests waiting for one, and the most allowed. */
  total: number;
  idle: number;
  waiting: number;
  max: number;
}

export interface StoreOptions {
  /** `postgres://...` selects PostgreSQL; absent selects the embedded SQLite file. */
  databaseUrl?: string | undefined;
  /** SQLite file location when no databaseUrl is given. */
  sqlitePath?: string;
  /** PostgreSQL schema to use (tests isolate themselves with one schema each). */
  postgresSchema?: string | undefined;
  /**
   * Apply pending migrations on opening (the default); `bankbridge migrate` and `doctor` open
   * without, to list or apply them themselves.
   */
  migrate?: boolean;
  /** Create the configured PostgreSQL schema if missing, even without migrating. */
  createSchema?: boolean;
  /** PostgreSQL: prepare each query once per connection (store/prepared-statements.ts); default on. */
  preparedStatements?: boolean;
  /**
   * SQLite: checkpoint the write-ahead log from a thread of its own (store/wal-checkpointer.ts),
   * told of a checkpoint that failed; for a store that serves requests, not the CLI's short runs.
   */
  backgroundCheckpoints?: { onFailure: (message: string) => void };
}

/** The embedded database's file name inside the data directory. */
export const SQLITE_FILE = 'bankbridge.sqlite';

/** Where the configured platform keeps its data: PostgreSQL if configured, else SQLite. */
export function storeOptionsFor(config: {
  databaseUrl: string | undefined;
  databaseSchema: string | undefined;
  databasePreparedStatements?: boolean;
  dataDir: string;
}): StoreOptions {
  return {
    databaseUrl: config.databaseUrl,
    postgresSchema: config.databaseSchema,
    preparedStatements: config.databasePreparedStatements ?? true,
    sqlitePath: path.join(config.dataDir, SQLITE_FILE),
  };
}

export async function openStore(options: StoreOptions): Promise<Store> {
  if (!options.databaseUrl && !options.sqlitePath) {
    throw new Error('openStore needs a databaseUrl or a sqlitePath');
  }
  const store = options.databaseUrl
    ? openPostgres(options)
    : openSqlite(options.sqlitePath as string, options.backgroundCheckpoints);
  try {
    const createSchema = options.migrate !== false || options.createSchema === true;
    if (options.databaseUrl && options.postgresSchema && createSchema) {
      await ensureSchema(store.db, options.postgresSchema);
    }
    if (options.migrate !== false) await migrate(store);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

function openSqlite(
  file: string,
  backgroundCheckpoints: StoreOptions['backgroundCheckpoints'],
): Store {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  // WAL lets readers run during writes; NORMAL sync is durable across process crashes.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
  });
  const checkpointer =
    backgroundCheckpoints && file !== ':memory:'
      ? startWalCheckpointer(file, backgroundCheckpoints)
      : undefined;
  return {
    db,
    dialect: 'sqlite',
    location: file,
    close: async () => {
      // Its connection first: the store's own, closed last, then folds the log in and removes it.
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

/**
 * Kysely prepares every query anew; preparing costs more than running a small query. The
 * application issues a bounded set of distinct SQL texts, so each is prepared once.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        if (statements.size >= 500) statements.clear();
        statements.set(sql, statement);
      }
      return statement as unknown as SqliteStatement;
    },
  };
}

/** PostgreSQL, with Kysely's introspection (the migrator's) looking at the current schema only. */
class CurrentSchemaPostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new CurrentSchemaIntrospector(db);
  }
}

// BIGINT columns hold Unix seconds; they fit a JS number, so read them as numbers.
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

function openPostgres(options: StoreOptions): Store {
  const schema = options.postgresSchema;
  const max = Number(process.env.BANKBRIDGE_DB_POOL_SIZE ?? 10);
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max,
    types: pgTypes,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const dialect = new CurrentSchemaPostgresDialect({
    pool: options.preparedStatements === false ? pool : preparingPool(pool),
  });
  const db = new Kysely<Database>({ dialect });
  const url = new URL(options.databaseUrl as string);
  url.password = '';
  url.username = url.username ? `${url.username}` : '';
  return {
    db,
    dialect: 'postgres',
    location: `${url.host}${url.pathname}${schema ? ` (schema ${schema})` : ''}`,
    pool: () => ({
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
      max,
    }),
    close: () => db.destroy(),
  };
}

/** Creates the configured schema on first start; an existing one needs no CREATE right. */
async function ensureSchema(db: Db, schema: string): Promise<void> {
  const { rows } = await sql`select 1 from pg_namespace where nspname = ${schema}`.execute(db);
  if (rows.length === 0) await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
}
