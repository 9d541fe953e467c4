// The payment initiation API of the sandbox banks over HTTP: initiation, redirect and
// decoupled SCA, execution on the sandbox clock, and the executed payment in account
// information.

import { beforeEach, describe, expect, it } from 'vitest';
import {
  ANNA,
  errorCode,
  REDIRECT_URI,
  type Sandbox,
  startSandbox,
  token,
  tppHeaders,
} from './helpers.js';
import {
  accountView,
  created,
  DOMESTIC,
  ERIK,
  ibansOf,
  initiate,
  OWN_ACCOUNTS,
  paymentUrl,
  signDecoupled,
  signRedirect,
  statusOf,
  transfer,
} from './payment-helpers.js';

const BIC = 'ESSESESS';

describe('payment initiation and execution', () => {
  let sandbox: Sandbox;
  let anna: string;
  let annaSavings: string;
  let erik: string;

  beforeEach(async () => {
    sandbox = await startSandbox();
    const accounts = await ibansOf(sandbox, BIC, ANNA);
    anna = accounts[0]?.iban as string;
    annaSavings = accounts[1]?.iban as string;
    erik = (await ibansOf(sandbox, BIC, ERIK))[0]?.iban as string;
  });

  it('executes a redirect-signed domestic payment after the clearing delay and shows it in AIS', async () => {
    const readAnna = await accountView(sandbox, BIC, ANNA, anna);
    const readErik = await accountView(sandbox, BIC, ERIK, erik);
    const before = await readAnna();
    const erikBefore = await readErik();
    const paymentId = await created(sandbox, BIC, DOMESTIC, transfer(anna, erik, '100.00'));

    const { page, back } = await signRedirect(sandbox, BIC, paymentId, ANNA);
    for (const shown of ['100.00', 'SEK', 'Erik Johansson', 'Inv. 4711', erik])
      expect(page).toContain(shown);
    const code = back.searchParams.get('code');
    expect(code, back.toString()).toBeTruthy();
    const tokens = await token(sandbox, BIC, {
      grant_type: 'authorization_code',
      code: code as string,
      redirect_uri: REDIRECT_URI,
    });
    expect(tokens.statusCode, tokens.body).toBe(200);
    expect(tokens.json().scope).toBe(`PIS:${paymentId}`);

    expect((await statusOf(sandbox, BIC, DOMESTIC, paymentId)).transactionStatus).toBe('ACSP');
    const pending = await readAnna();
    expect(pending.closingBooked).toBeCloseTo(before.closingBooked, 2);
    expect(pending.interimAvailable).toBeCloseTo(before.interimAvailable - 100, 2);
    expect(pending.pending.some((t) => t.creditorName === 'Erik Johansson')).toBe(true);

    sandbox.clock.advance(31_000);
    expect((await statusOf(sandbox, BIC, DOMESTIC, paymentId)).transactionStatus).toBe('ACCC');
    const after = await readAnna();
    expect(after.closingBooked).toBeCloseTo(before.closingBooked - 100, 2);
    expect(after.interimAvailable).toBeCloseTo(before.interimAvailable - 100, 2);
    const entry = after.booked[0] as Record<string, unknown>;
    expect(entry).toMatchObject({
      bookingDate: '2026-03-16',
      valueDate: '2026-03-16',
      transactionAmount: { currency: 'SEK', amount: '-100.00' },
      creditorName: 'Erik Johansson',
      creditorAccount: { iban: erik },
      remittanceInformationUnstructured: 'Inv. 4711',
    });
    expect(entry.endToEndId).toMatch(/^E2E-/);
    expect(Number(entry.entryReference)).toBeGreaterThan(
      Number((after.booked[1] as Record<string, unknown>).entryReference),
    );
    expect(after.pending.some((t) => t.creditorName === 'Erik Johansson')).toBe(false);
    const erikAfter = await readErik();
    expect(erikAfter.closingBooked).toBeCloseTo(erikBefore.closingBooked + 100, 2);
    expect(erikAfter.booked[0]).toMatchObject({
      transactionAmount: { amount: '100.00' },
      debtorAccount: { iban: anna },
    });
  });

  it('books an own-account transfer signed in BankID at once (ACCC)', async () => {
    const read = await accountView(sandbox, BIC, ANNA, annaSavings);
    const before = await read();
    const body = { ...transfer(anna, annaSavings, '250.50'), creditorName: 'Anna Andersson' };
    const paymentId = await created(sandbox, BIC, OWN_ACCOUNTS, body);
    const { tokens } = await signDecoupled(sandbox, BIC, OWN_ACCOUNTS, paymentId, ANNA);
    expect(tokens.statusCode, tokens.body).toBe(200);
    expect((await statusOf(sandbox, BIC, OWN_ACCOUNTS, paymentId)).transactionStatus).toBe('ACCC');
    expect((await read()).closingBooked).toBeCloseTo(before.closingBooked + 250.5, 2);
    const detail = await sandbox.app.inject({
      url: paymentUrl(BIC, OWN_ACCOUNTS, paymentId),
      headers: tppHeaders(),
    });
    expect(detail.json()).toMatchObject({
      transactionStatus: 'ACCC',
      instructedAmount: { amount: '250.50' },
    });
  });

  it('answers a repeated X-Request-ID with the first answer, never a second payment', async () => {
    const headers = { 'x-request-id': '0f6b1c9e-5d6a-4a47-9f3c-6a1d2b3c4d5e' };
    const body = transfer(anna, erik);
    const first = await initiate(sandbox, BIC, DOMESTIC, body, { headers });
    const again = await initiate(sandbox, BIC, DOMESTIC, { ...body }, { headers });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json().paymentId).toBe(first.json().paymentId);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const changed = await initiate(sandbox, BIC, DOMESTIC, transfer(anna, erik, '999.00'), {
      headers,
    });
    expect(changed.statusCode).toBe(400);
    expect(errorCode(changed)).toBe('FORMAT_ERROR');
    const other = await initiate(sandbox, BIC, DOMESTIC, body, {
      headers: { ...headers, 'tpp-client-id': 'another-tpp' },
    });
    expect(other.json().paymentId).not.toBe(first.json().paymentId);
    const list = await sandbox.app.inject(`/admin/banks/${BIC}/payments`);
    expect(list.json().payments).toHaveLength(2);
  });

  it('creates one payment for five concurrent calls with the same X-Request-ID', async () => {
    const headers = { 'x-request-id': '7c0d2e4a-1b2c-4d3e-8f90-a1b2c3d4e5f6' };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        initiate(sandbox, BIC, DOMESTIC, transfer(anna, erik), { headers }),
      ),
    );
    expect(new Set(answers.map((a) => a.json().paymentId)).size).toBe(1);
    const list = await sandbox.app.inject(`/admin/banks/${BIC}/payments`);
    expect(list.json().payments).toHaveLength(1);
  });

  it('refuses to execute a payment that differs from what the PSU was shown', async () => {
    const paymentId = await created(sandbox, BIC, DOMESTIC, transfer(anna, erik, '10.00'));
    const started = await sandbox.app.inject({
      method: 'POST',
      url: `${paymentUrl(BIC, DOMESTIC, paymentId)}/authorisations`,
      headers: tppHeaders({ 'psu-id': ANNA }),
    });
    const { authorisationId, autoStartToken } = started.json();
    await sandbox.app.inject({
      method: 'POST',
      url: `/admin/banks/${BIC}/payments/${paymentId}/tamper`,
      payload: { instructedAmount: { currency: 'SEK', amount: '9000.00' } },
    });
    await sandbox.app.inject({
      method: 'POST',
      url: `/bankid/api/orders/${autoStartToken}`,
      payload: { action: 'approve' },
    });
    const sca = await sandbox.app.inject({
      url: `${paymentUrl(BIC, DOMESTIC, paymentId)}/authorisations/${authorisationId}`,
      headers: tppHeaders(),
    });
    expect(sca.json().scaStatus).toBe('failed');
    expect((await statusOf(sandbox, BIC, DOMESTIC, paymentId)).transactionStatus).toBe('RJCT');
    const list = await sandbox.app.inject(`/admin/banks/${BIC}/payments`);
    expect(list.json().postings).toHaveLength(0);
  });

  it('checks funds only after SCA: RJCT with FUNDS_NOT_AVAILABLE', async () => {
    const paymentId = await created(sandbox, BIC, DOMESTIC, transfer(anna, erik, '99999999.00'));
    expect(await statusOf(sandbox, BIC, DOMESTIC, paymentId)).toEqual({
      transactionStatus: 'RCVD',
    });
    await signDecoupled(sandbox, BIC, DOMESTIC, paymentId, ANNA);
    const status = await statusOf(sandbox, BIC, DOMESTIC, paymentId);
    expect(status).toMatchObject({ transactionStatus: 'RJCT', fundsAvailable: false });
    expect(status.tppMessages[0].code).toBe('FUNDS_NOT_AVAILABLE');
  });

  it('validates the body and the path as a bank does', async () => {
    const cases: Array<[string, unknown, string, number, string?]> = [
      [DOMESTIC, transfer(anna, erik, '0'), 'FORMAT_ERROR', 400],
      [DOMESTIC, transfer(anna, erik, '-1'), 'FORMAT_ERROR', 400],
      [DOMESTIC, transfer(anna, erik, '1.001'), 'FORMAT_ERROR', 400],
      [DOMESTIC, transfer(anna, erik, '1e3'), 'FORMAT_ERROR', 400],
      [
        DOMESTIC,
        { ...transfer(anna, erik), instructedAmount: { currency: 'SEK', amount: 12.5 } },
        'FORMAT_ERROR',
        400,
      ],
      [
        DOMESTIC,
        { ...transfer(anna, erik), instructedAmount: { currency: 'EUR', amount: '1.00' } },
        'FORMAT_ERROR',
        400,
      ],
      [DOMESTIC, { ...transfer(anna, erik), creditorName: undefined }, 'FORMAT_ERROR', 400],
      [
        DOMESTIC,
        { ...transfer(anna, erik), creditorAccount: { iban: 'SE0012345' } },
        'FORMAT_ERROR',
        400,
      ],
      [
        DOMESTIC,
        { ...transfer(anna, erik), requestedExecutionDate: '2026-03-15' },
        'EXECUTION_DATE_INVALID',
        400,
      ],
      ['no-such-product', transfer(anna, erik), 'PRODUCT_UNKNOWN', 404],
      ['sepa-credit-transfers', transfer(anna, erik), 'PRODUCT_INVALID', 403],
      [
        DOMESTIC,
        {
          ...transfer(anna, erik),
          startDate: '2026-04-01',
          endDate: '2026-03-20',
          frequency: 'Monthly',
        },
        'PERIOD_INVALID',
        400,
        'periodic-payments',
      ],
      [
        DOMESTIC,
        {
          ...transfer(anna, erik),
          startDate: '2026-04-01',
          frequency: 'Monthly',
          dayOfExecution: '01',
        },
        'FORMAT_ERROR',
        400,
        'periodic-payments',
      ],
    ];
    for (const [product, body, code, status, service] of cases) {
      const response = await initiate(sandbox, BIC, product, body, service ? { service } : {});
      expect(response.statusCode, JSON.stringify(body)).toBe(status);
      expect(errorCode(response), JSON.stringify(body)).toBe(code);
    }
    const long = await initiate(
      sandbox,
      'SWEDSESS',
      DOMESTIC,
      {
        ...transfer((await ibansOf(sandbox, 'SWEDSESS', ANNA))[0]?.iban as string, erik),
        remittanceInformationUnstructured: 'x'.repeat(36),
      },
      { headers: { 'psu-user-agent': 'test' } },
    );
    expect(errorCode(long)).toBe('FORMAT_ERROR');
    expect((await sandbox.app.inject(`/admin/banks/${BIC}/payments`)).json().payments).toHaveLength(
      0,
    );
  });

  it('answers another TPP’s payment exactly like an unknown one, before checking the path', async () => {
    const paymentId = await created(sandbox, BIC, DOMESTIC, transfer(anna, erik));
    const foreign = await sandbox.app.inject({
      url: paymentUrl(BIC, 'sepa-credit-transfers', paymentId, 'periodic-payments'),
      headers: tppHeaders({ 'tpp-client-id': 'another-tpp' }),
    });
    const unknown = await sandbox.app.inject({
      url: paymentUrl(
        BIC,
        'sepa-credit-transfers',
        paymentId.replace(/.$/, '0'),
        'periodic-payments',
      ),
      headers: tppHeaders({ 'tpp-client-id': 'another-tpp' }),
    });
    expect(foreign.statusCode).toBe(404);
    expect(errorCode(foreign)).toBe('RESOURCE_UNKNOWN');
    expect(foreign.json().tppMessages[0].text.replace(paymentId, 'X')).toBe(
      unknown.json().tppMessages[0].text.replace(paymentId.replace(/.$/, '0'), 'X'),
    );
    const wrongProduct = await sandbox.app.inject({
      url: paymentUrl(BIC, 'sepa-credit-transfers', paymentId),
      headers: tppHeaders(),
    });
    expect(errorCode(wrongProduct)).toBe('PRODUCT_INVALID');
    const again = await sandbox.app.inject({
      method: 'POST',
      url: `${paymentUrl(BIC, DOMESTIC, paymentId)}/authorisations`,
      headers: tppHeaders({ 'psu-id': ERIK }),
    });
    expect(errorCode(again)).toBe('PSU_CREDENTIALS_INVALID');
  });

  it('authorises once: a second authorisation fails, a finalised payment takes no new one', async () => {
    const paymentId = await created(sandbox, BIC, DOMESTIC, transfer(anna, erik, '3.00'));
    const start = () =>
      sandbox.app.inject({
        method: 'POST',
        url: `${paymentUrl(BIC, DOMESTIC, paymentId)}/authorisations`,
        headers: tppHeaders({ 'psu-id': ANNA }),
      });
    const first = (await start()).json();
    const second = (await start()).json();
    for (const order of [first, second])
      await sandbox.app.inject({
        method: 'POST',
        url: `/bankid/api/orders/${order.autoStartToken}`,
        payload: { action: 'approve' },
      });
    const scaOf = async (id: string) =>
      (
        await sandbox.app.inject({
          url: `${paymentUrl(BIC, DOMESTIC, paymentId)}/authorisations/${id}`,
          headers: tppHeaders(),
        })
      ).json().scaStatus;
    expect(await scaOf(first.authorisationId)).toBe('finalised');
    expect(await scaOf(second.authorisationId)).toBe('failed');
    const third = await start();
    expect(third.statusCode).toBe(409);
    expect(errorCode(third)).toBe('STATUS_INVALID');
    sandbox.clock.advance(31_000);
    const list = (await sandbox.app.inject(`/admin/banks/${BIC}/payments`)).json();
    expect(list.postings.filter((p: { amount: number }) => p.amount < 0)).toHaveLength(1);
  });

  it('redeems a payment code once', async () => {
    const paymentId = await created(sandbox, BIC, DOMESTIC, transfer(anna, erik, '4.00'));
    const { back } = await signRedirect(sandbox, BIC, paymentId, ANNA);
    const redeem = () =>
      token(sandbox, BIC, {
        grant_type: 'authorization_code',
        code: back.searchParams.get('code') as string,
        redirect_uri: REDIRECT_URI,
      });
    expect((await redeem()).statusCode).toBe(200);
    const again = await redeem();
    expect(again.statusCode).toBe(400);
    expect(again.json().error).toBe('invalid_grant');
  });

  it('rejects a payment nobody authorised within 30 minutes', async () => {
    const paymentId = await created(sandbox, BIC, DOMESTIC, transfer(anna, erik, '5.00'));
    sandbox.clock.advanceMinutes(30);
    expect((await statusOf(sandbox, BIC, DOMESTIC, paymentId)).transactionStatus).toBe('RCVD');
    sandbox.clock.advanceMinutes(1);
    expect((await statusOf(sandbox, BIC, DOMESTIC, paymentId)).transactionStatus).toBe('RJCT');
    const late = await sandbox.app.inject({
      method: 'POST',
      url: `${paymentUrl(BIC, DOMESTIC, paymentId)}/authorisations`,
      headers: tppHeaders({ 'psu-id': ANNA }),
    });
    expect(late.statusCode).toBe(403);
    expect(errorCode(late)).toBe('RESOURCE_EXPIRED');
  });

  it('refuses a BankID approval given after the payment ran out of time, though the order is open', async () => {
    const paymentId = await created(sandbox, BIC, DOMESTIC, transfer(anna, erik, '6.00'));
    sandbox.clock.advanceMinutes(29);
    const started = await sandbox.app.inject({
      method: 'POST',
      url: `${paymentUrl(BIC, DOMESTIC, paymentId)}/authorisations`,
      headers: tppHeaders({ 'psu-id': ANNA }),
    });
    expect(started.statusCode, started.body).toBe(201);
    // Two minutes on: the order still runs, the payment's time has ended (nobody read it).
    sandbox.clock.advanceMinutes(2);
    const approved = await sandbox.app.inject({
      method: 'POST',
      url: `/bankid/api/orders/${started.json().autoStartToken}`,
      payload: { action: 'approve' },
    });
    expect(approved.json()).toMatchObject({ scaStatus: 'failed', hintCode: 'The payment is RJCT' });
    expect((await statusOf(sandbox, BIC, DOMESTIC, paymentId)).transactionStatus).toBe('RJCT');
    const list = (await sandbox.app.inject(`/admin/banks/${BIC}/payments`)).json();
    expect(list.postings).toEqual([]);
  });
});
