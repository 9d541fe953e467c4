/**
 * A per-bank payment rule of the registry that Bankbridge absorbs, through Bankbridge against
 * the sandbox banks over HTTP; every answer is checked against the contract.
 *
 * Handelsbanken insists on PSU-IP-Address on a payment's status and authorisation calls, not
 * only when it is created (`payments.requiredPsuHeaders`), and its sandbox refuses them without
 * it as the bank does. A TPP that leaves the header out of its later calls, and the status
 * poller, which has no PSU at all, still reach the bank: Bankbridge sends the address the
 * payment was created with.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNA } from '../support/ais-consent.js';
import {
  accountsOf,
  afterClearing,
  authoriseDecoupled,
  bankClockOnBusinessDay,
  bankIdOf,
  bankPayment,
  ERIK,
  initiate,
  type PaymentCaller,
  paymentBody,
  pis,
} from '../support/payments.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

/** A blank header is no header: how a TPP's call leaves PSU-IP-Address out. */
const NO_PSU_IP = { 'psu-ip-address': '' };

let tpp: TestPlatform;
let offset = 0;
let token: string;
let handelsbanken: PaymentCaller;
/** The same TPP's later calls, without PSU-IP-Address. */
let handelsbankenNoIp: PaymentCaller;
let erikAtHandelsbanken: string;
let annaAtSeb: string;

beforeAll(async () => {
  tpp = await startTestPlatform({ sandbox: true, now: () => new Date(Date.now() + offset) });
  await bankClockOnBusinessDay(tpp.sandboxUrl as string);
  token = await tpp.token('paymentinitiation private');
  handelsbanken = { bic: 'HANDSESS', token };
  handelsbankenNoIp = { bic: 'HANDSESS', token, headers: NO_PSU_IP };
  erikAtHandelsbanken = (await accountsOf(tpp, 'HANDSESS', ERIK))[0]?.iban as string;
  annaAtSeb = (await accountsOf(tpp, 'ESSESESS', ANNA))[0]?.iban as string;
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
