import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { animatedQrDrawer } from '../../src/cli/demo/bankid-challenge.js';
import { Printer } from '../../src/cli/demo/output.js';
import { animatedQrPayload } from '../../src/sca/animated-qr.js';

describe("the terminal demo's animated QR code", () => {
  it('draws a new code for polls a second apart, over the last one on a terminal', async () => {
    let out = '';
    const stream = new Writable({
      write(chunk, _encoding, done) {
        out += String(chunk);
        done();
      },
    });
    const printer = new Printer(stream, false, 6);
    const start = { qrStartToken: 'qr-token', qrStartSecret: 'secret', startedAt: new Date(0) };
    const drawer = animatedQrDrawer(printer, true);
    await drawer.draw(animatedQrPayload(start, new Date(200)));
    const first = out;
    await drawer.draw(animatedQrPayload(start, new Date(400)));
    expect(out).toBe(first);
    await drawer.draw(animatedQrPayload(start, new Date(1200)));
    const second = out.slice(first.length);
    expect(first).toContain('bankid.qr-token.0.');
    expect(second).toContain('bankid.qr-token.1.');
    const height = first.split('\n').length - 1;
    expect(second.startsWith(`\u001b[${height}F`)).toBe(true);
    expect(second.slice(`\u001b[${height}F`.length)).not.toBe(first);
  });
});
