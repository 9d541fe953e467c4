import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  decideIdempotency,
  requestFingerprint,
  type StoredRequest,
} from '../../../src/payments/rules/idempotency.js';

const first: StoredRequest = {
  clientId: 'client-a',
  requestId: '99391c7e-ad88-49ec-a2ad-99ddcb1f7721',
  requestHash: 'hash-1',
  receivedAt: new Date('2026-03-10T12:00:00Z'),
  answered: true,
};
const later = (ms: number) => new Date(first.receivedAt.getTime() + ms);
const HOUR = 3_600_000;

describe('X-Request-ID replay', () => {
  it.each([
    ['nothing stored', undefined, {}, 'new'],
    ['same client, id and request', first, {}, 'replay'],
    ['the id in other letter case', first, { requestId: first.requestId.toUpperCase() }, 'replay'],
    ['the first still being answered', { ...first, answered: false }, {}, 'wait'],
    ['another client', first, { clientId: 'client-b', requestHash: 'hash-2' }, 'new'],
    ['another id', first, { requestId: '6c2c2a56-0c68-4d43-9ad5-0d2c1b1a7b10' }, 'new'],
    ['just inside the window', first, { now: later(24 * HOUR - 1) }, 'replay'],
    ['after the window', first, { now: later(24 * HOUR), requestHash: 'hash-2' }, 'new'],
  ] as const)('%s → %s', (_, stored, overrides, action) => {
    const incoming = {
      clientId: 'client-a',
      requestId: first.requestId,
      requestHash: 'hash-1',
      now: later(HOUR),
      ...overrides,
    };
    expect(decideIdempotency(stored, incoming)).toEqual({ action });
  });

  it('refuses the same id for a different request with 400 FORMAT_ERROR', () => {
    const decision = decideIdempotency(first, {
      clientId: 'client-a',
      requestId: first.requestId,
      requestHash: 'hash-2',
      now: later(HOUR),
    });
    expect(decision).toEqual({
      action: 'refuse',
      error: {
        code: 'FORMAT_ERROR',
        status: 400,
        text: 'X-Request-ID already used for a different request',
      },
    });
  });

  it('takes over a first request unanswered for longer than staleMs, if it is the same', () => {
    const claimed = { ...first, answered: false, claimedAt: later(HOUR) };
    const incoming = {
      clientId: 'client-a',
      requestId: first.requestId,
      requestHash: 'hash-1',
      now: later(HOUR + 60_000),
    };
    expect(decideIdempotency(claimed, incoming, { staleMs: 60_001 })).toEqual({ action: 'wait' });
    expect(decideIdempotency(claimed, incoming, { staleMs: 60_000 })).toEqual({ action: 'new' });
    expect(decideIdempotency(claimed, incoming)).toEqual({ action: 'wait' });
    expect(
      decideIdempotency(claimed, { ...incoming, requestHash: 'hash-2' }, { staleMs: 60_000 }),
    ).toMatchObject({ action: 'refuse' });
    // An answered one is never stale.
    expect(decideIdempotency(first, incoming, { staleMs: 1 })).toEqual({ action: 'replay' });
  });

  it('takes a configured window', () => {
    const incoming = {
      clientId: 'client-a',
      requestId: first.requestId,
      requestHash: 'hash-1',
      now: later(2 * HOUR),
    };
    expect(decideIdempotency(first, incoming, { windowMs: HOUR })).toEqual({ action: 'new' });
  });
});

describe('canonical JSON', () => {
  it('does not depend on key order or whitespace, but on array order and values', () => {
    expect(canonicalJson({ b: 2, a: { d: [1, 2], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[1,2]},"b":2}',
    );
    expect(canonicalJson(JSON.parse('{ "a" : 1, "b": 2 }'))).toBe(canonicalJson({ b: 2, a: 1 }));
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
    expect(canonicalJson({ amount: '1.0' })).not.toBe(canonicalJson({ amount: '1' }));
  });

  it('writes what JSON.stringify writes for sorted data, undefined array items as null', () => {
    const value = { z: [1, 'two', null, true, { y: 1.5, x: [] }], a: {}, m: 'é\u0000' };
    expect(canonicalJson(value)).toBe(
      JSON.stringify({ a: {}, m: 'é\u0000', z: [1, 'two', null, true, { x: [], y: 1.5 }] }),
    );
    expect(canonicalJson([undefined, () => 1])).toBe('[null,null]');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson('x')).toBe('"x"');
  });

  it('takes a body nested 100,000 deep without running out of stack', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(canonicalJson(deep)).toBe(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    const objects = JSON.parse(`${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`);
    expect(canonicalJson(objects)).toHaveLength(50_000 * 6 + 1);
  });

  it('escapes keys and strings as JSON does', () => {
    expect(canonicalJson({ 'a"b': '\n' })).toBe('{"a\\"b":"\\n"}');
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
  });

  it('makes the method, the path and the body part of the fingerprint', () => {
    const body = { instructedAmount: { currency: 'SEK', amount: '10' } };
    const post = requestFingerprint({ method: 'post', path: '/v1/payments/domestic', body });
    expect(post).toBe(requestFingerprint({ method: 'POST', path: '/v1/payments/domestic', body }));
    expect(post).not.toBe(
      requestFingerprint({ method: 'POST', path: '/v1/payments/international', body }),
    );
    expect(post).not.toBe(
      requestFingerprint({
        method: 'POST',
        path: '/v1/payments/domestic',
        body: { ...body, creditorName: 'x' },
      }),
    );
  });

  it('counts the headers that are given, in any letter case, and not the blank ones', () => {
    const request = { method: 'POST', path: '/v1/consents', body: { a: 1 } };
    const plain = requestFingerprint(request);
    expect(requestFingerprint({ ...request, headers: {} })).toBe(plain);
    expect(requestFingerprint({ ...request, headers: { 'x-bicfi': undefined } })).toBe(plain);
    expect(requestFingerprint({ ...request, headers: { 'x-bicfi': ' ' } })).toBe(plain);
    const essex = requestFingerprint({ ...request, headers: { 'X-BicFi': 'ESSESESS' } });
    expect(essex).not.toBe(plain);
    expect(requestFingerprint({ ...request, headers: { 'x-bicfi': ' ESSESESS' } })).toBe(essex);
    expect(requestFingerprint({ ...request, headers: { 'x-bicfi': 'NDEASESS' } })).not.toBe(essex);
  });
});
