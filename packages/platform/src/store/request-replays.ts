import { randomUUID } from 'node:crypto';
import type { SealedBox } from '../security/sealed-box.js';
import type { JointWrite } from './joint-write.js';
import type { Db, RequestReplaysTable } from './schema.js';

/** A client's X-Request-ID; the id is kept in lower case. */
export interface ReplayKey {
  clientId: string;
  requestId: string;
}

/** A request's hold on its X-Request-ID, from its claim until it records or releases it. */
export interface ReplayClaim extends ReplayKey {
  token: string;
}

/** What a replay answers again. */
export interface StoredAnswer {
  status: number;
  /** The headers a replay repeats (Location, ASPSP-SCA-Approach, Content-Type). */
  headers: Record<string, string>;
  /** The body as it was sent ('' for none). */
  body: string;
}

/** A client's X-Request-ID as stored: its first request and, once answered, its answer. */
export interface ReplayRecord extends ReplayKey {
  requestHash: string;
  claimToken: string;
  receivedAt: Date;
  /** When the request still being answered began; null once answered. */
  claimedAt: Date | null;
  answeredAt: Date | null;
  /** The answer, opened from its seal; undefined while unanswered. */
  answer(): StoredAnswer | undefined;
}

/** Either this request now holds the id, or the id is held (or was answered) already. */
export type ClaimResult = { claimed: ReplayClaim } | { stored: ReplayRecord };

/**
 * X-Request-IDs per client (migration 0015) for replay safety (psd2/request-replay.ts). Each
 * write is one statement: `claim` inserts if absent (of several requests at once exactly one
 * wins, on SQLite and PostgreSQL), `takeOver` is a compare-and-set on the claim it read,
 * `record` and `release` act only on their own claim. Answers are sealed before they are stored.
 * Which claim may be taken over (expired, or stale because its instance died) is the caller's
 * decision (payments/rules/idempotency.ts).
 */
export class RequestReplaysRepository {
  constructor(
    private readonly db: Db,
    private readonly box: SealedBox,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Claims the id for a request with `requestHash`, unless a row holds it: then that row. */
  async claim(key: ReplayKey, requestHash: string): Promise<ClaimResult> {
    const clientId = key.clientId;
    const requestId = key.requestId.toLowerCase();
    // A row found by the insert can be released before it is read: then insert again.
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const claim = this.freshClaim(requestHash);
      const inserted = await this.db
        .insertInto('request_replays')
        .values({ client_id: clientId, request_id: requestId, ...claim })
        .onConflict((oc) => oc.columns(['client_id', 'request_id']).doNothing())
        .returning('claim_token')
        .executeTakeFirst();
      if (inserted) return { claimed: { clientId, requestId, token: claim.claim_token } };
      const stored = await this.find({ clientId, requestId });
      if (stored) return { stored };
    }
    throw new Error(
      'the X-Request-ID was claimed and released ten times while this request read it',
    );
  }

  /**
   * Takes the id over from the row as `stored` was read (expired, or claimed by a request that
   * died) for a new request with `requestHash`; undefined when the row changed since (another
   * request took it over, the first one answered or released it).
   */
  async takeOver(stored: ReplayRecord, requestHash: string): Promise<ReplayClaim | undefined> {
    const claim = this.freshClaim(requestHash);
    let update = this.db
      .updateTable('request_replays')
      .set(claim)
      .where('client_id', '=', stored.clientId)
      .where('request_id', '=', stored.requestId)
      .where('claim_token', '=', stored.claimToken);
    // The token changes only here; an unanswered claim also changes when it is answered.
    update = update.where('answered_at', stored.answeredAt ? 'is not' : 'is', null);
    const result = await update.executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return undefined;
    return { clientId: stored.clientId, requestId: stored.requestId, token: claim.claim_token };
  }

  /**
   * The columns of a new claim, the same whether the row is inserted or taken over: a new token,
   * received and claimed now, and no answer left from a request before it.
   */
  private freshClaim(requestHash: string) {
    const at = this.now().toISOString();
    return {
      request_hash: requestHash,
      claim_token: randomUUID(),
      received_at: at,
      claimed_at: at,
      answered_at: null,
      response_status: null,
      response_headers: null,
      response_body: null,
    } satisfies Omit<RequestReplaysTable, 'client_id' | 'request_id'>;
  }

  /** Keeps the answer of the claimed request; false when the claim is no longer its own. */
  record(claim: ReplayClaim, answer: StoredAnswer): Promise<boolean> {
    return this.recordOn(this.db, claim, answer);
  }

  /**
   * `record` carried by the transaction of the change the answer reports: the answer commits
   * with the consent or payment it announces, or neither does, and a retry after a crash in
   * between finds the answer instead of running the request again.
   */
  recordAlong(claim: ReplayClaim, answer: StoredAnswer, onKept: () => void): JointWrite {
    let kept = false;
    return {
      run: async (trx) => {
        kept = await this.recordOn(trx, claim, answer);
        // A claim taken over meanwhile is the other request's to answer; the change stands.
        return true;
      },
      landed: () => {
        if (kept) onKept();
      },
    };
  }

  private async recordOn(db: Db, claim: ReplayClaim, answer: StoredAnswer): Promise<boolean> {
    const result = await db
      .updateTable('request_replays')
      .set({
        claimed_at: null,
        answered_at: this.now().toISOString(),
        response_status: answer.status,
        response_headers: JSON.stringify(answer.headers),
        response_body: this.box.seal(answer.body, bodyAad(claim)),
      })
      .where('client_id', '=', claim.clientId)
      .where('request_id', '=', claim.requestId)
      .where('claim_token', '=', claim.token)
      .where('answered_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Gives the id up (the request changed nothing): the next request with it runs anew. */
  async release(claim: ReplayClaim): Promise<boolean> {
    const result = await this.db
      .deleteFrom('request_replays')
      .where('client_id', '=', claim.clientId)
      .where('request_id', '=', claim.requestId)
      .where('claim_token', '=', claim.token)
      .where('answered_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }

  async find(key: ReplayKey): Promise<ReplayRecord | undefined> {
    const row = await this.db
      .selectFrom('request_replays')
      .selectAll()
      .where('client_id', '=', key.clientId)
      .where('request_id', '=', key.requestId.toLowerCase())
      .executeTakeFirst();
    return row ? this.toRecord(row) : undefined;
  }

  /** Deletes the rows first received before `receivedBefore` (the replay window's start). */
  async purge(receivedBefore: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('request_replays')
      .where('received_at', '<', receivedBefore.toISOString())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  private toRecord(row: RequestReplaysTable): ReplayRecord {
    const key = { clientId: row.client_id, requestId: row.request_id };
    return {
      ...key,
      requestHash: row.request_hash,
      claimToken: row.claim_token,
      receivedAt: new Date(row.received_at),
      claimedAt: row.claimed_at === null ? null : new Date(row.claimed_at),
      answeredAt: row.answered_at === null ? null : new Date(row.answered_at),
      answer: () =>
        row.answered_at === null || row.response_status === null
          ? undefined
          : {
              status: Number(row.response_status),
              headers: JSON.parse(row.response_headers ?? '{}') as Record<string, string>,
              body:
                row.response_body === null ? '' : this.box.open(row.response_body, bodyAad(key)),
            },
    };
  }
}

/** Binds a sealed answer to its client and X-Request-ID: copied to another row, it fails to open. */
function bodyAad(key: ReplayKey): string {
  return `request-replay:${key.clientId}:${key.requestId}`;
}
