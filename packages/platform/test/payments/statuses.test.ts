/**
 * The status paths of a payment through Bankbridge, driven by the sandbox's scenario PSUs over
 * HTTP: executed (RCVD → ACSP → ACSC), short of funds (RJCT after SCA, and funds information
 * only then), rejected by the bank, long pending (PDNG), refused at initiation (daily limit,
 * blocked account), a new payee to approve, and a corporate payment two signers authorise
 * (PATC between them). Every status change is in the payment's history with its source.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNA } from '../support/ais-consent.js';
import {
  accountsOf,
  advanceBankClock,
  afterClearing,
  authoriseDecoupled,
  bankIdOf,
  bankPayment,
  expectRefusal,
  initiate,
  type PaymentCaller,
  paymentBody,
  paymentEvents,
  pis,
  statusOf,
  storedPayments,
} from '../support/payments.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

const OUTSIDE_SE = 'SE4550000000058398257466';
const PSU = {
  lowBalance: '198411110037',
  bankRejects: '198607070045',
  longPending: '198708080067',
  dailyLimit: '198809090023',
  blocked: '198910100091',
  newCreditor: '199202020039',
  twoSigners: '5566771118',
};

let tpp: TestPlatform;
let swedbank: PaymentCaller;

beforeAll(async () => {
  tpp = await startTestPlatform({ sandbox: true });
  const token = await tpp.token('paymentinitiation private');
  swedbank = { bic: 'SWEDSESS', token, headers: { 'tpp-redirect-preferred': 'false' } };
});

afterAll(async () => {
  await tpp?.close();
});

async function debtorOf(psuId: string): Promise<string> {
  const [account] = await accountsOf(tpp, 'SWEDSESS', psuId);
  return account?.iban as string;
}

/** A payment of `psuId` to an account outside the sandbox, created RCVD. */
async function paymentOf(psuId: string, amount: string, caller = swedbank) {
  return initiate(tpp, caller, paymentBody(await debtorOf(psuId), OUTSIDE_SE, amount));
}

/** Starts a BankID authorisation; the PSU has not acted yet. */
async function bankIdStarted(path: string, caller = swedbank) {
  const started = await pis(tpp, caller, 'POST', `${path}/authorisations`);
  expect(started.statusCode, started.body).toBe(201);
  const authorisationId = started.json.authorisationId as string;
  const put = await pis(tpp, caller, 'PUT', `${path}/authorisations/${authorisationId}`, {
    authenticationMethodId: 'mbid',
  });
  expect(put.statusCode, put.body).toBe(200);
  return { authorisationId, autoStartToken: put.json.challengeData.data[0] as string };
}

function bankId(autoStartToken: string, action: 'open' | 'approve', psuId: string) {
  return fetch(`${tpp.sandboxUrl}/bankid/api/orders/${autoStartToken}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action, psuId }),
  });
}

describe('executed', () => {
  it('RCVD, then ACSP while in clearing, then ACSC; the history names who moved it', async () => {
    const created = await paymentOf(ANNA, '10.00');
    await authoriseDecoupled(tpp, swedbank, created.path);
    const inClearing = await pis(tpp, swedbank, 'GET', `${created.path}/status`);
    expect(inClearing.json).toEqual({ transactionStatus: 'ACSP', fundsAvailable: true });
    expect(await afterClearing(tpp, swedbank, created.path)).toBe('ACSC');

    const events = await paymentEvents(tpp, created.paymentId);
    expect(events.map((e) => [e.from_status, e.to_status, e.source])).toEqual([
      [null, 'RCVD', 'tpp'],
      ['RCVD', 'ACSP', 'bank'],
      ['ACSP', 'ACSC', 'bank'],
    ]);
    expect(events[0]?.request_id).toBe(created.answer.headers['x-request-id']);
  });
});

describe('short of funds', () => {
  it('no funds information before SCA; RJCT with fundsAvailable false and FUNDS_NOT_AVAILABLE after', async () => {
    const created = await paymentOf(PSU.lowBalance, '1000.00');
    const before = await pis(tpp, swedbank, 'GET', `${created.path}/status`);
    expect(before.json).toEqual({ transactionStatus: 'RCVD' });
    const got = await pis(tpp, swedbank, 'GET', created.path);
    expect(got.json.fundsAvailable).toBeUndefined();

    await authoriseDecoupled(tpp, swedbank, created.path, PSU.lowBalance);
    const after = await pis(tpp, swedbank, 'GET', `${created.path}/status`);
    expect(after.json).toMatchObject({ transactionStatus: 'RJCT', fundsAvailable: false });
    expect(after.json.tppMessages).toEqual([
      expect.objectContaining({ category: 'ERROR', code: 'FUNDS_NOT_AVAILABLE' }),
    ]);
    // A rejected payment is never authorised again.
    expectRefusal(
      await pis(tpp, swedbank, 'POST', `${created.path}/authorisations`),
      403,
      'RESOURCE_EXPIRED',
    );
  });

  it('a payment within the balance goes through for the same PSU', async () => {
    const created = await paymentOf(PSU.lowBalance, '20.00');
    await authoriseDecoupled(tpp, swedbank, created.path, PSU.lowBalance);
    expect(await statusOf(tpp, swedbank, created.path)).toBe('ACSP');
  });
});

describe("the bank's own verdicts", () => {
  it('the bank rejects after SCA: RJCT with its reason, PAYMENT_FAILED', async () => {
    const created = await paymentOf(PSU.bankRejects, '15.00');
    await authoriseDecoupled(tpp, swedbank, created.path, PSU.bankRejects);
    const status = await pis(tpp, swedbank, 'GET', `${created.path}/status`);
    expect(status.json.transactionStatus).toBe('RJCT');
    expect(status.json.tppMessages[0]).toMatchObject({ code: 'PAYMENT_FAILED' });
    expect(status.json.tppMessages[0].text).toMatch(/creditor account blocked/);
    const events = await paymentEvents(tpp, created.paymentId);
    expect(events.at(-1)).toMatchObject({ from_status: 'RCVD', to_status: 'RJCT', source: 'bank' });
  });

  it('long pending: PDNG after SCA, executed once the bank is done', async () => {
    const created = await paymentOf(PSU.longPending, '16.00');
    await authoriseDecoupled(tpp, swedbank, created.path, PSU.longPending);
    expect(await statusOf(tpp, swedbank, created.path)).toBe('PDNG');
    await advanceBankClock(tpp, 5 * 60);
    expect(await statusOf(tpp, swedbank, created.path)).toBe('PDNG');
    await advanceBankClock(tpp, 6 * 60);
    expect(['ACSP', 'ACSC']).toContain(await statusOf(tpp, swedbank, created.path));
    expect(await afterClearing(tpp, swedbank, created.path)).toBe('ACSC');
  });

  it.each([
    ['over the daily limit', PSU.dailyLimit, '60000.00'],
    ['from a blocked account', PSU.blocked, '1.00'],
  ])(
    'refused at initiation %s: 400 PAYMENT_FAILED, nothing stored',
    async (_name, psuId, amount) => {
      const stored = await storedPayments(tpp);
      const refused = await pis(
        tpp,
        swedbank,
        'POST',
        '/payments/domestic',
        paymentBody(await debtorOf(psuId), OUTSIDE_SE, amount),
      );
      expectRefusal(refused, 400, 'PAYMENT_FAILED');
      expect(await storedPayments(tpp)).toBe(stored);
    },
  );

  it('the daily limit counts the day: under it first, refused once the total passes it', async () => {
    const debtor = await debtorOf(PSU.dailyLimit);
    await initiate(tpp, swedbank, paymentBody(debtor, OUTSIDE_SE, '30000.00'));
    expectRefusal(
      await pis(
        tpp,
        swedbank,
        'POST',
        '/payments/domestic',
        paymentBody(debtor, OUTSIDE_SE, '25000.00'),
      ),
      400,
      'PAYMENT_FAILED',
    );
  });
});

describe('a new payee', () => {
  it('the PSU approves the payee in the app first (authoriseCreditorAccountStarted), then signs', async () => {
    const created = await paymentOf(PSU.newCreditor, '11.00');
    const { authorisationId, autoStartToken } = await bankIdStarted(created.path);
    const opened = await bankId(autoStartToken, 'open', PSU.newCreditor);
    expect(opened.status, await opened.text()).toBe(200);
    const sca = await pis(
      tpp,
      swedbank,
      'GET',
      `${created.path}/authorisations/${authorisationId}`,
    );
    expect(sca.json.scaStatus).toBe('authoriseCreditorAccountStarted');
    expect(await statusOf(tpp, swedbank, created.path)).toBe('RCVD');

    const approved = await bankId(autoStartToken, 'approve', PSU.newCreditor);
    expect(approved.status, await approved.text()).toBe(200);
    const done = await pis(
      tpp,
      swedbank,
      'GET',
      `${created.path}/authorisations/${authorisationId}`,
    );
    expect(done.json.scaStatus).toBe('finalised');
    expect(await statusOf(tpp, swedbank, created.path)).toBe('ACSP');

    // The payee is known now: the next payment to it is signed straight away.
    const again = await paymentOf(PSU.newCreditor, '12.00');
    const second = await bankIdStarted(again.path);
    await bankId(second.autoStartToken, 'open', PSU.newCreditor);
    const plain = await pis(
      tpp,
      swedbank,
      'GET',
      `${again.path}/authorisations/${second.authorisationId}`,
    );
    expect(plain.json.scaStatus).toBe('started');
  });
});

describe('a corporate payment with two signers', () => {
  it('PATC after the first SCA, a second authorisation, then accepted', async () => {
    const corporate: PaymentCaller = {
      bic: 'SWEDSESS',
      token: await tpp.token('paymentinitiation corporate'),
      headers: { 'tpp-redirect-preferred': 'false', 'psu-corporate-id': PSU.twoSigners },
    };
    const created = await paymentOf(PSU.twoSigners, '500.00', corporate);
    const first = await authoriseDecoupled(tpp, corporate, created.path, PSU.twoSigners);
    expect(await statusOf(tpp, corporate, created.path)).toBe('PATC');
    const firstSca = await pis(tpp, corporate, 'GET', `${created.path}/authorisations/${first}`);
    expect(firstSca.json.scaStatus).toBe('finalised');

    const second = await authoriseDecoupled(tpp, corporate, created.path, PSU.twoSigners);
    expect(['ACTC', 'ACSP']).toContain(await statusOf(tpp, corporate, created.path));
    const ids = await pis(tpp, corporate, 'GET', `${created.path}/authorisations`);
    expect(ids.json).toEqual({ authorisationIds: [first, second] });
    const bank = await bankPayment(tpp, 'SWEDSESS', await bankIdOf(tpp, created.paymentId));
    expect(['ACTC', 'ACSP']).toContain(bank.transactionStatus);

    const events = await paymentEvents(tpp, created.paymentId);
    expect(events.map((e) => e.to_status).slice(0, 2)).toEqual(['RCVD', 'PATC']);
  });
});
