import { describe, expect, it } from 'vitest';
import { bankIdLink, qrCodeDataUrl } from '../../src/consents/qr-code.js';

const PREFIX = 'data:image/png;base64,';
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function png(dataUrl: string): Buffer {
  expect(dataUrl.startsWith(PREFIX)).toBe(true);
  const base64 = dataUrl.slice(PREFIX.length);
  expect(base64).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
  return Buffer.from(base64, 'base64');
}

describe('qrCodeDataUrl', () => {
  it('is a PNG data URL that the contract erratum for challengeData accepts', async () => {
    const url = await qrCodeDataUrl(bankIdLink('7c40b5c9-fa74-49cf-b98c-bfe651f9a7c6'));
    expect(url).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/);
    const image = png(url);
    expect(image.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
    // IHDR comes first: its width and height say how large the code is on a screen.
    expect(image.subarray(12, 16).toString('latin1')).toBe('IHDR');
    const width = image.readUInt32BE(16);
    const height = image.readUInt32BE(20);
    expect(width).toBe(height);
    expect(width).toBeGreaterThanOrEqual(256);
    expect(width).toBeLessThanOrEqual(300);
  });

  it('draws different codes for different texts, and the same code for the same text', async () => {
    const [a, b, again] = await Promise.all([
      qrCodeDataUrl(bankIdLink('token-a')),
      qrCodeDataUrl(bankIdLink('token-b')),
      qrCodeDataUrl(bankIdLink('token-a')),
    ]);
    expect(png(a).equals(png(b))).toBe(false);
    expect(again).toBe(a);
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
