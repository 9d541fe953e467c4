// Test plumbing for payments: IBANs of the test PSUs, initiation, and signing a payment
// through the redirect and decoupled SCA as a TPP and a PSU do, all over HTTP.

import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { DECOUPLED_GRANT } from '../src/index.js';
import {
  authorisedConsent,
  CLIENT_ID,
  dataHeaders,
  FORM,
  form,
  REDIRECT_URI,
  type Sandbox,
  sessionOf,
  token,
  tppHeaders,
} from './helpers.js';

export const ERIK = '199005152385';
export const DOMESTIC = 'domestic';
export const OWN_ACCOUNTS = 'swedish-domestic-private-own-accounts-transfers';

export async function ibansOf(
  { app }: Sandbox,
  bic: string,
  psuId: string,
): Promise<Array<{ iban: string; resourceId: string; currency: string }>> {
  const response = await app.inject(`/admin/banks/${bic}/psus`);
  const psu = response.json().psus.find((p: { psuId: string }) => p.psuId === psuId);
  return psu.accounts;
}

export function transfer(
  debtorIban: string,
  creditorIban: string,
  amount = '100.00',
  extra: Record<string, unknown> = {},
) {
  return {
    instructedAmount: { currency: 'SEK', amount },
    debtorAccount: { iban: debtorIban },
    creditorName: 'Erik Johansson',
    creditorAccount: { iban: creditorIban },
    remittanceInformationUnstructured: 'Inv. 4711',
    ...extra,
  };
}

export async function initiate(
  { app }: Sandbox,
  bic: string,
  product: string,
  body: unknown,
  options: { service?: string; headers?: Record<string, string> } = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: `/banks/${bic}/v1/${options.service ?? 'payments'}/${product}`,
    headers: tppHeaders({ 'psu-ip-address': '192.0.2.10', ...options.headers }),
    payload: body as Record<string, unknown>,
  });
}

export async function created(
  sandbox: Sandbox,
  bic: string,
  product: string,
  body: unknown,
  service = 'payments',
): Promise<string> {
  const response = await initiate(sandbox, bic, product, body, { service });
  expect(response.statusCode, response.body).toBe(201);
  expect(response.json().transactionStatus).toBe('RCVD');
  return response.json().paymentId;
}

export function paymentUrl(bic: string, product: string, id: string, service = 'payments') {
  return `/banks/${bic}/v1/${service}/${product}/${id}`;
}

export async function statusOf(
  { app }: Sandbox,
  bic: string,
  product: string,
  id: string,
  service = 'payments',
) {
  const response = await app.inject({
    url: `${paymentUrl(bic, product, id, service)}/status`,
    headers: tppHeaders({ 'psu-ip-address': '192.0.2.10' }),
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

/** Redirect SCA with scope PIS:{paymentId}; returns the decision page and where it sent the PSU. */
export async function signRedirect(
  { app }: Sandbox,
  bic: string,
  paymentId: string,
  psuId: string,
  decision: 'approve' | 'deny' = 'approve',
  scopePrefix = 'PIS',
): Promise<{ page: string; back: URL }> {
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    state: 'pay-1',
    scope: `${scopePrefix}:${paymentId}`,
  });
  const login = await app.inject(`/banks/${bic}/oauth2/authorize?${params}`);
  expect(login.statusCode, login.body).toBe(200);
  const session = sessionOf(login.body);
  const page = await app.inject({
    method: 'POST',
    url: `/banks/${bic}/oauth2/authorize/login`,
    headers: FORM,
    payload: form({ session, psuId }),
  });
  if (page.statusCode === 303) return { page: '', back: new URL(page.headers.location as string) };
  expect(page.statusCode, page.body).toBe(200);
  const done = await app.inject({
    method: 'POST',
    url: `/banks/${bic}/oauth2/authorize/decision`,
    headers: FORM,
    payload: form({ session, decision }),
  });
  expect(done.statusCode, done.body).toBe(303);
  return { page: page.body, back: new URL(done.headers.location as string) };
}

/** Decoupled SCA in the BankID simulator; returns the authorisation and the token answer. */
export async function signDecoupled(
  sandbox: Sandbox,
  bic: string,
  product: string,
  paymentId: string,
  psuId: string,
  service = 'payments',
) {
  const started = await sandbox.app.inject({
    method: 'POST',
    url: `${paymentUrl(bic, product, paymentId, service)}/authorisations`,
    headers: tppHeaders({ 'psu-id': psuId, 'psu-ip-address': '192.0.2.10' }),
  });
  expect(started.statusCode, started.body).toBe(201);
  const { authorisationId, autoStartToken } = started.json();
  const approved = await sandbox.app.inject({
    method: 'POST',
    url: `/bankid/api/orders/${autoStartToken}`,
    payload: { action: 'approve' },
  });
  expect(approved.statusCode, approved.body).toBe(200);
  const tokens = await token(sandbox, bic, {
    grant_type: DECOUPLED_GRANT,
    authorisation_id: authorisationId,
    payment_id: paymentId,
  });
  return { authorisationId, autoStartToken, tokens };
}

/** Reads an account's balances and transactions through AIS, as the PSU's TPP would. */
export async function accountView(sandbox: Sandbox, bic: string, psuId: string, iban: string) {
  const { consentId, tokens } = await authorisedConsent(sandbox, bic, psuId);
  const accounts = await ibansOf(sandbox, bic, psuId);
  const account = accounts.find((a) => a.iban === iban);
  if (!account) throw new Error(`no account ${iban}`);
  const read = async () => {
    const balances = await sandbox.app.inject({
      url: `/banks/${bic}/v1/accounts/${account.resourceId}/balances`,
      headers: dataHeaders(consentId, tokens),
    });
    expect(balances.statusCode, balances.body).toBe(200);
    const transactions = await sandbox.app.inject({
      url: `/banks/${bic}/v1/accounts/${account.resourceId}/transactions?bookingStatus=both&pageSize=500`,
      headers: dataHeaders(consentId, tokens),
    });
    expect(transactions.statusCode, transactions.body).toBe(200);
    const byType = (type: string) =>
      Number(
        balances.json().balances.find((b: { balanceType: string }) => b.balanceType === type)
          .balanceAmount.amount,
      );
    return {
      closingBooked: byType('closingBooked'),
      interimAvailable: byType('interimAvailable'),
      booked: transactions.json().transactions.booked as Array<Record<string, unknown>>,
      pending: transactions.json().transactions.pending as Array<Record<string, unknown>>,
    };
  };
  return read;
}

export function newRequestId(): string {
  return randomUUID();
}
