/**
 * The vendor's payment flow through Bankbridge against the sandbox banks over HTTP (PAYMENTS.md
 * 1.1): create (201 RCVD and the vendor's links), start an authorisation with no body, choose
 * the method, the PSU signs (BankID, or the bank's pages and a code exchange with X-PaymentId),
 * and the status moves on as the bank executes it; GET answers the payment as posted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNA } from '../support/ais-consent.js';
import {
  accountsOf,
  authoriseDecoupled,
  ERIK,
  initiate,
  type PaymentCaller,
  paymentBody,
  pis,
  redeemPaymentCode,
  redirectCode,
} from '../support/payments.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let tpp: TestPlatform;
let decoupled: PaymentCaller;
let redirect: PaymentCaller;

beforeAll(async () => {
  tpp = await startTestPlatform({ sandbox: true });
  const token = await tpp.token('paymentinitiation private');
  decoupled = { bic: 'SWEDSESS', token, headers: { 'tpp-redirect-preferred': 'false' } };
  redirect = { bic: 'NDEASESS', token };
});

afterAll(async () => {
  await tpp?.close();
});

describe('a decoupled payment (Mobilt BankID)', () => {
  it('is created RCVD with the vendor links, signed in BankID, and executed', async () => {
    const [anna] = await accountsOf(tpp, 'SWEDSESS', ANNA);
    const [erik] = await accountsOf(tpp, 'SWEDSESS', ERIK);
    const created = await initiate(
      tpp,
      decoupled,
      paymentBody(anna?.iban as string, erik?.iban as string),
    );
    const { json, headers } = created.answer;
    expect(json.transactionStatus).toBe('RCVD');
    expect(json._links.startAuthorisationWithTransactionAuthorisation.href).toBe(
      `/psd2/paymentinitiation/v1/payments/domestic/${created.paymentId}/authorisations`,
    );
    expect(json._links.self.href).toBe(
      `/psd2/paymentinitiation/v1/payments/domestic/${created.paymentId}`,
    );
    expect(headers['aspsp-sca-approach']).toBe('DECOUPLED');
    expect(headers.location).toMatch(new RegExp(`/payments/domestic/${created.paymentId}$`));

    const before = await pis(tpp, decoupled, 'GET', `${created.path}/status`);
    expect(before.json).toEqual({ transactionStatus: 'RCVD' });

    const authorisationId = await authoriseDecoupled(tpp, decoupled, created.path);
    const sca = await pis(
      tpp,
      decoupled,
      'GET',
      `${created.path}/authorisations/${authorisationId}`,
    );
    expect(sca.json.scaStatus).toBe('finalised');
    const status = await pis(tpp, decoupled, 'GET', `${created.path}/status`);
    expect(['ACSP', 'ACSC', 'ACCC']).toContain(status.json.transactionStatus);

    const payment = await pis(tpp, decoupled, 'GET', created.path);
    expect(payment.json).toMatchObject({
      instructedAmount: { currency: 'SEK', amount: '142.66' },
      creditorName: 'Enterprise Inc',
      remittanceInformationUnstructured: 'Inv. 4711',
      transactionStatus: status.json.transactionStatus,
    });
    expect(payment.json.endToEndIdentification).toMatch(/^[0-9A-F]{32}$/);

    const ids = await pis(tpp, decoupled, 'GET', `${created.path}/authorisations`);
    expect(ids.json).toEqual({ authorisationIds: [authorisationId] });
  });
});

describe('a redirect payment', () => {
  it('follows the scaOAuth link, and the code exchange with X-PaymentId authorises it', async () => {
    const [anna] = await accountsOf(tpp, 'NDEASESS', ANNA);
    const [erik] = await accountsOf(tpp, 'NDEASESS', ERIK);
    const created = await initiate(
      tpp,
      redirect,
      paymentBody(anna?.iban as string, erik?.iban as string, '10.00'),
    );
    expect(created.answer.headers['aspsp-sca-approach']).toBe('REDIRECT');
    const { authorisationId, code, link } = await redirectCode(tpp, redirect, created.path);
    expect(link).toContain(
      `acr_values=idp:NDEASESS%20paymentId:${created.paymentId}%20paymentAuthorisationId:${authorisationId}`,
    );
    expect(link).toContain('scope=paymentinitiation%20private');
    const redeemed = await redeemPaymentCode(tpp, {
      paymentId: created.paymentId,
      authorisationId,
      code,
    });
    expect(redeemed.statusCode, redeemed.body).toBe(200);
    const again = await redeemPaymentCode(tpp, {
      paymentId: created.paymentId,
      authorisationId,
      code,
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().error).toBe('invalid_grant');

    const sca = await pis(
      tpp,
      redirect,
      'GET',
      `${created.path}/authorisations/${authorisationId}`,
    );
    expect(sca.json.scaStatus).toBe('finalised');
    const status = await pis(tpp, redirect, 'GET', `${created.path}/status`);
    expect(['ACTC', 'ACSP', 'ACSC', 'ACCC']).toContain(status.json.transactionStatus);
  });
});
