/**
 * A payment executed through Bankbridge shows in account information through Bankbridge: the
 * TPP with a valid consent reads the debtor account's transactions and finds the booking
 * (negative amount, creditor, remittance, and the payment's endToEndIdentification as its
 * endToEndId), and the balances moved by the amount. Against the sandbox banks over HTTP;
 * every answer is checked against the contract.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNA, validConsent } from '../support/ais-consent.js';
import { expectContract } from '../support/contract.js';
import {
  accountsOf,
  afterClearing,
  authoriseDecoupled,
  bankDate,
  initiate,
  type PaymentCaller,
  paymentBody,
  pis,
} from '../support/payments.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

const AIS = '/psd2/accountinformation/v1';
const OUTSIDE_SE = 'SE4550000000058398257466';

let tpp: TestPlatform;
let swedbank: PaymentCaller;
let aisToken: string;
let consentId: string;
let accountPath: string;
let debtor: string;

async function ais(url: string) {
  const response = await tpp.api.inject({
    method: 'GET',
    url,
    headers: {
      accept: 'application/json',
      authorization: `Bearer ${aisToken}`,
      'x-request-id': randomUUID(),
      'x-bicfi': 'SWEDSESS',
      'consent-id': consentId,
      // The PSU is present: reads are not counted against the consent's frequency.
      'psu-ip-address': '192.0.2.10',
    },
  });
  expectContract(response);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

type Balance = { balanceType: string; balanceAmount: { amount: string; currency: string } };

async function balances(): Promise<Record<string, number>> {
  const { balances: list } = await ais(`${accountPath}/balances`);
  return Object.fromEntries(
    (list as Balance[]).map((b) => [
      b.balanceType,
      Math.round(Number(b.balanceAmount.amount) * 100),
    ]),
  );
}

beforeAll(async () => {
  tpp = await startTestPlatform({ sandbox: true });
  swedbank = {
    bic: 'SWEDSESS',
    token: await tpp.token('paymentinitiation private'),
    headers: { 'tpp-redirect-preferred': 'false' },
  };
  aisToken = await tpp.token('accountinformation private');
  consentId = await validConsent(tpp, { bic: 'SWEDSESS', token: aisToken });
  const [current] = await accountsOf(tpp, 'SWEDSESS', ANNA);
  debtor = current?.iban as string;
  const { accounts } = await ais(`${AIS}/accounts`);
  const account = (accounts as Array<{ resourceId: string; iban: string }>).find(
    (a) => a.iban === debtor,
  );
  expect(account).toBeDefined();
  accountPath = `${AIS}/accounts/${account?.resourceId}`;
});

afterAll(async () => {
  await tpp?.close();
});

describe('the booked payment in account information', () => {
  it('is a booked transaction of the debtor account, and the balances moved by its amount', async () => {
    const before = await balances();
    const created = await initiate(
      tpp,
      swedbank,
      paymentBody(debtor, OUTSIDE_SE, '123.45', {
        creditorName: 'Elektro Nord AB',
        remittanceInformationUnstructured: 'Faktura 77',
      }),
    );
    await authoriseDecoupled(tpp, swedbank, created.path);
    const { endToEndIdentification } = (await pis(tpp, swedbank, 'GET', created.path)).json;
    expect(endToEndIdentification).toMatch(/^[0-9A-F]{32}$/);

    // In clearing: a pending entry, and the available balance lowered already.
    const pending = await ais(
      `${accountPath}/transactions?bookingStatus=pending&dateFrom=${bankDate(-1)}`,
    );
    expect(
      pending.transactions.pending.filter(
        (t: { endToEndId?: string }) => t.endToEndId === endToEndIdentification,
      ),
    ).toHaveLength(1);
    expect((await balances()).interimAvailable).toBe((before.interimAvailable ?? 0) - 12_345);

    expect(await afterClearing(tpp, swedbank, created.path)).toBe('ACSC');
    const report = await ais(
      `${accountPath}/transactions?bookingStatus=booked&dateFrom=${bankDate(-1)}`,
    );
    const booked = report.transactions.booked.filter(
      (t: { endToEndId?: string }) => t.endToEndId === endToEndIdentification,
    );
    expect(booked).toHaveLength(1);
    expect(booked[0]).toMatchObject({
      transactionAmount: { amount: '-123.45', currency: 'SEK' },
      creditorName: 'Elektro Nord AB',
      creditorAccount: { iban: OUTSIDE_SE },
      remittanceInformationUnstructured: 'Faktura 77',
      endToEndId: endToEndIdentification,
    });
    expect(booked[0].bookingDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const after = await balances();
    for (const type of ['closingBooked', 'interimAvailable']) {
      expect(after[type], type).toBe((before[type] as number) - 12_345);
    }
    // The opening balance of the period is before the booking.
    expect(after.openingBooked).toBe(before.openingBooked);
  });

  it("the TPP's own endToEndIdentification is the booking's endToEndId", async () => {
    const created = await initiate(
      tpp,
      swedbank,
      paymentBody(debtor, OUTSIDE_SE, '5.00', { endToEndIdentification: 'ORDER-4711-A' }),
    );
    await authoriseDecoupled(tpp, swedbank, created.path);
    expect(await afterClearing(tpp, swedbank, created.path)).toBe('ACSC');
    const report = await ais(
      `${accountPath}/transactions?bookingStatus=booked&dateFrom=${bankDate(-1)}`,
    );
    const booked = report.transactions.booked.filter(
      (t: { endToEndId?: string }) => t.endToEndId === 'ORDER-4711-A',
    );
    expect(booked).toHaveLength(1);
    expect(booked[0].transactionAmount).toEqual({ amount: '-5.00', currency: 'SEK' });
  });
});
