// The SDK's webhook check against deliveries signed as the platform signs them.
import { describe, expect, it } from 'vitest';
import { signatureHeader } from '../../platform/src/events/signature.js';
import { MemorySeenEvents, verifyWebhook, WebhookVerificationError } from '../src/index.js';

const secret = 'whsec_test-secret';
const body = JSON.stringify({
  id: '6f1c2f0e-0a35-4a8e-9d61-3c3c1f1c0a11',
  type: 'payment.status_changed',
  timestamp: '2026-11-21T10:00:00.000Z',
  resource: { kind: 'payment', id: 'p-1' },
  oldStatus: 'ACSP',
  newStatus: 'ACCC',
});
const t = 1_795_000_000;
const now = () => new Date(t * 1000 + 30_000);

const reason = async (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (error: unknown) => (error instanceof WebhookVerificationError ? error.reason : String(error)),
  );

describe('verifyWebhook', () => {
  it('answers the typed event of a delivery signed with the secret', async () => {
    const event = await verifyWebhook(body, signatureHeader([secret], t, body), { secret, now });
    expect(event.type).toBe('payment.status_changed');
    if (event.type === 'payment.status_changed') expect(event.newStatus).toBe('ACCC');
  });

  it('takes either secret while one is rotated', async () => {
    const header = signatureHeader(['whsec_new', secret], t, body);
    await expect(verifyWebhook(body, header, { secret, now })).resolves.toBeDefined();
  });

  it('refuses a wrong secret, a changed body, an old delivery and a malformed header', async () => {
    const header = signatureHeader([secret], t, body);
    expect(await reason(verifyWebhook(body, header, { secret: 'whsec_other', now }))).toBe(
      'signature',
    );
    expect(await reason(verifyWebhook(`${body} `, header, { secret, now }))).toBe('signature');
    const late = () => new Date(t * 1000 + 301_000);
    expect(await reason(verifyWebhook(body, header, { secret, now: late }))).toBe('timestamp');
    expect(await reason(verifyWebhook(body, 'v1=abc', { secret, now }))).toBe('format');
    expect(await reason(verifyWebhook(body, undefined, { secret, now }))).toBe('format');
  });

  it('refuses a repeat of an event already handled', async () => {
    const seenEvents = new MemorySeenEvents();
    const header = signatureHeader([secret], t, body);
    await verifyWebhook(body, header, { secret, now, seenEvents });
    expect(await reason(verifyWebhook(body, header, { secret, now, seenEvents }))).toBe('replay');
  });
});
