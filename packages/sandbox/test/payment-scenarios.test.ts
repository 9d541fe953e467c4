// The scenario PSUs for payments, each over HTTP: the bank rejects after SCA, a long
// pending period, a daily limit, a blocked account and a corporate needing two signers.

import { beforeEach, describe, expect, it } from 'vitest';
import { errorCode, type Sandbox, startSandbox } from './helpers.js';
import {
  created,
  DOMESTIC,
  ERIK,
  ibansOf,
  initiate,
  signDecoupled,
  signRedirect,
  statusOf,
  transfer,
} from './payment-helpers.js';

const BIC = 'ESSESESS';
const REJECTED = '198607070045';
const LONG_PENDING = '198708080067';
const DAILY_LIMIT = '198809090023';
const BLOCKED = '198910100091';
const TWO_SIGNERS = '5566771118';

describe('payment scenario PSUs', () => {
  let sandbox: Sandbox;
  let erik: string;
  const debtor = async (psuId: string) => (await ibansOf(sandbox, BIC, psuId))[0]?.iban as string;

  beforeEach(async () => {
    sandbox = await startSandbox();
    erik = await debtor(ERIK);
  });

  it('lists the payment scenarios on the login page and in GET /banks', async () => {
    const banks = (await sandbox.app.inject('/banks')).json();
    const scenarios = banks.testPsus.map((p: { scenario?: string }) => p.scenario);
    for (const s of [
      'paymentRejected',
      'longPending',
      'dailyLimit',
      'blockedAccount',
      'twoSigners',
    ])
      expect(scenarios).toContain(s);
    const paymentId = await created(sandbox, BIC, DOMESTIC, transfer(await debtor(REJECTED), erik));
    const login = await sandbox.app.inject(
      `/banks/${BIC}/oauth2/authorize?response_type=code&client_id=bankbridge-test&redirect_uri=https://tpp.example/callback&scope=PIS:${paymentId}`,
    );
    expect(login.body).toContain(REJECTED);
    expect(login.body).toContain('sign a payment');
  });

  it('rejects after a successful SCA', async () => {
    const paymentId = await created(sandbox, BIC, DOMESTIC, transfer(await debtor(REJECTED), erik));
    const { back } = await signRedirect(sandbox, BIC, paymentId, REJECTED);
    expect(back.searchParams.get('code')).toBeTruthy();
    const status = await statusOf(sandbox, BIC, DOMESTIC, paymentId);
    expect(status.transactionStatus).toBe('RJCT');
    expect(status.tppMessages[0].text).toContain('blocked');
  });

  it('stays PDNG for ten minutes, then executes', async () => {
    // From the savings account: the generated current account is overdrawn.
    const savings = (await ibansOf(sandbox, BIC, LONG_PENDING))[1]?.iban as string;
    const paymentId = await created(sandbox, BIC, DOMESTIC, transfer(savings, erik));
    await signDecoupled(sandbox, BIC, DOMESTIC, paymentId, LONG_PENDING);
    expect((await statusOf(sandbox, BIC, DOMESTIC, paymentId)).transactionStatus).toBe('PDNG');
    sandbox.clock.advanceMinutes(9);
    expect((await statusOf(sandbox, BIC, DOMESTIC, paymentId)).transactionStatus).toBe('PDNG');
    sandbox.clock.advanceMinutes(2);
    expect((await statusOf(sandbox, BIC, DOMESTIC, paymentId)).transactionStatus).toBe('ACSP');
    sandbox.clock.advance(31_000);
    expect((await statusOf(sandbox, BIC, DOMESTIC, paymentId)).transactionStatus).toBe('ACCC');
  });

  it('refuses initiations over the daily limit', async () => {
    const iban = await debtor(DAILY_LIMIT);
    expect(
      (await initiate(sandbox, BIC, DOMESTIC, transfer(iban, erik, '30000.00'))).statusCode,
    ).toBe(201);
    const over = await initiate(sandbox, BIC, DOMESTIC, transfer(iban, erik, '20000.01'));
    expect(over.statusCode).toBe(400);
    expect(errorCode(over)).toBe('PAYMENT_FAILED');
    sandbox.clock.advanceDays(1);
    expect(
      (await initiate(sandbox, BIC, DOMESTIC, transfer(iban, erik, '20000.01'))).statusCode,
    ).toBe(201);
  });

  it('refuses every initiation from a blocked account', async () => {
    const response = await initiate(sandbox, BIC, DOMESTIC, transfer(await debtor(BLOCKED), erik));
    expect(response.statusCode).toBe(400);
    expect(errorCode(response)).toBe('PAYMENT_FAILED');
  });

  it('needs two signatures from the corporate: PATC after the first', async () => {
    const body = { ...transfer(await debtor(TWO_SIGNERS), erik), creditorName: 'Supplier AB' };
    const paymentId = await created(sandbox, BIC, DOMESTIC, body);
    await signDecoupled(sandbox, BIC, DOMESTIC, paymentId, TWO_SIGNERS);
    expect((await statusOf(sandbox, BIC, DOMESTIC, paymentId)).transactionStatus).toBe('PATC');
    await signRedirect(sandbox, BIC, paymentId, TWO_SIGNERS);
    expect((await statusOf(sandbox, BIC, DOMESTIC, paymentId)).transactionStatus).toBe('ACSP');
  });
});
