/**
 * Every step of an SCA survives its instance dying right there (SIGKILL from a failpoint, no
 * shutdown): after a restart on the same database the flow either completes on the next poll
 * or callback, or ends cleanly in a status the TPP can act on, with a log line saying why.
 * Never does a consent wait `received` for a grant nobody holds.
 *
 * Runs with BANKBRIDGE_TEST_DB=postgres, like the other instance tests.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HttpBrowser, psuApprovesOnBankPages } from '../guide/psu-browser.js';
import { consentBody } from '../support/ais-consent.js';
import { TEST_DB } from '../support/test-store.js';
import { type Cluster, type Instance, psd2, startCluster, Tpp } from './cluster.js';
import { killedAt } from './killed-at.js';

const CONSENTS = '/psd2/consent/v1/consents';
const ANNA = '198301014882';
const REDIRECT_URI = 'https://tpp.example/callback';
// Bank calls time out after a second, so a redemption left by a dead instance is known for
// one after two bank calls and a margin: 2 x 1 s + 5 s.
const BANK_TIMEOUT_MS = 1_000;
const REDEEM_WINDOW_MS = 2 * BANK_TIMEOUT_MS + 5_000;
// A status poll may come back before the bank has the PSU's answer: it is sent again.
const POLLS = 5;

describe.runIf(TEST_DB === 'postgres')('an SCA step cut by its instance dying', () => {
  let cluster: Cluster;
  let instance: Instance;
  let tpp: Tpp;
  let token: string;

  beforeAll(async () => {
    cluster = await startCluster({
      size: 1,
      env: { BANKBRIDGE_BANK_TIMEOUT_MS: String(BANK_TIMEOUT_MS) },
    });
    instance = cluster.instances[0] as Instance;
    tpp = new Tpp(await cluster.client());
    token = await tpp.token(cluster.url, 'accountinformation private');
  }, 120_000);
  afterAll(async () => {
    await cluster?.close();
  });

  /** Restarts the instance armed at `failpoint`; `step` must then kill it. */
  const armed = (failpoint: string, step: () => Promise<unknown>, attempts?: number) =>
    killedAt(instance, failpoint, step, attempts);

  const call = (method: string, url: string, bic: string, body?: unknown) =>
    psd2(cluster.url, token, method, url, {
      bic,
      ...(body === undefined ? {} : { body }),
      headers: bic === 'SWEDSESS' ? { 'tpp-redirect-preferred': 'false' } : {},
    });

  async function consentAwaitingSca(bic: string) {
    const created = await call('POST', CONSENTS, bic, consentBody(new Date()));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const consentId = created.body.consentId as string;
    const started = await call('POST', `${CONSENTS}/${consentId}/authorisations`, bic);
    const authorisationId = started.body.authorisationId as string;
    const put = await call(
      'PUT',
      `${CONSENTS}/${consentId}/authorisations/${authorisationId}`,
      bic,
      {
        authenticationMethodId: started.body.scaMethods[0].authenticationMethodId,
      },
    );
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    return { consentId, authorisationId, put: put.body };
  }

  async function approvedDecoupled() {
    const sca = await consentAwaitingSca('SWEDSESS');
    const approved = await fetch(
      `${cluster.sandboxUrl}/bankid/api/orders/${sca.put.challengeData.data[0]}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'approve', psuId: ANNA }),
      },
    );
    expect(approved.status).toBe(200);
    return sca;
  }

  const status = async (consentId: string, bic: string) =>
    (await call('GET', `${CONSENTS}/${consentId}/status`, bic)).body.consentStatus as string;
  const scaStatus = async (consentId: string, authorisationId: string, bic: string) =>
    (await call('GET', `${CONSENTS}/${consentId}/authorisations/${authorisationId}`, bic)).body
      .scaStatus as string;

  async function statusAtBank(consentId: string, bic: string): Promise<string> {
    const row = await cluster.store.db
      .selectFrom('consents')
      .select('bank_consent_id')
      .where('id', '=', consentId)
      .executeTakeFirstOrThrow();
    const answer = await fetch(
      `${cluster.sandboxUrl}/banks/${bic}/v1/consents/${row.bank_consent_id}/status`,
      { headers: { 'tpp-client-id': 'bankbridge', 'x-request-id': randomUUID() } },
    );
    return ((await answer.json()) as { consentStatus: string }).consentStatus;
  }

  /** The instance's log says `msg` of `id` (its logs are written out once a second). */
  const expectLogged = (msg: string, id: string) =>
    vi.waitFor(
      () => expect(instance.logs.some((l) => l.includes(msg) && l.includes(id))).toBe(true),
      { timeout: 5_000, interval: 200 },
    );
  const afterTheWindow = () => new Promise((resolve) => setTimeout(resolve, REDEEM_WINDOW_MS));

  it('creation, killed after storing the consent: the retry is answered the same at once', async () => {
    const requestId = randomUUID();
    const body = consentBody(new Date());
    const create = () =>
      psd2(cluster.url, token, 'POST', CONSENTS, {
        bic: 'ESSESESS',
        body,
        headers: { 'x-request-id': requestId },
      });
    await armed('consent.create.stored', create);
    const retried = await create();
    expect(retried.status, JSON.stringify(retried.body)).toBe(201);
    // The answer was kept in the consent's own transaction: no second consent, no waiting.
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    const consentId = retried.body.consentId as string;
    expect(retried.headers.get('location')).toMatch(new RegExp(`${CONSENTS}/${consentId}$`));
    const read = await call('GET', `${CONSENTS}/${consentId}/status`, 'ESSESESS');
    expect(read.status).toBe(200);
    expect(read.body.consentStatus).toBe('received');
  });

  it('deletion, killed after ending the consent: the retry is answered 204 at once', async () => {
    const created = await call('POST', CONSENTS, 'ESSESESS', consentBody(new Date()));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const consentId = created.body.consentId as string;
    const requestId = randomUUID();
    const remove = () =>
      psd2(cluster.url, token, 'DELETE', `${CONSENTS}/${consentId}`, {
        bic: 'ESSESESS',
        headers: { 'x-request-id': requestId },
      });
    await armed('consent.delete.stored', remove);
    const retried = await remove();
    // Not a second deletion, refused because the consent has ended already.
    expect(retried.status, JSON.stringify(retried.body)).toBe(204);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(await status(consentId, 'ESSESESS')).toBe('terminatedByTpp');
    expect(await statusAtBank(consentId, 'ESSESESS')).toBe('terminatedByTpp');
  });

  it('authorisation start, killed after storing it: the retry is answered the same at once', async () => {
    const created = await call('POST', CONSENTS, 'SWEDSESS', consentBody(new Date()));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const authorisations = `${CONSENTS}/${created.body.consentId}/authorisations`;
    const requestId = randomUUID();
    const start = () =>
      psd2(cluster.url, token, 'POST', authorisations, {
        bic: 'SWEDSESS',
        headers: { 'x-request-id': requestId, 'tpp-redirect-preferred': 'false' },
      });
    await armed('sca.start.stored', start);
    const retried = await start();
    expect(retried.status, JSON.stringify(retried.body)).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    // One authorisation: the one the first request stored and the retry was answered with.
    const listed = await call('GET', authorisations, 'SWEDSESS');
    expect(listed.body.authorisationIds).toEqual([retried.body.authorisationId]);
  });

  it('method choice, killed after storing it: the retry is answered the same at once', async () => {
    const created = await call('POST', CONSENTS, 'SWEDSESS', consentBody(new Date()));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const consentId = created.body.consentId as string;
    const started = await call('POST', `${CONSENTS}/${consentId}/authorisations`, 'SWEDSESS');
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const authorisationId = started.body.authorisationId as string;
    const requestId = randomUUID();
    const choose = () =>
      psd2(
        cluster.url,
        token,
        'PUT',
        `${CONSENTS}/${consentId}/authorisations/${authorisationId}`,
        {
          bic: 'SWEDSESS',
          body: { authenticationMethodId: 'mbid' },
          headers: { 'x-request-id': requestId, 'tpp-redirect-preferred': 'false' },
        },
      );
    await armed('sca.method.stored', choose);
    const retried = await choose();
    // The answer was kept with the choice: not a second choice, refused as made already.
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(retried.headers.get('aspsp-sca-approach')).toBe('DECOUPLED');
    const autoStartToken = retried.body.challengeData.data[0] as string;
    expect(autoStartToken).toMatch(/\S/);
    // The BankID order the first request started is the one the retry names.
    const approved = await fetch(`${cluster.sandboxUrl}/bankid/api/orders/${autoStartToken}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'approve', psuId: ANNA }),
    });
    expect(approved.status).toBe(200);
    expect(await status(consentId, 'SWEDSESS')).toBe('valid');
  });

  it('decoupled, killed after claiming the grant and before redeeming it: the next poll completes', async () => {
    const { consentId, authorisationId } = await approvedDecoupled();
    await armed('sca.decoupled.claimed', () => status(consentId, 'SWEDSESS'), POLLS);
    // Another request is taken to be redeeming it for as long as a redemption may take.
    expect(await status(consentId, 'SWEDSESS')).toBe('received');
    await afterTheWindow();
    expect(await status(consentId, 'SWEDSESS')).toBe('valid');
    expect(await scaStatus(consentId, authorisationId, 'SWEDSESS')).toBe('finalised');
  }, 90_000);

  it('decoupled, killed after the bank handed out its tokens: ends rejected, logged, let go of at the bank', async () => {
    const { consentId, authorisationId } = await approvedDecoupled();
    await armed('sca.decoupled.redeemed', () => status(consentId, 'SWEDSESS'), POLLS);
    expect(await statusAtBank(consentId, 'SWEDSESS')).toBe('valid');
    await afterTheWindow();
    expect(await status(consentId, 'SWEDSESS')).toBe('rejected');
    expect(await scaStatus(consentId, authorisationId, 'SWEDSESS')).toBe('failed');
    await expectLogged('did not finish', authorisationId);
    expect(await statusAtBank(consentId, 'SWEDSESS')).toBe('terminatedByTpp');
    // Ended for good: nothing asks the bank for the lost grant again.
    expect(await status(consentId, 'SWEDSESS')).toBe('rejected');
  }, 90_000);

  /** The scaOAuth link of a redirect SCA, filled as the TPP does. */
  const linkOf = (put: { _links: { scaOAuth: { href: string } } }, state: string) =>
    put._links.scaOAuth.href
      .replace('[CLIENT_ID]', tpp.client.id)
      .replace('[TPP_REDIRECT_URI]', REDIRECT_URI)
      .replace('[TPP_STATE]', state);

  const approveAtBank = (browser: HttpBrowser, link: string) =>
    psuApprovesOnBankPages(browser, link, REDIRECT_URI, ANNA);

  async function redeem(code: string, consentId: string, authorisationId: string) {
    return fetch(`${cluster.url}/connect/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-consentid': consentId,
        'x-consentauthorisationid': authorisationId,
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: tpp.client.id,
        client_secret: tpp.client.secret,
        code,
        redirect_uri: REDIRECT_URI,
      }),
    });
  }

  const codeOf = (url: string) => new URL(url).searchParams.get('code') as string;

  it('redirect, killed after sending the PSU to the bank: the PSU opens the link again and it completes', async () => {
    const { consentId, authorisationId, put } = await consentAwaitingSca('NDEASESS');
    const link = linkOf(put, 'begun');
    await armed('sca.redirect.begun', () => new HttpBrowser().follow(link, REDIRECT_URI));
    const browser = new HttpBrowser();
    const { page: back } = await browser.follow(await approveAtBank(browser, link), REDIRECT_URI);
    expect(back.url.startsWith(`${REDIRECT_URI}?`), back.body).toBe(true);
    const redeemed = await redeem(codeOf(back.url), consentId, authorisationId);
    expect(redeemed.status, await redeemed.clone().text()).toBe(200);
    expect(await status(consentId, 'NDEASESS')).toBe('valid');
  }, 90_000);

  it("redirect, killed after keeping the bank's code: the browser's retry of the callback completes", async () => {
    const { consentId, authorisationId, put } = await consentAwaitingSca('NDEASESS');
    const browser = new HttpBrowser();
    let cut = '';
    const returning = await approveAtBank(browser, linkOf(put, 'returned'));
    await armed('sca.redirect.returned', async () => {
      // The bank's callback sends the browser into the interaction, where the instance dies.
      const callback = await browser.open(returning);
      cut = callback.location as string;
      await browser.open(cut);
    });
    expect(cut).toMatch(/\/bank-return\?/);
    const { page: back } = await browser.follow(cut, REDIRECT_URI);
    expect(back.url.startsWith(`${REDIRECT_URI}?`), back.body).toBe(true);
    expect(new URL(back.url).searchParams.get('state')).toBe('returned');
    const redeemed = await redeem(codeOf(back.url), consentId, authorisationId);
    expect(redeemed.status, await redeemed.clone().text()).toBe(200);
    expect(await status(consentId, 'NDEASESS')).toBe('valid');
  }, 90_000);

  it("redirect, killed after exchanging the bank's code: ends rejected, logged, and the code stays spent", async () => {
    const { consentId, authorisationId, put } = await consentAwaitingSca('NDEASESS');
    const browser = new HttpBrowser();
    const { page: back } = await browser.follow(
      await approveAtBank(browser, linkOf(put, 'exchanged')),
      REDIRECT_URI,
    );
    const code = codeOf(back.url);
    await armed('sca.redirect.exchanged', () => redeem(code, consentId, authorisationId));
    expect(await statusAtBank(consentId, 'NDEASESS')).toBe('valid');
    const again = await redeem(code, consentId, authorisationId);
    expect(again.status).toBe(400);
    expect(((await again.json()) as { error: string }).error).toBe('invalid_grant');
    await afterTheWindow();
    expect(await status(consentId, 'NDEASESS')).toBe('rejected');
    expect(await scaStatus(consentId, authorisationId, 'NDEASESS')).toBe('failed');
    await expectLogged('did not finish', authorisationId);
    expect(await statusAtBank(consentId, 'NDEASESS')).toBe('terminatedByTpp');
  }, 90_000);
});
