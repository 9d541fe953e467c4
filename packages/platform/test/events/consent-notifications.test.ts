/**
 * A consent's own endpoint, named on creation with the Berlin Group headers, against the
 * sandbox banks over HTTP and a real receiving HTTP server: the answer says what will be sent
 * (ASPSP-Notification-Support, -Content; `LAST` gets every change, `PROCESS`), the consent's
 * status changes reach that endpoint, a consent created without the header is answered without
 * them, and a URI off the client's list is refused before anything is stored. Every answer is
 * checked against the contract.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentBody } from '../support/ais-consent.js';
import { expectContract } from '../support/contract.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { type Receiver, startReceiver } from './receiver.js';

const BASE = '/psd2/consent/v1/consents';
let tpp: TestPlatform;
let receiver: Receiver;
let token: string;

beforeAll(async () => {
  receiver = await startReceiver();
  tpp = await startTestPlatform({
    sandbox: true,
    env: { BANKBRIDGE_WEBHOOK_LOOPBACK: 'true' },
  });
  // Hosts only: the client has no endpoint of its own, so only the consent's is called.
  await tpp.platform.webhooks.configure(tpp.client.id, { allowedHosts: ['127.0.0.1'] });
  token = await tpp.token('accountinformation private');
}, 60_000);
afterAll(async () => {
  await tpp?.close();
  await receiver?.stop();
});

async function call(method: 'POST' | 'DELETE', url: string, headers: Record<string, string> = {}) {
  const response = await tpp.api.inject({
    method,
    url,
    headers: {
      accept: 'application/json',
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'x-request-id': randomUUID(),
      'x-bicfi': 'ESSESESS',
      'psu-ip-address': '192.0.2.10',
      'psu-user-agent': 'Mozilla/5.0 (test)',
      ...headers,
    },
    ...(method === 'POST' ? { payload: JSON.stringify(consentBody(new Date())) } : {}),
  });
  expectContract(response);
  return response;
}

describe('a consent with its own notification endpoint', () => {
  it('answers what will be sent and sends the consent its status changes', async () => {
    const created = await call('POST', BASE, {
      'tpp-notification-uri': `${receiver.url}/consents`,
      'tpp-notification-content-preferred': 'status=LAST',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.headers['aspsp-notification-support']).toBe('true');
    expect(created.headers['aspsp-notification-content']).toBe('status=PROCESS');
    const { consentId } = created.json();

    const deleted = await call('DELETE', `${BASE}/${consentId}`);
    expect(deleted.statusCode).toBe(204);
    await tpp.platform.events.worker.runOnce();
    expect(receiver.received.map((r) => r.json)).toEqual([
      expect.objectContaining({
        type: 'consent.status_changed',
        resource: { kind: 'consent', id: consentId },
        oldStatus: 'received',
        newStatus: 'terminatedByTpp',
      }),
    ]);
  });

  it('answers no notification headers when none was asked for', async () => {
    const created = await call('POST', BASE);
    expect(created.statusCode).toBe(201);
    expect(created.headers['aspsp-notification-support']).toBeUndefined();
    expect(created.headers['aspsp-notification-content']).toBeUndefined();
  });

  it.each([
    ['https://elsewhere.example/hooks', /TPP-Notification-URI: the host elsewhere.example/],
    ['https://10.0.0.1/hooks', /TPP-Notification-URI: .*not a public address \(private\)/],
    ['ftp://127.0.0.1/hooks', /TPP-Notification-URI: the URL must be https/],
  ])('refuses %s with 400 and stores nothing', async (uri, reason) => {
    const before = await tpp.store.db
      .selectFrom('consents')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const refused = await call('POST', BASE, { 'tpp-notification-uri': uri });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().tppMessages[0]).toMatchObject({ code: 'FORMAT_ERROR' });
    expect(refused.json().tppMessages[0].text).toMatch(reason);
    const after = await tpp.store.db
      .selectFrom('consents')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
