// Payment initiation through the connector against live sandbox banks: create, read, status,
// decoupled SCA in the BankID simulator, redirect SCA, cancellation before and after SCA,
// an initiation answer lost on the way, and the bank's refusals as the TPP gets them.

import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bankProblem } from '../../src/connectors/bank-problem.js';
import type {
  BankPaymentRef,
  BankScaResource,
  DecoupledAuthorisation,
  NewBankPayment,
} from '../../src/connectors/index.js';
import { Problem } from '../../src/problems.js';
import {
  browserAtBank,
  type ConnectorWorld,
  inDays,
  PSU,
  REDIRECT_URI,
  refusal,
  startWorld,
} from './support.js';

const DECOUPLED = 'HANDSESS';
const REDIRECT = 'NDEASESS';
/** Nils Ahl's account is blocked; Lisa Berg has 250.00 on her current account. */
const NILS = '198910100091';
const LISA = '198411110037';
/** A valid IBAN at no sandbox bank: the payment clears (ACSP) before it books. */
const ELSEWHERE = 'SE4550000000058398257466';
/**
 * A PSU of an operator data file with a known balance at each bank, so whether a payment has
 * funds never depends on the generated history of the day.
 */
const PAYER = '200001019999';

/** A Swedish IBAN with its check digits (ISO 13616 mod 97). */
function swedishIban(bban: string): string {
  const digits = `${bban}SE00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  const check = 98 - Number(BigInt(digits) % 97n);
  return `SE${String(check).padStart(2, '0')}${bban}`;
}

let world: ConnectorWorld;
/**
 * A call's context with the PSU's headers, as the payment service gives it: Handelsbanken
 * insists on PSU-IP-Address on a payment's status and authorisation calls.
 */
const ctx = (bic: string) => ({ ...world.ctx(bic), psu: PSU });
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'bankbridge-payments-'));
  const dataFiles: Record<string, string> = {};
  // Each bank's own IBAN layout: Handelsbanken's account number alone; Nordea and Swedbank
  // with their clearing numbers (Handelsbanken's connector sends account numbers).
  const bbans: Record<string, string> = {
    [DECOUPLED]: `600${'0'.repeat(8)}100004711`,
    [REDIRECT]: `300${'0'.repeat(6)}30000004712`,
    SWEDSESS: `800${'0'.repeat(2)}832790000004713`,
  };
  for (const [bic, bban] of Object.entries(bbans)) {
    dataFiles[bic] = join(dataDir, `${bic}.json`);
    const account = {
      iban: swedishIban(bban),
      currency: 'SEK',
      name: 'Everyday account',
      product: 'Current account',
      cashAccountType: 'CACC',
      openingBalance: '100000.00',
    };
    const psus = [{ psuId: PAYER, name: 'Pia Payer', kind: 'private', accounts: [account] }];
    writeFileSync(dataFiles[bic] as string, JSON.stringify({ psus }));
  }
  world = await startWorld({ sandbox: { dataFiles } });
});
afterAll(async () => {
  await world?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

interface AdminAccount {
  iban: string;
  currency: string;
  cashAccountType?: string;
}

/** The PSU's current account at the bank (the first account when none is marked current). */
async function currentAccount(bic: string, psuId: string): Promise<AdminAccount> {
  const response = await world.admin('GET', `/banks/${bic}/psus`);
  const { psus } = (await response.json()) as {
    psus: { psuId: string; accounts: AdminAccount[] }[];
  };
  const accounts = psus.find((p) => p.psuId === psuId)?.accounts ?? [];
  const account = accounts.find((a) => a.cashAccountType === 'CACC') ?? accounts[0];
  if (!account) throw new Error(`${psuId} has no account at ${bic}`);
  return account;
}

async function newPayment(
  bic: string,
  psuId = PAYER,
  extra: Partial<NewBankPayment> & { body?: Record<string, unknown> } = {},
): Promise<NewBankPayment> {
  const debtor = await currentAccount(bic, psuId);
  return {
    service: 'payments',
    product: 'domestic',
    globalProduct: true,
    psu: PSU,
    bankRequestId: randomUUID(),
    ...extra,
    body: {
      debtorAccount: { iban: debtor.iban },
      instructedAmount: { currency: debtor.currency, amount: '12.50' },
      creditorAccount: { iban: ELSEWHERE },
      creditorName: `Kaffebaren ${randomUUID().slice(0, 8)}`,
      remittanceInformationUnstructured: 'Fika',
      ...extra.body,
    },
  };
}

async function created(bic: string, payment: NewBankPayment): Promise<BankPaymentRef> {
  const answer = await world.connectorFor(bic).initiatePayment(ctx(bic), payment);
  expect(answer.status).toBe('RCVD');
  return {
    service: payment.service,
    product: payment.product,
    bankPaymentId: answer.bankPaymentId,
  };
}

function resource(ref: BankPaymentRef, kind = 'payment'): BankScaResource {
  return {
    kind,
    bankId: ref.bankPaymentId,
    placement: { service: ref.service, product: ref.product },
  };
}

async function bankId(started: DecoupledAuthorisation, body: Record<string, string>) {
  const response = await fetch(`${world.sandboxUrl}/bankid/api/orders/${started.autoStartToken}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

/** Decoupled SCA of `kind` with the PSU id given, approved in the BankID simulator. */
async function signInBankId(bic: string, ref: BankPaymentRef, kind: string, psuId = PAYER) {
  const connector = world.connectorFor(bic);
  const started = await connector.startDecoupled(ctx(bic), {
    resource: resource(ref, kind),
    psuId,
    psu: PSU,
  });
  expect(started.scaStatus).toBe('received');
  const scaRef = { resource: resource(ref, kind), authorisationId: started.authorisationId };
  expect(await connector.exchangeDecoupled(ctx(bic), scaRef)).toBe('pending');
  await bankId(started, { action: 'approve' });
  expect((await connector.getDecoupledStatus(ctx(bic), scaRef)).scaStatus).toBe('finalised');
  return scaRef;
}

async function bankPayments(
  bic: string,
): Promise<{ paymentId: string; items: { creditorName: string }[] }[]> {
  const response = await world.admin('GET', `/banks/${bic}/payments`);
  return (
    (await response.json()) as {
      payments: { paymentId: string; items: { creditorName: string }[] }[];
    }
  ).payments;
}

describe('a payment at a decoupled bank', () => {
  it('create -> RCVD; read it back without the bank links; status RCVD', async () => {
    const connector = world.connectorFor(DECOUPLED);
    const payment = await newPayment(DECOUPLED);
    const ref = await created(DECOUPLED, payment);
    const read = await connector.getPayment(ctx(DECOUPLED), ref);
    expect(read).toMatchObject({
      instructedAmount: { currency: 'SEK', amount: '12.50' },
      // Handelsbanken keeps the payee as it was sent: account number and clearing number.
      creditorAccount: { bban: ELSEWHERE.slice(-7), clearingNumber: ELSEWHERE.slice(-11, -7) },
      creditorName: payment.body.creditorName,
      transactionStatus: 'RCVD',
    });
    expect(read).not.toHaveProperty('_links');
    expect(await connector.getPaymentStatus(ctx(DECOUPLED), ref)).toEqual({ status: 'RCVD' });
    // The context's PSU headers are what carried PSU-IP-Address: without them, the bank refuses.
    const without = await refusal(connector.getPaymentStatus(world.ctx(DECOUPLED), ref));
    expect(without).toMatchObject({
      kind: 'rejected',
      status: 400,
      code: 'FORMAT_ERROR',
      text: 'PSU-IP-Address header is required by this bank',
    });
  });

  it('BankID SCA: finalised -> the bank executes it at once (ACSP); the token grant works but is not needed', async () => {
    const connector = world.connectorFor(DECOUPLED);
    const ref = await created(DECOUPLED, await newPayment(DECOUPLED));
    const scaRef = await signInBankId(DECOUPLED, ref, 'payment');
    // The approval in the app authorised the payment: no token exchange was made yet.
    const status = await connector.getPaymentStatus(ctx(DECOUPLED), ref);
    expect(['ACSP', 'ACSC']).toContain(status.status);
    expect(status.fundsAvailable).toBe(true);
    // The grant names the payment with payment_id and hands out tokens scoped to it, once.
    const tokens = await connector.exchangeDecoupled(ctx(DECOUPLED), scaRef);
    if (tokens === 'pending') throw new Error('still pending');
    expect(tokens.accessToken).toBeTruthy();
    const again = await refusal(connector.exchangeDecoupled(ctx(DECOUPLED), scaRef));
    expect(again).toMatchObject({ kind: 'rejected', code: 'invalid_grant' });
  });

  it('a new payee in the BankID app: authoriseCreditorAccountStarted, then finalised', async () => {
    const olle = '199202020039';
    const connector = world.connectorFor(DECOUPLED);
    const ref = await created(DECOUPLED, await newPayment(DECOUPLED, olle));
    const started = await connector.startDecoupled(ctx(DECOUPLED), {
      resource: resource(ref),
      psuId: olle,
    });
    const scaRef = { resource: resource(ref), authorisationId: started.authorisationId };
    await bankId(started, { action: 'open' });
    expect((await connector.getDecoupledStatus(ctx(DECOUPLED), scaRef)).scaStatus).toBe(
      'authoriseCreditorAccountStarted',
    );
    await bankId(started, { action: 'approve' });
    expect((await connector.getDecoupledStatus(ctx(DECOUPLED), scaRef)).scaStatus).toBe(
      'finalised',
    );
  });

  it('not enough funds: RJCT after SCA with fundsAvailable false and the bank reason', async () => {
    const connector = world.connectorFor(DECOUPLED);
    const ref = await created(
      DECOUPLED,
      await newPayment(DECOUPLED, LISA, {
        rejectionNoFundsPreferred: true,
        body: { instructedAmount: { currency: 'SEK', amount: '1000.00' } },
      }),
    );
    await signInBankId(DECOUPLED, ref, 'payment', LISA);
    const status = await connector.getPaymentStatus(ctx(DECOUPLED), ref);
    expect(status).toMatchObject({
      status: 'RJCT',
      fundsAvailable: false,
      reasonCode: 'FUNDS_NOT_AVAILABLE',
    });
    expect(status.reason).toBeTruthy();
  });
});

describe('a payment at a redirect bank', () => {
  it('the authorization URL asks for PIS:{paymentId}; approve -> code -> tokens for that payment', async () => {
    const connector = world.connectorFor(REDIRECT);
    const ref = await created(REDIRECT, await newPayment(REDIRECT));
    const url = await connector.authorizationUrl(ctx(REDIRECT), {
      resource: resource(ref),
      redirectUri: REDIRECT_URI,
      state: 'pay-1',
    });
    expect(new URL(url).searchParams.get('scope')).toBe(`PIS:${ref.bankPaymentId}`);
    const callback = await browserAtBank(url, PAYER);
    const { code } = connector.readAuthorizationCallback(ctx(REDIRECT), callback);
    const tokens = await connector.exchangeCode(ctx(REDIRECT), {
      code,
      redirectUri: REDIRECT_URI,
      resource: resource(ref),
    });
    expect(tokens.accessToken).toBeTruthy();
    const { status } = await connector.getPaymentStatus(ctx(REDIRECT), ref);
    expect(['ACSP', 'ACSC']).toContain(status);
  });

  it('a code for one payment is refused for another (code injection)', async () => {
    const connector = world.connectorFor(REDIRECT);
    const ref = await created(REDIRECT, await newPayment(REDIRECT));
    const other = await created(REDIRECT, await newPayment(REDIRECT));
    const url = await connector.authorizationUrl(ctx(REDIRECT), {
      resource: resource(ref),
      redirectUri: REDIRECT_URI,
      state: 'pay-2',
    });
    const { code } = connector.readAuthorizationCallback(
      ctx(REDIRECT),
      await browserAtBank(url, PAYER),
    );
    const error = await refusal(
      connector.exchangeCode(ctx(REDIRECT), {
        code,
        redirectUri: REDIRECT_URI,
        resource: resource(other),
      }),
    );
    expect(error).toMatchObject({ kind: 'rejected', code: 'invalid_grant' });
  });

  it('the cancellation is authorised with PIS-CANCEL:{paymentId}', async () => {
    const ref = await created(REDIRECT, await newPayment(REDIRECT));
    const url = await world.connectorFor(REDIRECT).authorizationUrl(ctx(REDIRECT), {
      resource: resource(ref, 'paymentCancellation'),
      redirectUri: REDIRECT_URI,
      state: 'cancel-1',
    });
    expect(new URL(url).searchParams.get('scope')).toBe(`PIS-CANCEL:${ref.bankPaymentId}`);
  });
});

describe('cancellation', () => {
  it('before SCA: 204, the payment is CANC; again: 405 CANCELLATION_INVALID', async () => {
    const connector = world.connectorFor(DECOUPLED);
    const ref = await created(DECOUPLED, await newPayment(DECOUPLED));
    expect(await connector.cancelPayment(ctx(DECOUPLED), ref)).toEqual({
      outcome: 'cancelled',
    });
    expect((await connector.getPaymentStatus(ctx(DECOUPLED), ref)).status).toBe('CANC');
    const error = await refusal(connector.cancelPayment(ctx(DECOUPLED), ref));
    expect(error).toMatchObject({ kind: 'rejected', status: 405, code: 'CANCELLATION_INVALID' });
    expect(bankProblem(error)).toMatchObject({ code: 'CANCELLATION_INVALID', statusCode: 405 });
  });

  it('after SCA (future-dated): 202 with the status; the PSU signs the cancellation in BankID -> CANC', async () => {
    const connector = world.connectorFor(DECOUPLED);
    const ref = await created(
      DECOUPLED,
      await newPayment(DECOUPLED, PAYER, { body: { requestedExecutionDate: inDays(20) } }),
    );
    await signInBankId(DECOUPLED, ref, 'payment');
    expect((await connector.getPaymentStatus(ctx(DECOUPLED), ref)).status).toBe('ACSP');
    expect(await connector.cancelPayment(ctx(DECOUPLED), ref)).toEqual({
      outcome: 'authorisationNeeded',
      status: 'ACSP',
    });
    const scaRef = await signInBankId(DECOUPLED, ref, 'paymentCancellation');
    expect((await connector.getPaymentStatus(ctx(DECOUPLED), ref)).status).toBe('CANC');
    // The grant names the cancellation with payment_cancellation_id.
    const tokens = await connector.exchangeDecoupled(ctx(DECOUPLED), scaRef);
    expect(tokens).not.toBe('pending');
  });
});

describe('exactly once when the answer is lost', () => {
  it('the bank books and drops the connection: one retry with the same X-Request-ID, one payment', async () => {
    await world.admin('PUT', `/banks/${DECOUPLED}/payment-faults`, { lostAnswers: 1 });
    const payment = await newPayment(DECOUPLED);
    const answer = await world.connectorFor(DECOUPLED).initiatePayment(ctx(DECOUPLED), payment);
    expect(answer.status).toBe('RCVD');
    expect(world.bankSaw(payment.bankRequestId)).toBe(2);
    const mine = (await bankPayments(DECOUPLED)).filter(
      (p) => p.items[0]?.creditorName === payment.body.creditorName,
    );
    expect(mine.map((p) => p.paymentId)).toEqual([answer.bankPaymentId]);
  });

  it('the caller asking again with the same bankRequestId gets the same payment, not a second one', async () => {
    const connector = world.connectorFor(DECOUPLED);
    const payment = await newPayment(DECOUPLED);
    const first = await connector.initiatePayment(ctx(DECOUPLED), payment);
    const again = await connector.initiatePayment(ctx(DECOUPLED), payment);
    expect(again).toEqual(first);
    const mine = (await bankPayments(DECOUPLED)).filter(
      (p) => p.items[0]?.creditorName === payment.body.creditorName,
    );
    expect(mine).toHaveLength(1);
  });

  it('a refusal is never retried', async () => {
    const payment = await newPayment(DECOUPLED, NILS);
    await refusal(world.connectorFor(DECOUPLED).initiatePayment(ctx(DECOUPLED), payment));
    expect(world.bankSaw(payment.bankRequestId)).toBe(1);
  });
});

describe("the bank's refusals as the TPP gets them", () => {
  async function refusedInitiation(payment: NewBankPayment) {
    const error = await refusal(
      world.connectorFor(DECOUPLED).initiatePayment(ctx(DECOUPLED), payment),
    );
    return { error, problem: bankProblem(error) as Problem };
  }

  it('a blocked account: 400 PAYMENT_FAILED', async () => {
    const { error, problem } = await refusedInitiation(await newPayment(DECOUPLED, NILS));
    expect(error).toMatchObject({ kind: 'rejected', status: 400, code: 'PAYMENT_FAILED' });
    expect(problem).toBeInstanceOf(Problem);
    expect(problem).toMatchObject({ code: 'PAYMENT_FAILED', statusCode: 400 });
    expect(problem.text).toMatch(/blocked/);
  });

  it('an execution date in the past: 400 EXECUTION_DATE_INVALID', async () => {
    const { problem } = await refusedInitiation(
      await newPayment(DECOUPLED, PAYER, { body: { requestedExecutionDate: inDays(-3) } }),
    );
    expect(problem).toMatchObject({ code: 'EXECUTION_DATE_INVALID', statusCode: 400 });
  });

  it('a product the bank does not offer: 404 PRODUCT_UNKNOWN', async () => {
    const { problem } = await refusedInitiation(
      await newPayment(DECOUPLED, PAYER, { product: 'no-such-product', globalProduct: false }),
    );
    expect(problem).toMatchObject({ code: 'PRODUCT_UNKNOWN', statusCode: 404 });
  });

  it('a product that does not move this currency: 403 PRODUCT_INVALID', async () => {
    const { problem } = await refusedInitiation(
      await newPayment(DECOUPLED, PAYER, {
        product: 'sepa-credit-transfers',
        globalProduct: true,
      }),
    );
    // SEK from a SEK account as a SEPA payment: the product moves EUR only.
    expect(problem).toMatchObject({ code: 'PRODUCT_INVALID', statusCode: 403 });
  });

  it('an unknown payment: 404 RESOURCE_UNKNOWN; another product in the path: 403 PRODUCT_INVALID', async () => {
    const connector = world.connectorFor(DECOUPLED);
    const unknown = await refusal(
      connector.getPaymentStatus(ctx(DECOUPLED), {
        service: 'payments',
        product: 'domestic',
        bankPaymentId: randomUUID(),
      }),
    );
    expect(bankProblem(unknown)).toMatchObject({ code: 'RESOURCE_UNKNOWN', statusCode: 404 });
    const ref = await created(DECOUPLED, await newPayment(DECOUPLED));
    const wrong = await refusal(
      connector.getPayment(ctx(DECOUPLED), { ...ref, product: 'sepa-credit-transfers' }),
    );
    expect(wrong).toMatchObject({ status: 403, code: 'PRODUCT_INVALID' });
  });

  it('a bank that insists on PSU headers refuses an initiation without them (FORMAT_ERROR)', async () => {
    const payment = await newPayment('SWEDSESS', PAYER, { psu: {} });
    const error = await refusal(
      world.connectorFor('SWEDSESS').initiatePayment(world.ctx('SWEDSESS'), payment),
    );
    expect(error).toMatchObject({ kind: 'rejected', status: 400, code: 'FORMAT_ERROR' });
    const withHeaders = await world.connectorFor('SWEDSESS').initiatePayment(ctx('SWEDSESS'), {
      ...payment,
      psu: PSU,
      bankRequestId: randomUUID(),
    });
    expect(withHeaders.status).toBe('RCVD');
  });
});

describe('execution on the bank clock', () => {
  it('a cleared payment books after the clearing delay: ACSP -> ACSC', async () => {
    const connector = world.connectorFor(DECOUPLED);
    const ref = await created(DECOUPLED, await newPayment(DECOUPLED));
    await signInBankId(DECOUPLED, ref, 'payment');
    expect((await connector.getPaymentStatus(ctx(DECOUPLED), ref)).status).toBe('ACSP');
    // Past any weekend or holiday: the bank books on its next business day.
    const advanced = await world.admin('POST', '/clock/advance', { seconds: 5 * 86_400 });
    expect(advanced.status).toBe(200);
    expect((await connector.getPaymentStatus(ctx(DECOUPLED), ref)).status).toBe('ACSC');
  });
});
