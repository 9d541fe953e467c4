import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { adminQuery, TEST_DATABASE_URL, TEST_DB } from '../support/test-store.js';

describe.runIf(TEST_DB === 'postgres')('PostgreSQL schemas', () => {
  it('migrates a schema while another schema of the database is already migrated', async () => {
    const first = `bb_test_${randomBytes(6).toString('hex')}`;
    const second = `bb_test_${randomBytes(6).toString('hex')}`;
    await adminQuery(`CREATE SCHEMA ${first}; CREATE SCHEMA ${second}`);
    try {
      const a = await openStore({ databaseUrl: TEST_DATABASE_URL, postgresSchema: first });
      await a.close();
      const b = await openStore({ databaseUrl: TEST_DATABASE_URL, postgresSchema: second });
      try {
        const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(
          b.db,
        );
        expect(rows.map((m) => m.name)).toContain('0001_foundation');
        expect(await b.db.selectFrom('clients').selectAll().execute()).toEqual([]);
      } finally {
        await b.close();
      }
      // Opening an already migrated schema again is a no-op.
      const again = await openStore({ databaseUrl: TEST_DATABASE_URL, postgresSchema: first });
      await again.close();
    } finally {
      await adminQuery(`DROP SCHEMA ${first} CASCADE; DROP SCHEMA ${second} CASCADE`);
    }
  });

  it('migrates a schema while other schemas of the database are being dropped', async () => {
    // Test files and operators drop schemas while another Bankbridge starts in the same
    // database. The migrator must look at its own schema only: a look at every schema's tables
    // fails on one dropped between the catalog scan and the per-table lookups.
    const fresh: string[] = [];
    try {
      for (let round = 0; round < 24; round++) {
        const doomed = Array.from(
          { length: 12 },
          () => `bb_test_${randomBytes(6).toString('hex')}`,
        );
        await adminQuery(
          doomed
            .map((name) => `CREATE SCHEMA ${name}; CREATE TABLE ${name}.t (id serial primary key)`)
            .join('; '),
        );
        const schema = `bb_test_${randomBytes(6).toString('hex')}`;
        fresh.push(schema);
        const [opened] = await Promise.all([
          openStore({ databaseUrl: TEST_DATABASE_URL, postgresSchema: schema }),
          ...doomed.map((name) => adminQuery(`DROP SCHEMA ${name} CASCADE`)),
        ]);
        await opened.close();
      }
    } finally {
      if (fresh.length > 0) {
        await adminQuery(fresh.map((name) => `DROP SCHEMA IF EXISTS ${name} CASCADE`).join('; '));
      }
    }
    // Two dozen full migrations of the whole schema: on a busy machine more than the default.
  }, 180_000);
});
