/**
 * Two Bankbridge processes on one PostgreSQL schema, both running the consent expiry sweep: a
 * consent the bank holds (its BankID order started) but the PSU never confirms is rejected
 * once its authorisation time is up, and the bank's consent is ended at the bank by one of
 * them, once.
 *
 * Runs with BANKBRIDGE_TEST_DB=postgres (several instances need PostgreSQL). The shortest
 * authorisation time is 60 seconds: the consent's creation is moved a minute back, so that it
 * runs out at once.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_CREDENTIALS } from '../../src/connectors/bank-hooks.js';
import { consentBody } from '../support/ais-consent.js';
import { TEST_DB } from '../support/test-store.js';
import { type Cluster, psd2, startCluster, Tpp } from './cluster.js';

const CONSENTS = '/psd2/consent/v1/consents';
const BIC = 'SWEDSESS';

describe.runIf(TEST_DB === 'postgres')('abandoned consents on two instances', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await startCluster({
      env: {
        BANKBRIDGE_CONSENT_AUTHORISATION_TIMEOUT: '60',
        BANKBRIDGE_CONSENT_SWEEP_SECONDS: '3',
      },
    });
  }, 120_000);
  afterAll(async () => {
    await cluster?.close();
  });

  async function statusAtBank(bankConsentId: string): Promise<string> {
    const response = await fetch(
      `${cluster.sandboxUrl}/banks/${BIC}/v1/consents/${bankConsentId}/status`,
      { headers: { 'TPP-Client-Id': SANDBOX_CREDENTIALS.clientId, 'X-Request-ID': randomUUID() } },
    );
    expect(response.status).toBe(200);
    return ((await response.json()) as { consentStatus: string }).consentStatus;
  }

  it('the sweep of one instance ends the bank’s consent once', async () => {
    const me = new Tpp(await cluster.client());
    const token = await me.token(cluster.url, 'accountinformation private');
    const call = async (method: string, url: string, body?: unknown) => {
      const answer = await psd2(cluster.url, token, method, url, {
        bic: BIC,
        ...(body === undefined ? {} : { body }),
        headers: { 'tpp-redirect-preferred': 'false' },
      });
      expect(answer.status, `${method} ${url}: ${JSON.stringify(answer.body)}`).toBeLessThan(300);
      return answer.body;
    };
    const { consentId } = await call('POST', CONSENTS, consentBody(new Date()));
    const { authorisationId } = await call('POST', `${CONSENTS}/${consentId}/authorisations`);
    await call('PUT', `${CONSENTS}/${consentId}/authorisations/${authorisationId}`, {
      authenticationMethodId: 'mbid',
    });
    const row = await cluster.store.db
      .selectFrom('consents')
      .select('bank_consent_id')
      .where('id', '=', consentId)
      .executeTakeFirstOrThrow();
    const bankConsentId = row.bank_consent_id as string;
    expect(bankConsentId).toBeTruthy();
    expect(await statusAtBank(bankConsentId)).toBe('received');

    // Its 60 s run out now instead of in a minute: the sweeps count them from its creation.
    await cluster.store.db
      .updateTable('consents')
      .set({ created_at: new Date(Date.now() - 60_000).toISOString() })
      .where('id', '=', consentId)
      .execute();
    // Nobody reads the consent: only the sweeps see its time run out.
    const deadline = Date.now() + 100_000;
    while ((await statusAtBank(bankConsentId)) !== 'terminatedByTpp') {
      expect(Date.now(), 'the bank’s consent was never ended').toBeLessThan(deadline);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
    // Both instances sweep a few times more meanwhile; neither asks the bank a second time.
    await new Promise((resolve) => setTimeout(resolve, 12_000));
    const deletes = cluster.instances.flatMap((instance) =>
      instance.logs.filter((line) => {
        const entry = JSON.parse(line) as { msg?: string; method?: string; bic?: string };
        return entry.msg === 'bank call' && entry.method === 'DELETE' && entry.bic === BIC;
      }),
    );
    expect(deletes).toHaveLength(1);
    expect((await call('GET', `${CONSENTS}/${consentId}/status`)).consentStatus).toBe('rejected');
  }, 300_000);
});
