/**
 * The query of `GET /accounts/{account-id}/transactions`, checked before any
 * bank call: pure, the bank's capabilities are an argument.
 *
 * Decisions:
 * - `bookingStatus` is required (booked, pending or both), as the contract says.
 * - `dateFrom` is required unless a delta is asked (`entryReferenceFrom` or `deltaList=true`).
 * - A malformed date is 400 FORMAT_ERROR; `dateFrom` after `dateTo` is 400 PERIOD_INVALID. A
 *   period the bank does not hold (before its history limit) is left to the bank, whose answer
 *   is reported as such.
 * - `entryReferenceFrom` and `deltaList` at a bank that does not support them: 400
 *   PARAMETER_NOT_SUPPORTED, without a bank call.
 * - `page` is Bankbridge's own cursor from a `_links` entry. The page links repeat the TPP's
 *   query besides the cursor (`transactionQueryParams`), so a client that builds the call from
 *   the contract (bookingStatus required) can follow them; the cursor seals the same query, and
 *   it is the one that counts. A parameter sent with `page` must say what the cursor says
 *   (`checkPageQuery`): a page of one query is never answered as a page of another.
 */
import type { BookingStatus } from '../connectors/index.js';
import { isIsoDate } from '../consents/rules/dates.js';
import type { ProblemCode } from '../problems.js';

export interface QueryError {
  status: 400;
  code: Extract<ProblemCode, 'FORMAT_ERROR' | 'PERIOD_INVALID' | 'PARAMETER_NOT_SUPPORTED'>;
  text: string;
}

export interface TransactionListQuery {
  bookingStatus: BookingStatus;
  dateFrom?: string;
  dateTo?: string;
  entryReferenceFrom?: string;
  deltaList?: boolean;
  withBalance?: boolean;
}

export type ParsedTransactionQuery =
  | { ok: true; page: string; stated: StatedQuery }
  | { ok: true; page?: undefined; query: TransactionListQuery }
  | { ok: false; error: QueryError };

/** The query parameters a request names, as sent (one value each). */
export type StatedQuery = Partial<Record<QueryParameter, string>>;

/** The query parameters of a transaction list, in the order links write them. */
const QUERY_PARAMETERS = [
  'bookingStatus',
  'dateFrom',
  'dateTo',
  'entryReferenceFrom',
  'deltaList',
  'withBalance',
] as const;
type QueryParameter = (typeof QUERY_PARAMETERS)[number];

const BOOKING_STATUSES: readonly BookingStatus[] = ['booked', 'pending', 'both'];

/** A `true` / `false` query flag; absent is undefined. */
export function parseFlag(
  name: string,
  raw: unknown,
): { ok: true; value: boolean | undefined } | { ok: false; error: QueryError } {
  const value = single(raw);
  if (value === undefined) return { ok: true, value: undefined };
  if (value === 'true' || value === 'false') return { ok: true, value: value === 'true' };
  return { ok: false, error: format(`${name} must be true or false`) };
}

export function parseTransactionQuery(
  raw: Record<string, unknown>,
  bank: { entryReferenceFrom: boolean; deltaList: boolean; name: string },
): ParsedTransactionQuery {
  const page = single(raw.page);
  if (page !== undefined) {
    const stated: StatedQuery = {};
    for (const name of QUERY_PARAMETERS) {
      const value = single(raw[name]);
      if (value !== undefined) stated[name] = value;
    }
    return { ok: true, page, stated };
  }

  const bookingStatus = single(raw.bookingStatus);
  if (bookingStatus === undefined) {
    return fail(format('the bookingStatus query parameter is required: booked, pending or both'));
  }
  if (!(BOOKING_STATUSES as readonly string[]).includes(bookingStatus)) {
    return fail(format(`bookingStatus must be booked, pending or both, not "${bookingStatus}"`));
  }
  const query: TransactionListQuery = { bookingStatus: bookingStatus as BookingStatus };

  for (const name of ['dateFrom', 'dateTo'] as const) {
    const value = single(raw[name]);
    if (value === undefined) continue;
    if (!isIsoDate(value)) return fail(format(`${name} must be a date written YYYY-MM-DD`));
    query[name] = value;
  }

  const entryReferenceFrom = single(raw.entryReferenceFrom);
  if (entryReferenceFrom !== undefined) {
    if (!bank.entryReferenceFrom) return fail(notSupported('entryReferenceFrom', bank.name));
    if (entryReferenceFrom === '' || entryReferenceFrom.length > 35) {
      return fail(format('entryReferenceFrom must be an entry reference of 1 to 35 characters'));
    }
    query.entryReferenceFrom = entryReferenceFrom;
  }
  const deltaList = parseFlag('deltaList', raw.deltaList);
  if (!deltaList.ok) return deltaList;
  if (deltaList.value !== undefined) {
    if (!bank.deltaList) return fail(notSupported('deltaList', bank.name));
    query.deltaList = deltaList.value;
  }
  const withBalance = parseFlag('withBalance', raw.withBalance);
  if (!withBalance.ok) return withBalance;
  if (withBalance.value !== undefined) query.withBalance = withBalance.value;

  const delta = query.entryReferenceFrom !== undefined || query.deltaList === true;
  if (query.dateFrom === undefined && !delta) {
    return fail(
      format('the dateFrom query parameter is required unless entryReferenceFrom or deltaList is'),
    );
  }
  if (query.dateFrom !== undefined && query.dateTo !== undefined && query.dateFrom > query.dateTo) {
    return fail({
      status: 400,
      code: 'PERIOD_INVALID',
      text: `dateFrom (${query.dateFrom}) is after dateTo (${query.dateTo})`,
    });
  }
  return { ok: true, query };
}

/** The query as link parameters: what the TPP asked, in a fixed order. */
export function transactionQueryParams(query: TransactionListQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of QUERY_PARAMETERS) {
    const value = query[name];
    if (value !== undefined) params.set(name, String(value));
  }
  return params;
}

/** Refuses a page request whose parameters say something else than its cursor's query. */
export function checkPageQuery(
  stated: StatedQuery,
  query: TransactionListQuery,
): QueryError | undefined {
  const sealed = transactionQueryParams(query);
  for (const [name, value] of Object.entries(stated)) {
    if (sealed.get(name) !== value) {
      return format(
        `${name}=${value} is not the query of this page (${sealed.toString()}); follow the _links of a transaction list as they are`,
      );
    }
  }
  return undefined;
}

/** Repeated parameters are ambiguous; the first one counts, as most servers do. */
function single(raw: unknown): string | undefined {
  const value = Array.isArray(raw) ? raw[0] : raw;
  return typeof value === 'string' ? value : undefined;
}

function format(text: string): QueryError {
  return { status: 400, code: 'FORMAT_ERROR', text };
}

function notSupported(name: string, bankName: string): QueryError {
  return {
    status: 400,
    code: 'PARAMETER_NOT_SUPPORTED',
    text: `${name} is not supported by ${bankName}`,
  };
}

function fail(error: QueryError): { ok: false; error: QueryError } {
  return { ok: false, error };
}
