/**
 * A restart under load, as a deploy does it: two Bankbridge processes on one PostgreSQL schema
 * behind a balancer that checks `/health/ready`, TPPs calling through it without pause, and
 * one instance restarted with SIGTERM. Its drain (not ready while still serving, then in-flight
 * requests and their bank calls finished) means no TPP sees a failure: every answer is the one
 * the contract promises, the instance exits 0, and it serves again once started.
 *
 * Runs with BANKBRIDGE_TEST_DB=postgres (several instances need PostgreSQL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentBody } from '../support/ais-consent.js';
import { checkContract } from '../support/contract.js';
import { TEST_DB } from '../support/test-store.js';
import { type Cluster, psd2, startCluster, Tpp } from './cluster.js';

const CONSENTS = '/psd2/consent/v1/consents';
const WORKERS = 4;
const LOAD_MS = 12_000;

describe.runIf(TEST_DB === 'postgres')('a graceful restart under load', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await startCluster({
      readinessChecks: true,
      env: {
        BANKBRIDGE_RATE_LIMIT: 'off',
        // Longer than the balancer's check interval (100 ms) with room for a loaded machine.
        BANKBRIDGE_SHUTDOWN_DELAY: '1',
        BANKBRIDGE_SHUTDOWN_TIMEOUT: '15',
      },
    });
    // Every consent waits on the bank: SIGTERM always finds bank calls under way.
    const faults = await cluster.admin('PUT', '/banks/SWEDSESS/faults', { latencyMs: 250 });
    expect(faults.status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await cluster?.close();
  });

  it('loses no request while one instance drains, exits 0 and comes back', async () => {
    const [a] = cluster.instances;
    if (!a) throw new Error('no instance');
    const tpp = new Tpp(await cluster.client());
    const consentToken = await tpp.token(cluster.url, 'accountinformation private');
    const infoToken = await tpp.token(cluster.url, 'aspspinformation');
    await untilBothReady(cluster);

    const failures: string[] = [];
    const served = { consents: 0, reads: 0 };
    const deadline = Date.now() + LOAD_MS;
    const worker = async (n: number) => {
      for (let i = 0; Date.now() < deadline; i++) {
        const write = (i + n) % 2 === 0;
        try {
          const answer = write
            ? await psd2(cluster.url, consentToken, 'POST', CONSENTS, {
                bic: 'SWEDSESS',
                body: consentBody(new Date()),
                headers: { 'tpp-redirect-preferred': 'false' },
              })
            : await psd2(cluster.url, infoToken, 'GET', '/psd2/aspspinformation/v1/countries');
          const expected = write ? 201 : 200;
          if (answer.status !== expected)
            failures.push(`${answer.status} ${JSON.stringify(answer.body)}`);
          failures.push(...checkContract(answer.observed));
          if (write) served.consents++;
          else served.reads++;
        } catch (error) {
          failures.push(`no answer: ${(error as Error).message}`);
        }
      }
    };
    const load = Promise.all(Array.from({ length: WORKERS }, (_, n) => worker(n)));

    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const restarted = (async () => {
      const code = await a.terminate();
      await a.start();
      return code;
    })();
    await load;
    expect(await restarted).toBe(0);
    expect(failures).toEqual([]);
    expect(served.consents).toBeGreaterThan(10);
    expect(served.reads).toBeGreaterThan(10);

    // It drained (not a crash the balancer happened to route around) and finished bank work.
    const lines = a.logs.map((line) => JSON.parse(line) as { msg: string; time: number });
    const drainStart = lines.find((l) => l.msg === 'draining: no new connections, finishing work');
    expect(drainStart, 'the instance logged its drain').toBeDefined();
    expect(lines.some((l) => l.msg.startsWith('shutdown timeout'))).toBe(false);
    // And the restarted process serves again through the balancer's checks.
    const back = await fetch(`${a.url}/health/ready`);
    expect(back.status).toBe(200);
  }, 120_000);
});

async function untilBothReady(cluster: Cluster): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const answers = await Promise.all(
      cluster.instances.map((i) =>
        fetch(`${i.url}/health/ready`, { headers: { connection: 'close' } }).then(
          (r) => r.ok,
          () => false,
        ),
      ),
    );
    if (answers.every(Boolean)) {
      // One more check round of the balancer's, so both are in its ready set.
      await new Promise((resolve) => setTimeout(resolve, 300));
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the instances did not become ready');
}
