import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { BankCallAttempt } from '../connectors/index.js';
import { redactUrl } from '../logging/logger.js';
import type { BankCall, RequestLog } from './request-log.js';

interface Collector {
  requestId: string;
  calls: BankCall[];
}

/** A request that makes more bank calls than this is a bug; the log keeps the first ones. */
const MAX_CALLS = 50;
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
      });
    });
  }
}
