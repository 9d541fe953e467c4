/**
 * A payment step cut by its instance dying (SIGKILL from a failpoint: no shutdown, no flush)
 * with a second instance on the same PostgreSQL schema: the TPP retries on the survivor, and
 * the payment ends with one payment at the bank, one booking on the debtor's account, a final
 * status on both instances, and no half-written rows.
 *
 * Runs with BANKBRIDGE_TEST_DB=postgres (several instances need PostgreSQL).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { paymentBody } from '../support/payments.js';
import { TEST_DB } from '../support/test-store.js';
import { type Cluster, type Instance, startCluster } from './cluster.js';
import { killedAt } from './killed-at.js';
import {
  ANNA,
  accountsOf,
  approveBankId,
  atBank,
  ERIK,
  PaymentTpp,
  payee,
  redirectCode,
} from './payment-cluster.js';

// Bank calls time out after a second, so a redemption left by a dead instance is known for
// one after two bank calls and a margin: 2 x 1 s + 5 s; a request left unanswered, after the
// shortest takeover that bank timeout allows: 3 x 1 s + 5 s.
const BANK_TIMEOUT_MS = 1_000;
const REDEEM_WINDOW_MS = 2 * BANK_TIMEOUT_MS + 5_000;
const TAKEOVER_SECONDS = (3 * BANK_TIMEOUT_MS + 5_000) / 1000;
const FINAL = ['ACSC', 'ACCC'];

describe.runIf(TEST_DB === 'postgres')('a payment step cut by its instance dying', () => {
  let cluster: Cluster;
  let me: PaymentTpp;
  let doomed: Instance;
  let survivor: string;

  beforeAll(async () => {
    cluster = await startCluster({
      env: {
        BANKBRIDGE_BANK_TIMEOUT_MS: String(BANK_TIMEOUT_MS),
        BANKBRIDGE_REPLAY_TAKEOVER_SECONDS: String(TAKEOVER_SECONDS),
        BANKBRIDGE_RATE_LIMIT: '100000/1440min',
      },
    });
    doomed = cluster.instances[0] as Instance;
    survivor = (cluster.instances[1] as Instance).url;
    me = await PaymentTpp.of(cluster);
  }, 120_000);
  afterAll(async () => {
    await cluster?.close();
  });

  /**
   * Restarts the doomed instance with the failpoint armed; `step` must make it die there. Back
   * as it was, unarmed, for the next test; the TPP goes on with the survivor.
   */
  const armed = (failpoint: string, step: () => Promise<unknown>, attempts?: number) =>
    killedAt(doomed, failpoint, step, attempts);

  async function body(bic: string, creditor: string) {
    const [anna] = await accountsOf(cluster, bic, ANNA);
    const [erik] = await accountsOf(cluster, bic, ERIK);
    return paymentBody(anna?.iban as string, erik?.iban as string, '31.00', {
      creditorName: creditor,
    });
  }

  /** Clearing takes the sandbox's delay: its clock moves past it and due payments book. */
  async function cleared() {
    const moved = await cluster.admin('POST', '/clock/advance', { seconds: 60 });
    expect(moved.status).toBe(200);
  }

  /**
   * One payment at the bank, one Bankbridge payment for it with a whole history, one booked
   * debit, and the same final status on both instances.
   */
  async function exactlyOnce(bic: string, path: string, creditor: string) {
    await cleared();
    const onSurvivor = await me.call(survivor, 'GET', path, bic);
    const onRestarted = await me.call(doomed.url, 'GET', path, bic);
    expect(onSurvivor.status).toBe(200);
    const status = onSurvivor.body.transactionStatus as string;
    expect(FINAL).toContain(status);
    expect(onRestarted.body.transactionStatus).toBe(status);
    const bank = await atBank(cluster, bic, creditor);
    expect(bank.payments.map((p) => p.transactionStatus)).toEqual([status]);
    const debits = bank.debits(onSurvivor.body.endToEndIdentification as string);
    expect(debits.map((d) => d.status)).toEqual(['booked']);
    const rows = await cluster.store.db
      .selectFrom('payments')
      .select(['id', 'status'])
      .where('bic', '=', bic)
      .where('bank_payment_id', '=', bank.payments[0]?.paymentId as string)
      .execute();
    expect(rows).toHaveLength(1);
    const events = await cluster.store.db
      .selectFrom('payment_events')
      .select(['from_status', 'to_status'])
      .where('payment_id', '=', rows[0]?.id as string)
      .orderBy('at')
      .execute();
    const moves = events.map((e) => `${e.from_status}>${e.to_status}`);
    expect(moves[0]).toBe('null>RCVD');
    expect(events.at(-1)?.to_status).toBe(status);
    expect(new Set(moves).size, moves.join(', ')).toBe(moves.length);
    // No authorisation of it is left claimed by a request that died.
    const claimed = await cluster.store.db
      .selectFrom('sca_authorisations')
      .select('id')
      .where('resource_id', '=', rows[0]?.id as string)
      .where('redeeming_at', 'is not', null)
      .execute();
    expect(claimed).toEqual([]);
    return rows[0]?.id as string;
  }

  /** Polls until the payment is authorised and executing (past the redemption window). */
  const executedOn = (base: string, bic: string, path: string) =>
    vi.waitFor(
      async () => expect(['ACTC', 'ACSP', ...FINAL]).toContain(await me.status(base, bic, path)),
      { timeout: REDEEM_WINDOW_MS + 10_000, interval: 1_000 },
    );

  async function signedWithBankId(path: string) {
    const { order } = await me.bankIdOrder(survivor, 'SWEDSESS', path);
    expect((await approveBankId(cluster, order)).status).toBe(200);
  }

  for (const failpoint of ['payment.create.bankAnswered', 'payment.create.stored']) {
    it(`create killed at ${failpoint}: the retry on the other instance gets one payment`, async () => {
      const creditor = payee('Create crash');
      const payment = await body('SWEDSESS', creditor);
      const requestId = randomUUID();
      let sent = 0;
      await armed(failpoint, () => {
        sent = Date.now();
        return me.call(doomed.url, 'POST', '/payments/domestic', 'SWEDSESS', {
          body: payment,
          requestId,
        });
      });
      // The bank has the payment; Bankbridge has it too, or not yet, as the failpoint says.
      expect((await atBank(cluster, 'SWEDSESS', creditor)).payments).toHaveLength(1);
      // Timed from here, not from the first request: restarting the killed instance in between
      // takes seconds of its own on a busy machine.
      const retrying = Date.now();
      const retried = await me.create(survivor, 'SWEDSESS', payment, { requestId });
      expect(retried.answer.body.transactionStatus).toBe('RCVD');
      if (failpoint === 'payment.create.bankAnswered') {
        // Run again once the first request's claim is past the takeover time, not sooner, and
        // not after the default minute.
        expect(retried.answer.headers.get('idempotent-replayed')).toBeNull();
        expect(Date.now() - sent).toBeGreaterThanOrEqual(TAKEOVER_SECONDS * 1000);
        expect(Date.now() - sent).toBeLessThan(60_000);
      } else {
        // The answer was kept with the payment, in one transaction: replayed at once.
        expect(retried.answer.headers.get('idempotent-replayed')).toBe('true');
        expect(Date.now() - retrying).toBeLessThan(TAKEOVER_SECONDS * 1000);
      }
      await signedWithBankId(retried.path);
      const id = await exactlyOnce('SWEDSESS', retried.path, creditor);
      expect(id).toBe(retried.paymentId);
    }, 240_000);
  }

  for (const failpoint of ['sca.decoupled.claimed', 'sca.decoupled.redeemed']) {
    it(`decoupled finalisation killed at ${failpoint}: a later poll on the other instance finishes it`, async () => {
      const creditor = payee('Decoupled crash');
      const created = await me.create(survivor, 'SWEDSESS', await body('SWEDSESS', creditor));
      await signedWithBankId(created.path);
      // A status poll, safe to send again if it came back before the bank had the signature.
      await armed(failpoint, () => me.call(doomed.url, 'GET', created.path, 'SWEDSESS'), 5);
      // Once the dead request's claim is known to be abandoned, a poll takes the grant over.
      await executedOn(survivor, 'SWEDSESS', created.path);
      await exactlyOnce('SWEDSESS', created.path, creditor);
    }, 240_000);
  }

  /** A SEPA payment of Anna's to Erik at Nordea, created and not yet authorised. */
  async function cancellablePayment(creditor: string, amount: string) {
    const [anna] = await accountsOf(cluster, 'NDEAFIHH', ANNA);
    const [erik] = await accountsOf(cluster, 'NDEAFIHH', ERIK);
    return me.create(
      survivor,
      'NDEAFIHH',
      {
        instructedAmount: { currency: 'EUR', amount },
        debtorAccount: { iban: anna?.iban },
        creditorName: creditor,
        creditorAccount: { iban: erik?.iban },
      },
      { product: '/payments/sepa-credit-transfers' },
    );
  }

  it('a DELETE killed after the bank cancelled: the retry on the other instance answers it cancelled', async () => {
    const creditor = payee('Cancel crash');
    const created = await cancellablePayment(creditor, '17.00');
    await armed('payment.cancel.bankAnswered', () =>
      me.call(doomed.url, 'DELETE', created.path, 'NDEAFIHH'),
    );
    expect((await atBank(cluster, 'NDEAFIHH', creditor)).payments[0]?.transactionStatus).toBe(
      'CANC',
    );
    const retried = await me.call(survivor, 'DELETE', created.path, 'NDEAFIHH');
    expect(retried.status, JSON.stringify(retried.body)).toBe(204);
    for (const base of [survivor, doomed.url]) {
      expect(await me.status(base, 'NDEAFIHH', created.path)).toBe('CANC');
    }
    const bank = await atBank(cluster, 'NDEAFIHH', creditor);
    expect(bank.payments).toHaveLength(1);
    const payment = await me.call(survivor, 'GET', created.path, 'NDEAFIHH');
    expect(bank.debits(payment.body.endToEndIdentification as string)).toEqual([]);
  }, 240_000);

  it('a DELETE killed after storing the cancellation: the retry is answered 204 at once', async () => {
    const creditor = payee('Cancel stored crash');
    const created = await cancellablePayment(creditor, '18.00');
    const requestId = randomUUID();
    await armed('payment.cancel.stored', () =>
      me.call(doomed.url, 'DELETE', created.path, 'NDEAFIHH', { requestId }),
    );
    const retrying = Date.now();
    const retried = await me.call(survivor, 'DELETE', created.path, 'NDEAFIHH', { requestId });
    // The 204 was kept with the cancellation: not run again and refused as cancelled already.
    expect(retried.status, JSON.stringify(retried.body)).toBe(204);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(Date.now() - retrying).toBeLessThan(TAKEOVER_SECONDS * 1000);
    expect(await me.status(survivor, 'NDEAFIHH', created.path)).toBe('CANC');
    const bank = await atBank(cluster, 'NDEAFIHH', creditor);
    expect(bank.payments).toHaveLength(1);
    expect(bank.payments[0]?.transactionStatus).toBe('CANC');
  }, 240_000);

  it("redirect finalisation killed after the bank's code was exchanged: the payment still ends executed", async () => {
    const creditor = payee('Redirect crash');
    const created = await me.create(survivor, 'NDEASESS', await body('NDEASESS', creditor));
    const { authorisationId, link } = await me.redirectLink(survivor, 'NDEASESS', created.path);
    const code = await redirectCode(link);
    const flow = { paymentId: created.paymentId, authorisationId, code };
    await armed('sca.redirect.exchanged', () => me.redeem(doomed.url, flow));
    // The code is spent: the TPP's retry on the other instance is refused.
    const again = await me.redeem(survivor, flow);
    expect(again.status).toBe(400);
    expect(((await again.json()) as { error: string }).error).toBe('invalid_grant');
    // The PSU signed and the bank executes: once the dead redemption is known to be
    // abandoned, Bankbridge takes that over, authorised.
    await executedOn(survivor, 'NDEASESS', created.path);
    await exactlyOnce('NDEASESS', created.path, creditor);
  }, 240_000);
});
