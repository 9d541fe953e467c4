// An application's webhooks in the portal, against a real receiving HTTP server on loopback
// (BANKBRIDGE_WEBHOOK_LOOPBACK, the test setting): the endpoint registered with the CLI's
// checks, the signing secret shown once and rotated after a confirmation, the endpoint
// removed, and the delivery log with redelivery (same event id, signed afresh, one delivery
// however many times it is asked for at once). The worker is run by hand on an injected clock.

import { createHmac, randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UsersRepository } from '../../src/portal/users.js';
import { CONFLICT, type ConsentRecord, ConsentsRepository } from '../../src/store/consents.js';
import { DeliveryLogRepository, type Redelivery } from '../../src/store/delivery-log.js';
import { openStore, SQLITE_FILE } from '../../src/store/open-store.js';
import { type Receiver, startReceiver } from '../events/receiver.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { PortalClient, textOf } from './portal-client.js';

const PASSWORD = 'a long enough password';
let tpp: TestPlatform;
let receiver: Receiver;
let consents: ConsentsRepository;
let ada: PortalClient;
let appId: string;
let clock = new Date('2026-11-21T10:00:00Z');
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};
const deliver = () => tpp.platform.events.worker.runOnce();

beforeAll(async () => {
  receiver = await startReceiver();
  tpp = await startTestPlatform({
    now: () => clock,
    env: { BANKBRIDGE_WEBHOOK_LOOPBACK: 'true', BANKBRIDGE_WEBHOOK_TIMEOUT_MS: '1500' },
  });
  const users = new UsersRepository(tpp.store.db);
  await users.create({ email: 'ada@example.com', password: PASSWORD, role: 'developer' });
  await users.create({ email: 'bob@example.com', password: PASSWORD, role: 'developer' });
  ada = new PortalClient(tpp.api);
  await ada.signIn('ada@example.com', PASSWORD);
  await ada.get('/portal/apps/new');
  const created = await ada.post('/portal/apps', {
    name: 'Hooked app',
    redirectUris: 'https://app.example/callback',
    scopes: ['accountinformation'],
  });
  appId = (created.location as string).split('/')[3] as string;
  consents = new ConsentsRepository(
    tpp.store.db,
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
});

/** A consent of the portal's application that becomes valid: one event. */
async function validConsent(): Promise<ConsentRecord> {
  const consent = await consents.create(
    {
      clientId: appId,
      bic: 'ESSESESS',
      status: 'received',
      access: { allPsd2: 'allAccounts' },
      recurringIndicator: true,
      validUntil: '2027-06-30',
      frequencyPerDay: 4,
      combinedServiceIndicator: false,
      psuContext: 'private',
    },
    { reason: 'created' },
  );
  const valid = await consents.changeStatus(consent, 'valid', { reason: 'test' });
  if (valid === CONFLICT) throw new Error('conflict');
  return valid;
}

function verified(signature: string, body: string, secret: string): boolean {
  const [, t, ...v1] = /^t=(\d+)((?:,v1=[0-9a-f]{64})+)$/.exec(signature) ?? [];
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return v1.join('').includes(`v1=${expected}`);
}

const page = (path = '') => ada.get(`/portal/apps/${appId}/webhooks${path}`);

describe('registering the endpoint', () => {
  it('refuses what the CLI refuses, keeping what was typed, and stores nothing', async () => {
    await page();
    for (const [url, reason] of [
      ['https://10.0.0.1/hooks', 'not a public address (private)'],
      ['https://169.254.169.254/latest', 'not a public address (linkLocal)'],
      ['ftp://tpp.example/hooks', 'must be https'],
      ['not a url', 'is not a URL'],
      ['https://user:pw@tpp.example/hooks', 'may not carry credentials'],
    ] as const) {
      const answer = await ada.post(`/portal/apps/${appId}/webhooks`, { url });
      expect(answer.status, url).toBe(400);
      expect(answer.body).toContain(reason);
      expect(answer.body).toContain(`value="${url.replace('&', '&amp;')}"`);
    }
    expect(await tpp.platform.webhooks.get(appId)).toBeUndefined();
    const empty = await page();
    expect(empty.body).toContain('id="no-events"');
    expect(empty.body).toContain('Register endpoint');
  });

  it('shows the signing secret once after the redirect, then never again', async () => {
    await page();
    const answer = await ada.post(`/portal/apps/${appId}/webhooks`, {
      url: `${receiver.url}/hooks`,
    });
    expect(answer.status, answer.body).toBe(303);
    expect(answer.location).toBe(`/portal/apps/${appId}/webhooks/secret`);
    const shown = await ada.get(answer.location as string);
    expect(shown.headers['cache-control']).toBe('no-store');
    const secret = textOf(shown.body, 'webhook-secret') as string;
    expect(secret).toMatch(/^whsec_/);
    const again = await ada.get(answer.location as string);
    expect(again.body).toContain('shown once already');
    expect(again.body).not.toContain(secret);

    expect(await tpp.platform.webhooks.get(appId)).toMatchObject({
      url: `${receiver.url}/hooks`,
      allowedHosts: ['127.0.0.1'],
    });
    // Once the list exists, another host is off it.
    const off = await ada.post(`/portal/apps/${appId}/webhooks`, {
      url: 'https://elsewhere.example/hooks',
    });
    expect(off.status).toBe(400);
    expect(off.body).toContain('is not on this client&#39;s list of webhook hosts');

    // Deliveries are signed with the secret the page showed.
    await validConsent();
    expect(await deliver()).toBe(1);
    const [got] = receiver.received;
    expect(verified(String(got?.headers['bankbridge-signature']), got?.body ?? '', secret)).toBe(
      true,
    );
  });
});

describe('the delivery log', () => {
  it('shows a failing delivery with its answer and next retry, and redelivers the same event signed afresh', async () => {
    receiver.answers.push(500);
    const consent = await validConsent();
    expect(await deliver()).toBe(1);
    const failing = await page();
    const block = eventBlock(failing.body, consent.id);
    expect(block).toContain('consent.status_changed');
    expect(block).toContain('received → valid');
    expect(block).toContain('badge muted">pending');
    expect(block).toMatch(/data-label="Attempts">1</);
    expect(block).toContain('class="status-5">500');
    expect(block).toMatch(/data-label="Latency">\d+ ms/);
    expect(block).toContain('2026-11-21 10:00:05 UTC');

    // Redeliver while it waits for its backoff: that delivery is tried now, not a second one.
    const deliveryId = /data-delivery="([^"]+)"/.exec(block)?.[1] as string;
    const asked = await ada.post(
      `/portal/apps/${appId}/webhooks/deliveries/${deliveryId}/redeliver`,
    );
    expect(asked.status).toBe(303);
    expect(asked.location).toMatch(/\?saved=pending#event-/);
    expect(await deliver()).toBe(1);
    expect(receiver.received).toHaveLength(1);
    const first = receiver.received[0];

    // Delivered; asked again later: a new delivery of the same event id with a new signature.
    advance(90_000);
    const again = await ada.post(
      `/portal/apps/${appId}/webhooks/deliveries/${deliveryId}/redeliver`,
    );
    expect(again.location).toMatch(/\?saved=queued#event-/);
    const notice = await ada.get(again.location as string);
    expect(notice.body).toContain('Redelivery queued');
    expect(await deliver()).toBe(1);
    const second = receiver.received[1];
    expect(second?.json.id).toBe(first?.json.id);
    expect(second?.body).toBe(first?.body);
    expect(second?.headers['bankbridge-signature']).not.toBe(
      first?.headers['bankbridge-signature'],
    );
    expect(String(second?.headers['bankbridge-signature'])).toContain(
      `t=${Math.floor(clock.getTime() / 1000)}`,
    );
    const log = eventBlock((await page()).body, consent.id);
    expect(log.match(/badge ok">delivered/g)).toHaveLength(2);
  });

  it('makes one delivery of however many redeliveries two instances are asked for at once', async () => {
    const consent = await validConsent();
    await deliver();
    const [delivery] = (await tpp.platform.events.deliveries.listForClient(appId, 1)) ?? [];
    // This instance's store and a second one's (its own connections), asked at once.
    const other = await openStore(
      tpp.store.databaseUrl
        ? { databaseUrl: tpp.store.databaseUrl, postgresSchema: tpp.store.postgresSchema }
        : { sqlitePath: path.join(tpp.store.dataDir, SQLITE_FILE) },
    );
    let outcomes: Array<Redelivery | undefined>;
    try {
      const logs = [tpp.store, other].map((s) => new DeliveryLogRepository(s.db, () => clock));
      outcomes = await Promise.all(
        Array.from({ length: 8 }, (_, i) => logs[i % 2]?.redeliver(appId, delivery?.id as string)),
      );
    } finally {
      await other.close();
    }
    expect(outcomes.filter((o) => o?.outcome === 'queued')).toHaveLength(1);
    expect(outcomes.every((o) => o?.eventId === delivery?.eventId)).toBe(true);
    receiver.received.length = 0;
    await deliver();
    expect(receiver.received.map((r) => r.json.resource.id)).toEqual([consent.id]);
  });

  it("answers 404 for another developer's application or delivery, and refuses a form without its token", async () => {
    const bob = new PortalClient(tpp.api);
    await bob.signIn('bob@example.com', PASSWORD);
    expect((await bob.get(`/portal/apps/${appId}/webhooks`)).status).toBe(404);
    const [delivery] = await tpp.platform.events.deliveries.listForClient(appId, 1);
    const path = `/portal/apps/${appId}/webhooks/deliveries/${delivery?.id}/redeliver`;
    expect((await bob.post(path)).status).toBe(404);
    expect((await ada.post(path, { _csrf: 'forged' })).status).toBe(403);
    expect(
      (await ada.post(`/portal/apps/${appId}/webhooks/deliveries/${randomUUID()}/redeliver`))
        .status,
    ).toBe(404);
  });
});

describe('rotating the secret and removing the endpoint', () => {
  it('asks first, then shows the new secret once; deliveries are signed with it alone', async () => {
    const confirm = await page('/rotate-secret');
    expect(confirm.body).toContain('Rotate the signing secret of Hooked app?');
    const answer = await ada.post(`/portal/apps/${appId}/webhooks/rotate-secret`, {
      overlapHours: '0',
    });
    expect(answer.status).toBe(303);
    const shown = await ada.get(answer.location as string);
    const secret = textOf(shown.body, 'webhook-secret') as string;
    expect(shown.body).toContain('the old one signs nothing from now on');
    expect(secret).toMatch(/^whsec_/);
    await validConsent();
    await deliver();
    const signature = String(receiver.received[0]?.headers['bankbridge-signature']);
    expect(signature.match(/v1=/g)).toHaveLength(1);
    expect(verified(signature, receiver.received[0]?.body ?? '', secret)).toBe(true);
    expect(
      (await ada.post(`/portal/apps/${appId}/webhooks/rotate-secret`, { overlapHours: '5' }))
        .status,
    ).toBe(400);
  });

  it('removes the endpoint after a confirmation: waiting deliveries are given up and not redelivered', async () => {
    await receiver.stop();
    let back = false;
    try {
      await validConsent();
      await deliver();
      const [waiting] = await tpp.platform.events.deliveries.listForClient(appId, 1);
      expect(waiting?.state).toBe('pending');
      const confirm = await page('/remove');
      expect(confirm.body).toContain(`${receiver.url}/hooks`);
      const removed = await ada.post(`/portal/apps/${appId}/webhooks/remove`);
      expect(removed.location).toBe(`/portal/apps/${appId}/webhooks?saved=removed`);
      expect((await tpp.platform.webhooks.get(appId))?.url).toBeNull();
      const [given] = await tpp.platform.events.deliveries.listForClient(appId, 1);
      expect(given).toMatchObject({ state: 'failed', lastError: 'webhook endpoint removed' });

      await page();
      const refused = await ada.post(
        `/portal/apps/${appId}/webhooks/deliveries/${given?.id}/redeliver`,
      );
      expect(refused.status).toBe(409);
      expect(refused.body).toContain('is no longer this application’s endpoint');
      await receiver.start();
      back = true;
      advance(3_600_000);
      expect(await deliver()).toBe(0);
      expect(receiver.received).toEqual([]);
    } finally {
      if (!back) await receiver.start();
    }
  });
});

/** The delivery log's block of the event about `resourceId` (the newest one). */
function eventBlock(body: string, resourceId: string): string {
  const blocks = body.split('<article class="event"').slice(1);
  const block = blocks.find((b) => b.includes(resourceId));
  if (!block) throw new Error(`no event of ${resourceId} in the log`);
  return block;
}
