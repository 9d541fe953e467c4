// The AISP API's error answers as error classes, without a server: each `error` code, the
// Retry-After of the 429s and 503, the scope a 403 names, and answers that are not the API's.

import { describe, expect, it } from 'vitest';
import {
  AispAccessExceededError,
  AispApiError,
  AispInsufficientScopeError,
  AispInvalidRequestError,
  AispInvalidTokenError,
  AispNotFoundError,
  AispRateLimitError,
  AispUnavailableError,
  aispErrorFrom,
  BankbridgeError,
} from '../src/index.js';

const NOW = Date.parse('2026-01-15T10:30:00Z');

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  return aispErrorFrom(
    {
      status,
      headers: new Headers(headers),
      requestIds: ['9f5a6c4e-2b1d-4a8e-9c3f-7d6e5b4a3c2d'],
      method: 'GET',
      url: 'http://localhost:8080/aisp/v1/accounts',
    },
    body,
    NOW,
  );
}

const body = (error: string) => ({
  error,
  error_description: `about ${error}`,
  timestamp: '2026-01-15T10:30:00Z',
  request_id: '9f5a6c4e-2b1d-4a8e-9c3f-7d6e5b4a3c2d',
});

describe('aispErrorFrom', () => {
  it('has a class for each error code, with its code, text, status and request id', () => {
    const cases = [
      [400, 'invalid_request', AispInvalidRequestError],
      [401, 'invalid_token', AispInvalidTokenError],
      [404, 'not_found', AispNotFoundError],
      [405, 'method_not_allowed', AispApiError],
    ] as const;
    for (const [status, code, ErrorClass] of cases) {
      const error = answer(status, body(code));
      expect(error).toBeInstanceOf(ErrorClass);
      expect(error).toBeInstanceOf(BankbridgeError);
      expect(error).toMatchObject({ status, code, text: `about ${code}` });
      expect(error.requestId).toBe('9f5a6c4e-2b1d-4a8e-9c3f-7d6e5b4a3c2d');
      expect(error.timestamp?.toISOString()).toBe('2026-01-15T10:30:00.000Z');
    }
  });

  it('reads the scope a 403 insufficient_scope names', () => {
    const error = answer(403, body('insufficient_scope'), {
      'www-authenticate':
        'Bearer realm="bankbridge-aisp", error="insufficient_scope", error_description="x", scope="balances"',
    });
    expect(error).toBeInstanceOf(AispInsufficientScopeError);
    expect((error as AispInsufficientScopeError).scope).toBe('balances');
  });

  it('says when to come back after a 429 or 503', () => {
    const limited = answer(429, body('rate_limit_exceeded'), { 'retry-after': '12' });
    expect(limited).toBeInstanceOf(AispRateLimitError);
    expect((limited as AispRateLimitError).retryAt?.getTime()).toBe(NOW + 12_000);
    const exceeded = answer(429, body('access_exceeded'));
    expect(exceeded).toBeInstanceOf(AispAccessExceededError);
    expect((exceeded as AispAccessExceededError).retryAfterSeconds).toBeUndefined();
    const down = answer(503, body('temporarily_unavailable'), { 'retry-after': '30' });
    expect(down).toBeInstanceOf(AispUnavailableError);
  });

  it('makes do with an answer that is not the API’s (a proxy’s HTML page)', () => {
    const gateway = answer(502, undefined);
    expect(gateway).toBeInstanceOf(AispUnavailableError);
    expect(gateway.code).toBe('temporarily_unavailable');
    const odd = answer(418, 'teapot');
    expect(odd).toBeInstanceOf(AispApiError);
    expect(odd.code).toBe('HTTP_418');
  });
});
