// The wire under every connector: one HTTP exchange with a bank, with a deadline, bounded
// retries of idempotent reads, a size cap on answers and one log line per attempt.
// It knows nothing of Berlin Group; berlin-group-call.ts reads the answers.

import { Agent, request as undiciRequest } from 'undici';
import type { Logger } from '../logging/logger.js';
import { redactUrl } from '../logging/logger.js';
import { BankError, type BankIdentity } from './bank-error.js';
import type { CircuitBreaker } from './circuit-breaker.js';

export interface HttpSettings {
  /** Deadline of one connector call, retries included: nothing waits longer. */
  timeoutMs: number;
  /** Extra attempts for idempotent reads (GET) after a 5xx, a dropped or refused connection. */
  retries: number;
  /** Backoff before retry n is about base * 2^(n-1) (half fixed, half random), at most max. */
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  /** Answers longer than this are abandoned as `unavailable`. */
  maxResponseBytes: number;
  /** Uniform [0, 1) for the jitter. */
  random: () => number;
}

export const DEFAULT_HTTP_SETTINGS: Readonly<HttpSettings> = {
  timeoutMs: 10_000,
  retries: 2,
  retryBaseDelayMs: 100,
  retryMaxDelayMs: 1_000,
  maxResponseBytes: 10 * 1024 * 1024,
  random: Math.random,
};

export interface BankRequest {
  method: 'GET' | 'POST' | 'DELETE';
  url: URL;
  headers: Record<string, string>;
  body?: string;
}

/** A bank answer's headers, read by name (case-insensitive, as HTTP's). */
export interface BankHeaders {
  get(name: string): string | null;
}

export interface BankResponse {
  status: number;
  headers: BankHeaders;
  /** The body as text ('' when empty). */
  text: string;
  /** The body parsed as JSON, or undefined when it is empty or not JSON (an HTML page). */
  json: unknown;
}

/** One attempt at a bank call as the request log keeps it: no header, body or query secret. */
export interface BankCallAttempt {
  requestId: string;
  bic: string;
  method: string;
  path: string;
  attempt: number;
  ms: number;
  /** The bank's HTTP status; absent when no answer came. */
  status?: number;
  /** Why no answer came. */
  error?: string;
}

/** Told of every attempt; it must not throw and must not wait. */
export type BankCallObserver = (call: BankCallAttempt) => void;

/**
 * Traces bank calls (a span per call, retries included): `start` answers the headers that
 * carry the trace to the bank (`traceparent`) and how to end the span. Absent, nothing is
 * traced and a call costs nothing more.
 */
export interface BankCallTracer {
  start(call: { bic: string; method: string; url: URL; path: string; requestId: string }): {
    headers: Record<string, string>;
    end(outcome: { status?: number; error?: string; attempts: number }): void;
  };
}

export interface CallLog {
  requestId: string;
  logger: Logger;
  onCall?: BankCallObserver | undefined;
  /** The bank's circuit breaker: asked before every attempt, told how each ended. */
  breaker?: CircuitBreaker | undefined;
  tracer?: BankCallTracer | undefined;
}

/** Statuses worth another try of an idempotent read: the bank or its gateway had a moment. */
const RETRYABLE_STATUS = new Set([500, 502, 503, 504]);

class TooLarge extends Error {}

type UndiciAnswer = Awaited<ReturnType<typeof undiciRequest>>;

async function readText(answer: UndiciAnswer, limit: number): Promise<string> {
  const declared = Number(answer.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    answer.body.destroy();
    throw new TooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of answer.body as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > limit) {
      answer.body.destroy();
      throw new TooLarge();
    }
    chunks.push(chunk);
  }
  return chunks.length === 1
    ? (chunks[0] as Buffer).toString('utf8')
    : Buffer.concat(chunks).toString('utf8');
}

function headersOf(raw: UndiciAnswer['headers']): BankHeaders {
  return {
    get(name) {
      const value = raw[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

/**
 * One connection pool per bank origin, kept alive between calls. undici's own request API,
 * not `fetch` on top of it: a bank call needs neither WHATWG streams nor a Response object,
 * and those cost more CPU than the rest of the call.
 */
const dispatcher = new Agent({ keepAliveTimeout: 10_000 });

function parseJson(text: string): unknown {
  const start = text.trimStart()[0];
  if (start !== '{' && start !== '[') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describeFailure(error: unknown): string {
  if (error instanceof TooLarge) return 'the answer was too large';
  const name = (error as { name?: string } | undefined)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return 'no answer in time';
  // fetch wraps the socket's error as the cause; undici's own errors carry the code themselves.
  const failed = error as
    | { code?: string; message?: string; cause?: { code?: string; message?: string } }
    | undefined;
  const cause = failed?.cause;
  const detail = cause?.code ?? cause?.message ?? failed?.code ?? failed?.message;
  return detail ? `the connection failed (${detail})` : 'the connection failed';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends one request to a bank. Answers of any status come back; only the failure to get one
 * (timeout, network, dropped connection, oversized answer) throws, as `unavailable`.
 * GETs are retried on 500/502/503/504 and connection failures while the deadline allows;
 * POST and DELETE never are. With a circuit breaker, an attempt it refuses throws its
 * `unavailable` at once, without a bank call.
 */
export async function sendToBank(
  bank: BankIdentity,
  settings: HttpSettings,
  log: CallLog,
  request: BankRequest,
): Promise<BankResponse> {
  const started = Date.now();
  const deadline = started + settings.timeoutMs;
  const retries = request.method === 'GET' ? settings.retries : 0;
  const path = redactUrl(`${request.url.pathname}${request.url.search}`);
  // A request's child logger already carries reqId: do not write it twice.
  const reqId = log.logger.bindings().reqId === log.requestId ? {} : { reqId: log.requestId };
  const line = (attempt: number, ms: number) => ({
    ...reqId,
    bic: bank.bic,
    method: request.method,
    path,
    attempt,
    ms,
  });

  const span = log.tracer?.start({
    bic: bank.bic,
    method: request.method,
    url: request.url,
    path,
    requestId: log.requestId,
  });
  const headers = span ? { ...request.headers, ...span.headers } : request.headers;

  for (let attempt = 1; ; attempt++) {
    const attemptStart = Date.now();
    const remaining = deadline - attemptStart;
    let failure: unknown;
    let answer: BankResponse | undefined;
    const permit = remaining > 0 ? log.breaker?.admit() : undefined;
    if (remaining <= 0) {
      failure = Object.assign(new Error('deadline reached'), { name: 'TimeoutError' });
    } else {
      try {
        // No redirect is followed: an API that redirects is misconfigured, and following it
        // could carry the token elsewhere.
        const response = await undiciRequest(request.url, {
          method: request.method,
          headers,
          body: request.body ?? null,
          signal: AbortSignal.timeout(remaining),
          dispatcher,
        });
        const text = await readText(response, settings.maxResponseBytes);
        answer = {
          status: response.statusCode,
          headers: headersOf(response.headers),
          text,
          json: parseJson(text),
        };
      } catch (error) {
        failure = error;
      }
    }
    const ms = Date.now() - attemptStart;
    // Only a missing answer or a 5xx says the bank is down; its 429 is an answer (see
    // circuit-breaker.ts), and it is not retried either: the bank asked for less, not more.
    if (answer ? answer.status >= 500 : !(failure instanceof TooLarge)) permit?.failed();
    else permit?.succeeded();
    const seen: BankCallAttempt = {
      requestId: log.requestId,
      bic: bank.bic,
      method: request.method,
      path,
      attempt,
      ms,
    };
    if (answer) {
      const fields = { ...line(attempt, ms), status: answer.status };
      if (answer.status >= 500) log.logger.warn(fields, 'bank call');
      else log.logger.info(fields, 'bank call');
      seen.status = answer.status;
    } else {
      const error = describeFailure(failure);
      log.logger.warn({ ...line(attempt, ms), error }, 'bank call failed');
      seen.error = error;
    }
    observe(log, seen);

    const retryable = answer
      ? RETRYABLE_STATUS.has(answer.status)
      : !isTimeout(failure) && !(failure instanceof TooLarge);
    if (retryable && attempt <= retries) {
      const ceiling = Math.min(
        settings.retryMaxDelayMs,
        settings.retryBaseDelayMs * 2 ** (attempt - 1),
      );
      const delay = ceiling / 2 + settings.random() * (ceiling / 2);
      // Only retry when the wait leaves time for an answer.
      if (Date.now() + delay < deadline - 1) {
        await sleep(delay);
        continue;
      }
    }
    span?.end({
      attempts: attempt,
      ...(answer ? { status: answer.status } : { error: seen.error }),
    });
    if (answer) return answer;
    const elapsed = Date.now() - started;
    throw new BankError(
      'unavailable',
      bank,
      `${describeFailure(failure)} on ${request.method} ${request.url.pathname} after ${elapsed} ms`,
      { cause: failure },
    );
  }
}

/**
 * Whether a call failed without the bank's answer (no answer in time, a dropped or refused
 * connection): the bank may have done what was asked and lost its answer on the way. Not an
 * answer that came (any status, an oversized one) nor a breaker that refused to call.
 */
export function answerLost(error: unknown): boolean {
  return (
    error instanceof BankError &&
    error.kind === 'unavailable' &&
    error.status === undefined &&
    error.code === undefined &&
    error.cause !== undefined &&
    !(error.cause instanceof TooLarge)
  );
}

function observe(log: CallLog, call: BankCallAttempt): void {
  try {
    log.onCall?.(call);
  } catch (error) {
    // Whoever watches calls must never change their outcome.
    log.logger.warn({ err: error }, 'a bank call observer failed');
  }
}

function isTimeout(error: unknown): boolean {
  const name = (error as { name?: string } | undefined)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}
