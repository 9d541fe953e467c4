/**
 * A valid consent at a bank that authorises by redirect, as a TPP gets one: POST /consents,
 * start an authorisation, choose the method, the PSU follows the scaOAuth link to the sandbox
 * bank and approves (`redirectScaCode`), and the TPP redeems the code it is sent back with.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { Browser } from '../auth/redirect-sca-browser.js';
import { psuApprovesAtBank } from '../guide/psu-browser.js';
import { ANNA, type ConsentRequest, consentApi, consentBody } from './ais-consent.js';
import { TEST_AUTH_URL, type TestPlatform } from './test-platform.js';

export const REDIRECT_URI = 'https://tpp.example/callback';
const BASE = '/psd2/consent/v1/consents';

export async function validRedirectConsent(
  tpp: TestPlatform,
  request: ConsentRequest,
): Promise<string> {
  const { consentId, authorisationId, code, scope, call } = await redirectScaCode(tpp, request);
  const redeemed = await tpp.auth.inject({
    method: 'POST',
    url: '/connect/token',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-consentid': consentId,
      'x-consentauthorisationid': authorisationId,
    },
    payload: new URLSearchParams({
      client_id: tpp.client.id,
      client_secret: tpp.client.secret,
      code,
      redirect_uri: REDIRECT_URI,
      ...(scope ? { scope } : {}),
      grant_type: 'authorization_code',
    }).toString(),
  });
  expect(redeemed.statusCode, redeemed.body).toBe(200);
  const status = await call('GET', `${BASE}/${consentId}/status`);
  expect(status.consentStatus).toBe('valid');
  return consentId;
}

/**
 * A consent up to the code its redirect SCA gives the TPP, not yet redeemed (at
 * `REDIRECT_URI`); `call` makes further /consents calls as the TPP, with `request.headers`.
 */
export async function redirectScaCode(tpp: TestPlatform, request: ConsentRequest) {
  const call = consentApi(tpp, request);
  const now = request.now?.() ?? new Date();
  const { consentId } = await call('POST', BASE, request.body ?? consentBody(now));
  const started = await call('POST', `${BASE}/${consentId}/authorisations`);
  const authorisationId = started.authorisationId as string;
  const method = started.scaMethods?.[0]?.authenticationMethodId as string;
  const put = await call('PUT', `${BASE}/${consentId}/authorisations/${authorisationId}`, {
    authenticationMethodId: method,
  });
  const state = randomUUID();
  const link = (put._links.scaOAuth.href as string)
    .replace('[CLIENT_ID]', tpp.client.id)
    .replace('[TPP_REDIRECT_URI]', REDIRECT_URI)
    .replace('[TPP_STATE]', state);
  const back = await psuApprovesAtBank(
    new Browser(tpp.auth, TEST_AUTH_URL),
    link,
    REDIRECT_URI,
    request.psuId ?? ANNA,
  );
  expect(back.state).toBe(state);
  return {
    consentId: consentId as string,
    authorisationId,
    code: back.code as string,
    scope: back.scope,
    call,
  };
}
