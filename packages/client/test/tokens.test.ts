// Client-credentials tokens: one per scope, shared by parallel calls, renewed before expiry
// by the client's clock, and renewed once when the API refuses the one the client holds.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenInvalidError } from '../src/index.js';
import { type LivePlatform, recordingFetch, startLivePlatform } from './support/live-platform.js';

let live: LivePlatform;

beforeAll(async () => {
  live = await startLivePlatform();
});

afterAll(async () => {
  await live?.close();
});

function tokenRequests(calls: ReturnType<typeof recordingFetch>['calls']) {
  return calls.filter((c) => c.url.pathname === '/connect/token');
}

function bearer(call: { headers: Headers } | undefined): string | undefined {
  return call?.headers.get('authorization')?.replace(/^Bearer /, '');
}

describe('client-credentials tokens', () => {
  it('fetches one token per scope, once for any number of parallel calls', async () => {
    const { fetch, calls } = recordingFetch();
    const bankbridge = live.sdk({ fetch });
    await Promise.all(Array.from({ length: 5 }, () => bankbridge.aspspInformation.countries()));
    await bankbridge.consents.status({ consentId: 'unknown', bic: 'SWEDSESS' }).catch(() => {});
    const tokens = tokenRequests(calls);
    expect(tokens).toHaveLength(2);
    const countryCalls = calls.filter((c) => c.url.pathname.endsWith('/countries'));
    expect(new Set(countryCalls.map(bearer)).size).toBe(1);
  });

  it('asks for each service in the client context: private by default, corporate when set', async () => {
    const scopes: string[] = [];
    const capture = (context?: 'corporate') =>
      live.sdk({
        ...(context ? { context } : {}),
        fetch: async (input, init) => {
          if (String(input).endsWith('/connect/token')) {
            scopes.push(new URLSearchParams(String(init?.body)).get('scope') as string);
          }
          return fetch(input, init);
        },
      });
    await capture().aspspInformation.countries();
    await capture('corporate').aspspInformation.countries();
    expect(scopes).toEqual(['aspspinformation private', 'aspspinformation corporate']);
  });

  it('renews a token shortly before it expires, by the client clock', async () => {
    let now = Date.now();
    const { fetch, calls } = recordingFetch();
    const bankbridge = live.sdk({ fetch, now: () => now, renewTokensBeforeSeconds: 60 });
    await bankbridge.aspspInformation.countries();
    now += 3000 * 1000;
    await bankbridge.aspspInformation.countries();
    expect(tokenRequests(calls)).toHaveLength(1);
    // 3541 s after issue: less than a minute of the hour left.
    now += 541 * 1000;
    await bankbridge.aspspInformation.countries();
    expect(tokenRequests(calls)).toHaveLength(2);
    const [first, , third] = calls.filter((c) => c.url.pathname.endsWith('/countries'));
    expect(bearer(third)).not.toBe(bearer(first));
  });

  it('fetches a new token and repeats the call once when the API refuses a revoked token', async () => {
    const { fetch, calls } = recordingFetch();
    const bankbridge = live.sdk({ fetch });
    await bankbridge.aspspInformation.countries();
    const revoked = bearer(calls.find((c) => c.url.pathname.endsWith('/countries')));
    const revocation = await fetch(`${live.authUrl}/connect/revocation`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: live.client.id,
        client_secret: live.client.secret,
        token: revoked as string,
      }).toString(),
    });
    expect(revocation.status).toBe(200);

    const answer = await bankbridge.aspspInformation.countries();
    expect(answer.countries.length).toBeGreaterThan(0);
    const countryCalls = calls.filter((c) => c.url.pathname.endsWith('/countries'));
    expect(countryCalls.map(bearer)).toEqual([revoked, revoked, expect.any(String)]);
    expect(bearer(countryCalls[2])).not.toBe(revoked);
    expect(tokenRequests(calls)).toHaveLength(2);
  });

  it('renews only once: a token refused again is the caller’s TokenInvalidError', async () => {
    const { fetch, calls } = recordingFetch((url) =>
      url.pathname.endsWith('/countries')
        ? Promise.resolve(
            Response.json(
              { tppMessages: [{ category: 'ERROR', code: 'TOKEN_INVALID', text: 'revoked' }] },
              { status: 401 },
            ),
          )
        : undefined,
    );
    const error = await live
      .sdk({ fetch })
      .aspspInformation.countries()
      .catch((e) => e);
    expect(error).toBeInstanceOf(TokenInvalidError);
    expect(error).toMatchObject({ status: 401, code: 'TOKEN_INVALID' });
    expect(calls.filter((c) => c.url.pathname.endsWith('/countries'))).toHaveLength(2);
    expect(tokenRequests(calls)).toHaveLength(2);
  });
});
