// The code exchange that ends a redirect SCA names its resource in the headers the auth server
// checks: a consent's, a payment's, and a payment cancellation's (X-PaymentCancellationId).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LivePlatform, recordingFetch, startLivePlatform } from './support/live-platform.js';

let live: LivePlatform;

beforeAll(async () => {
  live = await startLivePlatform();
});

afterAll(async () => {
  await live?.close();
});

const exchange = { code: 'not-a-code', redirectUri: 'https://tpp.example/callback' };

function lastTokenRequest(calls: ReturnType<typeof recordingFetch>['calls']) {
  return calls.filter((c) => c.url.pathname === '/connect/token').at(-1)?.headers;
}

describe('the code exchange of a redirect SCA', () => {
  it('names a consent and its authorisation', async () => {
    const { fetch, calls } = recordingFetch();
    const sdk = live.sdk({ fetch });
    await sdk.consents
      .exchangeCode({ ...exchange, consentId: 'c1', bic: 'NDEASESS', authorisationId: 'a1' })
      .catch(() => {});
    const headers = lastTokenRequest(calls);
    expect(headers?.get('x-consentid')).toBe('c1');
    expect(headers?.get('x-consentauthorisationid')).toBe('a1');
  });

  it('names a payment and its authorisation, or its cancellation', async () => {
    const { fetch, calls } = recordingFetch();
    const sdk = live.sdk({ fetch });
    const payment = { ...exchange, paymentId: 'p1', bic: 'NDEAFIHH', authorisationId: 'a1' };
    await sdk.payments.exchangeCode(payment).catch(() => {});
    const initiation = lastTokenRequest(calls);
    expect(initiation?.get('x-paymentid')).toBe('p1');
    expect(initiation?.get('x-paymentauthorisationid')).toBe('a1');
    expect(initiation?.get('x-paymentcancellationid')).toBeNull();

    await sdk.payments.exchangeCode({ ...payment, cancellation: true }).catch(() => {});
    const cancellation = lastTokenRequest(calls);
    expect(cancellation?.get('x-paymentcancellationid')).toBe('a1');
    expect(cancellation?.get('x-paymentauthorisationid')).toBeNull();
  });
});
