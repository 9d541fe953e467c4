/**
 * Crash safety: an instance is killed (SIGKILL, no shutdown) while TPPs keep both instances
 * busy with token requests, consent creations and counted reads at a bank that answers slowly,
 * so requests are cut mid-way. The other instance serves on; the killed one starts again on
 * the same database, and then:
 * - no client is lost, and its secret still works on both;
 * - every consent whose creation was answered 201 is there, as it was, and none is half made;
 * - the frequencyPerDay and rate-limit counters hold every read that was answered, and at most
 *   the ones cut short besides; counting goes on from there, one by one;
 * - SCA flows under way at the kill finish on the restarted instance: a decoupled one when the
 *   PSU approves, a redirect one when the PSU comes back through it.
 *
 * Runs with BANKBRIDGE_TEST_DB=postgres (several instances need PostgreSQL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpBrowser, psuApprovesAtBank } from '../guide/psu-browser.js';
import { consentBody } from '../support/ais-consent.js';
import { TEST_DB } from '../support/test-store.js';
import { type Cluster, psd2, startCluster, Tpp } from './cluster.js';

const CONSENTS = '/psd2/consent/v1/consents';
const AIS = '/psd2/accountinformation/v1';
const ANNA = '198301014882';
const REDIRECT_URI = 'https://tpp.example/callback';

describe.runIf(TEST_DB === 'postgres')('an instance killed under load', () => {
  let cluster: Cluster;
  let tpp: Tpp;
  let token: string;

  beforeAll(async () => {
    cluster = await startCluster({ env: { BANKBRIDGE_RATE_LIMIT: '100000/1440min' } });
    tpp = new Tpp(await cluster.client());
    token = await tpp.token(cluster.url, 'accountinformation private');
  }, 120_000);
  afterAll(async () => {
    await cluster?.close();
  });

  const call = async (
    method: string,
    url: string,
    bic: string,
    body?: unknown,
    base = cluster.url,
  ) => {
    const answer = await psd2(base, token, method, url, {
      bic,
      ...(body === undefined ? {} : { body }),
      headers: bic === 'SWEDSESS' ? { 'tpp-redirect-preferred': 'false' } : {},
    });
    expect(answer.status, `${method} ${url}: ${JSON.stringify(answer.body)}`).toBeLessThan(300);
    return answer.body;
  };

  /** A decoupled consent with its SCA started: the PSU has the BankID order, not yet approved. */
  async function decoupledUnderway() {
    const { consentId } = await call(
      'POST',
      CONSENTS,
      'SWEDSESS',
      consentBody(new Date(), { frequencyPerDay: 1000 }),
    );
    const { authorisationId } = await call(
      'POST',
      `${CONSENTS}/${consentId}/authorisations`,
      'SWEDSESS',
    );
    const put = await call(
      'PUT',
      `${CONSENTS}/${consentId}/authorisations/${authorisationId}`,
      'SWEDSESS',
      {
        authenticationMethodId: 'mbid',
      },
    );
    return { consentId: consentId as string, order: put.challengeData.data[0] as string };
  }

  async function approve(order: string) {
    const approved = await fetch(`${cluster.sandboxUrl}/bankid/api/orders/${order}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'approve', psuId: ANNA }),
    });
    expect(approved.status).toBe(200);
  }

  it('loses and corrupts nothing, and SCA flows under way finish after the restart', async () => {
    // Before the load: a valid consent whose unattended reads are counted, and two SCA flows
    // under way at the kill.
    const counted = await decoupledUnderway();
    await approve(counted.order);
    const status = await call('GET', `${CONSENTS}/${counted.consentId}/status`, 'SWEDSESS');
    expect(status.consentStatus).toBe('valid');
    const unattended = { 'consent-id': counted.consentId, 'psu-ip-address': undefined };
    const read = (base: string, url: string) =>
      psd2(base, token, 'GET', url, { bic: 'SWEDSESS', headers: unattended });
    const accounts = (
      await psd2(cluster.url, token, 'GET', `${AIS}/accounts`, {
        bic: 'SWEDSESS',
        headers: { 'consent-id': counted.consentId },
      })
    ).body.accounts as Array<{ resourceId: string }>;
    // The load reads every account's balances (4 a day each, the bank's cap); one account's
    // details are read twice before and not during the load.
    const loaded = accounts.map((account) => `${AIS}/accounts/${account.resourceId}/balances`);
    const quiet = `${AIS}/accounts/${accounts[0]?.resourceId}`;
    for (let i = 0; i < 2; i++) expect((await read(cluster.url, quiet)).status).toBe(200);
    const pendingDecoupled = await decoupledUnderway();
    const { consentId: redirectId } = await call(
      'POST',
      CONSENTS,
      'NDEASESS',
      consentBody(new Date()),
    );
    const started = await call('POST', `${CONSENTS}/${redirectId}/authorisations`, 'NDEASESS');
    const put = await call(
      'PUT',
      `${CONSENTS}/${redirectId}/authorisations/${started.authorisationId}`,
      'NDEASESS',
      {
        authenticationMethodId: started.scaMethods[0].authenticationMethodId,
      },
    );
    const clientsBefore = await cluster.store.db.selectFrom('clients').select('id').execute();

    // The bank answers slowly (a quarter second), so that calls reaching it are under way on
    // both instances at any moment, the moment of the kill included.
    await cluster.admin('PUT', '/banks/SWEDSESS/faults', { latencyMs: 250 });
    const served = new Map<string, number>(loaded.map((url) => [url, 0]));
    const cut = new Map<string, number>(loaded.map((url) => [url, 0]));
    const outcomes = { created: [] as string[], createsCut: 0, admitted: 0, cut: 0 };
    let loading = true;
    let next = 0;
    const worker = async (n: number) => {
      for (let i = 0; loading; i++) {
        const kind = (n + i) % 3;
        const url = loaded[next++ % loaded.length] as string;
        try {
          if (kind === 0) {
            await tpp.token(cluster.url, 'accountinformation private');
            outcomes.admitted++;
          } else if (kind === 1) {
            const answer = await psd2(cluster.url, token, 'POST', CONSENTS, {
              bic: 'SWEDSESS',
              body: consentBody(new Date()),
              headers: { 'tpp-redirect-preferred': 'false' },
            });
            if (answer.status !== 201) throw new Error(`${answer.status}`);
            outcomes.created.push(answer.body.consentId);
            outcomes.admitted++;
          } else {
            const answer = await read(cluster.url, url);
            if (answer.status === 200) served.set(url, (served.get(url) ?? 0) + 1);
            else if (answer.status !== 429) throw new Error(`${answer.status}`);
            outcomes.admitted++;
          }
        } catch {
          // Cut by the kill: the balancer answered 502, or the connection dropped.
          outcomes.cut++;
          if (kind === 1) outcomes.createsCut++;
          if (kind === 2) cut.set(url, (cut.get(url) ?? 0) + 1);
        }
      }
    };
    const load = Promise.all(Array.from({ length: 8 }, (_, n) => worker(n)));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const killed = cluster.instances[0] as (typeof cluster.instances)[0];
    await killed.kill();
    const admittedAtKill = outcomes.admitted;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    loading = false;
    await load;
    await cluster.admin('DELETE', '/banks/SWEDSESS/faults');
    // The kill cut requests under way, and the survivor kept serving after it.
    expect(outcomes.cut).toBeGreaterThan(0);
    expect(outcomes.admitted).toBeGreaterThan(admittedAtKill);
    expect(outcomes.created.length).toBeGreaterThan(0);

    await killed.start();
    const restarted = killed.url;

    // Clients: all there; the secret works on both instances.
    const clientsAfter = await cluster.store.db.selectFrom('clients').select('id').execute();
    expect(clientsAfter.map((c) => c.id).sort()).toEqual(clientsBefore.map((c) => c.id).sort());
    for (const instance of cluster.instances) {
      expect(await tpp.token(instance.url, 'aspspinformation')).toEqual(expect.any(String));
    }

    // Consents: every one answered 201 is there and readable on the restarted instance.
    for (const id of outcomes.created) {
      const consent = await psd2(restarted, token, 'GET', `${CONSENTS}/${id}`, { bic: 'SWEDSESS' });
      expect(consent.status, id).toBe(200);
      expect(consent.body.consentStatus).toBe('received');
    }
    // None half made: every stored consent has its bank consent and reads back, and every
    // authorisation has its consent.
    const consents = await cluster.store.db
      .selectFrom('consents')
      .select(['id', 'bic', 'bank_consent_id'])
      .execute();
    expect(consents.length).toBeLessThanOrEqual(3 + outcomes.created.length + outcomes.createsCut);
    for (const consent of consents) {
      expect(consent.bank_consent_id, consent.id).toBeTruthy();
      const status = await psd2(restarted, token, 'GET', `${CONSENTS}/${consent.id}/status`, {
        bic: consent.bic,
      });
      expect(status.status, consent.id).toBe(200);
    }
    const orphans = await cluster.store.db
      .selectFrom('sca_authorisations')
      .leftJoin('consents', 'consents.id', 'sca_authorisations.resource_id')
      .select('sca_authorisations.id')
      .where('sca_authorisations.resource_kind', '=', 'consent')
      .where('consents.id', 'is', null)
      .execute();
    expect(orphans).toEqual([]);

    // frequencyPerDay: never more reads served than allowed; every served read is counted, and
    // at most the cut ones besides (a read the bank answered just before the kill stays counted,
    // as the bank counted it; one cut before the bank answered holds a reservation, not a count).
    const counters = new Map(
      (
        await cluster.store.db
          .selectFrom('frequency_counters')
          .select(['key', 'count'])
          .where('consent_id', '=', counted.consentId)
          .execute()
      ).map((row) => [row.key, Number(row.count)]),
    );
    // Counter keys are consent/account/endpoint/day.
    const countOf = (url: string) => {
      const id = url.split('/')[5] as string;
      const endpoint = url.endsWith('/balances') ? 'balances' : 'accountDetails';
      const prefix = `${counted.consentId}/${encodeURIComponent(id)}/${endpoint}/`;
      const keys = [...counters.keys()].filter((k) => k.startsWith(prefix));
      expect(keys, `${prefix} in ${[...counters.keys()].join(' ')}`).toHaveLength(1);
      return counters.get(keys[0] as string) ?? 0;
    };
    for (const url of loaded) {
      expect(served.get(url)).toBeLessThanOrEqual(4);
      expect(countOf(url)).toBeGreaterThanOrEqual(served.get(url) ?? 0);
      expect(countOf(url)).toBeLessThanOrEqual((served.get(url) ?? 0) + (cut.get(url) ?? 0));
    }
    // The quiet counter is as it was; counting goes on from it, one read at a time.
    expect(countOf(quiet)).toBe(2);
    expect((await read(restarted, quiet)).status).toBe(200);
    expect((await read(cluster.instances[1]?.url as string, quiet)).status).toBe(200);
    const after = await cluster.store.db
      .selectFrom('frequency_counters')
      .select(['key', 'count'])
      .where('consent_id', '=', counted.consentId)
      .execute();
    expect(after.map((row) => Number(row.count)).reduce((sum, n) => sum + n, 0)).toBe(
      [...counters.values()].reduce((sum, n) => sum + n, 0) + 2,
    );
    // The rate limit counted every request answered, and still counts.
    const limit = await cluster.store.db
      .selectFrom('rate_limits')
      .select('window_count')
      .where('client_id', '=', tpp.client.id)
      .executeTakeFirstOrThrow();
    expect(Number(limit.window_count)).toBeGreaterThanOrEqual(outcomes.admitted);

    // The decoupled SCA under way: the PSU approves now, the restarted instance sees it through.
    await approve(pendingDecoupled.order);
    const decoupled = await psd2(
      restarted,
      token,
      'GET',
      `${CONSENTS}/${pendingDecoupled.consentId}/status`,
      {
        bic: 'SWEDSESS',
      },
    );
    expect(decoupled.body.consentStatus).toBe('valid');

    // The redirect SCA under way: the PSU follows the link now, through the restarted instance.
    const link = (put._links.scaOAuth.href as string)
      .replace('[CLIENT_ID]', tpp.client.id)
      .replace('[TPP_REDIRECT_URI]', REDIRECT_URI)
      .replace('[TPP_STATE]', 'after-the-crash');
    const back = await psuApprovesAtBank(new HttpBrowser(), link, REDIRECT_URI, ANNA);
    const redeemed = await fetch(`${restarted}/connect/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-consentid': redirectId,
        'x-consentauthorisationid': started.authorisationId,
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: tpp.client.id,
        client_secret: tpp.client.secret,
        code: back.code as string,
        redirect_uri: REDIRECT_URI,
      }),
    });
    expect(redeemed.status, await redeemed.clone().text()).toBe(200);
    const redirect = await psd2(restarted, token, 'GET', `${CONSENTS}/${redirectId}/status`, {
      bic: 'NDEASESS',
    });
    expect(redirect.body.consentStatus).toBe('valid');
  }, 180_000);
});
