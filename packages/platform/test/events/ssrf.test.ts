/**
 * Webhooks never reach Bankbridge's own network: loopback, private, link-local and other
 * non-public addresses are refused when an endpoint is registered (addresses in the URL) and at
 * each delivery (every address a name resolves to), before any connection is made. A receiver
 * listening on loopback proves nothing was sent to it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkEndpointUrl } from '../../src/events/endpoint-rules.js';
import { WebhookSender } from '../../src/events/sender.js';
import { type Receiver, startReceiver } from './receiver.js';

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(async () => receiver?.stop());

const NAMES: Record<string, string[]> = {
  'internal.tpp.example': ['10.1.2.3'],
  'metadata.tpp.example': ['169.254.169.254'],
  'loopback.tpp.example': ['127.0.0.1'],
  'v6-loopback.tpp.example': ['::1'],
  'v6-private.tpp.example': ['fc00::5'],
  'mapped.tpp.example': ['::ffff:192.168.1.1'],
  // One private address among others is enough to refuse the name.
  'mixed.tpp.example': ['127.0.0.1', '10.0.0.7'],
};
const resolve = async (host: string) => {
  const addresses = NAMES[host];
  if (!addresses) throw new Error(`no such host ${host}`);
  return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

describe('registration', () => {
  const hosts = ['tpp.example', '127.0.0.1', '10.0.0.1', '169.254.169.254', '::1', 'fc00::1'];
  it.each([
    ['http://tpp.example/hooks', /must be https/],
    ['https://127.0.0.1/hooks', /not a public address \(loopback\)/],
    ['https://10.0.0.1/hooks', /not a public address \(private\)/],
    ['https://169.254.169.254/latest/meta-data', /not a public address \(linkLocal\)/],
    ['https://[::1]/hooks', /not a public address \(loopback\)/],
    ['https://[fc00::1]/hooks', /not a public address \(uniqueLocal\)/],
    ['https://user:pass@tpp.example/hooks', /credentials/],
    ['https://other.example/hooks', /not on this client's list/],
  ])('refuses %s', (url, reason) => {
    const checked = checkEndpointUrl(url, hosts, { allowLoopback: false });
    expect(checked.ok).toBe(false);
    expect(checked.ok ? '' : checked.reason).toMatch(reason);
  });

  it('takes an https URL on a listed host', () => {
    expect(
      checkEndpointUrl('https://tpp.example/hooks?x=1', hosts, { allowLoopback: false }),
    ).toEqual({
      ok: true,
      value: 'https://tpp.example/hooks?x=1',
    });
  });
});

describe('delivery', () => {
  const sender = new WebhookSender({ allowLoopback: false, resolve, timeoutMs: 2_000 });
  afterAll(() => sender.close());

  it.each([
    [`https://127.0.0.1:PORT/hooks`, /loopback/],
    [`https://[::1]:PORT/hooks`, /loopback/],
    ['https://10.9.8.7/hooks', /private/],
    ['https://169.254.169.254/latest/meta-data', /linkLocal/],
    ['https://[fc00::1]/hooks', /uniqueLocal/],
    ['https://internal.tpp.example/hooks', /10\.1\.2\.3 is not a public address \(private\)/],
    ['https://metadata.tpp.example/hooks', /linkLocal/],
    ['https://loopback.tpp.example:PORT/hooks', /loopback/],
    ['https://v6-loopback.tpp.example/hooks', /loopback/],
    ['https://v6-private.tpp.example/hooks', /uniqueLocal/],
    ['https://mapped.tpp.example/hooks', /192\.168\.1\.1 is not a public address \(private\)/],
    ['https://mixed.tpp.example:PORT/hooks', /127\.0\.0\.1 is not a public address/],
    ['https://unknown.tpp.example/hooks', /does not resolve/],
  ])('refuses %s before connecting', async (url, reason) => {
    const attempt = await sender.send(url.replace('PORT', String(receiver.port)), '{}', {});
    expect(attempt.ok).toBe(false);
    expect(attempt.statusCode).toBeNull();
    expect(attempt.error).toMatch(reason);
    expect(receiver.received).toEqual([]);
  });

  it('refuses plain http to anything but loopback, even under the test setting', async () => {
    const lenient = new WebhookSender({ allowLoopback: true, resolve, timeoutMs: 2_000 });
    try {
      const attempt = await lenient.send('http://internal.tpp.example/hooks', '{}', {});
      expect(attempt.error).toMatch(/10\.1\.2\.3 is not a public address/);
      // Loopback passes under the setting; a private address beside it still does not.
      const mixed = await lenient.send(`http://mixed.tpp.example:${receiver.port}/hooks`, '{}', {});
      expect(mixed.error).toMatch(/10\.0\.0\.7 is not a public address \(private\)/);
      expect(receiver.received).toEqual([]);
      const ok = await lenient.send(`http://loopback.tpp.example:${receiver.port}/hooks`, '{}', {});
      expect(ok).toMatchObject({ ok: true, statusCode: 200 });
    } finally {
      lenient.close();
    }
  });

  it('does not follow a redirect: a 3xx is a failed attempt, and its Location is never called', async () => {
    receiver.received.length = 0;
    // A receiver that redirects to another one.
    const redirector = http.createServer((_, response) => {
      response.writeHead(302, { location: `http://127.0.0.1:${receiver.port}/followed` }).end();
    });
    await new Promise<void>((done) => redirector.listen(0, '127.0.0.1', done));
    const lenient = new WebhookSender({ allowLoopback: true, resolve, timeoutMs: 2_000 });
    try {
      const port = (redirector.address() as AddressInfo).port;
      const attempt = await lenient.send(`http://loopback.tpp.example:${port}/hooks`, '{}', {});
      expect(attempt).toMatchObject({ ok: false, statusCode: 302 });
      expect(receiver.received).toEqual([]);
    } finally {
      lenient.close();
      await new Promise((done) => redirector.close(done));
    }
  });
});
