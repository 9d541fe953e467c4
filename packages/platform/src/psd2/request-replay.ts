/**
 * X-Request-ID replay safety for the `/psd2` routes that opt in (`config: { replay: true }`):
 * a TPP that lost an answer sends the same request with the same X-Request-ID again and gets
 * the first answer, not a second consent or payment. Berlin Group gives X-Request-ID no such
 * meaning, so this is an extension a TPP sending a fresh UUID every time never notices.
 *
 * Per client (the verified token's) and X-Request-ID, within the window (24 h by default,
 * BANKBRIDGE_REPLAY_WINDOW_HOURS); the decision is `decideIdempotency`'s:
 *  - the same request again (method, path, body and the headers that say what is asked, see
 *    MEANINGFUL_HEADERS): the first answer again, its status, body, Location and
 *    ASPSP-SCA-Approach, with `Idempotent-Replayed: true`;
 *  - a different request: 400 FORMAT_ERROR "X-Request-ID already used for a different request",
 *    the first left as it was;
 *  - the first still being answered: wait for it (polling the store, so it works across
 *    instances) and answer what it answers.
 *
 * Decision: only successful (2xx) answers are remembered. A refused or failed request changed
 * nothing, so running it again is what a retrying TPP wants: after a 400 for a bad body, the
 * same X-Request-ID with the body corrected runs; after a 503 from the bank, the same request
 * runs again. A request whose instance died before answering leaves its claim; once the claim
 * is older than the stale limit, the same request takes it over and runs.
 *
 * Where it runs: last among a route's preHandlers, after the token check (it needs the client)
 * and the rate limit (a refused request claims nothing); the answer is recorded in onSend,
 * before it leaves, so a TPP never holds an answer a retry would not get again. A route that
 * creates a consent, payment or authorisation, chooses an SCA method, deletes a consent or
 * cancels a payment keeps its answer in that change's transaction (`changeAnswered`): one commit
 * less, and no moment in which the change exists but its answer does not.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  DEFAULT_REPLAY_WINDOW_MS,
  decideIdempotency,
  requestFingerprint,
} from '../payments/rules/idempotency.js';
import { Problem } from '../problems.js';
import type { JointWrite } from '../store/joint-write.js';
import type {
  ReplayClaim,
  RequestReplaysRepository,
  StoredAnswer,
} from '../store/request-replays.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The X-Request-ID this request holds until its answer is recorded or given up. */
    replayClaim?: ReplayClaim;
    /** Keeps the answer in the transaction of the change it reports (`changeAnswered`). */
    replayKeeper?: (answer: StoredAnswer) => JointWrite;
    /** The answer was kept in that transaction, which committed: onSend keeps nothing more. */
    replayAnswered?: boolean;
  }
}

/**
 * Where the X-Request-IDs live, shared by every instance (store/request-replays.ts, handed in by
 * platform.ts): `claim` inserts if absent, atomically; `takeOver` is a compare-and-set on the
 * row as read; `record` and `release` act on their own claim only.
 */
export type ReplayStore = Pick<
  RequestReplaysRepository,
  'claim' | 'takeOver' | 'record' | 'recordAlong' | 'release'
>;

export interface RequestReplayOptions {
  store: ReplayStore;
  /** How long an answer is replayed; default 24 hours. */
  windowMs?: number;
  /** After how long an unanswered first request counts as dead; default 60 seconds. */
  staleMs?: number;
  now?: () => Date;
  /** First pause between two looks at a first request still running; it doubles to 250 ms. */
  pollMs?: number;
  /**
   * How long (by the wall clock) a duplicate waits at most for the first request; default the
   * stale limit, by which the first is answered or taken over. Past it: 409 STATUS_INVALID.
   */
  maxWaitMs?: number;
}

/**
 * A route opts in with `config: { replay: true }`. (Not declared on fastify's
 * FastifyContextConfig: the whole workspace shares that type, and a declared member would make
 * other routes' own config keys, the sandbox's `faults`, an error.)
 */
export interface ReplayRouteConfig {
  replay?: boolean;
}

export const DEFAULT_STALE_CLAIM_MS = 60_000;

/**
 * The request headers that say what is asked, part of "the same request" besides method,
 * path and body: the bank, the PSU, the SCA preferences and where the PSU goes afterwards. The
 * same body sent to another bank is another request. Headers that describe the PSU's device or
 * session (PSU-IP-Address, PSU-User-Agent, ...) do not count.
 */
export const MEANINGFUL_HEADERS = [
  'x-bicfi',
  'psu-id',
  'psu-id-type',
  'psu-corporate-id',
  'psu-corporate-id-type',
  'tpp-redirect-preferred',
  'tpp-decoupled-preferred',
  'tpp-explicit-authorisation-preferred',
  'tpp-redirect-uri',
  'tpp-nok-redirect-uri',
  'tpp-notification-uri',
  'tpp-notification-content-preferred',
] as const;

/** The headers of the first answer a replay repeats (X-Request-ID is the new request's). */
export const REPLAYED_HEADERS = ['location', 'aspsp-sca-approach', 'content-type'] as const;

export const REPLAYED_HEADER = 'Idempotent-Replayed';

/**
 * Makes every route registered in `app`'s scope after this call with `config.replay` replay-safe.
 * Register it after the scope's rate limit, so its check runs after that one.
 */
export function registerRequestReplay(app: FastifyInstance, options: RequestReplayOptions): void {
  const { store } = options;
  const windowMs = options.windowMs ?? DEFAULT_REPLAY_WINDOW_MS;
  const staleMs = options.staleMs ?? DEFAULT_STALE_CLAIM_MS;
  const now = options.now ?? (() => new Date());
  const pollMs = options.pollMs ?? 10;
  const maxWaitMs = options.maxWaitMs ?? staleMs;

  const hold = (request: FastifyRequest, claim: ReplayClaim) => {
    request.replayClaim = claim;
    request.replayKeeper = (answer) =>
      store.recordAlong(claim, answer, () => {
        request.replayAnswered = true;
      });
  };

  const check = async (request: FastifyRequest, reply: FastifyReply) => {
    const clientId = request.token?.clientId;
    const header = request.headers['x-request-id'];
    // Both are checked before (the token, and X-Request-ID by the /psd2 conventions).
    if (clientId === undefined || typeof header !== 'string') return;
    const key = { clientId, requestId: header.toLowerCase() };
    const requestHash = hashOf(request);
    const started = performance.now();
    let pause = pollMs;
    for (;;) {
      const result = await store.claim(key, requestHash);
      if ('claimed' in result) {
        hold(request, result.claimed);
        return;
      }
      const { stored } = result;
      const decision = decideIdempotency(
        {
          clientId: stored.clientId,
          requestId: stored.requestId,
          requestHash: stored.requestHash,
          receivedAt: stored.receivedAt,
          answered: stored.answeredAt !== null,
          ...(stored.claimedAt ? { claimedAt: stored.claimedAt } : {}),
        },
        { ...key, requestHash, now: now() },
        { windowMs, staleMs },
      );
      if (decision.action === 'refuse') {
        request.log.info({ clientId }, 'X-Request-ID reused for a different request: refused');
        throw Problem.fromRule(decision.error);
      }
      if (decision.action === 'replay') {
        const answer = stored.answer();
        if (answer) {
          request.log.info({ clientId, status: answer.status }, 'X-Request-ID replayed');
          return replay(reply, answer);
        }
      }
      if (decision.action === 'new') {
        // Expired, or its first request died: take it over unless another request just did.
        const claim = await store.takeOver(stored, requestHash);
        if (claim) {
          if (stored.answeredAt === null) {
            request.log.warn({ clientId }, 'X-Request-ID claim left unanswered: taken over');
          }
          hold(request, claim);
          return;
        }
        continue;
      }
      // The first request is still being answered.
      if (performance.now() - started >= maxWaitMs) {
        throw new Problem(
          'STATUS_INVALID',
          'the first request with this X-Request-ID is still being answered; send it again later with the same X-Request-ID',
          { headers: { 'Retry-After': '1' } },
        );
      }
      await sleep(pause);
      pause = Math.min(pause * 2, 250);
    }
  };

  const remember = async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const claim = request.replayClaim;
    if (!claim) return payload;
    request.replayClaim = undefined;
    request.replayKeeper = undefined;
    if (request.replayAnswered) return payload;
    const status = reply.statusCode;
    const body = bodyText(payload);
    try {
      if (status >= 200 && status < 300 && body !== undefined) {
        const kept = await store.record(claim, { status, headers: replayedHeaders(reply), body });
        if (!kept) {
          request.log.warn('X-Request-ID claim was taken over before the answer: not kept');
        }
      } else {
        await store.release(claim);
      }
    } catch (err) {
      // The answer goes out all the same: the TPP has it; a retry after the stale limit runs anew.
      request.log.error({ err }, 'could not keep the answer for X-Request-ID replay');
    }
    return payload;
  };

  app.addHook('onRoute', (route) => {
    if ((route.config as ReplayRouteConfig | undefined)?.replay !== true) return;
    route.preHandler = [route.preHandler ?? [], check].flat();
    route.onSend = [route.onSend ?? [], remember].flat();
  });
}

/**
 * For a route whose answer reports one change: runs the change (`change`) and makes its answer
 * (`answerOf`). Where the request holds its X-Request-ID, `change` is handed the write that
 * keeps the answer, made from the change as written, for the store to carry in that change's
 * own transaction. So the answer exists exactly when the change does: a retry after a crash
 * between the two finds the answer at once, not a request to run again. The route then sends
 * the answer this returns as it is (`sendAnswer`): the one kept, where it was.
 */
export async function changeAnswered<C>(
  request: FastifyRequest,
  change: (keep: ((changed: C) => JointWrite) | undefined) => Promise<C>,
  answerOf: (changed: C) => StoredAnswer,
): Promise<StoredAnswer> {
  const keeper = request.replayKeeper;
  let kept: StoredAnswer | undefined;
  const changed = await change(
    keeper &&
      ((fresh: C) => {
        kept = answerOf(fresh);
        return keeper(kept);
      }),
  );
  // Kept only once its transaction committed; otherwise (a payment answered again, say) the
  // answer is of what `change` returned.
  return request.replayAnswered && kept ? kept : answerOf(changed);
}

/** A 204 as a replay keeps it. */
export function noContentAnswer(): StoredAnswer {
  return { status: 204, headers: {}, body: '' };
}

/** A JSON answer as a replay keeps it. */
export function jsonAnswer(
  status: number,
  headers: Record<string, string>,
  body: unknown,
): StoredAnswer {
  return {
    status,
    headers: { ...headers, 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
  };
}

/** Sends an answer as a replay keeps it: its status, headers and serialized body. */
export function sendAnswer(reply: FastifyReply, answer: StoredAnswer): FastifyReply {
  reply.code(answer.status).headers(answer.headers);
  return answer.body === '' ? reply.send() : reply.send(answer.body);
}

function replay(reply: FastifyReply, answer: StoredAnswer): FastifyReply {
  reply.code(answer.status).headers(answer.headers).header(REPLAYED_HEADER, 'true');
  return answer.body === '' ? reply.send() : reply.send(answer.body);
}

/** SHA-256 (hex) of the request's fingerprint. */
function hashOf(request: FastifyRequest): string {
  const headers: Record<string, string | undefined> = {};
  for (const name of MEANINGFUL_HEADERS) {
    const value = request.headers[name];
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const fingerprint = requestFingerprint({
    method: request.method,
    path: request.url.split('?')[0] ?? '',
    body: request.body,
    headers,
  });
  return createHash('sha256').update(fingerprint).digest('hex');
}

function replayedHeaders(reply: FastifyReply): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = reply.getHeader(name);
    if (value !== undefined)
      headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return headers;
}

/** The serialized body; undefined for one that cannot be kept (a stream). */
function bodyText(payload: unknown): string | undefined {
  if (payload === undefined || payload === null) return '';
  if (typeof payload === 'string') return payload;
  if (Buffer.isBuffer(payload)) return payload.toString('utf8');
  return undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
