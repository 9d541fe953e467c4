import { type CompiledQuery, sql } from 'kysely';
import type { Db } from './schema.js';

/** The windows one request is counted in: the main window and the burst slot inside it. */
export interface RateLimitWindows {
  /** Start of the current main window, in Unix seconds (a multiple of its length). */
  windowStart: number;
  windowLimit: number;
  /** Start of the current burst slot, in Unix seconds. */
  burstStart: number;
  burstLimit: number;
}

/** A client's counts after one request, as the database holds them. */
export interface RateLimitCount {
  admitted: boolean;
  windowStart: number;
  /** Requests admitted in the window, this one included if it was admitted. */
  windowCount: number;
  burstStart: number;
  burstCount: number;
}

interface CountRow {
  admitted: number;
  window_start: number;
  window_count: number;
  burst_start: number;
  burst_count: number;
}

/**
 * Per-client request counters (migration 0009). `hit` is one atomic statement: instances that
 * share the database admit exactly the limit between them.
 */
export class RateLimitCounters {
  private readonly statement: CompiledQuery<CountRow>;

  constructor(private readonly db: Db) {
    this.statement = compileHit(db);
  }

  /**
   * Counts one request of `clientId` if it fits both limits; answers whether it was admitted
   * and the counts after it. A window another instance already started (its clock a little
   * ahead) is kept: windows only move forward, so clocks that differ cannot reset a count.
   */
  async hit(clientId: string, windows: RateLimitWindows): Promise<RateLimitCount> {
    const { windowStart, windowLimit, burstStart, burstLimit } = windows;
    // The statement is built once; only its parameters change (in the columns' order).
    const { rows } = await this.db.executeQuery<CountRow>({
      ...this.statement,
      parameters: [clientId, windowStart, 1, burstStart, 1, 1, windowLimit, burstLimit],
    });
    const row = rows[0];
    if (!row) throw new Error('the rate limit counter answered no row');
    return {
      admitted: Number(row.admitted) === 1,
      windowStart: Number(row.window_start),
      windowCount: Number(row.window_count),
      burstStart: Number(row.burst_start),
      burstCount: Number(row.burst_count),
    };
  }
}

/**
 * INSERT ... ON CONFLICT DO UPDATE ... RETURNING, compiled once: building it on every request
 * cost several times what running it does. The limits come in with the row (`excluded`), so
 * the only parameters are the inserted values.
 */
function compileHit(db: Db): CompiledQuery<CountRow> {
  // The counts as of this request: the stored ones if their window is still current.
  const windowCount = sql<number>`(case when rate_limits.window_start >= excluded.window_start then rate_limits.window_count else 0 end)`;
  const burstCount = sql<number>`(case when rate_limits.burst_start >= excluded.burst_start then rate_limits.burst_count else 0 end)`;
  const admit = sql<number>`(case when ${windowCount} < excluded.window_limit and ${burstCount} < excluded.burst_limit then 1 else 0 end)`;
  const compiled = db
    .insertInto('rate_limits')
    .values({
      client_id: '',
      window_start: 0,
      window_count: 1,
      burst_start: 0,
      burst_count: 1,
      admitted: 1,
      window_limit: 0,
      burst_limit: 0,
    })
    .onConflict((oc) =>
      oc.column('client_id').doUpdateSet({
        window_start: sql<number>`(case when rate_limits.window_start >= excluded.window_start then rate_limits.window_start else excluded.window_start end)`,
        window_count: sql<number>`${windowCount} + ${admit}`,
        burst_start: sql<number>`(case when rate_limits.burst_start >= excluded.burst_start then rate_limits.burst_start else excluded.burst_start end)`,
        burst_count: sql<number>`${burstCount} + ${admit}`,
        admitted: admit,
        window_limit: sql<number>`excluded.window_limit`,
        burst_limit: sql<number>`excluded.burst_limit`,
      }),
    )
    .returning(['admitted', 'window_start', 'window_count', 'burst_start', 'burst_count'])
    .compile();
  if (compiled.parameters.length !== 8) {
    throw new Error(`the rate limit statement has ${compiled.parameters.length} parameters, not 8`);
  }
  return compiled;
}
