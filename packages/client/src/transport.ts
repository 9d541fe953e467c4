/**
 * One HTTP call to Bankbridge: a fresh X-Request-ID per attempt, a deadline per attempt,
 * bounded retries with backoff for calls that are safe to repeat, and every failure turned
 * into a BankbridgeError that names the request ids it used. Plain fetch, so it runs in
 * Node.js 20+ and in browsers alike.
 */
import {
  apiErrorFrom,
  type BankbridgeError,
  NetworkError,
  oauthErrorFrom,
  parseRetryAfter,
  TimeoutError,
  UnexpectedResponseError,
} from './errors.js';

/** What every successful call reports besides its body. */
export interface ResponseInfo {
  /** X-Request-ID of the attempt that answered (Bankbridge echoes it and logs it). */
  requestId: string;
  /** X-Request-IDs of every attempt, when the call was retried. */
  requestIds: string[];
  status: number;
  headers: Headers;
  method: string;
  url: string;
  attempts: number;
}

export interface TransportOptions {
  fetch: typeof fetch;
  /** Deadline of one attempt. */
  timeoutMs: number;
  /** Extra attempts for idempotent calls after a 502/503/504, a timeout or a network error. */
  retries: number;
  /** First backoff; it doubles per attempt, with jitter. */
  retryDelayMs: number;
  /** Longest wait between attempts; a longer Retry-After ends the retries instead. */
  maxRetryDelayMs: number;
  now: () => number;
  /** Called after every call that got an answer, success or error. */
  onResponse?: ((info: ResponseInfo) => void) | undefined;
}

/**
 * How calls are sent, as both clients (`Bankbridge`, `AispClient`) take it: every option has a
 * default.
 */
export interface CallSettings {
  /** Deadline of one attempt of a call; default 30 000 ms. */
  timeoutMs?: number;
  /** Extra attempts of a GET after a 502/503/504, a timeout or a network error; default 2. */
  retries?: number;
  /** First wait before a retry, doubling each time (with jitter); default 250 ms. */
  retryDelayMs?: number;
  /** Longest wait before a retry; a longer Retry-After fails at once instead. Default 5000 ms. */
  maxRetryDelayMs?: number;
  /** Called after every answer, success or error: its request id, status and headers. */
  onResponse?: (info: ResponseInfo) => void;
  /** The fetch to use; default the global one. */
  fetch?: typeof fetch;
  /** The clock, in ms since the epoch; default Date.now. */
  now?: () => number;
}

/** A Transport with the settings' defaults filled in. */
export function transportFor(settings: CallSettings): Transport {
  return new Transport({
    // Bound, because browsers refuse fetch called on another `this` than window.
    fetch: settings.fetch ?? globalThis.fetch.bind(globalThis),
    timeoutMs: settings.timeoutMs ?? 30_000,
    retries: settings.retries ?? 2,
    retryDelayMs: settings.retryDelayMs ?? 250,
    maxRetryDelayMs: settings.maxRetryDelayMs ?? 5000,
    now: settings.now ?? Date.now,
    onResponse: settings.onResponse,
  });
}

/** A base URL as given, without its trailing slashes, for paths to be appended to. */
export function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string;
  /**
   * How error answers read: `tppMessages` (API), RFC 6749 (auth server), or the caller's own
   * reader (the AISP API's `{error, error_description}`).
   */
  errors: 'psd2' | 'oauth' | ErrorReader;
  /** Safe to send again: GETs. */
  idempotent: boolean;
  signal?: AbortSignal | undefined;
}

/** Turns an error answer (its parsed JSON body, if any) into the error to throw. */
export type ErrorReader = (
  details: {
    requestIds: string[];
    method: string;
    url: string;
    status: number;
    headers: Headers;
  },
  body: unknown,
  now: number,
) => BankbridgeError;

export interface HttpResponse {
  /** The parsed JSON body; undefined for an empty one (204). */
  body: unknown;
  info: ResponseInfo;
}

const RETRYABLE_STATUS = new Set([502, 503, 504]);

export class Transport {
  constructor(private readonly options: TransportOptions) {}

  async send(request: HttpRequest): Promise<HttpResponse> {
    const { retries } = this.options;
    const requestIds: string[] = [];
    for (let attempt = 0; ; attempt++) {
      const requestId = newRequestId();
      requestIds.push(requestId);
      const context = {
        requestIds: [...requestIds],
        method: request.method,
        url: request.url,
      };
      const mayRetry = request.idempotent && attempt < retries;
      let response: Response;
      try {
        response = await this.attempt(request, requestId);
      } catch (error) {
        request.signal?.throwIfAborted();
        const failure =
          error instanceof AttemptTimeout
            ? new TimeoutError({
                ...context,
                code: 'TIMEOUT',
                text: `no answer within ${this.options.timeoutMs} ms`,
              })
            : new NetworkError({
                ...context,
                code: 'NETWORK_ERROR',
                text: `could not reach ${new URL(request.url).origin}: ${describe(error)}`,
                cause: error,
              });
        if (!mayRetry) throw failure;
        await sleep(this.backoff(attempt), request.signal);
        continue;
      }

      const info: ResponseInfo = {
        requestId,
        requestIds: [...requestIds],
        status: response.status,
        headers: response.headers,
        method: request.method,
        url: request.url,
        attempts: attempt + 1,
      };
      const text = await response.text();
      this.options.onResponse?.(info);
      const json = parseJson(text);
      if (response.ok) {
        if (text !== '' && json === NOT_JSON) {
          throw new UnexpectedResponseError({
            ...context,
            status: response.status,
            headers: response.headers,
            code: 'UNEXPECTED_RESPONSE',
            text: `the answer is not JSON: ${text.slice(0, 80)}`,
          });
        }
        return { body: json === NOT_JSON ? undefined : json, info };
      }

      const details = { ...context, status: response.status, headers: response.headers };
      const body = json === NOT_JSON ? undefined : json;
      const failure: BankbridgeError =
        typeof request.errors === 'function'
          ? request.errors(details, body, this.options.now())
          : request.errors === 'oauth'
            ? oauthErrorFrom(details, body)
            : apiErrorFrom(details, body, this.options.now());
      if (mayRetry && RETRYABLE_STATUS.has(response.status)) {
        const asked = parseRetryAfter(response.headers.get('retry-after'), this.options.now());
        const wait = asked === undefined ? this.backoff(attempt) : asked * 1000;
        // A bank that asks for minutes is down: say so now rather than hold the caller.
        if (wait <= this.options.maxRetryDelayMs) {
          await sleep(wait, request.signal);
          continue;
        }
      }
      throw failure;
    }
  }

  private async attempt(request: HttpRequest, requestId: string): Promise<Response> {
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new AttemptTimeout()), this.options.timeoutMs);
    const stopOnCallerAbort = () => deadline.abort(request.signal?.reason);
    request.signal?.addEventListener('abort', stopOnCallerAbort, { once: true });
    try {
      request.signal?.throwIfAborted();
      return await this.options.fetch(request.url, {
        method: request.method,
        headers: { ...request.headers, 'X-Request-ID': requestId },
        ...(request.body === undefined ? {} : { body: request.body }),
        signal: deadline.signal,
      });
    } catch (error) {
      // fetch rejects with the abort reason: the timeout's own marker when the deadline hit.
      throw deadline.signal.reason instanceof AttemptTimeout ? deadline.signal.reason : error;
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', stopOnCallerAbort);
    }
  }

  /** Exponential backoff with jitter, so many clients retrying do not arrive together. */
  private backoff(attempt: number): number {
    const ceiling = Math.min(
      this.options.maxRetryDelayMs,
      this.options.retryDelayMs * 2 ** attempt,
    );
    return ceiling / 2 + Math.random() * (ceiling / 2);
  }
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A UUID, as the API requires for X-Request-ID; Web Crypto is in Node.js 20 and browsers. */
export function newRequestId(): string {
  return globalThis.crypto.randomUUID();
}

class AttemptTimeout extends Error {
  override name = 'AttemptTimeout';
}

const NOT_JSON = Symbol('not JSON');

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}
