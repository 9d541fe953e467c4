/**
 * Cancelling payments through Bankbridge at the sandbox banks over HTTP: a DELETE alone before
 * the PSU signed (204, CANC); after, a cancellation the PSU signs too (202, then its redirect
 * SCA with `paymentCancellationId:` and the code exchange with X-PaymentCancellationId), after
 * which the bank never books it; and the refusals (executed, instant, rejected: 405
 * CANCELLATION_INVALID; a bank without cancellation: 405 SERVICE_INVALID), each leaving the
 * payment as it was.
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
  expectRefusal,
  initiate,
  type PaymentCaller,
  paymentBody,
  paymentEvents,
  pis,
  redeemPaymentCode,
  redirectCode,
  statusOf,
} from '../support/payments.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

const OUTSIDE_DE = 'DE89370400440532013000';
const OUTSIDE_SE = 'SE4550000000058398257466';
const LOW_BALANCE = '198411110037';
const CANCELLING_BANKS = [
  ['NDEAFIHH', 'Europe/Helsinki'],
  ['DEUTDEFF', 'Europe/Berlin'],
] as const;

let tpp: TestPlatform;
let token: string;
const debtors = new Map<string, string>();

beforeAll(async () => {
  tpp = await startTestPlatform({ sandbox: true });
  token = await tpp.token('paymentinitiation private');
  for (const [bic] of CANCELLING_BANKS) {
    const [account] = await accountsOf(tpp, bic, ANNA);
    debtors.set(bic, account?.iban as string);
  }
});

afterAll(async () => {
  await tpp?.close();
});

const caller = (bic: string): PaymentCaller => ({ bic, token });

/** A SEPA payment of Anna's at `bic`, due in a week when `dated`. */
async function sepa(bic: string, amount: string, extra: Record<string, unknown> = {}) {
  const debtor = debtors.get(bic) as string;
  return initiate(
    tpp,
    caller(bic),
    {
      instructedAmount: { currency: 'EUR', amount },
      debtorAccount: { iban: debtor },
      creditorName: 'Stadtwerke',
      creditorAccount: { iban: OUTSIDE_DE },
      remittanceInformationUnstructured: `Cancel test ${amount}`,
      ...extra,
    },
    '/payments/sepa-credit-transfers',
  );
}

const inAWeek = (timeZone: string) => ({
  requestedExecutionDate: bankDate(7, new Date(), timeZone),
});

describe.each(CANCELLING_BANKS)('at %s (redirect, cancellation offered)', (bic, timeZone) => {
  it('before SCA: DELETE alone cancels (204, CANC), at the bank too', async () => {
    const created = await sepa(bic, '2.00');
    const deleted = await pis(tpp, caller(bic), 'DELETE', created.path);
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect(deleted.body).toBe('');
    expect(await statusOf(tpp, caller(bic), created.path)).toBe('CANC');
    const bank = await bankPayment(tpp, bic, await bankIdOf(tpp, created.paymentId));
    expect(bank.transactionStatus).toBe('CANC');
    const events = await paymentEvents(tpp, created.paymentId);
    expect(events.map((e) => [e.to_status, e.source])).toEqual([
      ['RCVD', 'tpp'],
      ['CANC', 'tpp'],
    ]);
    // Cancelled is final: no authorisation, no second cancellation.
    expectRefusal(
      await pis(tpp, caller(bic), 'POST', `${created.path}/authorisations`),
      409,
      'STATUS_INVALID',
    );
    expectRefusal(await pis(tpp, caller(bic), 'DELETE', created.path), 405, 'CANCELLATION_INVALID');
  });

  it('after SCA: 202 and a cancellation the PSU signs by redirect; CANC, and never booked', async () => {
    const created = await sepa(bic, '3.00', inAWeek(timeZone));
    await authoriseRedirect(tpp, caller(bic), created.path);
    expect(await statusOf(tpp, caller(bic), created.path)).toBe('ACSP');

    const deleted = await pis(tpp, caller(bic), 'DELETE', created.path);
    expect(deleted.statusCode, deleted.body).toBe(202);
    expect(deleted.json).toEqual({
      transactionStatus: 'ACSP',
      _links: {
        startAuthorisation: {
          href: `/psd2/paymentinitiation/v1${created.path}/cancellation-authorisations`,
        },
      },
    });
    // Asked again before the PSU signed: the same answer, nothing new at the bank.
    expect((await pis(tpp, caller(bic), 'DELETE', created.path)).statusCode).toBe(202);
    expect(await statusOf(tpp, caller(bic), created.path)).toBe('ACSP');

    const { authorisationId, code, link } = await redirectCode(
      tpp,
      caller(bic),
      created.path,
      ANNA,
      'cancellation-authorisations',
    );
    expect(link).toContain(
      `acr_values=idp:${bic}%20paymentId:${created.paymentId}%20paymentCancellationId:${authorisationId}`,
    );
    const redeemed = await redeemPaymentCode(tpp, {
      paymentId: created.paymentId,
      authorisationId,
      code,
      cancellation: true,
    });
    expect(redeemed.statusCode, redeemed.body).toBe(200);

    expect(await statusOf(tpp, caller(bic), created.path)).toBe('CANC');
    const sca = await pis(
      tpp,
      caller(bic),
      'GET',
      `${created.path}/cancellation-authorisations/${authorisationId}`,
    );
    expect(sca.json).toEqual({ scaStatus: 'finalised' });
    const ids = await pis(tpp, caller(bic), 'GET', `${created.path}/cancellation-authorisations`);
    expect(ids.json).toEqual({ cancellationIds: [authorisationId] });
    // The payment's own authorisation is listed apart.
    const own = await pis(tpp, caller(bic), 'GET', `${created.path}/authorisations`);
    expect(own.json.authorisationIds).toHaveLength(1);
    expect(own.json.authorisationIds).not.toContain(authorisationId);

    const bankId = await bankIdOf(tpp, created.paymentId);
    expect((await bankPayment(tpp, bic, bankId)).transactionStatus).toBe('CANC');
    const events = await paymentEvents(tpp, created.paymentId);
    expect(events.map((e) => e.to_status)).toEqual(['RCVD', 'ACSP', 'CANC']);
  });

  it('a cancellation authorisation needs a DELETE first: 409 STATUS_INVALID', async () => {
    const created = await sepa(bic, '4.00', inAWeek(timeZone));
    await authoriseRedirect(tpp, caller(bic), created.path);
    expectRefusal(
      await pis(tpp, caller(bic), 'POST', `${created.path}/cancellation-authorisations`),
      409,
      'STATUS_INVALID',
    );
    const ids = await pis(tpp, caller(bic), 'GET', `${created.path}/cancellation-authorisations`);
    expect(ids.json).toEqual({ cancellationIds: [] });
    expect(await statusOf(tpp, caller(bic), created.path)).toBe('ACSP');
  });
});

describe('refused cancellations leave the payment as it was', () => {
  async function refusedDelete(call: PaymentCaller, path: string, code: string) {
    const before = await statusOf(tpp, call, path);
    expectRefusal(await pis(tpp, call, 'DELETE', path), 405, code);
    expect(await statusOf(tpp, call, path)).toBe(before);
    return before;
  }

  it('executed (an instant payment): 405 CANCELLATION_INVALID', async () => {
    const created = await initiate(
      tpp,
      caller('NDEAFIHH'),
      {
        instructedAmount: { currency: 'EUR', amount: '1.00' },
        debtorAccount: { iban: debtors.get('NDEAFIHH') },
        creditorName: 'Kiosk',
        creditorAccount: { iban: OUTSIDE_DE },
      },
      '/payments/instant-sepa-credit-transfers',
    );
    await authoriseRedirect(tpp, caller('NDEAFIHH'), created.path);
    expect(await refusedDelete(caller('NDEAFIHH'), created.path, 'CANCELLATION_INVALID')).toBe(
      'ACSC',
    );
  });

  it('in clearing, due today: 405 CANCELLATION_INVALID', async () => {
    const created = await sepa('DEUTDEFF', '5.00');
    await authoriseRedirect(tpp, caller('DEUTDEFF'), created.path);
    expect(await refusedDelete(caller('DEUTDEFF'), created.path, 'CANCELLATION_INVALID')).toBe(
      'ACSP',
    );
  });

  it('rejected (short of funds): 405 CANCELLATION_INVALID', async () => {
    const [lisa] = await accountsOf(tpp, 'NDEAFIHH', LOW_BALANCE);
    const created = await initiate(
      tpp,
      caller('NDEAFIHH'),
      {
        instructedAmount: { currency: 'EUR', amount: '900.00' },
        debtorAccount: { iban: lisa?.iban },
        creditorName: 'Autohaus',
        creditorAccount: { iban: OUTSIDE_DE },
      },
      '/payments/sepa-credit-transfers',
    );
    await authoriseRedirect(tpp, caller('NDEAFIHH'), created.path, LOW_BALANCE);
    expect(await refusedDelete(caller('NDEAFIHH'), created.path, 'CANCELLATION_INVALID')).toBe(
      'RJCT',
    );
  });

  it('a bank without cancellation: 405 SERVICE_INVALID, before and after SCA', async () => {
    const swedbank: PaymentCaller = {
      bic: 'SWEDSESS',
      token,
      headers: { 'tpp-redirect-preferred': 'false' },
    };
    const [anna] = await accountsOf(tpp, 'SWEDSESS', ANNA);
    const created = await initiate(
      tpp,
      swedbank,
      paymentBody(anna?.iban as string, OUTSIDE_SE, '6.00', {
        requestedExecutionDate: bankDate(7),
      }),
    );
    expect(await refusedDelete(swedbank, created.path, 'SERVICE_INVALID')).toBe('RCVD');
    await authoriseDecoupled(tpp, swedbank, created.path);
    expect(await refusedDelete(swedbank, created.path, 'SERVICE_INVALID')).toBe('ACSP');
  });
});

describe('a cancelled future-dated payment on its date', () => {
  it('is not booked when the bank reaches its execution date', async () => {
    const bic = 'NDEAFIHH';
    const created = await sepa(bic, '8.00', inAWeek('Europe/Helsinki'));
    await authoriseRedirect(tpp, caller(bic), created.path);
    expect((await pis(tpp, caller(bic), 'DELETE', created.path)).statusCode).toBe(202);
    await authoriseRedirect(tpp, caller(bic), created.path, ANNA, 'cancellation-authorisations');
    expect(await statusOf(tpp, caller(bic), created.path)).toBe('CANC');

    await advanceBankClock(tpp, 10 * 86_400);
    expect(await statusOf(tpp, caller(bic), created.path)).toBe('CANC');
    const { postings } = await atBank(tpp, bic);
    expect(
      postings.filter((p) => p.remittanceInformationUnstructured === 'Cancel test 8.00'),
    ).toEqual([]);
  });
});
