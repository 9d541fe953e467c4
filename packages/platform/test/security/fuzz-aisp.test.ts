/**
 * Fuzzing the simple AISP API: invalid requests for every operation of its OpenAPI document
 * (openapi/aisp-v1.yaml, read at run time, so an operation added there is fuzzed without an edit
 * here, and the file fails when it cannot build a valid request for one), and for its OAuth
 * server's /oauth/token, /oauth/revoke and /oauth/authorize.
 *
 * As in fuzz.test.ts, each case starts from a request that would be valid (a real access
 * token of the scope the operation needs, a real account id, a real refresh token, an
 * unredeemed code, an authorization request the consent page would take) and applies up to
 * three mutations of noise, then one or two that make it invalid for sure: a missing, garbage,
 * tampered, revoked or foreign token (a /psd2 one, a refresh token), a token without the
 * scope, a method the path does not declare, a wrong Accept, a garbage or foreign account id,
 * a query value the document refuses (dates, the status enum), a garbage, tampered or foreign
 * cursor, a cursor not alone, a reversed date range, a parameter twice; at /oauth, wrong client
 * credentials, grants, codes, redirect URIs, scopes, PKCE, content types and methods. The
 * noise: unicode (sent as its UTF-8 bytes, as a client on the wire would), very long strings,
 * boundary numbers and dates, injection-like text in headers, query parameters and form
 * fields, unknown parameters (the API ignores them, so they cannot be the breaker), a body on
 * a GET (ignored too), duplicated headers, no PSU-IP-Address (an unattended read).
 *
 * For every case: never a 5xx; on /aisp/v1 the document's error (the Error schema, the status
 * the document gives its code, the headers of that response, X-Request-ID echoed and in the
 * body, RFC 6750's WWW-Authenticate on token errors); at /oauth/token and /oauth/revoke an
 * RFC 6749 JSON error with no-store; at /oauth/authorize an error page, or an error redirect to
 * the registered URI with the app's state and no code; no bank call; and no stored state
 * changed (every table of clients, tokens, consents and counters, read before and after).
 *
 * Bounded for CI by FUZZ_CASES: 400 cases per family by default (four families), about 15 s on
 * two cores. `npm run fuzz` is the long run of both fuzzers. A failure names the seed, the case
 * and the request; `FUZZ_SEED=<seed> FUZZ_CASES=<case + 1> npx vitest run
 * packages/platform/test/security/fuzz-aisp.test.ts` replays it.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAispContract } from '../../src/aisp/openapi.js';
import type {
  OpenApiDocument,
  ResponseObject,
  SchemaObject,
} from '../../src/contract/openapi-document.js';
import { resolveRef } from '../../src/contract/resolve-ref.js';
import {
  ALL_SCOPES,
  APP_REDIRECT,
  type App,
  authorizeUrl,
  connectByRedirect,
  exchangeCode,
  pkce,
  type Tokens,
} from '../aisp/support.js';
import { validConsent } from '../support/ais-consent.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { basicAuth, form } from '../support/token-requests.js';
import {
  type Answer,
  authorizeProblems,
  caseFailure,
  checkCase,
  formCaseFailure,
  fuzzCases,
  fuzzSeed,
  fuzzTimeoutMs,
  notAnIpAddress,
  Rng,
  tokenEndpointProblems,
  UUID,
} from './fuzz-support.js';
import { AIS, DECOUPLED_BANK, psd2 } from './helpers.js';

const CASES = fuzzCases(400);
const SEED = fuzzSeed();
const TIMEOUT_MS = fuzzTimeoutMs(CASES);
const AISP = '/aisp/v1';
const contract = loadAispContract();

// ---------------------------------------------------------------------------------------------
// The operations of the document, with what a valid request to each needs.

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: SchemaObject;
}

interface Operation {
  id: string;
  method: string;
  template: string;
  /** Methods the document declares on the path: every other one is wrong. */
  pathMethods: Set<string>;
  parameters: Parameter[];
  /** The scopes of each alternative the operation accepts; none: the operation is public. */
  security: string[][];
  /** The statuses the operation declares. */
  statuses: Set<string>;
  hasBody: boolean;
}

function documentOperations(): Operation[] {
  const document = contract.document;
  return contract.operations.operations.map((operation) => {
    const item = document.paths[operation.pathTemplate] as Record<string, unknown>;
    const declared = item[operation.method] as {
      parameters?: unknown[];
      requestBody?: unknown;
      security?: Record<string, string[]>[];
    };
    const parameters = [...((item.parameters as unknown[]) ?? []), ...(declared.parameters ?? [])]
      .map((p) => resolveRef<Parameter>(document, p as Parameter))
      .map((p) => ({
        name: p.name,
        in: p.in,
        required: p.required === true,
        schema: resolveRef<SchemaObject>(document, p.schema ?? {}),
      }));
    const requirements = (declared.security ?? document.security ?? []) as Record<
      string,
      string[]
    >[];
    // `{}` among the alternatives makes a token optional: the operation is public then.
    const security = requirements.some((r) => Object.keys(r).length === 0)
      ? []
      : requirements.map((r) => Object.values(r).flat());
    return {
      id: operation.operationId,
      method: operation.method.toUpperCase(),
      template: operation.pathTemplate,
      pathMethods: new Set(
        contract.operations.operations
          .filter((o) => o.pathTemplate === operation.pathTemplate)
          .map((o) => o.method.toUpperCase()),
      ),
      parameters,
      security,
      statuses: new Set(Object.keys(operation.responses)),
      hasBody: declared.requestBody !== undefined,
    };
  });
}

/**
 * The statuses the document gives each error code: the codes of the Error schema named in the
 * description of the responses that carry them (`not_found` in the 404's, say).
 */
function documentedErrorStatuses(document: OpenApiDocument): Map<string, Set<number>> {
  const error = resolveRef<SchemaObject>(document, document.components.schemas.Error ?? {});
  const codes = ((error.properties as Record<string, { enum?: string[] }>)?.error?.enum ??
    []) as string[];
  const statuses = new Map<string, Set<number>>(codes.map((code) => [code, new Set()]));
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item)) {
      const responses = (operation as { responses?: Record<string, unknown> }).responses ?? {};
      for (const [status, declared] of Object.entries(responses)) {
        const response = resolveRef<ResponseObject>(document, declared as ResponseObject);
        for (const [, code] of (response.description ?? '').matchAll(/`([a-z_]+)`/g)) {
          statuses.get(code as string)?.add(Number(status));
        }
      }
    }
  }
  return statuses;
}

// ---------------------------------------------------------------------------------------------
// What every answer of /aisp/v1 must look like.

interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[]>;
}

const ERROR_SCHEMA = { $ref: '#/components/schemas/Error' };
const ERROR_STATUSES = documentedErrorStatuses(contract.document);

function aispProblems(answer: Answer, request: SentRequest): string[] {
  const problems: string[] = [];
  const status = answer.statusCode;
  if (status < 400 || status >= 500) problems.push(`status ${status}, not a 4xx`);
  if (!String(answer.headers['content-type']).startsWith('application/json')) {
    return [...problems, `content-type ${answer.headers['content-type']}`];
  }
  if (/\n\s+at |node_modules|\.ts:\d+/.test(answer.body)) problems.push('a stack trace');
  let body: { error?: string; request_id?: string };
  try {
    body = JSON.parse(answer.body);
  } catch {
    return [...problems, 'body is not JSON'];
  }
  problems.push(...contract.validators.check(ERROR_SCHEMA, body, 'body'));
  if (!ERROR_STATUSES.get(String(body.error))?.has(status)) {
    problems.push(`error ${body.error} with status ${status}, which the document does not pair`);
  }
  const requestId = answer.headers['x-request-id'];
  if (!UUID.test(String(requestId))) problems.push('no UUID X-Request-ID on the answer');
  if (body.request_id !== requestId) problems.push('request_id is not the X-Request-ID');
  // RFC 6750 3: a challenge on every token error, naming the error once a token was sent.
  const challenge = String(answer.headers['www-authenticate'] ?? '');
  const sentToken = request.headers.authorization !== undefined;
  if (status === 401 && !challenge.startsWith('Bearer ')) problems.push('401 without a challenge');
  if (status === 401 && sentToken && !challenge.includes('error="invalid_token"')) {
    problems.push(`401 to a token with the challenge ${challenge}`);
  }
  if (body.error === 'insufficient_scope' && !challenge.includes('error="insufficient_scope"')) {
    problems.push(`insufficient_scope with the challenge ${challenge}`);
  }
  // The response the document declares for the operation and status: headers and body. A
  // request with a wrong method and a second fault may be refused for the other: it is
  // held to the answer the path's declared operation gives with that status.
  const lookup = contract.operations.find(request.method, request.url);
  if (lookup.kind === 'found' || lookup.kind === 'method-not-declared') {
    const method =
      lookup.kind === 'method-not-declared' && status !== 405
        ? (lookup.declared[0]?.method ?? request.method)
        : request.method;
    const wireId = request.headers['x-request-id'];
    problems.push(
      ...contract.checkResponse({
        method,
        url: request.url,
        statusCode: status,
        headers: answer.headers as Record<string, string>,
        body: answer.body,
        requestId: typeof wireId === 'string' ? wireId : undefined,
      }),
    );
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------

let t: TestPlatform;
let operations: Operation[];
/** An app with every scope at Nordea: the token and account ids of valid requests. */
let main: Tokens;
let account: string;
/** Nordea again, scope `accounts` only: a token without what balances and transactions need. */
let accountsOnly: Tokens;
/** A grant revoked at /oauth/revoke: its tokens are dead. */
let revoked: Tokens;
/** The grant refreshed and revoked by the /oauth cases (were any of them valid). */
let oauthGrant: Tokens;
/** A code of the test client, never redeemed: got when the token cases start (it lives 300 s). */
let unredeemedCode: string;
/** Another app's grant, and accounts that are not the test client's under `main`. */
let otherAppGrant: Tokens;
let foreignAccounts: string[];
let psd2Token: string;
/** A real cursor, of another account than `account`. */
let foreignCursor: string;
let publicApp: App;

async function accountsOf(tokens: Tokens): Promise<string[]> {
  const list = await t.api.inject({
    method: 'GET',
    url: `${AISP}/accounts`,
    headers: { authorization: `Bearer ${tokens.access_token}`, 'psu-ip-address': '192.0.2.10' },
  });
  expect(list.statusCode, list.body).toBe(200);
  return list.json().accounts.map((a: { id: string }) => a.id);
}

async function cursorOf(tokens: Tokens, accountId: string): Promise<string> {
  const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
  const page = await t.api.inject({
    method: 'GET',
    url: `${AISP}/accounts/${accountId}/transactions?date_from=${yearAgo}`,
    headers: { authorization: `Bearer ${tokens.access_token}`, 'psu-ip-address': '192.0.2.10' },
  });
  expect(page.statusCode, page.body).toBe(200);
  const cursor = page.json().next_cursor as string | null;
  expect(cursor, 'an account with more than one page of transactions').toBeTruthy();
  return cursor as string;
}

beforeAll(async () => {
  t = await startTestPlatform({ sandbox: true });
  const grant = async (app: App, options: Parameters<typeof connectByRedirect>[2] = {}) =>
    exchangeCode(t, (await connectByRedirect(t, app, options)).code as string, { app });
  main = await grant(t.client);
  accountsOnly = await grant(t.client, { scope: 'accounts' });
  revoked = await grant(t.client);
  const revocation = await t.auth.inject({
    method: 'POST',
    url: '/oauth/revoke',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: basicAuth(t.client.id, t.client.secret),
    },
    payload: form({ token: revoked.refresh_token }),
  });
  expect(revocation.statusCode, revocation.body).toBe(200);
  oauthGrant = await grant(t.client);

  const other = await t.platform.clients.create({
    name: 'Other app',
    redirectUris: [APP_REDIRECT],
  });
  otherAppGrant = await grant({ id: other.client.id, secret: other.secret });
  publicApp = {
    id: (await t.platform.clients.createPublic({ name: 'Phone app', redirectUris: [APP_REDIRECT] }))
      .id,
  };

  const accounts = await accountsOf(main);
  expect(accounts.length).toBeGreaterThan(1);
  foreignCursor = await cursorOf(main, accounts[0] as string);
  account = accounts[1] as string;

  psd2Token = await t.token('accountinformation private');
  const consentId = await validConsent(t, { bic: DECOUPLED_BANK, token: psd2Token });
  const elsewhere = await psd2(t, 'GET', `${AIS}/accounts`, {
    token: psd2Token,
    headers: { 'consent-id': consentId },
  });
  expect(elsewhere.statusCode, elsewhere.body).toBe(200);
  foreignAccounts = [
    // The same app's account at another bank, under another consent.
    elsewhere.json().accounts[0].resourceId as string,
    // Another app's account at the same bank: the same person's, not this app's to read.
    ...(await accountsOf(otherAppGrant)).slice(0, 1),
  ];
  operations = documentOperations();
}, 60_000);
afterAll(async () => {
  await t?.close();
});

// ---------------------------------------------------------------------------------------------
// Requests to /aisp/v1.

interface Request {
  method: string;
  /** In order, repeated names allowed: a parameter twice is one of the faults. */
  query: [string, string][];
  headers: Record<string, string | string[]>;
  body?: string;
}

type Mutation = (request: Request, params: Record<string, string>, rng: Rng) => string;

/** The scopes of the tokens the test holds; the first fitting an operation is its valid one. */
function heldTokens(): { name: string; token: string; scopes: string[] }[] {
  return [
    { name: 'every scope', token: main.access_token, scopes: ALL_SCOPES.split(' ') },
    { name: 'accounts only', token: accountsOnly.access_token, scopes: ['accounts'] },
  ];
}

function allows(security: string[][], scopes: string[]): boolean {
  return security.length === 0 || security.some((needs) => needs.every((s) => scopes.includes(s)));
}

/** Valid values of the path parameters the document has: a new one needs one here. */
function validPathValue(name: string): string | undefined {
  return { accountId: account }[name];
}

const DATE_NEAR_MISSES = [
  '2024-02-30',
  '2023-02-29',
  '2024-13-01',
  '2024-00-10',
  '2024-04-31',
  '0000-01-01',
  '15/01/2024',
  '20240115',
  '2024-1-15',
  ' 2024-01-15',
  '2024-01-15 ',
  '2024-01-15T00:00:00Z',
  '２０２４-01-15',
  '2024‐01‐15',
];

/** Whether the document's schema refuses `value`: then a request with it is invalid. */
function refused(schema: SchemaObject, value: string): boolean {
  return contract.validators.check(schema, value, 'value').length > 0;
}

/**
 * A value the parameter's schema refuses, drawn from near misses of its format or enum and
 * from hostile text; undefined when the schema takes any string (then the API's own rules for
 * the parameter, in `queryRules`, must say what is invalid).
 */
function refusedValue(parameter: Parameter, rng: Rng): string | undefined {
  const schema = parameter.schema;
  const constrained = ['format', 'enum', 'pattern', 'minLength', 'maxLength', 'const'].some(
    (keyword) => keyword in schema,
  );
  if (!constrained) return undefined;
  const nearMisses = [
    ...(schema.format === 'date' ? DATE_NEAR_MISSES : []),
    ...((schema.enum as string[] | undefined) ?? []).flatMap((v) => [
      v.toUpperCase(),
      ` ${v}`,
      `${v}x`,
      v.slice(1),
    ]),
  ];
  for (let tries = 0; tries < 200; tries++) {
    const value = nearMisses.length > 0 && rng.chance(0.5) ? rng.pick(nearMisses) : rng.text();
    if (refused(schema, value)) return value;
  }
  throw new Error(`no value found that the schema of ${parameter.name} refuses`);
}

function setQuery(r: Request, name: string, value: string) {
  r.query = r.query.filter(([n]) => n !== name);
  r.query.push([name, value]);
}

const today = () => new Date().toISOString().slice(0, 10);

/** Parameters whose schema takes any string: what makes them invalid is in `queryRules`. */
const JUDGED_BY_RULES = new Set(['cursor']);

/**
 * The API's own rules for its query parameters (api-routes.ts, transactionQuery, and the
 * document's descriptions): a cursor is opaque, bound to its account and comes alone; a range
 * runs forwards; each parameter comes once. Each applies where the operation has the
 * parameters it needs.
 */
function queryRules(names: Set<string>): Mutation[] {
  const has = (...needed: string[]) => needed.every((name) => names.has(name));
  const rules: Mutation[] = [];
  if (has('cursor')) {
    rules.push((r, _, rng) => {
      const choice = rng.int(3);
      if (choice === 0) setQuery(r, 'cursor', rng.text());
      else if (choice === 1) setQuery(r, 'cursor', foreignCursor);
      else {
        // Any character changed: the cursor is sealed.
        const real = foreignCursor;
        const at = rng.int(real.length);
        setQuery(
          r,
          'cursor',
          `${real.slice(0, at)}${real[at] === 'A' ? 'B' : 'A'}${real.slice(at + 1)}`,
        );
      }
      return ['cursor garbage', 'cursor of another account', 'cursor tampered'][choice] as string;
    });
    const others = ['date_from', 'date_to', 'status'].filter((name) => names.has(name));
    if (others.length > 0) {
      rules.push((r, _, rng) => {
        setQuery(r, 'cursor', rng.chance(0.5) ? foreignCursor : rng.nonBlank());
        const other = rng.pick(others);
        if (!r.query.some(([n]) => n === other)) {
          r.query.push([other, other === 'status' ? 'booked' : today()]);
        }
        return `cursor with ${other}`;
      });
    }
  }
  if (has('date_from', 'date_to')) {
    rules.push((r, _, rng) => {
      const to = new Date(Date.now() - rng.int(400) * 86_400_000);
      const from = new Date(to.getTime() + (1 + rng.int(400)) * 86_400_000);
      setQuery(r, 'date_from', from.toISOString().slice(0, 10));
      setQuery(r, 'date_to', to.toISOString().slice(0, 10));
      return 'date_from after date_to';
    });
  }
  const once = ['date_from', 'date_to', 'status', 'cursor'].filter((name) => names.has(name));
  if (once.length > 0) {
    rules.push((r, _, rng) => {
      const name = rng.pick(once);
      const first = r.query.find(([n]) => n === name)?.[1];
      if (first === undefined) r.query.push([name, rng.text()]);
      r.query.push([name, first !== undefined && rng.chance(0.5) ? first : rng.text()]);
      return `${name} twice`;
    });
  }
  return rules;
}

/** The request that would be valid, or an error naming what the file cannot build for it. */
function baseline(operation: Operation): { request: Request; params: Record<string, string> } {
  if (operation.hasBody) {
    throw new Error(`${operation.id} takes a body: the fuzzer needs a valid one for it`);
  }
  const params: Record<string, string> = {};
  for (const p of operation.parameters.filter((p) => p.in === 'path')) {
    const value = validPathValue(p.name);
    if (value === undefined) {
      throw new Error(`${operation.id}: no valid value of the path parameter ${p.name}`);
    }
    params[p.name] = value;
  }
  const required = operation.parameters.filter((p) => p.in !== 'path' && p.required);
  if (required.length > 0) {
    throw new Error(`${operation.id}: no valid value of ${required.map((p) => p.name)}`);
  }
  const headers: Record<string, string | string[]> = {
    accept: 'application/json',
    'x-request-id': randomUUID(),
    'psu-ip-address': '192.0.2.10',
    'psu-user-agent': 'Mozilla/5.0 (fuzz)',
  };
  if (operation.security.length > 0) {
    const held = heldTokens().find((h) => allows(operation.security, h.scopes));
    if (!held) throw new Error(`${operation.id}: no test token has the scope it needs`);
    headers.authorization = `Bearer ${held.token}`;
  }
  return { request: { method: operation.method, query: [], headers }, params };
}

/** Mutations that make any request to `operation` invalid, with what each did. */
function breakers(operation: Operation): Mutation[] {
  const declares = (status: number) => operation.statuses.has(String(status));
  const list: Mutation[] = [];
  if (operation.security.length > 0 && declares(401)) {
    list.push((r, _, rng) => {
      const wrong: [string, () => string | undefined][] = [
        ['removed', () => undefined],
        ['garbage', () => `Bearer ${rng.nonBlank()}`],
        ['another scheme', () => rng.pick([basicAuth('x', 'y'), `Token ${main.access_token}`])],
        ['no scheme', () => rng.pick([main.access_token, rng.nonBlank()])],
        ['of /psd2', () => `Bearer ${psd2Token}`],
        ['revoked', () => `Bearer ${revoked.access_token}`],
        ['a refresh token', () => `Bearer ${main.refresh_token}`],
        ['a revoked refresh token', () => `Bearer ${revoked.refresh_token}`],
        [
          'tampered',
          () => {
            const token = main.access_token;
            const at = rng.int(token.length);
            return `Bearer ${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;
          },
        ],
        ['with more', () => `Bearer ${main.access_token}${rng.nonBlank()}`],
      ];
      const [what, value] = rng.pick(wrong);
      const header = value();
      if (header === undefined) delete r.headers.authorization;
      else r.headers.authorization = header;
      return `token ${what}`;
    });
  }
  const takesUserAddress = operation.parameters.some(
    (p) => p.in === 'header' && p.name === 'PSU-IP-Address',
  );
  if (takesUserAddress && declares(400)) {
    // Any text there would mark the read as the user's and get round the daily budget.
    list.push((r, _, rng) => {
      r.headers['psu-ip-address'] = notAnIpAddress(rng);
      return 'PSU-IP-Address no IP address';
    });
  }
  const unfit = heldTokens().filter((h) => !allows(operation.security, h.scopes));
  if (unfit.length > 0 && declares(403)) {
    list.push((r, _, rng) => {
      const held = rng.pick(unfit);
      r.headers.authorization = `Bearer ${held.token}`;
      return `token with ${held.name}`;
    });
  }
  if (declares(405)) {
    const others = ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'].filter(
      (m) => !operation.pathMethods.has(m),
    );
    list.push((r, _, rng) => {
      r.method = rng.pick(others);
      if (r.method !== 'OPTIONS' && rng.chance(0.5)) {
        r.headers['content-type'] = rng.pick([
          'application/json',
          'application/x-www-form-urlencoded',
          'text/plain',
        ]);
        r.body = rng.pick(['{}', '{', 'a=1', rng.text(), 'x'.repeat(70_000)]);
      }
      return `method ${r.method}`;
    });
  }
  if (declares(406)) {
    list.push((r, _, rng) => {
      r.headers.accept = rng.pick([
        'text/html',
        'application/xml',
        'text/plain',
        'image/png',
        'text/*',
        'application/jsonx',
        'application/json;q=0',
        'application/json; q=0.0, text/html',
      ]);
      return `Accept ${r.headers.accept}`;
    });
  }
  const pathParams = operation.parameters.filter((p) => p.in === 'path');
  if (pathParams.length > 0 && declares(404)) {
    list.push((_, params, rng) => {
      const p = rng.pick(pathParams);
      if (rng.chance(0.3)) {
        params[p.name] = rng.pick(foreignAccounts);
        return `${p.name} foreign`;
      }
      let value = rng.text();
      while (value === '' || value === params[p.name]) value = rng.text();
      params[p.name] = value;
      return `${p.name} garbage`;
    });
  }
  const queries = operation.parameters.filter((p) => p.in === 'query');
  for (const p of queries) {
    if (refusedValue(p, new Rng(0)) === undefined) continue;
    list.push((r, _, rng) => {
      const value = refusedValue(p, rng) as string;
      setQuery(r, p.name, value);
      return `${p.name} = ${JSON.stringify(value.slice(0, 40))}`;
    });
  }
  list.push(...queryRules(new Set(queries.map((p) => p.name))));
  const unjudged = queries.filter(
    (p) => refusedValue(p, new Rng(0)) === undefined && !JUDGED_BY_RULES.has(p.name),
  );
  if (unjudged.length > 0) {
    throw new Error(
      `${operation.id}: no invalid value known for ${unjudged.map((p) => p.name).join(', ')}`,
    );
  }
  if (list.length === 0) throw new Error(`${operation.id}: nothing can make a request invalid`);
  return list;
}

/** Mutations that may or may not make a request invalid: noise around the breakers. */
function noise(operation: Operation): Mutation[] {
  const headerParams = operation.parameters.filter((p) => p.in === 'header');
  const queries = operation.parameters.filter((p) => p.in === 'query');
  const list: Mutation[] = [
    (r, _, rng) => {
      const name = `x-fuzz-${rng.int(100)}`;
      r.headers[name] = rng.text();
      return `unknown header ${name}`;
    },
    (r, _, rng) => {
      // Unknown here; some are the service's or /psd2's names, which must not leak through.
      const name = rng.pick([
        'foo',
        'access_token',
        '__proto__',
        'constructor',
        'page',
        'bookingStatus',
        'dateFrom',
        'withBalance',
        rng.text(),
      ]);
      r.query.push([name || 'empty', rng.text()]);
      return 'unknown query parameter';
    },
    (r, _, rng) => {
      // The same header twice, as a proxy that appends might send it.
      const name = rng.pick(Object.keys(r.headers).filter((h) => h !== 'x-request-id'));
      if (name) r.headers[name] = [r.headers[name] as string, rng.text()];
      return `header ${name} twice`;
    },
    (r, _, rng) => {
      // GET has no body: the API ignores one.
      r.headers['content-type'] = rng.pick([
        'application/json',
        'application/x-www-form-urlencoded',
        'text/plain',
        'application/octet-stream',
      ]);
      r.body = rng.pick(['{}', '{"accountId":"x"}', '{', rng.text(), 'x'.repeat(70_000)]);
      return 'a body';
    },
    (r, _, rng) => {
      r.headers.accept = rng.pick([
        '*/*',
        'application/*',
        'application/json, text/html',
        'text/html;q=0.9, application/json;q=0.1',
        'application/problem+json',
      ]);
      return `Accept ${r.headers.accept}`;
    },
  ];
  if (headerParams.length > 0) {
    list.push((r, _, rng) => {
      const p = rng.pick(headerParams);
      if (rng.chance(0.3)) delete r.headers[p.name.toLowerCase()];
      else r.headers[p.name.toLowerCase()] = rng.text();
      return `header ${p.name}`;
    });
  }
  if (queries.length > 0) {
    list.push((r, _, rng) => {
      const p = rng.pick(queries);
      setQuery(r, p.name, rng.text());
      return `query ${p.name}`;
    });
  }
  return list;
}

function pathOf(operation: Operation, params: Record<string, string>, rng: Rng): string {
  return `${AISP}${operation.template}`.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name] ?? 'x';
    // Mostly percent-encoded, as a client would; sometimes raw, as a broken one would.
    return rng.chance(0.15) ? value.replace(/[/?#\s]/g, '') || 'x' : encodeURIComponent(value);
  });
}

/**
 * A header value as a client puts it on the wire: text beyond Latin-1 as its UTF-8 bytes. Only
 * control characters (a line break) stay what no client can send.
 */
function onTheWire(headers: Record<string, string | string[]>): Record<string, string | string[]> {
  const wire = (value: string) => Buffer.from(value, 'utf8').toString('latin1');
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.map(wire) : wire(value),
    ]),
  );
}

// ---------------------------------------------------------------------------------------------
// Requests to /oauth.

/** Client authentication as the app sends it: HTTP Basic or the form. */
function withClient(
  app: { id: string; secret?: string | undefined },
  fields: Record<string, string>,
  headers: Record<string, string>,
  rng: Rng,
) {
  if (rng.chance(0.5)) headers.authorization = basicAuth(app.id, app.secret ?? '');
  else Object.assign(fields, { client_id: app.id, client_secret: app.secret ?? '' });
}

/** Faults of a form request at the token and revocation endpoints alike. */
function formBreakers(
  fields: Record<string, string>,
  headers: Record<string, string>,
  rng: Rng,
  set: { method: (m: string) => void; raw: (body: string) => void },
  repeatable: string,
): (() => string)[] {
  return [
    () => {
      if (headers.authorization) {
        headers.authorization = rng.chance(0.3)
          ? `Basic ${rng.nonBlank()}`
          : basicAuth(t.client.id, rng.nonBlank());
      } else if (rng.chance(0.3)) delete fields.client_secret;
      else fields.client_secret = rng.nonBlank();
      return 'client secret wrong or missing';
    },
    () => {
      const id = rng.chance(0.5) ? randomUUID() : rng.nonBlank();
      if (headers.authorization) headers.authorization = basicAuth(id, t.client.secret);
      else fields.client_id = id;
      return 'client unknown';
    },
    () => {
      // RFC 6749 2.3: one client authentication method per request, whichever is right.
      if (headers.authorization) {
        Object.assign(fields, { client_id: t.client.id, client_secret: t.client.secret });
      } else {
        headers.authorization = basicAuth(t.client.id, t.client.secret);
        fields.client_secret ??= t.client.secret;
      }
      return 'client authenticated twice';
    },
    () => {
      headers['content-type'] = rng.pick([
        'application/json',
        'text/plain',
        'multipart/form-data; boundary=x',
        'application/xml',
      ]);
      return `content type ${headers['content-type']}`;
    },
    () => {
      const method = rng.pick(['GET', 'PUT', 'DELETE', 'PATCH']);
      set.method(method);
      return `method ${method}`;
    },
    () => {
      const first = { ...fields, [repeatable]: fields[repeatable] ?? rng.nonBlank() };
      // Not empty: RFC 6749 3.1 has a parameter without a value taken as absent.
      set.raw(`${form(first)}&${repeatable}=${encodeURIComponent(rng.nonBlank())}`);
      return `${repeatable} twice`;
    },
    () => {
      set.raw(
        rng.pick([
          '%',
          '%E0%A4%A=%&&==grant_type',
          '&&&',
          'token',
          `${'a'.repeat(70_000)}=1`,
          JSON.stringify(fields),
        ]),
      );
      return 'body not form encoding';
    },
  ];
}

/** At /oauth/authorize: an error page or an error redirect with the app's state; 405 as JSON. */
function authorizationProblems(answer: Answer, sentState: string | undefined): string[] {
  if (answer.statusCode === 405) {
    const problems = tokenEndpointProblems(answer);
    return answer.headers.allow ? problems : [...problems, '405 without Allow'];
  }
  const problems = authorizeProblems(answer, APP_REDIRECT);
  const location = String(answer.headers.location ?? '');
  if (problems.length === 0 && location) {
    const params = new URLSearchParams(location.split(/[?#]/, 2)[1] ?? '');
    if (params.has('code')) problems.push('a code in the error redirect');
    if (sentState && params.get('state') !== sentState) {
      problems.push(`state ${params.get('state')}, not the app's`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------

describe(`fuzzing the AISP API (${CASES} cases per family, seed ${SEED})`, () => {
  it(
    'every operation of aisp-v1.yaml: never a 5xx, always its error, no bank call, nothing stored',
    async () => {
      const rng = new Rng(SEED);
      const failures: string[] = [];
      const seen = new Map<string, number>();
      // Every operation at once, so one the file cannot fuzz fails the run whatever the seed.
      const generators = new Map(
        operations.map((op) => {
          baseline(op);
          return [op.id, { breakers: breakers(op), noise: noise(op) }];
        }),
      );
      const unpaired = [...ERROR_STATUSES].filter(([, statuses]) => statuses.size === 0);
      expect(unpaired, 'error codes the document gives no status').toEqual([]);
      let sent = 0;
      for (let i = 0; i < CASES && failures.length < 5; i++) {
        const operation = rng.pick(operations);
        const { breakers: breaking, noise: noisy } = generators.get(operation.id) as {
          breakers: Mutation[];
          noise: Mutation[];
        };
        const { request, params } = baseline(operation);
        // Noise first: it may undo what a breaker did (drop a header it broke), never after.
        const applied: string[] = [];
        for (let n = rng.int(4); n > 0; n--) applied.push(rng.pick(noisy)(request, params, rng));
        for (let n = rng.chance(0.3) ? 2 : 1; n > 0; n--) {
          applied.push(rng.pick(breaking)(request, params, rng));
        }
        const path = pathOf(operation, params, rng);
        const query = request.query
          .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
          .join('&');
        const url = `${path}${query ? `?${query}` : ''}`;
        const headers = onTheWire(request.headers);
        const result = await checkCase(
          t,
          () =>
            t.api.inject({
              method: request.method as 'GET',
              url,
              headers,
              ...(request.body === undefined ? {} : { payload: request.body }),
            }),
          (answer) => aispProblems(answer, { method: request.method, url, headers }),
        );
        if (result === 'unsendable') continue;
        sent++;
        seen.set(operation.id, (seen.get(operation.id) ?? 0) + 1);
        if (result.length > 0) {
          const shown = { ...request, url, body: request.body?.slice(0, 300) };
          failures.push(
            caseFailure(
              { i, seed: SEED, what: operation.id },
              applied,
              JSON.stringify(shown).slice(0, 1500),
              result,
            ),
          );
        }
      }
      expect(failures, failures.join('\n\n')).toEqual([]);
      expect(sent).toBeGreaterThan(CASES * 0.9);
      if (CASES >= 300) expect(seen.size).toBe(operations.length);
    },
    TIMEOUT_MS,
  );

  it(
    '/oauth/token: never a 5xx, always an RFC 6749 error, no-store, no token issued or stored',
    async () => {
      const rng = new Rng(SEED + 1);
      const failures: string[] = [];
      unredeemedCode = (await connectByRedirect(t, t.client)).code as string;
      for (let i = 0; i < CASES && failures.length < 5; i++) {
        const refresh = rng.chance(0.5);
        const fields: Record<string, string> = refresh
          ? { grant_type: 'refresh_token', refresh_token: oauthGrant.refresh_token }
          : { grant_type: 'authorization_code', code: unredeemedCode, redirect_uri: APP_REDIRECT };
        const headers: Record<string, string> = {
          'content-type': 'application/x-www-form-urlencoded',
        };
        withClient(t.client, fields, headers, rng);
        let method = 'POST';
        let raw: string | undefined;
        const credential = refresh ? 'refresh_token' : 'code';
        const tokenBreakers = [
          ...formBreakers(
            fields,
            headers,
            rng,
            { method: (m) => (method = m), raw: (body) => (raw = body) },
            rng.pick(['grant_type', credential]),
          ),
          () => {
            if (rng.chance(0.2)) delete fields.grant_type;
            else {
              fields.grant_type = rng.pick([
                refresh ? 'authorization_code' : 'refresh_token',
                'client_credentials',
                'password',
                'urn:ietf:params:oauth:grant-type:device_code',
                'urn:ietf:params:oauth:grant-type:jwt-bearer',
                rng.nonBlank(),
              ]);
            }
            return `grant_type ${fields.grant_type}`;
          },
          () => {
            if (rng.chance(0.2)) delete fields[credential];
            else {
              fields[credential] = rng.pick([
                rng.nonBlank(),
                psd2Token,
                main.access_token,
                revoked.refresh_token,
                otherAppGrant.refresh_token,
                refresh ? unredeemedCode : oauthGrant.refresh_token,
              ]);
            }
            return `${credential} wrong or missing`;
          },
          ...(refresh
            ? [
                () => {
                  fields.scope = `${rng.pick(['accounts ', 'transactions ', ''])}${rng.pick([
                    'openid',
                    'cards',
                    'accountinformation',
                    'ACCOUNTS',
                    `${rng.nonBlank()}x`,
                  ])}`;
                  return `scope ${fields.scope}`;
                },
              ]
            : [
                () => {
                  if (rng.chance(0.2)) delete fields.redirect_uri;
                  else fields.redirect_uri = `${APP_REDIRECT}${rng.nonBlank()}`;
                  return 'redirect_uri';
                },
                () => {
                  // The code was issued without a challenge: a verifier has nothing to match.
                  fields.code_verifier = pkce().verifier;
                  return 'code_verifier without a challenge';
                },
              ]),
        ];
        const applied: string[] = [];
        for (let n = rng.int(3); n > 0; n--) {
          const name = rng.pick([
            'resource',
            'audience',
            'x',
            'nonce',
            'state',
            'client_assertion',
          ]);
          fields[name] = rng.text();
          applied.push(`extra parameter ${name}`);
        }
        for (let n = rng.chance(0.3) ? 2 : 1; n > 0; n--) applied.push(rng.pick(tokenBreakers)());
        if (rng.chance(0.3)) headers.accept = rng.pick(['text/html', 'application/xml', '*/*']);
        const payload = raw ?? form(fields);
        const failure = await formCaseFailure(
          t,
          '/oauth/token',
          { method, headers: onTheWire(headers) as Record<string, string>, payload },
          { replay: { i, seed: SEED + 1 }, applied, shownHeaders: headers },
        );
        if (failure) failures.push(failure);
      }
      expect(failures, failures.join('\n\n')).toEqual([]);
    },
    TIMEOUT_MS,
  );

  it(
    '/oauth/revoke: never a 5xx, always an RFC 6749 error, no-store, nothing revoked',
    async () => {
      const rng = new Rng(SEED + 2);
      const failures: string[] = [];
      for (let i = 0; i < CASES && failures.length < 5; i++) {
        const which = rng.pick(['access_token', 'refresh_token'] as const);
        const fields: Record<string, string> = { token: oauthGrant[which] };
        if (rng.chance(0.5)) fields.token_type_hint = which;
        const headers: Record<string, string> = {
          'content-type': 'application/x-www-form-urlencoded',
        };
        withClient(t.client, fields, headers, rng);
        let method = 'POST';
        let raw: string | undefined;
        const revokeBreakers = [
          ...formBreakers(
            fields,
            headers,
            rng,
            { method: (m) => (method = m), raw: (body) => (raw = body) },
            'token',
          ),
          () => {
            delete fields.token;
            return 'token missing';
          },
        ];
        const applied: string[] = [];
        for (let n = rng.int(3); n > 0; n--) {
          if (rng.chance(0.5)) {
            // A token the server does not know, or another app's (RFC 7009 2.1: a client
            // revokes its own only), is answered 200 and revokes nothing (RFC 7009 2.2): noise,
            // never the fault, and the stored state shows nothing was revoked.
            fields.token = rng.pick([
              rng.nonBlank(),
              psd2Token,
              revoked.refresh_token,
              otherAppGrant[which],
            ]);
            applied.push('token unknown here');
          } else {
            const name = rng.pick(['token_type_hint', 'x', 'resource', 'client_assertion_type']);
            fields[name] = rng.text();
            applied.push(`extra parameter ${name}`);
          }
        }
        for (let n = rng.chance(0.3) ? 2 : 1; n > 0; n--) applied.push(rng.pick(revokeBreakers)());
        if (rng.chance(0.3)) headers.accept = rng.pick(['text/html', 'application/xml', '*/*']);
        const payload = raw ?? form(fields);
        // RFC 7009 2.2.1: RFC 6749's errors, as at the token endpoint.
        const failure = await formCaseFailure(
          t,
          '/oauth/revoke',
          { method, headers: onTheWire(headers) as Record<string, string>, payload },
          { replay: { i, seed: SEED + 2 }, applied, shownHeaders: headers },
        );
        if (failure) failures.push(failure);
      }
      expect(failures, failures.join('\n\n')).toEqual([]);
    },
    TIMEOUT_MS,
  );

  it(
    '/oauth/authorize: never a 5xx, an error page or an error sent to the registered URI only, nothing stored',
    async () => {
      const rng = new Rng(SEED + 3);
      const failures: string[] = [];
      const scopes = ALL_SCOPES.split(' ');
      for (let i = 0; i < CASES && failures.length < 5; i++) {
        const isPublic = rng.chance(0.3);
        const chosen = scopes.filter(() => rng.chance(0.6));
        const url = new URL(
          authorizeUrl(isPublic ? publicApp : t.client, {
            scope: (chosen.length > 0 ? chosen : scopes).join(' '),
            state: `st-${rng.int(1000)}`,
            ...(isPublic || rng.chance(0.3) ? { pkce: pkce() } : {}),
            ...(rng.chance(0.3) ? { extra: { validity_days: String(1 + rng.int(365)) } } : {}),
          }),
        );
        const set = (name: string, value: string | null) =>
          value === null ? url.searchParams.delete(name) : url.searchParams.set(name, value);
        let method = 'GET';
        const authorizeBreakers: (() => string)[] = [
          () => {
            set('client_id', rng.chance(0.5) ? randomUUID() : rng.nonBlank());
            return 'client_id';
          },
          () => {
            set('redirect_uri', rng.chance(0.2) ? null : `${APP_REDIRECT}${rng.nonBlank()}`);
            return 'redirect_uri';
          },
          () => {
            set(
              'response_type',
              rng.chance(0.2)
                ? null
                : rng.pick(['token', 'id_token', 'code token', 'code id_token', 'none']),
            );
            return 'response_type';
          },
          () => {
            set(
              'scope',
              rng.pick([
                '',
                'openid',
                'offline_access',
                'accountinformation private',
                'accounts cards',
                'ACCOUNTS',
                `${rng.nonBlank()}x`,
              ]),
            );
            return 'scope';
          },
          () => {
            set(
              'validity_days',
              rng.pick(['0', '366', '999', '-1', '1.5', '1e2', ' 30', '0030', 'forever', 'ten']),
            );
            return 'validity_days';
          },
          () => {
            set('code_challenge', pkce().challenge);
            set('code_challenge_method', rng.pick(['plain', 'S512', 's256', rng.nonBlank()]));
            return 'PKCE method';
          },
          () => {
            set('prompt', rng.pick(['none', 'login none', `${rng.nonBlank()}x`]));
            return 'prompt';
          },
          () => {
            set('response_mode', `${rng.nonBlank()}x`);
            return 'response_mode';
          },
          () => {
            const name = rng.pick(['request', 'request_uri']);
            set(name, rng.pick([rng.nonBlank(), 'urn:ietf:params:oauth:request_uri:x']));
            return name;
          },
          () => {
            set('resource', `${rng.nonBlank()}x`.replaceAll(':', ''));
            return 'resource not a URI';
          },
          () => {
            // Both need the openid scope, which this server never grants.
            const name = rng.pick(['max_age', 'id_token_hint']);
            set(name, rng.nonBlank());
            return `${name} without openid`;
          },
          () => {
            method = rng.pick(['POST', 'PUT', 'DELETE', 'PATCH']);
            return `method ${method}`;
          },
        ];
        if (isPublic) {
          authorizeBreakers.push(() => {
            set('code_challenge', null);
            set('code_challenge_method', null);
            return 'public client without PKCE';
          });
        }
        const applied: string[] = [];
        for (let n = rng.int(3); n > 0; n--) {
          const name = rng.pick(['state', 'nonce', 'x', 'ui_locales', 'claims', 'login_hint']);
          set(name, rng.text());
          applied.push(`parameter ${name}`);
        }
        for (let n = rng.chance(0.3) ? 2 : 1; n > 0; n--) {
          applied.push(rng.pick(authorizeBreakers)());
        }
        const states = url.searchParams.getAll('state');
        const inBody = method !== 'GET';
        const accept = rng.pick(['text/html', '*/*', 'application/json']);
        const result = await checkCase(
          t,
          () =>
            t.auth.inject({
              method: method as 'GET',
              url: inBody ? url.pathname : `${url.pathname}${url.search}`,
              headers: {
                accept,
                ...(inBody ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
              },
              ...(inBody ? { payload: url.searchParams.toString() } : {}),
            }),
          (answer) => authorizationProblems(answer, states.length === 1 ? states[0] : undefined),
        );
        if (result === 'unsendable') continue;
        if (result.length > 0) {
          const sent = `${method} ${url.search.slice(0, 400)}`;
          failures.push(caseFailure({ i, seed: SEED + 3 }, applied, sent, result));
        }
      }
      expect(failures, failures.join('\n\n')).toEqual([]);
    },
    TIMEOUT_MS,
  );
});

describe('what fuzzing found', () => {
  it('answers a POST to /oauth/authorize 405 with the methods it takes, not 404 "no such endpoint"', async () => {
    const response = await t.auth.inject({
      method: 'POST',
      url: '/oauth/authorize',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URL(authorizeUrl(t.client)).searchParams.toString(),
    });
    expect(response.statusCode, response.body).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD');
    expect(response.json().error).toBe('invalid_request');
  });
});
