import type { FastifyRequest } from 'fastify';
import type { CallContext, Logger } from '../logging/logger.js';

/** A header's value, trimmed; absent or blank is undefined. */
export function headerValue(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text?.trim() ? text.trim() : undefined;
}

export function callContext(request: FastifyRequest): CallContext {
  // Fastify logs through Bankbridge's pino logger; its child carries the request id.
  return { requestId: request.id, logger: request.log as unknown as Logger };
}

/** The calling client, as `requireToken` verified it. */
export function clientIdOf(request: FastifyRequest): string {
  if (!request.token) throw new Error('PSD2 service routes run after requireToken');
  return request.token.clientId;
}
