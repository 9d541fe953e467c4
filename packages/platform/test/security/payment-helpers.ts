/**
 * What the payment attack suite and the payment fuzzer share: paying TPPs, requests to
 * `/psd2/paymentinitiation/v1` that keep what they did in view, and the three places a refused
 * request must leave alone besides its answer:
 * - the platform's stored state: payments, their status history, authorisations and their
 *   events, with the tables of `storedState` (clients, tokens, consents, counters);
 * - the bank calls it caused (the sandbox logs every request under Bankbridge's X-Request-ID);
 * - the sandbox bank's own books: its payments and the postings they made.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { PaymentsRepository } from '../../src/store/payments.js';
import { Browser, type Page } from '../auth/redirect-sca-browser.js';
import { ANNA } from '../support/ais-consent.js';
import {
  accountsOf,
  ERIK,
  type PaymentCaller,
  PIS,
  paymentBody,
  pis,
  REDIRECT_URI,
} from '../support/payments.js';
import { TEST_AUTH_URL, type TestPlatform } from '../support/test-platform.js';
import { bankCallsOf, PSU, storedState, TPP_REDIRECT } from './helpers.js';

export { PIS };

/** A TPP that initiates payments: its client and a `paymentinitiation private` token. */
export interface PayingTpp {
  id: string;
  secret: string;
  token: string;
}

export async function payingTpp(
  t: TestPlatform,
  options: { own?: boolean; name?: string; scope?: string } = {},
): Promise<PayingTpp> {
  const scope = options.scope ?? 'paymentinitiation private';
  if (options.own) return { ...t.client, token: await t.token(scope) };
  const { client, secret } = await t.platform.clients.create({
    name: options.name ?? 'Other paying TPP',
    redirectUris: [TPP_REDIRECT],
  });
  return { id: client.id, secret, token: await t.tokenFor({ id: client.id, secret }, scope) };
}

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
export type Injected = Awaited<ReturnType<TestPlatform['api']['inject']>>;

/** A payment request as the integration guide sends it, under its own X-Request-ID. */
export async function payRequest(
  t: TestPlatform,
  method: Method,
  url: string,
  options: { token: string; bic: string; body?: unknown; headers?: Record<string, string> },
): Promise<{ response: Injected; bankCalls: string[]; requestId: string }> {
  const requestId = options.headers?.['x-request-id'] ?? randomUUID();
  const response = await t.api.inject({
    method,
    url: url.startsWith('/psd2') ? url : `${PIS}${url}`,
    headers: {
      accept: 'application/json',
      authorization: `Bearer ${options.token}`,
      'content-type': 'application/json',
      'x-bicfi': options.bic,
      ...PSU,
      ...options.headers,
      'x-request-id': requestId,
    },
    ...(options.body === undefined
      ? {}
      : {
          payload: typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
        }),
  });
  return { response, bankCalls: bankCallsOf(t, requestId), requestId };
}

export function tppMessages(code: string, text: string) {
  return { tppMessages: [{ category: 'ERROR', code, text }] };
}

/** The answer is exactly this one error, in JSON. */
export function expectProblem(response: Injected, status: number, code: string, text?: string) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  const body = response.json();
  expect(body.tppMessages, response.body).toHaveLength(1);
  expect(body.tppMessages[0], response.body).toMatchObject({ category: 'ERROR', code });
  if (text !== undefined) expect(body.tppMessages[0].text, response.body).toBe(text);
}

/** `storedState` with every row of the payment tables. */
export async function paymentState(t: TestPlatform): Promise<Record<string, string[]>> {
  const state = await storedState(t);
  for (const table of ['payments', 'payment_events'] as const) {
    const rows = await t.store.db.selectFrom(table).selectAll().execute();
    state[table] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return state;
}

export interface BankBooks {
  payments: Array<{
    paymentId: string;
    transactionStatus: string;
    debtorIban: string;
    occurrencesDone: number;
    items: Array<{ amount: string; currency: string; creditorName: string }>;
  }>;
  postings: Array<Record<string, unknown>>;
}

/** What the sandbox bank holds: its payments and the postings they made. */
export async function bankBooks(t: TestPlatform, bic: string): Promise<BankBooks> {
  const response = await t.admin('GET', `/banks/${bic}/payments`);
  expect(response.status).toBe(200);
  return (await response.json()) as BankBooks;
}

/** The postings a payment made at its bank (debit, and a credit when both sides are there). */
export function postingsOf(books: BankBooks, bankPaymentId: string) {
  return books.postings.filter((posting) => JSON.stringify(posting).includes(bankPaymentId));
}

/** The bank's id of a Bankbridge payment. */
export async function bankPaymentIdOf(t: TestPlatform, paymentId: string): Promise<string> {
  const row = await t.store.db
    .selectFrom('payments')
    .select('bank_payment_id')
    .where('id', '=', paymentId)
    .executeTakeFirstOrThrow();
  return row.bank_payment_id;
}

/** A payment's status and history as stored. */
export async function storedPayment(t: TestPlatform, paymentId: string) {
  const row = await t.store.db
    .selectFrom('payments')
    .selectAll()
    .where('id', '=', paymentId)
    .executeTakeFirstOrThrow();
  const events = await new PaymentsRepository(t.store.db).events(paymentId);
  return { status: row.status, version: row.version, events: events.map((e) => e.toStatus) };
}

/** Anna's first account and Erik's at a bank: a payer and a payee. */
export async function payerAndPayee(t: TestPlatform, bic: string, payer = ANNA, payee = ERIK) {
  const [from] = await accountsOf(t, bic, payer);
  const [to] = await accountsOf(t, bic, payee);
  if (!from || !to) throw new Error(`no accounts for ${payer} and ${payee} at ${bic}`);
  return { from, to };
}

/** The vendor's body between the payer and payee, in the account's currency. */
export function bodyBetween(
  accounts: { from: { iban: string; currency: string }; to: { iban: string; currency: string } },
  amount = '12.50',
  extra: Record<string, unknown> = {},
) {
  const currency = accounts.from.currency;
  return {
    ...paymentBody(accounts.from.iban, accounts.to.iban, amount, extra),
    instructedAmount: { currency, amount },
    debtorAccount: { iban: accounts.from.iban, currency },
    creditorAccount: { iban: accounts.to.iban, currency },
  };
}

/** A payment's redirect SCA with the PSU logged in at the bank, on the page where it signs. */
export interface AtBankDecision {
  authorisationId: string;
  /** The page the PSU signs on, as the bank shows it. */
  page: Page;
  url: URL;
  /** The PSU's answer at the bank: the bank's redirect, not yet followed. */
  decide(answer?: 'approve' | 'deny'): Promise<Page>;
  /** From the bank's redirect through Bankbridge to the TPP: the query the TPP is called with. */
  back(redirect: Page): Promise<Record<string, string>>;
}

/**
 * Starts a redirect authorisation of the payment at `paymentPath`, follows its scaOAuth link as
 * the PSU's browser and logs in at the bank as `psuId`; `edit` may change the bank's authorize
 * URL first (an attacker's parameters).
 */
export async function atBankDecision(
  t: TestPlatform,
  caller: PaymentCaller & { clientId: string },
  paymentPath: string,
  psuId: string,
  edit: (url: URL) => void = () => {},
): Promise<AtBankDecision> {
  const started = await pis(t, caller, 'POST', `${paymentPath}/authorisations`);
  expect(started.statusCode, started.body).toBe(201);
  const authorisationId = started.json.authorisationId as string;
  const put = await pis(t, caller, 'PUT', `${paymentPath}/authorisations/${authorisationId}`, {
    authenticationMethodId: 'redirect',
  });
  expect(put.statusCode, put.body).toBe(200);
  const link = (put.json._links.scaOAuth.href as string)
    .replace('[CLIENT_ID]', caller.clientId)
    .replace('[TPP_REDIRECT_URI]', REDIRECT_URI)
    .replace('[TPP_STATE]', 'tpp-state');
  const browser = new Browser(t.auth, TEST_AUTH_URL);
  const { page: login } = await browser.follow(link, REDIRECT_URI);
  expect(login.url, login.body).toMatch(/\/oauth2\/authorize\?/);
  const url = new URL(login.url);
  edit(url);
  const shown = await browser.open(url.href);
  expect(shown.status, shown.body).toBe(200);
  const session = /name="session" value="([^"]+)"/.exec(shown.body)?.[1] as string;
  const step = (name: string) => new URL(name, `${url.origin}${url.pathname}/`).href;
  const page = await browser.open(step('login'), { form: { session, psuId } });
  expect(page.status, page.body).toBe(200);
  const accounts = [...page.body.matchAll(/name="account" value="([^"]+)"/g)].map(
    (m) => m[1] as string,
  );
  return {
    authorisationId,
    page,
    url,
    decide: (answer = 'approve') =>
      browser.open(step('decision'), { form: { session, decision: answer, account: accounts } }),
    async back(redirect) {
      expect(redirect.status, redirect.body).toBe(303);
      const { page: landed } = await browser.follow(redirect.location as string, REDIRECT_URI);
      expect(landed.url.startsWith(REDIRECT_URI), landed.body).toBe(true);
      return Object.fromEntries(new URL(landed.url).searchParams);
    },
  };
}
