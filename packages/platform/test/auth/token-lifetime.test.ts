import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessTokenVerifier } from '../../src/auth/access-tokens.js';
import { psd2Headers, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { postCredentials, requestToken } from '../support/token-requests.js';

/** The platform's clock; tests move it forward. */
let clock = Date.parse('2026-03-02T09:00:00Z');
const advance = (seconds: number) => {
  clock += seconds * 1000;
};
const nowSeconds = () => Math.floor(clock / 1000);

let t: TestPlatform;

beforeAll(async () => {
  t = await startTestPlatform({ now: () => new Date(clock) });
});
afterAll(async () => {
  await t?.close();
});

function countries(token: string) {
  return t.api.inject({
    method: 'GET',
    url: '/psd2/aspspinformation/v1/countries',
    headers: psd2Headers(token),
  });
}

async function expectRefused(token: string, code: 'TOKEN_EXPIRED' | 'TOKEN_INVALID') {
  const response = await countries(token);
  expect(response.statusCode, response.body).toBe(401);
  expect(response.json().tppMessages).toEqual([
    expect.objectContaining({ category: 'ERROR', code }),
  ]);
  expect(response.headers['www-authenticate']).toMatch(/^Bearer error="invalid_token"/);
}

/** A new client and a token of it, issued at the current clock. */
async function freshToken(scope = 'aspspinformation') {
  const { client, secret } = await t.platform.clients.create({ name: 'Clocked TPP' });
  const response = await requestToken(t.auth, {
    fields: { ...postCredentials(client.id, secret), scope },
  });
  expect(response.statusCode, response.body).toBe(200);
  return { clientId: client.id, token: response.json().access_token as string };
}

describe('access token lifetime', () => {
  it('accepts a token for 3600 s and answers TOKEN_EXPIRED from then on', async () => {
    const { token } = await freshToken();
    expect((await countries(token)).statusCode).toBe(200);

    advance(3599);
    expect((await countries(token)).statusCode).toBe(200);

    advance(1);
    await expectRefused(token, 'TOKEN_EXPIRED');
    advance(86_400);
    await expectRefused(token, 'TOKEN_EXPIRED');
  });

  it('never trusts a cached verdict past the expiry', async () => {
    const { token } = await freshToken();
    advance(3595);
    // Found valid 5 s before expiry: cached, but only until the expiry itself.
    expect((await countries(token)).statusCode).toBe(200);
    advance(5);
    await expectRefused(token, 'TOKEN_EXPIRED');
  });

  it('stores the expiry the response announced', async () => {
    const { token } = await freshToken();
    const verifier = new AccessTokenVerifier(t.store.db, { nowSeconds, cacheSeconds: 0 });
    const check = await verifier.check(token);
    expect(check).toMatchObject({ ok: true, token: { expiresAt: nowSeconds() + 3600 } });
  });

  it('answers TOKEN_INVALID, not TOKEN_EXPIRED, for a token that never existed', async () => {
    await expectRefused('bm90LWEtdG9rZW4', 'TOKEN_INVALID');
  });
});

describe('disabling a client', () => {
  it('refuses its tokens everywhere within the 10 s verifier cache window', async () => {
    const { clientId, token } = await freshToken();
    expect((await countries(token)).statusCode).toBe(200); // now cached by this instance

    await t.platform.clients.setStatus(clientId, 'disabled');

    // An instance without a cached verdict (another process, or no cache) refuses at once.
    const uncached = new AccessTokenVerifier(t.store.db, { nowSeconds, cacheSeconds: 0 });
    expect(await uncached.check(token)).toEqual({ ok: false, reason: 'unknown' });

    // This instance may trust its cached verdict for at most 10 s.
    advance(10);
    await expectRefused(token, 'TOKEN_INVALID');

    // Enabling the client again brings back its unexpired tokens.
    await t.platform.clients.setStatus(clientId, 'active');
    expect((await countries(token)).statusCode).toBe(200);
  });
});

describe('revoking a token', () => {
  it('refuses a token its client revoked (RFC 7009) at once on the revoking instance', async () => {
    const { client, secret } = await t.platform.clients.create({ name: 'Revoking TPP' });
    const issued = await requestToken(t.auth, {
      fields: { ...postCredentials(client.id, secret), scope: 'aspspinformation' },
    });
    const token = issued.json().access_token as string;
    expect((await countries(token)).statusCode).toBe(200);

    const revoked = await t.auth.inject({
      method: 'POST',
      url: '/connect/revocation',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ...postCredentials(client.id, secret), token }).toString(),
    });
    expect(revoked.statusCode, revoked.body).toBe(200);

    const uncached = new AccessTokenVerifier(t.store.db, { nowSeconds, cacheSeconds: 0 });
    expect(await uncached.check(token)).toEqual({ ok: false, reason: 'unknown' });
    await expectRefused(token, 'TOKEN_INVALID');
  });

  it('does not let another client revoke a token', async () => {
    const owner = await freshToken();
    const other = await t.platform.clients.create({ name: 'Other TPP' });
    const response = await t.auth.inject({
      method: 'POST',
      url: '/connect/revocation',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        ...postCredentials(other.client.id, other.secret),
        token: owner.token,
      }).toString(),
    });
    // Answered as an unknown token is (RFC 7009 2.2), which tells it nothing.
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('');
    const uncached = new AccessTokenVerifier(t.store.db, { nowSeconds, cacheSeconds: 0 });
    expect((await uncached.check(owner.token)).ok).toBe(true);
  });
});

describe('AccessTokenVerifier cache', () => {
  it('caps the number of cached tokens', async () => {
    const verifier = new AccessTokenVerifier(t.store.db, { nowSeconds, cacheSize: 2 });
    const tokens = await Promise.all([1, 2, 3].map(() => t.token('aspspinformation')));
    for (const token of tokens) expect((await verifier.check(token)).ok).toBe(true);
    const cache = (verifier as unknown as { recent: Map<string, unknown> }).recent;
    expect([...cache.keys()]).toEqual(tokens.slice(1));
  });

  it('forgets every verdict on request', async () => {
    const { clientId, token } = await freshToken();
    const verifier = new AccessTokenVerifier(t.store.db, { nowSeconds });
    expect((await verifier.check(token)).ok).toBe(true);
    await t.platform.clients.setStatus(clientId, 'disabled');
    verifier.forget();
    expect(await verifier.check(token)).toEqual({ ok: false, reason: 'unknown' });
  });
});
