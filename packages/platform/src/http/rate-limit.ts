/**
 * Per-client rate limits, shared by every instance through the store.
 *
 * A policy is one window (`1000/min`) or a window with a burst slot nested in it
 * (`100/min,50/10s`: at most 100 requests a minute, and at most 50 of them in any of its
 * 10-second slots). Windows are fixed, aligned to the Unix epoch, the same on every instance.
 * Each request costs one statement (`store/rate-limits.ts`); only admitted requests count, so a
 * client that keeps calling while refused gets its full budget back when the window turns.
 * Counting in memory and writing the counts now and then would save the statement, but then each
 * instance would admit requests the others do not know of, and a crash would forget some: the
 * limit would stop being exact across instances. The statement is one small write.
 *
 * Answers carry the rate-limit header fields of draft-ietf-httpapi-ratelimit-headers-06, the
 * version most clients read: `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset`
 * (seconds) for the window closest to its limit, and `RateLimit-Policy` naming every window
 * (`100;w=60, 50;w=10`). A refusal adds `Retry-After`.
 *
 * `registerRateLimit` is the piece an API registers in its scope; the API decides how a refusal
 * looks in its protocol (on /psd2: 429 ACCESS_EXCEEDED in `tppMessages`).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Where the counts live, shared by every instance: store/rate-limits.ts, handed in by
 * platform.ts. `hit` counts one request if it fits both limits and answers the counts after
 * it, atomically, so instances sharing the counts admit exactly the limit between them.
 */
export interface RateLimitCounts {
  hit(
    clientId: string,
    windows: { windowStart: number; windowLimit: number; burstStart: number; burstLimit: number },
  ): Promise<{
    admitted: boolean;
    windowStart: number;
    windowCount: number;
    burstStart: number;
    burstCount: number;
  }>;
}

export interface RateLimitWindow {
  /** Requests admitted per window. */
  limit: number;
  seconds: number;
}

export interface RateLimitPolicy {
  /** The main window, and a shorter one nested in it (or the same window again). */
  window: RateLimitWindow;
  burst: RateLimitWindow;
}

/** The limits of each profile (`BANKBRIDGE_PROFILE`), as `BANKBRIDGE_RATE_LIMIT` would spell them. */
export const RATE_LIMIT_PROFILES = {
  sandbox: '100/min,50/10s',
  production: '1000/min',
} as const;

export type Profile = keyof typeof RATE_LIMIT_PROFILES;

/**
 * Reads `100/min`, `1000/60s`, `100/min,50/10s` or `off`. Returns the policy (undefined for
 * off) or, for anything else, a message saying what is wrong.
 */
export function parseRateLimit(raw: string): RateLimitPolicy | undefined | string {
  const text = raw.trim().toLowerCase();
  if (text === 'off') return undefined;
  const parts = text.split(',').map((part) => part.trim());
  if (parts.length > 2) return 'at most two limits: a window and a burst inside it';
  const windows: RateLimitWindow[] = [];
  for (const part of parts) {
    const match = /^(\d{1,9})\s*\/\s*(\d{0,6})\s*(s|sec|m|min)$/.exec(part);
    if (!match) return `"${part}" is not <count>/<seconds>s or <count>/<minutes>min`;
    const limit = Number(match[1]);
    const seconds = Number(match[2] || '1') * (match[3]?.startsWith('m') ? 60 : 1);
    if (limit < 1) return `"${part}": the count must be at least 1`;
    if (seconds < 1 || seconds > 86_400) return `"${part}": a window lasts 1 s to 1 day`;
    windows.push({ limit, seconds });
  }
  const [window, burst = window] = windows as [RateLimitWindow, RateLimitWindow?];
  if (burst !== window) {
    if (burst.seconds >= window.seconds || window.seconds % burst.seconds !== 0) {
      return 'the burst window must be shorter than the main window and divide it (60s and 10s)';
    }
    if (burst.limit >= window.limit) {
      return 'the burst limit must be lower than the main limit';
    }
  }
  return { window, burst };
}

/** `100/min,50/10s` for a policy. */
export function describePolicy(policy: RateLimitPolicy | undefined): string {
  if (!policy) return 'off';
  const one = (w: RateLimitWindow) =>
    w.seconds % 60 === 0
      ? `${w.limit}/${w.seconds === 60 ? '' : w.seconds / 60}min`
      : `${w.limit}/${w.seconds}s`;
  return policy.burst === policy.window || sameWindow(policy.burst, policy.window)
    ? one(policy.window)
    : `${one(policy.window)},${one(policy.burst)}`;
}

function sameWindow(a: RateLimitWindow, b: RateLimitWindow): boolean {
  return a.limit === b.limit && a.seconds === b.seconds;
}

export interface WindowState extends RateLimitWindow {
  /** Admitted requests in the current window. */
  used: number;
  remaining: number;
  /** Seconds until the window turns. */
  resetSeconds: number;
}

export interface RateLimitDecision {
  admitted: boolean;
  clientId: string;
  policy: RateLimitPolicy;
  /** The window closest to its limit: the one the headers describe. */
  binding: WindowState;
  /** On a refusal: seconds until every full window has turned. */
  retryAfterSeconds: number;
}

export interface RateLimiterOptions {
  counters: RateLimitCounts;
  policy: RateLimitPolicy;
  now?: () => Date;
  /** Told of every refusal (metrics). */
  onRefused?: () => void;
}

/** Counts a client's requests against the policy. */
export class RateLimiter {
  readonly policy: RateLimitPolicy;
  private readonly counters: RateLimitCounts;
  private readonly now: () => Date;
  private readonly policyHeader: string;
  private readonly onRefused: (() => void) | undefined;

  constructor(options: RateLimiterOptions) {
    this.onRefused = options.onRefused;
    this.policy = options.policy;
    this.counters = options.counters;
    this.now = options.now ?? (() => new Date());
    const { window, burst } = this.policy;
    this.policyHeader = sameWindow(window, burst)
      ? `${window.limit};w=${window.seconds}`
      : `${window.limit};w=${window.seconds}, ${burst.limit};w=${burst.seconds}`;
  }

  /** Counts one request of `clientId` if the policy allows it; one statement. */
  async hit(clientId: string): Promise<RateLimitDecision> {
    const nowMs = this.now().getTime();
    const seconds = Math.floor(nowMs / 1000);
    const { window, burst } = this.policy;
    const count = await this.counters.hit(clientId, {
      windowStart: seconds - (seconds % window.seconds),
      windowLimit: window.limit,
      burstStart: seconds - (seconds % burst.seconds),
      burstLimit: burst.limit,
    });
    const state = (w: RateLimitWindow, start: number, used: number): WindowState => ({
      ...w,
      used,
      remaining: Math.max(0, w.limit - used),
      // At least 1: a window that turns within this second is answered as turning in one.
      resetSeconds: Math.min(
        w.seconds,
        Math.max(1, Math.ceil(((start + w.seconds) * 1000 - nowMs) / 1000)),
      ),
    });
    const main = state(window, count.windowStart, count.windowCount);
    const slot = state(burst, count.burstStart, count.burstCount);
    const binding =
      slot.remaining < main.remaining ||
      (slot.remaining === main.remaining && slot.resetSeconds > main.resetSeconds)
        ? slot
        : main;
    const full = [main, slot].filter((w) => w.remaining === 0);
    if (!count.admitted) this.onRefused?.();
    return {
      admitted: count.admitted,
      clientId,
      policy: this.policy,
      binding,
      retryAfterSeconds: count.admitted ? 0 : Math.max(1, ...full.map((w) => w.resetSeconds)),
    };
  }

  /** The header fields of a decision; `Retry-After` on a refusal. */
  headers(decision: RateLimitDecision): Record<string, string> {
    const headers: Record<string, string> = {
      'RateLimit-Limit': String(decision.binding.limit),
      'RateLimit-Remaining': String(decision.binding.remaining),
      'RateLimit-Reset': String(decision.binding.resetSeconds),
      'RateLimit-Policy': this.policyHeader,
    };
    if (!decision.admitted) headers['Retry-After'] = String(decision.retryAfterSeconds);
    return headers;
  }
}

/**
 * What a refusal says, in any protocol: that it is Bankbridge's per-client rate limit, which
 * limit, and when to come back. It does not mention frequencyPerDay: the refusals of a consent's
 * daily budget at the bank name it, so a TPP can tell the two apart by the text alone.
 */
export function rateLimitText(decision: RateLimitDecision): string {
  const { binding } = decision;
  return `Bankbridge's per-client rate limit is reached: this client may make ${binding.limit} requests per ${binding.seconds} seconds (policy ${describePolicy(decision.policy)}); retry after ${decision.retryAfterSeconds} seconds.`;
}

export interface RateLimitHookOptions {
  limiter: RateLimiter;
  /**
   * The client a request counts against; undefined leaves it uncounted (refused before
   * authentication, say). Default: the client of the verified bearer token (`request.token`).
   */
  clientOf?: (request: FastifyRequest) => string | undefined;
  /** The API's own refusal (status 429 and its error format); the hook adds the headers. */
  refusal: (decision: RateLimitDecision, request: FastifyRequest) => Error;
}

/**
 * Rate-limits every route registered in `app`'s scope after this call. The check runs as the
 * last preHandler of each route, after the scope's token check, so it counts authenticated
 * requests only and knows their client. Admitted answers carry the rate-limit headers; a
 * refusal is thrown as `refusal(decision)` for the scope's error handler, with the headers
 * (and Retry-After) already on the reply.
 */
export function registerRateLimit(app: FastifyInstance, options: RateLimitHookOptions): void {
  const { limiter, refusal } = options;
  const clientOf =
    options.clientOf ??
    ((request: FastifyRequest) => (request as { token?: { clientId?: string } }).token?.clientId);
  const check = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const clientId = clientOf(request);
    if (clientId === undefined) return;
    const decision = await limiter.hit(clientId);
    reply.headers(limiter.headers(decision));
    if (!decision.admitted) {
      request.log.info({ clientId, retryAfter: decision.retryAfterSeconds }, 'rate limit reached');
      throw refusal(decision, request);
    }
  };
  app.addHook('onRoute', (route) => {
    // Route-level preHandlers run after the scope's own, the token check among them.
    const existing = route.preHandler;
    route.preHandler = existing === undefined ? [check] : [existing, check].flat();
  });
}
