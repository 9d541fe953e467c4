// Request ids, timeouts and bounded retries: a fetch in front of the real platform drops,
// delays or answers 503 to chosen requests, so each rule is seen on its own.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  NetworkError,
  ServiceUnavailableError,
  TimeoutError,
  UnexpectedResponseError,
} from '../src/index.js';
import {
  type LivePlatform,
  oneOffConsent,
  recordingFetch,
  startLivePlatform,
} from './support/live-platform.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const COUNTRIES = '/psd2/aspspinformation/v1/countries';

let live: LivePlatform;

beforeAll(async () => {
  live = await startLivePlatform();
});

afterAll(async () => {
  await live?.close();
});

/** A fetch that fails the first `failures` attempts at `path` with `failure`. */
function failing(path: string, failures: number, failure: () => Promise<Response>) {
  return recordingFetch((url, _init, attempt) =>
    url.pathname === path && attempt <= failures ? failure() : undefined,
  );
}

const dropped = () =>
  Promise.reject(new TypeError('fetch failed', { cause: new Error('ECONNRESET') }));
const unavailable =
  (headers: Record<string, string> = {}) =>
  () =>
    Promise.resolve(
      new Response(
        JSON.stringify({
          tppMessages: [{ category: 'ERROR', code: 'SERVICE_UNAVAILABLE', text: 'bank down' }],
        }),
        { status: 503, headers: { 'content-type': 'application/json', ...headers } },
      ),
    );

describe('request ids', () => {
  it('sends a new UUID X-Request-ID with every call and returns the echoed one on $response', async () => {
    const { fetch, calls } = recordingFetch();
    const seen: string[] = [];
    const bankbridge = live.sdk({ fetch, onResponse: (info) => void seen.push(info.requestId) });
    const first = await bankbridge.aspspInformation.countries();
    const second = await bankbridge.aspspInformation.countries();
    expect(first.$response.requestId).toMatch(UUID);
    expect(second.$response.requestId).not.toBe(first.$response.requestId);
    expect(first.$response.headers.get('x-request-id')).toBe(first.$response.requestId);
    expect(first.$response).toMatchObject({ status: 200, method: 'GET', attempts: 1 });
    const sent = calls.filter((c) => c.url.pathname === COUNTRIES);
    expect(sent.map((c) => c.headers.get('X-Request-ID'))).toEqual([
      first.$response.requestId,
      second.$response.requestId,
    ]);
    // The token request got one too, and onResponse saw every answer.
    expect(seen).toHaveLength(3);
    // $response stays out of the body's own fields.
    expect(Object.keys(first)).toEqual(['countries']);
    expect(JSON.parse(JSON.stringify(first))).toEqual({ countries: first.countries });
  });
});

describe('retries', () => {
  it('retries a GET after dropped connections, with a new request id each time', async () => {
    const { fetch, calls } = failing(COUNTRIES, 2, dropped);
    const bankbridge = live.sdk({ fetch, retryDelayMs: 10 });
    const answer = await bankbridge.aspspInformation.countries();
    expect(answer.countries.length).toBeGreaterThan(0);
    expect(answer.$response.attempts).toBe(3);
    expect(new Set(answer.$response.requestIds).size).toBe(3);
    expect(calls.filter((c) => c.url.pathname === COUNTRIES)).toHaveLength(3);
  });

  it('gives up after the configured retries with a NetworkError naming every attempt', async () => {
    const { fetch, calls } = failing(COUNTRIES, 10, dropped);
    const error = await live
      .sdk({ fetch, retries: 1, retryDelayMs: 10 })
      .aspspInformation.countries()
      .catch((e) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', status: undefined });
    expect(error.requestIds).toHaveLength(2);
    expect(error.requestId).toBe(error.requestIds[1]);
    expect(error.text).toMatch(/ECONNRESET/);
    expect(calls.filter((c) => c.url.pathname === COUNTRIES)).toHaveLength(2);
  });

  it('retries a GET answered 503, waiting as long as Retry-After asks when that is short', async () => {
    const { fetch } = failing(COUNTRIES, 1, unavailable({ 'Retry-After': '1' }));
    const started = Date.now();
    const answer = await live.sdk({ fetch, retryDelayMs: 10 }).aspspInformation.countries();
    expect(answer.$response.attempts).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('does not wait for a Retry-After longer than maxRetryDelayMs: the 503 comes back at once', async () => {
    const { fetch, calls } = failing(COUNTRIES, 1, unavailable({ 'Retry-After': '3600' }));
    const started = Date.now();
    const error = await live
      .sdk({ fetch })
      .aspspInformation.countries()
      .catch((e) => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.retryAfterSeconds).toBe(3600);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(calls.filter((c) => c.url.pathname === COUNTRIES)).toHaveLength(1);
  });

  it('never repeats a POST: a consent is created once even when the answer was lost', async () => {
    const path = '/psd2/consent/v1/consents';
    const { fetch, calls } = failing(path, 1, dropped);
    const error = await live
      .sdk({ fetch, retryDelayMs: 10 })
      .consents.create(oneOffConsent())
      .catch((e) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(calls.filter((c) => c.url.pathname === path)).toHaveLength(1);
  });
});

describe('timeouts', () => {
  /** Holds the request until the client gives up on it. */
  const hang = (_url: URL, init: RequestInit) =>
    new Promise<Response>((_resolve, reject) => {
      init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
    });

  it('ends an attempt after timeoutMs, retries GETs, then throws TimeoutError', async () => {
    const { fetch, calls } = recordingFetch((url, init) =>
      url.pathname === COUNTRIES ? hang(url, init) : undefined,
    );
    const started = Date.now();
    const error = await live
      .sdk({ fetch, timeoutMs: 100, retries: 1, retryDelayMs: 10 })
      .aspspInformation.countries()
      .catch((e) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ code: 'TIMEOUT' });
    expect(error.requestIds).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(calls.filter((c) => c.url.pathname === COUNTRIES)).toHaveLength(2);
  });

  it("stops at once, without retrying, when the caller's signal aborts", async () => {
    const controller = new AbortController();
    // The user leaves while the call is at the API (not while the token is being fetched).
    const { fetch, calls } = recordingFetch((url, init) => {
      if (url.pathname !== COUNTRIES) return undefined;
      setTimeout(() => controller.abort(new Error('user navigated away')), 50);
      return hang(url, init);
    });
    const error = await live
      .sdk({ fetch, timeoutMs: 10_000 })
      .aspspInformation.countries({ signal: controller.signal })
      .catch((e) => e);
    expect(error.message).toBe('user navigated away');
    expect(calls.filter((c) => c.url.pathname === COUNTRIES)).toHaveLength(1);
  });
});

it('reports a success answer that is not JSON as UnexpectedResponseError', async () => {
  const { fetch } = recordingFetch((url) =>
    url.pathname === COUNTRIES
      ? Promise.resolve(new Response('<html>portal</html>', { status: 200 }))
      : undefined,
  );
  const error = await live
    .sdk({ fetch })
    .aspspInformation.countries()
    .catch((e) => e);
  expect(error).toBeInstanceOf(UnexpectedResponseError);
  expect(error.requestId).toMatch(UUID);
});
