/**
 * Fuzzing the payment initiation API: invalid requests to all 12 operations of
 * `/psd2/paymentinitiation/v1`, for every payment service and for global and bank products, at a
 * decoupled bank and at one with redirect SCA and cancellation. Each case starts from a request
 * that would be valid (a real payment of the right service and product, its authorisation or
 * its cancellation's, a token of the right scope, the headers and body the operation needs)
 * and applies up to three mutations of noise, then one or two that make it invalid for sure:
 * X-Request-ID, Accept, token (missing, garbage, another service's, another TPP's), a method the
 * path does not have, a garbage path segment, X-BicFi or PSU header, a body of another content
 * type, broken JSON, and for the bodies (payment, SCA method choice) a field missing, of the
 * wrong type or out of range: amounts, accounts, dates, periods, bulk items.
 *
 * For every case: never a 5xx; one `tppMessages` entry whose code goes with the status, and an
 * answer the contract (with Bankbridge's errata) allows; no bank call; and nothing stored:
 * no payment, no status change, no authorisation, no event.
 *
 * FUZZ_CASES (default 600 here) and FUZZ_SEED as for test/security/fuzz.test.ts; `npm run fuzz`
 * runs it with the others. A failure names the seed and the case to replay it.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkContract } from '../support/contract.js';
import { initiate, pis, redeemPaymentCode, redirectCode } from '../support/payments.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import {
  baseline,
  breakers,
  inDays,
  noise,
  OPERATIONS,
  type Target,
  type Tokens,
  urlOf,
} from './fuzz-payments-requests.js';
import {
  type Answer,
  caseFailure,
  fuzzCases,
  fuzzSeed,
  fuzzTimeoutMs,
  PAYMENT_CODE_STATUSES,
  Rng,
  UUID,
} from './fuzz-support.js';
import { bankRequestCount } from './helpers.js';
import { bodyBetween, payerAndPayee, payingTpp, paymentState } from './payment-helpers.js';

const CASES = fuzzCases(600);
const SEED = fuzzSeed();
const TIMEOUT_MS = fuzzTimeoutMs(CASES);

let t: TestPlatform;
let targets: Target[];
let tokens: Tokens;

beforeAll(async () => {
  t = await startTestPlatform({ sandbox: true });
  const own = await payingTpp(t, { own: true });
  tokens = {
    own: own.token,
    otherTpp: (await payingTpp(t)).token,
    ais: await t.token('accountinformation private'),
    aspsp: await t.token('aspspinformation'),
  };
  const swedish = await payerAndPayee(t, 'SWEDSESS');
  const single = bodyBetween(swedish, '10.00');
  const periodic = { ...single, startDate: inDays(5), frequency: 'Monthly', dayOfExecution: '5' };
  const bulk = {
    debtorAccount: single.debtorAccount,
    payments: [1, 2, 3].map((i) => ({
      instructedAmount: { currency: 'SEK', amount: `${i}.00` },
      creditorAccount: single.creditorAccount,
      creditorName: `Payee ${i}`,
    })),
  };
  const shapes: Array<[string, string, string, 'global' | 'bank', Record<string, unknown>]> = [
    ['a single domestic payment', 'payments', 'domestic', 'global', single],
    ['a periodic payment', 'periodic-payments', 'domestic', 'global', periodic],
    ['a bulk payment', 'bulk-payments', 'domestic', 'global', bulk],
    ['a bank product', 'payments', 'swedish-domestic-private-credit-transfers', 'bank', single],
  ];
  targets = [];
  const caller = { bic: 'SWEDSESS', token: own.token };
  for (const [name, service, product, kind, body] of shapes) {
    const created = await initiate(t, caller, body, `/${service}/${product}`);
    const started = await pis(t, caller, 'POST', `${created.path}/authorisations`);
    expect(started.statusCode, started.body).toBe(201);
    targets.push({
      name,
      bic: 'SWEDSESS',
      service,
      product,
      kind,
      body,
      paymentId: created.paymentId,
      authorisationId: started.json.authorisationId,
      cancellationId: randomUUID(),
      method: 'mbid',
    });
  }
  // Authorised at Nordea Finland for a date to come, its cancellation awaiting SCA.
  const finnish = await payerAndPayee(t, 'NDEAFIHH');
  const sepa = bodyBetween(finnish, '3.00', { requestedExecutionDate: inDays(20) });
  const nordea = { bic: 'NDEAFIHH', token: own.token };
  const dated = await initiate(t, nordea, sepa, '/payments/sepa-credit-transfers');
  const code = await redirectCode(t, nordea, dated.path);
  const redeemed = await redeemPaymentCode(t, { ...dated, ...code });
  expect(redeemed.statusCode, redeemed.body).toBe(200);
  expect((await pis(t, nordea, 'DELETE', dated.path)).statusCode).toBe(202);
  const cancellation = await pis(t, nordea, 'POST', `${dated.path}/cancellation-authorisations`);
  expect(cancellation.statusCode, cancellation.body).toBe(201);
  targets.push({
    name: 'an authorised SEPA payment with its cancellation awaiting SCA',
    bic: 'NDEAFIHH',
    service: 'payments',
    product: 'sepa-credit-transfers',
    kind: 'global',
    body: { ...sepa, requestedExecutionDate: inDays(21) },
    paymentId: dated.paymentId,
    authorisationId: code.authorisationId,
    cancellationId: cancellation.json.authorisationId,
    method: 'redirect',
  });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

// ---------------------------------------------------------------------------------------------
// What every answer must look like.

/** The statuses each code goes with on /psd2, payment codes included (PAYMENTS.md 2.2, 3.8). */
const CODE_STATUSES: Record<string, number[]> = {
  FORMAT_ERROR: [400, 413, 415],
  PARAMETER_NOT_SUPPORTED: [400],
  PARAMETER_NOT_CONSISTENT: [400],
  PERIOD_INVALID: [400],
  SCA_METHOD_UNKNOWN: [400],
  RESOURCE_EXPIRED: [400, 403],
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

function paymentProblems(answer: Answer & { method: string; url: string; requestId?: string }) {
  const problems: string[] = [];
  if (answer.statusCode < 400 || answer.statusCode >= 500) {
    problems.push(`status ${answer.statusCode}, not a 4xx`);
  }
  if (!String(answer.headers['content-type']).startsWith('application/json')) {
    problems.push(`content-type ${answer.headers['content-type']}`);
  }
  if (!UUID.test(String(answer.headers['x-request-id']))) problems.push('no UUID X-Request-ID');
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
  const [message] = messages as Array<Record<string, unknown>>;
  if (message?.category !== 'ERROR') problems.push('category is not ERROR');
  if (!CODE_STATUSES[String(message?.code)]?.includes(answer.statusCode)) {
    problems.push(`code ${String(message?.code)} with status ${answer.statusCode}`);
  }
  if (typeof message?.text !== 'string' || message.text === '') problems.push('no text');
  if (message?.path !== undefined && typeof message.path !== 'string') problems.push('path');
  if (/\n\s+at |node_modules|\.ts:\d+/.test(answer.body)) problems.push('a stack trace');
  const contract = checkContract({
    method: answer.method,
    url: answer.url,
    statusCode: answer.statusCode,
    headers: answer.headers as Record<string, string>,
    body: answer.body,
    requestId: answer.requestId,
  });
  // A path the contract has no operation for, or a method it does not declare there (which it
  // answers only with 405, while X-Request-ID and Accept are refused first), is no contract case.
  const judged = contract.filter(
    (p) => !p.startsWith('no path in the contract') && !p.startsWith('the contract has no '),
  );
  problems.push(...judged.map((p) => `contract: ${p}`));
  return problems;
}

describe(`fuzzing the payment API (${CASES} cases, seed ${SEED})`, () => {
  it(
    'all 12 operations, every service, global and bank products: never a 5xx, a contract tppMessages error, no bank call, nothing stored',
    async () => {
      const rng = new Rng(SEED + 7);
      const failures: string[] = [];
      const seen = new Map<string, number>();
      let sent = 0;
      for (let i = 0; i < CASES && failures.length < 5; i++) {
        const operation = rng.pick(OPERATIONS);
        const target = rng.pick(targets);
        const request = baseline(operation, target, tokens);
        const applied: string[] = [`${target.name}`];
        for (let n = rng.int(4); n > 0; n--)
          applied.push(rng.pick(noise(operation, target))(request, rng));
        for (let n = rng.chance(0.3) ? 2 : 1; n > 0; n--) {
          applied.push(rng.pick(breakers(operation, target, tokens))(request, rng));
        }
        const url = urlOf(operation, request, rng);
        const before = await paymentState(t);
        const bankBefore = bankRequestCount(t);
        let answer: Answer;
        try {
          answer = await t.api.inject({
            method: request.method as 'GET',
            url,
            headers: request.headers,
            ...(request.body === undefined ? {} : { payload: request.body }),
          });
        } catch (error) {
          // What no HTTP client can send (a line break in a header).
          if (/Invalid character in header|ERR_INVALID_CHAR/.test(String(error))) continue;
          throw error;
        }
        sent++;
        seen.set(operation.id, (seen.get(operation.id) ?? 0) + 1);
        const requestId = request.headers['x-request-id'];
        const problems = paymentProblems({
          ...answer,
          method: request.method,
          url,
          ...(typeof requestId === 'string' ? { requestId } : {}),
        });
        if (answer.statusCode >= 500) problems.push(`a ${answer.statusCode}`);
        if (bankRequestCount(t) !== bankBefore) problems.push('the bank was called');
        const after = await paymentState(t);
        for (const table of Object.keys(before)) {
          if (JSON.stringify(before[table]) !== JSON.stringify(after[table])) {
            problems.push(`stored state changed: ${table}`);
          }
        }
        if (problems.length > 0) {
          problems.push(`answer ${answer.statusCode} ${answer.body.slice(0, 300)}`);
          const shown = JSON.stringify({ ...request, url, body: request.body?.slice(0, 300) });
          failures.push(
            caseFailure({ i, seed: SEED + 7, what: operation.id }, applied, shown, problems),
          );
        }
      }
      expect(failures, failures.join('\n\n')).toEqual([]);
      expect(sent).toBeGreaterThan(CASES * 0.9);
      if (CASES >= 300) expect(seen.size).toBe(OPERATIONS.length);
    },
    TIMEOUT_MS,
  );
});
