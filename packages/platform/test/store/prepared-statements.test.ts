import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { preparingPool } from '../../src/store/prepared-statements.js';
import { adminQuery, TEST_DATABASE_URL, TEST_DB } from '../support/test-store.js';

interface Tables {
  notes: { id: number; body: string };
}

describe.runIf(TEST_DB === 'postgres')('PostgreSQL prepared statements', () => {
  let schema: string;
  let pool: pg.Pool;
  let db: Kysely<Tables>;

  beforeEach(async () => {
    schema = `bb_test_${randomBytes(6).toString('hex')}`;
    await adminQuery(
      `CREATE SCHEMA ${schema}; CREATE TABLE ${schema}.notes (id int primary key, body text not null); INSERT INTO ${schema}.notes VALUES (1, 'one'), (2, 'two')`,
    );
    // One connection, so that what it prepared can be read back on it.
    pool = new pg.Pool({
      connectionString: TEST_DATABASE_URL,
      max: 1,
      options: `-c search_path=${schema}`,
    });
  });

  afterEach(async () => {
    await db.destroy();
    await adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  });

  const open = (mostPerConnection?: number) => {
    db = new Kysely<Tables>({
      dialect: new PostgresDialect({
        pool: preparingPool(pool, mostPerConnection ? { mostPerConnection } : {}),
      }),
    });
    return db;
  };
  const prepared = async () => {
    const { rows } = await sql<{
      name: string;
      statement: string;
    }>`select name, statement from pg_prepared_statements order by statement`.execute(db);
    return rows;
  };
  const backend = async () =>
    (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]?.pid;
  const note = (id: number) =>
    db.selectFrom('notes').selectAll().where('id', '=', id).executeTakeFirst();

  it('prepares a query with parameters once per connection, under a name from its text', async () => {
    open();
    expect(await note(1)).toEqual({ id: 1, body: 'one' });
    expect(await note(2)).toEqual({ id: 2, body: 'two' });
    const statements = await prepared();
    expect(statements).toHaveLength(1);
    expect(statements[0]?.name).toMatch(/^bb_[A-Za-z0-9_-]{32}$/);
    expect(statements[0]?.statement).toBe('select * from "notes" where "id" = $1');
  });

  it('answers a read of a table changed since it was prepared, and then leaves the connection', async () => {
    open();
    await note(1);
    const before = await backend();
    // What a newer instance's migration does while this one serves.
    await adminQuery(`ALTER TABLE ${schema}.notes ADD COLUMN tag text`);
    expect(await note(1)).toEqual({ id: 1, body: 'one', tag: null });
    // The connection holding the stale statement was closed when it went back to the pool.
    expect(await backend()).not.toBe(before);
    expect(await note(2)).toEqual({ id: 2, body: 'two', tag: null });
    expect(await prepared()).toHaveLength(1);
  });

  it('fails a transaction that read a changed table and rolls it back, once per connection', async () => {
    open();
    await note(1);
    await adminQuery(`ALTER TABLE ${schema}.notes ADD COLUMN tag text`);
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('notes').values({ id: 3, body: 'three' }).execute();
        return trx.selectFrom('notes').selectAll().where('id', '=', 1).executeTakeFirst();
      }),
    ).rejects.toMatchObject({ code: '0A000' });
    expect(await note(3)).toBeUndefined();
    const again = await db.transaction().execute(async (trx) => {
      await trx.insertInto('notes').values({ id: 3, body: 'three' }).execute();
      return trx.selectFrom('notes').selectAll().where('id', '=', 1).executeTakeFirst();
    });
    expect(again).toEqual({ id: 1, body: 'one', tag: null });
    expect(await note(3)).toEqual({ id: 3, body: 'three', tag: null });
  });

  it('sends queries unnamed once a connection holds its most statements', async () => {
    open(2);
    await note(1);
    await db.selectFrom('notes').select('body').where('id', '=', 1).execute();
    await db.selectFrom('notes').select('id').where('body', '=', 'two').execute();
    expect(await db.selectFrom('notes').select('id').where('body', '=', 'two').execute()).toEqual([
      { id: 2 },
    ]);
    expect(await prepared()).toHaveLength(2);
  });

  it('is off in a store opened without prepared statements, on in one opened with the default', async () => {
    open();
    for (const preparedStatements of [false, undefined]) {
      const store = await openStore({
        databaseUrl: TEST_DATABASE_URL,
        postgresSchema: schema,
        ...(preparedStatements === false ? { preparedStatements } : {}),
      });
      try {
        // One connection's view: read and list on the same connection in one transaction.
        const listed = await store.db.transaction().execute(async (trx) => {
          await trx.selectFrom('clients').selectAll().where('id', '=', 'nobody').execute();
          const { rows } = await sql<{
            name: string;
          }>`select name from pg_prepared_statements`.execute(trx);
          return rows.map((row) => row.name);
        });
        if (preparedStatements === false) expect(listed).toEqual([]);
        else expect(listed.some((name) => name.startsWith('bb_'))).toBe(true);
      } finally {
        await store.close();
      }
    }
  });
});
