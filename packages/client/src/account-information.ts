/**
 * The Account information API (`/psd2/accountinformation/v1`) under one consent: accounts,
 * balances, transactions page by page (following the API's own `_links.next`), and
 * transaction details.
 */
import { type ApiCaller, psuHeaders, segment } from './api-caller.js';
import type {
  AccountDetailsResponse,
  AccountList,
  Balances,
  ConsentRef,
  Psu,
  Transaction,
  TransactionDetailsResponse,
  TransactionQuery,
  TransactionsResponse,
  WithResponse,
} from './types.js';

const BASE = '/psd2/accountinformation/v1/accounts';

export interface AccountInformationScope extends ConsentRef {
  /**
   * The PSU, when they are present (looking at the screen): reads are then not counted
   * against the consent's frequencyPerDay. Leave it out for reads in the background.
   */
  psu?: Psu | undefined;
}

export interface ReadOptions {
  signal?: AbortSignal;
}

export class AccountInformationApi {
  constructor(
    private readonly api: ApiCaller,
    private readonly scope: AccountInformationScope,
  ) {}

  accounts(
    options: ReadOptions & { withBalance?: boolean } = {},
  ): Promise<WithResponse<AccountList>> {
    return this.get(BASE, { withBalance: options.withBalance }, options);
  }

  account(
    accountId: string,
    options: ReadOptions & { withBalance?: boolean } = {},
  ): Promise<WithResponse<AccountDetailsResponse>> {
    return this.get(`${BASE}/${segment(accountId)}`, { withBalance: options.withBalance }, options);
  }

  balances(accountId: string, options: ReadOptions = {}): Promise<WithResponse<Balances>> {
    return this.get(`${BASE}/${segment(accountId)}/balances`, {}, options);
  }

  /** One page of transactions; the next is at `transactions._links.next` (see `transactionPages`). */
  transactions(
    accountId: string,
    query: TransactionQuery,
    options: ReadOptions = {},
  ): Promise<WithResponse<TransactionsResponse>> {
    return this.get(`${BASE}/${segment(accountId)}/transactions`, { ...query }, options);
  }

  /** Every page of the query, newest first as the bank orders them, fetched as you iterate. */
  async *transactionPages(
    accountId: string,
    query: TransactionQuery,
    options: ReadOptions = {},
  ): AsyncGenerator<WithResponse<TransactionsResponse>> {
    let page = await this.transactions(accountId, query, options);
    const seen = new Set<string>();
    for (;;) {
      yield page;
      const next = page.transactions?._links?.next?.href;
      // A link seen before would page forever: the API's cursors never repeat.
      if (!next || seen.has(next)) return;
      seen.add(next);
      page = await this.get<TransactionsResponse>(next, {}, options);
    }
  }

  /** Every transaction of the query across its pages, with whether it is booked or pending. */
  async *eachTransaction(
    accountId: string,
    query: TransactionQuery,
    options: ReadOptions = {},
  ): AsyncGenerator<{ status: 'booked' | 'pending'; transaction: Transaction }> {
    for await (const page of this.transactionPages(accountId, query, options)) {
      for (const transaction of page.transactions?.booked ?? []) {
        yield { status: 'booked', transaction };
      }
      for (const transaction of page.transactions?.pending ?? []) {
        yield { status: 'pending', transaction };
      }
    }
  }

  transaction(
    accountId: string,
    transactionId: string,
    options: ReadOptions = {},
  ): Promise<WithResponse<TransactionDetailsResponse>> {
    return this.get(
      `${BASE}/${segment(accountId)}/transactions/${segment(transactionId)}`,
      {},
      options,
    );
  }

  private get<T extends object>(
    path: string,
    query: Record<string, string | boolean | undefined>,
    options: ReadOptions,
  ): Promise<WithResponse<T>> {
    return this.api.answer<T>({
      method: 'GET',
      path,
      service: 'accountinformation',
      query,
      headers: {
        'Consent-ID': this.scope.consentId,
        'X-BicFi': this.scope.bic,
        ...psuHeaders(this.scope.psu),
      },
      signal: options.signal,
    });
  }
}
