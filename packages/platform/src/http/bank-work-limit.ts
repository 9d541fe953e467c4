/**
 * Limits on bank work that no authenticated TPP asked for: a consent created from the hosted
 * consent page, or from the demo app, on behalf of whoever opened it. Anyone who knows a client
 * id and one of its redirect URIs can open the consent page, so without a bound a script could
 * make a bank do work in a client's name as fast as it likes, and a bank that then throttles or
 * fails would hurt every TPP. Each such start is counted twice, per client and per source (the
 * address the server sees, with its trust-proxy setting), in the same database counters as the
 * per-client rate limit (`RateLimiter`), so every instance shares the counts.
 *
 * The keys are apart from the clients' own API budgets (`consent-page:client:<id>`), so the
 * visitors of a page can never spend a client's API budget. Only admitted starts count.
 */
import { type RateLimitCounts, RateLimiter, type RateLimitPolicy } from './rate-limit.js';

/** The defaults, as `BANKBRIDGE_PAGE_LIMIT_*` spell them: far above what a person does. */
export const BANK_WORK_LIMIT_DEFAULTS = {
  source: '60/60min,10/min',
  client: '600/min,100/10s',
} as const;

export interface BankWorkPolicies {
  /** Per source address; undefined: off. */
  source: RateLimitPolicy | undefined;
  /** Per client; undefined: off. */
  client: RateLimitPolicy | undefined;
}

export type BankWorkDecision =
  | { admitted: true }
  | { admitted: false; limitedBy: 'source' | 'client'; retryAfterSeconds: number };

export class BankWorkLimit {
  private readonly source: RateLimiter | undefined;
  private readonly client: RateLimiter | undefined;

  constructor(
    /** Where the work starts (`consent-page`, `demo`): each place has its own counts. */
    private readonly place: string,
    counters: RateLimitCounts,
    policies: BankWorkPolicies,
    now?: () => Date,
    /** Told of every refusal, by the limit that refused (metrics). */
    onRefused?: (limitedBy: 'source' | 'client') => void,
  ) {
    const limiter = (policy: RateLimitPolicy | undefined, limitedBy: 'source' | 'client') =>
      policy &&
      new RateLimiter({
        counters,
        policy,
        ...(now ? { now } : {}),
        ...(onRefused ? { onRefused: () => onRefused(limitedBy) } : {}),
      });
    this.source = limiter(policies.source, 'source');
    this.client = limiter(policies.client, 'client');
  }

  /**
   * Counts one start of bank work for `clientId` from `source`, or refuses it. The source is
   * asked first, so that one noisy source that is refused spends nothing of the client's count.
   */
  async admit(clientId: string, source: string): Promise<BankWorkDecision> {
    if (this.source) {
      const decision = await this.source.hit(`${this.place}:source:${source}`);
      if (!decision.admitted) {
        return {
          admitted: false,
          limitedBy: 'source',
          retryAfterSeconds: decision.retryAfterSeconds,
        };
      }
    }
    if (this.client) {
      const decision = await this.client.hit(`${this.place}:client:${clientId}`);
      if (!decision.admitted) {
        return {
          admitted: false,
          limitedBy: 'client',
          retryAfterSeconds: decision.retryAfterSeconds,
        };
      }
    }
    return { admitted: true };
  }
}

/** What a person reads when a start is refused: to wait, and for how long. */
export function bankWorkRefusalText(retryAfterSeconds: number): string {
  return `Too many connections to banks are being started just now. Please try again in ${waitText(retryAfterSeconds)}.`;
}

function waitText(seconds: number): string {
  if (seconds < 120) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 120) return `${minutes} minutes`;
  return `${Math.ceil(minutes / 60)} hours`;
}
