// The registry's account rules as the sandbox banks apply them. Handelsbanken numbers Swedish
// accounts by clearing number and account number (`payments.accountForms`): its sandbox takes a domestic payment's debtor as the account number
// alone and the creditor with its clearing number, refuses IBANs there as the bank would, and
// executes what it took. The sandbox's Swedish accounts carry their clearing numbers in their
// IBANs the way real ones do. Danske Bank lets the PSU pick the debtor account during SCA
// (`payments.debtorAccountOptional`).

import { beforeEach, describe, expect, it } from 'vitest';
import { ANNA, errorCode, type Sandbox, startSandbox, tppHeaders } from './helpers.js';
import {
  accountView,
  created,
  DOMESTIC,
  ERIK,
  ibansOf,
  initiate,
  signDecoupled,
  signRedirect,
  statusOf,
  transfer,
} from './payment-helpers.js';

const HANDELSBANKEN = 'HANDSESS';

describe('Handelsbanken: domestic accounts by clearing number and account number', () => {
  let sandbox: Sandbox;
  // Erik pays at Handelsbanken (Anna's current account there is overdrawn); Anna banks at SEB.
  let erik: string;
  let annaAtSeb: string;

  beforeEach(async () => {
    sandbox = await startSandbox();
    erik = (await ibansOf(sandbox, HANDELSBANKEN, ERIK))[0]?.iban as string;
    annaAtSeb = (await ibansOf(sandbox, 'ESSESESS', ANNA))[0]?.iban as string;
  });

  it("gives out IBANs that hold the bank's account number, and other banks' clearing numbers", async () => {
    // Handelsbanken: bank code 600 and the nine-digit account number; SEB: 500, clearing 5xxx.
    expect(erik).toMatch(/^SE[0-9]{2}60000000000[0-9]{9}$/);
    expect(annaAtSeb).toMatch(/^SE[0-9]{2}500[0]*5[0-9]{10}$/);
    const swedbank = (await ibansOf(sandbox, 'SWEDSESS', ERIK))[0]?.iban as string;
    expect(swedbank).toMatch(/^SE[0-9]{2}80000[8][0-9]{14}$/);
  });

  it('refuses an IBAN-only body, naming the field', async () => {
    const refused = await initiate(sandbox, HANDELSBANKEN, DOMESTIC, transfer(erik, annaAtSeb));
    expect(refused.statusCode).toBe(400);
    expect(errorCode(refused)).toBe('FORMAT_ERROR');
    expect(refused.json().tppMessages[0].text).toMatch(
      /^debtorAccount\.iban: this bank takes this account as bban/,
    );

    const creditorByIban = await initiate(sandbox, HANDELSBANKEN, DOMESTIC, {
      ...transfer(erik, annaAtSeb),
      debtorAccount: { bban: erik.slice(-9) },
    });
    expect(creditorByIban.statusCode).toBe(400);
    expect(creditorByIban.json().tppMessages[0].text).toMatch(/^creditorAccount\.iban: /);

    const noClearing = await initiate(sandbox, HANDELSBANKEN, DOMESTIC, {
      ...transfer(erik, annaAtSeb),
      debtorAccount: { bban: erik.slice(-9) },
      creditorAccount: { bban: annaAtSeb.slice(-7) },
    });
    expect(noClearing.statusCode).toBe(400);
    expect(noClearing.json().tppMessages[0].text).toMatch(
      /^creditorAccount\.clearingNumber: is required/,
    );

    const notOurs = await initiate(sandbox, HANDELSBANKEN, DOMESTIC, {
      ...transfer(erik, annaAtSeb),
      debtorAccount: { bban: '000000001' },
      creditorAccount: { bban: annaAtSeb.slice(-7), clearingNumber: annaAtSeb.slice(-11, -7) },
    });
    expect(notOurs.statusCode).toBe(400);
    expect(notOurs.json().tppMessages[0].text).toMatch(
      /^debtorAccount: not an account at this bank/,
    );
    const list = await sandbox.app.inject(`/admin/banks/${HANDELSBANKEN}/payments`);
    expect(list.json().payments).toEqual([]);
  });

  it('executes a payment in its own form and credits the payee at the other bank', async () => {
    const clearing = annaAtSeb.slice(-11, -7);
    const body = {
      ...transfer(erik, annaAtSeb, '25.00'),
      debtorAccount: { bban: erik.slice(-9) },
      creditorAccount: { bban: annaAtSeb.slice(-7), clearingNumber: clearing },
    };
    const readAnna = await accountView(sandbox, 'ESSESESS', ANNA, annaAtSeb);
    const before = await readAnna();
    const paymentId = await created(sandbox, HANDELSBANKEN, DOMESTIC, body);
    const { tokens } = await signDecoupled(sandbox, HANDELSBANKEN, DOMESTIC, paymentId, ERIK);
    expect(tokens.statusCode, tokens.body).toBe(200);
    sandbox.clock.advance(31_000);
    const status = await statusOf(sandbox, HANDELSBANKEN, DOMESTIC, paymentId);
    expect(status.transactionStatus, JSON.stringify(status)).toBe('ACCC');
    const list = await sandbox.app.inject(`/admin/banks/${HANDELSBANKEN}/payments`);
    const [payment] = list.json().payments;
    expect(payment).toMatchObject({ debtorIban: erik, initiation: body });
    // ACCC: the payee's account at SEB, named by clearing number and account number, is credited.
    const after = await readAnna();
    expect(after.closingBooked).toBeCloseTo(before.closingBooked + 25, 2);
  });

  it('other banks keep taking IBANs', async () => {
    const erikAtSeb = (await ibansOf(sandbox, 'ESSESESS', ERIK))[0]?.iban as string;
    await created(sandbox, 'ESSESESS', DOMESTIC, transfer(erikAtSeb, annaAtSeb, '1.00'));
  });
});

describe('Danske Bank: the PSU picks the debtor account during SCA', () => {
  const DANSKE = 'DABASESX';
  let sandbox: Sandbox;

  beforeEach(async () => {
    sandbox = await startSandbox();
  });

  it('takes a body without debtorAccount, pays from the signing PSU’s account and tells it on GET', async () => {
    const erik = (await ibansOf(sandbox, DANSKE, ERIK))[0]?.iban as string;
    const annaAtSeb = (await ibansOf(sandbox, 'ESSESESS', ANNA))[0]?.iban as string;
    const { debtorAccount: _left, ...body } = transfer('unused', annaAtSeb, '7.00');
    const paymentId = await created(sandbox, DANSKE, DOMESTIC, body);
    const { page, back } = await signRedirect(sandbox, DANSKE, paymentId, ERIK);
    expect(page).toContain('Sign this payment from your account in SEK');
    const code = back.searchParams.get('code');
    expect(code, back.toString()).toBeTruthy();
    const status = await statusOf(sandbox, DANSKE, DOMESTIC, paymentId);
    expect(['ACSP', 'ACSC', 'ACCC']).toContain(status.transactionStatus);
    const read = await sandbox.app.inject({
      url: `/banks/${DANSKE}/v1/payments/${DOMESTIC}/${paymentId}`,
      headers: tppHeaders(),
    });
    expect(read.json().debtorAccount).toEqual({ iban: erik });
  });

  it('still needs the debtor at a bank that does not let the PSU pick it', async () => {
    const annaAtSeb = (await ibansOf(sandbox, 'ESSESESS', ANNA))[0]?.iban as string;
    const { debtorAccount: _left, ...body } = transfer('unused', annaAtSeb, '7.00');
    const refused = await initiate(sandbox, 'ESSESESS', DOMESTIC, body);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().tppMessages[0].text).toMatch(/^debtorAccount: /);
  });
});

describe("Swedbank: the registry's remittance length per product", () => {
  it('takes 35 characters for domestic and 140 for international, as the registry says', async () => {
    const sandbox = await startSandbox();
    const erik = (await ibansOf(sandbox, 'SWEDSESS', ERIK))[0]?.iban as string;
    const annaAtSeb = (await ibansOf(sandbox, 'ESSESESS', ANNA))[0]?.iban as string;
    const message = (length: number) => ({ remittanceInformationUnstructured: 'x'.repeat(length) });
    const headers = { 'psu-user-agent': 'Mozilla/5.0 (test)' };
    const annaAtSwedbank = (await ibansOf(sandbox, 'SWEDSESS', ANNA))[0]?.iban as string;
    const send = (product: string, length: number, to = annaAtSwedbank) =>
      initiate(sandbox, 'SWEDSESS', product, transfer(erik, to, '1.00', message(length)), {
        headers,
      });
    expect((await send(DOMESTIC, 35)).statusCode).toBe(201);
    const long = await send(DOMESTIC, 36);
    expect(long.statusCode).toBe(400);
    expect(long.json().tppMessages[0].text).toMatch(
      /^remittanceInformationUnstructured: must be at most 35 characters/,
    );
    expect((await send('international', 140, annaAtSeb)).statusCode).toBe(201);
  });

  it('takes 10 characters for domestic to an account at another bank', async () => {
    const sandbox = await startSandbox();
    const erik = (await ibansOf(sandbox, 'SWEDSESS', ERIK))[0]?.iban as string;
    const annaAtSeb = (await ibansOf(sandbox, 'ESSESESS', ANNA))[0]?.iban as string;
    const send = (length: number) =>
      initiate(
        sandbox,
        'SWEDSESS',
        DOMESTIC,
        transfer(erik, annaAtSeb, '1.00', {
          remittanceInformationUnstructured: 'x'.repeat(length),
        }),
        { headers: { 'psu-user-agent': 'Mozilla/5.0 (test)' } },
      );
    expect((await send(10)).statusCode).toBe(201);
    const long = await send(11);
    expect(long.statusCode).toBe(400);
    expect(long.json().tppMessages[0].text).toMatch(
      /^remittanceInformationUnstructured: must be at most 10 characters/,
    );
  });
});
