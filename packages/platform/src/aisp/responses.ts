/**
 * The AISP API's answers, from what the Account information service returns (the banks'
 * Berlin Group JSON). A plain, flat, snake_case shape, the same at every bank: only the fields
 * the OpenAPI document names (`openapi/aisp-v1.yaml`), never a bank's own ids or links.
 *
 * Decisions:
 * - An account's `id` is Bankbridge's (the same as on /psd2): stable across tokens, refreshes
 *   and later consents of the same app, and saying nothing about the bank's.
 * - Amounts stay decimal strings, with the currency beside them.
 * - A transaction's `counterparty` is the other side: the creditor of money going out (a
 *   negative amount), the debtor of money coming in.
 * - Links are absolute URLs of this API, and only to what the token may read.
 */
import type { GrantedAccount, TransactionReport } from '../accounts/account-information-service.js';
import type { AispScope } from './scopes.js';

type Json = Record<string, unknown>;

export const AISP_BASE_PATH = '/aisp/v1';

export interface LinkBase {
  /** The API's public URL, without a trailing slash. */
  apiUrl: string;
  scopes: ReadonlySet<AispScope>;
}

export function accountUrl(base: LinkBase, accountId: string): string {
  return `${base.apiUrl}${AISP_BASE_PATH}/accounts/${encodeURIComponent(accountId)}`;
}

export function accountBody(account: GrantedAccount, base: LinkBase): Json {
  const bank = account.bank;
  const out: Json = { id: account.id.resourceId };
  copyString(bank, 'iban', out, 'iban');
  copyString(bank, 'bban', out, 'bban');
  copyString(bank, 'currency', out, 'currency');
  copyString(bank, 'name', out, 'name');
  copyString(bank, 'displayName', out, 'display_name');
  copyString(bank, 'product', out, 'product');
  copyString(bank, 'cashAccountType', out, 'type');
  copyString(bank, 'status', out, 'status');
  copyString(bank, 'usage', out, 'usage');
  copyString(bank, 'ownerName', out, 'owner_name');
  copyString(bank, 'bic', out, 'bic');
  const url = accountUrl(base, account.id.resourceId);
  const links: Json = { self: url };
  if (account.grant.balances && base.scopes.has('balances')) links.balances = `${url}/balances`;
  if (account.grant.transactions && base.scopes.has('transactions')) {
    links.transactions = `${url}/transactions`;
  }
  out.links = links;
  return out;
}

export function balancesBody(accountId: string, body: Json): Json {
  const balances = Array.isArray(body.balances) ? body.balances : [];
  return { account_id: accountId, balances: balances.filter(isObject).map(balance) };
}

function balance(bank: Json): Json {
  const out: Json = {};
  copyString(bank, 'balanceType', out, 'type');
  const amount = isObject(bank.balanceAmount) ? bank.balanceAmount : {};
  out.amount = typeof amount.amount === 'string' ? amount.amount : String(amount.amount ?? '');
  copyString(amount, 'currency', out, 'currency');
  copyString(bank, 'referenceDate', out, 'reference_date');
  copyString(bank, 'lastChangeDateTime', out, 'last_change');
  if (typeof bank.creditLimitIncluded === 'boolean') {
    out.credit_limit_included = bank.creditLimitIncluded;
  }
  return out;
}

/** One page of transactions: pending first (the newest), then booked, as the bank lists them. */
export function transactionsBody(report: TransactionReport, base: LinkBase): Json {
  // The query of the first page, also for a page read through a cursor.
  const asked = report.query.bookingStatus;
  const bankReport = isObject(report.body.transactions) ? report.body.transactions : {};
  const transactions: Json[] = [];
  for (const status of ['pending', 'booked'] as const) {
    if (asked !== 'both' && asked !== status) continue;
    const list = bankReport[status];
    if (!Array.isArray(list)) continue;
    for (const entry of list) if (isObject(entry)) transactions.push(transaction(entry, status));
  }
  const next = report.pages.next;
  const out: Json = {
    account_id: report.account.resourceId,
    transactions,
    next_cursor: next ?? null,
  };
  const links: Json = {};
  if (next) {
    links.next = `${accountUrl(base, report.account.resourceId)}/transactions?cursor=${encodeURIComponent(next)}`;
  }
  out.links = links;
  return out;
}

function transaction(bank: Json, status: 'booked' | 'pending'): Json {
  const out: Json = {};
  copyString(bank, 'transactionId', out, 'id');
  out.status = status;
  copyString(bank, 'bookingDate', out, 'booking_date');
  copyString(bank, 'valueDate', out, 'value_date');
  copyString(bank, 'transactionDate', out, 'transaction_date');
  const amount = isObject(bank.transactionAmount) ? bank.transactionAmount : {};
  const value = typeof amount.amount === 'string' ? amount.amount : String(amount.amount ?? '');
  out.amount = value;
  copyString(amount, 'currency', out, 'currency');
  const description = remittance(bank);
  if (description) out.description = description;
  const outgoing = value.startsWith('-');
  const side = outgoing ? 'creditor' : 'debtor';
  const other = outgoing ? 'debtor' : 'creditor';
  const counterparty =
    party(bank, side) ??
    // A bank that names only one side: that one, whatever the sign.
    party(bank, other);
  if (counterparty) out.counterparty = counterparty;
  copyString(bank, 'entryReference', out, 'entry_reference');
  copyString(bank, 'bankTransactionCode', out, 'bank_transaction_code');
  return out;
}

function party(bank: Json, side: 'creditor' | 'debtor'): Json | undefined {
  const out: Json = {};
  copyString(bank, `${side}Name`, out, 'name');
  const account = bank[`${side}Account`];
  if (isObject(account)) copyString(account, 'iban', out, 'iban');
  return Object.keys(out).length > 0 ? out : undefined;
}

function remittance(bank: Json): string | undefined {
  const text = bank.remittanceInformationUnstructured;
  if (typeof text === 'string' && text !== '') return text;
  const array = bank.remittanceInformationUnstructuredArray;
  if (Array.isArray(array)) {
    const joined = array.filter((part) => typeof part === 'string').join(' ');
    if (joined) return joined;
  }
  return undefined;
}

function copyString(from: Json, field: string, to: Json, name: string): void {
  const value = from[field];
  if (typeof value === 'string' && value !== '') to[name] = value;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
