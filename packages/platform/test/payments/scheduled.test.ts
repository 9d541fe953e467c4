/**
 * Dated payments through Bankbridge at the sandbox banks over HTTP, on the banks' clock moved
 * forward: a future-dated payment waits accepted (ACSP) until its date and is booked then; a
 * periodic payment, signed once, is booked once per occurrence until its end date (ACSC), and
 * one cancelled (with the PSU's cancellation SCA) books nothing more.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNA } from '../support/ais-consent.js';
import {
  accountsOf,
  advanceBankClock,
  atBank,
  authoriseDecoupled,
  authoriseRedirect,
  bankDate,
  bankIdOf,
  bankPayment,
  initiate,
  type PaymentCaller,
  paymentBody,
  pis,
  statusOf,
} from '../support/payments.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

const OUTSIDE_SE = 'SE4550000000058398257466';
const OUTSIDE_DE = 'DE89370400440532013000';
const DAY = 86_400;

let tpp: TestPlatform;
let swedbank: PaymentCaller;
let nordeaFi: PaymentCaller;
let annaSe: string;
let annaFi: string;

beforeAll(async () => {
  tpp = await startTestPlatform({ sandbox: true });
  const token = await tpp.token('paymentinitiation private');
  swedbank = { bic: 'SWEDSESS', token, headers: { 'tpp-redirect-preferred': 'false' } };
  nordeaFi = { bic: 'NDEAFIHH', token };
  annaSe = (await accountsOf(tpp, 'SWEDSESS', ANNA))[0]?.iban as string;
  annaFi = (await accountsOf(tpp, 'NDEAFIHH', ANNA))[0]?.iban as string;
});

afterAll(async () => {
  await tpp?.close();
});

async function bookings(bic: string, remittance: string) {
  const { postings } = await atBank(tpp, bic);
  return postings.filter((p) => p.remittanceInformationUnstructured === remittance && p.amount < 0);
}

// The banks' clock only moves forward: the tests run in this order, each from where the last
// one left it, and take every date from the banks' clock of the moment.
let bankDays = 0;
async function daysPass(days: number) {
  await advanceBankClock(tpp, days * DAY);
  bankDays += days;
}
const onBankClock = (days: number, timeZone?: string) =>
  bankDate(bankDays + days, new Date(), timeZone);

describe('a future-dated payment', () => {
  it('is ACSP until its date, then booked on it', async () => {
    const date = onBankClock(4);
    const created = await initiate(
      tpp,
      swedbank,
      paymentBody(annaSe, OUTSIDE_SE, '55.00', {
        requestedExecutionDate: date,
        remittanceInformationUnstructured: 'Rent',
      }),
    );
    await authoriseDecoupled(tpp, swedbank, created.path);
    expect(await statusOf(tpp, swedbank, created.path)).toBe('ACSP');
    const got = await pis(tpp, swedbank, 'GET', created.path);
    expect(got.json.requestedExecutionDate).toBe(date);

    await daysPass(1);
    expect(await statusOf(tpp, swedbank, created.path)).toBe('ACSP');
    expect(await bookings('SWEDSESS', 'Rent')).toEqual([]);

    // Past the date and any weekend after it.
    await daysPass(6);
    expect(await statusOf(tpp, swedbank, created.path)).toBe('ACSC');
    const booked = await bookings('SWEDSESS', 'Rent');
    expect(booked).toHaveLength(1);
    expect(booked[0]).toMatchObject({ amount: -5500, status: 'booked' });
    expect(booked[0]?.bookingDate && booked[0].bookingDate >= date).toBe(true);
  });
});

describe('a periodic payment', () => {
  it('one booking per occurrence after one SCA, ACSC after its end date', async () => {
    const startDate = onBankClock(1);
    const created = await initiate(
      tpp,
      swedbank,
      paymentBody(annaSe, OUTSIDE_SE, '9.00', {
        startDate,
        endDate: onBankClock(3),
        frequency: 'Daily',
        remittanceInformationUnstructured: 'Allowance',
      }),
      '/periodic-payments/domestic',
    );
    await authoriseDecoupled(tpp, swedbank, created.path);
    expect(await statusOf(tpp, swedbank, created.path)).toBe('ACSP');
    const bankId = await bankIdOf(tpp, created.paymentId);
    expect((await bankPayment(tpp, 'SWEDSESS', bankId)).occurrencesDone).toBe(0);

    await daysPass(1);
    expect(await statusOf(tpp, swedbank, created.path)).toBe('ACSP');

    // Well past the end date (and a weekend the last occurrences may move to).
    await daysPass(6);
    expect(await statusOf(tpp, swedbank, created.path)).toBe('ACSC');
    expect((await bankPayment(tpp, 'SWEDSESS', bankId)).occurrencesDone).toBe(3);
    const booked = await bookings('SWEDSESS', 'Allowance');
    expect(booked.map((p) => p.amount)).toEqual([-900, -900, -900]);
    // Running the bank's schedule again books nothing twice.
    expect((await tpp.admin('POST', '/payments/run-due')).status).toBe(200);
    expect(await bookings('SWEDSESS', 'Allowance')).toHaveLength(3);

    const got = await pis(tpp, swedbank, 'GET', created.path);
    expect(got.json).toMatchObject({ startDate, frequency: 'Daily', transactionStatus: 'ACSC' });
  });

  it('cancelled with the PSU (where the bank offers it): the series books nothing more', async () => {
    const created = await initiate(
      tpp,
      nordeaFi,
      {
        instructedAmount: { currency: 'EUR', amount: '12.00' },
        debtorAccount: { iban: annaFi },
        creditorName: 'Gym',
        creditorAccount: { iban: OUTSIDE_DE },
        remittanceInformationUnstructured: 'Gym',
        startDate: onBankClock(0, 'Europe/Helsinki'),
        frequency: 'Weekly',
      },
      '/periodic-payments/sepa-credit-transfers',
    );
    await authoriseRedirect(tpp, nordeaFi, created.path);
    expect(await statusOf(tpp, nordeaFi, created.path)).toBe('ACSP');
    await daysPass(8);
    const before = (await bookings('NDEAFIHH', 'Gym')).length;
    expect(before).toBeGreaterThanOrEqual(1);

    const deleted = await pis(tpp, nordeaFi, 'DELETE', created.path);
    expect(deleted.statusCode, deleted.body).toBe(202);
    await authoriseRedirect(tpp, nordeaFi, created.path, ANNA, 'cancellation-authorisations');
    expect(await statusOf(tpp, nordeaFi, created.path)).toBe('CANC');

    await daysPass(21);
    expect(await statusOf(tpp, nordeaFi, created.path)).toBe('CANC');
    expect(await bookings('NDEAFIHH', 'Gym')).toHaveLength(before);
  });
});
