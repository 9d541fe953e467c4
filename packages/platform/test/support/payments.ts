/**
 * A TPP's payment calls over HTTP, as the vendor's flow makes them: POST the payment, start an
 * authorisation with no body, choose the method, and for BankID approve in the sandbox's
 * simulator; for redirect, follow the scaOAuth link as the PSU and redeem the code with
 * X-PaymentId and X-PaymentAuthorisationId. Every answer is checked against the contract.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { shiftToBusinessDay } from '../../../sandbox/src/domain/business-days.js';
import { Browser } from '../auth/redirect-sca-browser.js';
import { psuApprovesAtBank } from '../guide/psu-browser.js';
import { ANNA } from './ais-consent.js';
import { expectContract } from './contract.js';
import { TEST_AUTH_URL, type TestPlatform } from './test-platform.js';

export const PIS = '/psd2/paymentinitiation/v1';
export const REDIRECT_URI = 'https://tpp.example/callback';
export const ERIK = '199005152385';

export interface PaymentCaller {
  bic: string;
  token: string;
  headers?: Record<string, string>;
}

export interface Answer {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
  // biome-ignore lint/suspicious/noExplicitAny: test answers are read field by field
  json: any;
}

/** One call to the payment API as `caller`; the answer is checked against the contract. */
export async function pis(
  tpp: TestPlatform,
  caller: PaymentCaller,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await tpp.api.inject({
    method,
    url: url.startsWith('/psd2') ? url : `${PIS}${url}`,
    headers: {
      accept: 'application/json',
      authorization: `Bearer ${caller.token}`,
      'content-type': 'application/json',
      'x-request-id': randomUUID(),
      'x-bicfi': caller.bic,
      'psu-ip-address': '192.0.2.10',
      'psu-user-agent': 'Mozilla/5.0 (test)',
      ...caller.headers,
      ...headers,
    },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
  expectContract(response);
  return {
    statusCode: response.statusCode,
    headers: response.headers,
    body: response.body,
    json: response.body ? response.json() : undefined,
  };
}

/** The sandbox accounts of a PSU at a bank (IBAN first). */
export async function accountsOf(tpp: TestPlatform, bic: string, psuId: string) {
  const response = await tpp.admin('GET', `/banks/${bic}/psus`);
  const psus = (
    (await response.json()) as {
      psus: Array<{ psuId: string; accounts: Array<{ iban: string; currency: string }> }>;
    }
  ).psus;
  const psu = psus.find((p) => p.psuId === psuId);
  if (!psu) throw new Error(`no PSU ${psuId} at ${bic}`);
  return psu.accounts;
}

/** The vendor's body (PAYMENTS.md 1.1) between two accounts. */
export function paymentBody(
  debtorIban: string,
  creditorIban: string,
  amount = '142.66',
  extra: Record<string, unknown> = {},
) {
  return {
    instructedAmount: { currency: 'SEK', amount },
    debtorAccount: { iban: debtorIban, currency: 'SEK' },
    creditorName: 'Enterprise Inc',
    creditorAccount: { iban: creditorIban, currency: 'SEK' },
    remittanceInformationUnstructured: 'Inv. 4711',
    ...extra,
  };
}

/** POST the payment; 201 expected. */
export async function initiate(
  tpp: TestPlatform,
  caller: PaymentCaller,
  body: unknown,
  path = '/payments/domestic',
  headers: Record<string, string> = {},
): Promise<{ paymentId: string; path: string; answer: Answer }> {
  const answer = await pis(tpp, caller, 'POST', path, body, headers);
  expect(answer.statusCode, answer.body).toBe(201);
  const paymentId = answer.json.paymentId as string;
  return { paymentId, path: `${path}/${paymentId}`, answer };
}

/** Decoupled: start, choose `mbid`, approve in the BankID simulator as `psuId`. */
export async function authoriseDecoupled(
  tpp: TestPlatform,
  caller: PaymentCaller,
  paymentPath: string,
  psuId = ANNA,
  segment = 'authorisations',
): Promise<string> {
  const started = await pis(tpp, caller, 'POST', `${paymentPath}/${segment}`);
  expect(started.statusCode, started.body).toBe(201);
  const authorisationId = started.json.authorisationId as string;
  const put = await pis(tpp, caller, 'PUT', `${paymentPath}/${segment}/${authorisationId}`, {
    authenticationMethodId: 'mbid',
  });
  expect(put.statusCode, put.body).toBe(200);
  const approve = await fetch(
    `${tpp.sandboxUrl}/bankid/api/orders/${put.json.challengeData.data[0]}`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'approve', psuId }),
    },
  );
  expect(approve.status, await approve.text()).toBe(200);
  return authorisationId;
}

/** Redirect, up to the code the TPP is sent back with (not yet redeemed). */
export async function redirectCode(
  tpp: TestPlatform,
  caller: PaymentCaller,
  paymentPath: string,
  psuId = ANNA,
  segment = 'authorisations',
) {
  const started = await pis(tpp, caller, 'POST', `${paymentPath}/${segment}`);
  expect(started.statusCode, started.body).toBe(201);
  const authorisationId = started.json.authorisationId as string;
  const put = await pis(tpp, caller, 'PUT', `${paymentPath}/${segment}/${authorisationId}`, {
    authenticationMethodId: started.json.scaMethods[0].authenticationMethodId,
  });
  expect(put.statusCode, put.body).toBe(200);
  const state = randomUUID();
  const link = (put.json._links.scaOAuth.href as string)
    .replace('[CLIENT_ID]', tpp.client.id)
    .replace('[TPP_REDIRECT_URI]', REDIRECT_URI)
    .replace('[TPP_STATE]', state);
  const back = await psuApprovesAtBank(
    new Browser(tpp.auth, TEST_AUTH_URL),
    link,
    REDIRECT_URI,
    psuId,
  );
  expect(back.state).toBe(state);
  return { authorisationId, code: back.code as string, link };
}

/** The code exchange that finishes a payment's redirect SCA (vendor step 5a). */
export function redeemPaymentCode(
  tpp: TestPlatform,
  input: { paymentId: string; authorisationId: string; code: string; cancellation?: boolean },
) {
  return tpp.auth.inject({
    method: 'POST',
    url: '/connect/token',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-paymentid': input.paymentId,
      [input.cancellation ? 'x-paymentcancellationid' : 'x-paymentauthorisationid']:
        input.authorisationId,
    },
    payload: new URLSearchParams({
      client_id: tpp.client.id,
      client_secret: tpp.client.secret,
      code: input.code,
      redirect_uri: REDIRECT_URI,
      scope: 'paymentinitiation',
      grant_type: 'authorization_code',
    }).toString(),
  });
}

/** Redirect SCA to the end: the PSU signs at the bank and the TPP redeems the code. */
export async function authoriseRedirect(
  tpp: TestPlatform,
  caller: PaymentCaller,
  paymentPath: string,
  psuId = ANNA,
  segment = 'authorisations',
): Promise<string> {
  const { authorisationId, code } = await redirectCode(tpp, caller, paymentPath, psuId, segment);
  const redeemed = await redeemPaymentCode(tpp, {
    paymentId: paymentPath.split('/').pop() as string,
    authorisationId,
    code,
    cancellation: segment === 'cancellation-authorisations',
  });
  expect(redeemed.statusCode, redeemed.body).toBe(200);
  return authorisationId;
}

/** The payment's `transactionStatus` as the TPP reads it. */
export async function statusOf(
  tpp: TestPlatform,
  caller: PaymentCaller,
  paymentPath: string,
): Promise<string> {
  const answer = await pis(tpp, caller, 'GET', `${paymentPath}/status`);
  expect(answer.statusCode, answer.body).toBe(200);
  return answer.json.transactionStatus as string;
}

/** The refusal's single tppMessage code, after checking the HTTP status. */
export function expectRefusal(answer: Answer, status: number, code: string): string {
  expect(answer.statusCode, answer.body).toBe(status);
  expect(answer.json.tppMessages, answer.body).toHaveLength(1);
  expect(answer.json.tppMessages[0].code, answer.body).toBe(code);
  return (answer.json.tppMessages[0].path ?? answer.json.tppMessages[0].text) as string;
}

export interface BankPaymentView {
  paymentId: string;
  transactionStatus: string;
  debtorIban: string;
  occurrencesDone: number;
  items: Array<{ amount: string; currency: string; creditorName: string; rejected?: string }>;
}

/** A posting of the sandbox's ledger overlay (amounts in minor units, debits negative). */
export interface BankPosting {
  transactionId: string;
  status: 'booked' | 'pending';
  amount: number;
  currency: string;
  creditorName?: string;
  debtorName?: string;
  remittanceInformationUnstructured: string;
  endToEndId?: string;
  bookingDate?: string;
}

/** What the sandbox bank holds: its payments and the postings they made. */
export async function atBank(
  tpp: TestPlatform,
  bic: string,
): Promise<{ payments: BankPaymentView[]; postings: BankPosting[] }> {
  const response = await tpp.admin('GET', `/banks/${bic}/payments`);
  expect(response.status).toBe(200);
  return (await response.json()) as { payments: BankPaymentView[]; postings: BankPosting[] };
}

/** The bank's own view of one payment (by its id at the bank). */
export async function bankPayment(tpp: TestPlatform, bic: string, bankPaymentId: string) {
  const found = (await atBank(tpp, bic)).payments.find((p) => p.paymentId === bankPaymentId);
  expect(found, `payment ${bankPaymentId} at ${bic}`).toBeDefined();
  return found as BankPaymentView;
}

/** The id the bank gave a Bankbridge payment. */
export async function bankIdOf(tpp: TestPlatform, paymentId: string): Promise<string> {
  const row = await tpp.store.db
    .selectFrom('payments')
    .select('bank_payment_id')
    .where('id', '=', paymentId)
    .executeTakeFirstOrThrow();
  return row.bank_payment_id;
}

/** Moves the sandbox banks' clock forward and runs what became due. */
/**
 * Moves the sandbox banks' clock to the next business day, at the same time of day, when
 * their today is a weekend or a bank holiday: clearing runs on business days only, so a test
 * that follows a payment to its booking would otherwise wait until Monday on a Saturday.
 */
export async function bankClockOnBusinessDay(sandboxUrl: string): Promise<void> {
  const answer = await fetch(`${sandboxUrl}/admin/payments/run-due`, { method: 'POST' });
  expect(answer.status).toBe(200);
  const today = ((await answer.json()) as { now: string }).now.slice(0, 10);
  const days = (Date.parse(shiftToBusinessDay(today, 'SE')) - Date.parse(today)) / 86_400_000;
  if (days === 0) return;
  const advanced = await fetch(`${sandboxUrl}/admin/clock/advance`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ seconds: days * 86_400 }),
  });
  expect(advanced.status, await advanced.clone().text()).toBe(200);
}

export async function advanceBankClock(tpp: TestPlatform, seconds: number): Promise<void> {
  const response = await tpp.admin('POST', '/clock/advance', { seconds });
  expect(response.status, await response.clone().text()).toBe(200);
}

/**
 * Moves the banks' clock past the clearing delay and, when that ends on a weekend or bank
 * holiday, on a day at a time to the business day the bank books on. The status then read.
 */
export async function afterClearing(
  tpp: TestPlatform,
  caller: PaymentCaller,
  paymentPath: string,
  pendingStatuses: readonly string[] = ['ACSP'],
): Promise<string> {
  await advanceBankClock(tpp, 31);
  let status = await statusOf(tpp, caller, paymentPath);
  for (let day = 0; day < 7 && pendingStatuses.includes(status); day++) {
    await advanceBankClock(tpp, 86_400);
    status = await statusOf(tpp, caller, paymentPath);
  }
  return status;
}

/** How many payments Bankbridge stores, for "nothing was created". */
export async function storedPayments(tpp: TestPlatform): Promise<number> {
  const row = await tpp.store.db
    .selectFrom('payments')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The status history Bankbridge kept of a payment, oldest first. */
export async function paymentEvents(tpp: TestPlatform, paymentId: string) {
  return tpp.store.db
    .selectFrom('payment_events')
    .select(['from_status', 'to_status', 'reason', 'source', 'request_id'])
    .where('payment_id', '=', paymentId)
    .orderBy('at')
    .execute();
}

/** The sandbox banks' clock now (moved on by `advanceBankClock`). */
export async function bankNow(tpp: TestPlatform): Promise<Date> {
  const response = await tpp.admin('POST', '/payments/run-due');
  expect(response.status).toBe(200);
  return new Date(((await response.json()) as { now: string }).now);
}

/** A date `days` from `now` at a bank in `timeZone`, YYYY-MM-DD. */
export function bankDate(days: number, now = new Date(), timeZone = 'Europe/Stockholm'): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone }).format(
    new Date(now.getTime() + days * 86_400_000),
  );
}
