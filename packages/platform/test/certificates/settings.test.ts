import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv } from '../../src/config.js';
import { startTestPlatform } from '../support/test-platform.js';
import { requestToken } from '../support/token-requests.js';

/**
 * The settings of production mode: what must go together is refused at start with a message
 * naming the variables, and without them (the default) nothing asks for a certificate.
 */
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'bankbridge-tls-settings-'));
  writeFileSync(path.join(dir, 'empty.pem'), 'no certificate here\n');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('production mode settings', () => {
  it('serves HTTPS when given a certificate and key, and says so in the default URLs', () => {
    const config = configFromEnv(
      { BANKBRIDGE_TLS_CERT: 'tls/server.pem', BANKBRIDGE_TLS_KEY: 'tls/server-key.pem' },
      '/srv/bankbridge',
    );
    expect(config.tls).toEqual({
      certPath: '/srv/bankbridge/tls/server.pem',
      keyPath: '/srv/bankbridge/tls/server-key.pem',
    });
    expect(config.apiUrl).toBe('https://localhost:8080');
    expect(config.authUrl).toBe('https://localhost:8081');
    expect(config.tlsClientCaPath).toBeUndefined();
  });

  it.each([
    [
      { BANKBRIDGE_TLS_CERT: 'c.pem' },
      /BANKBRIDGE_TLS_CERT and BANKBRIDGE_TLS_KEY must be set together/,
    ],
    [
      { BANKBRIDGE_TLS_KEY: 'k.pem' },
      /BANKBRIDGE_TLS_CERT and BANKBRIDGE_TLS_KEY must be set together/,
    ],
    [
      { BANKBRIDGE_TLS_CLIENT_CA: 'ca.pem' },
      /BANKBRIDGE_TLS_CLIENT_CA needs HTTPS \(BANKBRIDGE_TLS_CERT and BANKBRIDGE_TLS_KEY\) or, behind a TLS-terminating proxy, BANKBRIDGE_CLIENT_CERT_HEADER/,
    ],
    [
      { BANKBRIDGE_TLS_CLIENT_CA: 'ca.pem', BANKBRIDGE_CLIENT_CERT_HEADER: 'X-SSL-Client-Cert' },
      /BANKBRIDGE_CLIENT_CERT_HEADER is only honoured behind a trusted proxy: set BANKBRIDGE_TRUST_PROXY=true too/,
    ],
    [
      { BANKBRIDGE_TRUST_PROXY: 'true', BANKBRIDGE_CLIENT_CERT_HEADER: 'X-SSL-Client-Cert' },
      /BANKBRIDGE_CLIENT_CERT_HEADER needs BANKBRIDGE_TLS_CLIENT_CA/,
    ],
    [
      {
        BANKBRIDGE_TRUST_PROXY: 'true',
        BANKBRIDGE_TLS_CLIENT_CA: 'ca.pem',
        BANKBRIDGE_CLIENT_CERT_HEADER: 'X-SSL Client: Cert',
      },
      /BANKBRIDGE_CLIENT_CERT_HEADER must be a header name/,
    ],
  ])('refuses %j', (env, message) => {
    expect(() => configFromEnv(env)).toThrow(ConfigError);
    expect(() => configFromEnv(env)).toThrow(message);
  });

  it('refuses to start with certificate files it cannot use, naming the variable', async () => {
    const env = {
      BANKBRIDGE_TLS_CERT: path.join(dir, 'missing.pem'),
      BANKBRIDGE_TLS_KEY: path.join(dir, 'missing-key.pem'),
    };
    await expect(startTestPlatform({ env })).rejects.toThrow(
      /^BANKBRIDGE_TLS_CERT: cannot read .*missing\.pem/,
    );
    await expect(
      startTestPlatform({
        env: {
          BANKBRIDGE_TRUST_PROXY: 'true',
          BANKBRIDGE_TLS_CLIENT_CA: path.join(dir, 'empty.pem'),
          BANKBRIDGE_CLIENT_CERT_HEADER: 'X-SSL-Client-Cert',
        },
      }),
    ).rejects.toThrow(/^BANKBRIDGE_TLS_CLIENT_CA: .*empty\.pem holds no PEM certificate$/);
  });
});

describe('sandbox mode (the default)', () => {
  it('asks for no certificate and binds no token', async () => {
    const t = await startTestPlatform();
    try {
      const discovery = await t.auth.inject({ url: '/.well-known/openid-configuration' });
      expect(discovery.json().tls_client_certificate_bound_access_tokens).toBeUndefined();
      const issued = await requestToken(t.auth, {
        fields: {
          client_id: t.client.id,
          client_secret: t.client.secret,
          scope: 'aspspinformation',
        },
      });
      expect(issued.statusCode, issued.body).toBe(200);
      const answer = await t.api.inject({
        url: '/psd2/aspspinformation/v1/countries',
        headers: {
          authorization: `Bearer ${issued.json().access_token}`,
          'x-request-id': randomUUID(),
        },
      });
      expect(answer.statusCode).toBe(200);
      const introspection = await t.auth.inject({
        method: 'POST',
        url: '/connect/introspect',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          token: issued.json().access_token,
          client_id: t.client.id,
          client_secret: t.client.secret,
        }).toString(),
      });
      expect(introspection.json()).toMatchObject({ active: true });
      expect(introspection.json().cnf).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});
