// Typed errors: each tppMessages code becomes its class with status, code, text and the
// request id; first from answers built here (every code, Retry-After forms, bodies that are
// not tppMessages), then from the real platform and sandbox banks.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorFrom, parseRetryAfter } from '../src/errors.js';
import {
  AccessExceededError,
  ApiError,
  BankbridgeError,
  ConsentExpiredError,
  ConsentInvalidError,
  ConsentUnknownError,
  FormatError,
  InternalServerError,
  InvalidClientError,
  InvalidScopeError,
  OAuthError,
  ParameterNotConsistentError,
  ParameterNotSupportedError,
  PeriodInvalidError,
  RequestedFormatsInvalidError,
  ResourceUnknownError,
  ServiceBlockedError,
  ServiceInvalidError,
  ServiceUnavailableError,
  StatusInvalidError,
  TokenExpiredError,
  TokenInvalidError,
} from '../src/index.js';
import {
  daysAgo,
  type LivePlatform,
  oneOffConsent,
  PSU,
  startLivePlatform,
  validConsent,
} from './support/live-platform.js';

const NOW = Date.parse('2026-03-02T10:00:00Z');

function answer(status: number, code: string | undefined, headers: Record<string, string> = {}) {
  const body =
    code === undefined
      ? undefined
      : { tppMessages: [{ category: 'ERROR', code, text: `text of ${code}` }] };
  return apiErrorFrom(
    {
      status,
      headers: new Headers(headers),
      requestIds: ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'],
      method: 'GET',
      url: 'http://api.example/psd2/x',
    },
    body,
    NOW,
  );
}

describe('errors from API answers', () => {
  it.each([
    [400, 'FORMAT_ERROR', FormatError],
    [400, 'PARAMETER_NOT_SUPPORTED', ParameterNotSupportedError],
    [400, 'PARAMETER_NOT_CONSISTENT', ParameterNotConsistentError],
    [400, 'PERIOD_INVALID', PeriodInvalidError],
    [405, 'SERVICE_INVALID', ServiceInvalidError],
    [403, 'SERVICE_BLOCKED', ServiceBlockedError],
    [404, 'RESOURCE_UNKNOWN', ResourceUnknownError],
    [403, 'CONSENT_UNKNOWN', ConsentUnknownError],
    [401, 'CONSENT_INVALID', ConsentInvalidError],
    [401, 'CONSENT_EXPIRED', ConsentExpiredError],
    [401, 'TOKEN_INVALID', TokenInvalidError],
    [401, 'TOKEN_UNKNOWN', TokenInvalidError],
    [401, 'TOKEN_EXPIRED', TokenExpiredError],
    [406, 'REQUESTED_FORMATS_INVALID', RequestedFormatsInvalidError],
    [409, 'STATUS_INVALID', StatusInvalidError],
    [429, 'ACCESS_EXCEEDED', AccessExceededError],
    [500, 'INTERNAL_SERVER_ERROR', InternalServerError],
    [503, 'SERVICE_UNAVAILABLE', ServiceUnavailableError],
  ])('%i %s becomes %o with status, code, text and request id', (status, code, ErrorClass) => {
    const error = answer(status, code);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(BankbridgeError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ status, code, text: `text of ${code}` });
    expect(error.name).toBe(ErrorClass.name);
    expect(error.requestId).toBe('22222222-2222-4222-8222-222222222222');
    expect(error.requestIds).toHaveLength(2);
    expect(error.message).toContain(code);
    expect(error.message).toContain('22222222-2222-4222-8222-222222222222');
    expect(error.tppMessages).toEqual([{ category: 'ERROR', code, text: `text of ${code}` }]);
  });

  it('keeps a code it does not know as a plain ApiError', () => {
    const error = answer(400, 'SOMETHING_NEW');
    expect(error.constructor).toBe(ApiError);
    expect(error.code).toBe('SOMETHING_NEW');
  });

  it('reads the retry time of ACCESS_EXCEEDED and SERVICE_UNAVAILABLE from Retry-After', () => {
    const exceeded = answer(429, 'ACCESS_EXCEEDED', { 'Retry-After': '120' });
    expect(exceeded).toBeInstanceOf(AccessExceededError);
    if (!(exceeded instanceof AccessExceededError)) return;
    expect(exceeded.retryAfterSeconds).toBe(120);
    expect(exceeded.retryAt?.toISOString()).toBe('2026-03-02T10:02:00.000Z');

    const unavailable = answer(503, 'SERVICE_UNAVAILABLE', {
      'Retry-After': 'Mon, 02 Mar 2026 10:00:30 GMT',
    });
    if (!(unavailable instanceof ServiceUnavailableError)) throw new Error('wrong class');
    expect(unavailable.retryAfterSeconds).toBe(30);

    const unknown = answer(429, 'ACCESS_EXCEEDED');
    if (!(unknown instanceof AccessExceededError)) throw new Error('wrong class');
    expect(unknown.retryAfterSeconds).toBeUndefined();
    expect(unknown.retryAt).toBeUndefined();
  });

  it('names error answers without tppMessages by their status', () => {
    expect(answer(502, undefined)).toBeInstanceOf(ServiceUnavailableError);
    expect(answer(504, undefined).code).toBe('SERVICE_UNAVAILABLE');
    expect(answer(500, undefined)).toBeInstanceOf(InternalServerError);
    const teapot = answer(418, undefined);
    expect(teapot.code).toBe('HTTP_418');
    expect(teapot.text).toMatch(/418/);
  });

  it('parses Retry-After as seconds or as an HTTP date, and ignores nonsense', () => {
    expect(parseRetryAfter('5', NOW)).toBe(5);
    expect(parseRetryAfter('Mon, 02 Mar 2026 10:01:00 GMT', NOW)).toBe(60);
    expect(parseRetryAfter('Mon, 02 Mar 2026 09:00:00 GMT', NOW)).toBe(0);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
  });
});

describe('errors from the platform and the sandbox banks', () => {
  let live: LivePlatform;

  beforeAll(async () => {
    live = await startLivePlatform();
  });

  afterAll(async () => {
    await live?.close();
  });

  it('FormatError for a malformed country code, with the request id the API echoed', async () => {
    const seen: string[] = [];
    const bankbridge = live.sdk({ onResponse: (info) => void seen.push(info.requestId) });
    const error = await bankbridge.aspspInformation
      .aspsps({ isoCountryCodes: ['SWE'] })
      .catch((e) => e);
    expect(error).toBeInstanceOf(FormatError);
    expect(error).toMatchObject({ status: 400, code: 'FORMAT_ERROR', method: 'GET' });
    expect(error.text).toMatch(/isoCountryCodes/);
    expect(error.requestId).toBe(seen.at(-1));
    expect(error.headers.get('x-request-id')).toBe(error.requestId);
  });

  it('ResourceUnknownError for a bank Bankbridge does not reach', async () => {
    const error = await live
      .sdk()
      .aspspInformation.aspsp('NOSUCHXX')
      .catch((e) => e);
    expect(error).toBeInstanceOf(ResourceUnknownError);
    expect(error.status).toBe(404);
  });

  it("ConsentUnknownError for a consent that does not exist or is another client's", async () => {
    const error = await live
      .sdk()
      .consents.status({ consentId: 'no-such-consent', bic: 'SWEDSESS' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ConsentUnknownError);
    expect(error).toMatchObject({ status: 403, code: 'CONSENT_UNKNOWN' });
  });

  it('ServiceInvalidError for a consent form the bank does not offer (allPsd2 at Handelsbanken)', async () => {
    const error = await live
      .sdk()
      .consents.create({ ...oneOffConsent('HANDSESS'), access: { allPsd2: 'allAccounts' } })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ServiceInvalidError);
    expect(error.text).toMatch(/allPsd2/);
  });

  it('AccessExceededError for a second read under a one-off consent, then ConsentExpiredError once it is used up', async () => {
    const bankbridge = live.sdk();
    const consent = await validConsent(live, bankbridge, { recurringIndicator: false });
    const ais = bankbridge.accountInformation({ ...consent, psu: PSU });
    const { accounts } = await ais.accounts();
    const again = await ais.accounts().catch((e) => e);
    expect(again).toBeInstanceOf(AccessExceededError);
    expect(again).toMatchObject({ status: 429, code: 'ACCESS_EXCEEDED' });
    expect(again.retryAfterSeconds).toBeUndefined();

    // Every endpoint the consent grants, once per account: the consent is used up.
    for (const account of accounts) {
      const id = account.resourceId as string;
      await ais.account(id);
      await ais.balances(id);
      await ais.transactions(id, { bookingStatus: 'booked', dateFrom: daysAgo(10) });
    }
    expect((await bankbridge.consents.status(consent)).consentStatus).toBe('expired');
    const expired = await ais.accounts().catch((e) => e);
    expect(expired).toBeInstanceOf(ConsentExpiredError);
    expect(expired.status).toBe(401);
  });

  it('ServiceUnavailableError with the retry time when the bank is down (a POST is not retried)', async () => {
    await live.admin('PUT', '/banks/SWEDSESS/faults', { error503Rate: 1 });
    try {
      let creates = 0;
      const bankbridge = live.sdk({
        fetch: (input, init) => {
          if (init?.method === 'POST' && String(input).endsWith('/consents')) creates++;
          return fetch(input, init);
        },
      });
      const error = await bankbridge.consents.create(oneOffConsent()).catch((e) => e);
      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect(error).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
      expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(error.retryAt).toBeInstanceOf(Date);
      expect(creates).toBe(1);
    } finally {
      await live.admin('DELETE', '/banks/SWEDSESS/faults');
    }
  });

  it('OAuth errors of the auth server: InvalidClientError, InvalidScopeError', async () => {
    const wrong = await live
      .sdk({ clientSecret: 'not-the-secret' })
      .aspspInformation.countries()
      .catch((e) => e);
    expect(wrong).toBeInstanceOf(InvalidClientError);
    expect(wrong).toBeInstanceOf(OAuthError);
    expect(wrong).toMatchObject({ status: 401, code: 'invalid_client' });
    expect(wrong.requestId).toMatch(/^[0-9a-f-]{36}$/);

    const scope = await live
      .sdk({ context: 'nonsense' as 'private' })
      .aspspInformation.countries()
      .catch((e) => e);
    expect(scope).toBeInstanceOf(InvalidScopeError);
    expect(scope.status).toBe(400);
  });
});
