// Payment calls on the wire, seen by a local stand-in bank that records every request and
// answers what the test scripts: the headers and paths the bank gets, an initiation answer
// lost by timeout or twice, and answers no sandbox bank gives (an unknown transactionStatus).

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type BankCallContext,
  BankError,
  type ConnectorsOptions,
  createConnectors,
  type NewBankPayment,
  SANDBOX_CREDENTIALS,
} from '../../src/connectors/index.js';
import { createLogger } from '../../src/logging/logger.js';
import { defaultRegistryPath, loadRegistry, type Registry } from '../../src/registry/index.js';
import { refusal } from './support.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Script = (request: Seen, response: ServerResponse) => void;

let server: Server;
let seen: Seen[] = [];
let script: Script[] = [];
let registry: Registry;

function json(response: ServerResponse, status: number, body?: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(body === undefined ? undefined : JSON.stringify(body));
}

const RCVD: Script = (_r, res) => json(res, 201, { paymentId: 'pay-1', transactionStatus: 'RCVD' });

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      seen.push(request);
      const next = script.shift();
      if (next) next(request, res);
      else json(res, 500, { tppMessages: [{ code: 'INTERNAL_SERVER_ERROR' }] });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  registry = loadRegistry(defaultRegistryPath(), {
    sandboxUrl: `http://127.0.0.1:${port}`,
    apiUrl: 'http://api.bankbridge.test',
    authUrl: 'http://auth.bankbridge.test',
  });
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  seen = [];
  script = [];
});

const BIC = 'ESSESESS';
const logger = createLogger({ level: 'silent' });
const ctx = (): BankCallContext => ({ requestId: randomUUID(), bic: BIC, logger });
const connector = (options: Partial<ConnectorsOptions> = {}) =>
  createConnectors(registry, {
    credentials: SANDBOX_CREDENTIALS,
    ...options,
    http: { timeoutMs: 2_000, ...options.http },
  })(BIC);

const payment = (extra: Partial<NewBankPayment> = {}): NewBankPayment => ({
  service: 'payments',
  product: 'domestic',
  globalProduct: true,
  psu: {
    ipAddress: '192.0.2.10',
    userAgent: 'Mozilla/5.0',
    psuId: '198301014882',
    corporateId: 'corp-1',
  },
  bankRequestId: randomUUID(),
  body: {
    service: 'payments',
    product: 'domestic',
    debtorAccount: { iban: 'SE4550000000058398257466' },
    instructedAmount: { currency: 'SEK', amount: '1.00' },
    creditorAccount: { bban: '12345678', clearingNumber: '6000' },
    creditorName: 'Kiosk',
  },
  ...extra,
});

describe('an initiation on the wire', () => {
  it('the path, X-Request-ID = bankRequestId, the TPP and PSU headers, the mapped body', async () => {
    script = [RCVD];
    const created = await connector().initiatePayment(
      ctx(),
      payment({ bankRequestId: 'bank-req-1', rejectionNoFundsPreferred: false }),
    );
    const [post] = seen;
    // What was sent is what the platform stores as the bank's body.
    expect(created).toEqual({
      bankPaymentId: 'pay-1',
      status: 'RCVD',
      sentBody: JSON.parse(post?.body ?? ''),
    });
    expect(post?.method).toBe('POST');
    expect(post?.url).toBe('/banks/ESSESESS/v1/payments/domestic');
    expect(post?.headers).toMatchObject({
      'x-request-id': 'bank-req-1',
      'tpp-client-id': 'bankbridge',
      'psu-ip-address': '192.0.2.10',
      'psu-user-agent': 'Mozilla/5.0',
      'psu-id': '198301014882',
      'psu-corporate-id': 'corp-1',
      'tpp-rejection-nofunds-preferred': 'false',
      'content-type': 'application/json',
    });
    expect(JSON.parse(post?.body ?? '')).toEqual({
      debtorAccount: { iban: 'SE4550000000058398257466' },
      instructedAmount: { currency: 'SEK', amount: '1.00' },
      creditorAccount: { bban: '12345678', clearingNumber: '6000' },
      creditorName: 'Kiosk',
    });
  });

  it('a bank that moved its payment paths and maps its own body (hooks)', async () => {
    script = [RCVD, (_r, res) => json(res, 200, { transactionStatus: 'ACSC' })];
    const bank = connector({
      hooks: {
        [BIC]: {
          paths: { payments: '/psd2/pis/v2' },
          paymentBody: ({ body }) => ({ ...body, bankSpecific: true }),
        },
      },
    });
    await bank.initiatePayment(ctx(), payment({ globalProduct: false }));
    await bank.getPaymentStatus(ctx(), {
      service: 'payments',
      product: 'domestic',
      bankPaymentId: 'pay 1',
    });
    expect(seen.map((s) => s.url)).toEqual([
      '/banks/ESSESESS/psd2/pis/v2/payments/domestic',
      '/banks/ESSESESS/psd2/pis/v2/payments/domestic/pay%201/status',
    ]);
    expect(JSON.parse(seen[0]?.body ?? '')).toMatchObject({
      product: 'domestic',
      bankSpecific: true,
    });
  });

  it('no answer in time: asked once more with the same X-Request-ID, which answers', async () => {
    script = [() => undefined, RCVD]; // the first request hangs
    const created = await connector({ http: { timeoutMs: 300 } }).initiatePayment(
      ctx(),
      payment({ bankRequestId: 'bank-req-2' }),
    );
    expect(created.bankPaymentId).toBe('pay-1');
    expect(seen.map((s) => s.headers['x-request-id'])).toEqual(['bank-req-2', 'bank-req-2']);
  });

  it('the connection dropped twice: unavailable, and no third try', async () => {
    const drop: Script = (_r, res) => res.socket?.destroy();
    script = [drop, drop, RCVD];
    const error = await refusal(connector().initiatePayment(ctx(), payment()));
    expect(error).toMatchObject({ kind: 'unavailable', bic: BIC });
    expect(error.message).toMatch(/retry with the same X-Request-ID, never a new one/);
    expect(seen).toHaveLength(2);
  });

  it('a 5xx answer is an answer: not asked again', async () => {
    script = [(_r, res) => json(res, 503, { tppMessages: [{ code: 'SERVICE_UNAVAILABLE' }] })];
    const error = await refusal(connector().initiatePayment(ctx(), payment()));
    expect(error).toMatchObject({ kind: 'unavailable', status: 503 });
    expect(seen).toHaveLength(1);
  });

  it('an answer without paymentId or with an unknown transactionStatus: a BankError, not a crash', async () => {
    script = [
      (_r, res) => json(res, 201, { transactionStatus: 'RCVD' }),
      (_r, res) => json(res, 201, { paymentId: 'p', transactionStatus: 'SENT' }),
    ];
    const bank = connector();
    const noId = await refusal(bank.initiatePayment(ctx(), payment()));
    expect(noId.message).toMatch(/no paymentId/);
    const unknown = await refusal(bank.initiatePayment(ctx(), payment()));
    expect(unknown).toMatchObject({ kind: 'unavailable' });
    expect(unknown.message).toMatch(/transactionStatus "SENT"/);
  });

  it('a global body that is not the canonical model is a programming error, no bank call', async () => {
    const broken = payment({ body: { instructedAmount: { currency: 'SEK', amount: 1 } } });
    const error = await connector()
      .initiatePayment(ctx(), broken)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(BankError);
    expect(seen).toHaveLength(0);
  });
});

describe('status, payment and cancellation answers', () => {
  const ref = { service: 'periodic-payments', product: 'domestic', bankPaymentId: 'p-9' };

  it('status: funds and the first message; an unknown status is a BankError', async () => {
    script = [
      (_r, res) =>
        json(res, 200, {
          transactionStatus: 'RJCT',
          fundsAvailable: false,
          tppMessages: [{ category: 'ERROR', code: 'FUNDS_NOT_AVAILABLE', text: 'Short by 3' }],
        }),
      (_r, res) => json(res, 200, { transactionStatus: 'rcvd' }),
    ];
    const bank = connector();
    expect(await bank.getPaymentStatus(ctx(), ref)).toEqual({
      status: 'RJCT',
      fundsAvailable: false,
      reasonCode: 'FUNDS_NOT_AVAILABLE',
      reason: 'Short by 3',
    });
    expect(seen[0]?.url).toBe('/banks/ESSESESS/v1/periodic-payments/domestic/p-9/status');
    expect(seen[0]?.headers['tpp-client-id']).toBe('bankbridge');
    expect(await refusal(bank.getPaymentStatus(ctx(), ref))).toMatchObject({
      kind: 'unavailable',
    });
  });

  it('get: the body without the bank links', async () => {
    script = [
      (_r, res) =>
        json(res, 200, {
          creditorName: 'Kiosk',
          transactionStatus: 'ACSP',
          _links: { self: { href: 'x' } },
        }),
    ];
    expect(await connector().getPayment(ctx(), ref)).toEqual({
      creditorName: 'Kiosk',
      transactionStatus: 'ACSP',
    });
  });

  it('cancel: 204 cancelled, 202 authorisation needed with the status, 200 CANC cancelled', async () => {
    script = [
      (_r, res) => json(res, 204),
      (_r, res) => json(res, 202, { transactionStatus: 'ACSP', _links: {} }),
      (_r, res) => json(res, 200, { transactionStatus: 'CANC' }),
      (_r, res) => json(res, 202, { transactionStatus: 'GONE' }),
    ];
    const bank = connector();
    expect(await bank.cancelPayment(ctx(), ref)).toEqual({ outcome: 'cancelled' });
    expect(await bank.cancelPayment(ctx(), ref)).toEqual({
      outcome: 'authorisationNeeded',
      status: 'ACSP',
    });
    expect(await bank.cancelPayment(ctx(), ref)).toEqual({ outcome: 'cancelled' });
    expect(await refusal(bank.cancelPayment(ctx(), ref))).toMatchObject({ kind: 'unavailable' });
    expect(seen[0]).toMatchObject({
      method: 'DELETE',
      url: '/banks/ESSESESS/v1/periodic-payments/domestic/p-9',
    });
  });
});

describe('the SCA of a payment and of its cancellation', () => {
  const resource = (kind: string) => ({
    kind,
    bankId: 'p-9',
    placement: { service: 'bulk-payments', product: 'sepa-credit-transfers' },
  });
  const started = (_r: Seen, res: ServerResponse) =>
    json(res, 201, {
      authorisationId: 'a-1',
      scaStatus: 'received',
      challengeData: { data: ['bankid:///?autostarttoken=tok-1&redirect=null'] },
    });
  const tokens = (_r: Seen, res: ServerResponse) =>
    json(res, 200, { access_token: 'a', refresh_token: 'r', expires_in: 60 });

  it('authorisations under the payment, cancellation-authorisations for its cancellation, the grant fields', async () => {
    script = [started, started, tokens, tokens];
    const bank = connector();
    await bank.startDecoupled(ctx(), { resource: resource('payment'), psuId: '1' });
    await bank.startDecoupled(ctx(), { resource: resource('paymentCancellation'), psuId: '1' });
    await bank.exchangeDecoupled(ctx(), { resource: resource('payment'), authorisationId: 'a-1' });
    await bank.exchangeDecoupled(ctx(), {
      resource: resource('paymentCancellation'),
      authorisationId: 'a-2',
    });
    expect(seen.map((s) => s.url)).toEqual([
      '/banks/ESSESESS/v1/bulk-payments/sepa-credit-transfers/p-9/authorisations',
      '/banks/ESSESESS/v1/bulk-payments/sepa-credit-transfers/p-9/cancellation-authorisations',
      '/banks/ESSESESS/oauth2/token',
      '/banks/ESSESESS/oauth2/token',
    ]);
    expect(seen[0]?.headers['psu-id']).toBe('1');
    expect(seen[0]?.headers['tpp-client-id']).toBe('bankbridge');
    expect(new URLSearchParams(seen[2]?.body).get('payment_id')).toBe('p-9');
    expect(new URLSearchParams(seen[3]?.body).get('payment_cancellation_id')).toBe('p-9');
  });

  it('a payment resource without its placement is a programming error, no bank call', async () => {
    const error = await connector()
      .startDecoupled(ctx(), { resource: { kind: 'payment', bankId: 'p-9' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/placement \{service, product\}/);
    expect(seen).toHaveLength(0);
  });

  it('a bank overriding its consent address keeps the default payment addresses', async () => {
    script = [started];
    await connector({
      hooks: {
        [BIC]: {
          scaResources: {
            consent: {
              scope: (id) => `aisp:${id}`,
              path: (p, id) => `${p.consents}/${id}`,
              grantField: 'consent_id',
            },
          },
        },
      },
    }).startDecoupled(ctx(), { resource: resource('payment') });
    expect(seen[0]?.url).toBe(
      '/banks/ESSESESS/v1/bulk-payments/sepa-credit-transfers/p-9/authorisations',
    );
  });
});
