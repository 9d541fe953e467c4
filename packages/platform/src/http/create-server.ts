import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type ServerOptions as HttpsOptions } from 'node:https';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import type { Logger } from '../logging/logger.js';
import { redactUrl } from '../logging/logger.js';
import { requestIdFor } from './request-id.js';

/**
 * A handler that answers some requests before fastify sees them (the OAuth server, which
 * brings its own routing and body parsing). Requests it does not match go to fastify
 * untouched, so they cost one URL test and nothing else.
 */
export interface RawHandler {
  matches(url: string): boolean;
  /** The route pattern a URL it matches counts under in metrics (`/connect/token*`). */
  route?(url: string): string;
  handle(req: IncomingMessage, res: ServerResponse): void;
}

export interface HttpServerOptions {
  logger: Logger;
  /** Names the server in every log line: `api`, `auth`. */
  name: string;
  trustProxy?: boolean;
  bodyLimit?: number;
  /** Serve HTTPS with these options (certificate, key, client certificates); default HTTP. */
  https?: HttpsOptions;
  /** Raw handlers tried in order before fastify's router; they share its logging and ids. */
  rawHandlers?: RawHandler[];
  /**
   * Answers a URL fastify refuses before routing (broken percent-encoding, a path parameter
   * longer than the router allows), which no route, hook or error handler sees. X-Request-ID
   * is already set. Default: fastify's own JSON error.
   */
  onUnroutableUrl?: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => void;
  /**
   * True while the instance drains before it stops: every answer then closes its connection,
   * so a balancer's pooled connections move to the other instances instead of meeting a closed
   * port.
   */
  draining?: () => boolean;
  /** Told of every answered request (metrics); must not throw and must not wait. */
  onAnswered?: (sample: RequestSample) => void;
  /** Traces every request (a span each); absent, requests cost nothing more. */
  tracer?: RequestTracer;
}

/** Starts a request's span; `run` runs the request's work inside it, `end` closes it. */
export interface RequestTracer {
  start(request: {
    server: string;
    method: string;
    route: string;
    headers: IncomingMessage['headers'];
    requestId: string;
  }): RequestSpan;
}

export interface RequestSpan {
  run(work: () => void): void;
  end(status: number): void;
}

const SPAN = Symbol('bankbridge.span');

/** One answered HTTP request. */
export interface RequestSample {
  server: string;
  method: string;
  /** The route pattern (`/psd2/consent/v1/consents/:consentId`), never the URL. */
  route: string;
  status: number;
  seconds: number;
}

/** Requests no route matched (404s, scans) count under one route label. */
const UNMATCHED_ROUTE = '(unmatched)';

const KEEP_ALIVE_MS = 72_000;

/**
 * A fastify instance with Bankbridge's HTTP conventions: the request id comes from
 * X-Request-ID and is on every log line and echoed on every response; one access-log line
 * per request, with its status and latency.
 */
export function createHttpServer(options: HttpServerOptions): FastifyInstance {
  const log = options.logger.child({ server: options.name });
  const rawHandlers = options.rawHandlers ?? [];
  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    genReqId: requestIdFor,
    // Fastify's own request lines are replaced by one access-log line below.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'reqId' }),
    trustProxy: options.trustProxy ?? false,
    bodyLimit: options.bodyLimit ?? 64 * 1024,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 200 },
    frameworkErrors: (error, request, reply) => {
      reply.header('X-Request-ID', request.id);
      if (options.onUnroutableUrl) options.onUnroutableUrl(error, request, reply);
      else (reply as FastifyReply).send(error);
    },
    serverFactory: (fastifyHandler) => {
      const handler = (req: IncomingMessage, res: ServerResponse) => {
        const url = req.url ?? '';
        const raw = rawHandlers.find((candidate) => candidate.matches(url));
        if (options.draining?.()) res.setHeader('connection', 'close');
        if (raw) handleRaw(raw, req, res, log, options);
        else fastifyHandler(req, res);
      };
      // fastify's types assume an http.Server; an https.Server is one for everything it calls.
      const server = options.https
        ? (createHttpsServer(options.https, handler) as unknown as ReturnType<typeof createServer>)
        : createServer(handler);
      // fastify sets its idle keep-alive (72 s) only on servers it creates. Node's 5 s would
      // close a connection a client (or a balancer, idle for 60 s) is reusing at that moment,
      // failing its request with a closed socket.
      server.keepAliveTimeout = KEEP_ALIVE_MS;
      return server;
    },
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.raw.setHeader('X-Request-ID', request.id);
  });
  // A request that began before the drain ends its connection too: the server closes only
  // connections idle when it closes, and one kept alive after would hold it open until it idles out.
  if (options.draining) {
    const draining = options.draining;
    app.addHook('onSend', async (_request, reply) => {
      if (draining()) reply.header('connection', 'close');
    });
  }
  const tracer = options.tracer;
  if (tracer) {
    type Traced = FastifyRequest & { [SPAN]?: RequestSpan };
    app.addHook('onRequest', (request: Traced, _reply, done) => {
      const span = tracer.start({
        server: options.name,
        method: request.method,
        route: request.routeOptions.url ?? UNMATCHED_ROUTE,
        headers: request.headers,
        requestId: request.id,
      });
      request[SPAN] = span;
      span.run(done);
    });
    // Body parsing runs on stream events outside the span's context: enter it again for the
    // preHandlers and the handler, where the bank calls are made.
    app.addHook('preHandler', (request: Traced, _reply, done) => {
      const span = request[SPAN];
      if (span) span.run(done);
      else done();
    });
    app.addHook('onResponse', async (request: Traced, reply) => {
      request[SPAN]?.end(reply.statusCode);
    });
  }
  const onAnswered = options.onAnswered;
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      { req: request, statusCode: reply.statusCode, responseTimeMs: round(reply.elapsedTime) },
      'request completed',
    );
    onAnswered?.({
      server: options.name,
      method: request.method,
      route: request.routeOptions.url ?? UNMATCHED_ROUTE,
      status: reply.statusCode,
      seconds: reply.elapsedTime / 1000,
    });
  });
  return app;
}

/** Gives a raw-handled request the same request id, header and access-log line as fastify's. */
function handleRaw(
  handler: RawHandler,
  req: IncomingMessage,
  res: ServerResponse,
  log: Logger,
  options: HttpServerOptions,
) {
  const reqId = requestIdFor(req);
  (req as { bankbridgeRequestId?: string }).bankbridgeRequestId = reqId;
  const started = process.hrtime.bigint();
  res.setHeader('X-Request-ID', reqId);
  const span = options.tracer?.start({
    server: options.name,
    method: req.method ?? 'GET',
    route: handler.route?.(req.url ?? '') ?? UNMATCHED_ROUTE,
    headers: req.headers,
    requestId: reqId,
  });
  res.on('finish', () => {
    span?.end(res.statusCode);
    const ms = Number((process.hrtime.bigint() - started) / 10_000n) / 100;
    log.info(
      {
        reqId,
        req: { method: req.method, url: redactUrl(req.url ?? '') },
        statusCode: res.statusCode,
        responseTimeMs: ms,
      },
      'request completed',
    );
    options.onAnswered?.({
      server: options.name,
      method: req.method ?? 'GET',
      route: handler.route?.(req.url ?? '') ?? UNMATCHED_ROUTE,
      status: res.statusCode,
      seconds: ms / 1000,
    });
  });
  if (span) span.run(() => handler.handle(req, res));
  else handler.handle(req, res);
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
