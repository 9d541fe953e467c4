import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { JWK } from 'oidc-provider';
import { ConfigError } from '../config.js';
import type { SealedBox } from '../security/sealed-box.js';
import type { SettingsRepository } from '../store/settings.js';

const SETTING = 'oidc.signing_keys';

/**
 * The auth server's signing keys (ID tokens, JWKS). Created once, stored encrypted in the
 * shared database, so every instance signs with the same keys and survives restarts.
 */
export async function loadSigningKeys(
  settings: SettingsRepository,
  box: SealedBox,
): Promise<JWK[]> {
  const sealed = await settings.getOrCreate(SETTING, () =>
    box.seal(JSON.stringify(generateKeys()), SETTING),
  );
  try {
    return JSON.parse(box.open(sealed, SETTING)) as JWK[];
  } catch {
    throw new ConfigError(
      'cannot decrypt the stored signing keys: this instance has a different BANKBRIDGE_SECRET_KEY than the one that created the database',
    );
  }
}

/**
 * Whether `box` opens the signing keys the database holds, without creating any: `absent`
 * before the first start, `other-key` when they were sealed with another master secret.
 */
export async function signingKeysState(
  settings: SettingsRepository,
  box: SealedBox,
): Promise<'absent' | 'ok' | 'other-key'> {
  const sealed = await settings.get(SETTING);
  if (sealed === undefined) return 'absent';
  try {
    box.open(sealed, SETTING);
    return 'ok';
  } catch {
    return 'other-key';
  }
}

function generateKeys(): JWK[] {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
    format: 'jwk',
  });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
    format: 'jwk',
  });
  return [
    { ...rsa, kid: randomUUID(), use: 'sig', alg: 'RS256' } as JWK,
    { ...ec, kid: randomUUID(), use: 'sig', alg: 'ES256' } as JWK,
  ];
}
