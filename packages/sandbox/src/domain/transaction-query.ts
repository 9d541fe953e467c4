// Reading transactions: validating the query parameters against what the bank supports,
// and cutting one page out of a ledger. Pages run newest first and are read by index, so
// a page never materialises more than its own entries.

import type { SandboxBankConfig } from '../registry/load-registry.js';
import { addDays, isIsoDate, laterDate } from './dates.js';
import { BankError } from './errors.js';
import type { BookedTransactions, Ledger, Transaction } from './model.js';

export type BookingStatus = 'booked' | 'pending' | 'both';

export interface TransactionQuery {
  bookingStatus: BookingStatus;
  dateFrom: string;
  dateTo?: string;
  entryReferenceFrom?: string;
  /** Accepted where the bank supports it; it does not change the answer, only the links. */
  deltaList?: boolean;
  /** The booking balances with the report, where the consent grants balances. */
  withBalance?: boolean;
  page: number;
  pageSize: number;
}

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 500;
/** An SCA this recent counts as fresh for reading history beyond historyWithoutFreshScaDays. */
export const FRESH_SCA_MINUTES = 60;

function wholeNumber(
  text: string | undefined,
  name: string,
  min: number,
  max: number,
): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,9}$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new BankError('FORMAT_ERROR', `${name} must be a whole number from ${min} to ${max}`);
  }
  return Number(text);
}

function flag(text: string | undefined, name: string): boolean | undefined {
  if (text === undefined) return undefined;
  if (text !== 'true' && text !== 'false') {
    throw new BankError('FORMAT_ERROR', `${name} must be true or false`);
  }
  return text === 'true';
}

/** Validates the query string of GET .../transactions; throws BankError. */
export function parseTransactionQuery(
  raw: Record<string, string | undefined>,
  bank: SandboxBankConfig,
  today: string,
  freshSca: boolean,
): TransactionQuery {
  const { bookingStatus, dateFrom, dateTo, entryReferenceFrom } = raw;
  if (bookingStatus === undefined) {
    throw new BankError('FORMAT_ERROR', 'bookingStatus is required (booked, pending or both)');
  }
  if (bookingStatus !== 'booked' && bookingStatus !== 'pending' && bookingStatus !== 'both') {
    throw new BankError(
      'PARAMETER_NOT_SUPPORTED',
      `bookingStatus ${bookingStatus} is not supported; use booked, pending or both`,
    );
  }
  for (const [name, value] of [
    ['dateFrom', dateFrom],
    ['dateTo', dateTo],
  ] as const) {
    if (value !== undefined && !isIsoDate(value)) {
      throw new BankError('FORMAT_ERROR', `${name} must be a date in the form YYYY-MM-DD`);
    }
  }
  if (dateFrom && dateTo && dateFrom > dateTo) {
    throw new BankError('PERIOD_INVALID', 'dateFrom is after dateTo');
  }
  if (entryReferenceFrom !== undefined && !bank.accountInformation.entryReferenceFrom) {
    throw new BankError('PARAMETER_NOT_SUPPORTED', 'This bank does not support entryReferenceFrom');
  }
  if (entryReferenceFrom !== undefined && !/^\d{1,15}$/.test(entryReferenceFrom)) {
    throw new BankError(
      'FORMAT_ERROR',
      'entryReferenceFrom must be an entryReference of this account',
    );
  }
  if (raw.deltaList !== undefined && !bank.accountInformation.deltaList) {
    throw new BankError('PARAMETER_NOT_SUPPORTED', 'This bank does not support deltaList');
  }
  const deltaList = flag(raw.deltaList, 'deltaList');
  const withBalance = flag(raw.withBalance, 'withBalance');
  const { transactionHistoryDays, historyWithoutFreshScaDays } = bank.accountInformation;
  const oldestKept = addDays(today, -transactionHistoryDays);
  const oldestWithoutSca = addDays(today, -historyWithoutFreshScaDays);
  if (dateFrom !== undefined && dateFrom < oldestKept) {
    throw new BankError(
      'PERIOD_INVALID',
      `This bank keeps ${transactionHistoryDays} days of history: dateFrom must be ${oldestKept} or later`,
    );
  }
  if (dateFrom !== undefined && dateFrom < oldestWithoutSca && !freshSca) {
    throw new BankError(
      'PERIOD_INVALID',
      `Transactions older than ${historyWithoutFreshScaDays} days (before ${oldestWithoutSca}) need a fresh SCA: authorise the consent again and read within ${FRESH_SCA_MINUTES} minutes`,
    );
  }
  const query: TransactionQuery = {
    bookingStatus,
    dateFrom: dateFrom ?? (freshSca ? oldestKept : laterDate(oldestWithoutSca, oldestKept)),
    page: wholeNumber(raw.page, 'page', 0, 1_000_000_000) ?? 0,
    pageSize: wholeNumber(raw.pageSize, 'pageSize', 1, MAX_PAGE_SIZE) ?? DEFAULT_PAGE_SIZE,
  };
  if (dateTo !== undefined) query.dateTo = dateTo;
  if (entryReferenceFrom !== undefined) query.entryReferenceFrom = entryReferenceFrom;
  if (deltaList !== undefined) query.deltaList = deltaList;
  if (withBalance !== undefined) query.withBalance = withBalance;
  return query;
}

/** First index in [lo, hi) for which `isAfter` holds (it must be monotonic). */
function partition(lo: number, hi: number, isAfter: (index: number) => boolean): number {
  let low = lo;
  let high = hi;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (isAfter(mid)) high = mid;
    else low = mid + 1;
  }
  return low;
}

export interface TransactionPage {
  booked?: Transaction[];
  pending?: Transaction[];
  page: number;
  pageCount: number;
  bookedTotal: number;
}

/** Index range [from, to) of the booked transactions the query selects. */
export function bookedRange(booked: BookedTransactions, query: TransactionQuery): [number, number] {
  let from = partition(0, booked.count, (i) => booked.dateAt(i) >= query.dateFrom);
  const dateTo = query.dateTo;
  const to =
    dateTo === undefined
      ? booked.count
      : partition(from, booked.count, (i) => booked.dateAt(i) > dateTo);
  const after = query.entryReferenceFrom;
  if (after !== undefined) {
    from = partition(from, to, (i) => Number(booked.at(i).entryReference) > Number(after));
  }
  return [from, to];
}

export function selectTransactions(ledger: Ledger, query: TransactionQuery): TransactionPage {
  const result: TransactionPage = { page: query.page, pageCount: 1, bookedTotal: 0 };
  if (query.bookingStatus !== 'pending') {
    const [from, to] = bookedRange(ledger.booked, query);
    result.bookedTotal = to - from;
    result.pageCount = Math.max(1, Math.ceil((to - from) / query.pageSize));
    const end = to - query.page * query.pageSize;
    const start = Math.max(from, end - query.pageSize);
    const items: Transaction[] = [];
    for (let i = end - 1; i >= start; i--) items.push(ledger.booked.at(i));
    result.booked = items;
  }
  if (query.bookingStatus !== 'booked') {
    // Pending entries are few; they travel with the first page only.
    result.pending =
      query.page === 0
        ? ledger.pending.filter(
            (t) =>
              t.transactionDate >= query.dateFrom &&
              (query.dateTo === undefined || t.transactionDate <= query.dateTo),
          )
        : [];
  }
  return result;
}

/** Finds one transaction by id; booked ids encode their day, so only that day is searched. */
export function findTransaction(ledger: Ledger, transactionId: string): Transaction | undefined {
  const pending = ledger.pending.find((t) => t.transactionId === transactionId);
  if (pending) return pending;
  const { booked } = ledger;
  const day = /^[0-9a-f]{8}-(\d+)-\d+$/.exec(transactionId)?.[1];
  if (day !== undefined) {
    const entry = Number(day) * 1000;
    const start = partition(0, booked.count, (i) => Number(booked.at(i).entryReference) >= entry);
    for (
      let i = start;
      i < booked.count && Number(booked.at(i).entryReference) < entry + 1000;
      i++
    ) {
      if (booked.at(i).transactionId === transactionId) return booked.at(i);
    }
  }
  // Operator data and settled purchases carry their own ids: those ledgers are small.
  if (booked.count <= 50_000) {
    for (let i = 0; i < booked.count; i++) {
      if (booked.at(i).transactionId === transactionId) return booked.at(i);
    }
  }
  return undefined;
}
