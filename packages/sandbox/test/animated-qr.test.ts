import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECOUPLED_GRANT } from '../src/index.js';
import { ANNA, createConsent, type Sandbox, startSandbox, token, tppHeaders } from './helpers.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.app.close());

/** What a TPP draws `time` seconds into the order, computed here the way BankID documents it. */
function qrPayload(order: { qrStartToken: string; qrStartSecret: string }, time: number): string {
  const code = createHmac('sha256', order.qrStartSecret).update(String(time)).digest('hex');
  return `bankid.${order.qrStartToken}.${time}.${code}`;
}

async function startOrder(headers: Record<string, string> = {}) {
  const consentId = await createConsent(sandbox, 'ESSESESS');
  const started = await sandbox.app.inject({
    method: 'POST',
    url: `/banks/ESSESESS/v1/consents/${consentId}/authorisations`,
    headers: tppHeaders(headers),
  });
  expect(started.statusCode).toBe(201);
  return { consentId, body: started.json() };
}

function scan(payload: Record<string, unknown>) {
  return sandbox.app.inject({ method: 'POST', url: '/bankid/api/qr', payload });
}

describe('animated QR codes of BankID orders', () => {
  it('hands the TPP a random qrStartToken and qrStartSecret per order, beside the autostart token', async () => {
    const first = (await startOrder({ 'psu-id': ANNA })).body;
    const second = (await startOrder({ 'psu-id': ANNA })).body;
    for (const body of [first, second]) {
      expect(body.qrStartToken).toMatch(/^[0-9a-f-]{36}$/);
      expect(body.qrStartSecret).toMatch(/^[0-9a-f-]{36}$/);
      expect(body.challengeData.data).toEqual([
        `bankid:///?autostarttoken=${body.autoStartToken}&redirect=null`,
      ]);
    }
    expect(second.qrStartToken).not.toBe(first.qrStartToken);
    expect(second.qrStartSecret).not.toBe(first.qrStartSecret);
    expect(first.qrStartToken).not.toBe(first.autoStartToken);
  });

  it('approves an order scanned from its current code, and the TPP gets its tokens', async () => {
    const { body } = await startOrder();
    sandbox.clock.advance(4_200);
    const approved = await scan({ qr: qrPayload(body, 4), action: 'approve', psuId: ANNA });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'complete', psuId: ANNA });
    const tokens = await token(sandbox, 'ESSESESS', {
      grant_type: DECOUPLED_GRANT,
      authorisation_id: body.authorisationId,
    });
    expect(tokens.statusCode, tokens.body).toBe(200);
  });

  it('refuses a code older than the window, from the future, or not signed with the order secret', async () => {
    const { body } = await startOrder({ 'psu-id': ANNA });
    sandbox.clock.advance(45_000);
    const stale = await scan({ qr: qrPayload(body, 10), action: 'approve' });
    expect(stale.statusCode).toBe(400);
    expect(stale.json()).toEqual({
      errorCode: 'invalidParameters',
      details:
        'This QR code is 35 s old; BankID accepts codes at most 30 s old: scan the code on the screen now',
    });
    const future = await scan({ qr: qrPayload(body, 46), action: 'approve' });
    expect(future.statusCode).toBe(400);
    expect(future.json().details).toContain('claims 46 s into the order, which is only 45 s old');
    const forged = qrPayload({ ...body, qrStartSecret: 'not-the-secret' }, 44);
    const wrong = await scan({ qr: forged, action: 'approve' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().details).toContain('not made for this BankID order');
    // Nothing of that moved the order; a code of the window does.
    const status = await sandbox.app.inject({ url: `/bankid/api/orders/${body.autoStartToken}` });
    expect(status.json()).toMatchObject({ status: 'pending', scaStatus: 'received' });
    const edge = await scan({ qr: qrPayload(body, 15), action: 'approve' });
    expect(edge.statusCode, edge.body).toBe(200);
    expect(edge.json().status).toBe('complete');
  });

  it('answers 404 for an order it does not know and 400 for what is no animated code', async () => {
    const unknown = qrPayload({ qrStartToken: 'nope', qrStartSecret: 's' }, 1);
    expect((await scan({ qr: unknown, action: 'open' })).statusCode).toBe(404);
    const { body } = await startOrder({ 'psu-id': ANNA });
    for (const qr of [body.autoStartToken, `bankid.${body.qrStartToken}.1.xyz`, 42, undefined]) {
      const refused = await scan({ qr, action: 'open' });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errorCode).toBe('invalidParameters');
    }
    expect((await scan({ qr: qrPayload(body, 0), action: 'sign' })).statusCode).toBe(400);
  });

  it('opens the order page from a pasted code, and the start page has a field for one', async () => {
    const index = await sandbox.app.inject({ url: '/bankid' });
    expect(index.body).toContain('name="qr"');
    const { body } = await startOrder({ 'psu-id': ANNA });
    sandbox.clock.advance(2_000);
    const page = await sandbox.app.inject({
      url: `/bankid?qr=${encodeURIComponent(qrPayload(body, 2))}`,
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`/bankid/orders/${body.autoStartToken}`);
    const status = await sandbox.app.inject({ url: `/bankid/api/orders/${body.autoStartToken}` });
    expect(status.json().scaStatus).toBe('started');
    sandbox.clock.advance(40_000);
    const stale = await sandbox.app.inject({
      url: `/bankid?qr=${encodeURIComponent(qrPayload(body, 2))}`,
    });
    expect(stale.statusCode).toBe(400);
    expect(stale.body).toContain('at most 30 s old');
  });
});
