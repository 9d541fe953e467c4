/**
 * Attack suite, payment initiation: cancelling, retrying and racing (PAYMENTS.md 7.5, cases
 * 15, 16, 17 and 25). Whatever the order in which a TPP's DELETE, the PSU's approval and the
 * code redemption arrive, a payment ends one way: cancelled with nothing booked, or executed
 * with one debit and the DELETE refused. What cannot be cancelled is refused without a change;
 * a bank that lost its answer, and a TPP that retries, still make one payment at the bank.
 * Over real sockets, so that racing requests really race (single instance; two instances on
 * one database are test/scale's).
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNA } from '../support/ais-consent.js';
import {
  authoriseDecoupled,
  initiate,
  type PaymentCaller,
  pis,
  redeemPaymentCode,
  redirectCode,
} from '../support/payments.js';
import type { TestPlatform } from '../support/test-platform.js';
import { DECOUPLED_BANK, PSU, startRacePlatform } from './helpers.js';
import {
  atBankDecision,
  bankBooks,
  bankPaymentIdOf,
  bodyBetween,
  expectProblem,
  type PayingTpp,
  payerAndPayee,
  payingTpp,
  paymentState,
  payRequest,
  postingsOf,
  storedPayment,
} from './payment-helpers.js';

/** Nordea Finland: cancellation offered, redirect SCA; Anna pays Erik there. */
const CANCELLING_BANK = 'NDEAFIHH';

let t: TestPlatform;
let apiSocket: string;
let tpp: PayingTpp;
let cancelling: PaymentCaller;

beforeAll(async () => {
  ({ t } = await startRacePlatform(() => new Date()));
  apiSocket = `http://127.0.0.1:${(t.api.server.address() as AddressInfo).port}`;
  tpp = await payingTpp(t, { own: true });
  cancelling = { bic: CANCELLING_BANK, token: tpp.token };
}, 60_000);
afterAll(async () => {
  await t?.close();
});

/** DELETE over a real socket. */
async function deleteOverSocket(path: string) {
  const response = await fetch(`${apiSocket}/psd2/paymentinitiation/v1${path}`, {
    method: 'DELETE',
    headers: {
      accept: 'application/json',
      authorization: `Bearer ${tpp.token}`,
      'x-request-id': randomUUID(),
      'x-bicfi': CANCELLING_BANK,
      ...PSU,
    },
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

function debits(postings: Array<Record<string, unknown>>) {
  return postings.filter((p) => Number(p.amount) < 0);
}

async function finnishPayment(
  amount: string,
  extra: Record<string, unknown> = {},
  path = '/payments/sepa-credit-transfers',
) {
  const accounts = await payerAndPayee(t, CANCELLING_BANK);
  return initiate(t, cancelling, bodyBetween(accounts, amount, extra), path);
}

describe('DELETE racing the execution (case 16, one instance)', () => {
  it('ends every race one way: CANC with nothing booked, or executed with one debit and the DELETE refused 405', async () => {
    const outcomes: string[] = [];
    for (let round = 0; round < 6; round++) {
      const created = await finnishPayment(`1.${String(round).padStart(2, '0')}`);
      const atBank = await atBankDecision(
        t,
        { ...cancelling, clientId: tpp.id },
        created.path,
        ANNA,
      );
      const { authorisationId } = atBank;
      // The PSU approves at the bank while the TPP deletes the payment; even rounds start
      // the DELETE first, odd ones the approval.
      const [approved, deleted] =
        round % 2 === 0
          ? await Promise.all([atBank.decide(), deleteOverSocket(created.path)])
          : await Promise.all([deleteOverSocket(created.path), atBank.decide()]).then(
              ([d, a]) => [a, d] as const,
            );
      // The PSU's browser goes back through Bankbridge to the TPP, which redeems any code.
      let redeemed: number | undefined;
      const back = await atBank.back(approved);
      if (back.code) {
        redeemed = (
          await redeemPaymentCode(t, {
            paymentId: created.paymentId,
            authorisationId,
            code: back.code,
          })
        ).statusCode;
      }
      const status = (await pis(t, cancelling, 'GET', `${created.path}/status`)).json
        .transactionStatus;
      const bankId = await bankPaymentIdOf(t, created.paymentId);
      const books = await bankBooks(t, CANCELLING_BANK);
      const bankStatus = books.payments.find((p) => p.paymentId === bankId)?.transactionStatus;
      const booked = debits(postingsOf(books, bankId));
      const what = `round ${round}: DELETE ${deleted.status} ${JSON.stringify(deleted.body)}, redeemed ${redeemed}, ${status} (bank ${bankStatus}), ${booked.length} debits`;
      if (deleted.status === 204) {
        expect(status, what).toBe('CANC');
        expect(bankStatus, what).toBe('CANC');
        expect(booked, what).toEqual([]);
        expect(redeemed, what).not.toBe(200);
        outcomes.push('cancelled');
      } else {
        expect(deleted.status, what).toBe(405);
        expect(deleted.body.tppMessages[0].code, what).toBe('CANCELLATION_INVALID');
        expect(redeemed, what).toBe(200);
        expect(['ACSP', 'ACSC', 'ACCC'], what).toContain(status);
        expect(status, what).toBe(bankStatus);
        expect(booked, what).toHaveLength(1);
        outcomes.push('executed');
      }
      expect(
        (await storedPayment(t, created.paymentId)).events.filter((s) => s === 'CANC').length,
      ).toBeLessThanOrEqual(1);
    }
    expect(outcomes).toHaveLength(6);
  }, 120_000);
});

describe('payments that cannot be cancelled (case 17)', () => {
  /** DELETE refused with `code`, the payment and the bank's books as they were. */
  async function refusedDelete(
    caller: PaymentCaller,
    path: string,
    paymentId: string,
    code: string,
  ) {
    const before = await paymentState(t);
    const books = await bankBooks(t, caller.bic);
    const { response } = await payRequest(t, 'DELETE', path, {
      token: caller.token,
      bic: caller.bic,
    });
    expectProblem(response, 405, code);
    expect(await paymentState(t)).toEqual(before);
    expect(await bankBooks(t, caller.bic)).toEqual(books);
    return (await storedPayment(t, paymentId)).status;
  }

  it('an instant payment once authorised: 405 CANCELLATION_INVALID, executed as it was', async () => {
    const created = await finnishPayment('2.00', {}, '/payments/instant-sepa-credit-transfers');
    const code = await redirectCode(t, cancelling, created.path, ANNA);
    expect((await redeemPaymentCode(t, { ...created, ...code })).statusCode).toBe(200);
    const status = (await pis(t, cancelling, 'GET', `${created.path}/status`)).json
      .transactionStatus;
    expect(['ACSC', 'ACCC', 'ACSP']).toContain(status);
    expect(
      await refusedDelete(cancelling, created.path, created.paymentId, 'CANCELLATION_INVALID'),
    ).toBe(status);
  });

  it('an executed payment: 405 CANCELLATION_INVALID, ACSC as it was', async () => {
    const created = await finnishPayment('2.10');
    const code = await redirectCode(t, cancelling, created.path, ANNA);
    expect((await redeemPaymentCode(t, { ...created, ...code })).statusCode).toBe(200);
    // Past the clearing delay and any weekend: the bank books it.
    expect((await t.admin('POST', '/clock/advance', { seconds: 4 * 86_400 })).status).toBe(200);
    const status = (await pis(t, cancelling, 'GET', `${created.path}/status`)).json
      .transactionStatus;
    // ACCC: the payee's account is at the same bank, credited as well.
    expect(['ACSC', 'ACCC']).toContain(status);
    expect(
      await refusedDelete(cancelling, created.path, created.paymentId, 'CANCELLATION_INVALID'),
    ).toBe(status);
  });

  it('a rejected payment: 405 CANCELLATION_INVALID, RJCT as it was', async () => {
    const created = await finnishPayment('2.20');
    const atBank = await atBankDecision(t, { ...cancelling, clientId: tpp.id }, created.path, ANNA);
    const back = await atBank.back(await atBank.decide('deny'));
    expect(back.error).toBe('access_denied');
    expect((await pis(t, cancelling, 'GET', `${created.path}/status`)).json.transactionStatus).toBe(
      'RJCT',
    );
    expect(
      await refusedDelete(cancelling, created.path, created.paymentId, 'CANCELLATION_INVALID'),
    ).toBe('RJCT');
    // Nor can it be authorised again.
    const again = await payRequest(t, 'POST', `${created.path}/authorisations`, {
      token: tpp.token,
      bic: CANCELLING_BANK,
    });
    expectProblem(again.response, 403, 'RESOURCE_EXPIRED');
  });

  it('any payment at a bank without cancellation: 405 SERVICE_INVALID, whatever its status', async () => {
    const caller = { bic: DECOUPLED_BANK, token: tpp.token };
    const accounts = await payerAndPayee(t, DECOUPLED_BANK);
    const waiting = await initiate(t, caller, bodyBetween(accounts, '3.00'));
    expect(await refusedDelete(caller, waiting.path, waiting.paymentId, 'SERVICE_INVALID')).toBe(
      'RCVD',
    );
    const authorised = await initiate(t, caller, bodyBetween(accounts, '3.10'));
    await authoriseDecoupled(t, caller, authorised.path);
    await pis(t, caller, 'GET', `${authorised.path}/status`);
    const status = await refusedDelete(
      caller,
      authorised.path,
      authorised.paymentId,
      'SERVICE_INVALID',
    );
    expect(['ACTC', 'ACSP', 'ACSC']).toContain(status);
  });
});

describe('a lost bank answer and retries (case 25)', () => {
  it('makes one payment at the bank however often the answer is lost and the TPP retries with its X-Request-ID; one debit', async () => {
    const caller = {
      bic: DECOUPLED_BANK,
      token: tpp.token,
      headers: { 'tpp-redirect-preferred': 'false' },
    };
    const body = bodyBetween(await payerAndPayee(t, DECOUPLED_BANK), '4.44');
    const requestId = randomUUID();
    const before = (await bankBooks(t, DECOUPLED_BANK)).payments.length;
    // The bank books the payment and loses its answer: the connector asks again under the
    // same bank request id, and the bank answers the payment it booked.
    const faults = await t.admin('PUT', `/banks/${DECOUPLED_BANK}/payment-faults`, {
      lostAnswers: 1,
    });
    expect(faults.status).toBe(200);
    const retried = await initiate(t, caller, body, '/payments/domestic', {
      'x-request-id': requestId,
    });
    // The TPP, which may have lost Bankbridge's answer in turn, retries: the same payment.
    const again = await initiate(t, caller, body, '/payments/domestic', {
      'x-request-id': requestId,
    });
    expect(again.paymentId).toBe(retried.paymentId);
    const books = await bankBooks(t, DECOUPLED_BANK);
    expect(books.payments).toHaveLength(before + 1);
    await authoriseDecoupled(t, caller, retried.path);
    expect((await t.admin('POST', '/clock/advance', { seconds: 4 * 86_400 })).status).toBe(200);
    expect(['ACSC', 'ACCC']).toContain(
      (await pis(t, caller, 'GET', `${retried.path}/status`)).json.transactionStatus,
    );
    const bankId = await bankPaymentIdOf(t, retried.paymentId);
    expect(debits(postingsOf(await bankBooks(t, DECOUPLED_BANK), bankId))).toHaveLength(1);
    const rows = await t.store.db
      .selectFrom('payments')
      .select('id')
      .where('bank_payment_id', '=', bankId)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('a repeated X-Request-ID with another amount is 400 FORMAT_ERROR, and the first payment stays as it was (case 8)', async () => {
    const caller = { bic: DECOUPLED_BANK, token: tpp.token };
    const accounts = await payerAndPayee(t, DECOUPLED_BANK);
    const requestId = randomUUID();
    const first = await initiate(t, caller, bodyBetween(accounts, '5.00'), '/payments/domestic', {
      'x-request-id': requestId,
    });
    const before = await paymentState(t);
    const books = await bankBooks(t, DECOUPLED_BANK);
    const changed = await payRequest(t, 'POST', '/payments/domestic', {
      token: tpp.token,
      bic: DECOUPLED_BANK,
      body: bodyBetween(accounts, '5000.00'),
      headers: { 'x-request-id': requestId },
    });
    expectProblem(changed.response, 400, 'FORMAT_ERROR');
    expect(await paymentState(t)).toEqual(before);
    expect(await bankBooks(t, DECOUPLED_BANK)).toEqual(books);
    const read = await pis(t, caller, 'GET', first.path);
    expect(read.json.instructedAmount).toEqual({ currency: 'SEK', amount: '5.00' });
  });
});

describe('X-Request-ID replay (case 15)', () => {
  it('from another client with the same X-Request-ID and body is an independent new payment', async () => {
    const other = await payingTpp(t);
    const body = bodyBetween(await payerAndPayee(t, DECOUPLED_BANK), '6.00');
    const requestId = randomUUID();
    const mine = await initiate(
      t,
      { bic: DECOUPLED_BANK, token: tpp.token },
      body,
      '/payments/domestic',
      {
        'x-request-id': requestId,
      },
    );
    const theirs = await initiate(
      t,
      { bic: DECOUPLED_BANK, token: other.token },
      body,
      '/payments/domestic',
      {
        'x-request-id': requestId,
      },
    );
    expect(theirs.paymentId).not.toBe(mine.paymentId);
    expect(await bankPaymentIdOf(t, theirs.paymentId)).not.toBe(
      await bankPaymentIdOf(t, mine.paymentId),
    );
  });

  it('five concurrent duplicates make exactly one payment, and all five are answered with it', async () => {
    const body = bodyBetween(await payerAndPayee(t, DECOUPLED_BANK), '6.10');
    const requestId = randomUUID();
    const before = (await paymentState(t)).payments?.length ?? 0;
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        payRequest(t, 'POST', '/payments/domestic', {
          token: tpp.token,
          bic: DECOUPLED_BANK,
          body,
          headers: { 'x-request-id': requestId },
        }),
      ),
    );
    expect(answers.map((a) => a.response.statusCode)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.response.json().paymentId)).size).toBe(1);
    expect((await paymentState(t)).payments?.length).toBe(before + 1);
  });

  it('the same body again answers the first payment (Idempotent-Replayed), another body 400, neither reaching the bank', async () => {
    const body = bodyBetween(await payerAndPayee(t, DECOUPLED_BANK), '6.20');
    const requestId = randomUUID();
    const first = await payRequest(t, 'POST', '/payments/domestic', {
      token: tpp.token,
      bic: DECOUPLED_BANK,
      body,
      headers: { 'x-request-id': requestId },
    });
    expect(first.response.statusCode, first.response.body).toBe(201);
    const state = await paymentState(t);
    const atBank = (await bankBooks(t, DECOUPLED_BANK)).payments.length;

    const again = await payRequest(t, 'POST', '/payments/domestic', {
      token: tpp.token,
      bic: DECOUPLED_BANK,
      body,
      headers: { 'x-request-id': requestId },
    });
    expect(again.response.statusCode).toBe(201);
    expect(again.response.headers['idempotent-replayed']).toBe('true');
    expect(again.response.json().paymentId).toBe(first.response.json().paymentId);

    const other = await payRequest(t, 'POST', '/payments/domestic', {
      token: tpp.token,
      bic: DECOUPLED_BANK,
      body: { ...body, instructedAmount: { currency: 'SEK', amount: '600.00' } },
      headers: { 'x-request-id': requestId },
    });
    expectProblem(
      other.response,
      400,
      'FORMAT_ERROR',
      'X-Request-ID already used for a different request',
    );
    expect(await paymentState(t)).toEqual(state);
    expect((await bankBooks(t, DECOUPLED_BANK)).payments).toHaveLength(atBank);
  });
});
