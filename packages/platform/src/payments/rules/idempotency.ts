/**
 * X-Request-ID replay safety on POST, PUT and DELETE: an extension of Berlin Group (which gives
 * X-Request-ID no replay meaning), so a TPP that sends a fresh UUID every time sees no
 * difference. For the same client and X-Request-ID within the window:
 *  - the same request again → replay the first answer (same `paymentId`,
 *    `Idempotent-Replayed: true`): a TPP retrying after a lost response gets one payment;
 *  - the first is still being answered → wait for it (concurrent duplicates get its answer);
 *  - a different request → 400 FORMAT_ERROR "X-Request-ID already used for a different request":
 *    the first stays as it was (a retried id with a new amount must not change a payment).
 * Another client's record, or one older than the window, is no match: a new request. A first
 * request still unanswered after `staleMs` died with its instance: the same request again runs
 * anew (takes the record over); a different one is still refused.
 *
 * "The same request" is the same method, path and body, and the values of the headers that
 * say what is asked (which bank, which PSU, where to send the PSU back): the caller hashes
 * `requestFingerprint(...)` (hashing is the caller's, so these rules import no crypto) and
 * stores the hash with the first answer.
 */
import { type PaymentRuleError, refusal } from './errors.js';

/** Decision: 24 hours, as UK Open Banking's idempotency key; configurable per platform. */
export const DEFAULT_REPLAY_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface StoredRequest {
  clientId: string;
  requestId: string;
  requestHash: string;
  receivedAt: Date;
  /** false while the first request is still being answered. */
  answered: boolean;
  /** When the unanswered first request began; with `staleMs`, an old one counts as dead. */
  claimedAt?: Date;
}

export interface IncomingRequest {
  clientId: string;
  requestId: string;
  requestHash: string;
  now: Date;
}

export type IdempotencyDecision =
  | { action: 'new' }
  | { action: 'replay' }
  | { action: 'wait' }
  | { action: 'refuse'; error: PaymentRuleError };

export function decideIdempotency(
  stored: StoredRequest | undefined,
  incoming: IncomingRequest,
  options: { windowMs?: number; staleMs?: number } = {},
): IdempotencyDecision {
  if (
    stored === undefined ||
    stored.clientId !== incoming.clientId ||
    stored.requestId.toLowerCase() !== incoming.requestId.toLowerCase()
  ) {
    return { action: 'new' };
  }
  const windowMs = options.windowMs ?? DEFAULT_REPLAY_WINDOW_MS;
  const age = incoming.now.getTime() - stored.receivedAt.getTime();
  if (age >= windowMs) return { action: 'new' };
  if (stored.requestHash !== incoming.requestHash) {
    return {
      action: 'refuse',
      error: refusal('FORMAT_ERROR', 400, 'X-Request-ID already used for a different request'),
    };
  }
  if (stored.answered) return { action: 'replay' };
  const { staleMs } = options;
  const claimedAt = stored.claimedAt ?? stored.receivedAt;
  if (staleMs !== undefined && incoming.now.getTime() - claimedAt.getTime() >= staleMs) {
    return { action: 'new' };
  }
  return { action: 'wait' };
}

/**
 * JSON with object keys sorted and no whitespace, so that two bodies that mean the same
 * (`{"a":1,"b":2}` and `{ "b": 2, "a": 1 }`) hash the same. Array order counts.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    return text === undefined ? 'null' : text;
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  }
  const entries = Object.keys(value)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort()
    .map(
      (key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`,
    );
  return `{${entries.join(',')}}`;
}

/**
 * What identifies a request for replay: method, path (without query), body and, when given,
 * the headers that say what is asked (names in any case; absent or blank ones do not count,
 * so a request without any has the fingerprint of method, path and body alone).
 */
export function requestFingerprint(request: {
  method: string;
  path: string;
  body: unknown;
  headers?: Record<string, string | undefined>;
}): string {
  const parts: unknown[] = [request.method.toUpperCase(), request.path, request.body ?? null];
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    if (value !== undefined && value.trim() !== '') headers[name.toLowerCase()] = value.trim();
  }
  if (Object.keys(headers).length > 0) parts.push(headers);
  return canonicalJson(parts);
}
