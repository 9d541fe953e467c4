/**
 * What the attack suite shares: the requests an attacker (or a buggy TPP) sends, and the three
 * ways a test sees what a request did beyond its answer: the bank calls it caused (the sandbox
 * banks log every request under the X-Request-ID Bankbridge sends them), the stored state
 * (every table that holds clients, tokens, consents and counters, read raw), and the code a
 * redirect SCA hands the TPP before it is redeemed.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import { Browser, type Page } from '../auth/redirect-sca-browser.js';
import { psuApprovesAtBank } from '../guide/psu-browser.js';
import { ANNA, consentBody } from '../support/ais-consent.js';
import { startTestPlatform, TEST_AUTH_URL, type TestPlatform } from '../support/test-platform.js';
import { form } from '../support/token-requests.js';

export const CONSENTS = '/psd2/consent/v1/consents';
export const AIS = '/psd2/accountinformation/v1';
export const TPP_REDIRECT = 'https://tpp.example/callback';
/** A bank that authorises by redirect (Nordea) and one that authorises by BankID (Swedbank). */
export const REDIRECT_BANK = 'NDEASESS';
export const DECOUPLED_BANK = 'SWEDSESS';
export const PSU = { 'psu-ip-address': '192.0.2.10', 'psu-user-agent': 'Mozilla/5.0 (test)' };

export interface Tpp {
  id: string;
  secret: string;
  /** A client-credentials token with scope `accountinformation private`. */
  token: string;
}

/** A registered client besides the test platform's own, with a token for account information. */
export async function anotherTpp(
  t: TestPlatform,
  options: { name?: string; redirectUris?: string[]; scopes?: string[] } = {},
): Promise<Tpp> {
  const { client, secret } = await t.platform.clients.create({
    name: options.name ?? 'Other TPP',
    redirectUris: options.redirectUris ?? [TPP_REDIRECT],
    ...(options.scopes ? { scopes: options.scopes } : {}),
  });
  const canRead = !options.scopes || options.scopes.includes('accountinformation');
  const token = canRead
    ? await t.tokenFor({ id: client.id, secret }, 'accountinformation private')
    : '';
  return { id: client.id, secret, token };
}

export async function testTpp(t: TestPlatform): Promise<Tpp> {
  return { ...t.client, token: await t.token('accountinformation private') };
}

/** A /psd2 request as the integration guide sends it, with a fresh X-Request-ID. */
export function psd2(
  t: TestPlatform,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  options: { token: string; bic?: string; body?: unknown; headers?: Record<string, string> },
) {
  return t.api.inject({
    method,
    url,
    headers: {
      accept: 'application/json',
      authorization: `Bearer ${options.token}`,
      'content-type': 'application/json',
      'x-request-id': randomUUID(),
      'x-bicfi': options.bic ?? DECOUPLED_BANK,
      ...PSU,
      ...options.headers,
    },
    ...(options.body === undefined
      ? {}
      : {
          payload: typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
        }),
  });
}

/** The body with a field error's `path` checked against its text and set aside. */
export function withoutPath(body: { tppMessages?: Array<{ path?: string; text?: string }> }) {
  const [message] = body.tppMessages ?? [];
  if (message?.path === undefined) return body;
  expect(message.text?.startsWith(`${message.path}: `), message.text).toBe(true);
  const { path: _path, ...rest } = message;
  return { ...body, tppMessages: [rest] };
}

/** The requests the sandbox banks received under one X-Request-ID (method and path). */
export function bankCallsOf(t: TestPlatform, requestId: string): string[] {
  return t.bankLogLines
    .map((line) => JSON.parse(line) as { reqId?: string; msg?: string; req?: { url?: string } })
    .filter((line) => line.reqId === requestId && line.msg === 'incoming request')
    .map((line) => line.req?.url ?? '');
}

/** Every request the banks received so far, for "no bank call at all" checks. */
export function bankRequestCount(t: TestPlatform): number {
  return t.bankLogLines.filter((line) => line.includes('"incoming request"')).length;
}

/**
 * The stored state an invalid request must leave alone: every row of the tables of clients,
 * tokens and codes, consents, their authorisations and history, account ids, and the reads
 * frequency counters have counted. The request log (the portal's audit trail of authenticated
 * calls) is meant to grow.
 */
export async function storedState(t: TestPlatform): Promise<Record<string, string[]>> {
  const db = t.store.db;
  const tables = [
    'clients',
    'oidc_payloads',
    'consents',
    'sca_authorisations',
    'sca_events',
    'consent_events',
    'account_ids',
    'settings',
  ] as const;
  const state: Record<string, string[]> = {};
  for (const table of tables) {
    const rows = await db.selectFrom(table).selectAll().execute();
    state[table] = rows.map((row) => JSON.stringify(row)).sort();
  }
  // A read is counted before its query is checked (rule 5 before rule 6) and given back when
  // the query is refused: what must not change is the budget spent, not the counter's row.
  const counters = await db.selectFrom('frequency_counters').select(['key', 'count']).execute();
  state.frequency_counters = counters
    .filter((row) => row.count > 0)
    .map((row) => `${row.key}=${row.count}`)
    .sort();
  return state;
}

/** A consent awaiting a redirect SCA at `bic`: the filled scaOAuth link the TPP sends the PSU to. */
export async function consentAwaitingRedirect(
  t: TestPlatform,
  tpp: Tpp,
  options: { bic?: string; state?: string } = {},
): Promise<{ consentId: string; authorisationId: string; link: string }> {
  const bic = options.bic ?? REDIRECT_BANK;
  const created = await psd2(t, 'POST', CONSENTS, {
    token: tpp.token,
    bic,
    body: consentBody(new Date()),
  });
  expect(created.statusCode, created.body).toBe(201);
  const consentId = created.json().consentId as string;
  const started = await psd2(t, 'POST', `${CONSENTS}/${consentId}/authorisations`, {
    token: tpp.token,
    bic,
  });
  expect(started.statusCode, started.body).toBe(201);
  const authorisationId = started.json().authorisationId as string;
  const selected = await psd2(
    t,
    'PUT',
    `${CONSENTS}/${consentId}/authorisations/${authorisationId}`,
    {
      token: tpp.token,
      bic,
      body: { authenticationMethodId: started.json().scaMethods[0].authenticationMethodId },
    },
  );
  expect(selected.statusCode, selected.body).toBe(200);
  const link = (selected.json()._links.scaOAuth.href as string)
    .replace('[CLIENT_ID]', encodeURIComponent(tpp.id))
    .replace('[TPP_REDIRECT_URI]', encodeURIComponent(TPP_REDIRECT))
    .replace('[TPP_STATE]', encodeURIComponent(options.state ?? 'tpp-state'));
  return { consentId, authorisationId, link };
}

/** A PKCE pair (RFC 7636, S256). */
export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** A link with query parameters changed, added, or taken out (null). */
export function altered(link: string, change: Record<string, string | null>): string {
  const url = new URL(link);
  for (const [name, value] of Object.entries(change)) {
    if (value === null) url.searchParams.delete(name);
    else url.searchParams.set(name, value);
  }
  return url.href;
}

export interface IssuedCode {
  consentId: string;
  authorisationId: string;
  code: string;
  /** The PKCE verifier the TPP keeps, when the link carried a challenge. */
  verifier?: string;
}

/**
 * A redirect SCA up to the code: the PSU approves at the bank and the browser lands on the
 * TPP's redirect URI with a code that is not redeemed yet.
 */
export async function issuedCode(
  t: TestPlatform,
  tpp: Tpp,
  options: { pkce?: boolean; change?: Record<string, string | null> } = {},
): Promise<IssuedCode> {
  const { consentId, authorisationId, link } = await consentAwaitingRedirect(t, tpp);
  const pair = options.pkce ? pkce() : undefined;
  const filled = altered(link, {
    ...(pair ? { code_challenge: pair.challenge, code_challenge_method: 'S256' } : {}),
    ...options.change,
  });
  const back = await psuApprovesAtBank(
    new Browser(t.auth, TEST_AUTH_URL),
    filled,
    TPP_REDIRECT,
    ANNA,
  );
  expect(back.code, JSON.stringify(back)).toEqual(expect.any(String));
  return {
    consentId,
    authorisationId,
    code: back.code as string,
    ...(pair ? { verifier: pair.verifier } : {}),
  };
}

/** The guide's code redemption: form body with the client's credentials, consent headers. */
export function redeem(
  t: TestPlatform,
  issued: IssuedCode,
  options: {
    as?: { id: string; secret: string };
    fields?: Record<string, string | undefined>;
    headers?: Record<string, string>;
  } = {},
) {
  const who = options.as ?? t.client;
  return t.auth.inject({
    method: 'POST',
    url: '/connect/token',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-consentid': issued.consentId,
      'x-consentauthorisationid': issued.authorisationId,
      ...options.headers,
    },
    payload: form({
      client_id: who.id,
      client_secret: who.secret,
      grant_type: 'authorization_code',
      code: issued.code,
      redirect_uri: TPP_REDIRECT,
      ...(issued.verifier ? { code_verifier: issued.verifier } : {}),
      ...options.fields,
    }),
  });
}

/** RFC 7662 introspection by the test client: whether the auth server stands by a token. */
export async function introspect(t: TestPlatform, token: string): Promise<{ active: boolean }> {
  const response = await t.auth.inject({
    method: 'POST',
    url: '/connect/introspect',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ client_id: t.client.id, client_secret: t.client.secret, token }),
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

/** The page an authorize endpoint shows instead of redirecting: exactly this error, nothing else. */
export function expectErrorPage(page: Page, error: string, description: string): void {
  expect(page.status, page.body).toBe(400);
  expect(page.location).toBeUndefined();
  expect(page.headers['set-cookie']).toBeUndefined();
  expect(page.headers['content-type']).toMatch(/^text\/html/);
  expect(page.headers['cache-control']).toBe('no-store');
  expect(page.body).toContain(`<p>Error: <code>${error}</code></p>`);
  expect(page.body).toContain(`<p>${description.replaceAll("'", '&#39;')}</p>`);
}

/**
 * A platform whose clock the test moves, listening on real sockets: races must arrive as
 * separate requests, not as inject() calls one event loop turn apart. `authSocket` is the auth
 * server's address.
 */
export async function startRacePlatform(
  now: () => Date,
): Promise<{ t: TestPlatform; authSocket: string }> {
  const t = await startTestPlatform({
    sandbox: true,
    now,
    env: { BANKBRIDGE_HOST: '127.0.0.1', BANKBRIDGE_API_PORT: '0', BANKBRIDGE_AUTH_PORT: '0' },
  });
  await t.platform.listen();
  return { t, authSocket: `http://127.0.0.1:${(t.auth.server.address() as AddressInfo).port}` };
}

/** What /connect answers for every invalid_grant oidc-provider decides itself: no detail to probe. */
export const GRANT_INVALID = {
  error: 'invalid_grant',
  error_description: 'grant request is invalid',
};

/** A client that fails to authenticate, at /connect and /oauth alike. */
export const CLIENT_AUTHENTICATION_FAILED = {
  error: 'invalid_client',
  error_description:
    'client authentication failed: check client_id and client_secret (a rotated secret replaces the old one at once)',
};

/** An RFC 6749 5.2 error, exactly: status, JSON body, never cached, no token. */
export function expectOAuthRefusal(
  response: { statusCode: number; headers: Record<string, unknown>; body: string },
  status: number,
  body: { error: string; error_description: string },
): void {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.headers['cache-control']).toBe('no-store');
  expect(JSON.parse(response.body)).toEqual(body);
}

export interface SocketAnswer {
  status: number;
  cacheControl: string | null;
  body: Record<string, unknown>;
}

/**
 * Form posts sent at once over real sockets, as retries of a client (or a client and a thief)
 * would arrive; answers in the order sent.
 */
export function formPostsAtOnce(
  url: string,
  requests: Array<{ headers: Record<string, string>; fields: Record<string, string | undefined> }>,
): Promise<SocketAnswer[]> {
  return Promise.all(
    requests.map(async ({ headers, fields }) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: form(fields),
      });
      return {
        status: response.status,
        cacheControl: response.headers.get('cache-control'),
        body: (await response.json()) as Record<string, unknown>,
      };
    }),
  );
}

/**
 * Ten redemptions of one code or refresh token at once: exactly one gets tokens, the others
 * the same answer as a later replay, none cached. Returns the winner's tokens.
 */
export function expectOneWinner(
  answers: SocketAnswer[],
  refusal: { error: string; error_description: string } = GRANT_INVALID,
): Record<string, unknown> {
  expect(answers.map((a) => a.status).sort()).toEqual([
    200, 400, 400, 400, 400, 400, 400, 400, 400, 400,
  ]);
  for (const answer of answers) expect(answer.cacheControl).toBe('no-store');
  // Whether a request lost in the store or read the value as used, it is the same replay.
  for (const refused of answers.filter((a) => a.status === 400)) {
    expect(refused.body).toEqual(refusal);
  }
  return answers.find((a) => a.status === 200)?.body as Record<string, unknown>;
}
