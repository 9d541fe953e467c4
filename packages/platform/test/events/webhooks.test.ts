/**
 * Webhooks to a real receiving HTTP server on loopback (BANKBRIDGE_WEBHOOK_LOOPBACK, the test
 * setting): delivery and its signature, retries after a 500 and after a timeout, order per
 * resource, a receiver that is down for a while, and the consent expiry notice, on an injected
 * clock that the tests move (the worker is run by hand, as the background job would).
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CONFLICT, type ConsentRecord, ConsentsRepository } from '../../src/store/consents.js';
import { DeliveriesRepository } from '../../src/store/webhooks.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { type Receiver, startReceiver } from './receiver.js';

let tpp: TestPlatform;
let receiver: Receiver;
let consents: ConsentsRepository;
let secret: string;
let clock = new Date('2026-11-21T10:00:00Z');
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

beforeAll(async () => {
  receiver = await startReceiver();
  tpp = await startTestPlatform({
    now: () => clock,
    env: {
      BANKBRIDGE_WEBHOOK_LOOPBACK: 'true',
      BANKBRIDGE_WEBHOOK_TIMEOUT_MS: '1500',
      BANKBRIDGE_CONSENT_EXPIRY_NOTICE_HOURS: '168',
    },
    webhookResolver: async (host) => {
      if (host === 'receiver.test') return [{ address: '127.0.0.1', family: 4 }];
      throw new Error(`no such host ${host}`);
    },
  });
  const configured = await tpp.platform.webhooks.configure(tpp.client.id, {
    allowedHosts: ['127.0.0.1', 'receiver.test'],
    url: `${receiver.url}/hooks`,
  });
  secret = configured.secret as string;
  consents = new ConsentsRepository(
    tpp.store.db,
    // Bank tokens are not read here: any box opens what these tests write.
    { seal: (value: string) => value, open: (value: string) => value } as never,
    () => clock,
  );
}, 60_000);
afterAll(async () => {
  await tpp?.close();
  await receiver?.stop();
});
beforeEach(() => {
  receiver.received.length = 0;
  receiver.answers.length = 0;
  receiver.refuse = undefined;
});

async function newConsent(validUntil = '2027-06-30'): Promise<ConsentRecord> {
  return consents.create(
    {
      clientId: tpp.client.id,
      bic: 'ESSESESS',
      status: 'received',
      access: { allPsd2: 'allAccounts' },
      recurringIndicator: true,
      validUntil,
      frequencyPerDay: 4,
      combinedServiceIndicator: false,
      psuContext: 'private',
    },
    { reason: 'created' },
  );
}

async function move(consent: ConsentRecord, status: string): Promise<ConsentRecord> {
  const written = await consents.changeStatus(consent, status, { reason: 'test' });
  if (written === CONFLICT) throw new Error('conflict');
  return written;
}

const deliver = () => tpp.platform.events.worker.runOnce();

describe('webhook delivery', () => {
  it('posts the event, signed over timestamp and body with the client secret', async () => {
    const consent = await move(await newConsent(), 'valid');
    expect(await deliver()).toBe(1);
    expect(receiver.received).toHaveLength(1);
    const [got] = receiver.received;
    expect(got?.json).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      type: 'consent.status_changed',
      timestamp: clock.toISOString(),
      resource: { kind: 'consent', id: consent.id },
      oldStatus: 'received',
      newStatus: 'valid',
    });
    expect(got?.headers['bankbridge-event-id']).toBe(got?.json.id);
    const signature = String(got?.headers['bankbridge-signature']);
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature) ?? [];
    expect(Number(t)).toBe(Math.floor(clock.getTime() / 1000));
    const expected = createHmac('sha256', secret).update(`${t}.${got?.body}`).digest('hex');
    expect(v1).toBe(expected);
    // Settled: nothing is sent again.
    expect(await deliver()).toBe(0);
  });

  it('a worker that is stopping claims nothing: the delivery stays due for another run', async () => {
    await move(await newConsent(), 'valid');
    const stopping = new AbortController();
    stopping.abort();
    expect(await tpp.platform.events.worker.runOnce(stopping.signal)).toBe(0);
    expect(receiver.received).toEqual([]);
    const [left] = await new DeliveriesRepository(tpp.store.db).listForClient(tpp.client.id, 1);
    expect(left).toMatchObject({ state: 'pending', attempts: 0 });
    // Unclaimed: the next worker (here, or on another instance) sends it at once.
    expect(await deliver()).toBe(1);
    expect(receiver.received).toHaveLength(1);
  });

  it('retries after a 500 with backoff, and after a timeout', async () => {
    receiver.answers.push(500, { delayMs: 5_000 });
    const consent = await move(await newConsent(), 'valid');
    expect(await deliver()).toBe(1);
    expect(receiver.received).toEqual([]);
    const [delivery] = await new DeliveriesRepository(tpp.store.db).listForClient(tpp.client.id, 1);
    expect(delivery).toMatchObject({ state: 'pending', attempts: 1, lastStatusCode: 500 });
    // Not before the backoff (5 s after the first failure).
    expect(await deliver()).toBe(0);
    advance(5_000);
    expect(await deliver()).toBe(1);
    const [timedOut] = await new DeliveriesRepository(tpp.store.db).listForClient(tpp.client.id, 1);
    expect(timedOut).toMatchObject({ state: 'pending', attempts: 2, lastStatusCode: null });
    expect(timedOut?.lastError).toMatch(/no answer within 1500 ms/);
    advance(10_000);
    expect(await deliver()).toBe(1);
    const [done] = await new DeliveriesRepository(tpp.store.db).listForClient(tpp.client.id, 1);
    expect(done).toMatchObject({ state: 'delivered', attempts: 3, lastStatusCode: 200 });
    // A receiver that answers too late may have it twice: the same event id both times.
    const ids = receiver.received.map((r) => r.json.id);
    expect(new Set(ids).size).toBe(1);
    expect(receiver.received.every((r) => r.json.resource.id === consent.id)).toBe(true);
  });

  it('delivers the events of one resource in order, the later ones waiting for the first', async () => {
    let consent = await move(await newConsent(), 'valid');
    consent = await move(consent, 'revokedByPsu');
    const other = await move(await newConsent(), 'rejected');
    let refusals = 2;
    receiver.refuse = (json) =>
      json.resource.id === consent.id && refusals-- > 0 ? 500 : undefined;
    await deliver();
    // The other resource's event is not held up by this one's failing head.
    expect(receiver.received.map((r) => r.json.resource.id)).toEqual([other.id]);
    for (let i = 0; i < 3; i++) {
      advance(60_000);
      await deliver();
    }
    expect(
      receiver.received
        .filter((r) => r.json.resource.id === consent.id)
        .map((r) => r.json.newStatus),
    ).toEqual(['valid', 'revokedByPsu']);
  });

  it('delivers everything, in order, once a receiver that was down is back', async () => {
    await receiver.stop();
    let consent = await move(await newConsent(), 'valid');
    consent = await move(consent, 'terminatedByTpp');
    for (let i = 0; i < 4; i++) {
      await deliver();
      advance(60_000);
    }
    const [head] = await new DeliveriesRepository(tpp.store.db).listForClient(tpp.client.id, 2);
    expect(head?.state).toBe('pending');
    await receiver.start();
    advance(3_600_000);
    await deliver();
    expect(receiver.received.map((r) => r.json.newStatus)).toEqual(['valid', 'terminatedByTpp']);
  });

  it('gives up a day after the event', async () => {
    await receiver.stop();
    await move(await newConsent(), 'valid');
    for (let hours = 0; hours <= 25; hours++) {
      await deliver();
      advance(3_600_000);
    }
    const [given] = await new DeliveriesRepository(tpp.store.db).listForClient(tpp.client.id, 1);
    expect(given?.state).toBe('failed');
    expect(given?.attempts).toBeGreaterThan(10);
    await receiver.start();
    expect(await deliver()).toBe(0);
  });

  it('connects to the address it checked (a name only the injected resolver knows)', async () => {
    await tpp.platform.webhooks.configure(tpp.client.id, {
      url: `http://receiver.test:${receiver.port}/pinned`,
    });
    try {
      await move(await newConsent(), 'valid');
      await deliver();
      expect(receiver.received).toHaveLength(1);
      expect(receiver.received[0]?.headers.host).toBe(`receiver.test:${receiver.port}`);
    } finally {
      await tpp.platform.webhooks.configure(tpp.client.id, { url: `${receiver.url}/hooks` });
    }
  });
});

describe('consent expiry notices', () => {
  it('notifies once, the configured time before validUntil ends, and then the expiry', async () => {
    clock = new Date('2027-03-01T10:00:00Z');
    const consent = await move(await newConsent('2027-03-20'), 'valid');
    await deliver();
    receiver.received.length = 0;
    // 2027-03-20 ends at midnight in Stockholm (23:00 UTC): the notice is due 7 days before.
    clock = new Date('2027-03-13T22:59:00Z');
    expect(await tpp.platform.events.expiry.runOnce()).toBe(0);
    clock = new Date('2027-03-13T23:00:00Z');
    expect(await tpp.platform.events.expiry.runOnce()).toBe(1);
    expect(await tpp.platform.events.expiry.runOnce()).toBe(0);
    await deliver();
    expect(receiver.received.map((r) => r.json)).toEqual([
      expect.objectContaining({
        type: 'consent.expiring',
        resource: { kind: 'consent', id: consent.id },
        validUntil: '2027-03-20',
        expiresAt: '2027-03-20T23:00:00.000Z',
      }),
    ]);
    // Past the end, nobody reading it: the sweep expires it, and that is an event too.
    clock = new Date('2027-03-21T00:00:00Z');
    await tpp.platform.events.expiry.runOnce();
    await deliver();
    expect(receiver.received.at(-1)?.json).toMatchObject({
      type: 'consent.status_changed',
      oldStatus: 'valid',
      newStatus: 'expired',
    });
  });
});
