import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openStore, SQLITE_FILE, type Store } from '../../src/store/open-store.js';

/** Which database the suite runs on: `BANKBRIDGE_TEST_DB=postgres` selects PostgreSQL. */
export const TEST_DB = process.env.BANKBRIDGE_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
export const TEST_DATABASE_URL =
  process.env.BANKBRIDGE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestStore extends Store {
  /** Where the platform should keep files (SQLite file, secret key, demo credentials). */
  dataDir: string;
  /** Settings for createPlatform / the CLI to reach the same database. */
  databaseUrl: string | undefined;
  postgresSchema: string | undefined;
  destroy(): Promise<void>;
}

/**
 * A fresh, migrated store of its own: a new SQLite file, or a new PostgreSQL schema in the
 * `test` database, so test files run in parallel without seeing each other's rows.
 */
export async function createTestStore(): Promise<TestStore> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bankbridge-test-'));
  if (TEST_DB === 'sqlite') {
    const store = await openStore({ sqlitePath: path.join(dataDir, SQLITE_FILE) });
    return {
      ...store,
      dataDir,
      databaseUrl: undefined,
      postgresSchema: undefined,
      destroy: async () => {
        await store.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const schema = `bb_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE SCHEMA ${schema}`);
  const store = await openStore({ databaseUrl: TEST_DATABASE_URL, postgresSchema: schema });
  return {
    ...store,
    dataDir,
    databaseUrl: TEST_DATABASE_URL,
    postgresSchema: schema,
    destroy: async () => {
      await store.close();
      await adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs one statement on the `test` database outside any store (creating and dropping schemas). */
export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
