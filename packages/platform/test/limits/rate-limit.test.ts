/**
 * The per-client rate limit over HTTP: what an admitted and a refused /psd2 call carry, the
 * burst slot inside the minute, windows turning, one client's budget apart from another's,
 * refusals and unauthenticated calls not counted, the token endpoint's share, and exactly the
 * limit admitted when requests race (on SQLite and PostgreSQL alike: the same statement).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { expectContract } from '../support/contract.js';
import { psd2Headers, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { requestToken } from '../support/token-requests.js';

const COUNTRIES = '/psd2/aspspinformation/v1/countries';
// 12:00:00.500 UTC on a Monday: a minute and a 10-second slot both start at 12:00:00.
const START = Date.parse('2026-03-02T12:00:00.500Z');

let tpp: TestPlatform | undefined;
afterEach(async () => {
  await tpp?.close();
  tpp = undefined;
});

/** A platform whose clock the test moves; the test client's token is not counted yet. */
async function limited(rateLimit: string) {
  let at = START;
  tpp = await startTestPlatform({
    now: () => new Date(at),
    env: { BANKBRIDGE_RATE_LIMIT: rateLimit },
  });
  const platform = tpp;
  // The token request counts against the client too: move on to a fresh window after it.
  const token = await platform.token('aspspinformation');
  at += 60_000;
  const get = async (bearer = token) => {
    const response = await platform.api.inject({
      method: 'GET',
      url: COUNTRIES,
      headers: psd2Headers(bearer),
    });
    expectContract(response);
    return response;
  };
  return {
    platform,
    token,
    get,
    /** Moves the clock on by `ms`. */
    wait(ms: number) {
      at += ms;
    },
  };
}

describe('a /psd2 call with a valid token', () => {
  it('carries the limit, what is left and when the window turns', async () => {
    const { get } = await limited('5/min');
    const first = await get();
    expect(first.statusCode).toBe(200);
    expect(first.headers).toMatchObject({
      'ratelimit-limit': '5',
      'ratelimit-remaining': '4',
      'ratelimit-reset': '60',
      'ratelimit-policy': '5;w=60',
    });
    expect(first.headers['retry-after']).toBeUndefined();
  });

  it('is refused 429 ACCESS_EXCEEDED over the limit, naming Bankbridge’s per-client rate limit', async () => {
    const { get, wait } = await limited('5/min');
    for (let i = 0; i < 5; i++) expect((await get()).statusCode).toBe(200);
    wait(20_000);
    const refused = await get();
    expect(refused.statusCode).toBe(429);
    expect(refused.headers).toMatchObject({
      'retry-after': '40',
      'ratelimit-limit': '5',
      'ratelimit-remaining': '0',
      'ratelimit-reset': '40',
    });
    const [message] = refused.json().tppMessages;
    expect(message).toMatchObject({ category: 'ERROR', code: 'ACCESS_EXCEEDED' });
    expect(message.text).toMatch(/^Bankbridge's per-client rate limit is reached/);
    expect(message.text).toContain('5 requests per 60 seconds');
    // Not to be taken for a consent's daily budget at the bank.
    expect(message.text).not.toMatch(/frequencyPerDay/);
  });

  it('is admitted again when the window turns; refusals did not count', async () => {
    const { get, wait } = await limited('3/min');
    for (let i = 0; i < 3; i++) expect((await get()).statusCode).toBe(200);
    for (let i = 0; i < 10; i++) expect((await get()).statusCode).toBe(429);
    wait(60_000);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await get()).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('keeps to the burst slot inside the minute (100/min with bursts of 50 per 10 s, scaled)', async () => {
    const { get, wait } = await limited('10/min,4/10s');
    const statuses = async (n: number) => {
      const seen = [];
      for (let i = 0; i < n; i++) seen.push((await get()).statusCode);
      return seen;
    };
    expect(await statuses(5)).toEqual([200, 200, 200, 200, 429]);
    const refused = await get();
    expect(refused.headers).toMatchObject({
      'retry-after': '10',
      'ratelimit-limit': '4',
      'ratelimit-remaining': '0',
      'ratelimit-policy': '10;w=60, 4;w=10',
    });
    wait(10_000);
    expect(await statuses(5)).toEqual([200, 200, 200, 200, 429]);
    wait(10_000);
    // Two left in the minute: the headers speak of the minute now.
    const third = await get();
    expect(third.headers).toMatchObject({ 'ratelimit-limit': '10', 'ratelimit-remaining': '1' });
    expect(await statuses(2)).toEqual([200, 429]);
    const minuteFull = await get();
    expect(minuteFull.headers).toMatchObject({ 'retry-after': '40', 'ratelimit-limit': '10' });
  });

  it('counts each client on its own', async () => {
    const { platform, get } = await limited('2/min');
    const other = await platform.platform.clients.create({ name: 'Other TPP' });
    const otherToken = await platform.tokenFor(
      { id: other.client.id, secret: other.secret },
      'aspspinformation',
    );
    expect((await get()).statusCode).toBe(200);
    expect((await get()).statusCode).toBe(200);
    expect((await get()).statusCode).toBe(429);
    // The other client's token request was its first request.
    expect((await get(otherToken)).headers['ratelimit-remaining']).toBe('0');
    expect((await get(otherToken)).statusCode).toBe(429);
  });

  it('admits exactly the limit of requests sent at once', async () => {
    const { get } = await limited('20/min');
    const answers = await Promise.all(Array.from({ length: 50 }, () => get()));
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30);
  });
});

describe('calls that are not counted', () => {
  it('a call without a valid token is refused 401 and costs the client nothing', async () => {
    const { platform, get } = await limited('2/min');
    for (let i = 0; i < 5; i++) {
      const response = await platform.api.inject({
        method: 'GET',
        url: COUNTRIES,
        headers: psd2Headers('not-a-token'),
      });
      expect(response.statusCode).toBe(401);
      expect(response.headers['ratelimit-limit']).toBeUndefined();
    }
    expect((await get()).headers['ratelimit-remaining']).toBe('1');
  });

  it('with BANKBRIDGE_RATE_LIMIT=off, nothing is counted or announced', async () => {
    const { get } = await limited('off');
    for (let i = 0; i < 3; i++) {
      const response = await get();
      expect(response.statusCode).toBe(200);
      expect(response.headers['ratelimit-limit']).toBeUndefined();
    }
  });
});

describe('the token endpoint', () => {
  it('counts requests that authenticate as the client, in the same budget as its API calls', async () => {
    const { platform, get } = await limited('3/min');
    const credentials = { client_id: platform.client.id, client_secret: platform.client.secret };
    const fields = { ...credentials, scope: 'aspspinformation' };
    const issued = await requestToken(platform.auth, { fields });
    expect(issued.statusCode).toBe(200);
    expect(issued.headers['ratelimit-remaining']).toBe('2');
    expect((await get()).statusCode).toBe(200);
    expect((await requestToken(platform.auth, { fields })).statusCode).toBe(200);

    const refused = await requestToken(platform.auth, { fields });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['cache-control']).toContain('no-store');
    expect(refused.headers).toMatchObject({ 'retry-after': '60', 'ratelimit-remaining': '0' });
    expect(refused.json()).toEqual({
      error: 'temporarily_unavailable',
      error_description: expect.stringMatching(/^Bankbridge's per-client rate limit is reached/),
    });
    expect((await get()).statusCode).toBe(429);
  });

  it('does not count a request whose secret is wrong: nobody else can spend a client’s budget', async () => {
    const { platform, get } = await limited('2/min');
    for (let i = 0; i < 5; i++) {
      const wrong = await requestToken(platform.auth, {
        fields: {
          client_id: platform.client.id,
          client_secret: 'not-the-secret',
          scope: 'aspspinformation',
        },
      });
      expect(wrong.statusCode).toBe(401);
    }
    expect((await get()).headers['ratelimit-remaining']).toBe('1');
  });
});
