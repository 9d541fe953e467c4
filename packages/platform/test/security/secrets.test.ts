/**
 * Attack suite, secrets: what a copy of the database or of the logs gives away. A full flow
 * runs first (clients created and rotated, tokens by every route, a wrong secret tried, a
 * decoupled consent at Swedbank and a redirect consent at Nordea with PKCE, reads, a refresh of
 * the bank's tokens, a replayed code, a revocation, tokens and secrets put where they do not
 * belong), collecting every secret and token it handles. Then:
 * - at rest: client secrets are hashes, Bankbridge's tokens and codes are stored by hash only,
 *   bank tokens and the redirect SCA's bank code and PKCE verifier are sealed; the raw rows of
 *   every table, and on SQLite the database files, hold none of them in clear;
 * - in the logs: not one of them appears in any line the platform wrote.
 * Bank tokens are found from Bankbridge's side: opened in-test with the platform's own key
 * (ConsentsRepository over a SealedBox of the master key), and shown to be the real ones by
 * reading the sandbox bank with them directly.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SealedBox } from '../../src/security/sealed-box.js';
import { AuthorisationsRepository } from '../../src/store/authorisations.js';
import { type BankTokens, ConsentsRepository } from '../../src/store/consents.js';
import { SQLITE_FILE } from '../../src/store/open-store.js';
import { Browser, type Page } from '../auth/redirect-sca-browser.js';
import { psuApprovesAtBank } from '../guide/psu-browser.js';
import { ANNA, validConsent } from '../support/ais-consent.js';
import {
  psd2Headers,
  startTestPlatform,
  TEST_AUTH_URL,
  type TestPlatform,
} from '../support/test-platform.js';
import { TEST_DB } from '../support/test-store.js';
import { basicAuth, form } from '../support/token-requests.js';
import {
  AIS,
  altered,
  consentAwaitingRedirect,
  DECOUPLED_BANK,
  pkce,
  psd2,
  REDIRECT_BANK,
  redeem,
  TPP_REDIRECT,
  testTpp,
} from './helpers.js';

/** A browser that remembers every URL it opened: the bank's redirect carries the bank's code. */
class RecordingBrowser extends Browser {
  readonly opened: string[] = [];

  override open(url: string, init?: Parameters<Browser['open']>[1]): Promise<Page> {
    this.opened.push(url);
    return super.open(url, init);
  }
}

const logLines: string[] = [];
let offsetMs = 0;
let t: TestPlatform;
let consents: ConsentsRepository;
let authorisations: AuthorisationsRepository;
/** Everything secret the flow handled, by what it is. */
const secrets = new Map<string, string>();
/** Access tokens Bankbridge issued during the flow. */
const issued: string[] = [];
let decoupledConsent: string;
let redirectConsent: string;
let bankTokensBefore: { decoupled: BankTokens; redirect: BankTokens };
let bankTokensAfter: { decoupled: BankTokens; redirect: BankTokens };

function keep(name: string, value: string | undefined): string {
  expect(value, name).toEqual(expect.any(String));
  expect((value as string).length, name).toBeGreaterThanOrEqual(16);
  secrets.set(name, value as string);
  return value as string;
}

async function bankTokensOf(consentId: string): Promise<BankTokens> {
  const tokens = await consents.bankTokens(consentId);
  if (!tokens) throw new Error(`consent ${consentId} holds no bank tokens`);
  return tokens;
}

async function readEverything(token: string, consentId: string, bic: string) {
  const list = await psd2(t, 'GET', `${AIS}/accounts`, {
    token,
    bic,
    headers: { 'consent-id': consentId },
  });
  expect(list.statusCode, list.body).toBe(200);
  const account = list.json().accounts[0].resourceId as string;
  const dateFrom = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
  for (const url of [
    `${AIS}/accounts/${account}/balances`,
    `${AIS}/accounts/${account}/transactions?bookingStatus=booked&dateFrom=${dateFrom}`,
  ]) {
    const response = await psd2(t, 'GET', url, {
      token,
      bic,
      headers: { 'consent-id': consentId, 'psu-ip-address': '' },
    });
    expect(response.statusCode, response.body).toBe(200);
  }
}

beforeAll(async () => {
  t = await startTestPlatform({
    sandbox: true,
    logLines,
    now: () => new Date(Date.now() + offsetMs),
    env: { BANKBRIDGE_HOST: '127.0.0.1', BANKBRIDGE_API_PORT: '0', BANKBRIDGE_AUTH_PORT: '0' },
  });
  await t.platform.listen();
  const authSocket = `http://127.0.0.1:${(t.auth.server.address() as AddressInfo).port}`;
  consents = new ConsentsRepository(
    t.store.db,
    new SealedBox(t.platform.masterKey.derive('bank-tokens')),
  );
  authorisations = new AuthorisationsRepository(
    t.store.db,
    new SealedBox(t.platform.masterKey.derive('bank-tokens')),
  );
  // (Bankbridge's own client secret at the banks is the sandbox's published one here.)
  keep('the master key', t.platform.config.secretKey);

  // Clients: created, rotated (the old secret too), a wrong secret tried.
  keep('the test client secret', t.client.secret);
  const rotating = await t.platform.clients.create({ name: 'Rotating TPP' });
  keep('a rotated-away secret', rotating.secret);
  keep('a rotated secret', await t.platform.clients.rotateSecret(rotating.client.id));
  // The last character changed to one it is not, so the mistake is certain.
  const last = t.client.secret.endsWith('0') ? '1' : '0';
  const wrong = keep('a mistyped secret', `${t.client.secret.slice(0, -1)}${last}`);
  const refused = await t.auth.inject({
    method: 'POST',
    url: '/connect/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({
      client_id: t.client.id,
      client_secret: wrong,
      grant_type: 'client_credentials',
      scope: 'aspspinformation',
    }),
  });
  expect(refused.statusCode).toBe(401);

  // Tokens by every route: form body, Basic header, over a socket; one for the API's calls.
  const tpp = await testTpp(t);
  issued.push(tpp.token);
  const basic = await t.auth.inject({
    method: 'POST',
    url: '/connect/token',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: basicAuth(t.client.id, t.client.secret),
    },
    payload: form({ grant_type: 'client_credentials', scope: 'aspspinformation' }),
  });
  issued.push(basic.json().access_token);
  const overSocket = await fetch(`${authSocket}/connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form({
      client_id: t.client.id,
      client_secret: t.client.secret,
      grant_type: 'client_credentials',
      scope: 'accountinformation private',
    }),
  });
  issued.push(((await overSocket.json()) as { access_token: string }).access_token);

  // A decoupled consent (BankID) and one by redirect with PKCE, each read.
  decoupledConsent = await validConsent(t, { bic: DECOUPLED_BANK, token: tpp.token });
  const awaiting = await consentAwaitingRedirect(t, tpp);
  redirectConsent = awaiting.consentId;
  const pair = pkce();
  keep("the TPP's PKCE verifier", pair.verifier);
  const browser = new RecordingBrowser(t.auth, TEST_AUTH_URL);
  const back = await psuApprovesAtBank(
    browser,
    altered(awaiting.link, { code_challenge: pair.challenge, code_challenge_method: 'S256' }),
    TPP_REDIRECT,
    ANNA,
  );
  const callback = browser.opened.find((url) =>
    url.startsWith(`${TEST_AUTH_URL}/connect/bank-callback?`),
  );
  keep("the bank's authorization code", new URL(callback as string).searchParams.get('code') ?? '');
  const exchange = await authorisations.bankExchange(awaiting.authorisationId);
  keep("Bankbridge's PKCE verifier at the bank", exchange?.codeVerifier);
  const code = keep("Bankbridge's authorization code", back.code);
  const issuedCode = { ...awaiting, code, verifier: pair.verifier };
  const redeemed = await redeem(t, issuedCode);
  expect(redeemed.statusCode, redeemed.body).toBe(200);
  const codeToken = redeemed.json().access_token as string;
  issued.push(codeToken);
  await readEverything(codeToken, redirectConsent, REDIRECT_BANK);
  await readEverything(tpp.token, decoupledConsent, DECOUPLED_BANK);
  bankTokensBefore = {
    decoupled: await bankTokensOf(decoupledConsent),
    redirect: await bankTokensOf(redirectConsent),
  };

  // A replayed code, a revocation and an introspection.
  expect((await redeem(t, issuedCode)).statusCode).toBe(400);
  const revoked = await t.tokenFor(t.client, 'aspspinformation');
  issued.push(revoked);
  for (const endpoint of ['/connect/introspect', '/connect/revocation']) {
    const response = await t.auth.inject({
      method: 'POST',
      url: endpoint,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ client_id: t.client.id, client_secret: t.client.secret, token: revoked }),
    });
    expect(response.statusCode, endpoint).toBe(200);
  }

  // Secrets where they do not belong: a token in the query string, a secret and a code in the
  // query of a GET to the token endpoint (405), the token as X-Request-ID.
  const queried = await t.api.inject({
    method: 'GET',
    url: `${AIS}/accounts?access_token=${tpp.token}`,
    headers: { 'x-request-id': randomUUID(), 'consent-id': decoupledConsent },
  });
  expect(queried.statusCode).toBe(401);
  const misplaced = await fetch(
    `${authSocket}/connect/token?client_secret=${t.client.secret}&code=${code}&refresh_token=${tpp.token}`,
  );
  expect(misplaced.status).toBe(405);
  const asRequestId = await t.api.inject({
    method: 'GET',
    url: '/psd2/aspspinformation/v1/aspsps',
    headers: { ...psd2Headers(tpp.token), 'x-request-id': tpp.token },
  });
  expect(asRequestId.statusCode).toBe(400);

  // 59 minutes on, the bank's tokens are due: the next reads refresh them.
  offsetMs = 3_550_000;
  const later = await t.token('accountinformation private');
  issued.push(later);
  await readEverything(later, decoupledConsent, DECOUPLED_BANK);
  await readEverything(later, redirectConsent, REDIRECT_BANK);
  bankTokensAfter = {
    decoupled: await bankTokensOf(decoupledConsent),
    redirect: await bankTokensOf(redirectConsent),
  };
  offsetMs = 0;
  for (const [when, all] of [
    ['before', bankTokensBefore],
    ['after', bankTokensAfter],
  ] as const) {
    for (const [which, tokens] of Object.entries(all)) {
      keep(
        `the bank's access token of the ${which} consent, ${when} the refresh`,
        tokens.accessToken,
      );
      keep(
        `the bank's refresh token of the ${which} consent, ${when} the refresh`,
        tokens.refreshToken ?? undefined,
      );
    }
  }
  for (const [i, token] of issued.entries()) keep(`access token ${i + 1}`, token);
});
afterAll(async () => {
  offsetMs = 0;
  await t?.close();
});

/** Every row of every table, as text. */
async function everyRow(): Promise<{ table: string; text: string }[]> {
  const tables = await t.store.db.introspection.getTables();
  expect(tables.map((table) => table.name)).toEqual(
    expect.arrayContaining(['clients', 'oidc_payloads', 'consents', 'sca_authorisations']),
  );
  const rows: { table: string; text: string }[] = [];
  for (const { name } of tables) {
    // biome-ignore lint/suspicious/noExplicitAny: every table, whatever its columns
    const all = await (t.store.db as any).selectFrom(name).selectAll().execute();
    for (const row of all as object[]) rows.push({ table: name, text: JSON.stringify(row) });
  }
  return rows;
}

/** The part of a client secret after its `bbs_` prefix, which must not leak either. */
const body = (value: string) => value.replace(/^bbs_/, '');

describe('the flow', () => {
  it('refreshed the bank tokens and handled every kind of secret', () => {
    expect(bankTokensAfter.decoupled.accessToken).not.toBe(bankTokensBefore.decoupled.accessToken);
    expect(bankTokensAfter.redirect.accessToken).not.toBe(bankTokensBefore.redirect.accessToken);
    expect(secrets.size).toBe(23);
    expect(new Set(secrets.values()).size).toBe(secrets.size);
  });
});

describe('at rest', () => {
  it('stores client secrets as hashes that neither equal nor contain the secret', async () => {
    const rows = await t.store.db.selectFrom('clients').select(['secret_hash']).execute();
    for (const { secret_hash } of rows) expect(secret_hash).toMatch(/^sha256:[A-Za-z0-9_-]{43}$/);
    expect(new Set(rows.map((r) => r.secret_hash)).size).toBe(rows.length);
  });

  it('keeps no secret, token or code of the flow in clear in any row of any table', async () => {
    const rows = await everyRow();
    for (const [name, value] of secrets) {
      const found = rows.find((row) => row.text.includes(body(value)));
      expect(found?.table, `${name} is stored in clear`).toBeUndefined();
    }
  });

  it('stores token and code rows under a hash of the value, without the value', async () => {
    const rows = await t.store.db.selectFrom('oidc_payloads').selectAll().execute();
    expect(rows.filter((r) => r.model === 'ClientCredentials').length).toBeGreaterThan(3);
    for (const row of rows) {
      expect(row.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
      if (row.model !== 'Session') expect(JSON.parse(row.payload)).not.toHaveProperty('jti');
    }
  });

  it('seals the bank tokens: what Bankbridge holds opens only with its key, and works at the bank', async () => {
    const row = await t.store.db
      .selectFrom('consents')
      .select(['bank_tokens', 'bank_consent_id'])
      .where('id', '=', decoupledConsent)
      .executeTakeFirstOrThrow();
    expect(row.bank_tokens).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    // The tokens are the bank's own: the bank answers them directly.
    const atBank = await fetch(`${t.sandboxUrl}/banks/${DECOUPLED_BANK}/v1/accounts`, {
      headers: {
        authorization: `Bearer ${bankTokensAfter.decoupled.accessToken}`,
        'consent-id': row.bank_consent_id as string,
        'x-request-id': randomUUID(),
        'psu-ip-address': '192.0.2.10',
      },
    });
    expect(atBank.status, await atBank.clone().text()).toBe(200);
    // Another key opens nothing, nor does the right key for another consent's row.
    const otherKey = new ConsentsRepository(
      t.store.db,
      new SealedBox(t.platform.masterKey.derive('page-cursors')),
    );
    await expect(otherKey.bankTokens(decoupledConsent)).rejects.toThrow();
    const moved = await t.store.db
      .selectFrom('consents')
      .select('bank_tokens')
      .where('id', '=', redirectConsent)
      .executeTakeFirstOrThrow();
    const box = new SealedBox(t.platform.masterKey.derive('bank-tokens'));
    expect(() =>
      box.open(moved.bank_tokens as string, `consent:${decoupledConsent}:bank-tokens`),
    ).toThrow();
  });

  it.runIf(TEST_DB === 'sqlite')('keeps none of them in the database files', async () => {
    const file = path.join(t.store.dataDir, SQLITE_FILE);
    const bytes = [file, `${file}-wal`]
      .filter((f) => existsSync(f))
      .map((f) => readFileSync(f).toString('latin1'))
      .join('');
    // The scan sees plain column values, so it would see a secret stored in clear.
    expect(bytes).toContain('Rotating TPP');
    for (const [name, value] of secrets) {
      expect(bytes.includes(body(value)), `${name} is in the database file`).toBe(false);
    }
  });

  it('makes what is stored useless as a bearer token', async () => {
    const rows = await t.store.db
      .selectFrom('oidc_payloads')
      .select('id')
      .where('model', 'in', ['ClientCredentials', 'AccessToken'])
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const { id } of rows) {
      const response = await t.api.inject({
        method: 'GET',
        url: '/psd2/aspspinformation/v1/countries',
        headers: psd2Headers(id),
      });
      expect(response.statusCode).toBe(401);
      expect(response.json().tppMessages[0].code).toBe('TOKEN_INVALID');
    }
  });
});

describe('in the logs', () => {
  it('were written for the whole flow', () => {
    const logs = logLines.join('\n');
    for (const seen of [
      decoupledConsent,
      redirectConsent,
      '/connect/bank-callback',
      '/connect/token',
      '/connect/revocation',
      'access_token=%5Bredacted%5D',
      'client_secret=%5Bredacted%5D',
    ]) {
      expect(logs, seen).toContain(seen);
    }
  });

  it('hold no secret, token or code of the flow, in any line', () => {
    for (const [name, value] of secrets) {
      const line = logLines.find((l) => l.includes(body(value)));
      expect(line, `${name} is logged`).toBeUndefined();
    }
  });
});
