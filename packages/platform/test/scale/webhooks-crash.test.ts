/**
 * Webhooks across a crash, with two instances on one PostgreSQL schema: an instance claims a
 * batch of deliveries and is killed (SIGKILL, from the failpoint `webhook-claimed`) before
 * sending any. Its claims expire and the other instance sends them: every event reaches the
 * receiver exactly once, and each resource's events in the order they happened.
 *
 * Runs with BANKBRIDGE_TEST_DB=postgres (several instances need PostgreSQL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_SECRETS_KEY } from '../../src/events/index.js';
import { MasterKey } from '../../src/security/master-key.js';
import { SealedBox } from '../../src/security/sealed-box.js';
import { CONFLICT, ConsentsRepository } from '../../src/store/consents.js';
import { WebhookSettingsRepository } from '../../src/store/webhooks.js';
import { type Receiver, startReceiver } from '../events/receiver.js';
import { TEST_DB } from '../support/test-store.js';
import { type Cluster, SECRET_KEY, startCluster } from './cluster.js';

const RESOURCES = 20;

describe.runIf(TEST_DB === 'postgres')('webhooks when an instance is killed', () => {
  let cluster: Cluster;
  let receiver: Receiver;

  beforeAll(async () => {
    receiver = await startReceiver();
    cluster = await startCluster({
      env: { BANKBRIDGE_WEBHOOK_LOOPBACK: 'true', BANKBRIDGE_WEBHOOK_TIMEOUT_MS: '1000' },
    });
  }, 120_000);
  afterAll(async () => {
    await cluster?.close();
    await receiver?.stop();
  });

  it('loses no event and sends none twice', async () => {
    const [a, b] = cluster.instances as [Cluster['instances'][0], Cluster['instances'][0]];
    const { id: clientId } = await cluster.client('Webhook TPP');
    const box = new SealedBox(MasterKey.fromString(SECRET_KEY).derive(WEBHOOK_SECRETS_KEY));
    await new WebhookSettingsRepository(cluster.store.db, box).save(clientId, {
      allowedHosts: ['127.0.0.1'],
      url: `${receiver.url}/hooks`,
      scaEvents: false,
    });

    // Only A runs, armed to die right after its first claim.
    await b.kill();
    await a.kill();
    await a.start({ BANKBRIDGE_FAILPOINTS: 'webhook-claimed' });
    const consents = new ConsentsRepository(cluster.store.db, box);
    for (let i = 0; i < RESOURCES; i++) {
      const created = await consents.create(
        {
          clientId,
          bic: 'SWEDSESS',
          status: 'received',
          access: { allPsd2: 'allAccounts' },
          recurringIndicator: true,
          validUntil: '2099-12-31',
          frequencyPerDay: 4,
          combinedServiceIndicator: false,
          psuContext: 'private',
        },
        { reason: 'created' },
      );
      const valid = await consents.changeStatus(created, 'valid', { reason: 'test' });
      if (valid === CONFLICT) throw new Error('conflict');
      await consents.changeStatus(valid, 'terminatedByTpp', { reason: 'test' });
    }
    await a.exited();
    expect(a.running).toBe(false);
    const claimed = await cluster.store.db
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('claim_token', 'is not', null)
      .execute();
    expect(claimed.length).toBeGreaterThan(0);
    expect(receiver.received).toEqual([]);

    // B takes over once A's claims expire; A comes back unarmed and shares the rest.
    await b.start();
    await a.start();
    const deadline = Date.now() + 90_000;
    while (receiver.received.length < RESOURCES * 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    // A little longer: a second copy of anything would arrive now.
    await new Promise((resolve) => setTimeout(resolve, 2_000));

    const ids = receiver.received.map((r) => r.json.id as string);
    expect(ids).toHaveLength(RESOURCES * 2);
    expect(new Set(ids).size).toBe(RESOURCES * 2);
    const byResource = new Map<string, string[]>();
    for (const { json } of receiver.received) {
      byResource.set(json.resource.id, [
        ...(byResource.get(json.resource.id) ?? []),
        json.newStatus,
      ]);
    }
    expect(byResource.size).toBe(RESOURCES);
    for (const statuses of byResource.values())
      expect(statuses).toEqual(['valid', 'terminatedByTpp']);
    const pending = await cluster.store.db
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('state', '!=', 'delivered')
      .execute();
    expect(pending).toEqual([]);
  }, 180_000);
});
