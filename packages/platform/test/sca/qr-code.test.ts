import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { bilevelPng } from '../../src/sca/bilevel-png.js';
import { bankIdLink, qrCodeDataUrl } from '../../src/sca/qr-code.js';

const PREFIX = 'data:image/png;base64,';
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function png(dataUrl: string): Buffer {
  expect(dataUrl.startsWith(PREFIX)).toBe(true);
  const base64 = dataUrl.slice(PREFIX.length);
  expect(base64).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
  return Buffer.from(base64, 'base64');
}

// jsqr is CommonJS with a default export: Node hands over module.exports, a function that also
// carries itself as `default`, which is the one its types describe.
const jsQR = jsQRModule.default;

/** What a phone's camera reads: the PNG decoded by a PNG decoder, then by a QR reader. */
function scan(dataUrl: string): { text: string; width: number } {
  const image = PNG.sync.read(png(dataUrl));
  const code = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
  expect(code, 'a QR code in the picture').not.toBeNull();
  return { text: code?.data ?? '', width: image.width };
}

describe('qrCodeDataUrl', () => {
  it('is a PNG data URL that the contract erratum for challengeData accepts', async () => {
    const url = qrCodeDataUrl(bankIdLink('7c40b5c9-fa74-49cf-b98c-bfe651f9a7c6'));
    expect(url).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/);
    const image = png(url);
    expect(image.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
    // IHDR comes first: its width and height say how large the code is on a screen.
    expect(image.subarray(12, 16).toString('latin1')).toBe('IHDR');
    const width = image.readUInt32BE(16);
    const height = image.readUInt32BE(20);
    expect(width).toBe(height);
    expect(width).toBeGreaterThanOrEqual(280);
    expect(width).toBeLessThanOrEqual(300);
    // Small enough to sit inline in a JSON answer.
    expect(url.length).toBeLessThan(4096);
  });

  it('reads back as the text it was drawn from, for a BankID link and for longer texts', () => {
    for (const text of [
      bankIdLink('7c40b5c9-fa74-49cf-b98c-bfe651f9a7c6'),
      bankIdLink('a b&c=ö'),
      `https://bank.example/sca?${'x'.repeat(300)}`,
    ]) {
      const read = scan(qrCodeDataUrl(text));
      expect(read.text).toBe(text);
      expect(read.width).toBeGreaterThanOrEqual(280);
    }
  });

  it('draws different codes for different texts, and the same code for the same text', async () => {
    const [a, b, again] = [
      qrCodeDataUrl(bankIdLink('token-a')),
      qrCodeDataUrl(bankIdLink('token-b')),
      qrCodeDataUrl(bankIdLink('token-a')),
    ];
    expect(png(a).equals(png(b))).toBe(false);
    expect(again).toBe(a);
  });
});

describe('bilevelPng', () => {
  it('draws each dark cell as a black square of scale pixels inside a white margin', () => {
    // A 3x3 picture with its corners and centre dark, 2 px per cell, a margin of 1 cell: 10 px,
    // so each row's last byte also holds padding bits.
    const dark = new Set(['0,0', '0,2', '1,1', '2,0', '2,2']);
    const image = PNG.sync.read(
      bilevelPng({ size: 3, dark: (row, column) => dark.has(`${row},${column}`) }, 2, 1),
    );
    expect([image.width, image.height]).toEqual([10, 10]);
    for (let y = 0; y < 10; y++) {
      for (let x = 0; x < 10; x++) {
        const [row, column] = [Math.floor(y / 2) - 1, Math.floor(x / 2) - 1];
        const at = (y * 10 + x) * 4;
        const colour = [...image.data.subarray(at, at + 4)];
        expect(colour, `pixel ${x},${y}`).toEqual(
          dark.has(`${row},${column}`) ? [0, 0, 0, 255] : [255, 255, 255, 255],
        );
      }
    }
  });
});

describe('bankIdLink', () => {
  it('carries the autostart token as the BankID app expects it', () => {
    expect(bankIdLink('7c40b5c9-fa74-49cf-b98c-bfe651f9a7c6')).toBe(
      'bankid:///?autostarttoken=7c40b5c9-fa74-49cf-b98c-bfe651f9a7c6',
    );
  });

  it('encodes a token that would otherwise break the query', () => {
    const link = bankIdLink('a b&redirect=https://evil.example/#x');
    expect(link).toBe(
      'bankid:///?autostarttoken=a%20b%26redirect%3Dhttps%3A%2F%2Fevil.example%2F%23x',
    );
    expect(new URL(link).searchParams.get('autostarttoken')).toBe(
      'a b&redirect=https://evil.example/#x',
    );
    expect([...new URL(link).searchParams.keys()]).toEqual(['autostarttoken']);
  });
});

describe('qrCodeDataUrl, drawn codes kept', () => {
  it('draws an animated code of every second right, and an old one again after many others', () => {
    // More texts than are kept: the first has left the kept ones and is drawn anew.
    const texts = Array.from({ length: 600 }, (_, second) => `bankid.0a1b.${second}.ffee`);
    const first = qrCodeDataUrl(texts[0] as string);
    for (const text of texts) qrCodeDataUrl(text);
    for (const text of [texts[0], texts[300], texts[599]] as string[]) {
      expect(scan(qrCodeDataUrl(text)).text).toBe(text);
    }
    expect(qrCodeDataUrl(texts[0] as string)).toBe(first);
  });
});
