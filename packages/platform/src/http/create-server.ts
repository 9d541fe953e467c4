import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { Logger } from '../logging/logger.js';
import { requestIdFor } from './request-id.js';

export interface HttpServerOptions {
  logger: Logger;
  /** Names the server in every log line: `api`, `auth`. */
  name: string;
  trustProxy?: boolean;
  bodyLimit?: number;
}

/**
 * A fastify instance with Bankbridge's HTTP conventions: the request id comes from
 * X-Request-ID and is on every log line and echoed on every response; one access-log line
 * per request, with its status and latency.
 */
export function createHttpServer(options: HttpServerOptions): FastifyInstance {
  const app = Fastify({
    loggerInstance: options.logger.child({ server: options.name }) as FastifyBaseLogger,
    genReqId: requestIdFor,
    // Fastify's own request lines are replaced by one access-log line below.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'reqId' }),
    trustProxy: options.trustProxy ?? false,
    bodyLimit: options.bodyLimit ?? 64 * 1024,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 200 },
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.raw.setHeader('X-Request-ID', request.id);
    // Handlers that write to the raw response (the OAuth server) log with the same id.
    (request.raw as { bankbridgeRequestId?: string }).bankbridgeRequestId = request.id;
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      { req: request, statusCode: reply.statusCode, responseTimeMs: round(reply.elapsedTime) },
      'request completed',
    );
  });
  return app;
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
