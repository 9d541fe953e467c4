import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSandbox } from '../src/index.js';
import {
  ANNA,
  authorisedConsent,
  authorizeUrl,
  dataHeaders,
  errorCode,
  type Sandbox,
  startSandbox,
  token,
  tppHeaders,
} from './helpers.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.app.close());

const setFaults = (bic: string, payload: object, method: 'PUT' | 'PATCH' = 'PUT') =>
  sandbox.app.inject({ method, url: `/admin/banks/${bic}/faults`, payload });

describe('fault injection', () => {
  it('manages faults per bank through the admin API', async () => {
    expect((await sandbox.app.inject('/admin/banks/ESSESESS/faults')).json()).toMatchObject({
      error500Rate: 0,
      latencyMs: 0,
    });
    expect((await setFaults('ESSESESS', { error503Rate: 0.5 })).json().error503Rate).toBe(0.5);
    expect((await setFaults('ESSESESS', { latencyMs: 5 }, 'PATCH')).json()).toMatchObject({
      error503Rate: 0.5,
      latencyMs: 5,
    });
    expect((await setFaults('ESSESESS', { latencyMs: 1 })).json().error503Rate).toBe(0);
    expect(
      (await sandbox.app.inject({ method: 'DELETE', url: '/admin/banks/ESSESESS/faults' })).json()
        .latencyMs,
    ).toBe(0);
    const list = (await sandbox.app.inject('/admin/banks')).json().banks;
    expect(list).toHaveLength(9);
    for (const bad of [
      { error500Rate: 2 },
      { latencyMs: -1 },
      { surprise: true },
      { error500Rate: 0.6, dropRate: 0.6 },
    ]) {
      const response = await setFaults('ESSESESS', bad);
      expect(response.statusCode).toBe(400);
      expect(errorCode(response)).toBe('FORMAT_ERROR');
    }
    expect((await setFaults('NOSUCHBK', {})).statusCode).toBe(404);
  });

  it('answers 500 with a Berlin Group body, and 503 as an HTML gateway page', async () => {
    await setFaults('NDEASESS', { error500Rate: 1 });
    const failed = await sandbox.app.inject({
      method: 'POST',
      url: '/banks/NDEASESS/v1/consents',
      headers: tppHeaders(),
      payload: {},
    });
    expect(failed.statusCode).toBe(500);
    expect(errorCode(failed)).toBe('INTERNAL_SERVER_ERROR');
    const tokenFailed = await token(sandbox, 'NDEASESS', {
      grant_type: 'refresh_token',
      refresh_token: 'x',
    });
    expect(tokenFailed.statusCode).toBe(500);
    expect(tokenFailed.json().error).toBe('server_error');
    // The login page is the bank's web front, not its API: it keeps working.
    expect((await sandbox.app.inject(authorizeUrl('NDEASESS', 'x'))).statusCode).toBe(303);
    await setFaults('NDEASESS', { error503Rate: 1, htmlErrors: true });
    const unavailable = await sandbox.app.inject({
      url: '/banks/NDEASESS/v1/accounts',
      headers: tppHeaders(),
    });
    expect(unavailable.statusCode).toBe(503);
    expect(unavailable.headers['content-type']).toContain('text/html');
    expect(unavailable.headers['retry-after']).toBe('1');
    expect(unavailable.body).toContain('503 Service Unavailable');
    await setFaults('NDEASESS', {});
    expect(
      (
        await sandbox.app.inject({
          method: 'POST',
          url: '/banks/NDEASESS/v1/consents',
          headers: tppHeaders(),
          payload: {},
        })
      ).statusCode,
    ).toBe(400);
  });

  it('hits only the calls its match names, when it has one', async () => {
    const matched = await setFaults('DABADKKK', {
      error500Rate: 1,
      match: { method: 'post', path: '/authorisations' },
    });
    expect(matched.json().match).toEqual({ method: 'POST', path: '/authorisations' });
    // Another method on the same path, and the same method elsewhere, are not hit.
    const created = await sandbox.app.inject({
      method: 'POST',
      url: '/banks/DABADKKK/v1/consents',
      headers: tppHeaders(),
      payload: {},
    });
    expect(created.statusCode).toBe(400);
    const listed = await sandbox.app.inject({
      url: '/banks/DABADKKK/v1/consents/x/authorisations',
      headers: tppHeaders(),
    });
    expect(listed.statusCode).not.toBe(500);
    const started = await sandbox.app.inject({
      method: 'POST',
      url: '/banks/DABADKKK/v1/consents/x/authorisations?q=1',
      headers: tppHeaders(),
      payload: {},
    });
    expect(started.statusCode).toBe(500);
    expect(errorCode(started)).toBe('INTERNAL_SERVER_ERROR');
    // A path alone hits every method; null hits every call again.
    await setFaults('DABADKKK', { match: { path: '/status' } }, 'PATCH');
    const status = await sandbox.app.inject({
      url: '/banks/DABADKKK/v1/consents/x/status',
      headers: tppHeaders(),
    });
    expect(status.statusCode).toBe(500);
    await setFaults('DABADKKK', { match: null }, 'PATCH');
    const any = await sandbox.app.inject({
      method: 'POST',
      url: '/banks/DABADKKK/v1/consents',
      headers: tppHeaders(),
      payload: {},
    });
    expect(any.statusCode).toBe(500);
    for (const bad of [
      { match: {} },
      { match: { verb: 'GET' } },
      { match: { path: '' } },
      { match: 'x' },
    ]) {
      const response = await setFaults('DABADKKK', bad);
      expect(response.statusCode).toBe(400);
      expect(errorCode(response)).toBe('FORMAT_ERROR');
    }
    await setFaults('DABADKKK', {});
  });

  it('hits a deterministic share of calls', async () => {
    const own = await startSandbox({ bankFaults: { ESSESESS: { error500Rate: 0.5 } } });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      statuses.push(
        (
          await own.app.inject({
            url: '/banks/ESSESESS/v1/consents/x/status',
            headers: tppHeaders(),
          })
        ).statusCode,
      );
    }
    const failures = statuses.filter((s) => s === 500).length;
    expect(failures).toBeGreaterThan(5);
    expect(failures).toBeLessThan(35);
    expect(statuses.filter((s) => s !== 500).every((s) => s === 403)).toBe(true);
    await own.app.close();
  });

  it('adds latency and still answers', async () => {
    await setFaults('DABADKKK', { latencyMs: 20 });
    const response = await sandbox.app.inject({
      url: '/banks/DABADKKK/v1/consents/x/status',
      headers: tppHeaders(),
    });
    expect(response.statusCode).toBe(403);
    await setFaults('DABADKKK', {});
  });

  it('revokes a PSU’s consents at the bank', async () => {
    const { consentId, tokens } = await authorisedConsent(sandbox, 'ESSESESS');
    const revoked = await sandbox.app.inject({
      method: 'POST',
      url: `/admin/banks/ESSESESS/psus/${ANNA}/revoke-consents`,
    });
    expect(revoked.json().revokedConsentIds).toContain(consentId);
    const status = await sandbox.app.inject({
      url: `/banks/ESSESESS/v1/consents/${consentId}/status`,
      headers: tppHeaders(),
    });
    expect(status.json().consentStatus).toBe('revokedByPsu');
    const read = await sandbox.app.inject({
      url: '/banks/ESSESESS/v1/accounts',
      headers: dataHeaders(consentId, tokens),
    });
    expect(read.statusCode).toBe(401);
    const refresh = await token(sandbox, 'ESSESESS', {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
    });
    expect(refresh.json().error).toBe('invalid_grant');
    expect(
      (
        await sandbox.app.inject({
          method: 'POST',
          url: '/admin/banks/ESSESESS/psus/nobody/revoke-consents',
        })
      ).statusCode,
    ).toBe(404);
  });

  it('protects the admin API with adminToken when set', async () => {
    const own = await startSandbox({ adminToken: 'letmein' });
    expect((await own.app.inject('/admin/banks')).statusCode).toBe(401);
    expect(
      (await own.app.inject({ url: '/admin/banks', headers: { authorization: 'Bearer letmein' } }))
        .statusCode,
    ).toBe(200);
    await own.app.close();
  });

  it('refuses bad fault options at start', async () => {
    await expect(startSandbox({ faults: { error500Rate: 3 } })).rejects.toThrow(/error500Rate/);
  });
});

describe('faults on a live port', () => {
  it('drops connections and lets calls time out; runSandbox serves real HTTP', async () => {
    const running = await runSandbox({
      port: 0,
      logger: false,
      bankFaults: { NDEASESS: { dropRate: 1 }, DABADKKK: { timeoutRate: 1, timeoutMs: 50 } },
    });
    try {
      expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const banks = await fetch(`${running.url}/banks`);
      expect((await banks.json()).banks).toHaveLength(9);
      const consent = await fetch(`${running.url}/banks/ESSESESS/v1/consents`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-request-id': randomUUID(),
          'tpp-client-id': 'live',
        },
        body: JSON.stringify({
          access: {},
          recurringIndicator: true,
          validUntil: '2099-01-01',
          frequencyPerDay: 1,
        }),
      });
      expect(consent.status).toBe(201);
      expect((await consent.json())._links.self.href.startsWith(running.url)).toBe(true);
      await expect(
        fetch(`${running.url}/banks/NDEASESS/v1/consents/x/status`, { headers: tppHeaders() }),
      ).rejects.toThrow();
      await expect(
        fetch(`${running.url}/banks/DABADKKK/v1/consents/x/status`, { headers: tppHeaders() }),
      ).rejects.toThrow();
      const index = await fetch(running.url);
      expect(await index.text()).toContain('Sandbox banks');
    } finally {
      await running.close();
    }
  });

  it('closes at once while a call hangs, dropping it instead of waiting for ever', async () => {
    const running = await runSandbox({
      port: 0,
      logger: false,
      bankFaults: { DABADKKK: { timeoutRate: 1, timeoutMs: 60_000 } },
    });
    const hanging = fetch(`${running.url}/banks/DABADKKK/v1/consents/x/status`, {
      headers: tppHeaders(),
    }).then(
      () => 'answered',
      () => 'dropped',
    );
    // The call has reached the bank and hangs there.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = performance.now();
    await running.close();
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(await hanging).toBe('dropped');
  });
});
