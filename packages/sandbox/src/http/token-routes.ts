// The token endpoint of every sandbox bank: authorization_code, refresh_token, and the
// decoupled grant that turns a finalised BankID order into tokens.

import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { refreshConsentStatus } from '../domain/consents.js';
import { isFinished, refreshAuthorisation } from '../domain/decoupled-sca.js';
import { OAuthError } from '../domain/errors.js';
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
      const consentMustBeValid = (consentId: string) => {
        const consent = bank.consents.get(consentId);
        const status = consent ? refreshConsentStatus(consent, now) : 'unknown';
        if (status !== 'valid') throw new OAuthError('invalid_grant', `The consent is ${status}`);
      };
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
          consentMustBeValid(tokens.scope.slice(4));
          return tokens;
        }
        case 'refresh_token': {
          if (!body.refresh_token)
            throw new OAuthError('invalid_request', 'refresh_token is required');
          const tokens = bank.tokens.refresh(body.refresh_token, clientId, now);
          consentMustBeValid(tokens.scope.slice(4));
          return tokens;
        }
        case DECOUPLED_GRANT: {
          if (!body.authorisation_id)
            throw new OAuthError('invalid_request', 'authorisation_id is required');
          const authorisation = bank.authorisations.get(body.authorisation_id);
          if (
            !authorisation ||
            authorisation.clientId !== clientId ||
            (body.consent_id && body.consent_id !== authorisation.consentId)
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
              : new OAuthError(
                  'access_denied',
                  `The SCA failed (${authorisation.hint ?? 'failed'})`,
                );
          }
          if (authorisation.tokensIssued)
            throw new OAuthError(
              'invalid_grant',
              'Tokens for this authorisation were already issued',
            );
          consentMustBeValid(authorisation.consentId);
          // A finalised order always has its PSU (identified at the start or in the app).
          const psuId = authorisation.psuId;
          if (psuId === undefined) throw new OAuthError('invalid_grant', 'No PSU identified');
          authorisation.tokensIssued = true;
          return bank.tokens.issueAfterSca(
            { clientId: authorisation.clientId, consentId: authorisation.consentId, psuId },
            now,
          );
        }
        default:
          throw new OAuthError(
            'unsupported_grant_type',
            'grant_type must be authorization_code, refresh_token or the decoupled grant',
          );
      }
    },
  );
}
