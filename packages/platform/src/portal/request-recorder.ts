import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { BankCallAttempt } from '../connectors/index.js';
import { redactUrl } from '../logging/logger.js';
import type { BankCall, RequestLog } from './request-log.js';

interface Collector {
  requestId: string;
  calls: BankCall[];
  error?: AnsweredError;
}

interface AnsweredError {
  code: string;
  text: string | null;
}

/** A request that makes more bank calls than this is a bug; the log keeps the first ones. */
const MAX_CALLS = 50;
/** An error text longer than this is cut: the log shows what went wrong, not whole bodies. */
const MAX_ERROR_TEXT = 500;
const COLLECTOR = Symbol('bankbridge.requestLogCollector');

type Tracked = FastifyRequest & { [COLLECTOR]?: Collector };

/**
 * Writes every authenticated `/psd2` and `/aisp/v1` request to the request log with the bank
 * calls it caused.
 * The bank calls are told to `observeBankCall` by the connectors; the request they belong to
 * is found through the async context the request runs in, not by its X-Request-ID, which the
 * caller chooses and two clients could share. A call shared by parallel requests (one token
 * refresh) counts for the request that started it.
 */
export class RequestRecorder {
  private readonly context = new AsyncLocalStorage<Collector>();

  constructor(private readonly log: RequestLog) {}

  readonly observeBankCall = (call: BankCallAttempt): void => {
    const collector = this.context.getStore();
    if (!collector || collector.requestId !== call.requestId) return;
    if (collector.calls.length >= MAX_CALLS) return;
    const { requestId: _, ...kept } = call;
    collector.calls.push(kept);
  };

  /** Adds the hooks to the API server; call before its routes are registered. */
  register(app: FastifyInstance): void {
    app.addHook('onRequest', (request: Tracked, _reply, done) => {
      if (!request.url.startsWith('/psd2/') && !request.url.startsWith('/aisp/v1/')) {
        return done();
      }
      const collector: Collector = { requestId: request.id, calls: [] };
      request[COLLECTOR] = collector;
      this.context.run(collector, done);
    });
    // Body parsing runs on stream events outside the context entered above: enter it again
    // for the preHandlers (token check) and the handler.
    app.addHook('preHandler', (request: Tracked, _reply, done) => {
      const collector = request[COLLECTOR];
      if (!collector) return done();
      this.context.run(collector, done);
    });
    // The body is gone by onResponse: what an error answer said is read on its way out.
    app.addHook('onSend', async (request: Tracked, reply, payload) => {
      const collector = request[COLLECTOR];
      if (collector && reply.statusCode >= 400) {
        const error = answeredError(payload);
        if (error) collector.error = error;
      }
      return payload;
    });
    app.addHook('onResponse', async (request: Tracked, reply) => {
      const collector = request[COLLECTOR];
      // Only a verified token names the client whose log this is.
      if (!collector || !request.token) return;
      this.log.add({
        clientId: request.token.clientId,
        requestId: request.id,
        method: request.method,
        path: redactUrl(request.url),
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 100) / 100,
        bankCalls: collector.calls,
        errorCode: collector.error?.code ?? null,
        errorText: collector.error?.text ?? null,
      });
    });
  }
}

/**
 * The code and text of an error answer in either API's format: NextGenPSD2's first
 * `tppMessages` entry, or the AISP API's and OAuth's `error` and `error_description`.
 */
export function answeredError(payload: unknown): AnsweredError | undefined {
  const text =
    typeof payload === 'string'
      ? payload
      : Buffer.isBuffer(payload)
        ? payload.toString('utf8')
        : undefined;
  if (!text?.startsWith('{')) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const { tppMessages, error, error_description } = body as Record<string, unknown>;
  const first = Array.isArray(tppMessages)
    ? (tppMessages[0] as Record<string, unknown>)
    : undefined;
  const [code, said] =
    first && typeof first.code === 'string'
      ? [first.code, first.text]
      : typeof error === 'string'
        ? [error, error_description]
        : [undefined, undefined];
  if (!code) return undefined;
  return {
    code: code.slice(0, 100),
    text: typeof said === 'string' ? said.slice(0, MAX_ERROR_TEXT) : null,
  };
}
