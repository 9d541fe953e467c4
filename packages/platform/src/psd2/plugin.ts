import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isUuid } from '../http/request-id.js';
import { Problem } from '../problems.js';
import { tppMessagesBody } from './tpp-messages.js';

/**
 * The conventions every `/psd2` operation shares: X-Request-ID required, JSON only, never
 * cached, errors as `tppMessages` with Berlin Group codes, 405 for a known path with another
 * method. The operation plugins are registered inside it by the API server.
 */
export async function psd2Conventions(app: FastifyInstance): Promise<void> {
  const methodsByRoute = new Map<string, { pattern: RegExp; methods: Set<string> }>();
  app.addHook('onRoute', (route) => {
    const entry = methodsByRoute.get(route.url) ?? {
      pattern: routePattern(route.url),
      methods: new Set<string>(),
    };
    for (const method of [route.method].flat()) if (method !== 'HEAD') entry.methods.add(method);
    methodsByRoute.set(route.url, entry);
  });

  // The integration guide sends `Content-Type: application/json` on every call, also on those
  // without a body (GET, POST .../authorisations, DELETE): an empty body is no body, not a
  // FORMAT_ERROR. Anything else must be JSON: fastify's own text/plain reader would hand the
  // routes a string, so it goes, and every other type is refused alike.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, text, done) => {
    const body = typeof text === 'string' ? text : text.toString('utf8');
    if (body.trim() === '') {
      done(null, undefined);
      return;
    }
    try {
      done(null, JSON.parse(body));
    } catch {
      // A plain 400, not a Problem: for a request no route serves, the error handler answers
      // 404/405 for what was asked rather than for a body nothing would read.
      done(
        Object.assign(new Error('the request body is not valid JSON'), { statusCode: 400 }),
        undefined,
      );
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    // Account data, consent state and the errors about them are one PSU's and one TPP's: no
    // cache on the way (a TPP's proxy, a browser behind a web TPP) may keep a copy.
    reply.header('Cache-Control', 'no-store');
    if (!isUuid(request.headers['x-request-id'])) {
      throw Problem.format(
        request.headers['x-request-id'] === undefined
          ? 'the X-Request-ID header is required (a UUID)'
          : 'the X-Request-ID header must be a UUID',
      );
    }
    if (!acceptsJson(request.headers.accept)) {
      throw new Problem(
        'REQUESTED_FORMATS_INVALID',
        `this endpoint answers application/json, which the Accept header "${request.headers.accept}" does not allow`,
      );
    }
    // No id has a NUL character, and PostgreSQL refuses one in a query (a 500): `%00` in a
    // path segment is bad input, answered as such before anything looks the id up.
    const params = Object.values((request.params ?? {}) as Record<string, unknown>);
    if (params.some((value) => typeof value === 'string' && value.includes('\u0000'))) {
      throw Problem.format('the URL is not valid: a path segment contains a NUL character (%00)');
    }
  });

  const noRoute = (request: FastifyRequest): Problem => {
    const path = request.url.split('?')[0] ?? '';
    const allowed = [...methodsByRoute.values()].find((r) => r.pattern.test(path))?.methods;
    return allowed
      ? new Problem('SERVICE_INVALID', `${request.method} is not supported here`, {
          status: 405,
          headers: {
            Allow: [...allowed].join(', '),
          },
        })
      : Problem.resourceUnknown(`there is no endpoint ${request.method} ${path}`);
  };

  app.setNotFoundHandler(async (request, reply) => sendProblem(reply, noRoute(request)));

  app.setErrorHandler(async (error: FastifyError, request, reply) =>
    sendProblem(
      reply,
      // Fastify reads the body before the not-found handler runs. A request no route serves
      // (DELETE on a GET path, say, sent with `Content-Type: application/json` and no body) is
      // answered 405/404 for what it asked, not 400 for a body nothing would have read. Errors
      // of the conventions above (X-Request-ID, Accept) still come first.
      request.is404 && !(error instanceof Problem) ? noRoute(request) : toProblem(error, request),
    ),
  );
}

/**
 * For `createHttpServer`'s `onUnroutableUrl`: a /psd2 URL fastify cannot route (broken
 * percent-encoding, an over-long path parameter) is bad input, answered 400 FORMAT_ERROR in
 * the `tppMessages` form like any other; other URLs get fastify's own answer.
 */
export function answerUnroutableUrl(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  if (request.url !== '/psd2' && !request.url.startsWith('/psd2/')) {
    reply.send(error);
    return;
  }
  sendProblem(
    reply,
    Problem.format(
      error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? 'a path segment of the URL is too long'
        : 'the URL is not valid (check its percent-encoding)',
    ),
  );
}

export function sendProblem(reply: FastifyReply, error: Problem): FastifyReply {
  return reply.code(error.statusCode).headers(error.headers).send(tppMessagesBody(error));
}

function toProblem(error: FastifyError, request: FastifyRequest): Problem {
  if (error instanceof Problem) return error;
  if (error.validation) return Problem.format(`${error.validationContext}: ${error.message}`);
  if (error.statusCode === 413) {
    return new Problem('FORMAT_ERROR', 'the request body is too large', { status: 413 });
  }
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    // Decision: 415, the contract's status for a media type the API does not take (it lists
    // pain.001 XML and multipart payment bodies, which Bankbridge does not offer), with
    // FORMAT_ERROR as the message, as for 413: Berlin Group has no code of its own for it.
    return new Problem('FORMAT_ERROR', 'the request body must be application/json', {
      status: 415,
    });
  }
  if (error.statusCode === 415 || error.code?.startsWith('FST_ERR_CTP')) {
    return Problem.format(`the request body could not be read: ${error.message}`);
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return Problem.format(error.message);
  }
  request.log.error({ err: error }, 'unexpected error');
  return new Problem(
    'INTERNAL_SERVER_ERROR',
    `an internal error occurred; quote X-Request-ID ${request.id} when reporting it`,
  );
}

function routePattern(url: string): RegExp {
  const source = url
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : escapeRegExp(segment)))
    .join('/');
  return new RegExp(`^${source}/?$`);
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** True when the Accept header (absent means anything) allows a JSON answer. */
export function acceptsJson(accept: string | undefined): boolean {
  if (!accept) return true;
  return accept.split(',').some((part) => {
    const [type = '', ...params] = part.trim().toLowerCase().split(';');
    const refused = params.some((p) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(p));
    return (
      !refused &&
      (type === '*/*' ||
        type === 'application/*' ||
        type === 'application/json' ||
        type.endsWith('+json'))
    );
  });
}
