import type { TransactionPages, TransactionQuery } from './bank-connector.js';
import { BankError, type BankIdentity } from './bank-error.js';
import type { BankHooks } from './bank-hooks.js';
import { isObject } from './berlin-group-answers.js';

/** Page cursors carry the bank's own query for the page, base64url-encoded. */
function encodeCursor(search: string): string {
  return Buffer.from(search, 'utf8').toString('base64url');
}

const CURSOR_QUERY = /^[A-Za-z0-9_.~*%+=&-]*$/;

export function transactionParams(hooks: BankHooks, query: TransactionQuery): URLSearchParams {
  const params = new URLSearchParams({ bookingStatus: query.bookingStatus });
  if (query.dateFrom !== undefined) params.set('dateFrom', hooks.queryDate(query.dateFrom));
  if (query.dateTo !== undefined) params.set('dateTo', hooks.queryDate(query.dateTo));
  if (query.entryReferenceFrom !== undefined)
    params.set('entryReferenceFrom', query.entryReferenceFrom);
  if (query.deltaList !== undefined) params.set('deltaList', String(query.deltaList));
  if (query.withBalance !== undefined) params.set('withBalance', String(query.withBalance));
  return params;
}

export function decodeCursor(identity: BankIdentity, cursor: string): URLSearchParams {
  const search = /^[A-Za-z0-9_-]*$/.test(cursor)
    ? Buffer.from(cursor, 'base64url').toString('utf8')
    : undefined;
  if (search === undefined || search === '' || !CURSOR_QUERY.test(search)) {
    // No bank call is made: the cursor did not come from this connector.
    throw new BankError('rejected', identity, 'the page cursor is not valid', {
      status: 400,
      code: 'FORMAT_ERROR',
      text: 'The page cursor is not valid',
    });
  }
  return new URLSearchParams(search);
}

/** Cursors to the bank's first/previous/next/last pages that stay on this account's report. */
export function transactionPages(
  links: unknown,
  baseUrl: URL,
  reportPath: string,
): TransactionPages {
  const pages: TransactionPages = {};
  if (!isObject(links)) return pages;
  for (const name of ['first', 'previous', 'next', 'last'] as const) {
    const link = links[name];
    const href = isObject(link) ? link.href : link;
    if (typeof href !== 'string') continue;
    let url: URL;
    try {
      url = new URL(href, baseUrl);
    } catch {
      continue;
    }
    if (url.origin !== baseUrl.origin || url.pathname !== reportPath) continue;
    const search = url.search.replace(/^\?/, '');
    if (search !== '' && CURSOR_QUERY.test(search)) pages[name] = encodeCursor(search);
  }
  return pages;
}
