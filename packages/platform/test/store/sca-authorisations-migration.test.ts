/**
 * The migration that keeps SCA authorisations by resource carries every consent authorisation
 * and its history over unchanged, sealed bank exchanges included, and leaves the consents'
 * own history where it was.
 */
import { type Kysely, Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SealedBox } from '../../src/security/sealed-box.js';
import { AuthorisationsRepository } from '../../src/store/authorisations.js';
import { migrationProvider } from '../../src/store/migrations/index.js';
import { createTestStore, TEST_DB, type TestStore } from '../support/test-store.js';

let store: TestStore;
// The tables as they were before the migration, which the store's types no longer name.
// biome-ignore lint/suspicious/noExplicitAny: the schema of an earlier migration
let db: Kysely<any>;
let migrator: Migrator;
const box = new SealedBox(Buffer.alloc(32, 3));
const at = '2026-11-01T10:00:00.000Z';

beforeAll(async () => {
  store = await createTestStore();
  db = store.db;
  const schema =
    TEST_DB === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]
          ?.schema
      : undefined;
  migrator = new Migrator({
    db,
    provider: migrationProvider,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const down = await migrator.migrateTo('0009_rate_limits');
  expect(down.error).toBeUndefined();
});
afterAll(async () => store?.destroy());

async function consentWithHistory(id: string, authorisations: string[]): Promise<void> {
  await db
    .insertInto('consents')
    .values({
      id,
      client_id: 'client-a',
      bic: 'SWEDSESS',
      status: 'valid',
      access: '{}',
      recurring_indicator: 1,
      valid_until: '2027-01-31',
      frequency_per_day: 4,
      combined_service_indicator: 0,
      psu_context: 'private',
      psu_corporate_id: null,
      sca_approach: 'REDIRECT',
      bank_consent_id: `bank-${id}`,
      granted_access: null,
      bank_tokens: null,
      bank_tokens_expire_at: null,
      version: 3,
      created_at: at,
      last_action_date: '2026-11-01',
      status_changed_at: at,
    })
    .execute();
  await db
    .insertInto('consent_events')
    .values({
      id: `${id}-e0`,
      consent_id: id,
      authorisation_id: null,
      from_status: null,
      to_status: 'received',
      reason: 'created',
      request_id: 'r-0',
      at,
    })
    .execute();
  for (const [n, authorisationId] of authorisations.entries()) {
    await db
      .insertInto('consent_authorisations')
      .values({
        id: authorisationId,
        consent_id: id,
        sca_status: 'psuAuthenticated',
        sca_approach: 'REDIRECT',
        bank_authorisation_id: null,
        auto_start_token: null,
        bank_exchange: box.seal(
          JSON.stringify({ codeVerifier: `v-${n}`, redirectUri: 'https://cb', code: `c-${n}` }),
          `authorisation:${authorisationId}:bank-exchange`,
        ),
        psu_message: n === 0 ? 'Open BankID' : null,
        version: 4,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await db
      .insertInto('consent_events')
      .values({
        id: `${authorisationId}-e1`,
        consent_id: id,
        authorisation_id: authorisationId,
        from_status: 'started',
        to_status: 'psuAuthenticated',
        reason: 'PSU authenticated at the bank',
        request_id: `r-${n}`,
        at,
      })
      .execute();
  }
}

describe(`authorisations kept by resource (${TEST_DB})`, () => {
  it('carries every consent authorisation and its history over', async () => {
    await consentWithHistory('consent-1', ['auth-1a', 'auth-1b']);
    await consentWithHistory('consent-2', ['auth-2a']);

    const up = await migrator.migrateToLatest();
    expect(up.error).toBeUndefined();
    expect(up.results?.map((r) => [r.migrationName, r.status])).toContainEqual([
      '0010_sca_authorisations',
      'Success',
    ]);

    const authorisations = new AuthorisationsRepository(db, box);
    const first = await authorisations.list({ kind: 'consent', id: 'consent-1' });
    expect(first.map((a) => a.id).sort()).toEqual(['auth-1a', 'auth-1b']);
    expect(first.find((a) => a.id === 'auth-1a')).toMatchObject({
      resource: { kind: 'consent', id: 'consent-1' },
      scaStatus: 'psuAuthenticated',
      scaApproach: 'REDIRECT',
      psuMessage: 'Open BankID',
      version: 4,
      createdAt: at,
    });
    expect(await authorisations.list({ kind: 'consent', id: 'consent-2' })).toHaveLength(1);
    // A bank exchange sealed before the migration still opens.
    expect(await authorisations.bankExchange('auth-1b')).toEqual({
      codeVerifier: 'v-1',
      redirectUri: 'https://cb',
      code: 'c-1',
    });

    const scaHistory = await authorisations.events({ kind: 'consent', id: 'consent-1' });
    expect(scaHistory.map((e) => [e.authorisation_id, e.to_status, e.request_id]).sort()).toEqual([
      ['auth-1a', 'psuAuthenticated', 'r-0'],
      ['auth-1b', 'psuAuthenticated', 'r-1'],
    ]);
    const consentHistory = await db
      .selectFrom('consent_events')
      .select(['to_status', 'authorisation_id'])
      .where('consent_id', '=', 'consent-1')
      .execute();
    expect(consentHistory).toEqual([{ to_status: 'received', authorisation_id: null }]);
    const tables = (await db.introspection.getTables()).map((t) => t.name);
    expect(tables).not.toContain('consent_authorisations');
  });
});
