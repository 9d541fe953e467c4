/**
 * A cancellation racing the payment's execution, with two Bankbridge instances on one
 * PostgreSQL schema and a bank that offers cancellation (Nordea Finland, redirect SCA): the
 * TPP cancels on one instance while the other reads the payment the bank is executing. Each
 * race ends with exactly one outcome, the same at the bank, on both instances and on the
 * debtor's account: cancelled (CANC) and nothing posted, or executed with one posting and the
 * cancellation refused (405 CANCELLATION_INVALID).
 *
 * The bank executes a future-dated payment when its clock reaches the date, so these races
 * move the sandbox's clock by days; they run on a cluster of their own.
 *
 * Runs with BANKBRIDGE_TEST_DB=postgres (several instances need PostgreSQL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DB } from '../support/test-store.js';
import { type Cluster, startCluster } from './cluster.js';
import {
  ANNA,
  accountsOf,
  atBank,
  atBankDecision,
  backToTpp,
  ERIK,
  PaymentTpp,
  payee,
  redirectCode,
} from './payment-cluster.js';

const BIC = 'NDEAFIHH';
const SEPA = '/payments/sepa-credit-transfers';
const EXECUTED = ['ACSP', 'ACSC', 'ACCC'];
const DAY = 86_400;

describe.runIf(TEST_DB === 'postgres')('a cancellation racing the execution', () => {
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

  /** The sandbox bank's today (its clock moves ahead in these tests). */
  async function bankToday(): Promise<string> {
    const answer = await cluster.admin('POST', '/payments/run-due');
    return ((await answer.json()) as { now: string }).now.slice(0, 10);
  }

  async function advance(seconds: number) {
    const moved = await cluster.admin('POST', '/clock/advance', { seconds });
    expect(moved.status).toBe(200);
  }

  /** Anna pays euros to Erik; `executionDate` makes it future-dated. */
  async function sepaBody(creditor: string, executionDate?: string) {
    const [anna] = await accountsOf(cluster, BIC, ANNA);
    const [erik] = await accountsOf(cluster, BIC, ERIK);
    return {
      instructedAmount: { currency: 'EUR', amount: '21.30' },
      debtorAccount: { iban: anna?.iban },
      creditorName: creditor,
      creditorAccount: { iban: erik?.iban },
      remittanceInformationUnstructured: 'Scale test',
      ...(executionDate ? { requestedExecutionDate: executionDate } : {}),
    };
  }

  /** A week ahead of the bank's today, on a weekday: cancellable for days. */
  async function aWeekAhead(): Promise<string> {
    const date = new Date(`${await bankToday()}T12:00:00Z`);
    date.setUTCDate(date.getUTCDate() + 7);
    while (date.getUTCDay() === 0 || date.getUTCDay() === 6) date.setUTCDate(date.getUTCDate() + 1);
    return date.toISOString().slice(0, 10);
  }

  /** A payment the PSU authorised (redirect, code redeemed): the bank holds it. */
  async function authorised(creditor: string, executionDate?: string) {
    const created = await me.create(b, BIC, await sepaBody(creditor, executionDate), {
      product: SEPA,
    });
    const { authorisationId, link } = await me.redirectLink(a, BIC, created.path);
    const code = await redirectCode(link);
    const redeemed = await me.redeem(b, { paymentId: created.paymentId, authorisationId, code });
    expect(redeemed.status, await redeemed.clone().text()).toBe(200);
    expect(EXECUTED).toContain(await me.status(a, BIC, created.path));
    return created;
  }

  /** Both instances, the bank and the debtor's account agree on one outcome; which one. */
  async function oneOutcome(path: string, creditor: string): Promise<'cancelled' | 'executed'> {
    const onA = await me.call(a, 'GET', path, BIC);
    const onB = await me.call(b, 'GET', path, BIC);
    const status = onA.body.transactionStatus as string;
    expect(onB.body.transactionStatus).toBe(status);
    const bank = await atBank(cluster, BIC, creditor);
    expect(bank.payments).toHaveLength(1);
    expect(bank.payments[0]?.transactionStatus).toBe(status);
    const debits = bank.debits(onA.body.endToEndIdentification as string);
    if (status === 'CANC') {
      expect(debits).toEqual([]);
      return 'cancelled';
    }
    expect(EXECUTED).toContain(status);
    expect(debits).toHaveLength(1);
    // Executed: no cancellation can take it back.
    const again = await me.call(b, 'DELETE', path, BIC);
    expect(again.status, JSON.stringify(again.body)).toBe(405);
    expect(again.body.tppMessages[0].code).toBe('CANCELLATION_INVALID');
    return 'executed';
  }

  /**
   * The PSU's one click is quicker than the other side of a race; holding it back a little more
   * each round lets the rounds see both orders at the bank (each must end in one outcome).
   */
  const head = (round: number) => new Promise((resolve) => setTimeout(resolve, round * 150));

  async function historyOnce(paymentId: string) {
    const events = await cluster.store.db
      .selectFrom('payment_events')
      .select(['from_status', 'to_status'])
      .where('payment_id', '=', paymentId)
      .execute();
    const moves = events.map((e) => `${e.from_status}>${e.to_status}`);
    expect(new Set(moves).size, moves.join(', ')).toBe(moves.length);
  }

  it('DELETE on one instance while the bank executes and the other instance reads it', async () => {
    for (let round = 0; round < 2; round++) {
      const creditor = payee('Cancel or execute');
      const date = await aWeekAhead();
      const payment = await authorised(creditor, date);
      const [cancelled] = await Promise.all([
        me.call(a, 'DELETE', payment.path, BIC),
        (async () => {
          await advance(21 * DAY);
          return me.call(b, 'GET', `${payment.path}/status`, BIC);
        })(),
      ]);
      // Either the bank took the request before its cut-off (a cancellation to authorise,
      // which the execution overtakes) or the payment had executed already.
      expect([202, 405], JSON.stringify(cancelled.body)).toContain(cancelled.status);
      expect(await oneOutcome(payment.path, creditor)).toBe('executed');
      await historyOnce(payment.paymentId);
    }
  }, 120_000);

  it('the PSU authorises the cancellation while the bank executes the payment', async () => {
    const outcomes: string[] = [];
    for (let round = 0; round < 3; round++) {
      const creditor = payee('Cancellation SCA');
      const payment = await authorised(creditor, await aWeekAhead());
      const deleted = await me.call(a, 'DELETE', payment.path, BIC);
      expect(deleted.status, JSON.stringify(deleted.body)).toBe(202);
      const { authorisationId, link } = await me.redirectLink(b, BIC, payment.path, {
        segment: 'cancellation-authorisations',
      });
      const { browser, decide } = await atBankDecision(link);
      await Promise.all([
        (async () => {
          await head(round);
          const returning = await decide();
          if (!returning) return;
          const back = await backToTpp(browser, returning);
          if (!back.code) return;
          const redeemed = await me.redeem(
            a,
            { paymentId: payment.paymentId, authorisationId, code: back.code },
            { cancellation: true },
          );
          // The bank's code lapses when its clock jumped in between; the payment stays as
          // the bank has it either way.
          expect([200, 400]).toContain(redeemed.status);
        })(),
        (async () => {
          await advance(21 * DAY);
          await me.call(b, 'GET', `${payment.path}/status`, BIC);
        })(),
      ]);
      outcomes.push(await oneOutcome(payment.path, creditor));
      await historyOnce(payment.paymentId);
    }
    expect(outcomes).toHaveLength(3);
  }, 120_000);

  it('DELETE before SCA while the PSU signs on the bank’s page: cancelled, or executed and not cancellable', async () => {
    for (let round = 0; round < 3; round++) {
      const creditor = payee('Cancel before SCA');
      const created = await me.create(b, BIC, await sepaBody(creditor), { product: SEPA });
      const { authorisationId, link } = await me.redirectLink(a, BIC, created.path);
      const { browser, decide } = await atBankDecision(link);
      const [cancelled] = await Promise.all([
        me.call(a, 'DELETE', created.path, BIC),
        (async () => {
          await head(round);
          const returning = await decide();
          if (!returning) return;
          const back = await backToTpp(browser, returning);
          if (!back.code) return;
          await me.redeem(b, { paymentId: created.paymentId, authorisationId, code: back.code });
        })(),
      ]);
      expect([204, 405], JSON.stringify(cancelled.body)).toContain(cancelled.status);
      // Cleared euros book after the sandbox's clearing delay.
      await advance(120);
      const outcome = await oneOutcome(created.path, creditor);
      expect(outcome).toBe(cancelled.status === 204 ? 'cancelled' : 'executed');
      await historyOnce(created.paymentId);
    }
  }, 120_000);
});
