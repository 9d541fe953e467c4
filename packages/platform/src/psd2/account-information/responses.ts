/**
 * The bank's account JSON as Bankbridge answers it. Decisions:
 * - the bank's `resourceId` is replaced by Bankbridge's id (`store/account-ids.ts`), and any
 *   other field that could carry a bank id (`linkedAccounts`) is left out;
 * - the bank's `_links`, at any depth, are never forwarded (they point at the bank); Bankbridge
 *   adds its own, only to what the consent grants: `balances` and `transactions` on an account,
 *   `account` and the pages on a transaction report, `transactionDetails` on a transaction
 *   where the bank offers details;
 * - page links repeat the TPP's query and add `page`, Bankbridge's sealed cursor, which holds
 *   the same query and the bank's page (`accounts/transaction-query.ts`);
 * - balances are shown only where the consent grants them, even if the bank sends them.
 */
import type {
  GrantedAccount,
  TransactionReport,
} from '../../accounts/account-information-service.js';
import { transactionQueryParams } from '../../accounts/transaction-query.js';

export const AIS_PATH = '/psd2/accountinformation/v1';

type Json = Record<string, unknown>;

export function accountPath(resourceId: string): string {
  return `${AIS_PATH}/accounts/${encodeURIComponent(resourceId)}`;
}

export function accountListBody(accounts: GrantedAccount[]): { accounts: Json[] } {
  return { accounts: accounts.map(accountBody) };
}

export function accountBody(account: GrantedAccount): Json {
  const {
    resourceId: _bankId,
    balances,
    linkedAccounts: _linked,
    ...rest
  } = withoutLinks(account.bank) as Json;
  const out: Json = { resourceId: account.id.resourceId, ...rest };
  if (account.withBalance && Array.isArray(balances)) out.balances = balances;
  const path = accountPath(account.id.resourceId);
  const links: Json = {};
  if (account.grant.balances) links.balances = { href: `${path}/balances` };
  if (account.grant.transactions) links.transactions = { href: `${path}/transactions` };
  if (Object.keys(links).length > 0) out._links = links;
  return out;
}

export function balancesBody(body: Json): Json {
  const clean = withoutLinks(body) as Json;
  const out: Json = {};
  const account = accountReference(clean.account);
  if (account) out.account = account;
  out.balances = Array.isArray(clean.balances) ? clean.balances : [];
  return out;
}

export function transactionsBody(report: TransactionReport): Json {
  const clean = withoutLinks(report.body) as Json;
  const path = accountPath(report.account.resourceId);
  const out: Json = {};
  const account = accountReference(clean.account);
  if (account) out.account = account;
  const bankReport = isObject(clean.transactions) ? clean.transactions : {};
  const transactions: Json = {};
  for (const list of ['booked', 'pending'] as const) {
    const entries = bankReport[list];
    if (!Array.isArray(entries)) continue;
    if (!report.transactionDetails) {
      transactions[list] = entries;
      continue;
    }
    // Each entry gets its link in place: the page was parsed for this answer alone, and a
    // copy of every entry was most of the mapping's cost (a third of a millisecond a page).
    for (const entry of entries) {
      if (!isObject(entry)) continue;
      const id = entry.transactionId;
      if (typeof id !== 'string') continue;
      entry._links = {
        transactionDetails: { href: `${path}/transactions/${encodeURIComponent(id)}` },
      };
    }
    transactions[list] = entries;
  }
  const links: Json = { account: { href: path } };
  for (const name of ['first', 'previous', 'next', 'last'] as const) {
    const cursor = report.pages[name];
    if (cursor) {
      const params = transactionQueryParams(report.query);
      params.set('page', cursor);
      links[name] = { href: `${path}/transactions?${params.toString()}` };
    }
  }
  transactions._links = links;
  out.transactions = transactions;
  if (report.grant.balances && Array.isArray(clean.balances)) out.balances = clean.balances;
  return out;
}

export function transactionDetailsBody(details: Json): { transactionsDetails: Json } {
  return { transactionsDetails: withoutLinks(details) as Json };
}

const REFERENCE_FIELDS = ['iban', 'bban', 'pan', 'maskedPan', 'msisdn', 'currency'] as const;

/** The account reference of a report: identifiers and currency only, never the bank's id. */
function accountReference(value: unknown): Json | undefined {
  if (!isObject(value)) return undefined;
  const out: Json = {};
  for (const field of REFERENCE_FIELDS) if (value[field] !== undefined) out[field] = value[field];
  return Object.keys(out).length > 0 ? out : undefined;
}

/** A copy without any `_links`, at any depth. */
/**
 * The bank's JSON without any `_links`, at any depth. Copies only the objects and arrays on
 * the way to a `_links` (answers just parsed from the bank are not shared): a page of
 * transactions without links inside is returned as it is.
 */
function withoutLinks(value: unknown): unknown {
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = withoutLinks(value[i]);
      if (item !== value[i]) {
        out ??= value.slice();
        out[i] = item;
      }
    }
    return out ?? value;
  }
  if (!isObject(value)) return value;
  let out: Json | undefined;
  for (const key in value) {
    if (key === '_links') {
      out ??= { ...value };
      delete out._links;
      continue;
    }
    const item = withoutLinks(value[key]);
    if (item !== value[key]) {
      out ??= { ...value };
      out[key] = item;
    }
  }
  return out ?? value;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
