import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SealedBox } from '../../src/security/sealed-box.js';
import { CONFLICT, ConsentsRepository } from '../../src/store/consents.js';
import type { JointWrite } from '../../src/store/joint-write.js';
import { newConsent } from '../support/store-records.js';
import { createTestStore, type TestStore } from '../support/test-store.js';

let store: TestStore;
let repo: ConsentsRepository;
const box = new SealedBox(Buffer.alloc(32, 7));

const consent = newConsent;

beforeAll(async () => {
  store = await createTestStore();
  repo = new ConsentsRepository(store.db, box, () => new Date('2026-11-21T10:00:00Z'));
});
afterAll(async () => store?.destroy());

describe('consents', () => {
  it('keeps what was created, with booleans and JSON intact on either database', async () => {
    const created = await repo.create(consent(), { reason: 'created', requestId: 'r-1' });
    const read = await repo.findOwned('client-a', created.id);
    expect(read).toMatchObject({
      status: 'received',
      access: { accounts: [{ iban: 'SE3550000000054910000003' }] },
      recurringIndicator: true,
      combinedServiceIndicator: false,
      frequencyPerDay: 4,
      lastActionDate: '2026-11-21',
      version: 1,
    });
  });

  it('answers every change with exactly what a read of the row answers afterwards', async () => {
    let current = await repo.create(consent(), { reason: 'created' });
    const tokens = {
      accessToken: 'a',
      refreshToken: 'r',
      expiresAt: 1_800_000_000,
      refreshExpiresAt: null,
    };
    const changes = [
      () => repo.changeStatus(current, 'received', { reason: 'x' }, { scaApproach: 'DECOUPLED' }),
      () => repo.setBankTokens(current, tokens),
      () =>
        repo.changeStatus(
          current,
          'valid',
          { reason: 'sca' },
          {
            bankConsentId: 'bank-1',
            grantedAccess: { accounts: [{ iban: 'SE3550000000054910000003' }] },
            lastActionDate: '2026-11-22',
          },
        ),
      () => repo.changeStatus(current, 'terminatedByTpp', { reason: 'x' }, { bankEndDue: true }),
    ];
    for (const change of changes) {
      const changed = await change();
      if (changed === CONFLICT) throw new Error('conflict');
      expect(changed).toEqual(await repo.get(current.id));
      current = changed;
    }
    expect(current).toMatchObject({ status: 'terminatedByTpp', version: 5 });
  });

  it("does not find another client's consent", async () => {
    const created = await repo.create(consent(), { reason: 'created' });
    expect(await repo.findOwned('client-b', created.id)).toBeUndefined();
    expect(await repo.findOwned('client-a', 'no-such-id')).toBeUndefined();
  });

  it('lets only one of two changes made from the same read win', async () => {
    const created = await repo.create(consent(), { reason: 'created' });
    const first = await repo.changeStatus(created, 'valid', { reason: 'sca finalised' });
    const second = await repo.changeStatus(created, 'rejected', { reason: 'sca failed' });
    expect(first).not.toBe(CONFLICT);
    expect(second).toBe(CONFLICT);
    expect((await repo.get(created.id))?.status).toBe('valid');
  });

  it('lands a change and the write it carries together, and tells that write once committed', async () => {
    const created = await repo.create(consent(), { reason: 'created' });
    const told: string[] = [];
    const carried = (ok: boolean, name: string): JointWrite => ({
      run: async (trx) => {
        await trx
          .insertInto('settings')
          .values({ key: name, value: 'kept', created_at: '2026-11-21T10:00:00Z' })
          .execute();
        return ok;
      },
      landed: () => told.push(name),
    });
    const kept = await store.db.selectFrom('settings').select('key');

    const refused = await repo.changeStatus(
      created,
      'valid',
      { reason: 'x' },
      {},
      carried(false, `refused-${created.id}`),
    );
    expect(refused).toBe(CONFLICT);
    expect((await repo.get(created.id))?.status).toBe('received');
    expect(await kept.where('key', '=', `refused-${created.id}`).execute()).toEqual([]);
    expect(told).toEqual([]);

    const landed = await repo.changeStatus(
      created,
      'valid',
      { reason: 'x' },
      {},
      carried(true, `landed-${created.id}`),
    );
    expect(landed).not.toBe(CONFLICT);
    expect((await repo.get(created.id))?.status).toBe('valid');
    expect(await kept.where('key', '=', `landed-${created.id}`).execute()).toHaveLength(1);
    expect(told).toEqual([`landed-${created.id}`]);

    // A change that loses its compare-and-set writes nothing it carries either.
    const stale = await repo.changeStatus(
      created,
      'rejected',
      { reason: 'x' },
      {},
      carried(true, `stale-${created.id}`),
    );
    expect(stale).toBe(CONFLICT);
    expect(await kept.where('key', '=', `stale-${created.id}`).execute()).toEqual([]);
    expect(told).toEqual([`landed-${created.id}`]);
  });

  it('records every status change with its reason and request id', async () => {
    const created = await repo.create(consent(), { reason: 'created', requestId: 'req-1' });
    const valid = await repo.changeStatus(created, 'valid', { reason: 'sca', requestId: 'req-2' });
    if (valid === CONFLICT) throw new Error('unexpected conflict');
    await repo.changeStatus(valid, 'terminatedByTpp', { reason: 'deleted', requestId: 'req-3' });
    const events = await repo.events(created.id);
    expect(events.map((e) => [e.from_status, e.to_status, e.request_id])).toEqual([
      [null, 'received', 'req-1'],
      ['received', 'valid', 'req-2'],
      ['valid', 'terminatedByTpp', 'req-3'],
    ]);
  });

  it('stores bank tokens sealed and bound to their consent', async () => {
    const created = await repo.create(consent(), { reason: 'created' });
    const other = await repo.create(consent(), { reason: 'created' });
    const tokens = {
      accessToken: 'bank-access-secret',
      refreshToken: 'bank-refresh-secret',
      expiresAt: 1_800_000_000,
      refreshExpiresAt: null,
    };
    const stored = await repo.setBankTokens(created, tokens);
    expect(stored).not.toBe(CONFLICT);
    expect(await repo.bankTokens(created.id)).toEqual(tokens);

    const raw = await store.db
      .selectFrom('consents')
      .select('bank_tokens')
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(raw.bank_tokens).not.toContain('bank-access-secret');
    expect(raw.bank_tokens).not.toContain('bank-refresh-secret');

    // A sealed value copied onto another consent's row does not open there.
    await store.db
      .updateTable('consents')
      .set({ bank_tokens: raw.bank_tokens })
      .where('id', '=', other.id)
      .execute();
    await expect(repo.bankTokens(other.id)).rejects.toThrow();
  });

  it('reads a consent with its tokens in one read, opening them only when asked', async () => {
    const created = await repo.create(consent(), { reason: 'created' });
    const tokens = { accessToken: 'at', refreshToken: 'rt', expiresAt: 1, refreshExpiresAt: null };
    const stored = await repo.setBankTokens(created, tokens);
    if (stored === CONFLICT) throw new Error('unexpected conflict');

    const owned = await repo.findOwnedWithTokens('client-a', created.id);
    expect(owned?.record).toEqual(stored);
    expect(owned?.bankTokens()).toEqual(tokens);
    expect(await repo.findOwnedWithTokens('client-b', created.id)).toBeUndefined();
    const read = await repo.getWithTokens(created.id);
    expect(read?.record).toEqual(stored);
    expect(read?.bankTokens()).toEqual(tokens);

    // Tokens that do not open fail the opening, not the read of the consent.
    const other = await repo.create(consent(), { reason: 'created' });
    await store.db
      .updateTable('consents')
      .set({ bank_tokens: 'not a sealed box' })
      .where('id', '=', other.id)
      .execute();
    const unopened = await repo.findOwnedWithTokens('client-a', other.id);
    expect(unopened?.record.id).toBe(other.id);
    expect(() => unopened?.bankTokens()).toThrow();
  });
});
