/**
 * A TPP's payment calls against a cluster of Bankbridge instances, each call aimed at one
 * instance (or the balancer), and what the sandbox bank holds afterwards: its payments and the
 * postings on its ledger. The payment scale tests count on these to say "one payment at the
 * bank, one booking", whatever the instances did.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Page } from '../auth/redirect-sca-browser.js';
import { HttpBrowser } from '../guide/psu-browser.js';
import { expectContract } from '../support/contract.js';
import { PIS, REDIRECT_URI } from '../support/payments.js';
import { type Cluster, type Psd2Answer, psd2, Tpp } from './cluster.js';

export const ANNA = '198301014882';
export const ERIK = '199005152385';

export interface BankPayment {
  paymentId: string;
  transactionStatus: string;
  items: Array<{ amount: string; currency: string; creditorName: string }>;
}

export interface Posting {
  transactionId: string;
  status: 'booked' | 'pending';
  amount: number;
  endToEndId: string;
  bookingDate?: string;
}

/** Which SCA of a payment (its cancellation's: `cancellation-authorisations`), by which method. */
export interface ScaChoice {
  segment?: string;
  method?: string;
}

/**
 * A TPP whose every call is aimed at one instance. Each call has a connection of its own
 * (`Connection: close`): the instances close idle connections after five seconds, and a pooled
 * one reused just then is cut under the request, which a test would read as a refusal.
 */
export class PaymentTpp {
  private constructor(
    readonly cluster: Cluster,
    readonly tpp: Tpp,
    readonly token: string,
  ) {}

  static async of(cluster: Cluster): Promise<PaymentTpp> {
    const tpp = new Tpp(await cluster.client('Payment scale TPP'));
    return new PaymentTpp(cluster, tpp, await tpp.token(cluster.url, 'paymentinitiation private'));
  }

  /** One payment call at `base`; the answer is checked against the contract. */
  async call(
    base: string,
    method: string,
    url: string,
    bic: string,
    options: { body?: unknown; requestId?: string } = {},
  ): Promise<Psd2Answer> {
    const answer = await psd2(base, this.token, method, url.startsWith('/psd2') ? url : PIS + url, {
      bic,
      ...(options.body === undefined ? {} : { body: options.body }),
      headers: {
        connection: 'close',
        ...(options.requestId ? { 'x-request-id': options.requestId } : {}),
        ...(bic === 'SWEDSESS' ? { 'tpp-redirect-preferred': 'false' } : {}),
      },
    });
    expectContract(answer.observed);
    return answer;
  }

  /** POST a payment; 201 expected. `path` is the payment's own, below the API's base. */
  async create(
    base: string,
    bic: string,
    body: unknown,
    options: { product?: string; requestId?: string } = {},
  ) {
    const product = options.product ?? '/payments/domestic';
    const answer = await this.call(base, 'POST', product, bic, {
      body,
      ...(options.requestId ? { requestId: options.requestId } : {}),
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const paymentId = answer.body.paymentId as string;
    return { paymentId, path: `${product}/${paymentId}`, answer };
  }

  async status(base: string, bic: string, path: string): Promise<string> {
    const answer = await this.call(base, 'GET', `${path}/status`, bic);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body.transactionStatus as string;
  }

  /** Starts an authorisation and chooses `method` (the bank's first); the PUT's answer. */
  async authorisation(base: string, bic: string, path: string, options: ScaChoice = {}) {
    const segment = options.segment ?? 'authorisations';
    const started = await this.call(base, 'POST', `${path}/${segment}`, bic);
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const authorisationId = started.body.authorisationId as string;
    const put = await this.call(base, 'PUT', `${path}/${segment}/${authorisationId}`, bic, {
      body: {
        authenticationMethodId: options.method ?? started.body.scaMethods[0].authenticationMethodId,
      },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    return { authorisationId, put: put.body };
  }

  /** A BankID order placed for the payment; the PSU has not signed yet. */
  async bankIdOrder(base: string, bic: string, path: string) {
    const { authorisationId, put } = await this.authorisation(base, bic, path);
    return { authorisationId, order: put.challengeData.data[0] as string };
  }

  /** The scaOAuth link of a redirect authorisation, filled as the TPP does. */
  async redirectLink(base: string, bic: string, path: string, options: ScaChoice = {}) {
    const { authorisationId, put } = await this.authorisation(base, bic, path, options);
    const link = (put._links.scaOAuth.href as string)
      .replace('[CLIENT_ID]', this.tpp.client.id)
      .replace('[TPP_REDIRECT_URI]', REDIRECT_URI)
      .replace('[TPP_STATE]', authorisationId);
    return { authorisationId, link };
  }

  /** The code exchange that finishes a payment's redirect SCA, at `base`. */
  redeem(
    base: string,
    flow: { paymentId: string; authorisationId: string; code: string },
    options: { requestId?: string; cancellation?: boolean } = {},
  ): Promise<Response> {
    return fetch(`${base}/connect/token`, {
      method: 'POST',
      headers: {
        connection: 'close',
        'content-type': 'application/x-www-form-urlencoded',
        'x-request-id': options.requestId ?? randomUUID(),
        'x-paymentid': flow.paymentId,
        [options.cancellation ? 'x-paymentcancellationid' : 'x-paymentauthorisationid']:
          flow.authorisationId,
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: this.tpp.client.id,
        client_secret: this.tpp.client.secret,
        code: flow.code,
        redirect_uri: REDIRECT_URI,
      }),
    });
  }
}

/** The PSU signs a BankID order in the sandbox's simulator. */
export async function approveBankId(cluster: Cluster, order: string, psuId = ANNA) {
  return fetch(`${cluster.sandboxUrl}/bankid/api/orders/${order}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'approve', psuId }),
  });
}

/**
 * The PSU at the bank's pages, stopped before the last click: `decide()` posts the approval and
 * answers where the bank sends the browser (undefined when the bank refused it).
 */
export async function atBankDecision(link: string, psuId = ANNA) {
  const browser = new HttpBrowser();
  const { page: login } = await browser.follow(link, REDIRECT_URI);
  expect(login.url, login.body).toMatch(/\/banks\/[A-Z0-9]+\/oauth2\/authorize\?/);
  const session = formField(login, 'session');
  const page = await browser.open(formAction(login, '/oauth2/authorize/login'), {
    form: { session, psuId },
  });
  expect(page.status, page.body).toBe(200);
  return {
    browser,
    async decide(): Promise<string | undefined> {
      const decided = await browser.open(formAction(page, '/oauth2/authorize/decision'), {
        form: { session, decision: 'approve' },
      });
      return decided.status === 303 ? decided.location : undefined;
    },
  };
}

/** From the bank's answer through Bankbridge to the TPP: the code, or the error it got. */
export async function backToTpp(browser: HttpBrowser, returning: string) {
  const { page } = await browser.follow(returning, REDIRECT_URI);
  expect(page.url.startsWith(`${REDIRECT_URI}?`), `${page.status} ${page.body}`).toBe(true);
  return Object.fromEntries(new URL(page.url).searchParams);
}

/** The PSU's whole redirect SCA: the code the TPP is sent back with. */
export async function redirectCode(link: string, psuId = ANNA): Promise<string> {
  const { browser, decide } = await atBankDecision(link, psuId);
  const returning = await decide();
  expect(returning).toBeDefined();
  const back = await backToTpp(browser, returning as string);
  expect(back.code, JSON.stringify(back)).toBeDefined();
  return back.code as string;
}

/** A sandbox PSU's accounts at a bank. */
export async function accountsOf(cluster: Cluster, bic: string, psuId: string) {
  const response = await cluster.admin('GET', `/banks/${bic}/psus`);
  const { psus } = (await response.json()) as {
    psus: Array<{ psuId: string; accounts: Array<{ iban: string; currency: string }> }>;
  };
  const psu = psus.find((p) => p.psuId === psuId);
  if (!psu) throw new Error(`no PSU ${psuId} at ${bic}`);
  return psu.accounts;
}

/** What the bank holds: its payments to `creditorName`, and the postings of `endToEndId`. */
export async function atBank(cluster: Cluster, bic: string, creditorName: string) {
  const response = await cluster.admin('GET', `/banks/${bic}/payments`);
  expect(response.status).toBe(200);
  const { payments, postings } = (await response.json()) as {
    payments: BankPayment[];
    postings: Posting[];
  };
  const mine = payments.filter((p) => p.items[0]?.creditorName === creditorName);
  return {
    payments: mine,
    /** The debits of a payment (one per booking; a pending one is booked in place). */
    debits: (endToEndId: string) =>
      postings.filter((p) => p.endToEndId === endToEndId && p.amount < 0),
  };
}

/** A payee name no other test uses, so a test finds its own payments at the bank. */
export function payee(label: string): string {
  return `${label} ${randomUUID().slice(0, 8)}`;
}

/** The log lines of all instances saying `msg` for the given request ids (and bank path). */
export function logged(
  cluster: Cluster,
  requestIds: string[],
  msg: string,
  path: RegExp = /./,
): unknown[] {
  return cluster.instances
    .flatMap((instance) => instance.logs)
    .map((line) => JSON.parse(line) as { msg?: string; reqId?: string; path?: string })
    .filter(
      (line) =>
        line.msg === msg &&
        line.reqId !== undefined &&
        requestIds.includes(line.reqId) &&
        path.test(line.path ?? ''),
    );
}

function formField(page: Page, name: string): string {
  const value = new RegExp(`name="${name}" value="([^"]+)"`).exec(page.body)?.[1];
  expect(value, `${page.url} has a form field ${name}`).toBeTruthy();
  return value as string;
}

function formAction(page: Page, path: string): string {
  const action = new RegExp(`<form[^>]+action="([^"]*${path.replaceAll('/', '\\/')})"`).exec(
    page.body,
  )?.[1];
  expect(action, `${page.url} has a form posting to ${path}`).toBeTruthy();
  return new URL(action as string, page.url).href;
}
