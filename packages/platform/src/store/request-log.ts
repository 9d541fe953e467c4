import { sql } from 'kysely';
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

  /**
   * A client's newest rows whose X-Request-ID or path contains `text`, ignoring case: a
   * developer pastes part of an id, a payment or consent id, or a piece of a path.
   */
  containing(clientId: string, text: string, limit: number): Promise<RequestLogTable[]> {
    const pattern = `%${likeEscaped(text.toLowerCase())}%`;
    return this.db
      .selectFrom('request_log')
      .selectAll()
      .where('client_id', '=', clientId)
      .where((eb) =>
        eb.or([
          sql<boolean>`lower(request_id) like ${pattern} escape '\\'`,
          sql<boolean>`lower(path) like ${pattern} escape '\\'`,
        ]),
      )
      .orderBy('at', 'desc')
      .limit(limit)
      .execute();
  }

  /**
   * A client's rows about one resource, oldest first: those whose path names `id`, and those
   * made with one of `requestIds` (the request that created it has no id in its path).
   */
  about(
    clientId: string,
    id: string,
    requestIds: string[],
    limit: number,
  ): Promise<RequestLogTable[]> {
    // A whole path segment: the payment p-1 is not in /payments/p-10.
    const segment = likeEscaped(id);
    const onPath = [`%/${segment}`, `%/${segment}/%`, `%/${segment}?%`].map(
      (pattern) => sql<boolean>`path like ${pattern} escape '\\'`,
    );
    return this.db
      .selectFrom('request_log')
      .selectAll()
      .where('client_id', '=', clientId)
      .where((eb) =>
        eb.or([...onPath, ...(requestIds.length > 0 ? [eb('request_id', 'in', requestIds)] : [])]),
      )
      .orderBy('at', 'asc')
      .limit(limit)
      .execute();
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

/** `text` as a LIKE pattern matching itself: SQLite has no default escape, so one is named. */
function likeEscaped(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
