import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SQLITE_FILE } from '../../src/store/open-store.js';
import { psd2Headers, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { TEST_DB } from '../support/test-store.js';

let t: TestPlatform;
/** Access tokens issued during this file, each of which must never be stored. */
const issued: string[] = [];
/** Client secrets handed out during this file. */
const secrets: string[] = [];

beforeAll(async () => {
  t = await startTestPlatform();
  secrets.push(t.client.secret);
  issued.push(await t.token('aspspinformation'));
  issued.push(await t.token('accountinformation private'));
  const rotating = await t.platform.clients.create({ name: 'Rotating TPP' });
  secrets.push(rotating.secret, await t.platform.clients.rotateSecret(rotating.client.id));
});
afterAll(async () => {
  await t?.close();
});

/** Every row of every table, as text. */
async function everyRow(): Promise<string[]> {
  const db = t.store.db;
  const tables = await Promise.all([
    db.selectFrom('clients').selectAll().execute(),
    db.selectFrom('oidc_payloads').selectAll().execute(),
    db.selectFrom('settings').selectAll().execute(),
  ]);
  return tables.flat().map((row) => JSON.stringify(row));
}

/** The secret part of a client secret (after its `bbs_` prefix), which must not leak either. */
const body = (secret: string) => secret.replace(/^bbs_/, '');

describe('client secrets at rest', () => {
  it('stores a hash that neither equals nor contains the secret', async () => {
    const row = await t.store.db
      .selectFrom('clients')
      .selectAll()
      .where('id', '=', t.client.id)
      .executeTakeFirstOrThrow();
    expect(row.secret_hash).not.toBe(t.client.secret);
    expect(row.secret_hash).not.toContain(body(t.client.secret));
    expect(row.secret_hash).toMatch(/^sha256:[A-Za-z0-9_-]{43}$/);
  });

  it('keeps no secret, current or rotated away, in any table', async () => {
    const rows = await everyRow();
    for (const secret of secrets) {
      for (const row of rows) expect(row).not.toContain(body(secret));
    }
  });

  it('gives two clients different hashes', async () => {
    const rows = await t.store.db.selectFrom('clients').select('secret_hash').execute();
    expect(new Set(rows.map((r) => r.secret_hash)).size).toBe(rows.length);
  });
});

describe('access tokens at rest', () => {
  it('stores the token rows without the token value, in id and payload', async () => {
    const rows = await t.store.db.selectFrom('oidc_payloads').selectAll().execute();
    const tokenRows = rows.filter((r) => r.model === 'ClientCredentials');
    expect(tokenRows.length).toBeGreaterThanOrEqual(issued.length);
    for (const token of issued) {
      for (const row of rows) {
        expect(row.id).not.toBe(token);
        expect(row.id).not.toContain(token);
        expect(row.payload).not.toContain(token);
        expect(JSON.parse(row.payload)).not.toHaveProperty('jti');
      }
    }
  });

  it('keeps no token in any table', async () => {
    const rows = await everyRow();
    for (const token of issued) for (const row of rows) expect(row).not.toContain(token);
  });

  it.runIf(TEST_DB === 'sqlite')('keeps no token or secret in the database files', async () => {
    const file = path.join(t.store.dataDir, SQLITE_FILE);
    const bytes = [file, `${file}-wal`]
      .filter((f) => existsSync(f))
      .map((f) => readFileSync(f).toString('latin1'))
      .join('');
    // The scan sees plain column values, so it would see a token stored in clear.
    expect(bytes).toContain('Rotating TPP');
    for (const token of issued) expect(bytes).not.toContain(token);
    for (const secret of secrets) expect(bytes).not.toContain(body(secret));
  });

  it('makes what is stored useless as a bearer token', async () => {
    // The token still works, so a refusal below is about the value presented.
    const valid = await t.api.inject({
      method: 'GET',
      url: '/psd2/aspspinformation/v1/countries',
      headers: psd2Headers(issued[0] as string),
    });
    expect(valid.statusCode, valid.body).toBe(200);

    const rows = await t.store.db
      .selectFrom('oidc_payloads')
      .select('id')
      .where('model', '=', 'ClientCredentials')
      .execute();
    for (const { id } of rows) {
      const response = await t.api.inject({
        method: 'GET',
        url: '/psd2/aspspinformation/v1/countries',
        headers: psd2Headers(id),
      });
      expect(response.statusCode).toBe(401);
      expect(response.json().tppMessages[0].code).toBe('TOKEN_INVALID');
    }
  });
});
