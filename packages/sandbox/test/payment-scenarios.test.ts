// The scenario PSUs for payments, each over HTTP: the bank rejects after SCA, a long
// pending period, a daily limit, a blocked account and a corporate needing two signers.

import { beforeEach, describe, expect, it } from 'vitest';
import {
  errorCode,
  FORM,
  form,
  REDIRECT_URI,
  type Sandbox,
  sessionOf,
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
const REJECTED = '198607070045';
const LONG_PENDING = '198708080067';
const DAILY_LIMIT = '198809090023';
const BLOCKED = '198910100091';
const TWO_SIGNERS = '5566771118';
const LOW_BALANCE = '198411110037';
const NEW_CREDITOR = '199202020039';

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
    // The PSU did sign: the code still gives the tokens, as a decoupled SCA is finalised.
    const tokens = await token(sandbox, BIC, {
      grant_type: 'authorization_code',
      code: back.searchParams.get('code') as string,
      redirect_uri: REDIRECT_URI,
    });
    expect(tokens.statusCode, tokens.body).toBe(200);
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

  it('has 250.00 available: more is rejected after SCA, less executes', async () => {
    const [current, savings] = (await ibansOf(sandbox, BIC, LOW_BALANCE)).map((a) => a.iban);
    const read = await accountView(sandbox, BIC, LOW_BALANCE, current as string);
    expect((await read()).interimAvailable).toBe(250);
    const tooMuch = await created(
      sandbox,
      BIC,
      DOMESTIC,
      transfer(current as string, erik, '250.01'),
    );
    expect(await statusOf(sandbox, BIC, DOMESTIC, tooMuch)).toEqual({ transactionStatus: 'RCVD' });
    await signDecoupled(sandbox, BIC, DOMESTIC, tooMuch, LOW_BALANCE);
    const rejected = await statusOf(sandbox, BIC, DOMESTIC, tooMuch);
    expect(rejected).toMatchObject({ transactionStatus: 'RJCT', fundsAvailable: false });
    expect(rejected.tppMessages[0].code).toBe('FUNDS_NOT_AVAILABLE');
    const fits = await created(sandbox, BIC, DOMESTIC, transfer(current as string, erik, '250.00'));
    await signDecoupled(sandbox, BIC, DOMESTIC, fits, LOW_BALANCE);
    expect((await statusOf(sandbox, BIC, DOMESTIC, fits)).transactionStatus).toBe('ACSP');
    expect((await read()).interimAvailable).toBe(0);
    expect(savings).toBeTruthy();
  });

  it('waits for funds until the cut-off with TPP-Rejection-NoFunds-Preferred: false', async () => {
    const [current, savings] = (await ibansOf(sandbox, BIC, LOW_BALANCE)).map((a) => a.iban);
    const waiting = (amount: string) =>
      initiate(sandbox, BIC, DOMESTIC, transfer(current as string, erik, amount), {
        headers: { 'tpp-rejection-nofunds-preferred': 'false' },
      });
    const topUp = (await waiting('300.00')).json().paymentId;
    await signDecoupled(sandbox, BIC, DOMESTIC, topUp, LOW_BALANCE);
    expect((await statusOf(sandbox, BIC, DOMESTIC, topUp)).transactionStatus).toBe('PDNG');
    // The PSU moves money from savings: the waiting payment goes through.
    const own = await created(sandbox, BIC, OWN_ACCOUNTS, {
      ...transfer(savings as string, current as string, '100.00'),
      creditorName: 'Lisa Berg',
    });
    await signDecoupled(sandbox, BIC, OWN_ACCOUNTS, own, LOW_BALANCE);
    expect((await statusOf(sandbox, BIC, DOMESTIC, topUp)).transactionStatus).toBe('ACSP');

    const never = (await waiting('5000.00')).json().paymentId;
    await signDecoupled(sandbox, BIC, DOMESTIC, never, LOW_BALANCE);
    expect((await statusOf(sandbox, BIC, DOMESTIC, never)).transactionStatus).toBe('PDNG');
    sandbox.clock.advanceMinutes(3 * 60 + 59);
    expect((await statusOf(sandbox, BIC, DOMESTIC, never)).transactionStatus).toBe('PDNG');
    sandbox.clock.advanceMinutes(2);
    expect((await statusOf(sandbox, BIC, DOMESTIC, never)).transactionStatus).toBe('RJCT');
  });

  it('asks to approve a new payee once: a box on the redirect page, a step in BankID', async () => {
    const [current] = (await ibansOf(sandbox, BIC, NEW_CREDITOR)).map((a) => a.iban);
    const first = await created(sandbox, BIC, DOMESTIC, transfer(current as string, erik, '1.00'));
    const params = new URLSearchParams({
      response_type: 'code',
      client_id: 'bankbridge-test',
      redirect_uri: 'https://tpp.example/callback',
      scope: `PIS:${first}`,
    });
    const session = sessionOf(
      (await sandbox.app.inject(`/banks/${BIC}/oauth2/authorize?${params}`)).body,
    );
    const page = await sandbox.app.inject({
      method: 'POST',
      url: `/banks/${BIC}/oauth2/authorize/login`,
      headers: FORM,
      payload: form({ session, psuId: NEW_CREDITOR }),
    });
    expect(page.body).toContain('New payee');
    const decide = (account?: string) =>
      sandbox.app.inject({
        method: 'POST',
        url: `/banks/${BIC}/oauth2/authorize/decision`,
        headers: FORM,
        payload: form({ session, decision: 'approve', account }),
      });
    const unticked = await decide();
    expect(unticked.statusCode).toBe(400);
    expect(unticked.body).toContain('Approve the new payee');
    expect((await decide('approveCreditor')).statusCode).toBe(303);
    expect((await statusOf(sandbox, BIC, DOMESTIC, first)).transactionStatus).toBe('ACSP');

    const erikSavings = (await ibansOf(sandbox, BIC, ERIK))[1]?.iban as string;
    const stepStatus = async (payee: string) => {
      const id = await created(sandbox, BIC, DOMESTIC, transfer(current as string, payee, '1.00'));
      const started = await sandbox.app.inject({
        method: 'POST',
        url: `${paymentUrl(BIC, DOMESTIC, id)}/authorisations`,
        headers: tppHeaders({ 'psu-id': NEW_CREDITOR }),
      });
      const { authorisationId, autoStartToken } = started.json();
      await sandbox.app.inject({
        method: 'POST',
        url: `/bankid/api/orders/${autoStartToken}`,
        payload: { action: 'open' },
      });
      const sca = async () =>
        (
          await sandbox.app.inject({
            url: `${paymentUrl(BIC, DOMESTIC, id)}/authorisations/${authorisationId}`,
            headers: tppHeaders(),
          })
        ).json().scaStatus;
      const during = await sca();
      await sandbox.app.inject({
        method: 'POST',
        url: `/bankid/api/orders/${autoStartToken}`,
        payload: { action: 'approve' },
      });
      return { during, after: await sca() };
    };
    expect(await stepStatus(erikSavings)).toEqual({
      during: 'authoriseCreditorAccountStarted',
      after: 'finalised',
    });
    // A known payee: SEB's own first step once the app is open.
    expect(await stepStatus(erik)).toEqual({ during: 'psuAuthenticated', after: 'finalised' });
    expect(await stepStatus(erikSavings)).toEqual({
      during: 'psuAuthenticated',
      after: 'finalised',
    });
  });
});
