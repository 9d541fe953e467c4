import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkContract } from '../support/contract.js';

/**
 * The erratum `certificate-codes-on-every-401`: the certificate codes and ROLE_INVALID that
 * production mode answers with are valid 401 messages on every operation of the contract.
 */
function unauthorized(url: string, code: string) {
  const requestId = randomUUID();
  return checkContract({
    method: 'GET',
    url,
    statusCode: 401,
    headers: { 'x-request-id': requestId, 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ tppMessages: [{ category: 'ERROR', code, text: 'why' }] }),
    requestId,
  });
}

const CONSENT = '/psd2/consent/v1/consents/1b0dc1b8-5c51-4ae5-9e35-0c5bd2c0c1a4';
const ACCOUNTS = '/psd2/accountinformation/v1/accounts';
const COUNTRIES = '/psd2/aspspinformation/v1/countries';

describe('401 messages of production mode', () => {
  it.each([
    [CONSENT, 'ROLE_INVALID'],
    [CONSENT, 'CERTIFICATE_MISSING'],
    [ACCOUNTS, 'ROLE_INVALID'],
    [ACCOUNTS, 'CERTIFICATE_EXPIRED'],
    [COUNTRIES, 'CERTIFICATE_MISSING'],
    [COUNTRIES, 'CERTIFICATE_EXPIRED'],
    [COUNTRIES, 'CERTIFICATE_INVALID'],
    [COUNTRIES, 'ROLE_INVALID'],
    [COUNTRIES, 'TOKEN_INVALID'],
  ])('allow %s to answer %s', (url, code) => {
    expect(unauthorized(url, code)).toEqual([]);
  });

  it.each([
    [CONSENT, 'ROLE_MISSING'],
    [COUNTRIES, 'CONSENT_INVALID'],
  ])('still refuse %s answering %s', (url, code) => {
    expect(unauthorized(url, code)).not.toEqual([]);
  });
});
