// Execution rules over HTTP: future-dated and periodic payments on the sandbox clock, bulk
// payments per item or as one batch, one posting under a double trigger, cancellation, and
// a bank that books but loses its answer.

import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { runSandbox } from '../src/index.js';
import { ANNA, errorCode, type Sandbox, startSandbox, TestClock, tppHeaders } from './helpers.js';
import {
  created,
  DOMESTIC,
  ERIK,
  ibansOf,
  paymentUrl,
  signDecoupled,
  signRedirect,
  statusOf,
  transfer,
} from './payment-helpers.js';

const BIC = 'ESSESESS';

async function postings(sandbox: Sandbox, bic = BIC) {
  const response = await sandbox.app.inject(`/admin/banks/${bic}/payments`);
  return response.json().postings as Array<Record<string, unknown>>;
}

describe('payment execution', () => {
  let sandbox: Sandbox;
  let anna: string;
  let erik: string;

  beforeEach(async () => {
    // Monday 2026-03-16, 10:00 UTC.
    sandbox = await startSandbox();
    anna = (await ibansOf(sandbox, BIC, ANNA))[0]?.iban as string;
    erik = (await ibansOf(sandbox, BIC, ERIK))[0]?.iban as string;
  });

  it('executes a future-dated payment on the next business day on or after its date', async () => {
    // Saturday: executed on Monday 2026-03-23.
    const body = transfer(anna, erik, '42.00', { requestedExecutionDate: '2026-03-21' });
    const paymentId = await created(sandbox, BIC, DOMESTIC, body);
    await signDecoupled(sandbox, BIC, DOMESTIC, paymentId, ANNA);
    expect((await statusOf(sandbox, BIC, DOMESTIC, paymentId)).transactionStatus).toBe('ACSP');
    sandbox.clock.advanceDays(5);
    expect((await statusOf(sandbox, BIC, DOMESTIC, paymentId)).transactionStatus).toBe('ACSP');
    expect(await postings(sandbox)).toHaveLength(0);
    const advanced = await sandbox.app.inject({
      method: 'POST',
      url: '/admin/clock/advance',
      payload: { seconds: 2 * 86_400 },
    });
    expect(advanced.json().now).toBe('2026-03-23T10:00:00.000Z');
    expect((await statusOf(sandbox, BIC, DOMESTIC, paymentId)).transactionStatus).toBe('ACCC');
    const debit = (await postings(sandbox)).find((p) => p.creditorName === 'Erik Johansson');
    expect(debit).toMatchObject({ bookingDate: '2026-03-23', status: 'booked' });
  });

  it('books on the execution date even when the bank is next called days later', async () => {
    const body = transfer(anna, erik, '8.00', { requestedExecutionDate: '2026-03-19' });
    const paymentId = await created(sandbox, BIC, DOMESTIC, body);
    await signDecoupled(sandbox, BIC, DOMESTIC, paymentId, ANNA);
    sandbox.clock.advanceDays(5);
    expect((await statusOf(sandbox, BIC, DOMESTIC, paymentId)).transactionStatus).toBe('ACCC');
    const debit = (await postings(sandbox)).find((p) => p.creditorName === 'Erik Johansson');
    expect(debit).toMatchObject({ bookingDate: '2026-03-19', valueDate: '2026-03-19' });
  });

  it('books one entry per occurrence of a periodic payment and ends after endDate', async () => {
    const body = transfer(anna, erik, '10.00', {
      startDate: '2026-03-20',
      endDate: '2026-05-31',
      frequency: 'Monthly',
      dayOfExecution: '20',
    });
    const paymentId = await created(sandbox, BIC, DOMESTIC, body, 'periodic-payments');
    await signDecoupled(sandbox, BIC, DOMESTIC, paymentId, ANNA, 'periodic-payments');
    const status = () => statusOf(sandbox, BIC, DOMESTIC, paymentId, 'periodic-payments');
    expect((await status()).transactionStatus).toBe('ACSP');
    sandbox.clock.advanceDays(40);
    expect((await status()).transactionStatus).toBe('ACSP');
    sandbox.clock.advanceDays(40);
    expect((await status()).transactionStatus).toBe('ACSC');
    const debits = (await postings(sandbox)).filter((p) => p.creditorName === 'Erik Johansson');
    expect(debits.map((p) => p.bookingDate).sort()).toEqual([
      '2026-03-20',
      '2026-04-20',
      '2026-05-20',
    ]);
  });

  it('executes a bulk per item (PART when some items fail) or as one batch', async () => {
    const items = [
      {
        instructedAmount: { currency: 'SEK', amount: '5.00' },
        creditorName: 'A',
        creditorAccount: { iban: erik },
      },
      {
        instructedAmount: { currency: 'SEK', amount: '99999999.00' },
        creditorName: 'B',
        creditorAccount: { iban: erik },
      },
    ];
    const perItem = await created(
      sandbox,
      BIC,
      DOMESTIC,
      { debtorAccount: { iban: anna }, payments: items },
      'bulk-payments',
    );
    await signDecoupled(sandbox, BIC, DOMESTIC, perItem, ANNA, 'bulk-payments');
    sandbox.clock.advance(31_000);
    const part = await statusOf(sandbox, BIC, DOMESTIC, perItem, 'bulk-payments');
    expect(part.transactionStatus).toBe('PART');
    const batch = await created(
      sandbox,
      BIC,
      DOMESTIC,
      {
        debtorAccount: { iban: anna },
        batchBookingPreferred: true,
        payments: [items[0], { ...items[0], creditorName: 'C' }],
      },
      'bulk-payments',
    );
    await signDecoupled(sandbox, BIC, DOMESTIC, batch, ANNA, 'bulk-payments');
    sandbox.clock.advance(31_000);
    expect((await statusOf(sandbox, BIC, DOMESTIC, batch, 'bulk-payments')).transactionStatus).toBe(
      'ACCC',
    );
    const debits = (await postings(sandbox)).filter(
      (p) =>
        Number((p.transactionAmount as { amount: string } | undefined)?.amount ?? p.amount) < 0,
    );
    expect(debits.filter((p) => p.creditorName === '2 payees')).toHaveLength(1);
    expect(debits.filter((p) => p.creditorName === 'B')).toHaveLength(0);
  });

  it('posts exactly once however often and however concurrently execution is triggered', async () => {
    const paymentId = await created(sandbox, BIC, DOMESTIC, transfer(anna, erik, '7.00'));
    await signDecoupled(sandbox, BIC, DOMESTIC, paymentId, ANNA);
    sandbox.clock.advance(31_000);
    await Promise.all([
      ...Array.from({ length: 5 }, () =>
        sandbox.app.inject({ method: 'POST', url: '/admin/payments/run-due' }),
      ),
      ...Array.from({ length: 5 }, () => statusOf(sandbox, BIC, DOMESTIC, paymentId)),
    ]);
    const mine = (await postings(sandbox)).filter((p) =>
      String(p.transactionId).includes(paymentId.replaceAll('-', '-')),
    );
    expect(mine.filter((p) => p.creditorName === 'Erik Johansson')).toHaveLength(1);
    expect(mine.filter((p) => p.debtorName)).toHaveLength(1);
  });

  it('cancels before SCA and before the cut-off, and refuses afterwards', async () => {
    const remove = (id: string) =>
      sandbox.app.inject({
        method: 'DELETE',
        url: paymentUrl(BIC, DOMESTIC, id),
        headers: tppHeaders(),
      });
    const unsigned = await created(sandbox, BIC, DOMESTIC, transfer(anna, erik));
    expect((await remove(unsigned)).statusCode).toBe(204);
    expect((await statusOf(sandbox, BIC, DOMESTIC, unsigned)).transactionStatus).toBe('CANC');

    const executed = await created(
      sandbox,
      BIC,
      'swedish-domestic-private-own-accounts-transfers',
      transfer(anna, (await ibansOf(sandbox, BIC, ANNA))[1]?.iban as string),
    );
    await signDecoupled(
      sandbox,
      BIC,
      'swedish-domestic-private-own-accounts-transfers',
      executed,
      ANNA,
    );
    const refused = await sandbox.app.inject({
      method: 'DELETE',
      url: paymentUrl(BIC, 'swedish-domestic-private-own-accounts-transfers', executed),
      headers: tppHeaders(),
    });
    expect(refused.statusCode).toBe(405);
    expect(errorCode(refused)).toBe('CANCELLATION_INVALID');

    // Executes Thursday 2026-03-19: cut-off Wednesday 14:00 UTC.
    const early = await created(
      sandbox,
      BIC,
      DOMESTIC,
      transfer(anna, erik, '1.00', { requestedExecutionDate: '2026-03-19' }),
    );
    const late = await created(
      sandbox,
      BIC,
      DOMESTIC,
      transfer(anna, erik, '2.00', { requestedExecutionDate: '2026-03-19' }),
    );
    await signDecoupled(sandbox, BIC, DOMESTIC, early, ANNA);
    await signDecoupled(sandbox, BIC, DOMESTIC, late, ANNA);
    const asked = await remove(early);
    expect(asked.statusCode).toBe(202);
    expect(asked.json()._links.startAuthorisation.href).toContain('/cancellation-authorisations');
    const cancelUrl = `${paymentUrl(BIC, DOMESTIC, early)}/cancellation-authorisations`;
    const started = await sandbox.app.inject({
      method: 'POST',
      url: cancelUrl,
      headers: tppHeaders({ 'psu-id': ANNA }),
    });
    expect(started.statusCode, started.body).toBe(201);
    await sandbox.app.inject({
      method: 'POST',
      url: `/bankid/api/orders/${started.json().autoStartToken}`,
      payload: { action: 'approve' },
    });
    const sca = await sandbox.app.inject({
      url: `${cancelUrl}/${started.json().authorisationId}`,
      headers: tppHeaders(),
    });
    expect(sca.json().scaStatus).toBe('finalised');
    expect((await statusOf(sandbox, BIC, DOMESTIC, early)).transactionStatus).toBe('CANC');
    sandbox.clock.advanceMinutes(2 * 24 * 60 + 4 * 60 + 1);
    const afterCutOff = await remove(late);
    expect(afterCutOff.statusCode).toBe(405);
    expect(errorCode(afterCutOff)).toBe('CANCELLATION_INVALID');
    sandbox.clock.advanceDays(1);
    expect((await statusOf(sandbox, BIC, DOMESTIC, early)).transactionStatus).toBe('CANC');
    expect((await statusOf(sandbox, BIC, DOMESTIC, late)).transactionStatus).toBe('ACCC');
    const debits = (await postings(sandbox)).filter((p) => p.creditorName === 'Erik Johansson');
    expect(debits).toHaveLength(2);
  });

  it('cancels an authorised periodic payment once the PSU signs the cancellation (redirect)', async () => {
    const body = transfer(anna, erik, '10.00', { startDate: '2026-03-16', frequency: 'Weekly' });
    const id = await created(sandbox, BIC, DOMESTIC, body, 'periodic-payments');
    await signDecoupled(sandbox, BIC, DOMESTIC, id, ANNA, 'periodic-payments');
    const url = paymentUrl(BIC, DOMESTIC, id, 'periodic-payments');
    const asked = await sandbox.app.inject({ method: 'DELETE', url, headers: tppHeaders() });
    expect(asked.statusCode).toBe(202);
    const { page, back } = await signRedirect(sandbox, BIC, id, ANNA, 'approve', 'PIS-CANCEL');
    expect(page).toContain('Cancel');
    expect(back.searchParams.get('code')).toBeTruthy();
    expect(
      (await statusOf(sandbox, BIC, DOMESTIC, id, 'periodic-payments')).transactionStatus,
    ).toBe('CANC');
    sandbox.clock.advanceDays(21);
    await sandbox.app.inject({ method: 'POST', url: '/admin/payments/run-due' });
    const debits = (await postings(sandbox)).filter((p) => p.creditorName === 'Erik Johansson');
    expect(debits).toHaveLength(1);
  });
});

describe('a bank that books and loses the answer', () => {
  it('keeps the payment the TPP retries with the same X-Request-ID', async () => {
    const clock = new TestClock();
    const running = await runSandbox({ port: 0, now: clock.now });
    try {
      const admin = (path: string, init: RequestInit = {}) =>
        fetch(`${running.url}${path}`, {
          headers: { 'content-type': 'application/json' },
          ...init,
        });
      const accounts = (await (await admin(`/admin/banks/${BIC}/psus`)).json()).psus;
      const iban = (id: string) =>
        accounts.find((p: { psuId: string }) => p.psuId === id).accounts[0].iban;
      await admin(`/admin/banks/${BIC}/payment-faults`, {
        method: 'PUT',
        body: JSON.stringify({ lostAnswers: 1 }),
      });
      const headers = {
        'content-type': 'application/json',
        'x-request-id': randomUUID(),
        'tpp-client-id': 'bankbridge-test',
        'psu-ip-address': '192.0.2.10',
      };
      const body = JSON.stringify(transfer(iban(ANNA), iban(ERIK)));
      const url = `${running.url}/banks/${BIC}/v1/payments/${DOMESTIC}`;
      await expect(fetch(url, { method: 'POST', headers, body })).rejects.toThrow();
      const retry = await fetch(url, { method: 'POST', headers, body });
      expect(retry.status).toBe(201);
      const list = (await (await admin(`/admin/banks/${BIC}/payments`)).json()).payments;
      expect(list).toHaveLength(1);
      expect((await retry.json()).paymentId).toBe(list[0].paymentId);
    } finally {
      await running.close();
    }
  });
});
