// The demo app's "Pay" parts that need no server: the form's checks in the customer's words,
// a payment's state as the person reads it, and the texts of a sign-in that ended without
// access (declined by the person, refused by the bank).

import { PaymentFailedError, ScaFailedError } from '@bankbridge/client';
import { describe, expect, it } from 'vitest';
import type { DemoContext } from '../../src/demo-app/context.js';
import { checkPayForm, readAmount, readIban } from '../../src/demo-app/pay-form.js';
import { applyStatus, endedUnpaid } from '../../src/demo-app/payment-flow.js';
import { paymentView } from '../../src/demo-app/payment-texts.js';
import { endedConsentText, problemOf } from '../../src/demo-app/problems.js';
import type { PaymentInProgress } from '../../src/demo-app/sessions.js';

describe('the pay form', () => {
  it('reads amounts as people write them, to the currency’s decimals', () => {
    expect(readAmount('42')).toEqual({ amount: '42.00' });
    expect(readAmount('1 250,5')).toEqual({ amount: '1250.50' });
    expect(readAmount('1,250.50')).toEqual({ amount: '1250.50' });
    expect(readAmount('1,250')).toEqual({ amount: '1250.00' });
    expect(readAmount('12,50')).toEqual({ amount: '12.50' });
    expect(readAmount('0.5')).toEqual({ amount: '0.50' });
    expect(readAmount('007')).toEqual({ amount: '7.00' });
    expect(readAmount('')).toEqual({ error: 'Enter the amount to pay.' });
    expect(readAmount('-3')).toEqual({ error: 'The amount must be more than zero.' });
    expect(readAmount('0,00')).toEqual({ error: 'The amount must be more than zero.' });
    expect(readAmount('1.005')).toEqual({
      error: 'The amount can have at most 2 decimals (öre, cents).',
    });
    expect(readAmount('1e3')).toMatchObject({ error: expect.stringContaining('digits only') });
    expect(readAmount('1000000000')).toEqual({ error: 'The amount is too large for one payment.' });
  });

  it('reads IBANs as printed (spaces, lower case) and says what is wrong with one that is not', () => {
    expect(readIban('se45 5000 0000 0583 9825 7466')).toEqual({ iban: 'SE4550000000058398257466' });
    expect(readIban('')).toMatchObject({
      error: expect.stringContaining("Enter the payee's IBAN"),
    });
    expect(readIban('5000 0000 0583')).toMatchObject({
      error: expect.stringContaining('starts with two letters and two digits'),
    });
    expect(readIban('SE45 5000 0000 0583 9825 7467')).toMatchObject({
      error: expect.stringContaining('a character is missing, extra or mistyped'),
    });
  });

  it('checks every field at once, and hands on the payment only when all are right', () => {
    const fields = {
      account: 'acc-1',
      amount: '10',
      payeeName: '  Erik   Johansson ',
      payeeIban: 'SE45 5000 0000 0583 9825 7466',
      message: 'Lunch',
      preferDecoupled: false,
    };
    expect(checkPayForm(fields, ['acc-1'])).toEqual({
      ok: true,
      payment: {
        accountId: 'acc-1',
        amount: '10.00',
        payeeName: 'Erik Johansson',
        payeeIban: 'SE4550000000058398257466',
        message: 'Lunch',
      },
    });
    const wrong = checkPayForm(
      { ...fields, account: 'other', payeeName: ' ', message: 'x'.repeat(141) },
      ['acc-1'],
    );
    expect(wrong.ok).toBe(false);
    expect(Object.keys(wrong.ok ? {} : wrong.errors).sort()).toEqual([
      'account',
      'message',
      'payeeName',
    ]);
  });
});

describe('a payment as the person reads it', () => {
  const context = { now: () => new Date('2026-12-07T10:00:00Z') } as DemoContext;
  const payment = (): PaymentInProgress => ({
    bank: { bic: 'SWEDSESS', name: 'Swedbank AB', logoUrl: undefined },
    order: {
      accountId: 'a',
      accountName: 'Everyday account',
      debtorIban: 'SE1',
      amount: '42.00',
      currency: 'SEK',
      payeeName: 'Erik Johansson',
      payeeIban: 'SE2',
      message: 'Lunch',
    },
    flow: { kind: 'decoupled', paymentId: 'p-1' } as PaymentInProgress['flow'],
    controller: new AbortController(),
    stage: 'signing',
    history: [{ transactionStatus: 'RCVD', at: '2026-12-07T09:59:00Z' }],
    lastPolledAt: 0,
    qr: {},
  });

  it('moves with the bank’s statuses and stays final once it is', () => {
    const p = payment();
    applyStatus(p, 'ACSP', '2026-12-07T10:00:01Z');
    expect(paymentView(p)).toMatchObject({ stage: 'authorised', label: 'Signed, on its way' });
    applyStatus(p, 'ACSC', '2026-12-07T10:00:40Z');
    expect(paymentView(p)).toMatchObject({
      stage: 'executed',
      label: 'Paid',
      text: "42.00 SEK went from your Everyday account to Erik Johansson. It is among the account's transactions.",
      final: true,
    });
    expect(applyStatus(p, 'RJCT', '2026-12-07T10:01:00Z')).toBe(false);
    expect(p.history.map((h) => h.transactionStatus)).toEqual(['RCVD', 'ACSP', 'ACSC']);
  });

  it('tells a bank’s refusal, with its reason, from a payment the person did not sign', () => {
    const refused = payment();
    const error = new PaymentFailedError(
      { code: 'FUNDS_NOT_AVAILABLE', text: 'no funds' },
      {
        paymentId: 'p-1',
        transactionStatus: 'RJCT',
        state: 'failed',
        reason: { category: 'ERROR', code: 'FUNDS_NOT_AVAILABLE', text: 'Insufficient funds' },
      },
    );
    expect(endedUnpaid(context, refused, error)).toBe(true);
    expect(paymentView(refused)).toMatchObject({
      label: 'Refused by the bank',
      text: 'Swedbank AB refused the payment: there is not enough money in the account. No money left your account.',
    });
    const blocked = payment();
    endedUnpaid(
      context,
      blocked,
      new PaymentFailedError(
        { code: 'PAYMENT_FAILED', text: 'x' },
        {
          paymentId: 'p-1',
          transactionStatus: 'RJCT',
          state: 'failed',
          reason: { category: 'ERROR', code: 'PAYMENT_FAILED', text: 'Creditor account blocked.' },
        },
      ),
    );
    expect(paymentView(blocked).text).toBe(
      'Swedbank AB refused the payment. The bank says: "Creditor account blocked". No money left your account.',
    );
    const unsigned = payment();
    endedUnpaid(
      context,
      unsigned,
      new ScaFailedError({ code: 'SCA_FAILED', text: 'x' }, undefined),
    );
    expect(paymentView(unsigned)).toMatchObject({ stage: 'unsigned', label: 'Not signed' });
    expect(endedUnpaid(context, payment(), new Error('a bug'))).toBe(false);
  });
});

describe('a sign-in that ended without access', () => {
  it('says the person declined in their words, the protocol’s kept for the developer', () => {
    const declined = problemOf(
      new ScaFailedError(
        {
          code: 'SCA_FAILED',
          text: 'access_denied: the PSU did not authorise the consent at the bank',
        },
        'rejected',
      ),
      'SEB',
    );
    expect(declined.title).toBe('Access not given');
    expect(declined.text).toMatch(/^SEB did not give this app access: you declined or cancelled/);
    expect(declined.text).toContain('or the bank refused the consent');
    expect(declined.text).not.toMatch(/access_denied|PSU|SCA/);
    expect(declined.detail).toBe(
      'SCA_FAILED: access_denied: the PSU did not authorise the consent at the bank',
    );
  });

  it('says the bank refused a consent the person approved, not that they did not give access', () => {
    const refused = problemOf(
      new ScaFailedError(
        { code: 'SCA_FAILED', text: 'the consent is rejected after the redirect' },
        'rejected',
        { approvedByPsu: true },
      ),
      'SEB',
    );
    expect(refused.title).toBe('The bank refused access');
    expect(refused.text).toMatch(/^SEB refused to give this app access/);
    expect(refused.text).not.toContain('you declined');
  });

  it('names why a consent in use ended', () => {
    expect(endedConsentText('SEB', 'revokedByPsu')).toBe(
      "The app can no longer read your accounts at SEB: you withdrew the app's access at SEB. Connect the bank again to go on.",
    );
    expect(endedConsentText('SEB', 'expired')).toContain('it reached the end of its validity');
  });
});
