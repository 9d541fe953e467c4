/**
 * A payment request retried with the same X-Request-ID (PAYMENTS.md 7.5, case 15): the same
 * body gets the first payment again with `Idempotent-Replayed: true` and creates nothing at
 * Bankbridge or the bank; another body is refused and the first stays as it was; another
 * client's id is its own; five concurrent duplicates make one payment and all get it; the
 * authorisation's PUT replayed gives the same BankID order.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNA } from '../support/ais-consent.js';
import { accountsOf, ERIK, type PaymentCaller, paymentBody, pis } from '../support/payments.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let tpp: TestPlatform;
let caller: PaymentCaller;
let other: PaymentCaller;
let body: ReturnType<typeof paymentBody>;

beforeAll(async () => {
  tpp = await startTestPlatform({ sandbox: true });
  caller = {
    bic: 'SWEDSESS',
    token: await tpp.token('paymentinitiation private'),
    headers: { 'tpp-redirect-preferred': 'false' },
  };
  const client = await tpp.platform.clients.create({ name: 'Other TPP', redirectUris: [] });
  other = {
    ...caller,
    token: await tpp.tokenFor(
      { id: client.client.id, secret: client.secret },
      'paymentinitiation private',
    ),
  };
  const [anna] = await accountsOf(tpp, 'SWEDSESS', ANNA);
  const [erik] = await accountsOf(tpp, 'SWEDSESS', ERIK);
  body = paymentBody(anna?.iban as string, erik?.iban as string, '25.00');
});

afterAll(async () => {
  await tpp?.close();
});

async function paymentsAtBankbridge(): Promise<number> {
  const row = await tpp.store.db
    .selectFrom('payments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function bankCreations(): number {
  return tpp.bankLogLines.filter(
    (line) => line.includes('"POST"') && /\/v1\/payments\/domestic"/.test(line),
  ).length;
}

describe('a payment retried with the same X-Request-ID', () => {
  it('answers the first payment again and creates nothing', async () => {
    const requestId = randomUUID();
    const before = await paymentsAtBankbridge();
    const first = await pis(tpp, caller, 'POST', '/payments/domestic', body, {
      'x-request-id': requestId,
    });
    expect(first.statusCode, first.body).toBe(201);
    const again = await pis(tpp, caller, 'POST', '/payments/domestic', body, {
      'x-request-id': requestId,
    });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json.paymentId).toBe(first.json.paymentId);
    expect(again.headers.location).toBe(first.headers.location);
    expect(await paymentsAtBankbridge()).toBe(before + 1);

    const changed = await pis(
      tpp,
      caller,
      'POST',
      '/payments/domestic',
      { ...body, instructedAmount: { currency: 'SEK', amount: '2500.00' } },
      { 'x-request-id': requestId },
    );
    expect(changed.statusCode).toBe(400);
    expect(changed.json.tppMessages[0].code).toBe('FORMAT_ERROR');
    expect(await paymentsAtBankbridge()).toBe(before + 1);
    const first_ = await pis(tpp, caller, 'GET', `/payments/domestic/${first.json.paymentId}`);
    expect(first_.json.instructedAmount.amount).toBe('25.00');

    const another = await pis(tpp, other, 'POST', '/payments/domestic', body, {
      'x-request-id': requestId,
    });
    expect(another.statusCode, another.body).toBe(201);
    expect(another.headers['idempotent-replayed']).toBeUndefined();
    expect(another.json.paymentId).not.toBe(first.json.paymentId);
  });

  it('makes one payment of five concurrent duplicates, and all five get it', async () => {
    const requestId = randomUUID();
    const before = await paymentsAtBankbridge();
    const banked = bankCreations();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        pis(tpp, caller, 'POST', '/payments/domestic', body, { 'x-request-id': requestId }),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.json.paymentId)).size).toBe(1);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(4);
    expect(await paymentsAtBankbridge()).toBe(before + 1);
    expect(bankCreations()).toBe(banked + 1);
  });

  it('gives the same BankID order when the method choice is replayed', async () => {
    const created = await pis(tpp, caller, 'POST', '/payments/domestic', body);
    const path = `/payments/domestic/${created.json.paymentId}`;
    const started = await pis(tpp, caller, 'POST', `${path}/authorisations`);
    const requestId = randomUUID();
    const url = `${path}/authorisations/${started.json.authorisationId}`;
    const put = await pis(
      tpp,
      caller,
      'PUT',
      url,
      { authenticationMethodId: 'mbid' },
      {
        'x-request-id': requestId,
      },
    );
    const again = await pis(
      tpp,
      caller,
      'PUT',
      url,
      { authenticationMethodId: 'mbid' },
      {
        'x-request-id': requestId,
      },
    );
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json.challengeData.data[0]).toBe(put.json.challengeData.data[0]);
  });
});
