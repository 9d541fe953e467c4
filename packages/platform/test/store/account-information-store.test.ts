import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountIdsRepository, accountKey } from '../../src/store/account-ids.js';
import { FrequencyCountersRepository } from '../../src/store/frequency-counters.js';
import { createTestStore, type TestStore } from '../support/test-store.js';

let store: TestStore;
let ids: AccountIdsRepository;
let counters: FrequencyCountersRepository;

const IBAN = 'SE3550000000054910000003';

beforeAll(async () => {
  store = await createTestStore();
  ids = new AccountIdsRepository(store.db, () => new Date('2026-11-21T10:00:00Z'));
  counters = new FrequencyCountersRepository(store.db, () => new Date('2026-11-21T10:00:00Z'));
});
afterAll(async () => store?.destroy());

describe('account ids', () => {
  it('gives a bank account one id per client, kept when the bank changes its own id', async () => {
    const first = await ids.assign('client-a', 'ESSESESS', {
      bankResourceId: 'bank-1',
      iban: IBAN,
      currency: 'SEK',
    });
    const again = await ids.assign('client-a', 'ESSESESS', {
      bankResourceId: 'bank-2',
      iban: IBAN,
      currency: 'SEK',
    });
    expect(again.resourceId).toBe(first.resourceId);
    expect(again.bankResourceId).toBe('bank-2');
    expect(first.resourceId).not.toContain('bank');
    expect(first).toMatchObject({ iban: IBAN, currency: 'SEK', bic: 'ESSESESS' });

    const other = await ids.assign('client-b', 'ESSESESS', {
      bankResourceId: 'bank-1',
      iban: IBAN,
      currency: 'SEK',
    });
    expect(other.resourceId).not.toBe(first.resourceId);
    const eur = await ids.assign('client-a', 'ESSESESS', {
      bankResourceId: 'bank-3',
      iban: IBAN,
      currency: 'EUR',
    });
    expect(eur.resourceId).not.toBe(first.resourceId);
  });

  it('gives one id to an account listed by two requests at once', async () => {
    const account = { bankResourceId: 'b-par', iban: 'DE89370400440532013000', currency: 'EUR' };
    const all = await Promise.all(
      Array.from({ length: 8 }, () => ids.assign('client-a', 'DEUTDEFF', account)),
    );
    expect(new Set(all.map((a) => a.resourceId)).size).toBe(1);
  });

  it('maps a whole listing in its order, writing only new accounts and changed bank ids', async () => {
    let clock = new Date('2026-11-21T10:00:00Z');
    const listing = new AccountIdsRepository(store.db, () => clock);
    const known = await listing.assign('client-l', 'SWEDSESS', {
      bankResourceId: 's-1',
      iban: 'SE4550000000058398257466',
      currency: 'SEK',
    });
    const moved = await listing.assign('client-l', 'SWEDSESS', {
      bankResourceId: 's-2',
      iban: 'SE7280000810340009783242',
      currency: 'SEK',
    });
    clock = new Date('2026-11-22T10:00:00Z');
    const mapped = await listing.assignAll('client-l', 'SWEDSESS', [
      { bankResourceId: 's-new', iban: 'SE8750000000054910000003', currency: 'SEK' },
      { bankResourceId: 's-1', iban: 'SE4550000000058398257466', currency: 'SEK' },
      { bankResourceId: 's-2b', iban: 'SE7280000810340009783242', currency: 'SEK' },
    ]);
    expect(mapped.map((m) => m.bankResourceId)).toEqual(['s-new', 's-1', 's-2b']);
    expect(mapped[1]).toEqual(known);
    expect(mapped[2]?.resourceId).toBe(moved.resourceId);
    expect(mapped[0]?.resourceId).not.toBe(known.resourceId);
    const written = await store.db
      .selectFrom('account_ids')
      .select(['bank_resource_id', 'updated_at'])
      .where('client_id', '=', 'client-l')
      .orderBy('bank_resource_id')
      .execute();
    // The account seen unchanged was not written again; the others were.
    expect(written).toEqual([
      { bank_resource_id: 's-1', updated_at: '2026-11-21T10:00:00.000Z' },
      { bank_resource_id: 's-2b', updated_at: '2026-11-22T10:00:00.000Z' },
      { bank_resource_id: 's-new', updated_at: '2026-11-22T10:00:00.000Z' },
    ]);
    expect(await listing.assignAll('client-l', 'SWEDSESS', [])).toEqual([]);
  });

  it('answers known accounts from memory, and follows a bank id another instance wrote', async () => {
    const account = { bankResourceId: 'h-1', iban: 'SE1850000000054910000005', currency: 'SEK' };
    const here = new AccountIdsRepository(store.db, () => new Date('2026-11-21T10:00:00Z'));
    const there = new AccountIdsRepository(store.db, () => new Date('2026-11-21T11:00:00Z'));
    const [known] = await here.assignAll('client-m', 'HANDSESS', [account]);
    // The other instance sees the bank list the account under a new id.
    const moved = await there.assign('client-m', 'HANDSESS', { ...account, bankResourceId: 'h-2' });
    expect(moved.resourceId).toBe(known?.resourceId);
    // This instance still has the id it knew: a lookup costs no read of the store.
    expect(await here.find('client-m', 'HANDSESS', known?.resourceId as string)).toEqual(known);
    expect(await here.assignAll('client-m', 'HANDSESS', [account])).toEqual([known]);
    // Until the bank lists the new id here too (after its 404 for the old one): the store has
    // it already, and this instance keeps it from then on.
    const relisted = await here.assignAll('client-m', 'HANDSESS', [
      { ...account, bankResourceId: 'h-2' },
    ]);
    expect(relisted).toEqual([moved]);
    expect(await here.find('client-m', 'HANDSESS', moved.resourceId)).toEqual(moved);
    const rows = await store.db
      .selectFrom('account_ids')
      .select(['bank_resource_id', 'updated_at'])
      .where('client_id', '=', 'client-m')
      .execute();
    expect(rows).toEqual([{ bank_resource_id: 'h-2', updated_at: '2026-11-21T11:00:00.000Z' }]);
  });

  it('finds an id only for its own client and bank', async () => {
    const mine = await ids.assign('client-a', 'NDEASESS', { bankResourceId: 'n-1', bban: '1234' });
    expect(await ids.find('client-a', 'NDEASESS', mine.resourceId)).toEqual(mine);
    expect(await ids.find('client-b', 'NDEASESS', mine.resourceId)).toBeUndefined();
    expect(await ids.find('client-a', 'ESSESESS', mine.resourceId)).toBeUndefined();
    expect(await ids.forBank('client-a', 'NDEASESS')).toEqual([mine]);
    expect(await ids.forBank('client-b', 'NDEASESS')).toEqual([]);
  });

  it('identifies accounts by IBAN, else BBAN, else the bank id', () => {
    expect(accountKey({ bankResourceId: 'x', iban: 'se35 5000', currency: 'sek' })).toBe(
      'iban:SE355000:SEK',
    );
    expect(accountKey({ bankResourceId: 'x', bban: '5000' })).toBe('bban:5000:');
    expect(accountKey({ bankResourceId: 'x' })).toBe('bank:x');
  });
});

describe('frequency counters', () => {
  it('counts atomically, also under parallel reads', async () => {
    const counts = await Promise.all(
      Array.from({ length: 10 }, () => counters.increment('c1/a/balances/2026-11-21', 'c1')),
    );
    expect(counts.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('gives a read back, never below zero, and lists the keys read', async () => {
    expect(await counters.increment('c2/a/transactions/2026-11-21', 'c2')).toBe(1);
    await counters.release('c2/a/transactions/2026-11-21');
    await counters.release('c2/a/transactions/2026-11-21');
    expect(await counters.readKeys('c2')).toEqual(new Set());
    expect(await counters.increment('c2/a/transactions/2026-11-21', 'c2')).toBe(1);
    await counters.increment('c2/-/accountList/2026-11-21', 'c2');
    expect(await counters.readKeys('c2')).toEqual(
      new Set(['c2/a/transactions/2026-11-21', 'c2/-/accountList/2026-11-21']),
    );
  });
});
