// X-Request-ID replay: a TPP that repeats a create call (same client, same X-Request-ID,
// same body) after losing the answer gets the first answer again instead of a second
// payment. Berlin Group defines no idempotency; this never harms a TPP that sends a fresh
// id every time.

import { createHash } from 'node:crypto';

export const REPLAY_WINDOW_MS = 24 * 3600_000;

export interface StoredAnswer {
  bodyHash: string;
  status: number;
  body: unknown;
  location?: string;
  at: number;
}

export type ReplayDecision =
  | { kind: 'new' }
  | { kind: 'replay'; answer: StoredAnswer }
  | { kind: 'conflict' };

/** Order-independent for object keys, so a re-serialised body still counts as the same. */
export function canonicalHash(value: unknown): string {
  const canonical = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canonical);
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.keys(v as object)
          .sort()
          .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
      );
    return v;
  };
  return createHash('sha256')
    .update(JSON.stringify(canonical(value)) ?? '')
    .digest('hex');
}

export class ReplayStore {
  private readonly answers = new Map<string, StoredAnswer>();

  private key(clientId: string, requestId: string, scope: string): string {
    return `${clientId}\n${requestId}\n${scope}`;
  }

  decide(clientId: string, requestId: string, scope: string, body: unknown, now: Date) {
    const stored = this.answers.get(this.key(clientId, requestId, scope));
    if (!stored || now.getTime() - stored.at > REPLAY_WINDOW_MS)
      return { kind: 'new' } as ReplayDecision;
    return (
      stored.bodyHash === canonicalHash(body)
        ? { kind: 'replay', answer: stored }
        : { kind: 'conflict' }
    ) as ReplayDecision;
  }

  remember(
    clientId: string,
    requestId: string,
    scope: string,
    requestBody: unknown,
    answer: Omit<StoredAnswer, 'bodyHash' | 'at'>,
    now: Date,
  ): void {
    this.answers.set(this.key(clientId, requestId, scope), {
      ...answer,
      bodyHash: canonicalHash(requestBody),
      at: now.getTime(),
    });
  }
}
