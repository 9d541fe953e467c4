import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ANNA,
  accountChoices,
  authorisedConsent,
  authorizeUrl,
  createConsent,
  FORM,
  form,
  pkcePair,
  REDIRECT_URI,
  redirectSca,
  type Sandbox,
  sessionOf,
  startSandbox,
  token,
  tppHeaders,
} from './helpers.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.app.close());

async function status(bic: string, consentId: string): Promise<string> {
  const response = await sandbox.app.inject({
    url: `/banks/${bic}/v1/consents/${consentId}/status`,
    headers: tppHeaders(),
  });
  return response.json().consentStatus;
}

describe('redirect SCA over HTTP', () => {
  it('walks login page, login form, account choice and approval to a code, then tokens (PKCE S256)', async () => {
    const consentId = await createConsent(sandbox, 'ESSESESS');
    const { verifier, challenge } = pkcePair();
    const page = await sandbox.app.inject(
      authorizeUrl('ESSESESS', consentId, {
        code_challenge: challenge,
        code_challenge_method: 'S256',
      }),
    );
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('Skandinaviska Enskilda Banken');
    expect(page.body).toContain(ANNA); // test users are listed
    expect(page.body).toContain('scaFails');
    const session = sessionOf(page.body);
    const login = await sandbox.app.inject({
      method: 'POST',
      url: '/banks/ESSESESS/oauth2/authorize/login',
      headers: FORM,
      payload: form({ session, psuId: ANNA }),
    });
    expect(login.statusCode).toBe(200);
    const accounts = accountChoices(login.body);
    expect(accounts).toHaveLength(3);
    const decision = await sandbox.app.inject({
      method: 'POST',
      url: '/banks/ESSESESS/oauth2/authorize/decision',
      headers: FORM,
      payload: form({ session, decision: 'approve', account: accounts.slice(0, 2) }),
    });
    expect(decision.statusCode).toBe(303);
    const back = new URL(decision.headers.location as string);
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URI);
    expect(back.searchParams.get('state')).toBe('state-123');
    const code = back.searchParams.get('code') as string;
    expect(await status('ESSESESS', consentId)).toBe('valid');

    const wrongVerifier = await token(sandbox, 'ESSESESS', {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: 'x'.repeat(43),
    });
    expect(wrongVerifier.statusCode).toBe(400);
    expect(wrongVerifier.json().error).toBe('invalid_grant');
    const tokens = await token(sandbox, 'ESSESESS', {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
    });
    expect(tokens.statusCode, tokens.body).toBe(200);
    expect(tokens.headers['cache-control']).toBe('no-store');
    expect(tokens.json()).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3600,
      refresh_token_expires_in: 90 * 86_400,
      scope: `AIS:${consentId}`,
    });

    // The consent now shows the accounts the PSU picked.
    const consent = await sandbox.app.inject({
      url: `/banks/ESSESESS/v1/consents/${consentId}`,
      headers: tppHeaders(),
    });
    expect(consent.json().access.accounts).toHaveLength(2);
  });

  it('uses a code once only; a replay revokes the tokens it produced', async () => {
    const consentId = await createConsent(sandbox, 'NDEASESS');
    const code = (await redirectSca(sandbox, 'NDEASESS', consentId, ANNA)).searchParams.get(
      'code',
    ) as string;
    const first = await token(sandbox, 'NDEASESS', {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
    });
    expect(first.statusCode).toBe(200);
    const replay = await token(sandbox, 'NDEASESS', {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
    });
    expect(replay.json().error).toBe('invalid_grant');
    const refresh = await token(sandbox, 'NDEASESS', {
      grant_type: 'refresh_token',
      refresh_token: first.json().refresh_token,
    });
    expect(refresh.json().error).toBe('invalid_grant');
  });

  it('refuses an expired code and a different redirect_uri', async () => {
    const own = await startSandbox();
    const consentId = await createConsent(own, 'NDEASESS');
    const code = (await redirectSca(own, 'NDEASESS', consentId, ANNA)).searchParams.get(
      'code',
    ) as string;
    const wrongUri = await token(own, 'NDEASESS', {
      grant_type: 'authorization_code',
      code,
      redirect_uri: 'https://evil.example/cb',
    });
    expect(wrongUri.json().error).toBe('invalid_grant');
    own.clock.advance(121_000);
    const late = await token(own, 'NDEASESS', {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
    });
    expect(late.statusCode).toBe(400);
    expect(late.json().error_description).toContain('expired');
    await own.app.close();
  });

  it('refreshes tokens, rotating the refresh token', async () => {
    const { tokens } = await authorisedConsent(sandbox, 'NDEASESS');
    const refreshed = await token(sandbox, 'NDEASESS', {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
    });
    expect(refreshed.statusCode).toBe(200);
    expect(refreshed.json().access_token).not.toBe(tokens.access_token);
    const reused = await token(sandbox, 'NDEASESS', {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
    });
    expect(reused.json().error).toBe('invalid_grant');
  });

  it('expires the refresh token 90 days after the SCA', async () => {
    const own = await startSandbox();
    const { tokens } = await authorisedConsent(own, 'NDEAFIHH', ANNA, { validUntil: '2099-01-01' });
    own.clock.advanceDays(91);
    const response = await token(own, 'NDEAFIHH', {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
    });
    expect(response.json().error).toBe('invalid_grant');
    await own.app.close();
  });

  it('denial rejects the consent and redirects with access_denied', async () => {
    const consentId = await createConsent(sandbox, 'ESSESESS');
    const back = await redirectSca(sandbox, 'ESSESESS', consentId, ANNA, { decision: 'deny' });
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('state-123');
    expect(await status('ESSESESS', consentId)).toBe('rejected');
  });

  it.each([
    ['198802020001', 'Authentication failed', 'received'],
    ['198903030008', 'Authentication timed out', 'received'],
    ['199104040002', 'The bank rejected the consent', 'rejected'],
  ])('scenario PSU %s: %s, consent %s', async (psuId, description, consentStatus) => {
    const consentId = await createConsent(sandbox, 'ESSESESS');
    const back = await redirectSca(sandbox, 'ESSESESS', consentId, psuId);
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('error_description')).toBe(description);
    expect(await status('ESSESESS', consentId)).toBe(consentStatus);
  });

  it('rejects an explicit consent for accounts the PSU does not hold', async () => {
    const consentId = await createConsent(sandbox, 'DABASESX', {
      access: { accounts: [{ iban: 'SE3550000000054910000003' }] },
    });
    const back = await redirectSca(sandbox, 'DABASESX', consentId, ANNA);
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(await status('DABASESX', consentId)).toBe('rejected');
  });

  it('asks again when no account is picked for a bank-offered consent', async () => {
    const consentId = await createConsent(sandbox, 'ESSESESS');
    const session = sessionOf((await sandbox.app.inject(authorizeUrl('ESSESESS', consentId))).body);
    await sandbox.app.inject({
      method: 'POST',
      url: '/banks/ESSESESS/oauth2/authorize/login',
      headers: FORM,
      payload: form({ session, psuId: ANNA }),
    });
    const decision = await sandbox.app.inject({
      method: 'POST',
      url: '/banks/ESSESESS/oauth2/authorize/decision',
      headers: FORM,
      payload: form({ session, decision: 'approve' }),
    });
    expect(decision.statusCode).toBe(400);
    expect(decision.body).toContain('Choose at least one account');
  });

  it('shows the login page again for an unknown PSU', async () => {
    const consentId = await createConsent(sandbox, 'ESSESESS');
    const session = sessionOf((await sandbox.app.inject(authorizeUrl('ESSESESS', consentId))).body);
    const login = await sandbox.app.inject({
      method: 'POST',
      url: '/banks/ESSESESS/oauth2/authorize/login',
      headers: FORM,
      payload: form({ session, psuId: '000000000000' }),
    });
    expect(login.statusCode).toBe(401);
    expect(login.body).toContain('No customer with id 000000000000');
  });

  it('shows errors on the page when client or redirect_uri cannot be trusted, and redirects other errors', async () => {
    const consentId = await createConsent(sandbox, 'ESSESESS');
    const untrusted: Array<Record<string, string>> = [
      { client_id: '' },
      { redirect_uri: 'not a url' },
      { redirect_uri: 'https://tpp.example/cb#frag' },
    ];
    for (const extra of untrusted) {
      const response = await sandbox.app.inject(authorizeUrl('ESSESESS', consentId, extra));
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('text/html');
    }
    const cases: Array<[Record<string, string>, string]> = [
      [{ response_type: 'token' }, 'unsupported_response_type'],
      [{ scope: 'openid' }, 'invalid_scope'],
      [{ scope: 'AIS:unknown' }, 'invalid_request'],
      [{ code_challenge: 'abc', code_challenge_method: 'plain' }, 'invalid_request'],
    ];
    for (const [extra, error] of cases) {
      const response = await sandbox.app.inject(authorizeUrl('ESSESESS', consentId, extra));
      expect(response.statusCode).toBe(303);
      expect(new URL(response.headers.location as string).searchParams.get('error')).toBe(error);
    }
    const decoupledOnly = await sandbox.app.inject(authorizeUrl('HANDSESS', consentId));
    expect(decoupledOnly.statusCode).toBe(400);
    expect(decoupledOnly.body).toContain('decoupled SCA only');
  });

  it('refuses stale or unknown login sessions', async () => {
    const own = await startSandbox();
    const consentId = await createConsent(own, 'ESSESESS');
    const session = sessionOf((await own.app.inject(authorizeUrl('ESSESESS', consentId))).body);
    own.clock.advanceMinutes(11);
    const late = await own.app.inject({
      method: 'POST',
      url: '/banks/ESSESESS/oauth2/authorize/login',
      headers: FORM,
      payload: form({ session, psuId: ANNA }),
    });
    expect(late.statusCode).toBe(400);
    expect(late.body).toContain('expired');
    const unknown = await own.app.inject({
      method: 'POST',
      url: '/banks/ESSESESS/oauth2/authorize/decision',
      headers: FORM,
      payload: form({ session: 'nope', decision: 'approve' }),
    });
    expect(unknown.statusCode).toBe(400);
    await own.app.close();
  });

  it('answers token endpoint misuse with RFC 6749 errors', async () => {
    const noClient = await sandbox.app.inject({
      method: 'POST',
      url: '/banks/ESSESESS/oauth2/token',
      headers: FORM,
      payload: form({ grant_type: 'authorization_code', code: 'x' }),
    });
    expect(noClient.statusCode).toBe(401);
    expect(noClient.json().error).toBe('invalid_client');
    expect((await token(sandbox, 'ESSESESS', { grant_type: 'password' })).json().error).toBe(
      'unsupported_grant_type',
    );
    expect(
      (await token(sandbox, 'ESSESESS', { grant_type: 'authorization_code' })).json().error,
    ).toBe('invalid_request');
    expect(
      (
        await token(sandbox, 'ESSESESS', {
          grant_type: 'authorization_code',
          code: 'nope',
          redirect_uri: REDIRECT_URI,
        })
      ).json().error,
    ).toBe('invalid_grant');
  });

  it('checks client secrets when TPP clients are registered (Basic auth)', async () => {
    const own = await startSandbox({ tppClients: { 'bankbridge-test': 's3cret' } });
    const consentId = await createConsent(own, 'NDEASESS');
    const code = (await redirectSca(own, 'NDEASESS', consentId, ANNA)).searchParams.get(
      'code',
    ) as string;
    const basic = (secret: string) =>
      `Basic ${Buffer.from(`bankbridge-test:${secret}`).toString('base64')}`;
    const payload = form({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI });
    const wrong = await own.app.inject({
      method: 'POST',
      url: '/banks/NDEASESS/oauth2/token',
      headers: { ...FORM, authorization: basic('nope') },
      payload,
    });
    expect(wrong.statusCode).toBe(401);
    const right = await own.app.inject({
      method: 'POST',
      url: '/banks/NDEASESS/oauth2/token',
      headers: { ...FORM, authorization: basic('s3cret') },
      payload,
    });
    expect(right.statusCode).toBe(200);
    const stranger = await own.app.inject({
      method: 'POST',
      url: '/banks/NDEASESS/v1/consents',
      headers: tppHeaders({ 'tpp-client-id': 'stranger' }),
      payload: {},
    });
    expect(stranger.statusCode).toBe(401);
    await own.app.close();
  });

  it('publishes OAuth server metadata', async () => {
    const response = await sandbox.app.inject(
      '/banks/ESSESESS/.well-known/oauth-authorization-server',
    );
    expect(response.json()).toMatchObject({
      authorization_endpoint: 'http://sandbox.test/banks/ESSESESS/oauth2/authorize',
      token_endpoint: 'http://sandbox.test/banks/ESSESESS/oauth2/token',
      code_challenge_methods_supported: ['S256'],
    });
  });
});
