/**
 * A global product has one body at every bank, and each bank is sent its own format (registry
 * `payments.accountForms`): the same domestic body with IBANs books at Handelsbanken, whose
 * sandbox refuses IBANs there as the bank does and is sent the account number and clearing
 * number, and at Swedbank, which takes the IBANs as written. Where the bank lets the PSU pick
 * the debtor account (`debtorAccountOptional`), the body goes without one. A body that has no
 * form at the bank is a 400 naming the field, and nothing is created at Bankbridge or at the
 * bank. Against the sandbox banks over HTTP; every answer is checked against the contract.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ibanOfSwedishAccount } from '../../src/connectors/swedish-account-numbers.js';
import { ANNA } from '../support/ais-consent.js';
import {
  accountsOf,
  afterClearing,
  authoriseDecoupled,
  ERIK,
  initiate,
  type PaymentCaller,
  paymentBody,
  pis,
  redeemPaymentCode,
  redirectCode,
  storedPayments,
} from '../support/payments.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let tpp: TestPlatform;
let handelsbanken: PaymentCaller;
let swedbank: PaymentCaller;
/** Erik pays from his current accounts; Anna is paid at SEB. */
let erikAtHandelsbanken: string;
let erikAtSwedbank: string;
let annaAtSeb: string;
let annaAtHandelsbanken: string;

beforeAll(async () => {
  tpp = await startTestPlatform({ sandbox: true });
  const token = await tpp.token('paymentinitiation private');
  handelsbanken = { bic: 'HANDSESS', token };
  swedbank = { bic: 'SWEDSESS', token, headers: { 'tpp-redirect-preferred': 'false' } };
  erikAtHandelsbanken = (await accountsOf(tpp, 'HANDSESS', ERIK))[0]?.iban as string;
  erikAtSwedbank = (await accountsOf(tpp, 'SWEDSESS', ERIK))[0]?.iban as string;
  annaAtSeb = (await accountsOf(tpp, 'ESSESESS', ANNA))[0]?.iban as string;
  annaAtHandelsbanken = (await accountsOf(tpp, 'HANDSESS', ANNA))[0]?.iban as string;
});

afterAll(async () => {
  await tpp?.close();
});

async function sentBody(paymentId: string) {
  const row = await tpp.store.db
    .selectFrom('payments')
    .select(['body', 'bank_body'])
    .where('id', '=', paymentId)
    .executeTakeFirstOrThrow();
  return { posted: JSON.parse(row.body), sent: JSON.parse(row.bank_body) };
}

/** What the sandbox bank received for its payments, newest last. */
type AtBank = { debtorIban: string; initiation: Record<string, unknown> };
async function atBank(bic: string): Promise<AtBank[]> {
  const response = await tpp.admin('GET', `/banks/${bic}/payments`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { payments: AtBank[] }).payments;
}

/** Create, sign in BankID as Erik, let it clear: its final status. */
async function bookAs(caller: PaymentCaller, body: unknown) {
  const created = await initiate(tpp, caller, body);
  await authoriseDecoupled(tpp, caller, created.path, ERIK);
  return { ...created, status: await afterClearing(tpp, caller, created.path) };
}

describe('one domestic body, each bank its own format', () => {
  it('books at Handelsbanken (account number and clearing number) and at Swedbank (IBANs)', async () => {
    const body = (debtor: string) => paymentBody(debtor, annaAtSeb, '12.50');

    const atHandelsbanken = await bookAs(handelsbanken, body(erikAtHandelsbanken));
    expect(atHandelsbanken.status).toBe('ACCC');
    const stored = await sentBody(atHandelsbanken.paymentId);
    expect(stored.posted).toEqual(body(erikAtHandelsbanken));
    // SEB's IBAN SE.. 500 000000 CCCC AAAAAAA holds clearing number CCCC and account AAAAAAA.
    expect(stored.sent.debtorAccount).toEqual({
      bban: erikAtHandelsbanken.slice(-9),
      currency: 'SEK',
    });
    expect(stored.sent.creditorAccount).toEqual({
      bban: annaAtSeb.slice(-7),
      clearingNumber: annaAtSeb.slice(-11, -7),
      currency: 'SEK',
    });
    expect(stored.sent.instructedAmount).toEqual({ currency: 'SEK', amount: '12.50' });
    // What Bankbridge keeps as sent is what the bank received.
    expect((await atBank('HANDSESS')).at(-1)?.initiation).toEqual(stored.sent);
    // The TPP reads its payment as it posted it.
    const read = await pis(tpp, handelsbanken, 'GET', atHandelsbanken.path);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json.creditorAccount).toEqual({ iban: annaAtSeb, currency: 'SEK' });

    const atSwedbank = await bookAs(swedbank, body(erikAtSwedbank));
    expect(atSwedbank.status).toBe('ACCC');
    const asSent = await sentBody(atSwedbank.paymentId);
    expect(asSent.sent.debtorAccount).toEqual({ iban: erikAtSwedbank, currency: 'SEK' });
    expect(asSent.sent.creditorAccount).toEqual({ iban: annaAtSeb, currency: 'SEK' });
    expect((await atBank('SWEDSESS')).at(-1)?.initiation).toEqual(asSent.sent);
  });

  it("takes the TPP's own account number and clearing number, for a Handelsbanken payee", async () => {
    const payee = { bban: annaAtHandelsbanken.slice(-9), clearingNumber: '6000', currency: 'SEK' };
    const booked = await bookAs(handelsbanken, {
      ...paymentBody(erikAtHandelsbanken, annaAtHandelsbanken, '3.00'),
      creditorAccount: payee,
    });
    // Anna's account at the same bank: credited at once.
    expect(['ACSC', 'ACCC']).toContain(booked.status);
    expect((await sentBody(booked.paymentId)).sent.creditorAccount).toEqual(payee);
    // The same payee written as an IBAN turns into the same account at an IBAN bank.
    const iban = ibanOfSwedishAccount('6000', payee.bban);
    expect(iban.ok && iban.value).toBe(annaAtHandelsbanken);
  });
});

describe('a bank where the PSU picks the debtor account during SCA (Danske Bank)', () => {
  it('takes the body without debtorAccount, sends none, and the PSU pays from an account of theirs', async () => {
    const danske: PaymentCaller = { bic: 'DABASESX', token: handelsbanken.token };
    const erikAtDanske = (await accountsOf(tpp, 'DABASESX', ERIK))[0]?.iban as string;
    const { debtorAccount: _left, ...body } = paymentBody('unused', annaAtSeb, '4.00');
    const created = await initiate(tpp, danske, body);
    expect((await sentBody(created.paymentId)).sent).not.toHaveProperty('debtorAccount');
    const { authorisationId, code } = await redirectCode(tpp, danske, created.path, ERIK);
    const redeemed = await redeemPaymentCode(tpp, {
      paymentId: created.paymentId,
      authorisationId,
      code,
    });
    expect(redeemed.statusCode, redeemed.body).toBe(200);
    expect(['ACSC', 'ACCC']).toContain(await afterClearing(tpp, danske, created.path));
    // The TPP learns which account paid (erratum P19: the bank picked it at SCA).
    const read = await pis(tpp, danske, 'GET', created.path);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json.debtorAccount).toEqual({ iban: erikAtDanske });
    const [atDanske] = await atBank('DABASESX');
    expect(atDanske?.initiation).not.toHaveProperty('debtorAccount');
    expect(atDanske).toMatchObject({ debtorIban: erikAtDanske });
  });
});

describe('a body the bank cannot be sent: 400 naming the field, nothing created', () => {
  const refusals: ReadonlyArray<
    [string, () => PaymentCaller, () => Record<string, unknown>, string, RegExp]
  > = [
    [
      'a Handelsbanken IBAN as payee: it carries no clearing number',
      () => handelsbanken,
      () => paymentBody(erikAtHandelsbanken, annaAtHandelsbanken),
      'creditorAccount.iban',
      /Handelsbanken IBANs do not carry the clearing number: send \{"bban", "clearingNumber"\}/,
    ],
    [
      'a Finnish IBAN as the payee of a Swedish account-number bank',
      () => handelsbanken,
      () => paymentBody(erikAtHandelsbanken, 'FI2112345600000785'),
      'creditorAccount.iban',
      /FI IBANs cannot be sent to it/,
    ],
    [
      'an account number without clearing number for the payee',
      () => handelsbanken,
      () => ({
        ...paymentBody(erikAtHandelsbanken, annaAtSeb),
        creditorAccount: { bban: annaAtSeb.slice(-7) },
      }),
      'creditorAccount.clearingNumber',
      /is required beside the bban/,
    ],
    [
      'a remittance longer than the bank takes (Swedbank domestic: 35)',
      () => swedbank,
      () =>
        paymentBody(erikAtSwedbank, annaAtSeb, '1.00', {
          remittanceInformationUnstructured: 'x'.repeat(36),
        }),
      'remittanceInformationUnstructured',
      /must be 1 to 35 characters/,
    ],
    [
      'a remittance over 10 characters to another bank (Swedbank domestic)',
      () => swedbank,
      () =>
        paymentBody(erikAtSwedbank, annaAtSeb, '1.00', {
          remittanceInformationUnstructured: 'x'.repeat(11),
        }),
      'remittanceInformationUnstructured',
      /must be 1 to 10 characters for a payment to an account at another bank/,
    ],
  ];

  it('takes 35 characters to an account at Swedbank itself, and 10 to another bank', async () => {
    const annaAtSwedbank = (await accountsOf(tpp, 'SWEDSESS', ANNA))[0]?.iban as string;
    const message = (to: string, length: number) =>
      paymentBody(erikAtSwedbank, to, '1.00', {
        remittanceInformationUnstructured: 'x'.repeat(length),
      });
    const own = await pis(tpp, swedbank, 'POST', '/payments/domestic', message(annaAtSwedbank, 35));
    expect(own.statusCode, own.body).toBe(201);
    const other = await pis(tpp, swedbank, 'POST', '/payments/domestic', message(annaAtSeb, 10));
    expect(other.statusCode, other.body).toBe(201);
  });

  it.each(refusals)('%s', async (_what, caller, body, path, text) => {
    const stored = await storedPayments(tpp);
    const bic = caller().bic;
    const received = (await atBank(bic)).length;
    const answer = await pis(tpp, caller(), 'POST', '/payments/domestic', body());
    expect(answer.statusCode, answer.body).toBe(400);
    const [message] = answer.json.tppMessages;
    expect(message).toMatchObject({ category: 'ERROR', code: 'FORMAT_ERROR', path });
    expect(message.text).toMatch(text);
    expect(await storedPayments(tpp)).toBe(stored);
    expect(await atBank(bic)).toHaveLength(received);
  });
});
