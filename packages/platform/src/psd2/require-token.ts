import type { FastifyRequest } from 'fastify';
import {
  type AccessTokenInfo,
  type AccessTokenVerifier,
  bearerTokenOf,
} from '../auth/access-tokens.js';
import type { ServiceScope } from '../auth/scopes.js';
import { scopesWithoutRole, type TppCertificate } from '../certificates/tpp-certificates.js';
import { Problem } from '../problems.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified bearer token of the calling TPP client, set by `requireToken`. */
    token?: AccessTokenInfo;
  }
}

function unauthorized(code: 'TOKEN_INVALID' | 'TOKEN_EXPIRED', text: string): Problem {
  // RFC 6750 section 3: error_description is a quoted string without `"` or `\`.
  const description = text.replace(/["\\]/g, "'");
  return new Problem(code, text, {
    status: 401,
    headers: {
      'WWW-Authenticate': `Bearer error="invalid_token", error_description="${description}"`,
    },
  });
}

/**
 * A preHandler admitting only a valid bearer token that carries `scope`. In production mode
 * (`verifier.certificates`) also a valid TPP certificate first, the one the token is bound to
 * (RFC 8705), with the PSD2 role the service needs. `authUrl` (the seeds' AUTH_HOST) is where a
 * refused token's text sends the TPP for a new one.
 */
export function requireToken(verifier: AccessTokenVerifier, scope: ServiceScope, authUrl = '') {
  // A revoked, unknown and expired-and-purged token look the same here; the TPP's next step is
  // the same for all three, so the text names them together and says where that step is.
  const notValid = `the access token is not valid (revoked, expired or unknown): request a new token at ${authUrl}/connect/token`;
  return async function checkBearerToken(request: FastifyRequest): Promise<void> {
    const certificate = verifier.certificates && presentedCertificate(verifier, request);
    const header = request.headers.authorization;
    if (!header) throw unauthorized('TOKEN_INVALID', 'an Authorization: Bearer token is required');
    const value = bearerTokenOf(header);
    if (!value) {
      throw unauthorized('TOKEN_INVALID', 'the Authorization header must be "Bearer <token>"');
    }
    const result = await verifier.check(value);
    if (!result.ok) {
      throw result.reason === 'expired'
        ? unauthorized('TOKEN_EXPIRED', 'the access token has expired; request a new one')
        : unauthorized('TOKEN_INVALID', notValid);
    }
    if (certificate) checkCertificateBinding(result.token, certificate, scope);
    if (!result.token.scopes.has(scope)) {
      throw new Problem(
        'SERVICE_BLOCKED',
        `the access token's scope does not include ${scope}; request a token with scope "${scope}"`,
      );
    }
    request.token = result.token;
  };
}

function presentedCertificate(verifier: AccessTokenVerifier, request: FastifyRequest) {
  const verdict = verifier.certificates?.check(request.raw);
  if (!verdict) return undefined;
  if (!verdict.ok) throw new Problem(verdict.code, verdict.text, { status: 401 });
  return verdict.certificate;
}

function checkCertificateBinding(
  token: AccessTokenInfo,
  certificate: TppCertificate,
  scope: ServiceScope,
): void {
  if (token.certificateThumbprint !== certificate.thumbprint) {
    throw unauthorized(
      'TOKEN_INVALID',
      token.certificateThumbprint
        ? 'the access token is bound to another certificate than the one presented'
        : 'the access token is not bound to a certificate; request a new one with the TPP certificate',
    );
  }
  const [missing] = scopesWithoutRole(certificate, [scope]);
  if (missing) {
    throw new Problem(
      'ROLE_INVALID',
      `${scope} needs the PSD2 role ${missing.role}, which the TPP certificate does not carry`,
    );
  }
}
