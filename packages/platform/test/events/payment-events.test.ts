/**
 * A payment's events end to end, against the sandbox banks over HTTP: the TPP names the
 * payment's own endpoint on creation (TPP-Notification-URI, with SCA events), the PSU signs in
 * BankID, and nobody reads the payment: the status poller takes it to its final status, the
 * webhooks reach the receiver in order, and the event feed lists the same events.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ANNA } from '../support/ais-consent.js';
import { accountsOf, initiate, type PaymentCaller, paymentBody, pis } from '../support/payments.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { type Receiver, startReceiver } from './receiver.js';

let tpp: TestPlatform;
let receiver: Receiver;
let caller: PaymentCaller;
let offset = 0;

beforeAll(async () => {
  receiver = await startReceiver();
  tpp = await startTestPlatform({
    sandbox: true,
    now: () => new Date(Date.now() + offset),
    env: { BANKBRIDGE_WEBHOOK_LOOPBACK: 'true' },
  });
  await tpp.platform.webhooks.configure(tpp.client.id, { allowedHosts: ['127.0.0.1'] });
  const token = await tpp.token('paymentinitiation private');
  caller = { bic: 'SWEDSESS', token, headers: { 'tpp-redirect-preferred': 'false' } };
}, 60_000);
afterAll(async () => {
  await tpp?.close();
  await receiver?.stop();
});

const feed = async (token: string, query = '') => {
  const response = await tpp.api.inject({
    method: 'GET',
    url: `/psd2/events/v1/events${query}`,
    headers: { authorization: `Bearer ${token}`, 'x-request-id': randomUUID() },
  });
  return { status: response.statusCode, json: response.json() };
};

describe('payment events', () => {
  it('reach the payment endpoint in order, with no one polling, and are in the feed', async () => {
    // Between two of Anna's own accounts: booked at once, on any day of the week.
    const [from, to] = await accountsOf(tpp, 'SWEDSESS', ANNA);
    const created = await initiate(
      tpp,
      caller,
      paymentBody(from?.iban as string, to?.iban as string),
      '/payments/domestic',
      {
        'tpp-notification-uri': `${receiver.url}/payments`,
        'tpp-notification-content-preferred': 'status=SCA,PROCESS',
      },
    );
    expect(created.answer.headers['aspsp-notification-support']).toBe('true');
    expect(created.answer.headers['aspsp-notification-content']).toBe('status=SCA,PROCESS');

    // The PSU signs in BankID; the TPP never asks again.
    const started = await pis(tpp, caller, 'POST', `${created.path}/authorisations`);
    const put = await pis(
      tpp,
      caller,
      'PUT',
      `${created.path}/authorisations/${started.json.authorisationId}`,
      { authenticationMethodId: 'mbid' },
    );
    const approved = await fetch(
      `${tpp.sandboxUrl}/bankid/api/orders/${put.json.challengeData.data[0]}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'approve', psuId: ANNA }),
      },
    );
    expect(approved.status).toBe(200);

    let status = 'RCVD';
    for (let round = 0; round < 12 && !['ACSC', 'ACCC'].includes(status); round++) {
      // The first poll is due 10 s after the last change; later ones back off.
      offset += round === 0 ? 11_000 : 3_600_000;
      if (round === 0) {
        // A poller that is stopping claims nothing: the poll stays due for the next run.
        const stopping = new AbortController();
        stopping.abort();
        expect(await tpp.platform.events.poller.runOnce(stopping.signal)).toBe(0);
        expect(await tpp.platform.events.poller.runOnce()).toBe(1);
        continue;
      }
      await tpp.platform.events.poller.runOnce();
      // Read from the store: no bank call but the poller's.
      const row = await tpp.store.db
        .selectFrom('payments')
        .select('status')
        .where('id', '=', created.paymentId)
        .executeTakeFirstOrThrow();
      status = row.status;
    }
    expect(['ACSC', 'ACCC']).toContain(status);
    await tpp.platform.events.worker.runOnce();

    const got = receiver.received.map((r) => r.json);
    expect(got.every((event) => event.resource.id === created.paymentId)).toBe(true);
    const statuses = got.filter((e) => e.type === 'payment.status_changed');
    expect(statuses[0]?.oldStatus).toBe('RCVD');
    expect(statuses.at(-1)?.newStatus).toBe(status);
    for (let i = 1; i < statuses.length; i++) {
      expect(statuses[i]?.oldStatus).toBe(statuses[i - 1]?.newStatus);
    }
    expect(got.filter((e) => e.type === 'authorisation.status_changed').at(-1)).toMatchObject({
      resource: { kind: 'payment', authorisation: { kind: 'payment' } },
      newStatus: 'finalised',
    });

    // The feed: the same events, page by page; an AIS-only token sees no payment events.
    // Hours went by on the platform's clock: a fresh token.
    const token = await tpp.token('paymentinitiation private');
    // On PostgreSQL the feed answers an event once every transaction older than it has ended,
    // other test files' included (a migration of a new test store, say): wait for that.
    await vi.waitFor(
      async () => expect((await feed(token, '?limit=200')).json.events).toHaveLength(got.length),
      { timeout: 10_000, interval: 100 },
    );
    const first = await feed(token, '?limit=1');
    expect(first.status).toBe(200);
    expect(first.json.events).toHaveLength(1);
    expect(first.json.hasMore).toBe(true);
    const rest = await feed(token, `?after=${first.json.cursor}&limit=200`);
    expect([...first.json.events, ...rest.json.events].map((e: { id: string }) => e.id)).toEqual(
      got.map((e) => e.id),
    );
    const after = await feed(token, `?after=${rest.json.cursor}`);
    expect(after.json).toEqual({ events: [], cursor: rest.json.cursor, hasMore: false });
    const ais = await feed(await tpp.token('accountinformation private'));
    expect(ais.json.events).toEqual([]);
    expect((await feed(token, '?after=nonsense')).status).toBe(400);
  });

  it('refuses a notification URI off the client list, before anything is created', async () => {
    const fresh = { ...caller, token: await tpp.token('paymentinitiation private') };
    const answer = await pis(tpp, fresh, 'POST', '/payments/domestic', paymentBody('x', 'y'), {
      'tpp-notification-uri': 'https://elsewhere.example/hooks',
    });
    expect(answer.statusCode).toBe(400);
    expect(answer.json.tppMessages[0].text).toMatch(/TPP-Notification-URI: the host elsewhere/);
  });
});
