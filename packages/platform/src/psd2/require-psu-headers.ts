import type { FastifyRequest } from 'fastify';
import { Problem } from '../problems.js';
import { malformedPsuHeader, PSD2_PSU_HEADERS } from './psu-headers.js';

/**
 * A preHandler for the operations that take PSU headers (consents, account information): a
 * malformed one is 400 FORMAT_ERROR, after the token check and before the service, so before
 * any bank call or stored change.
 */
export async function requireWellFormedPsuHeaders(request: FastifyRequest): Promise<void> {
  const problem = malformedPsuHeader(request.headers, PSD2_PSU_HEADERS);
  if (problem) throw Problem.format(problem);
}
