/**
 * Two Bankbridge processes on one PostgreSQL schema: a TPP's calls may land on either. A
 * decoupled consent flow and its data reads hop from one instance to the other at every step;
 * a redirect flow goes through a round-robin balancer, the PSU's browser included; and what
 * must stay exact does, with requests racing on both instances at once: an authorization code
 * is redeemed once, a consent's frequencyPerDay admits exactly its reads, and a client's rate
 * limit admits exactly its limit.
 *
 * Runs with BANKBRIDGE_TEST_DB=postgres (several instances need PostgreSQL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpBrowser, psuApprovesAtBank } from '../guide/psu-browser.js';
import { consentBody } from '../support/ais-consent.js';
import { expectContract } from '../support/contract.js';
import { consentHistory } from '../support/status-history.js';
import { TEST_DB } from '../support/test-store.js';
import { type Cluster, psd2, startCluster, Tpp } from './cluster.js';

const CONSENTS = '/psd2/consent/v1/consents';
const AIS = '/psd2/accountinformation/v1';
const ANNA = '198301014882';
const REDIRECT_URI = 'https://tpp.example/callback';
// A day-long window: no window turns while the test counts (see the guard in beforeAll).
const RATE_LIMIT = 60;

function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

describe.runIf(TEST_DB === 'postgres')('two instances on one database', () => {
  let cluster: Cluster;
  let a: string;
  let b: string;

  beforeAll(async () => {
    const toMidnight = 86_400_000 - (Date.now() % 86_400_000);
    if (toMidnight < 120_000)
      await new Promise((resolve) => setTimeout(resolve, toMidnight + 1_000));
    cluster = await startCluster({ env: { BANKBRIDGE_RATE_LIMIT: `${RATE_LIMIT}/1440min` } });
    [a, b] = cluster.instances.map((i) => i.url) as [string, string];
  }, 120_000);
  afterAll(async () => {
    await cluster?.close();
  });

  /** A fresh TPP (each test has its own rate-limit budget). */
  async function tpp() {
    return new Tpp(await cluster.client());
  }

  it('a decoupled consent flow and its data reads, each step on the other instance', async () => {
    const me = await tpp();
    const token = await me.token(a, 'accountinformation private');
    const step = async (base: string, method: string, url: string, body?: unknown) => {
      const answer = await psd2(base, token, method, url, {
        bic: 'SWEDSESS',
        ...(body === undefined ? {} : { body }),
        headers: { 'tpp-redirect-preferred': 'false' },
      });
      expectContract(answer.observed);
      expect(
        answer.status,
        `${method} ${url} at ${base}: ${JSON.stringify(answer.body)}`,
      ).toBeLessThan(300);
      return answer.body;
    };
    const { consentId } = await step(b, 'POST', CONSENTS, consentBody(new Date()));
    const { authorisationId } = await step(a, 'POST', `${CONSENTS}/${consentId}/authorisations`);
    const put = await step(b, 'PUT', `${CONSENTS}/${consentId}/authorisations/${authorisationId}`, {
      authenticationMethodId: 'mbid',
    });
    expect((await step(a, 'GET', `${CONSENTS}/${consentId}/status`)).consentStatus).toBe(
      'received',
    );
    const approved = await fetch(
      `${cluster.sandboxUrl}/bankid/api/orders/${put.challengeData.data[0]}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'approve', psuId: ANNA }),
      },
    );
    expect(approved.status).toBe(200);
    expect((await step(b, 'GET', `${CONSENTS}/${consentId}/status`)).consentStatus).toBe('valid');

    const read = (base: string, url: string) =>
      psd2(base, token, 'GET', `${AIS}${url}`, {
        bic: 'SWEDSESS',
        headers: { 'consent-id': consentId },
      });
    const accounts = await read(a, '/accounts');
    expect(accounts.status).toBe(200);
    const id = accounts.body.accounts[0].resourceId as string;
    // The same account ids on both instances, and every read answered by the other one.
    expect((await read(b, '/accounts')).body.accounts[0].resourceId).toBe(id);
    for (const [base, url] of [
      [b, `/accounts/${id}/balances`],
      [a, `/accounts/${id}`],
      [b, `/accounts/${id}/transactions?bookingStatus=booked&dateFrom=${daysAgo(30)}`],
    ] as const) {
      const answer = await read(base, url);
      expectContract(answer.observed);
      expect(answer.status, `${url} at ${base}`).toBe(200);
    }
    expect((await step(a, 'GET', `${CONSENTS}/${consentId}`)).consentStatus).toBe('valid');
  });

  /** A redirect consent up to the code the TPP is sent back with, through the balancer. */
  async function redirectCode(me: Tpp) {
    const token = await me.token(cluster.url, 'accountinformation private');
    const call = async (method: string, url: string, body?: unknown) => {
      const answer = await psd2(cluster.url, token, method, url, {
        bic: 'NDEASESS',
        ...(body === undefined ? {} : { body }),
      });
      expect(answer.status, `${method} ${url}: ${JSON.stringify(answer.body)}`).toBeLessThan(300);
      return answer.body;
    };
    const { consentId } = await call('POST', CONSENTS, consentBody(new Date()));
    const started = await call('POST', `${CONSENTS}/${consentId}/authorisations`);
    const put = await call(
      'PUT',
      `${CONSENTS}/${consentId}/authorisations/${started.authorisationId}`,
      {
        authenticationMethodId: started.scaMethods[0].authenticationMethodId,
      },
    );
    const link = (put._links.scaOAuth.href as string)
      .replace('[CLIENT_ID]', me.client.id)
      .replace('[TPP_REDIRECT_URI]', REDIRECT_URI)
      .replace('[TPP_STATE]', 'state-1');
    // Every hop of the browser through Bankbridge lands on the next instance.
    const back = await psuApprovesAtBank(new HttpBrowser(), link, REDIRECT_URI, ANNA);
    expect(back.state).toBe('state-1');
    return {
      consentId,
      authorisationId: started.authorisationId as string,
      code: back.code as string,
      token,
    };
  }

  function redeem(
    base: string,
    me: Tpp,
    flow: { consentId: string; authorisationId: string; code: string },
  ) {
    return fetch(`${base}/connect/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-consentid': flow.consentId,
        'x-consentauthorisationid': flow.authorisationId,
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: me.client.id,
        client_secret: me.client.secret,
        code: flow.code,
        redirect_uri: REDIRECT_URI,
      }),
    });
  }

  it('a redirect consent flow through a round-robin balancer, the PSU’s browser included', async () => {
    const me = await tpp();
    const flow = await redirectCode(me);
    const redeemed = await redeem(cluster.url, me, flow);
    expect(redeemed.status, await redeemed.clone().text()).toBe(200);
    const status = await psd2(
      cluster.url,
      flow.token,
      'GET',
      `${CONSENTS}/${flow.consentId}/status`,
    );
    expect(status.body.consentStatus).toBe('valid');
  });

  it('an authorization code redeemed on both instances at once gives one token, once', async () => {
    const me = await tpp();
    const flow = await redirectCode(me);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => redeem(i % 2 ? a : b, me, flow)),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    for (const refused of answers.filter((r) => r.status !== 200)) {
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { error: string }).error).toBe('invalid_grant');
    }
    // The consent was finalised once: one authorisation finalised, one move to valid.
    const events = await consentHistory(cluster.store.db, flow.consentId);
    expect(events.filter((e) => e.to_status === 'valid')).toHaveLength(1);
    expect(events.filter((e) => e.to_status === 'finalised')).toHaveLength(1);
  });

  it('frequencyPerDay: reads racing on both instances are admitted exactly as often as allowed', async () => {
    const me = await tpp();
    const flow = await redirectCode(me);
    expect((await redeem(a, me, flow)).status).toBe(200);
    const { token, consentId } = flow;
    const headers = { 'consent-id': consentId };
    const accounts = await psd2(b, token, 'GET', `${AIS}/accounts`, { bic: 'NDEASESS', headers });
    const balances = `${AIS}/accounts/${accounts.body.accounts[0].resourceId}/balances`;
    // Unattended (no PSU-IP-Address): 4 a day, as the consent says.
    const unattended = { ...headers, 'psu-ip-address': undefined };
    const answers = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        psd2(i % 2 ? a : b, token, 'GET', balances, { bic: 'NDEASESS', headers: unattended }),
      ),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(4);
    expect(statuses.filter((s) => s === 429)).toHaveLength(12);
    for (const refused of answers.filter((r) => r.status === 429)) {
      expect(refused.body.tppMessages[0].text).toContain('frequencyPerDay');
    }
    const counters = await cluster.store.db
      .selectFrom('frequency_counters')
      .select(['key', 'count'])
      .where('consent_id', '=', consentId)
      .execute();
    expect(counters.map((c) => Number(c.count))).toEqual([4]);
  });

  it('the rate limit: requests racing on both instances are admitted exactly up to the limit', async () => {
    const me = await tpp();
    // The token request is the client's first request of the window.
    const token = await me.token(a, 'aspspinformation');
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        psd2(i % 2 ? a : b, token, 'GET', '/psd2/aspspinformation/v1/countries'),
      ),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(RATE_LIMIT - 1);
    expect(statuses.filter((s) => s === 429)).toHaveLength(100 - (RATE_LIMIT - 1));
    const row = await cluster.store.db
      .selectFrom('rate_limits')
      .select(['window_count'])
      .where('client_id', '=', me.client.id)
      .executeTakeFirstOrThrow();
    expect(Number(row.window_count)).toBe(RATE_LIMIT);
    // Both instances refuse alike, in the contract's terms.
    for (const base of [a, b]) {
      const refused = await psd2(base, token, 'GET', '/psd2/aspspinformation/v1/countries');
      expectContract(refused.observed);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    }
  });
});
