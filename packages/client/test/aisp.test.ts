// AispClient: the simple AISP API through the SDK, against the platform and the sandbox banks
// over real HTTP. The user's browser goes through the hosted consent page (Swedbank with
// BankID, Nordea through the bank's page); the SDK makes the authorization URL, reads the
// redirect, exchanges and refreshes tokens, reads, and revokes.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, queryOf } from '../../platform/test/auth/redirect-sca-browser.js';
import {
  AispAccessExceededError,
  AispAuthorizationError,
  AispClient,
  type AispClientOptions,
  AispInsufficientScopeError,
  AispNotFoundError,
  type AispTokens,
  InvalidGrantError,
  RedirectCallbackError,
} from '../src/index.js';
import { ANNA, bankIdApp, type LivePlatform, startLivePlatform } from './support/live-platform.js';

const REDIRECT_URI = 'https://tpp.example/callback';
const PSU = { ipAddress: '192.0.2.10', userAgent: 'Mozilla/5.0 (test)' };

let live: LivePlatform;
let aisp: AispClient;

beforeAll(async () => {
  live = await startLivePlatform();
  aisp = client();
});
afterAll(async () => {
  await live?.close();
});

function client(overrides: Partial<AispClientOptions> = {}): AispClient {
  return new AispClient({
    apiUrl: live.apiUrl,
    authUrl: live.authUrl,
    clientId: live.client.id,
    clientSecret: live.client.secret,
    redirectUri: REDIRECT_URI,
    ...overrides,
  });
}

/**
 * The user: from the authorization URL through the consent page and BankID at Swedbank
 * (or Nordea's own page), back to the app's redirect URI, whose URL is returned.
 */
async function userConnects(url: string, bic: 'SWEDSESS' | 'NDEASESS' = 'SWEDSESS') {
  const browser = new Browser(live.auth, live.authUrl, live.authUrl);
  const { page } = await browser.follow(url, REDIRECT_URI);
  expect(page.status, page.body).toBe(200);
  const base = page.url.split('?')[0] as string;
  const started = await browser.open(`${base}/bank/${bic}`, {
    form: { approach: bic === 'SWEDSESS' ? 'DECOUPLED' : 'REDIRECT' },
  });
  expect(started.status, started.body).toBe(303);
  if (bic === 'SWEDSESS') {
    const bankId = await browser.open(started.location as string);
    const token = /autostarttoken=([^&"]+)/.exec(bankId.body)?.[1] as string;
    await bankIdApp(live.sandboxUrl, decodeURIComponent(token), 'approve', ANNA);
    const status = JSON.parse((await browser.open(`${base}/status`)).body) as { location: string };
    return (await browser.follow(new URL(status.location, base).href, REDIRECT_URI)).page.url;
  }
  const login = await browser.open(started.location as string);
  const session = /name="session" value="([^"]+)"/.exec(login.body)?.[1] as string;
  const action = /<form[^>]+action="([^"]*\/oauth2\/authorize\/login)"/.exec(login.body)?.[1];
  let answer = await browser.open(new URL(action as string, login.url).href, {
    form: { session, psuId: ANNA },
  });
  if (answer.status === 200) {
    const decide = /<form[^>]+action="([^"]*\/oauth2\/authorize\/decision)"/.exec(answer.body)?.[1];
    const accounts = [...answer.body.matchAll(/name="account" value="([^"]+)"/g)].map(
      (m) => m[1] as string,
    );
    answer = await browser.open(new URL(decide as string, login.url).href, {
      form: { session, decision: 'approve', account: accounts },
    });
  }
  return (await browser.follow(answer.location as string, REDIRECT_URI)).page.url;
}

describe('AispClient', () => {
  it('runs the whole flow: authorization URL with PKCE, the redirect, reads, refresh and revoke', async () => {
    const request = await aisp.authorizationUrl({
      scope: ['accounts', 'balances', 'transactions'],
    });
    const url = new URL(request.url);
    expect(`${url.origin}${url.pathname}`).toBe(`${live.authUrl}/oauth/authorize`);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('state')).toBe(request.state);
    expect(request.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const tokens = await aisp.handleRedirect(await userConnects(request.url), request);
    expect(tokens.scope).toEqual(['accounts', 'balances', 'transactions']);
    expect(tokens.expiresAt).toBeGreaterThan(Date.now() + 3500_000);

    const saved: AispTokens[] = [];
    const session = aisp.session(tokens, { onTokens: (next) => void saved.push(next) });
    const { accounts, $response } = await session.accounts({ psu: PSU });
    expect($response.status).toBe(200);
    expect(accounts.length).toBeGreaterThan(0);
    const [account] = accounts;
    expect(account?.bic).toBe('SWEDSESS');

    const { balances } = await session.balances(account?.id as string, { psu: PSU });
    expect(balances[0]?.amount).toMatch(/^-?\d+\.\d{2}$/);
    const page = await session.transactions(account?.id as string, { status: 'booked', psu: PSU });
    expect(page.transactions.every((tx) => tx.status === 'booked')).toBe(true);
    let count = 0;
    for await (const tx of session.allTransactions(account?.id as string, {
      dateFrom: '2026-01-01',
      psu: PSU,
    })) {
      expect(tx.amount).toMatch(/^-?\d+\.\d{2}$/);
      count++;
    }
    expect(count).toBeGreaterThan(page.transactions.length);

    // Expired: the session refreshes first, once, and tells the app the new pair.
    const stale = aisp.session(
      { ...session.tokens, expiresAt: Date.now() - 1000 },
      {
        onTokens: (next) => void saved.push(next),
      },
    );
    await Promise.all([stale.accounts({ psu: PSU }), stale.accounts({ psu: PSU })]);
    expect(saved).toHaveLength(1);
    expect(saved[0]?.refreshToken).not.toBe(tokens.refreshToken);
    expect(stale.tokens).toEqual(saved[0]);

    await stale.revoke();
    await expect(stale.accounts({ psu: PSU })).rejects.toThrow(InvalidGrantError);
  });

  it('reads the redirect’s refusals, and refuses a redirect of another request', async () => {
    const request = await aisp.authorizationUrl();
    await expect(
      aisp.handleRedirect(`${REDIRECT_URI}?code=abc&state=someone-else`, request),
    ).rejects.toThrow(RedirectCallbackError);
    const denied = aisp.handleRedirect(
      `${REDIRECT_URI}?error=access_denied&error_description=no&state=${request.state}`,
      request,
    );
    await expect(denied).rejects.toThrow(AispAuthorizationError);
    await expect(denied).rejects.toMatchObject({ code: 'access_denied' });
    await expect(aisp.exchangeCode('not-a-code', request.codeVerifier)).rejects.toThrow(
      InvalidGrantError,
    );
  });

  it('names the API’s refusals: scope, unknown account, the day’s budget', async () => {
    const request = await aisp.authorizationUrl({ scope: ['accounts'] });
    const session = aisp.session(
      await aisp.handleRedirect(await userConnects(request.url, 'NDEASESS'), request),
    );
    const { accounts } = await session.accounts();
    const id = accounts[0]?.id as string;
    const scope = await session.balances(id).catch((error: unknown) => error);
    expect(scope).toBeInstanceOf(AispInsufficientScopeError);
    expect(scope).toMatchObject({ status: 403, code: 'insufficient_scope', scope: 'balances' });
    expect((scope as AispInsufficientScopeError).requestId).toMatch(/^[0-9a-f-]{36}$/);

    await expect(session.account('no-such-account')).rejects.toThrow(AispNotFoundError);
    // Unattended reads of the account list: 4 a day at Nordea, one used above.
    for (let i = 0; i < 3; i++) await session.accounts();
    await expect(session.accounts()).rejects.toThrow(AispAccessExceededError);
    await expect(session.accounts({ psu: PSU })).resolves.toMatchObject({ accounts: accounts });
  });

  it('lets a public client in with PKCE and no secret', async () => {
    const spa = await live.platform.clients.createPublic({
      name: 'Budget SPA',
      redirectUris: [REDIRECT_URI],
    });
    const publicClient = client({ clientId: spa.id, clientSecret: undefined });
    const request = await publicClient.authorizationUrl({ scope: ['accounts'] });
    const back = await userConnects(request.url);
    expect(queryOf(back).state).toBe(request.state);
    const tokens = await publicClient.handleRedirect(back, request);
    const { accounts } = await publicClient.session(tokens).accounts({ psu: PSU });
    expect(accounts.length).toBeGreaterThan(0);
    // Without its verifier, the code is no use to anyone who caught it.
    const again = await publicClient.authorizationUrl({ scope: ['accounts'] });
    const code = queryOf(await userConnects(again.url)).code as string;
    await expect(publicClient.exchangeCode(code)).rejects.toThrow(InvalidGrantError);
  });
});
