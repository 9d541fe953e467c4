import { createHash, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A master key that cannot be used (too short). The composition root reports it as the
 * configuration problem it is; this module knows nothing of the configuration.
 */
export class MasterKeyError extends Error {
  override name = 'MasterKeyError';
}

/**
 * The operator's master secret. Every other key (cookie keys, the key that encrypts bank
 * tokens and signing keys at rest) is derived from it, so an operator backs up one value.
 */
export class MasterKey {
  private constructor(private readonly secret: Buffer) {}

  /** `source` names where the value came from, for the message if it is too short. */
  static fromString(value: string, source = 'BANKBRIDGE_SECRET_KEY'): MasterKey {
    if (value.length < 32) {
      throw new MasterKeyError(`${source} must be at least 32 characters long`);
    }
    return new MasterKey(Buffer.from(value, 'utf8'));
  }

  /**
   * Reads the key from the environment value if given, else from `<dataDir>/secret.key`,
   * creating that file (mode 0600) on first start so the embedded mode needs no set-up.
   */
  static load(envValue: string | undefined, dataDir: string): { key: MasterKey; source: string } {
    if (envValue) return { key: MasterKey.fromString(envValue), source: 'BANKBRIDGE_SECRET_KEY' };
    const file = path.join(dataDir, 'secret.key');
    if (!existsSync(file)) {
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, {
        mode: 0o600,
        flag: 'wx',
      });
      chmodSync(file, 0o600);
    }
    const key = MasterKey.fromString(readFileSync(file, 'utf8').trim(), `the key in ${file}`);
    return { key, source: file };
  }

  /** A 32-byte key for one purpose; different purposes never share key material. */
  derive(purpose: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.secret, 'bankbridge', purpose, 32));
  }

  /** A short fingerprint to tell instances with different keys apart, revealing nothing. */
  fingerprint(): string {
    return createHash('sha256').update(this.derive('fingerprint')).digest('hex').slice(0, 12);
  }
}
