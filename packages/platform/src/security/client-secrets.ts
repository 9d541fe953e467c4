import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX = 'bbs_';

/**
 * Client secrets are 256 random bits, so a fast hash is as safe as a slow one: nobody can
 * guess a preimage. A slow password hash (scrypt, bcrypt) would cap token issuance at a few
 * dozen per second per core for no gain.
 */
export function generateClientSecret(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

export function hashClientSecret(secret: string): string {
  return `sha256:${createHash('sha256').update(secret, 'utf8').digest('base64url')}`;
}

/** Constant-time comparison of a presented secret with a stored hash. */
export function verifyClientSecret(presented: string, storedHash: string): boolean {
  const expected = Buffer.from(storedHash);
  const actual = Buffer.from(hashClientSecret(presented));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Token and code values are stored by their hash, never in clear. */
export function hashOpaqueValue(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('base64url');
}
