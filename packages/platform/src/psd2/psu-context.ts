import type { FastifyRequest } from 'fastify';
import { Problem } from '../problems.js';
import type { PsuInfo } from '../sca/index.js';
import { headerValue } from './request.js';

/** The PSU-* headers of a request, as the services take them. */
export function psuOf(request: FastifyRequest): PsuInfo {
  return {
    ipAddress: headerValue(request, 'psu-ip-address'),
    userAgent: headerValue(request, 'psu-user-agent'),
    psuId: headerValue(request, 'psu-id'),
    corporateId: headerValue(request, 'psu-corporate-id'),
  };
}

/**
 * Decision: a consent or payment is corporate when the TPP names the company
 * (PSU-Corporate-ID) or its token is for the corporate context only; its token must then carry
 * `corporate` (`accountinformation corporate`, `paymentinitiation corporate`).
 */
export function psuContextOf(
  request: FastifyRequest,
  psu: PsuInfo,
  service: 'accountinformation' | 'paymentinitiation',
): 'private' | 'corporate' {
  const scopes = request.token?.scopes ?? new Set<string>();
  const corporate =
    psu.corporateId !== undefined || (scopes.has('corporate') && !scopes.has('private'));
  if (corporate && !scopes.has('corporate')) {
    const noun = service === 'paymentinitiation' ? 'payment' : 'consent';
    throw new Problem(
      'SERVICE_BLOCKED',
      `a corporate ${noun} (PSU-Corporate-ID) needs a token with scope "${service} corporate"`,
    );
  }
  return corporate ? 'corporate' : 'private';
}
