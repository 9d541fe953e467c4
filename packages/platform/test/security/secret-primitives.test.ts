import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  generateClientSecret,
  hashClientSecret,
  hashOpaqueValue,
  verifyClientSecret,
} from '../../src/security/client-secrets.js';
import { MasterKey } from '../../src/security/master-key.js';
import { SealedBox } from '../../src/security/sealed-box.js';

describe('client secrets', () => {
  it('are 256 random bits, never repeated', () => {
    const secrets = Array.from({ length: 200 }, generateClientSecret);
    expect(new Set(secrets).size).toBe(200);
    for (const secret of secrets) expect(secret).toMatch(/^bbs_[A-Za-z0-9_-]{43}$/);
  });

  it('verify against their hash only', () => {
    const secret = generateClientSecret();
    const hash = hashClientSecret(secret);
    expect(verifyClientSecret(secret, hash)).toBe(true);
    expect(verifyClientSecret(`${secret}x`, hash)).toBe(false);
    expect(verifyClientSecret(secret.slice(0, -1), hash)).toBe(false);
    expect(verifyClientSecret('', hash)).toBe(false);
    // The hash itself is no password.
    expect(verifyClientSecret(hash, hash)).toBe(false);
  });

  it('refuse, without throwing, a stored hash of another shape', () => {
    const secret = generateClientSecret();
    for (const stored of ['', 'sha256:', secret, 'plain-text', hashClientSecret(secret).slice(1)]) {
      expect(verifyClientSecret(secret, stored)).toBe(false);
    }
  });

  it('hash opaque values (tokens, codes) to fixed-length ids', () => {
    expect(hashOpaqueValue('abc')).toBe(hashOpaqueValue('abc'));
    expect(hashOpaqueValue('abc')).not.toBe(hashOpaqueValue('abd'));
    expect(hashOpaqueValue('abc')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('SealedBox', () => {
  const key = MasterKey.fromString('0123456789abcdef0123456789abcdef-test').derive('test');
  const box = new SealedBox(key);

  it('round-trips, with a fresh IV each time', () => {
    const a = box.seal('bank token', 'row-1');
    const b = box.seal('bank token', 'row-1');
    expect(a).not.toBe(b);
    expect(a).not.toContain('bank token');
    expect(box.open(a, 'row-1')).toBe('bank token');
  });

  it('never repeats an IV, also across the blocks its random IVs are drawn in', () => {
    const sealed = Array.from({ length: 2_000 }, (_, i) => box.seal(`token ${i}`, 'row-1'));
    const ivs = sealed.map((value) => value.split('.')[1] as string);
    expect(new Set(ivs).size).toBe(sealed.length);
    for (const iv of ivs) expect(Buffer.from(iv, 'base64url')).toHaveLength(12);
    // Values sealed before a later block was drawn still open.
    sealed.forEach((value, i) => {
      expect(box.open(value, 'row-1')).toBe(`token ${i}`);
    });
  });

  it('refuses a value moved to another row, a changed byte or another key', () => {
    const sealed = box.seal('bank token', 'row-1');
    expect(() => box.open(sealed, 'row-2')).toThrow();
    const [version, iv, body, tag] = sealed.split('.') as [string, string, string, string];
    const flipped = `${body[0] === 'A' ? 'B' : 'A'}${body.slice(1)}`;
    expect(() => box.open([version, iv, flipped, tag].join('.'), 'row-1')).toThrow();
    const other = new SealedBox(
      MasterKey.fromString('another-master-key-of-enough-length-000').derive('test'),
    );
    expect(() => other.open(sealed, 'row-1')).toThrow();
    expect(() => box.open('not sealed', 'row-1')).toThrow(/not a sealed value/);
  });

  it('needs a 32-byte key', () => {
    expect(() => new SealedBox(Buffer.alloc(16))).toThrow(/32-byte/);
  });
});

describe('MasterKey', () => {
  it('refuses a short BANKBRIDGE_SECRET_KEY', () => {
    expect(() => MasterKey.fromString('too-short')).toThrow(/at least 32 characters/);
  });

  it('derives a different key per purpose, the same for the same key', () => {
    const a = MasterKey.fromString('a'.repeat(32));
    expect(a.derive('cookies').equals(a.derive('signing-keys'))).toBe(false);
    expect(a.derive('cookies').equals(MasterKey.fromString('a'.repeat(32)).derive('cookies'))).toBe(
      true,
    );
    expect(a.fingerprint()).not.toContain('a'.repeat(12));
  });

  it('creates a key file readable by its owner only, and reuses it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bankbridge-key-'));
    try {
      const first = MasterKey.load(undefined, dir);
      const file = path.join(dir, 'secret.key');
      expect(first.source).toBe(file);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file, 'utf8').trim().length).toBeGreaterThanOrEqual(32);
      expect(MasterKey.load(undefined, dir).key.fingerprint()).toBe(first.key.fingerprint());
      expect(MasterKey.load('b'.repeat(32), dir).source).toBe('BANKBRIDGE_SECRET_KEY');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
