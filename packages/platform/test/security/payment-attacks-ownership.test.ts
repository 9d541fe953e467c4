/**
 * Attack suite, payment initiation: whose payment it is (PAYMENTS.md 7.5, cases 9, 11 and 23).
 * Another TPP's payment, authorisation or cancellation authorisation, under any service and
 * product in the path, is answered exactly like an id that exists nowhere: same status, same
 * body once the id asked for is put aside, same headers, no bank call, nothing stored; and the
 * payment stays as its own TPP left it. Tokens of another service, a corporate PSU with a
 * private token, and enumerating ids get nowhere either. A BankID autostart token is never in
 * another TPP's answers, nor in any log line.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validConsent } from '../support/ais-consent.js';
import {
  authoriseDecoupled,
  initiate,
  pis,
  redeemPaymentCode,
  redirectCode,
} from '../support/payments.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { AIS, CONSENTS, DECOUPLED_BANK, psd2 } from './helpers.js';
import {
  bankBooks,
  bodyBetween,
  expectProblem,
  type Method,
  type PayingTpp,
  PIS,
  payerAndPayee,
  payingTpp,
  paymentState,
  payRequest,
  storedPayment,
} from './payment-helpers.js';

/** Cancellation is offered (and needs SCA once authorised) at the sandbox's Nordea Finland. */
const CANCELLING_BANK = 'NDEAFIHH';
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const logLines: string[] = [];
let t: TestPlatform;
let tpp: PayingTpp;
let other: PayingTpp;
/** A decoupled payment of `tpp`, its BankID SCA started and waiting for the PSU. */
let waiting: { id: string; path: string; authorisationId: string; autoStartToken: string };
/** A payment of `tpp` authorised at the cancelling bank, its cancellation awaiting SCA. */
let cancelling: { id: string; path: string; authorisationId: string; cancellationId: string };

function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

beforeAll(async () => {
  t = await startTestPlatform({ sandbox: true, logLines });
  tpp = await payingTpp(t, { own: true });
  other = await payingTpp(t);
  const decoupled = { bic: DECOUPLED_BANK, token: tpp.token };
  const created = await initiate(t, decoupled, bodyBetween(await payerAndPayee(t, DECOUPLED_BANK)));
  const started = await pis(t, decoupled, 'POST', `${created.path}/authorisations`);
  const put = await pis(
    t,
    decoupled,
    'PUT',
    `${created.path}/authorisations/${started.json.authorisationId}`,
    { authenticationMethodId: 'mbid' },
  );
  expect(put.statusCode, put.body).toBe(200);
  waiting = {
    id: created.paymentId,
    path: created.path,
    authorisationId: started.json.authorisationId,
    autoStartToken: put.json.challengeData.data[0],
  };

  const redirect = { bic: CANCELLING_BANK, token: tpp.token };
  const accounts = await payerAndPayee(t, CANCELLING_BANK);
  const dated = await initiate(
    t,
    redirect,
    bodyBetween(accounts, '3.00', { requestedExecutionDate: inDays(20) }),
    '/payments/sepa-credit-transfers',
  );
  const code = await redirectCode(t, redirect, dated.path);
  const redeemed = await redeemPaymentCode(t, {
    paymentId: dated.paymentId,
    authorisationId: code.authorisationId,
    code: code.code,
  });
  expect(redeemed.statusCode, redeemed.body).toBe(200);
  const deleted = await pis(t, redirect, 'DELETE', dated.path);
  expect(deleted.statusCode, deleted.body).toBe(202);
  const cancellation = await pis(t, redirect, 'POST', `${dated.path}/cancellation-authorisations`);
  expect(cancellation.statusCode, cancellation.body).toBe(201);
  cancelling = {
    id: dated.paymentId,
    path: dated.path,
    authorisationId: code.authorisationId,
    cancellationId: cancellation.json.authorisationId,
  };
}, 120_000);
afterAll(async () => {
  await t?.close();
});

/** Every operation on an existing payment, as a path under PIS and what it carries. */
function operations(ids: {
  service: string;
  product: string;
  payment: string;
  authorisation: string;
  cancellation: string;
}): Array<[string, Method, string, unknown?]> {
  const base = `/${ids.service}/${ids.product}/${encodeURIComponent(ids.payment)}`;
  return [
    ['read the payment', 'GET', base],
    ['read its status', 'GET', `${base}/status`],
    ['cancel it', 'DELETE', base],
    ['start an authorisation', 'POST', `${base}/authorisations`],
    ['list its authorisations', 'GET', `${base}/authorisations`],
    ['read an authorisation', 'GET', `${base}/authorisations/${ids.authorisation}`],
    [
      'choose an SCA method',
      'PUT',
      `${base}/authorisations/${ids.authorisation}`,
      { authenticationMethodId: 'mbid' },
    ],
    ['start a cancellation authorisation', 'POST', `${base}/cancellation-authorisations`],
    ['list its cancellation authorisations', 'GET', `${base}/cancellation-authorisations`],
    [
      'read a cancellation authorisation',
      'GET',
      `${base}/cancellation-authorisations/${ids.cancellation}`,
    ],
    [
      'choose a cancellation SCA method',
      'PUT',
      `${base}/cancellation-authorisations/${ids.cancellation}`,
      { authenticationMethodId: 'redirect' },
    ],
  ];
}

/** The service and product of the path: the payment's own, or ones that are wrong for it. */
const PLACEMENTS: Array<[string, (own: { service: string; product: string }) => string[]]> = [
  ['its own path', (own) => [own.service, own.product]],
  [
    'another product',
    (own) => [own.service, own.product === 'domestic' ? 'swedish-giro' : 'domestic'],
  ],
  ['another service', (own) => ['periodic-payments', own.product]],
  ['a product the bank lacks', (own) => [own.service, 'cross-border-credit-transfers']],
  ['no such service or product', () => ['transfers', 'wire']],
];

describe("another TPP's payments", () => {
  it('are answered byte for byte like ids that exist nowhere, on every operation and under any service and product, with no bank call and nothing changed', async () => {
    const payments = [
      {
        name: 'a decoupled payment with its SCA started',
        bic: DECOUPLED_BANK,
        service: 'payments',
        product: 'domestic',
        payment: waiting.id,
        authorisation: waiting.authorisationId,
        cancellation: waiting.authorisationId,
      },
      {
        name: 'an authorised payment whose cancellation awaits SCA',
        bic: CANCELLING_BANK,
        service: 'payments',
        product: 'sepa-credit-transfers',
        payment: cancelling.id,
        authorisation: cancelling.authorisationId,
        cancellation: cancelling.cancellationId,
      },
    ];
    const before = await paymentState(t);
    const books = {
      [DECOUPLED_BANK]: await bankBooks(t, DECOUPLED_BANK),
      [CANCELLING_BANK]: await bankBooks(t, CANCELLING_BANK),
    };
    let compared = 0;
    for (const target of payments) {
      for (const [placement, place] of PLACEMENTS) {
        const [service, product] = place(target) as [string, string];
        const nobody = {
          payment: randomUUID(),
          authorisation: randomUUID(),
          cancellation: randomUUID(),
        };
        const theirs = operations({ ...target, service, product });
        const unknown = operations({ ...nobody, service, product });
        for (const [i, [name, method, url, body]] of theirs.entries()) {
          const what = `${target.name}, ${name}, ${placement}`;
          const [, , unknownUrl] = unknown[i] as (typeof unknown)[number];
          const send = (path: string) =>
            payRequest(t, method, path, {
              token: other.token,
              bic: target.bic,
              ...(body === undefined ? {} : { body }),
            });
          const foreign = await send(url);
          const random = await send(unknownUrl);
          expectProblem(
            foreign.response,
            404,
            'RESOURCE_UNKNOWN',
            `There is no payment ${target.payment} for this client (check the paymentId in the path)`,
          );
          // Byte for byte, once each names the id it was asked for.
          expect(random.response.body.replace(nobody.payment, '<id>'), what).toBe(
            foreign.response.body.replace(target.payment, '<id>'),
          );
          expect(Object.keys(random.response.headers).sort(), what).toEqual(
            Object.keys(foreign.response.headers).sort(),
          );
          expect(foreign.response.body, what).not.toMatch(
            /domestic|sepa|periodic|NDEA|SWED|RCVD|ACTC|ACSP|amount|authoris(ed|ation [0-9a-f])/,
          );
          expect(foreign.bankCalls, what).toEqual([]);
          expect(random.bankCalls, what).toEqual([]);
          compared++;
        }
      }
    }
    expect(compared).toBe(2 * PLACEMENTS.length * 11);
    expect(await paymentState(t)).toEqual(before);
    expect(await bankBooks(t, DECOUPLED_BANK)).toEqual(books[DECOUPLED_BANK]);
    expect(await bankBooks(t, CANCELLING_BANK)).toEqual(books[CANCELLING_BANK]);
    // Their own TPP finds them as it left them.
    const sca = await pis(
      t,
      { bic: DECOUPLED_BANK, token: tpp.token },
      'GET',
      `${waiting.path}/authorisations/${waiting.authorisationId}`,
    );
    expect(sca.json.scaStatus).toBe('started');
    // Not checked against the contract: its cancellationList is a bare array (erratum P11).
    const cancellation = await payRequest(
      t,
      'GET',
      `${cancelling.path}/cancellation-authorisations`,
      {
        token: tpp.token,
        bic: CANCELLING_BANK,
      },
    );
    expect(cancellation.response.json()).toEqual({ cancellationIds: [cancelling.cancellationId] });
  });

  it('tell their own TPP where a payment is when the path names another service or product: it is its own to know', async () => {
    const answer = await payRequest(t, 'GET', `/periodic-payments/domestic/${waiting.id}`, {
      token: tpp.token,
      bic: DECOUPLED_BANK,
    });
    expectProblem(
      answer.response,
      404,
      'RESOURCE_UNKNOWN',
      `Payment ${waiting.id} is a domestic payment of payments: its path is ${PIS}/payments/domestic/${waiting.id}`,
    );
  });

  it("never show another TPP the BankID autostart token of a payment's SCA in progress (case 23)", async () => {
    const base = `/payments/domestic/${waiting.id}/authorisations`;
    for (const [method, url, body] of [
      ['GET', `${base}/${waiting.authorisationId}`, undefined],
      ['GET', base, undefined],
      ['PUT', `${base}/${waiting.authorisationId}`, { authenticationMethodId: 'mbid' }],
      [
        'PUT',
        `${base}/${waiting.authorisationId}`,
        { authenticationMethodId: 'mbid_animated_qr_token' },
      ],
      ['POST', base, undefined],
    ] as const) {
      const { response, bankCalls } = await payRequest(t, method, url, {
        token: other.token,
        bic: DECOUPLED_BANK,
        ...(body ? { body } : {}),
      });
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toContain(waiting.autoStartToken);
      expect(bankCalls).toEqual([]);
    }
    expect((await storedPayment(t, waiting.id)).status).toBe('RCVD');
  });
});

describe('payment and authorisation ids', () => {
  it('are random UUIDs (version 4), and ids next to real ones are unknown (case 11)', async () => {
    const accounts = await payerAndPayee(t, DECOUPLED_BANK);
    const caller = { bic: DECOUPLED_BANK, token: tpp.token };
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const created = await initiate(t, caller, bodyBetween(accounts, `1.0${i}`));
      expect(created.paymentId).toMatch(UUID_V4);
      ids.add(created.paymentId);
      const started = await pis(t, caller, 'POST', `${created.path}/authorisations`);
      expect(started.json.authorisationId).toMatch(UUID_V4);
      ids.add(started.json.authorisationId);
    }
    expect(ids.size).toBe(10);
    const neighbours = [...ids].flatMap((id) => [
      `${id.slice(0, -1)}${id.endsWith('0') ? '1' : '0'}`,
      id.toUpperCase(),
      id.replaceAll('-', ''),
      `${id} `,
    ]);
    const before = await paymentState(t);
    for (const id of neighbours) {
      const { response, bankCalls } = await payRequest(
        t,
        'GET',
        `/payments/domestic/${id.replace(' ', '%20')}/status`,
        { token: tpp.token, bic: DECOUPLED_BANK },
      );
      expect(response.statusCode, id).toBe(404);
      expect(response.json().tppMessages[0].code).toBe('RESOURCE_UNKNOWN');
      expect(bankCalls).toEqual([]);
    }
    // A NUL character names no id (PostgreSQL would not even look it up): a bad URL.
    const nul = await payRequest(t, 'GET', `/payments/domestic/${waiting.id}%00`, {
      token: tpp.token,
      bic: DECOUPLED_BANK,
    });
    expectProblem(
      nul.response,
      400,
      'FORMAT_ERROR',
      'the URL is not valid: a path segment contains a NUL character (%00)',
    );
    expect(await paymentState(t)).toEqual(before);
  });

  it('cannot be enumerated faster than the rate limit: 429 ACCESS_EXCEEDED with Retry-After', async () => {
    const limited = await startTestPlatform({ env: { BANKBRIDGE_RATE_LIMIT: '20/min' } });
    try {
      const token = await limited.token('paymentinitiation private');
      const statuses: number[] = [];
      let refusal: Awaited<ReturnType<typeof payRequest>>['response'] | undefined;
      for (let i = 0; i < 30; i++) {
        const { response } = await payRequest(
          limited,
          'GET',
          `/payments/domestic/${randomUUID()}`,
          { token, bic: DECOUPLED_BANK },
        );
        statuses.push(response.statusCode);
        if (response.statusCode === 429) refusal ??= response;
      }
      expect(statuses.filter((s) => s === 404).length).toBeLessThanOrEqual(20);
      expect(statuses.slice(-5)).toEqual([429, 429, 429, 429, 429]);
      expect(refusal?.headers['retry-after']).toMatch(/^[0-9]+$/);
      expect(refusal?.json().tppMessages[0].code).toBe('ACCESS_EXCEEDED');
    } finally {
      await limited.close();
    }
  });
});

describe('tokens and PSU context', () => {
  it('refuses an account information token on every payment operation with 403 SERVICE_BLOCKED, before anything else', async () => {
    const ais = await t.token('accountinformation private');
    const before = await paymentState(t);
    const list = [
      ['create', 'POST', '/payments/domestic', bodyBetween(await payerAndPayee(t, DECOUPLED_BANK))],
      ...operations({
        service: 'payments',
        product: 'domestic',
        payment: waiting.id,
        authorisation: waiting.authorisationId,
        cancellation: waiting.authorisationId,
      }).map(([name, method, url, body]) => [name, method, url, body]),
    ] as Array<[string, Method, string, unknown]>;
    for (const [name, method, url, body] of list) {
      const { response, bankCalls } = await payRequest(t, method, url, {
        token: ais,
        bic: DECOUPLED_BANK,
        ...(body === undefined ? {} : { body }),
      });
      expectProblem(
        response,
        403,
        'SERVICE_BLOCKED',
        `the access token's scope does not include paymentinitiation; request a token with scope "paymentinitiation"`,
      );
      expect(bankCalls, name).toEqual([]);
    }
    expect(await paymentState(t)).toEqual(before);
  });

  it('refuses a payment token on account information and consents with 403 SERVICE_BLOCKED', async () => {
    const consentId = await validConsent(t, {
      bic: DECOUPLED_BANK,
      token: await t.token('accountinformation private'),
    });
    const before = await paymentState(t);
    for (const [method, url] of [
      ['GET', `${AIS}/accounts`],
      ['POST', CONSENTS],
      ['GET', `${CONSENTS}/${consentId}`],
      ['DELETE', `${CONSENTS}/${consentId}`],
    ] as const) {
      const response = await psd2(t, method, url, {
        token: tpp.token,
        headers: { 'consent-id': consentId },
        ...(method === 'POST' ? { body: {} } : {}),
      });
      expectProblem(
        response,
        403,
        'SERVICE_BLOCKED',
        `the access token's scope does not include accountinformation; request a token with scope "accountinformation"`,
      );
    }
    expect(await paymentState(t)).toEqual(before);
  });

  it('refuses PSU-Corporate-ID with a private token: no corporate payment without a corporate token, nothing stored, no bank call', async () => {
    const before = await paymentState(t);
    const { response, bankCalls } = await payRequest(t, 'POST', '/payments/domestic', {
      token: tpp.token,
      bic: DECOUPLED_BANK,
      body: bodyBetween(await payerAndPayee(t, DECOUPLED_BANK)),
      headers: { 'psu-corporate-id': '5566771118' },
    });
    expectProblem(
      response,
      403,
      'SERVICE_BLOCKED',
      'a corporate payment (PSU-Corporate-ID) needs a token with scope "paymentinitiation corporate"',
    );
    expect(bankCalls).toEqual([]);
    expect(await paymentState(t)).toEqual(before);
  });
});

describe('the logs', () => {
  it('never hold a BankID autostart token, QR start token or QR code (case 23)', async () => {
    const caller = { bic: DECOUPLED_BANK, token: tpp.token };
    const created = await initiate(t, caller, bodyBetween(await payerAndPayee(t, DECOUPLED_BANK)));
    const started = await pis(t, caller, 'POST', `${created.path}/authorisations`);
    const path = `${created.path}/authorisations/${started.json.authorisationId}`;
    const put = await pis(t, caller, 'PUT', path, {
      authenticationMethodId: 'mbid_animated_qr_token',
    });
    expect(put.statusCode, put.body).toBe(200);
    const qrCodes = [put.json.challengeData.data[0] as string];
    const polled = await pis(t, caller, 'GET', path);
    qrCodes.push(polled.json.challengeData.data[0]);
    const row = await t.store.db
      .selectFrom('sca_authorisations')
      .selectAll()
      .where('id', '=', started.json.authorisationId)
      .executeTakeFirstOrThrow();
    const secrets = [
      waiting.autoStartToken,
      row.auto_start_token,
      row.qr_start_token,
      ...qrCodes,
      ...qrCodes.map((code) => code.split('.').at(-1) as string),
    ].filter((value): value is string => typeof value === 'string' && value.length >= 8);
    expect(secrets.length).toBeGreaterThanOrEqual(4);
    await authoriseDecoupled(
      t,
      caller,
      (await initiate(t, caller, bodyBetween(await payerAndPayee(t, DECOUPLED_BANK)))).path,
    );
    expect(logLines.length).toBeGreaterThan(50);
    for (const line of logLines) {
      for (const secret of secrets) expect(line).not.toContain(secret);
    }
  });
});
