/**
 * Two per-bank payment rules of the registry that Bankbridge absorbs, through Bankbridge
 * against the sandbox banks over HTTP; every answer is checked against the contract.
 *
 * Handelsbanken insists on PSU-IP-Address on a payment's status and authorisation calls, not
 * only when it is created (`payments.requiredPsuHeaders`), and its sandbox refuses them without
 * it as the bank does. A TPP that leaves the header out of its later calls, and the status
 * poller, which has no PSU at all, still reach the bank: Bankbridge sends the address the
 * payment was created with.
 *
 * OP needs the creditor's address for a SEPA payment to a creditor outside Finland
 * (`payments.creditorAddressAbroad`): Bankbridge refuses such a payment without it, naming
 * `creditorAddress`, before anything is created, whatever the service or product.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNA } from '../support/ais-consent.js';
import {
  accountsOf,
  afterClearing,
  atBank,
  authoriseDecoupled,
  authoriseRedirect,
  bankClockOnBusinessDay,
  bankDate,
  bankIdOf,
  bankNow,
  bankPayment,
  ERIK,
  expectRefusal,
  initiate,
  type PaymentCaller,
  paymentBody,
  pis,
  storedPayments,
} from '../support/payments.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

/** A German IBAN (valid check digits) at no sandbox bank. */
const GERMAN_IBAN = 'DE89370400440532013000';
/** A blank header is no header: how a TPP's call leaves PSU-IP-Address out. */
const NO_PSU_IP = { 'psu-ip-address': '' };

let tpp: TestPlatform;
let offset = 0;
let token: string;
let handelsbanken: PaymentCaller;
/** The same TPP's later calls, without PSU-IP-Address. */
let handelsbankenNoIp: PaymentCaller;
let op: PaymentCaller;
let erikAtHandelsbanken: string;
let annaAtSeb: string;
let annaAtOp: string;
let annaAtNordeaFi: string;

beforeAll(async () => {
  tpp = await startTestPlatform({ sandbox: true, now: () => new Date(Date.now() + offset) });
  await bankClockOnBusinessDay(tpp.sandboxUrl as string);
  token = await tpp.token('paymentinitiation private');
  handelsbanken = { bic: 'HANDSESS', token };
  handelsbankenNoIp = { bic: 'HANDSESS', token, headers: NO_PSU_IP };
  erikAtHandelsbanken = (await accountsOf(tpp, 'HANDSESS', ERIK))[0]?.iban as string;
  annaAtSeb = (await accountsOf(tpp, 'ESSESESS', ANNA))[0]?.iban as string;
  annaAtOp = (await accountsOf(tpp, 'OKOYFIHH', ANNA)).find((a) => a.currency === 'EUR')
    ?.iban as string;
  annaAtNordeaFi = (await accountsOf(tpp, 'NDEAFIHH', ANNA)).find((a) => a.currency === 'EUR')
    ?.iban as string;
}, 60_000);

afterAll(async () => {
  await tpp?.close();
});

/** What Bankbridge stores of a payment's PSU headers. */
async function keptPsu(paymentId: string) {
  return tpp.store.db
    .selectFrom('payments')
    .select(['psu_ip_address', 'psu_user_agent', 'status'])
    .where('id', '=', paymentId)
    .executeTakeFirstOrThrow();
}

/** The bank's own status call, as a TPP would make it, with `headers`. */
function statusAtBank(bankPaymentId: string, headers: Record<string, string> = {}) {
  return fetch(`${tpp.sandboxUrl}/banks/HANDSESS/v1/payments/domestic/${bankPaymentId}/status`, {
    headers: {
      'x-request-id': crypto.randomUUID(),
      'tpp-client-id': 'bankbridge',
      accept: 'application/json',
      ...headers,
    },
  });
}

describe('Handelsbanken: PSU-IP-Address on every call about a payment', () => {
  it('its sandbox refuses the status call without the header, in its Berlin Group format', async () => {
    const created = await initiate(tpp, handelsbanken, paymentBody(erikAtHandelsbanken, annaAtSeb));
    const bankId = await bankIdOf(tpp, created.paymentId);
    const refused = await statusAtBank(bankId);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      tppMessages: [
        {
          category: 'ERROR',
          code: 'FORMAT_ERROR',
          text: 'PSU-IP-Address header is required by this bank',
        },
      ],
    });
    const answered = await statusAtBank(bankId, { 'psu-ip-address': '192.0.2.10' });
    expect(await answered.json()).toEqual({ transactionStatus: 'RCVD' });
  });

  it('keeps the PSU headers of the creation with the payment', async () => {
    const created = await initiate(
      tpp,
      handelsbanken,
      paymentBody(erikAtHandelsbanken, annaAtSeb, '1.00'),
      '/payments/domestic',
      { 'psu-ip-address': '2001:db8::42', 'psu-user-agent': 'PayApp/3.1' },
    );
    expect(await keptPsu(created.paymentId)).toMatchObject({
      psu_ip_address: '2001:db8::42',
      psu_user_agent: 'PayApp/3.1',
    });
  });

  it('a TPP that leaves it out after the creation authorises and follows its payment to ACCC', async () => {
    const created = await initiate(
      tpp,
      handelsbanken,
      paymentBody(erikAtHandelsbanken, annaAtSeb, '2.50'),
    );
    // Start, method choice (which starts BankID at the bank), and the status reads that follow
    // the SCA and the execution at the bank: none with PSU-IP-Address.
    await authoriseDecoupled(tpp, handelsbankenNoIp, created.path, ERIK);
    const authorisations = await pis(
      tpp,
      handelsbankenNoIp,
      'GET',
      `${created.path}/authorisations`,
    );
    expect(authorisations.statusCode, authorisations.body).toBe(200);
    const [authorisationId] = authorisations.json.authorisationIds as string[];
    const sca = await pis(
      tpp,
      handelsbankenNoIp,
      'GET',
      `${created.path}/authorisations/${authorisationId}`,
    );
    expect(sca.statusCode, sca.body).toBe(200);
    expect(sca.json.scaStatus).toBe('finalised');
    expect(await afterClearing(tpp, handelsbankenNoIp, created.path)).toBe('ACCC');
    const read = await pis(tpp, handelsbankenNoIp, 'GET', created.path);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json.transactionStatus).toBe('ACCC');
    const atHandelsbanken = await bankPayment(
      tpp,
      'HANDSESS',
      await bankIdOf(tpp, created.paymentId),
    );
    expect(atHandelsbanken.transactionStatus).toBe('ACCC');
  });

  it('makes no address up where neither the TPP nor the payment has one: the bank refuses', async () => {
    const created = await initiate(
      tpp,
      handelsbanken,
      paymentBody(erikAtHandelsbanken, annaAtSeb, '4.00'),
    );
    // As a payment created before Bankbridge kept the PSU's headers.
    await tpp.store.db
      .updateTable('payments')
      .set({ psu_ip_address: null })
      .where('id', '=', created.paymentId)
      .execute();
    const started = await pis(tpp, handelsbankenNoIp, 'POST', `${created.path}/authorisations`);
    expect(started.statusCode, started.body).toBe(201);
    const put = await pis(
      tpp,
      handelsbankenNoIp,
      'PUT',
      `${created.path}/authorisations/${started.json.authorisationId}`,
      { authenticationMethodId: 'mbid' },
    );
    expect(expectRefusal(put, 400, 'FORMAT_ERROR')).toMatch(
      /PSU-IP-Address header is required by this bank/,
    );
    // The same call with the user's address goes through.
    const withIp = await pis(
      tpp,
      handelsbanken,
      'PUT',
      `${created.path}/authorisations/${started.json.authorisationId}`,
      { authenticationMethodId: 'mbid' },
    );
    expect(withIp.statusCode, withIp.body).toBe(200);
  });

  it('the status poller, with no PSU at all, takes a signed payment to its final status', async () => {
    const created = await initiate(
      tpp,
      handelsbanken,
      paymentBody(erikAtHandelsbanken, annaAtSeb, '3.75'),
    );
    await authoriseDecoupled(tpp, handelsbankenNoIp, created.path, ERIK);
    // Nobody reads the payment again: the poller follows the SCA and the execution, each a
    // call the bank refuses without PSU-IP-Address.
    let status = (await keptPsu(created.paymentId)).status;
    for (let round = 0; round < 8 && status !== 'ACCC'; round++) {
      offset += round === 0 ? 11_000 : 3_600_000;
      if (round > 0) {
        await bankClockOnBusinessDay(tpp.sandboxUrl as string);
        const advanced = await tpp.admin('POST', '/clock/advance', { seconds: 31 });
        expect(advanced.status).toBe(200);
      }
      await tpp.platform.events.poller.runOnce();
      status = (await keptPsu(created.paymentId)).status;
      if (round === 0) expect(status).not.toBe('RCVD');
    }
    expect(status).toBe('ACCC');
  });
});

describe('OP: the creditor address of a SEPA payment leaving Finland', () => {
  // The poller above moved the platform's clock by hours: a fresh token.
  beforeAll(async () => {
    op = { bic: 'OKOYFIHH', token: await tpp.token('paymentinitiation private') };
  });

  const sepa = (creditor: string, extra: Record<string, unknown> = {}) => ({
    instructedAmount: { currency: 'EUR', amount: '6.00' },
    debtorAccount: { iban: annaAtOp },
    creditorName: 'Müller GmbH',
    creditorAccount: { iban: creditor },
    remittanceInformationUnstructured: 'Invoice 2026-17',
    ...extra,
  });
  const item = (creditor: string, extra: Record<string, unknown> = {}) => {
    const { debtorAccount: _debtor, ...rest } = sepa(creditor, extra);
    return rest;
  };

  it('refuses a payment to a German IBAN without creditorAddress, naming it, in every service and product', async () => {
    const before = await storedPayments(tpp);
    const atOpBefore = (await atBank(tpp, 'OKOYFIHH')).payments.length;
    const startDate = bankDate(1, await bankNow(tpp), 'Europe/Helsinki');
    const cases: Array<[string, unknown, string]> = [
      ['/payments/sepa-credit-transfers', sepa(GERMAN_IBAN), 'creditorAddress'],
      [
        '/periodic-payments/sepa-credit-transfers',
        { ...sepa(GERMAN_IBAN), startDate, frequency: 'Monthly' },
        'creditorAddress',
      ],
      [
        '/bulk-payments/sepa-credit-transfers',
        {
          debtorAccount: { iban: annaAtOp },
          payments: [item(annaAtNordeaFi), item(GERMAN_IBAN)],
        },
        'payments[1].creditorAddress',
      ],
      // OP's own instant product: its body goes to the bank as written, after this rule.
      ['/payments/instant-sepa-credit-transfers', sepa(GERMAN_IBAN), 'creditorAddress'],
    ];
    for (const [path, body, field] of cases) {
      const refused = await pis(tpp, op, 'POST', path, body);
      expect(expectRefusal(refused, 400, 'FORMAT_ERROR'), path).toBe(field);
      expect(refused.json.tppMessages[0].text).toBe(
        `${field}: is required by OP Corporate Bank plc for a payment to a creditor outside FI (the creditor's IBAN is of DE): give at least its country, e.g. {"country": "DE", "city": "..."}`,
      );
    }
    expect(await storedPayments(tpp)).toBe(before);
    expect((await atBank(tpp, 'OKOYFIHH')).payments).toHaveLength(atOpBefore);
  });

  it('takes a payment to a Finnish IBAN without it', async () => {
    await initiate(tpp, op, sepa(annaAtNordeaFi), '/payments/sepa-credit-transfers');
  });

  it('takes one to a German IBAN with it, sends the address to the bank, and books it', async () => {
    const address = {
      street: 'Taunusanlage',
      buildingNumber: '12',
      city: 'Frankfurt',
      country: 'DE',
    };
    const created = await initiate(
      tpp,
      op,
      sepa(GERMAN_IBAN, { creditorAddress: address }),
      '/payments/sepa-credit-transfers',
    );
    const sent = await tpp.store.db
      .selectFrom('payments')
      .select('bank_body')
      .where('id', '=', created.paymentId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(sent.bank_body).creditorAddress).toEqual(address);
    await authoriseRedirect(tpp, op, created.path);
    expect(await afterClearing(tpp, op, created.path)).toBe('ACSC');
    const { postings } = await atBank(tpp, 'OKOYFIHH');
    expect(postings).toContainEqual(
      expect.objectContaining({
        status: 'booked',
        amount: -600,
        currency: 'EUR',
        remittanceInformationUnstructured: 'Invoice 2026-17',
      }),
    );
  });

  it('applies to bulk items one by one: each item abroad with its address is taken', async () => {
    const created = await initiate(
      tpp,
      op,
      {
        debtorAccount: { iban: annaAtOp },
        payments: [
          item(annaAtNordeaFi),
          item(GERMAN_IBAN, { creditorAddress: { country: 'DE', city: 'Berlin' } }),
        ],
      },
      '/bulk-payments/sepa-credit-transfers',
    );
    await authoriseRedirect(tpp, op, created.path);
    expect(['ACSC', 'ACCC']).toContain(await afterClearing(tpp, op, created.path));
  });
});
