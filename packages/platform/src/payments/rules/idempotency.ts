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
 * (`{"a":1,"b":2}` and `{ "b": 2, "a": 1 }`) hash the same. Array order counts. Written with a
 * stack of its own rather than recursion: a request body nested 30,000 deep (small enough to be
 * read) must be hashed, and then refused by its route, not overflow the call stack.
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  // What is still to write, last first: a value, or text as it is.
  const todo: ({ text: string } | { value: unknown })[] = [{ value }];
  for (let item = todo.pop(); item !== undefined; item = todo.pop()) {
    if ('text' in item) {
      out.push(item.text);
      continue;
    }
    const current = item.value;
    if (current === null || typeof current !== 'object') {
      const text = JSON.stringify(current);
      out.push(text === undefined ? 'null' : text);
    } else if (Array.isArray(current)) {
      todo.push({ text: ']' });
      for (let i = current.length - 1; i >= 0; i -= 1) {
        todo.push({ value: current[i] });
        if (i > 0) todo.push({ text: ',' });
      }
      todo.push({ text: '[' });
    } else {
      const record = current as Record<string, unknown>;
      const keys = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort();
      todo.push({ text: '}' });
      for (let i = keys.length - 1; i >= 0; i -= 1) {
        const key = keys[i] as string;
        todo.push({ value: record[key] });
        todo.push({ text: `${i > 0 ? ',' : ''}${JSON.stringify(key)}:` });
      }
      todo.push({ text: '{' });
    }
  }
  return out.join('');
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
