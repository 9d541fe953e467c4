import type { SealedBox } from '../security/sealed-box.js';
import type { TransactionListQuery } from './transaction-query.js';

/** What a page cursor holds: the connector's cursor and the TPP's query it pages. */
export interface TransactionPage {
  /** The connector's cursor (the bank's own page query). */
  bank: string;
  /** The query the TPP asked, for the access checks and the links of the page. */
  query: TransactionListQuery;
}

/**
 * Transaction page cursors as TPPs see them: the connector's cursor and the TPP's query,
 * sealed with a key of Bankbridge's and bound to one consent and one account. A TPP can
 * neither read the bank's query nor forge one, nor use a cursor with another consent or account.
 */
export class PageCursors {
  constructor(private readonly box: SealedBox) {}

  wrap(page: TransactionPage, consentId: string, accountId: string): string {
    return this.box.seal(JSON.stringify(page), binding(consentId, accountId));
  }

  /** The page, or undefined for a cursor that is not one of ours for this pair. */
  unwrap(cursor: string, consentId: string, accountId: string): TransactionPage | undefined {
    let page: unknown;
    try {
      page = JSON.parse(this.box.open(cursor, binding(consentId, accountId)));
    } catch {
      return undefined;
    }
    return isTransactionPage(page) ? page : undefined;
  }
}

function binding(consentId: string, accountId: string): string {
  return `transactions-page:${consentId}:${accountId}`;
}

function isTransactionPage(value: unknown): value is TransactionPage {
  if (typeof value !== 'object' || value === null) return false;
  const { bank, query } = value as Record<string, unknown>;
  return (
    typeof bank === 'string' &&
    typeof query === 'object' &&
    query !== null &&
    typeof (query as Record<string, unknown>).bookingStatus === 'string'
  );
}
