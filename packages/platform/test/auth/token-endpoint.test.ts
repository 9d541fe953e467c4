import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { basicAuth, form, postCredentials, requestToken } from '../support/token-requests.js';

type Injected = Awaited<ReturnType<typeof requestToken>>;

let t: TestPlatform;
let post: Record<string, string>;

beforeAll(async () => {
  t = await startTestPlatform();
  post = postCredentials(t.client.id, t.client.secret);
});
afterAll(async () => {
  await t?.close();
});

/** An RFC 6749 section 5.2 error: the status, the code, JSON, never cached. */
function expectOAuthError(response: Injected, status: number, error: string): void {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.headers['cache-control']).toBe('no-store');
  const body = response.json();
  expect(body.error).toBe(error);
  expect(body).not.toHaveProperty('access_token');
  expect(response.body).not.toMatch(/\n\s+at /);
}

/** A successful token response, exactly as the seeds show it. */
function expectToken(response: Injected, scope: string): string {
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.headers['cache-control']).toBe('no-store');
  const body = response.json();
  expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'scope', 'token_type']);
  expect(body.token_type).toBe('Bearer');
  expect(body.expires_in).toBe(3600);
  expect(body.scope).toBe(scope);
  expect(typeof body.access_token).toBe('string');
  expect(body.access_token.length).toBeGreaterThanOrEqual(32);
  return body.access_token;
}

describe('client_credentials: client authentication', () => {
  it('accepts the credentials in the form body (client_secret_post)', async () => {
    const response = await requestToken(t.auth, { fields: { ...post, scope: 'aspspinformation' } });
    expectToken(response, 'aspspinformation');
  });

  it('accepts the credentials in an Authorization: Basic header (client_secret_basic)', async () => {
    const response = await requestToken(t.auth, {
      headers: { authorization: basicAuth(t.client.id, t.client.secret) },
      fields: { scope: 'aspspinformation' },
    });
    expectToken(response, 'aspspinformation');
  });

  it('issues a different token on every request', async () => {
    const fields = { ...post, scope: 'aspspinformation' };
    const first = expectToken(await requestToken(t.auth, { fields }), 'aspspinformation');
    const second = expectToken(await requestToken(t.auth, { fields }), 'aspspinformation');
    expect(first).not.toBe(second);
  });

  it('refuses a request without any client credentials', async () => {
    const response = await requestToken(t.auth, { fields: { scope: 'aspspinformation' } });
    // Nothing names a client, so the required client_id is missing: RFC 6749 5.2's
    // invalid_request, as oidc-provider answers. A named client that fails to authenticate
    // gets invalid_client (below).
    expectOAuthError(response, 400, 'invalid_request');
    expect(response.json().error_description).toMatch(/client authentication/);
  });

  it('refuses a client_id without a secret', async () => {
    const response = await requestToken(t.auth, {
      fields: { client_id: t.client.id, scope: 'aspspinformation' },
    });
    expectOAuthError(response, 401, 'invalid_client');
  });

  it('refuses an unknown client', async () => {
    const response = await requestToken(t.auth, {
      fields: {
        ...postCredentials('0b7c4b1e-5d8e-4a54-9a3d-3b1ed0e4a3a1', t.client.secret),
        scope: 'aspspinformation',
      },
    });
    expectOAuthError(response, 401, 'invalid_client');
  });

  it('refuses a wrong secret, in the body and in the Basic header', async () => {
    const wrong = `${t.client.secret.slice(0, -1)}${t.client.secret.endsWith('A') ? 'B' : 'A'}`;
    expectOAuthError(
      await requestToken(t.auth, {
        fields: { ...postCredentials(t.client.id, wrong), scope: 'aspspinformation' },
      }),
      401,
      'invalid_client',
    );
    const basic = await requestToken(t.auth, {
      headers: { authorization: basicAuth(t.client.id, wrong) },
      fields: { scope: 'aspspinformation' },
    });
    expectOAuthError(basic, 401, 'invalid_client');
    // RFC 6749 5.2: a failed Basic authentication answers with a Basic challenge.
    expect(basic.headers['www-authenticate']).toMatch(/^Basic realm=/);
  });

  it('tells a client that fails to authenticate what to check, unknown or wrong secret alike', async () => {
    const wrong = `${t.client.secret.slice(0, -1)}${t.client.secret.endsWith('A') ? 'B' : 'A'}`;
    const answers = [
      await requestToken(t.auth, {
        fields: { ...postCredentials(t.client.id, wrong), scope: 'aspspinformation' },
      }),
      await requestToken(t.auth, {
        headers: { authorization: basicAuth(t.client.id, wrong) },
        fields: { scope: 'aspspinformation' },
      }),
      await requestToken(t.auth, {
        fields: {
          ...postCredentials('0b7c4b1e-5d8e-4a54-9a3d-3b1ed0e4a3a1', t.client.secret),
          scope: 'aspspinformation',
        },
      }),
    ];
    for (const answer of answers) {
      expectOAuthError(answer, 401, 'invalid_client');
      expect(answer.json().error_description).toMatch(
        /^client authentication failed: check client_id and client_secret \(a rotated secret replaces the old one at once\)/,
      );
    }
  });

  it('refuses the stored hash presented as the secret', async () => {
    const client = await t.platform.clients.get(t.client.id);
    const response = await requestToken(t.auth, {
      fields: { ...postCredentials(t.client.id, client.secretHash), scope: 'aspspinformation' },
    });
    expectOAuthError(response, 401, 'invalid_client');
  });

  it('refuses credentials sent both in the header and in the body', async () => {
    const response = await requestToken(t.auth, {
      headers: { authorization: basicAuth(t.client.id, t.client.secret) },
      fields: { ...post, scope: 'aspspinformation' },
    });
    expectOAuthError(response, 400, 'invalid_request');
  });

  it('refuses a malformed Basic header without a 500', async () => {
    for (const authorization of [
      'Basic',
      'Basic !!!',
      `Basic ${Buffer.from('no-colon').toString('base64')}`,
    ]) {
      const response = await requestToken(t.auth, {
        headers: { authorization },
        fields: { scope: 'aspspinformation' },
      });
      expect(response.statusCode, `${authorization}: ${response.body}`).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(500);
      expect(response.headers['cache-control']).toBe('no-store');
    }
  });

  it('refuses a disabled client, and accepts it again once enabled', async () => {
    const { client, secret } = await t.platform.clients.create({ name: 'Disabled TPP' });
    const fields = { ...postCredentials(client.id, secret), scope: 'aspspinformation' };
    expectToken(await requestToken(t.auth, { fields }), 'aspspinformation');

    await t.platform.clients.setStatus(client.id, 'disabled');
    expectOAuthError(await requestToken(t.auth, { fields }), 401, 'invalid_client');

    await t.platform.clients.setStatus(client.id, 'active');
    expectToken(await requestToken(t.auth, { fields }), 'aspspinformation');
  });

  it('after a secret rotation, refuses the old secret and accepts the new one', async () => {
    const { client, secret: old } = await t.platform.clients.create({ name: 'Rotating TPP' });
    const rotated = await t.platform.clients.rotateSecret(client.id);
    expect(rotated).not.toBe(old);
    expectOAuthError(
      await requestToken(t.auth, {
        fields: { ...postCredentials(client.id, old), scope: 'aspspinformation' },
      }),
      401,
      'invalid_client',
    );
    expectToken(
      await requestToken(t.auth, {
        fields: { ...postCredentials(client.id, rotated), scope: 'aspspinformation' },
      }),
      'aspspinformation',
    );
  });
});

describe('client_credentials: scopes', () => {
  it.each([
    'aspspinformation',
    'accountinformation private',
    'accountinformation corporate',
    'paymentinitiation private',
  ])('issues a token for "%s" and echoes the scope', async (scope) => {
    expectToken(await requestToken(t.auth, { fields: { ...post, scope } }), scope);
  });

  it('issues one token for several services', async () => {
    const scope = 'aspspinformation accountinformation private';
    const response = await requestToken(t.auth, { fields: { ...post, scope } });
    expect(response.statusCode, response.body).toBe(200);
    expect(new Set(response.json().scope.split(' '))).toEqual(new Set(scope.split(' ')));
  });

  it('refuses a request without a scope', async () => {
    expectOAuthError(await requestToken(t.auth, { fields: post }), 400, 'invalid_scope');
  });

  it('refuses an empty scope', async () => {
    expectOAuthError(
      await requestToken(t.auth, { fields: { ...post, scope: '' } }),
      400,
      'invalid_scope',
    );
  });

  it.each(['foo', 'AspspInformation', 'openid', 'aspspinformation openid offline_access'])(
    'refuses the unknown or unfit scope "%s"',
    async (scope) => {
      expectOAuthError(
        await requestToken(t.auth, { fields: { ...post, scope } }),
        400,
        'invalid_scope',
      );
    },
  );

  it('refuses an unknown value next to a valid service rather than dropping it', async () => {
    for (const scope of ['aspspinformation foo', 'accountinformation privte']) {
      const response = await requestToken(t.auth, { fields: { ...post, scope } });
      expectOAuthError(response, 400, 'invalid_scope');
      expect(response.json().error_description).toContain(scope.split(' ')[1]);
    }
  });

  it('refuses a context without a service', async () => {
    expectOAuthError(
      await requestToken(t.auth, { fields: { ...post, scope: 'private' } }),
      400,
      'invalid_scope',
    );
  });

  it('refuses "private" and "corporate" together', async () => {
    expectOAuthError(
      await requestToken(t.auth, {
        fields: { ...post, scope: 'accountinformation private corporate' },
      }),
      400,
      'invalid_scope',
    );
  });

  it('refuses a service the client is not allowed to use', async () => {
    const { client, secret } = await t.platform.clients.create({
      name: 'Information-only TPP',
      scopes: ['aspspinformation'],
    });
    const credentials = postCredentials(client.id, secret);
    expectToken(
      await requestToken(t.auth, { fields: { ...credentials, scope: 'aspspinformation' } }),
      'aspspinformation',
    );
    expectOAuthError(
      await requestToken(t.auth, {
        fields: { ...credentials, scope: 'accountinformation private' },
      }),
      400,
      'invalid_scope',
    );
    expectOAuthError(
      await requestToken(t.auth, {
        fields: { ...credentials, scope: 'aspspinformation paymentinitiation' },
      }),
      400,
      'invalid_scope',
    );
  });

  it('stores no token for a refused scope', async () => {
    const count = async () =>
      (
        await t.store.db
          .selectFrom('oidc_payloads')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    const before = Number(await count());
    await requestToken(t.auth, {
      fields: { ...post, scope: 'private corporate accountinformation' },
    });
    await requestToken(t.auth, { fields: post });
    expect(Number(await count())).toBe(before);
  });
});

describe('token endpoint: malformed requests', () => {
  it('refuses an unsupported grant type', async () => {
    for (const grant_type of ['password', 'urn:example:nonsense']) {
      expectOAuthError(
        await requestToken(t.auth, { fields: { ...post, grant_type, scope: 'aspspinformation' } }),
        400,
        'unsupported_grant_type',
      );
    }
  });

  it('refuses a request without grant_type', async () => {
    const response = await t.auth.inject({
      method: 'POST',
      url: '/connect/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ ...post, scope: 'aspspinformation' }),
    });
    expectOAuthError(response, 400, 'invalid_request');
  });

  it('refuses a JSON body with a clear 400', async () => {
    const response = await t.auth.inject({
      method: 'POST',
      url: '/connect/token',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({
        ...post,
        grant_type: 'client_credentials',
        scope: 'aspspinformation',
      }),
    });
    expectOAuthError(response, 400, 'invalid_request');
    expect(response.json().error_description).toMatch(/x-www-form-urlencoded/);
  });

  it('refuses a body without a content type', async () => {
    const response = await t.auth.inject({
      method: 'POST',
      url: '/connect/token',
      payload: form({ ...post, grant_type: 'client_credentials', scope: 'aspspinformation' }),
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.json().error).toBe('invalid_request');
  });

  it('refuses repeated parameters', async () => {
    const response = await t.auth.inject({
      method: 'POST',
      url: '/connect/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `${form({ ...post, grant_type: 'client_credentials' })}&scope=aspspinformation&scope=aspspinformation`,
    });
    expectOAuthError(response, 400, 'invalid_request');
  });

  it('answers other methods on the token endpoint with 405 and Allow: POST', async () => {
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH'] as const) {
      const response = await t.auth.inject({
        method,
        url: `/connect/token?${form({ ...post, grant_type: 'client_credentials', scope: 'aspspinformation' })}`,
      });
      expectOAuthError(response, 405, 'invalid_request');
      expect(response.headers.allow).toBe('POST');
      expect(response.json().error_description).toContain(method);
      expect(response.body).not.toContain('access_token');
    }
  });

  it('answers the wrong method on the other endpoints with 405, and HEAD like GET', async () => {
    const jwks = await t.auth.inject({ method: 'POST', url: '/connect/jwks' });
    expectOAuthError(jwks, 405, 'invalid_request');
    expect(jwks.headers.allow).toBe('GET, HEAD');
    const discovery = await t.auth.inject({
      method: 'DELETE',
      url: '/.well-known/openid-configuration',
    });
    expectOAuthError(discovery, 405, 'invalid_request');
    const revocation = await t.auth.inject({ method: 'GET', url: '/connect/revocation' });
    expectOAuthError(revocation, 405, 'invalid_request');
    const authorize = await t.auth.inject({
      method: 'POST',
      url: '/connect/authorize',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'response_type=code',
    });
    expectOAuthError(authorize, 405, 'invalid_request');
    expect(authorize.headers.allow).toBe('GET, HEAD');
    for (const url of ['/connect/jwks', '/.well-known/openid-configuration']) {
      const head = await t.auth.inject({ method: 'HEAD', url });
      expect(head.statusCode, url).toBe(200);
    }
  });

  it('answers an unknown /connect path with a JSON 404', async () => {
    // OpenID Connect's user endpoints are off: a TPP's token never stands for a signed-in user.
    for (const url of [
      '/connect/nothing',
      '/connect/token/extra',
      '/.well-known/unknown',
      '/connect/userinfo',
      '/connect/endsession',
    ]) {
      const response = await t.auth.inject({ method: 'GET', url });
      expectOAuthError(response, 404, 'invalid_request');
    }
  });

  it('answers a body that is not valid form encoding without a 500', async () => {
    const response = await t.auth.inject({
      method: 'POST',
      url: '/connect/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: '%E0%A4%A=%&&==grant_type',
    });
    expect(response.statusCode, response.body).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
  });

  it('refuses an oversized body with a 400, not a 500', async () => {
    const response = await t.auth.inject({
      method: 'POST',
      url: '/connect/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `${form({ ...post, grant_type: 'client_credentials' })}&scope=${'a'.repeat(2_000_000)}`,
    });
    expectOAuthError(response, 400, 'invalid_request');
  });

  it('refuses a scope with characters RFC 6749 does not allow', async () => {
    const response = await requestToken(t.auth, {
      fields: { ...post, scope: 'aspspinformation"' },
    });
    expectOAuthError(response, 400, 'invalid_scope');
  });

  it('gives browsers no CORS access to the token endpoint', async () => {
    const response = await requestToken(t.auth, {
      headers: { origin: 'https://spa.example' },
      fields: { ...post, scope: 'aspspinformation' },
    });
    expectOAuthError(response, 400, 'invalid_request');
    expect(response.headers['access-control-allow-origin']).not.toBe('https://spa.example');
  });

  it('gives every response the request id', async () => {
    const requestId = '6f1f1d5c-3a1e-4c2b-9b5b-0c7f2b0f3d11';
    const ok = await requestToken(t.auth, {
      headers: { 'x-request-id': requestId },
      fields: { ...post, scope: 'aspspinformation' },
    });
    expect(ok.headers['x-request-id']).toBe(requestId);
    const refused = await requestToken(t.auth, {
      headers: { 'x-request-id': requestId },
      fields: { scope: 'aspspinformation' },
    });
    expect(refused.headers['x-request-id']).toBe(requestId);
  });
});
