/**
 * The events outbox: every status change of a consent, a payment and (when asked for) an
 * authorisation is written in the transaction of the change, and fanned out into deliveries;
 * a change that loses its compare-and-set writes no event; the feed reads in a stable order.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SealedBox } from '../../src/security/sealed-box.js';
import { AuthorisationsRepository } from '../../src/store/authorisations.js';
import { CONFLICT, ConsentsRepository, type NewConsent } from '../../src/store/consents.js';
import { EventsRepository, expiryNoticeKey } from '../../src/store/events.js';
import { PaymentsRepository } from '../../src/store/payments.js';
import { DeliveriesRepository, WebhookSettingsRepository } from '../../src/store/webhooks.js';
import { newConsent, newPayment } from '../support/store-records.js';
import { createTestStore, TEST_DB, type TestStore } from '../support/test-store.js';

let store: TestStore;
let consents: ConsentsRepository;
let payments: PaymentsRepository;
let authorisations: AuthorisationsRepository;
let events: EventsRepository;
let settings: WebhookSettingsRepository;
let deliveries: DeliveriesRepository;
let clock = new Date('2026-11-21T10:00:00Z');
const now = () => clock;
const box = new SealedBox(Buffer.alloc(32, 7));

const consent = (clientId: string, overrides: Partial<NewConsent> = {}): NewConsent =>
  newConsent({ clientId, ...overrides });

const payment = (clientId: string, bankPaymentId: string) =>
  newPayment({ clientId, bankPaymentId });

beforeAll(async () => {
  store = await createTestStore();
  consents = new ConsentsRepository(store.db, box, now);
  payments = new PaymentsRepository(store.db, now);
  authorisations = new AuthorisationsRepository(store.db, box, now);
  events = new EventsRepository(store.db);
  settings = new WebhookSettingsRepository(store.db, box, now);
  deliveries = new DeliveriesRepository(store.db, now);
});
afterAll(async () => store?.destroy());

/**
 * On PostgreSQL the feed answers only events of transactions older than every transaction still
 * running in the database, other test files' included: waits until those written here are.
 */
async function settled(): Promise<void> {
  if (TEST_DB !== 'postgres') return;
  for (let attempt = 0; attempt < 200; attempt++) {
    const { rows } = await sql<{ ready: boolean }>`
      select coalesce((select max(tx) from events), 0)
        < pg_snapshot_xmin(pg_current_snapshot())::text::bigint as ready`.execute(store.db);
    if (rows[0]?.ready) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('a transaction older than the events written here is still running');
}

const all = async (clientId: string) => {
  await settled();
  return events.feed(clientId, undefined, 1000, ['consent', 'payment']);
};

describe('the events outbox', () => {
  it('writes a consent status change with the change, and not the creation', async () => {
    const created = await consents.create(consent('outbox-a'), { reason: 'created' });
    expect(await all('outbox-a')).toEqual([]);
    const valid = await consents.changeStatus(created, 'valid', { reason: 'sca finalised' });
    expect(valid).not.toBe(CONFLICT);
    const written = await all('outbox-a');
    expect(written).toEqual([
      expect.objectContaining({
        type: 'consent.status_changed',
        resource: { kind: 'consent', id: created.id },
        oldStatus: 'received',
        newStatus: 'valid',
        at: clock.toISOString(),
      }),
    ]);
    expect(written[0]?.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('writes no event for a change that lost its compare-and-set', async () => {
    const created = await consents.create(consent('outbox-b'), { reason: 'created' });
    await consents.changeStatus(created, 'valid', { reason: 'sca finalised' });
    expect(await consents.changeStatus(created, 'rejected', { reason: 'late' })).toBe(CONFLICT);
    expect((await all('outbox-b')).map((e) => e.newStatus)).toEqual(['valid']);
  });

  it('writes payment status changes, in order', async () => {
    let current = await payments.create(payment('outbox-c', 'bank-1'), {
      reason: 'created',
      source: 'tpp',
    });
    for (const status of ['ACTC', 'ACSP', 'ACSC']) {
      const next = await payments.changeStatus(current, status, { reason: 'bank', source: 'bank' });
      if (next === CONFLICT) throw new Error('conflict');
      current = next;
    }
    expect((await all('outbox-c')).map((e) => [e.type, e.oldStatus, e.newStatus])).toEqual([
      ['payment.status_changed', 'RCVD', 'ACTC'],
      ['payment.status_changed', 'ACTC', 'ACSP'],
      ['payment.status_changed', 'ACSP', 'ACSC'],
    ]);
  });

  it('writes SCA status events only when the client asked for them', async () => {
    const quiet = await consents.create(consent('outbox-d'), { reason: 'created' });
    const ref = { kind: 'consent', id: quiet.id };
    const started = await authorisations.create(ref, { scaStatus: 'received' }, { reason: 'x' });
    await authorisations.change(started, 'started', { reason: 'x' });
    expect(await all('outbox-d')).toEqual([]);

    await settings.save('outbox-e', {
      allowedHosts: ['tpp.example'],
      url: 'https://tpp.example/hooks',
      scaEvents: true,
    });
    const asked = await consents.create(consent('outbox-e'), { reason: 'created' });
    const authorisation = await authorisations.create(
      { kind: 'consent', id: asked.id },
      { scaStatus: 'received' },
      { reason: 'x' },
    );
    await authorisations.change(authorisation, 'started', { reason: 'x' });
    expect(await all('outbox-e')).toEqual([
      expect.objectContaining({
        type: 'authorisation.status_changed',
        resource: { kind: 'consent', id: asked.id },
        authorisation: { id: authorisation.id, kind: 'consent' },
        oldStatus: 'received',
        newStatus: 'started',
      }),
    ]);
  });

  it("fans an event out to the client's endpoint and the resource's own, once per URL", async () => {
    await settings.save('outbox-f', {
      allowedHosts: ['tpp.example'],
      url: 'https://tpp.example/hooks',
      scaEvents: false,
    });
    const own = await consents.create(
      consent('outbox-f', {
        notification: { uri: 'https://tpp.example/consents/1', scaEvents: false },
      }),
      { reason: 'created' },
    );
    await consents.changeStatus(own, 'valid', { reason: 'sca finalised' });
    const [event] = await all('outbox-f');
    const fanned = await deliveries.ofEvent(event?.id as string);
    expect(fanned.map((d) => d.url).sort()).toEqual([
      'https://tpp.example/consents/1',
      'https://tpp.example/hooks',
    ]);
    expect(fanned.every((d) => d.state === 'pending' && d.attempts === 0)).toBe(true);
  });

  it("sends SCA events to the resource's own endpoint when it asked, not to the client's", async () => {
    await settings.save('outbox-s', {
      allowedHosts: ['tpp.example'],
      url: 'https://tpp.example/hooks',
      scaEvents: false,
    });
    const asked = { uri: 'https://tpp.example/own', scaEvents: true };
    const ownConsent = await consents.create(consent('outbox-s', { notification: asked }), {
      reason: 'created',
    });
    const ownPayment = await payments.create(
      { ...payment('outbox-s', 'bank-s'), notification: asked },
      { reason: 'created', source: 'tpp' },
    );
    const quiet = await consents.create(consent('outbox-s'), { reason: 'created' });
    for (const ref of [
      { kind: 'consent', id: ownConsent.id },
      { kind: 'payment', id: ownPayment.id },
      { kind: 'consent', id: quiet.id },
    ]) {
      const started = await authorisations.create(ref, { scaStatus: 'received' }, { reason: 'x' });
      await authorisations.change(started, 'started', { reason: 'x' });
    }
    const written = await all('outbox-s');
    expect(written.map((e) => [e.type, e.resource.id])).toEqual([
      ['authorisation.status_changed', ownConsent.id],
      ['authorisation.status_changed', ownPayment.id],
    ]);
    for (const event of written) {
      const fanned = await deliveries.ofEvent(event.id);
      expect(fanned.map((d) => d.url)).toEqual(['https://tpp.example/own']);
    }
  });

  it('keeps one expiry notice per consent', async () => {
    const created = await consents.create(consent('outbox-g'), { reason: 'created' });
    const notice = {
      clientId: 'outbox-g',
      type: 'consent.expiring' as const,
      resource: { kind: 'consent' as const, id: created.id },
      oldStatus: 'valid',
      newStatus: 'valid',
      dedupeKey: expiryNoticeKey(created.id),
      at: clock.toISOString(),
    };
    expect(await events.append(notice)).toBe(true);
    expect(await events.append(notice)).toBe(false);
    expect(await all('outbox-g')).toHaveLength(1);
  });

  it('pages through the feed with cursors, per client and kind', async () => {
    const created = await consents.create(consent('outbox-h'), { reason: 'created' });
    let current = await consents.changeStatus(created, 'valid', { reason: 'a' });
    if (current === CONFLICT) throw new Error('conflict');
    current = await consents.changeStatus(current, 'terminatedByTpp', { reason: 'b' });
    const paid = await payments.create(payment('outbox-h', 'bank-2'), {
      reason: 'created',
      source: 'tpp',
    });
    await payments.changeStatus(paid, 'RJCT', { reason: 'c', source: 'bank' });
    await settled();
    const first = await events.feed('outbox-h', undefined, 2, ['consent', 'payment']);
    const rest = await events.feed('outbox-h', first.at(-1)?.cursor, 2, ['consent', 'payment']);
    expect([...first, ...rest].map((e) => e.newStatus)).toEqual([
      'valid',
      'terminatedByTpp',
      'RJCT',
    ]);
    expect(
      (await events.feed('outbox-h', undefined, 10, ['payment'])).map((e) => e.newStatus),
    ).toEqual(['RJCT']);
    expect(await events.feed('someone-else', undefined, 10, ['consent', 'payment'])).toEqual([]);
  });
});

describe('webhook settings and deliveries', () => {
  it('shows the secret once, keeps it on later saves, and signs with both after a rotation', async () => {
    const first = await settings.save('hooks-a', {
      allowedHosts: ['tpp.example'],
      url: 'https://tpp.example/hooks',
      scaEvents: false,
    });
    expect(first.secret).toMatch(/^whsec_/);
    const again = await settings.save('hooks-a', {
      allowedHosts: ['tpp.example'],
      url: 'https://tpp.example/other',
      scaEvents: true,
    });
    expect(again.secret).toBeUndefined();
    expect(await settings.signingSecrets('hooks-a')).toEqual([first.secret]);
    const row = await store.db
      .selectFrom('webhook_settings')
      .select('secret')
      .where('client_id', '=', 'hooks-a')
      .executeTakeFirstOrThrow();
    expect(row.secret).not.toContain(first.secret?.slice(6, 20));

    const rotated = await settings.rotateSecret('hooks-a', 3_600_000);
    expect(await settings.signingSecrets('hooks-a')).toEqual([rotated, first.secret]);
    clock = new Date(clock.getTime() + 3_600_001);
    expect(await settings.signingSecrets('hooks-a')).toEqual([rotated]);
  });

  it('claims each delivery once, oldest of a resource first, and takes over an expired claim', async () => {
    await settings.save('hooks-b', {
      allowedHosts: ['tpp.example'],
      url: 'https://tpp.example/hooks',
      scaEvents: false,
    });
    const created = await consents.create(consent('hooks-b'), { reason: 'created' });
    const valid = await consents.changeStatus(created, 'valid', { reason: 'a' });
    if (valid === CONFLICT) throw new Error('conflict');
    await consents.changeStatus(valid, 'revokedByPsu', { reason: 'b' });

    const mine = (await deliveries.claim(50, 30_000)).filter((d) => d.clientId === 'hooks-b');
    expect(mine).toHaveLength(1);
    const head = mine[0];
    // Claimed: nobody else gets it, nor the next of its resource, until it is settled.
    expect((await deliveries.claim(10, 30_000)).filter((d) => d.clientId === 'hooks-b')).toEqual(
      [],
    );
    // The claim of an instance that died expires.
    clock = new Date(clock.getTime() + 30_001);
    const [again] = (await deliveries.claim(10, 30_000)).filter((d) => d.clientId === 'hooks-b');
    expect(again?.id).toBe(head?.id);
    // The first claimant's late outcome is refused; the new one's is kept.
    expect(
      await deliveries.delivered(head as never, { statusCode: 200, error: null, latencyMs: 5 }),
    ).toBe(false);
    expect(
      await deliveries.delivered(again as never, { statusCode: 200, error: null, latencyMs: 5 }),
    ).toBe(true);
    const [next] = (await deliveries.claim(10, 30_000)).filter((d) => d.clientId === 'hooks-b');
    expect(next?.id).not.toBe(head?.id);
  });
});
