// pay(): a payment through the SDK against the platform and the sandbox banks over real HTTP,
// decoupled (BankID, also with the animated QR code) and redirect (the bank's login page),
// followed to its end: executed, or failed with the bank's reason.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpBrowser, psuApprovesAtBank } from '../../platform/test/guide/psu-browser.js';
import { bankClockOnBusinessDay } from '../../platform/test/support/payments.js';
import {
  type Bankbridge,
  type PaymentBody,
  PaymentFailedError,
  RedirectCallbackError,
  ScaFailedError,
} from '../src/index.js';
import {
  ANNA,
  bankIdApp,
  type LivePlatform,
  PSU,
  startLivePlatform,
} from './support/live-platform.js';

const REDIRECT_URI = 'https://tpp.example/callback';
const ERIK = '199005152385';
const QR_PAYLOAD = /^bankid\.[0-9a-f-]{36}\.\d+\.[0-9a-f]{64}$/;

let live: LivePlatform;
let bankbridge: Bankbridge;

beforeAll(async () => {
  // Booked at once, so a test follows the payment to its end without waiting for clearing.
  live = await startLivePlatform({ sandbox: { clearingDelaySeconds: 0 } });
  await bankClockOnBusinessDay(live.sandboxUrl);
  bankbridge = live.sdk();
});

afterAll(async () => {
  await live?.close();
});

async function ibanOf(bic: string, psuId: string): Promise<string> {
  const response = await live.admin('GET', `/banks/${bic}/psus`);
  const { psus } = (await response.json()) as {
    psus: Array<{ psuId: string; accounts: Array<{ iban: string }> }>;
  };
  const iban = psus.find((p) => p.psuId === psuId)?.accounts[0]?.iban;
  if (!iban) throw new Error(`no account of ${psuId} at ${bic}`);
  return iban;
}

async function annaPaysErik(bic: string, amount = '12.50', currency = 'SEK'): Promise<PaymentBody> {
  return {
    instructedAmount: { currency, amount },
    debtorAccount: { iban: await ibanOf(bic, ANNA), currency },
    creditorAccount: { iban: await ibanOf(bic, ERIK), currency },
    creditorName: 'Erik',
    remittanceInformationUnstructured: 'Lunch',
  };
}

describe('pay() at a decoupled bank (Swedbank, BankID)', () => {
  it('yields the BankID challenge; once the PSU signs it is authorised, then executed', async () => {
    const payment = await bankbridge.pay({
      bic: 'SWEDSESS',
      psu: PSU,
      payment: await annaPaysErik('SWEDSESS'),
    });
    if (payment.kind !== 'decoupled') throw new Error(`got ${payment.kind}`);
    expect(payment.scaApproach).toBe('DECOUPLED');
    expect(payment.bankIdLink).toBe(`bankid:///?autostarttoken=${payment.autostartToken}`);
    expect(payment.qrImage).toMatch(/^data:image\/png;base64,/);
    expect(await payment.status()).toMatchObject({ transactionStatus: 'RCVD', state: 'pending' });

    const waiting = payment.waitUntilAuthorised({ intervalMs: 100 });
    await bankIdApp(live.sandboxUrl, payment.autostartToken, 'approve', ANNA);
    const authorised = await waiting;
    expect(authorised.paymentId).toBe(payment.paymentId);
    expect(['authorised', 'executed']).toContain(authorised.state);

    const final = await payment.waitUntilFinal({ intervalMs: 100 });
    expect(final).toMatchObject({
      paymentId: payment.paymentId,
      bic: 'SWEDSESS',
      state: 'executed',
    });
    expect(['ACSC', 'ACCC']).toContain(final.transactionStatus);
  });

  it('rejects with PaymentFailedError and the bank reason when the funds are not there', async () => {
    const payment = await bankbridge.pay({
      bic: 'SWEDSESS',
      psu: PSU,
      payment: await annaPaysErik('SWEDSESS', '99999999.00'),
    });
    if (payment.kind !== 'decoupled') throw new Error(`got ${payment.kind}`);
    await bankIdApp(live.sandboxUrl, payment.autostartToken, 'approve', ANNA);
    const failure = await payment
      .waitUntilAuthorised({ intervalMs: 100 })
      .then(() => payment.waitUntilFinal({ intervalMs: 100 }))
      .catch((e) => e);
    expect(failure).toBeInstanceOf(PaymentFailedError);
    expect(failure).toMatchObject({
      paymentId: payment.paymentId,
      transactionStatus: 'RJCT',
      state: 'failed',
      code: 'FUNDS_NOT_AVAILABLE',
    });
    expect(failure.reason?.text).toEqual(expect.any(String));
  });

  it('rejects waitUntilAuthorised with ScaFailedError when the PSU cancels in BankID', async () => {
    const payment = await bankbridge.pay({
      bic: 'SWEDSESS',
      psu: PSU,
      payment: await annaPaysErik('SWEDSESS'),
    });
    if (payment.kind !== 'decoupled') throw new Error(`got ${payment.kind}`);
    await bankIdApp(live.sandboxUrl, payment.autostartToken, 'deny');
    const failure = await payment.waitUntilAuthorised({ intervalMs: 100 }).catch((e) => e);
    expect(failure).toBeInstanceOf(ScaFailedError);
    expect(failure.text).toMatch(/RJCT|RCVD/);
  });

  it('with animatedQr: token, hands each poll its code, and the PSU can scan one', async () => {
    const codes: string[] = [];
    const payment = await bankbridge.pay({
      bic: 'SWEDSESS',
      psu: PSU,
      payment: await annaPaysErik('SWEDSESS'),
      animatedQr: 'token',
      onQrCode: (code) => codes.push(code),
    });
    if (payment.kind !== 'decoupled') throw new Error(`got ${payment.kind}`);
    expect(payment.animatedQr).toBe('token');
    expect(payment.qrCode).toMatch(QR_PAYLOAD);
    expect(codes).toEqual([payment.qrCode]);

    const scanned = await fetch(`${live.sandboxUrl}/bankid/api/qr`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ qr: payment.qrCode, action: 'approve', psuId: ANNA }),
    });
    expect(scanned.status, await scanned.text()).toBe(200);
    const authorised = await payment.waitUntilAuthorised({ intervalMs: 100 });
    expect(['authorised', 'executed']).toContain(authorised.state);
  });

  it('cancel() drops a payment the PSU has not authorised (Nordea Finland offers it)', async () => {
    const payment = await bankbridge.pay({
      bic: 'NDEAFIHH',
      psu: PSU,
      payment: await annaPaysErik('NDEAFIHH', '5.00', 'EUR'),
      paymentProduct: 'sepa-credit-transfers',
      redirectUri: REDIRECT_URI,
    });
    expect(payment.paymentProduct).toBe('sepa-credit-transfers');
    expect(await payment.cancel()).toBe('cancelled');
    expect((await payment.status()).state).toBe('cancelled');
    const failure = await payment.waitUntilFinal({ intervalMs: 100 }).catch((e) => e);
    expect(failure).toBeInstanceOf(PaymentFailedError);
    expect(failure.state).toBe('cancelled');
  });
});

describe('pay() at a redirect bank (Nordea)', () => {
  async function redirectAtNordea() {
    const payment = await bankbridge.pay({
      bic: 'NDEASESS',
      psu: PSU,
      payment: await annaPaysErik('NDEASESS'),
      redirectUri: REDIRECT_URI,
    });
    if (payment.kind !== 'redirect') throw new Error(`got ${payment.kind}`);
    return payment;
  }

  it('links to the bank with PKCE and the payment ids, and handleCallback authorises it', async () => {
    const payment = await redirectAtNordea();
    const link = new URL(payment.url);
    expect(link.searchParams.get('acr_values')).toBe(
      `idp:NDEASESS paymentId:${payment.paymentId} paymentAuthorisationId:${payment.authorisationId}`,
    );
    expect(link.searchParams.get('code_challenge_method')).toBe('S256');

    const query = await psuApprovesAtBank(new HttpBrowser(), payment.url, REDIRECT_URI, ANNA);
    const callback = `${REDIRECT_URI}?${new URLSearchParams(query)}`;
    const forged = await payment
      .handleCallback(callback.replace(`state=${query.state}`, 'state=other'))
      .catch((e) => e);
    expect(forged).toBeInstanceOf(RedirectCallbackError);

    const authorised = await payment.handleCallback(callback);
    expect(authorised.token?.accessToken).toEqual(expect.any(String));
    expect(['authorised', 'executed']).toContain(authorised.state);
    expect((await payment.waitUntilFinal({ intervalMs: 100 })).state).toBe('executed');
  });

  it('needs a redirectUri, and cancels the payment it could not hand over', async () => {
    const failure = await bankbridge
      .pay({ bic: 'NDEASESS', psu: PSU, payment: await annaPaysErik('NDEASESS') })
      .catch((e) => e);
    expect(failure).toBeInstanceOf(TypeError);
    expect(failure.message).toMatch(/redirectUri/);
  });
});
