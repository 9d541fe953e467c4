// Redirect SCA through the connector, driven like a browser over HTTP, then every account
// information read, token refresh, and what happens when the bank ends the consent.

import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BankError, type BankSession } from '../../src/connectors/index.js';
import {
  ANNA,
  browserAtBank,
  type ConnectorWorld,
  daysAgo,
  newConsent,
  REDIRECT_URI,
  redirectConsent,
  refusal,
  startWorld,
} from './support.js';

const BIC = 'NDEASESS';
let world: ConnectorWorld;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world?.close();
});

describe('redirect SCA', () => {
  it('builds the bank login URL with client, redirect URI, state, consent scope and PKCE', async () => {
    const url = new URL(
      await world.connectorFor(BIC).authorizationUrl(world.ctx(BIC), {
        resource: { kind: 'consent', bankId: 'c-1' },
        redirectUri: REDIRECT_URI,
        state: 's-1',
        codeChallenge: 'x'.repeat(43),
      }),
    );
    expect(`${url.origin}${url.pathname}`).toBe(
      `${world.sandboxUrl}/banks/${BIC}/oauth2/authorize`,
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'bankbridge',
      redirect_uri: REDIRECT_URI,
      state: 's-1',
      scope: 'AIS:c-1',
      code_challenge: 'x'.repeat(43),
      code_challenge_method: 'S256',
    });
  });

  it('approve: code and state come back, the code becomes tokens, the consent is valid', async () => {
    const connector = world.connectorFor(BIC);
    const bankConsentId = await newConsent(world, BIC);
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const url = await connector.authorizationUrl(world.ctx(BIC), {
      resource: { kind: 'consent', bankId: bankConsentId },
      redirectUri: REDIRECT_URI,
      state: 'state-42',
      codeChallenge: challenge,
    });
    const callback = await browserAtBank(url, ANNA);
    const { code, state } = connector.readAuthorizationCallback(world.ctx(BIC), callback);
    expect(state).toBe('state-42');
    const before = Date.now();
    const tokens = await connector.exchangeCode(world.ctx(BIC), {
      code,
      redirectUri: REDIRECT_URI,
      codeVerifier: verifier,
      resource: { kind: 'consent', bankId: bankConsentId },
    });
    expect(tokens.accessToken).toMatch(/\S{16,}/);
    expect(tokens.refreshToken).toMatch(/\S{16,}/);
    // Access 1 hour, refresh 90 days at the sandbox banks.
    expect(tokens.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 3_599_000);
    expect(tokens.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 3_600_000);
    expect(tokens.refreshExpiresAt?.getTime()).toBeGreaterThan(before + 89 * 86_400_000);
    expect(await connector.getConsentStatus(world.ctx(BIC), bankConsentId)).toBe('valid');
    // The bank-offered consent now lists what the PSU picked.
    const consent = await connector.getConsent(world.ctx(BIC), bankConsentId);
    expect(consent.access.accounts?.length).toBeGreaterThan(0);

    // A code works once.
    const replay = await refusal(
      connector.exchangeCode(world.ctx(BIC), {
        code,
        redirectUri: REDIRECT_URI,
        codeVerifier: verifier,
      }),
    );
    expect(replay).toMatchObject({ kind: 'rejected', status: 400, code: 'invalid_grant' });
  });

  it('refuses tokens the bank scoped to another consent', async () => {
    const connector = world.connectorFor(BIC);
    const bankConsentId = await newConsent(world, BIC);
    const url = await connector.authorizationUrl(world.ctx(BIC), {
      resource: { kind: 'consent', bankId: bankConsentId },
      redirectUri: REDIRECT_URI,
      state: 's',
    });
    const { code } = connector.readAuthorizationCallback(
      world.ctx(BIC),
      await browserAtBank(url, ANNA),
    );
    const error = await refusal(
      connector.exchangeCode(world.ctx(BIC), {
        code,
        redirectUri: REDIRECT_URI,
        resource: { kind: 'consent', bankId: 'another-consent' },
      }),
    );
    expect(error).toMatchObject({ kind: 'rejected', code: 'invalid_grant' });
  });

  it('deny: access_denied naming the bank, and the bank rejects the consent', async () => {
    const connector = world.connectorFor(BIC);
    const bankConsentId = await newConsent(world, BIC);
    const url = await connector.authorizationUrl(world.ctx(BIC), {
      resource: { kind: 'consent', bankId: bankConsentId },
      redirectUri: REDIRECT_URI,
      state: 'st-deny',
    });
    const callback = await browserAtBank(url, ANNA, 'deny');
    expect(callback.state).toBe('st-deny');
    let error: unknown;
    try {
      connector.readAuthorizationCallback(world.ctx(BIC), callback);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BankError);
    expect(error).toMatchObject({ kind: 'access_denied', code: 'access_denied', bic: BIC });
    expect((error as BankError).message).toMatch(/^Nordea.*\(NDEASESS\): SCA was denied/);
    expect(await connector.getConsentStatus(world.ctx(BIC), bankConsentId)).toBe('rejected');
  });

  it('a PSU whose authentication fails: access_denied', async () => {
    const connector = world.connectorFor(BIC);
    const bankConsentId = await newConsent(world, BIC);
    const url = await connector.authorizationUrl(world.ctx(BIC), {
      resource: { kind: 'consent', bankId: bankConsentId },
      redirectUri: REDIRECT_URI,
      state: 's',
    });
    const callback = await browserAtBank(url, '198802020001');
    expect(() => connector.readAuthorizationCallback(world.ctx(BIC), callback)).toThrow(
      /Authentication failed/,
    );
  });

  it('a callback without code or with another OAuth error is rejected', () => {
    const connector = world.connectorFor(BIC);
    expect(() => connector.readAuthorizationCallback(world.ctx(BIC), { state: 's' })).toThrow(
      BankError,
    );
    try {
      connector.readAuthorizationCallback(world.ctx(BIC), { error: 'invalid_scope' });
    } catch (e) {
      expect(e).toMatchObject({ kind: 'rejected', code: 'invalid_scope' });
    }
  });
});

describe('account information with the bank tokens', () => {
  let session: BankSession;
  let refreshToken: string;
  beforeAll(async () => {
    const consent = await redirectConsent(world, BIC, ANNA);
    session = {
      accessToken: consent.accessToken,
      bankConsentId: consent.bankConsentId,
      psuIpAddress: '192.0.2.10',
    };
    refreshToken = consent.refreshToken;
  });

  it('lists accounts, with and without balances', async () => {
    const connector = world.connectorFor(BIC);
    const { accounts } = await connector.listAccounts(world.ctx(BIC), session);
    expect(accounts.length).toBe(3);
    for (const account of accounts) {
      expect(account.resourceId).toMatch(/\S+/);
      expect(account.iban).toMatch(/^SE\d{2}/);
      expect(account.balances).toBeUndefined();
    }
    const withBalances = await connector.listAccounts(world.ctx(BIC), session, {
      withBalance: true,
    });
    expect(withBalances.accounts[0]?.balances).toBeInstanceOf(Array);
  });

  it('reads one account, its balances, a transactions page and a transaction', async () => {
    const connector = world.connectorFor(BIC);
    const { accounts } = await connector.listAccounts(world.ctx(BIC), session);
    const id = accounts[0]?.resourceId as string;
    const { account } = await connector.getAccount(world.ctx(BIC), session, id);
    expect(account.resourceId).toBe(id);

    const balances = await connector.getBalances(world.ctx(BIC), session, id);
    expect(balances.balances.map((b) => b.balanceType)).toContain('closingBooked');
    // Amounts stay the bank's decimal strings.
    expect(balances.balances[0]).toMatchObject({ balanceAmount: { amount: expect.any(String) } });

    const page = await connector.getTransactions(world.ctx(BIC), session, id, {
      bookingStatus: 'booked',
      dateFrom: daysAgo(700),
    });
    const booked = page.body.transactions?.booked ?? [];
    expect(booked.length).toBe(100);
    expect(page.pages.next).toBeTruthy();
    expect(page.pages.first).toBeTruthy();
    expect(page.pages.previous).toBeUndefined();

    // The cursor reads the next page of the same query.
    const next = await connector.getTransactions(world.ctx(BIC), session, id, {
      bookingStatus: 'booked',
      page: page.pages.next as string,
    });
    const nextBooked = next.body.transactions?.booked ?? [];
    expect(nextBooked.length).toBeGreaterThan(0);
    expect(nextBooked[0]?.transactionId).not.toBe(booked[0]?.transactionId);
    expect(next.pages.previous).toBeTruthy();

    const transactionId = booked[0]?.transactionId as string;
    const details = await connector.getTransaction(world.ctx(BIC), session, id, transactionId);
    expect(details.transactionsDetails.transactionId).toBe(transactionId);
  });

  it('an account outside the consent is the bank refusal RESOURCE_UNKNOWN', async () => {
    const error = await refusal(
      world.connectorFor(BIC).getBalances(world.ctx(BIC), session, 'not-an-account'),
    );
    expect(error).toMatchObject({ kind: 'rejected', status: 404, code: 'RESOURCE_UNKNOWN' });
  });

  it('the bank answer to a bad period is passed on as its refusal', async () => {
    const { accounts } = await world.connectorFor(BIC).listAccounts(world.ctx(BIC), session);
    const error = await refusal(
      world
        .connectorFor(BIC)
        .getTransactions(world.ctx(BIC), session, accounts[0]?.resourceId as string, {
          bookingStatus: 'booked',
          dateFrom: daysAgo(5000),
        }),
    );
    expect(error).toMatchObject({ kind: 'rejected', status: 400, code: 'PERIOD_INVALID' });
  });

  it('a page cursor the connector did not issue is refused without a bank call', async () => {
    const error = await refusal(
      world.connectorFor(BIC).getTransactions(world.ctx(BIC), session, 'x', {
        bookingStatus: 'booked',
        page: '!!not-a-cursor',
      }),
    );
    expect(error).toMatchObject({ kind: 'rejected', code: 'FORMAT_ERROR' });
  });

  it('unattended reads count at the bank; over frequencyPerDay: 429 ACCESS_EXCEEDED', async () => {
    const connector = world.connectorFor(BIC);
    const consent = await redirectConsent(world, BIC, ANNA);
    const unattended: BankSession = {
      accessToken: consent.accessToken,
      bankConsentId: consent.bankConsentId,
    };
    // newConsent asks for 4 a day.
    for (let i = 0; i < 4; i++) await connector.listAccounts(world.ctx(BIC), unattended);
    const error = await refusal(connector.listAccounts(world.ctx(BIC), unattended));
    expect(error).toMatchObject({ kind: 'rejected', status: 429, code: 'ACCESS_EXCEEDED' });
    // With the PSU present the read does not count.
    await connector.listAccounts(world.ctx(BIC), { ...unattended, psuIpAddress: '192.0.2.10' });
  });

  it('refreshes the tokens; the new access token works, the old refresh token does not', async () => {
    const connector = world.connectorFor(BIC);
    const tokens = await connector.refreshTokens(world.ctx(BIC), refreshToken);
    expect(tokens.accessToken).not.toBe(session.accessToken);
    expect(tokens.refreshToken).not.toBe(refreshToken);
    const { accounts } = await connector.listAccounts(world.ctx(BIC), {
      ...session,
      accessToken: tokens.accessToken,
    });
    expect(accounts.length).toBe(3);
    const error = await refusal(connector.refreshTokens(world.ctx(BIC), refreshToken));
    expect(error).toMatchObject({ kind: 'unauthorized', code: 'invalid_grant' });
    session = { ...session, accessToken: tokens.accessToken };
    refreshToken = tokens.refreshToken;
  });
});

describe('when the bank ends the consent', () => {
  it('PSU revoked at the bank: data calls are unauthorized, refresh too, status revokedByPsu', async () => {
    const connector = world.connectorFor(BIC);
    const consent = await redirectConsent(world, BIC, '199005152385');
    const session = {
      accessToken: consent.accessToken,
      bankConsentId: consent.bankConsentId,
      psuIpAddress: '192.0.2.10',
    };
    await connector.listAccounts(world.ctx(BIC), session);
    const revoked = await world.admin('POST', `/banks/${BIC}/psus/199005152385/revoke-consents`);
    expect(revoked.status).toBe(200);

    const error = await refusal(connector.listAccounts(world.ctx(BIC), session));
    expect(error.kind).toBe('unauthorized');
    expect(error.status).toBe(401);
    expect(['TOKEN_INVALID', 'CONSENT_INVALID']).toContain(error.code);
    expect(error.message).toContain('(NDEASESS)');

    const refresh = await refusal(connector.refreshTokens(world.ctx(BIC), consent.refreshToken));
    expect(refresh.kind).toBe('unauthorized');
    expect(await connector.getConsentStatus(world.ctx(BIC), consent.bankConsentId)).toBe(
      'revokedByPsu',
    );
  });

  it('deleted by Bankbridge: the tokens stop working', async () => {
    const connector = world.connectorFor(BIC);
    const consent = await redirectConsent(world, BIC, ANNA);
    await connector.deleteConsent(world.ctx(BIC), consent.bankConsentId);
    const error = await refusal(
      connector.listAccounts(world.ctx(BIC), {
        accessToken: consent.accessToken,
        bankConsentId: consent.bankConsentId,
      }),
    );
    expect(error.kind).toBe('unauthorized');
  });

  it('a made-up access token is unauthorized TOKEN_INVALID', async () => {
    const error = await refusal(
      world.connectorFor(BIC).listAccounts(world.ctx(BIC), {
        accessToken: 'made-up',
        bankConsentId: 'nope',
      }),
    );
    expect(error).toMatchObject({ kind: 'unauthorized', status: 401, code: 'TOKEN_INVALID' });
  });
});

describe('secrets stay out of the log', () => {
  it('no token, code or secret appears in any log line; every line carries reqId and bic', async () => {
    const before = world.logLines.length;
    const requestId = crypto.randomUUID();
    const connector = world.connectorFor(BIC);
    const bankConsentId = await newConsent(world, BIC);
    const url = await connector.authorizationUrl(world.ctx(BIC, requestId), {
      resource: { kind: 'consent', bankId: bankConsentId },
      redirectUri: REDIRECT_URI,
      state: 's',
    });
    const { code } = connector.readAuthorizationCallback(
      world.ctx(BIC, requestId),
      await browserAtBank(url, ANNA),
    );
    const tokens = await connector.exchangeCode(world.ctx(BIC, requestId), {
      code,
      redirectUri: REDIRECT_URI,
    });
    const refreshed = await connector.refreshTokens(world.ctx(BIC, requestId), tokens.refreshToken);
    await connector.listAccounts(world.ctx(BIC, requestId), {
      accessToken: refreshed.accessToken,
      bankConsentId,
    });
    const lines = world.logLines.slice(before).filter((l) => l.includes(requestId));
    expect(lines.length).toBe(3);
    for (const secret of [
      code,
      tokens.accessToken,
      tokens.refreshToken,
      refreshed.accessToken,
      refreshed.refreshToken,
      Buffer.from('bankbridge:bankbridge').toString('base64'),
    ]) {
      for (const line of world.logLines) expect(line).not.toContain(secret);
    }
    for (const line of lines)
      expect(JSON.parse(line)).toMatchObject({ reqId: requestId, bic: BIC });
  });
});
