// The token endpoint of every sandbox bank: authorization_code, refresh_token, and the
// decoupled grant that turns a finalised BankID order into tokens. Whether tokens may be
// handed out is the authorised resource's call, through its SCA resource kind.

import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isFinished, refreshAuthorisation } from '../domain/decoupled-sca.js';
import { OAuthError } from '../domain/errors.js';
import type { SandboxBank } from '../domain/sandbox-bank.js';
import { sameResource } from '../domain/sca-resource.js';
import type { TokenResponse } from '../domain/tokens.js';
import { bankOf, header, type SandboxContext } from './context.js';

export const DECOUPLED_GRANT = 'urn:bankbridge:params:oauth:grant-type:decoupled';

type Query = Record<string, string | undefined>;

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Client authentication at the token endpoint: HTTP Basic or client_id/client_secret in the body. */
function authenticateClient(context: SandboxContext, request: FastifyRequest, body: Query): string {
  let clientId = body.client_id;
  let secret = body.client_secret;
  const authorization = header(request, 'authorization');
  if (authorization?.toLowerCase().startsWith('basic ')) {
    const decoded = Buffer.from(authorization.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw new OAuthError('invalid_client', 'Malformed Basic credentials');
    clientId = decodeURIComponent(decoded.slice(0, colon));
    secret = decodeURIComponent(decoded.slice(colon + 1));
  }
  if (!clientId)
    throw new OAuthError('invalid_client', 'Client authentication is required (client_id)');
  if (context.tppClients) {
    const expected = context.tppClients[clientId];
    if (expected === undefined || secret === undefined || !sameSecret(secret, expected)) {
      throw new OAuthError('invalid_client', 'Unknown client or wrong secret');
    }
  }
  return clientId;
}

/** Tokens name their resource in the scope; it must still allow tokens (a consent: valid). */
function resourceMustAllowTokens(
  context: SandboxContext,
  bank: SandboxBank,
  tokens: TokenResponse,
  now: Date,
): TokenResponse {
  const ref = context.scaKinds.fromScope(tokens.scope);
  if (!ref) throw new OAuthError('invalid_grant', `Unknown scope ${tokens.scope}`);
  const blocked = context.scaKinds.of(ref.kind).tokenBlocker(bank, ref.id, now);
  if (blocked) throw new OAuthError('invalid_grant', blocked);
  return tokens;
}

function decoupledGrant(
  context: SandboxContext,
  bank: SandboxBank,
  clientId: string,
  body: Query,
  now: Date,
): TokenResponse {
  if (!body.authorisation_id)
    throw new OAuthError('invalid_request', 'authorisation_id is required');
  const authorisation = bank.authorisations.get(body.authorisation_id);
  // The grant may also name the resource (consent_id): it must be the authorised one.
  const named = context.scaKinds.fromGrant(body);
  if (
    !authorisation ||
    authorisation.clientId !== clientId ||
    (named && !sameResource(named, authorisation.resource))
  ) {
    throw new OAuthError('invalid_grant', 'Unknown authorisation');
  }
  const status = refreshAuthorisation(authorisation, now);
  if (!isFinished(status))
    throw new OAuthError(
      'authorization_pending',
      `The PSU has not finished the SCA (scaStatus ${status})`,
    );
  if (status === 'failed') {
    throw authorisation.hint === 'expiredTransaction'
      ? new OAuthError('expired_token', 'The BankID order expired')
      : new OAuthError('access_denied', `The SCA failed (${authorisation.hint ?? 'failed'})`);
  }
  if (authorisation.tokensIssued)
    throw new OAuthError('invalid_grant', 'Tokens for this authorisation were already issued');
  const { kind, id } = authorisation.resource;
  const resourceKind = context.scaKinds.of(kind);
  const blocked = resourceKind.tokenBlocker(bank, id, now);
  if (blocked) throw new OAuthError('invalid_grant', blocked);
  // A finalised order always has its PSU (identified at the start or in the app).
  const psuId = authorisation.psuId;
  if (psuId === undefined) throw new OAuthError('invalid_grant', 'No PSU identified');
  authorisation.tokensIssued = true;
  return resourceKind.issueTokens(bank, id, { clientId: authorisation.clientId, psuId }, now);
}

export function registerTokenRoutes(app: FastifyInstance, context: SandboxContext): void {
  app.post(
    '/banks/:bic/oauth2/token',
    { config: { faults: true, oauthErrors: true } },
    async (request, reply) => {
      const bank = bankOf(context, request);
      const body = (request.body ?? {}) as Query;
      reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
      const clientId = authenticateClient(context, request, body);
      const now = context.now();
      switch (body.grant_type) {
        case 'authorization_code': {
          if (!body.code) throw new OAuthError('invalid_request', 'code is required');
          const tokens = bank.tokens.redeemCode(
            body.code,
            clientId,
            body.redirect_uri,
            body.code_verifier,
            now,
          );
          return resourceMustAllowTokens(context, bank, tokens, now);
        }
        case 'refresh_token': {
          if (!body.refresh_token)
            throw new OAuthError('invalid_request', 'refresh_token is required');
          const tokens = bank.tokens.refresh(body.refresh_token, clientId, now);
          return resourceMustAllowTokens(context, bank, tokens, now);
        }
        case DECOUPLED_GRANT:
          return decoupledGrant(context, bank, clientId, body, now);
        default:
          throw new OAuthError(
            'unsupported_grant_type',
            'grant_type must be authorization_code, refresh_token or the decoupled grant',
          );
      }
    },
  );
}
