/**
 * Fuzzing: invalid requests, generated from the contract, for every operation of the NextGenPSD2
 * contract (the 31 of `/psd2`, served or not) and for the auth server's token and authorization
 * endpoints. Each case starts from a request that would be valid (real consent, authorisation,
 * account and transaction ids, a token of the right scope, the headers and body the operation
 * needs) and applies up to three mutations of noise, then one or two that make the request
 * invalid for sure: X-Request-ID missing or malformed, a wrong Accept, a missing, foreign-scope or garbage
 * token, a method the path does not declare, a garbage path parameter, X-BicFi or Consent-ID,
 * a body of another content type, broken JSON, a required field missing or of the wrong type.
 * The noise: unicode, very long strings, boundary numbers and dates, injection-like text, in
 * optional headers, query parameters and body fields.
 *
 * For every case: never a 5xx; the protocol's error format (on /psd2 one `tppMessages` entry
 * whose code goes with the status; on /connect an RFC 6749 error, JSON and no-store at the
 * token endpoint, an error page or an error redirect to the registered URI at authorize); no
 * bank call; and no stored state changed (every table of clients, tokens, consents and
 * counters, read before and after).
 *
 * Bounded for CI by FUZZ_CASES: 1,000 cases per family by default, about 15 s on two cores.
 * `npm run fuzz` is the long run: 20,000 per family from a random seed (FUZZ_SEED=random), about
 * five minutes. A failure names the seed, the case and the request; `FUZZ_SEED=<seed>
 * FUZZ_CASES=<case + 1> npx vitest run packages/platform/test/security/fuzz.test.ts` replays it.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract } from '../../src/contract/index.js';
import { resolveRef } from '../../src/contract/resolve-ref.js';
import { consentBody, validConsent } from '../support/ais-consent.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import {
  type Answer,
  authorizeProblems,
  caseFailure,
  checkCase,
  formCaseFailure,
  fuzzCases,
  fuzzSeed,
  fuzzTimeoutMs,
  isPsuIpAddress,
  notAnIpAddress,
  PAYMENT_CODE_STATUSES,
  Rng,
  UUID,
} from './fuzz-support.js';
import {
  AIS,
  CONSENTS,
  consentAwaitingRedirect,
  DECOUPLED_BANK,
  psd2,
  TPP_REDIRECT,
  testTpp,
} from './helpers.js';

const CASES = fuzzCases(1000);
const SEED = fuzzSeed();
const TIMEOUT_MS = fuzzTimeoutMs(CASES);

// ---------------------------------------------------------------------------------------------
// The operations of the contract, with what a valid request to each needs.

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
}

interface Operation {
  id: string;
  method: string;
  template: string;
  /** Methods the contract declares on the path: every other one is wrong. */
  pathMethods: Set<string>;
  parameters: Parameter[];
  hasBody: boolean;
}

function contractOperations(): Operation[] {
  const contract = loadContract();
  const document = contract.document;
  return contract.operations.operations.map((operation) => {
    const item = document.paths[operation.pathTemplate] as Record<string, unknown>;
    const declared = item[operation.method] as { parameters?: unknown[]; requestBody?: unknown };
    const parameters = [...((item.parameters as unknown[]) ?? []), ...(declared.parameters ?? [])]
      .map((p) => resolveRef<Parameter>(document, p as Parameter))
      .map((p) => ({ name: p.name, in: p.in, required: p.required === true }));
    const pathMethods = new Set(
      contract.operations.operations
        .filter((o) => o.pathTemplate === operation.pathTemplate)
        .map((o) => o.method.toUpperCase()),
    );
    return {
      id: operation.operationId,
      method: operation.method.toUpperCase(),
      template: operation.pathTemplate,
      pathMethods,
      parameters,
      hasBody: declared.requestBody !== undefined,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// What every answer must look like.

/** The statuses each Berlin Group code goes with on /psd2 (DESIGN.md, "Rules"). */
const CODE_STATUSES: Record<string, number[]> = {
  FORMAT_ERROR: [400, 413, 415],
  PARAMETER_NOT_SUPPORTED: [400],
  PARAMETER_NOT_CONSISTENT: [400],
  PERIOD_INVALID: [400],
  CONSENT_UNKNOWN: [400, 403],
  CONSENT_INVALID: [401],
  // A bank's refusal passed on (connectors/bank-codes.ts).
  PSU_CREDENTIALS_INVALID: [401],
  CORPORATE_ID_INVALID: [401],
  SCA_METHOD_UNKNOWN: [400],
  SESSIONS_NOT_SUPPORTED: [400],
  RESOURCE_EXPIRED: [400, 403],
  RESOURCE_BLOCKED: [400],
  CONSENT_EXPIRED: [401],
  TOKEN_INVALID: [401],
  TOKEN_EXPIRED: [401],
  SERVICE_BLOCKED: [403],
  RESOURCE_UNKNOWN: [403, 404],
  SERVICE_INVALID: [400, 405],
  REQUESTED_FORMATS_INVALID: [406],
  STATUS_INVALID: [409],
  ACCESS_EXCEEDED: [429],
  ...PAYMENT_CODE_STATUSES,
};

function psd2Problems(answer: Answer): string[] {
  const problems: string[] = [];
  if (answer.statusCode < 400 || answer.statusCode >= 500) {
    problems.push(`status ${answer.statusCode}, not a 4xx`);
  }
  if (!String(answer.headers['content-type']).startsWith('application/json')) {
    problems.push(`content-type ${answer.headers['content-type']}`);
  }
  if (!UUID.test(String(answer.headers['x-request-id']))) {
    problems.push('no UUID X-Request-ID on the answer');
  }
  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    return [...problems, 'body is not JSON'];
  }
  const messages = (body as { tppMessages?: unknown }).tppMessages;
  if (
    !Array.isArray(messages) ||
    messages.length !== 1 ||
    Object.keys(body as object).length !== 1
  ) {
    return [...problems, 'body is not one tppMessages entry'];
  }
  const [message] = messages as { category?: unknown; code?: unknown; text?: unknown }[];
  if (message?.category !== 'ERROR') problems.push('category is not ERROR');
  const statuses = CODE_STATUSES[String(message?.code)];
  if (!statuses?.includes(answer.statusCode)) {
    problems.push(`code ${String(message?.code)} with status ${answer.statusCode}`);
  }
  if (typeof message?.text !== 'string' || message.text === '') problems.push('no text');
  if (/\n\s+at |node_modules|\.ts:\d+/.test(answer.body)) problems.push('a stack trace');
  return problems;
}

// ---------------------------------------------------------------------------------------------

let t: TestPlatform;
let ids: Record<string, string>;
let tokens: Record<string, string>;
let operations: Operation[];
/** A consent awaiting a redirect SCA, for authorization requests that would otherwise be valid. */
let redirectLink: string;

beforeAll(async () => {
  t = await startTestPlatform({ sandbox: true });
  const tpp = await testTpp(t);
  tokens = {
    aspspinformation: await t.token('aspspinformation'),
    accountinformation: tpp.token,
    paymentinitiation: await t.token('paymentinitiation private'),
  };
  const consentId = await validConsent(t, { bic: DECOUPLED_BANK, token: tpp.token });
  const authorisations = await psd2(t, 'GET', `${CONSENTS}/${consentId}/authorisations`, {
    token: tpp.token,
  });
  const accounts = await psd2(t, 'GET', `${AIS}/accounts`, {
    token: tpp.token,
    headers: { 'consent-id': consentId },
  });
  const account = accounts.json().accounts[0].resourceId as string;
  const from = new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10);
  const transactions = await psd2(
    t,
    'GET',
    `${AIS}/accounts/${account}/transactions?bookingStatus=booked&dateFrom=${from}`,
    { token: tpp.token, headers: { 'consent-id': consentId } },
  );
  ids = {
    consentId,
    authorisationId: authorisations.json().authorisationIds[0],
    'account-id': account,
    transactionId: transactions.json().transactions.booked[0].transactionId,
    isoCountryCode: 'SE',
    cityId: 'ba9dd929-1408-33a6-3ce2-bc45fcfaaa5c',
    bicFi: 'ESSESESS',
    'payment-service': 'payments',
    'payment-product': 'sepa-credit-transfers',
    paymentId: randomUUID(),
  };
  redirectLink = (await consentAwaitingRedirect(t, tpp)).link;
  operations = contractOperations();
}, 60_000);
afterAll(async () => {
  await t?.close();
});

interface Request {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Arrays only where a mutation sends a header twice. */
  headers: Record<string, string>;
  body?: string;
}

function scopeOf(template: string): string {
  return template.split('/')[1] ?? '';
}

/** The request that would be valid (or, for operations Bankbridge does not serve, plausible). */
function baseline(operation: Operation): { request: Request; params: Record<string, string> } {
  const service = scopeOf(operation.template);
  const params: Record<string, string> = {};
  for (const p of operation.parameters.filter((p) => p.in === 'path')) {
    params[p.name] = ids[p.name] ?? 'x';
  }
  const headers: Record<string, string> = {
    accept: 'application/json',
    authorization: `Bearer ${tokens[service] ?? tokens.accountinformation}`,
    'x-request-id': randomUUID(),
    'psu-ip-address': '192.0.2.10',
    'psu-user-agent': 'Mozilla/5.0 (fuzz)',
  };
  if (service !== 'aspspinformation') headers['x-bicfi'] = DECOUPLED_BANK;
  if (service === 'accountinformation') headers['consent-id'] = ids.consentId as string;
  const query: Record<string, string> = {};
  if (operation.id === 'getTransactionList') {
    query.bookingStatus = 'booked';
    query.dateFrom = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
  }
  let body: string | undefined;
  if (operation.id === 'createConsent') body = JSON.stringify(consentBody(new Date()));
  else if (operation.id === 'updateConsentsPsuData') {
    body = JSON.stringify({ authenticationMethodId: 'mbid' });
  } else if (operation.hasBody && operation.method !== 'DELETE') body = '{}';
  if (body !== undefined) headers['content-type'] = 'application/json';
  return { request: { method: operation.method, path: '', query, headers, body }, params };
}

type Mutation = (request: Request, params: Record<string, string>, rng: Rng) => string;

/** The request's JSON body as an object, or undefined once a mutation has broken it. */
function objectBody(r: Request): Record<string, unknown> | undefined {
  try {
    const body: unknown = JSON.parse(r.body ?? '{}');
    return typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** For each body field, values of it no rule accepts (of another type, or out of range). */
const WRONG_VALUES: Record<string, (rng: Rng) => unknown> = {
  access: (rng) => rng.pick([null, [], 'allAccounts', 1, true, [{}]]),
  recurringIndicator: (rng) => rng.pick([null, 'true', 1, 0, [], {}]),
  validUntil: (rng) => rng.pick([null, 20991231, true, [], {}, `${rng.text()}!`]),
  frequencyPerDay: (rng) => rng.pick([null, '4', 0, -1, 1.5, -1e308, true, [], {}]),
  combinedServiceIndicator: (rng) => rng.pick([null, 'false', 0, [], {}]),
  authenticationMethodId: (rng) => rng.pick([null, 1, true, [], {}, ['mbid']]),
};

/**
 * The PSU headers the contract gives a format, and what it allows (IPv6 too, anchored patterns):
 * the fuzzer's own judge of a value, not the platform's.
 */
const PSU_FORMATS: Record<string, (value: string) => boolean> = {
  'psu-ip-address': isPsuIpAddress,
  'psu-ip-port': (value) => /^[0-9]{1,5}$/.test(value) && +value >= 1 && +value <= 65535,
  'psu-geo-location': (value) => /^GEO:-?[0-9]{1,2}\.[0-9]{6};-?[0-9]{1,3}\.[0-9]{6}$/.test(value),
  'psu-device-id': (value) => UUID.test(value),
  'psu-http-method': (value) => ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(value),
};

/** Near misses of the others, besides the fuzzer's random text. */
const BAD_PSU_VALUES: Record<string, string[]> = {
  'psu-ip-port': ['0', '65536', '-1', '80a', '1e3', '99999999999'],
  'psu-geo-location': ['GEO:52.5;13.1', 'geo:52.506931;13.144558', 'GEO:52.506931;13.144558;x'],
  'psu-device-id': ['device-1', '99435c7e-ad88-49ec-a2ad-99ddcb1f555'],
  'psu-http-method': ['get', 'TRACE', 'CONNECT', 'GET, POST'],
};

/** Near misses of access's fields, and fields of other objects, that access does not have. */
const ACCESS_TYPOS = [
  'acounts',
  'Accounts',
  'balance',
  'transaction',
  'allpsd2',
  'availableAccount',
  'consentStatus',
  'currency',
  'iban',
  '__proto__',
];

/** Mutations that make any request to `operation` invalid, with what each did. */
function breakers(operation: Operation): Mutation[] {
  const service = scopeOf(operation.template);
  const list: Mutation[] = [
    (r, _, rng) => {
      if (rng.chance(0.3)) {
        delete r.headers['x-request-id'];
        return 'X-Request-ID removed';
      }
      let value = rng.text();
      while (UUID.test(value)) value = rng.text();
      r.headers['x-request-id'] = value;
      return 'X-Request-ID malformed';
    },
    (r, _, rng) => {
      r.headers.accept = rng.pick([
        'text/html',
        'application/xml',
        'text/plain',
        'image/png',
        'application/json;q=0',
      ]);
      return 'Accept not JSON';
    },
    (r, _, rng) => {
      const choice = rng.int(4);
      if (choice === 0) delete r.headers.authorization;
      else if (choice === 1) r.headers.authorization = `Bearer ${rng.text()}`;
      else if (choice === 2) r.headers.authorization = rng.text();
      else {
        const other = Object.keys(tokens).find((scope) => scope !== service) as string;
        r.headers.authorization = `Bearer ${tokens[other]}`;
      }
      return 'token removed, garbage or of another service';
    },
    (r, _, rng) => {
      const others = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'].filter(
        (m) => !operation.pathMethods.has(m),
      );
      r.method = rng.pick(others);
      return `method ${r.method}`;
    },
  ];
  // A transaction id is the bank's: only the bank can tell whether one exists, so a garbage
  // one is a question for it (answered 404, see api.test.ts), not an invalid request.
  const judged = Object.keys(baseline(operation).params).filter((p) => p !== 'transactionId');
  if (judged.length > 0) {
    list.push((_, params, rng) => {
      const name = rng.pick(judged);
      let value = rng.text();
      while (value === '' || value === params[name]) value = rng.text();
      params[name] = value;
      return `path parameter ${name} garbage`;
    });
  }
  if (service === 'consent' || service === 'accountinformation') {
    list.push((r, _, rng) => {
      const name = service === 'accountinformation' && rng.chance(0.5) ? 'consent-id' : 'x-bicfi';
      let value = rng.text();
      while (value.trim() === '') value = rng.text();
      r.headers[name] = value;
      return `${name} garbage`;
    });
  }
  if (service !== 'aspspinformation') {
    list.push((r, _, rng) => {
      const name = rng.pick(Object.keys(PSU_FORMATS));
      if (name === 'psu-ip-address') {
        r.headers[name] = notAnIpAddress(rng);
        return `${name} malformed`;
      }
      let value = rng.pick([...(BAD_PSU_VALUES[name] ?? []), rng.nonBlank()]);
      while (value.trim() === '' || PSU_FORMATS[name]?.(value.trim())) value = rng.nonBlank();
      r.headers[name] = value;
      return `${name} malformed`;
    });
  }
  if (operation.method === 'POST' || operation.method === 'PUT') {
    list.push((r, _, rng) => {
      r.headers['content-type'] = rng.pick([
        'text/plain',
        'application/xml',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/octet-stream',
      ]);
      r.body = r.body ?? '{}';
      return `Content-Type ${r.headers['content-type']}`;
    });
    list.push((r, _, rng) => {
      r.headers['content-type'] = 'application/json';
      r.body = rng.pick([
        '{',
        '{"access":',
        "{'access':{}}",
        '{"a":1,}',
        '[[[[[[',
        'NaN',
        '{"a":1}{"b":2}',
        `\uFEFF${r.body ?? '{}'}`,
        `${r.body ?? '{}'}garbage`,
      ]);
      return 'body not JSON';
    });
  }
  if (operation.id === 'createConsent' || operation.id === 'updateConsentsPsuData') {
    list.push((r, _, rng) => {
      const body = objectBody(r);
      if (!body) return 'body field (the body is broken already)';
      const fields =
        operation.id === 'createConsent'
          ? [
              'access',
              'recurringIndicator',
              'validUntil',
              'frequencyPerDay',
              'combinedServiceIndicator',
            ]
          : ['authenticationMethodId'];
      const field = rng.pick(fields);
      if (rng.chance(0.4)) {
        delete body[field];
        r.body = JSON.stringify(body);
        return `body field ${field} removed`;
      }
      body[field] = WRONG_VALUES[field]?.(rng);
      r.body = JSON.stringify(body);
      return `body field ${field} = ${JSON.stringify(body[field]).slice(0, 60)}`;
    });
    list.push((r, _, rng) => {
      r.body = JSON.stringify(rng.pick([null, [], 'consent', 42, true, [objectBody(r) ?? {}]]));
      return 'body of another type';
    });
  }
  if (operation.id === 'createConsent') {
    // Access and its account references carry the grant: a field they lack is refused, never
    // dropped (dropped, a typo would leave a wider consent than the one asked for).
    list.push((r, _, rng) => {
      const body = objectBody(r);
      if (!body) return 'unknown access field (the body is broken already)';
      const inReference = rng.chance(0.4);
      let name = rng.pick([...ACCESS_TYPOS, rng.text()]);
      if (inReference && ['iban', 'bban', 'currency'].includes(name)) name = 'currncy';
      const account = { iban: 'SE3550000000054910000003' };
      const access =
        typeof body.access === 'object' && body.access !== null && !Array.isArray(body.access)
          ? body.access
          : {};
      body.access = inReference
        ? { accounts: [{ ...account, [name]: rng.jsonValue() }] }
        : { ...access, [name]: rng.chance(0.5) ? [account] : rng.jsonValue() };
      r.body = JSON.stringify(body);
      return `unknown field ${JSON.stringify(name).slice(0, 40)} in ${inReference ? 'an account reference' : 'access'}`;
    });
  }
  return list;
}

/** Mutations that may or may not make a request invalid: noise around the breakers. */
function noise(operation: Operation): Mutation[] {
  const optional = operation.parameters.filter(
    (p) => p.in === 'header' && p.name !== 'X-Request-ID',
  );
  const queries = operation.parameters.filter((p) => p.in === 'query');
  const list: Mutation[] = [
    (r, _, rng) => {
      const name = `x-fuzz-${rng.int(100)}`;
      r.headers[name] = rng.text();
      return `unknown header ${name}`;
    },
    (r, _, rng) => {
      const name = rng.pick(['foo', 'access_token', '__proto__', 'constructor', rng.text()]);
      r.query[name || 'empty'] = rng.text();
      return `unknown query parameter`;
    },
  ];
  list.push((r, _, rng) => {
    // The same header twice, as a proxy that appends might send it.
    const name = rng.pick(Object.keys(r.headers).filter((h) => h !== 'x-request-id'));
    if (name)
      (r.headers as Record<string, string | string[]>)[name] = [
        r.headers[name] as string,
        rng.text(),
      ];
    return `header ${name} twice`;
  });
  if (optional.length > 0) {
    list.push((r, _, rng) => {
      const p = rng.pick(optional);
      if (rng.chance(0.2)) delete r.headers[p.name.toLowerCase()];
      else r.headers[p.name.toLowerCase()] = rng.text();
      return `header ${p.name}`;
    });
  }
  if (queries.length > 0) {
    list.push((r, _, rng) => {
      const p = rng.pick(queries);
      r.query[p.name] = rng.text();
      return `query ${p.name}`;
    });
  }
  if (operation.id === 'createConsent') {
    list.push((r, _, rng) => {
      const body = objectBody(r);
      if (!body) return 'extra body field (the body is broken already)';
      body[rng.pick(['consentStatus', 'consentId', '_links', 'extra', '__proto__'])] =
        rng.jsonValue();
      r.body = JSON.stringify(body);
      return 'extra body field';
    });
  }
  return list;
}

function pathOf(operation: Operation, params: Record<string, string>, rng: Rng): string {
  return `/psd2${operation.template}`.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name] ?? 'x';
    // Mostly percent-encoded, as a client would; sometimes raw, as a broken one would.
    return rng.chance(0.15) ? value.replace(/[/?#\s]/g, '') || 'x' : encodeURIComponent(value);
  });
}

function describeRequest(request: Request): string {
  return JSON.stringify({ ...request, body: request.body?.slice(0, 300) });
}

describe(`fuzzing (${CASES} cases per family, seed ${SEED})`, () => {
  it(
    'every operation of the contract: never a 5xx, always tppMessages, no bank call, nothing stored',
    async () => {
      const rng = new Rng(SEED);
      const failures: string[] = [];
      const seen = new Map<string, number>();
      let sent = 0;
      for (let i = 0; i < CASES && failures.length < 5; i++) {
        const operation = rng.pick(operations);
        const { request, params } = baseline(operation);
        // Noise first: it may undo what a breaker did (drop a header it broke), never after.
        const applied: string[] = [];
        for (let n = rng.int(4); n > 0; n--) {
          applied.push(rng.pick(noise(operation))(request, params, rng));
        }
        for (let n = rng.chance(0.3) ? 2 : 1; n > 0; n--) {
          applied.push(rng.pick(breakers(operation))(request, params, rng));
        }
        request.path = pathOf(operation, params, rng);
        const query = new URLSearchParams(request.query).toString();
        const url = `${request.path}${query ? `?${query}` : ''}`;
        const result = await checkCase(
          t,
          () =>
            t.api.inject({
              method: request.method as 'GET',
              url,
              headers: request.headers,
              ...(request.body === undefined ? {} : { payload: request.body }),
            }),
          psd2Problems,
        );
        if (result === 'unsendable') continue;
        sent++;
        seen.set(operation.id, (seen.get(operation.id) ?? 0) + 1);
        if (result.length > 0) {
          const sent = describeRequest({ ...request, path: url });
          failures.push(caseFailure({ i, seed: SEED, what: operation.id }, applied, sent, result));
        }
      }
      expect(failures, failures.join('\n\n')).toEqual([]);
      expect(sent).toBeGreaterThan(CASES * 0.9);
      if (CASES >= 300) expect(seen.size).toBe(operations.length);
    },
    TIMEOUT_MS,
  );

  it(
    '/connect/token: never a 5xx, always an RFC 6749 error, no-store, no token stored',
    async () => {
      const rng = new Rng(SEED + 1);
      const failures: string[] = [];
      for (let i = 0; i < CASES && failures.length < 5; i++) {
        const fields: Record<string, string> = {
          grant_type: 'client_credentials',
          client_id: t.client.id,
          client_secret: t.client.secret,
          scope: 'aspspinformation',
        };
        const headers: Record<string, string> = {
          'content-type': 'application/x-www-form-urlencoded',
        };
        let method = 'POST';
        let raw: string | undefined;
        const garbage = () => {
          let value = rng.text();
          while (value.trim() === '') value = rng.text();
          return value;
        };
        const tokenBreakers: (() => string)[] = [
          () => {
            if (rng.chance(0.3)) delete fields.grant_type;
            else fields.grant_type = garbage();
            return 'grant_type';
          },
          () => {
            if (rng.chance(0.3)) delete fields.client_secret;
            else fields.client_secret = garbage();
            return 'client_secret';
          },
          () => {
            fields.client_id = garbage();
            return 'client_id';
          },
          () => {
            fields.scope = `${garbage()}x`;
            return 'scope';
          },
          () => {
            headers['content-type'] = rng.pick([
              'application/json',
              'text/plain',
              'multipart/form-data; boundary=x',
            ]);
            return 'content type';
          },
          () => {
            method = rng.pick(['GET', 'PUT', 'DELETE', 'PATCH']);
            return `method ${method}`;
          },
          () => {
            raw = `${new URLSearchParams(fields).toString()}&scope=aspspinformation`;
            return 'a parameter twice';
          },
          () => {
            headers.authorization = rng.chance(0.5)
              ? `Basic ${garbage()}`
              : `Basic ${Buffer.from(`${t.client.id}:${garbage()}`).toString('base64')}`;
            return 'Authorization header';
          },
          () => {
            raw = rng.pick([
              '%',
              '%E0%A4%A=%&&==grant_type',
              '&&&',
              'grant_type',
              `${'a'.repeat(70_000)}=1`,
            ]);
            return 'body not form encoding';
          },
        ];
        const applied = [rng.pick(tokenBreakers)()];
        for (let n = rng.int(3); n > 0; n--) {
          if (rng.chance(0.5)) applied.push(rng.pick(tokenBreakers)());
          else {
            fields[rng.pick(['resource', 'audience', 'x', 'code', 'redirect_uri'])] = rng.text();
            applied.push('extra parameter');
          }
        }
        if (rng.chance(0.3)) headers.accept = rng.pick(['text/html', 'application/xml', '*/*']);
        const payload = raw ?? new URLSearchParams(fields).toString();
        const failure = await formCaseFailure(
          t,
          '/connect/token',
          { method, headers, payload },
          { replay: { i, seed: SEED + 1 }, applied },
        );
        if (failure) failures.push(failure);
      }
      expect(failures, failures.join('\n\n')).toEqual([]);
    },
    TIMEOUT_MS,
  );

  it(
    '/connect/authorize: never a 5xx, an error page or an error sent to the registered URI only, nothing stored',
    async () => {
      const rng = new Rng(SEED + 2);
      const failures: string[] = [];
      for (let i = 0; i < CASES && failures.length < 5; i++) {
        const url = new URL(redirectLink);
        const set = (name: string, value: string | null) =>
          value === null ? url.searchParams.delete(name) : url.searchParams.set(name, value);
        const garbage = () => {
          let value = rng.text();
          while (value.trim() === '') value = rng.text();
          return value;
        };
        const authorizeBreakers: (() => string)[] = [
          () => {
            set('client_id', garbage());
            return 'client_id';
          },
          () => {
            set('redirect_uri', rng.chance(0.2) ? null : `${TPP_REDIRECT}${garbage()}`);
            return 'redirect_uri';
          },
          () => {
            set(
              'response_type',
              rng.chance(0.2) ? null : rng.pick(['token', 'id_token', 'code token', garbage()]),
            );
            return 'response_type';
          },
          () => {
            set('scope', `${garbage()}x`);
            return 'scope';
          },
          () => {
            set('acr_values', rng.chance(0.2) ? null : `idp:${garbage()} consentId:${garbage()}`);
            return 'acr_values';
          },
          () => {
            set('code_challenge', garbage());
            set('code_challenge_method', rng.pick(['plain', 'S512', garbage()]));
            return 'PKCE method';
          },
        ];
        const applied = [rng.pick(authorizeBreakers)()];
        for (let n = rng.int(3); n > 0; n--) {
          if (rng.chance(0.5)) applied.push(rng.pick(authorizeBreakers)());
          else {
            set(rng.pick(['state', 'nonce', 'x', 'ui_locales', 'claims']), rng.text());
            applied.push('other parameter');
          }
        }
        const result = await checkCase(
          t,
          () =>
            t.auth.inject({
              method: 'GET',
              url: `${url.pathname}${url.search}`,
              headers: { accept: 'text/html' },
            }),
          authorizeProblems,
        );
        if (result === 'unsendable') continue;
        if (result.length > 0) {
          failures.push(
            caseFailure({ i, seed: SEED + 2 }, applied, url.search.slice(0, 400), result),
          );
        }
      }
      expect(failures, failures.join('\n\n')).toEqual([]);
    },
    TIMEOUT_MS,
  );
});
