/**
 * A counted read cut by a crash: an instance is killed (SIGKILL) while its unattended read waits
 * on a slow bank, so the TPP never gets the answer. Its share of the consent's frequencyPerDay is
 * held while the read might still be answered, and given back once it cannot be any more: the
 * budget ends as if the read had never been made. Reads on the survivor go on being counted
 * exactly.
 *
 * Runs with BANKBRIDGE_TEST_DB=postgres (several instances need PostgreSQL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readHoldMs } from '../../src/accounts/account-information-service.js';
import { consentBody } from '../support/ais-consent.js';
import { TEST_DB } from '../support/test-store.js';
import { type Cluster, psd2, startCluster, Tpp } from './cluster.js';

const CONSENTS = '/psd2/consent/v1/consents';
const AIS = '/psd2/accountinformation/v1';
const ANNA = '198301014882';
/** The bank's deadline here: a read holds its share for a few deadlines and a margin. */
const BANK_TIMEOUT_MS = 1_000;
const HELD_MS = readHoldMs(BANK_TIMEOUT_MS);

describe.runIf(TEST_DB === 'postgres')('a read cut by a crash', () => {
  let cluster: Cluster;
  let tpp: Tpp;
  let token: string;

  beforeAll(async () => {
    const toMidnight = 86_400_000 - (Date.now() % 86_400_000);
    if (toMidnight < 120_000)
      await new Promise((resolve) => setTimeout(resolve, toMidnight + 1_000));
    cluster = await startCluster({
      env: {
        BANKBRIDGE_RATE_LIMIT: '100000/1440min',
        BANKBRIDGE_BANK_TIMEOUT_MS: String(BANK_TIMEOUT_MS),
      },
    });
    tpp = new Tpp(await cluster.client());
    token = await tpp.token(cluster.url, 'accountinformation private');
  }, 120_000);
  afterAll(async () => {
    await cluster?.close();
  }, 60_000);

  it('gives its share of frequencyPerDay back; the survivor counts on exactly', async () => {
    const [killed, survivor] = cluster.instances as [
      (typeof cluster.instances)[0],
      (typeof cluster.instances)[0],
    ];
    const call = async (method: string, url: string, body?: unknown) => {
      const answer = await psd2(survivor.url, token, method, url, {
        bic: 'SWEDSESS',
        ...(body === undefined ? {} : { body }),
        headers: { 'tpp-redirect-preferred': 'false' },
      });
      expect(answer.status, `${method} ${url}: ${JSON.stringify(answer.body)}`).toBeLessThan(300);
      return answer.body;
    };
    const { consentId } = await call('POST', CONSENTS, consentBody(new Date()));
    const { authorisationId } = await call('POST', `${CONSENTS}/${consentId}/authorisations`);
    const put = await call('PUT', `${CONSENTS}/${consentId}/authorisations/${authorisationId}`, {
      authenticationMethodId: 'mbid',
    });
    const approved = await fetch(
      `${cluster.sandboxUrl}/bankid/api/orders/${put.challengeData.data[0]}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'approve', psuId: ANNA }),
      },
    );
    expect(approved.status).toBe(200);
    expect((await call('GET', `${CONSENTS}/${consentId}/status`)).consentStatus).toBe('valid');
    const accounts = await psd2(survivor.url, token, 'GET', `${AIS}/accounts`, {
      bic: 'SWEDSESS',
      headers: { 'consent-id': consentId },
    });
    const balances = `${AIS}/accounts/${accounts.body.accounts[0].resourceId}/balances`;
    // Unattended reads: 4 a day (consentBody's frequencyPerDay).
    const read = (base: string) =>
      psd2(base, token, 'GET', balances, {
        bic: 'SWEDSESS',
        headers: { 'consent-id': consentId, 'psu-ip-address': undefined },
      });
    const counted = async () => {
      const rows = await cluster.store.db
        .selectFrom('frequency_counters')
        .select(['key', 'count'])
        .where('consent_id', '=', consentId)
        .where('key', 'like', '%/balances/%')
        .execute();
      return rows.reduce((sum, row) => sum + Number(row.count), 0);
    };
    expect((await read(survivor.url)).status).toBe(200);
    expect(await counted()).toBe(1);

    // The bank answers slowly; the read on the doomed instance is under way when it dies.
    await cluster.admin('PUT', '/banks/SWEDSESS/faults', { latencyMs: BANK_TIMEOUT_MS - 200 });
    const cut = read(killed.url).then(
      (answer) => answer.status,
      () => 'cut',
    );
    await new Promise((resolve) => setTimeout(resolve, 400));
    await killed.kill();
    expect(await cut).toBe('cut');
    const killedAt = Date.now();
    await cluster.admin('DELETE', '/banks/SWEDSESS/faults');

    // Once the cut read can no longer be answered anywhere, its share is back.
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, killedAt + HELD_MS - Date.now())),
    );
    expect(await counted()).toBe(1);
    // The bank counted the cut read too (it had it): 2 of its 4 are left, both served.
    for (let i = 0; i < 2; i++) expect((await read(survivor.url)).status).toBe(200);
    expect(await counted()).toBe(3);
  }, 120_000);
});
