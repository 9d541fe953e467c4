import type { FastifyRequest } from 'fastify';
import type { AccessTokenInfo, AccessTokenVerifier } from '../auth/access-tokens.js';
import type { ServiceScope } from '../auth/scopes.js';
import { Psd2Error } from './psd2-error.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified bearer token of the calling TPP client, set by `requireToken`. */
    token?: AccessTokenInfo;
  }
}

// The auth scheme is case-insensitive (RFC 7235 section 2.1): `bearer <token>` is as good.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

function unauthorized(code: 'TOKEN_INVALID' | 'TOKEN_EXPIRED', text: string): Psd2Error {
  // RFC 6750 section 3: error_description is a quoted string without `"` or `\`.
  const description = text.replace(/["\\]/g, "'");
  return new Psd2Error(401, code, text, {
    'WWW-Authenticate': `Bearer error="invalid_token", error_description="${description}"`,
  });
}

/** A preHandler admitting only a valid bearer token that carries `scope`. */
export function requireToken(verifier: AccessTokenVerifier, scope: ServiceScope) {
  return async function checkBearerToken(request: FastifyRequest): Promise<void> {
    const header = request.headers.authorization;
    if (!header) throw unauthorized('TOKEN_INVALID', 'an Authorization: Bearer token is required');
    const match = BEARER.exec(header);
    if (!match?.[1]) {
      throw unauthorized('TOKEN_INVALID', 'the Authorization header must be "Bearer <token>"');
    }
    const result = await verifier.check(match[1]);
    if (!result.ok) {
      throw result.reason === 'expired'
        ? unauthorized('TOKEN_EXPIRED', 'the access token has expired; request a new one')
        : unauthorized('TOKEN_INVALID', 'the access token is not valid');
    }
    if (!result.token.scopes.has(scope)) {
      throw new Psd2Error(
        403,
        'SERVICE_BLOCKED',
        `the access token's scope does not include ${scope}; request a token with scope "${scope}"`,
      );
    }
    request.token = result.token;
  };
}
