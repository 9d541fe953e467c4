import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSigningKeys } from '../../src/auth/signing-keys.js';
import { createPlatform } from '../../src/platform.js';
import { MasterKey } from '../../src/security/master-key.js';
import { SealedBox } from '../../src/security/sealed-box.js';
import { SettingsRepository } from '../../src/store/settings.js';
import { startTestPlatform, TEST_AUTH_URL, type TestPlatform } from '../support/test-platform.js';

let t: TestPlatform;

beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => {
  await t?.close();
});

interface Jwk {
  kid: string;
  kty: string;
  [member: string]: unknown;
}

async function discovery(app = t.auth) {
  const response = await app.inject({ method: 'GET', url: '/.well-known/openid-configuration' });
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  return response.json() as Record<string, unknown> & { jwks_uri: string };
}

async function jwks(app = t.auth): Promise<Jwk[]> {
  const { jwks_uri } = await discovery(app);
  const path = new URL(jwks_uri).pathname.replace(/^.*(?=\/connect\/)/, '');
  const response = await app.inject({ method: 'GET', url: path });
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toMatch(/json/);
  return (response.json() as { keys: Jwk[] }).keys;
}

describe('discovery', () => {
  it('names the configured auth URL as issuer, and the /connect endpoints under it', async () => {
    const document = await discovery();
    expect(document.issuer).toBe(TEST_AUTH_URL);
    expect(document.token_endpoint).toBe(`${TEST_AUTH_URL}/connect/token`);
    expect(document.jwks_uri).toBe(`${TEST_AUTH_URL}/connect/jwks`);
    expect(document.authorization_endpoint).toBe(`${TEST_AUTH_URL}/connect/authorize`);
  });

  it('announces client_credentials and both client authentication methods', async () => {
    const document = await discovery();
    expect(document.grant_types_supported).toContain('client_credentials');
    expect(document.token_endpoint_auth_methods_supported).toEqual(
      expect.arrayContaining(['client_secret_basic', 'client_secret_post']),
    );
  });

  it('lists the service and context scopes', async () => {
    const document = await discovery();
    expect(document.scopes_supported).toEqual(
      expect.arrayContaining([
        'aspspinformation',
        'accountinformation',
        'paymentinitiation',
        'private',
        'corporate',
      ]),
    );
  });

  it('names the issuer from configuration, not from the Host header', async () => {
    const response = await t.auth.inject({
      method: 'GET',
      url: '/.well-known/openid-configuration',
      headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('evil.example');
    expect(response.json().issuer).toBe(TEST_AUTH_URL);
  });

  it('keeps the path of an auth URL served behind a path-prefixing proxy', async () => {
    const prefixed = await startTestPlatform({
      env: { BANKBRIDGE_AUTH_URL: 'https://gateway.example/auth' },
    });
    try {
      const document = await discovery(prefixed.auth);
      expect(document.issuer).toBe('https://gateway.example/auth');
      expect(document.token_endpoint).toBe('https://gateway.example/auth/connect/token');
      expect(document.jwks_uri).toBe('https://gateway.example/auth/connect/jwks');
    } finally {
      await prefixed.close();
    }
  });
});

describe('JWKS', () => {
  it('serves public signing keys only: no private members', async () => {
    const keys = await jwks();
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(typeof key.kid).toBe('string');
      for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k']) {
        expect(key, `${key.kid} exposes ${member}`).not.toHaveProperty(member);
      }
    }
    expect(keys.map((k) => k.kty).sort()).toEqual(['EC', 'RSA']);
  });

  it('stores the signing keys encrypted: the settings row is no JWK', async () => {
    const row = await t.store.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'oidc.signing_keys')
      .executeTakeFirstOrThrow();
    expect(row.value).toMatch(/^v1\./);
    expect(() => JSON.parse(row.value)).toThrow();
    expect(row.value).not.toContain('"d"');
    expect(row.value).not.toContain('"kty"');
    for (const key of await jwks()) {
      expect(row.value).not.toContain(key.kid);
      expect(row.value).not.toContain(String(key.n ?? key.x));
    }
  });

  it('keeps the same keys when the platform restarts on the same store', async () => {
    const before = (await jwks()).map((k) => k.kid).sort();
    const again = await createPlatform({
      config: t.platform.config,
      logger: t.platform.logger,
      store: t.store,
    });
    try {
      await again.auth.ready();
      expect((await jwks(again.auth)).map((k) => k.kid).sort()).toEqual(before);
    } finally {
      await again.close();
    }
  });

  it('refuses to start with another master key than the one that sealed the keys', async () => {
    const otherKey = MasterKey.fromString('another-secret-key-that-is-long-enough-0123456789');
    await expect(
      loadSigningKeys(
        new SettingsRepository(t.store.db),
        new SealedBox(otherKey.derive('signing-keys')),
      ),
    ).rejects.toThrow(/different BANKBRIDGE_SECRET_KEY/);
  });
});
