import type { BankCallAttempt } from '../connectors/index.js';
import type { Logger } from '../logging/logger.js';
import { RequestLogRows } from '../store/request-log.js';
import type { Db, RequestLogTable } from '../store/schema.js';
import { timeOrderedId } from '../store/time-ordered-id.js';

export type BankCall = Omit<BankCallAttempt, 'requestId'>;

export interface RequestLogEntry {
  id: string;
  clientId: string;
  requestId: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  bankCalls: BankCall[];
  at: string;
  /** What an answer of 400 or more said was wrong: its error code and text, when it named one. */
  errorCode: string | null;
  errorText: string | null;
}

export interface RequestLogOptions {
  logger: Logger;
  now?: () => Date;
  /** Rows older than this are deleted. */
  retentionDays?: number;
  /** At most this many rows are kept, the newest. */
  maxRows?: number;
  /** Rows wait at most this long in memory before they are written together. */
  flushDelayMs?: number;
}

/** Rows waiting in memory beyond this (the database is away) are dropped, not hoarded. */
const MAX_PENDING = 5_000;
const BATCH_ROWS = 200;

/**
 * The authenticated API requests of each client, with the bank calls each caused, for the
 * portal. Written off the request path: rows are queued when a response is sent and inserted
 * in batches, so a busy API pays one insert per batch. Readers flush first, so what this
 * instance answered is always visible; another instance's rows follow within `flushDelayMs`.
 */
export class RequestLog {
  private readonly logger: Logger;
  private readonly now: () => Date;
  private readonly retentionDays: number;
  private readonly maxRows: number;
  private readonly flushDelayMs: number;
  private pending: RequestLogTable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private dropped = 0;
  private pruner: NodeJS.Timeout | undefined;
  private pruning: Promise<void> = Promise.resolve();
  private readonly rows: RequestLogRows;

  constructor(db: Db, options: RequestLogOptions) {
    this.rows = new RequestLogRows(db);
    this.logger = options.logger;
    this.now = options.now ?? (() => new Date());
    this.retentionDays = options.retentionDays ?? 7;
    this.maxRows = options.maxRows ?? 100_000;
    this.flushDelayMs = options.flushDelayMs ?? 200;
  }

  add(
    entry: Omit<RequestLogEntry, 'id' | 'at' | 'errorCode' | 'errorText'> &
      Partial<Pick<RequestLogEntry, 'errorCode' | 'errorText'>>,
  ): void {
    if (this.pending.length >= MAX_PENDING) {
      this.dropped++;
      return;
    }
    const at = this.now();
    this.pending.push({
      id: timeOrderedId(at.getTime()),
      client_id: entry.clientId,
      request_id: entry.requestId,
      method: entry.method,
      path: entry.path,
      status: entry.status,
      duration_ms: entry.durationMs,
      bank_calls: JSON.stringify(entry.bankCalls),
      at: at.toISOString(),
      error_code: entry.errorCode ?? null,
      error_text: entry.errorText ?? null,
    });
    if (this.pending.length >= BATCH_ROWS) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.flushDelayMs).unref();
  }

  /** Writes what is queued; never throws (a lost log row must not fail anything). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.writing = this.writing.then(async () => {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, BATCH_ROWS);
        try {
          await this.rows.insert(batch);
        } catch (err) {
          this.logger.warn({ err, rows: batch.length }, 'could not write the request log');
        }
      }
      if (this.dropped > 0) {
        this.logger.warn({ rows: this.dropped }, 'request log rows dropped: the store is behind');
        this.dropped = 0;
      }
    });
    return this.writing;
  }

  /** A client's most recent requests, newest first; only those with `requestId` when given. */
  async recent(
    clientId: string,
    options: { limit?: number; requestId?: string } = {},
  ): Promise<RequestLogEntry[]> {
    await this.flush();
    const rows = await this.rows.recent(clientId, {
      limit: options.limit ?? 50,
      requestId: options.requestId,
    });
    return rows.map(toEntry);
  }

  /**
   * A client's most recent requests whose X-Request-ID or path contains `text` (part of an id,
   * a consent or payment id, a piece of a path), newest first.
   */
  async search(clientId: string, text: string, limit = 50): Promise<RequestLogEntry[]> {
    await this.flush();
    return (await this.rows.containing(clientId, text, limit)).map(toEntry);
  }

  /**
   * The requests of a client that touched one resource: those with its id in the path and
   * those made with one of `requestIds` (its creation), oldest first.
   */
  async about(
    clientId: string,
    id: string,
    requestIds: string[],
    limit = 100,
  ): Promise<RequestLogEntry[]> {
    await this.flush();
    return (await this.rows.about(clientId, id, requestIds, limit)).map(toEntry);
  }

  /** Deletes rows past the retention time and beyond the row cap; returns how many. */
  async prune(): Promise<number> {
    await this.flush();
    const cutoff = new Date(this.now().getTime() - this.retentionDays * 86_400_000).toISOString();
    const old = await this.rows.deleteBefore(cutoff);
    const newestKept = await this.rows.nthNewestAt(this.maxRows);
    const excess = newestKept ? await this.rows.deleteBefore(newestKept) : 0;
    return old + excess;
  }

  /** Prunes now and then every `intervalMs` until closed. */
  startPruning(intervalMs = 10 * 60_000): void {
    const run = () => {
      this.pruning = this.prune().then(
        () => undefined,
        (err: unknown) => this.logger.warn({ err }, 'could not prune the request log'),
      );
    };
    run();
    this.pruner = setInterval(run, intervalMs).unref();
  }

  async close(): Promise<void> {
    clearInterval(this.pruner);
    await this.pruning;
    await this.flush();
  }
}

function toEntry(row: RequestLogTable): RequestLogEntry {
  return {
    id: row.id,
    clientId: row.client_id,
    requestId: row.request_id,
    method: row.method,
    path: row.path,
    status: row.status,
    durationMs: row.duration_ms,
    bankCalls: JSON.parse(row.bank_calls) as BankCall[],
    at: row.at,
    errorCode: row.error_code,
    errorText: row.error_text,
  };
}
