/**
 * Money moves exactly once with two Bankbridge instances on one PostgreSQL schema: the steps
 * of one payment that race on both instances at once (a code redeemed ten times, two
 * authorisations completed, status polls after the PSU signed, an answer the bank lost) each
 * end with one payment at the bank, one booking on the debtor's account, and the same status
 * on both instances, recorded once.
 *
 * Runs with BANKBRIDGE_TEST_DB=postgres (several instances need PostgreSQL).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { paymentBody } from '../support/payments.js';
import { TEST_DB } from '../support/test-store.js';
import { type Cluster, startCluster } from './cluster.js';
import {
  ANNA,
  accountsOf,
  approveBankId,
  atBank,
  atBankDecision,
  backToTpp,
  ERIK,
  logged,
  PaymentTpp,
  payee,
  redirectCode,
} from './payment-cluster.js';

const EXECUTED = ['ACSP', 'ACSC', 'ACCC'];

describe.runIf(TEST_DB === 'postgres')('one payment on two instances', () => {
  let cluster: Cluster;
  let me: PaymentTpp;
  let a: string;
  let b: string;

  beforeAll(async () => {
    cluster = await startCluster({ env: { BANKBRIDGE_RATE_LIMIT: '100000/1440min' } });
    [a, b] = cluster.instances.map((i) => i.url) as [string, string];
    me = await PaymentTpp.of(cluster);
  }, 120_000);
  afterAll(async () => {
    await cluster?.close();
  });

  /** Anna pays `creditor` from her current account to Erik's, at `bic`. */
  async function body(bic: string, creditor: string, amount = '12.50') {
    const [anna] = await accountsOf(cluster, bic, ANNA);
    const [erik] = await accountsOf(cluster, bic, ERIK);
    return paymentBody(anna?.iban as string, erik?.iban as string, amount, {
      creditorName: creditor,
    });
  }

  /**
   * The payment as both instances, the bank and its ledger have it: the same status on both
   * instances and at the bank, one payment there, and its debits (one per booking).
   */
  async function outcome(bic: string, path: string, creditor: string) {
    const onA = await me.call(a, 'GET', path, bic);
    const onB = await me.call(b, 'GET', path, bic);
    expect(onA.status).toBe(200);
    expect(onB.body.transactionStatus).toBe(onA.body.transactionStatus);
    const bank = await atBank(cluster, bic, creditor);
    expect(bank.payments.map((p) => p.transactionStatus)).toEqual([onA.body.transactionStatus]);
    return {
      status: onA.body.transactionStatus as string,
      debits: bank.debits(onA.body.endToEndIdentification as string),
    };
  }

  /** Clearing takes the sandbox's delay: its clock moves past it and due payments book. */
  async function cleared() {
    const moved = await cluster.admin('POST', '/clock/advance', { seconds: 60 });
    expect(moved.status).toBe(200);
  }

  /** The payment's status history: every change once, none repeated. */
  async function history(paymentId: string) {
    const events = await cluster.store.db
      .selectFrom('payment_events')
      .select(['from_status', 'to_status'])
      .where('payment_id', '=', paymentId)
      .orderBy('at')
      .execute();
    const moves = events.map((e) => `${e.from_status}>${e.to_status}`);
    expect(new Set(moves).size, moves.join(', ')).toBe(moves.length);
    return moves;
  }

  async function authorisationsOf(paymentId: string) {
    return cluster.store.db
      .selectFrom('sca_authorisations')
      .select(['id', 'sca_status'])
      .where('resource_kind', '=', 'payment')
      .where('resource_id', '=', paymentId)
      .execute();
  }

  it('a payment code redeemed ten times on both instances: one token, one exchange at the bank, one booking', async () => {
    const creditor = payee('Redeemed');
    const created = await me.create(b, 'NDEASESS', await body('NDEASESS', creditor));
    const { authorisationId, link } = await me.redirectLink(a, 'NDEASESS', created.path);
    const code = await redirectCode(link);
    const requestIds = Array.from({ length: 10 }, () => randomUUID());
    const answers = await Promise.all(
      requestIds.map((requestId, i) =>
        me.redeem(
          i % 2 ? a : b,
          { paymentId: created.paymentId, authorisationId, code },
          { requestId },
        ),
      ),
    );
    expect(answers.map((r) => r.status).filter((s) => s === 200)).toHaveLength(1);
    for (const refused of answers.filter((r) => r.status !== 200)) {
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { error: string }).error).toBe('invalid_grant');
    }
    // The bank's code was exchanged once, by the redemption that won (logs flush each second).
    const exchanges = () => logged(cluster, requestIds, 'bank call', /\/oauth2\/token$/);
    await vi.waitFor(() => expect(exchanges().length).toBeGreaterThan(0), {
      timeout: 5_000,
      interval: 200,
    });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(exchanges()).toHaveLength(1);

    const result = await outcome('NDEASESS', created.path, creditor);
    expect(EXECUTED).toContain(result.status);
    expect(result.debits).toHaveLength(1);
    const moves = await history(created.paymentId);
    expect(moves.filter((m) => m.startsWith('RCVD>'))).toHaveLength(1);
    const [authorisation] = await authorisationsOf(created.paymentId);
    expect(authorisation?.sca_status).toBe('finalised');
  }, 60_000);

  it('two BankID authorisations signed, polled on both instances: one executes, the other fails', async () => {
    const creditor = payee('Two BankID');
    const created = await me.create(a, 'SWEDSESS', await body('SWEDSESS', creditor));
    const first = await me.bankIdOrder(a, 'SWEDSESS', created.path);
    const second = await me.bankIdOrder(b, 'SWEDSESS', created.path);
    const signed = await Promise.all([
      approveBankId(cluster, first.order),
      approveBankId(cluster, second.order),
    ]);
    // The bank takes one signature; the other order is refused (the payment is authorised).
    expect(signed.map((answer) => answer.status).sort()).toEqual([200, 400]);
    const polls = () =>
      Promise.all(
        Array.from({ length: 6 }, async (_, i) => {
          const poll = await me.call(i % 2 ? a : b, 'GET', created.path, 'SWEDSESS');
          expect(poll.status, JSON.stringify(poll.body)).toBe(200);
        }),
      );
    await polls();
    // The order nobody could sign runs out at the bank, and the polls end its authorisation.
    await cluster.admin('POST', '/clock/advance', { seconds: 200 });
    await polls();

    const result = await outcome('SWEDSESS', created.path, creditor);
    expect(EXECUTED).toContain(result.status);
    expect(result.debits).toHaveLength(1);
    const states = (await authorisationsOf(created.paymentId)).map((x) => x.sca_status).sort();
    expect(states).toEqual(['failed', 'finalised']);
    await history(created.paymentId);
  }, 60_000);

  it('BankID signed first, then the redirect authorisation on the other instance: the redirect fails, the payment stands', async () => {
    const creditor = payee('BankID and redirect');
    const created = await me.create(a, 'SWEDSESS', await body('SWEDSESS', creditor));
    const bankId = await me.bankIdOrder(a, 'SWEDSESS', created.path);
    const redirect = await me.redirectLink(b, 'SWEDSESS', created.path, { method: 'redirect' });
    const { browser, decide } = await atBankDecision(redirect.link);
    expect((await approveBankId(cluster, bankId.order)).status).toBe(200);
    // The bank refuses the second signature of an authorised payment; the PSU is sent back.
    const returning = await decide();
    expect(returning).toBeDefined();
    const back = await backToTpp(browser, returning as string);
    expect(back.error).toBe('access_denied');

    const result = await outcome('SWEDSESS', created.path, creditor);
    expect(EXECUTED).toContain(result.status);
    expect(result.debits).toHaveLength(1);
    const states = await authorisationsOf(created.paymentId);
    expect(states.find((x) => x.id === bankId.authorisationId)?.sca_status).toBe('finalised');
    expect(states.find((x) => x.id === redirect.authorisationId)?.sca_status).toBe('failed');
    await history(created.paymentId);
  }, 60_000);

  it('status polls racing on both instances after the PSU signed: finalised once, recorded once', async () => {
    const creditor = payee('Polled');
    const created = await me.create(b, 'SWEDSESS', await body('SWEDSESS', creditor));
    const { authorisationId, order } = await me.bankIdOrder(a, 'SWEDSESS', created.path);
    expect((await approveBankId(cluster, order)).status).toBe(200);
    const polls = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        me.call(i % 2 ? a : b, 'GET', `${created.path}/status`, 'SWEDSESS'),
      ),
    );
    for (const poll of polls) expect(poll.status, JSON.stringify(poll.body)).toBe(200);

    const result = await outcome('SWEDSESS', created.path, creditor);
    expect(EXECUTED).toContain(result.status);
    expect(result.debits).toHaveLength(1);
    const moves = await history(created.paymentId);
    expect(moves.filter((m) => m.startsWith('RCVD>'))).toHaveLength(1);
    const finalised = await cluster.store.db
      .selectFrom('sca_events')
      .select('to_status')
      .where('authorisation_id', '=', authorisationId)
      .where('to_status', '=', 'finalised')
      .execute();
    expect(finalised).toHaveLength(1);
  }, 60_000);

  it('the bank books and loses its answer: the TPP gets 201 once, one payment at the bank, one debit', async () => {
    const creditor = payee('Lost answer');
    await cluster.admin('PUT', '/banks/SWEDSESS/payment-faults', { lostAnswers: 1 });
    const requestId = randomUUID();
    const created = await me.create(a, 'SWEDSESS', await body('SWEDSESS', creditor), {
      requestId,
    });
    expect(created.answer.body.transactionStatus).toBe('RCVD');
    // The connector asked the bank again, with the same X-Request-ID, and the bank answered.
    await vi.waitFor(
      () => {
        const posts = /\/v1\/payments\/domestic$/;
        expect(logged(cluster, [requestId], 'bank call failed', posts)).toHaveLength(1);
        expect(logged(cluster, [requestId], 'bank call', posts)).toHaveLength(1);
      },
      { timeout: 5_000, interval: 200 },
    );
    const atTheBank = await atBank(cluster, 'SWEDSESS', creditor);
    expect(atTheBank.payments).toHaveLength(1);
    const { order } = await me.bankIdOrder(b, 'SWEDSESS', created.path);
    expect((await approveBankId(cluster, order)).status).toBe(200);
    expect(EXECUTED).toContain(await me.status(b, 'SWEDSESS', created.path));
    await cleared();
    expect(['ACSC', 'ACCC']).toContain(await me.status(a, 'SWEDSESS', created.path));
    const rows = await cluster.store.db
      .selectFrom('payments')
      .select('id')
      .where('bank_payment_id', '=', atTheBank.payments[0]?.paymentId as string)
      .execute();
    expect(rows.map((r) => r.id)).toEqual([created.paymentId]);
    const result = await outcome('SWEDSESS', created.path, creditor);
    expect(result.debits.map((d) => d.status)).toEqual(['booked']);
  }, 60_000);
});
