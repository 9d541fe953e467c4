import type { Db, RequestLogTable } from './schema.js';

/** The portal's log of API requests in `request_log`; batching and retention are the caller's. */
export class RequestLogRows {
  constructor(private readonly db: Db) {}

  async insert(rows: RequestLogTable[]): Promise<void> {
    await this.db.insertInto('request_log').values(rows).execute();
  }

  /** A client's newest rows first, at most `limit`; only those of `requestId` when given. */
  recent(
    clientId: string,
    options: { limit: number; requestId?: string | undefined },
  ): Promise<RequestLogTable[]> {
    let query = this.db
      .selectFrom('request_log')
      .selectAll()
      .where('client_id', '=', clientId)
      .orderBy('at', 'desc')
      .limit(options.limit);
    if (options.requestId) query = query.where('request_id', '=', options.requestId);
    return query.execute();
  }

  /** Deletes the rows older than `at` (an ISO time); answers how many. */
  async deleteBefore(at: string): Promise<number> {
    const result = await this.db.deleteFrom('request_log').where('at', '<', at).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** The time of the `n`th newest row (1 is the newest), if there are that many. */
  async nthNewestAt(n: number): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('request_log')
      .select('at')
      .orderBy('at', 'desc')
      .offset(n - 1)
      .limit(1)
      .executeTakeFirst();
    return row?.at;
  }
}
