import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AccessTokenVerifier } from '../../auth/access-tokens.js';
import type {
  ConsentRef,
  ConsentService,
  CreatedConsent,
  SelectedConsentMethod,
} from '../../consents/consent-service.js';
import type { WebhookSettingsService } from '../../events/index.js';
import type { StartedAuthorisation } from '../../sca/index.js';
import { answerNotification } from '../notification-headers.js';
import { psuContextOf, psuOf } from '../psu-context.js';
import { callContext, clientIdOf, headerValue } from '../request.js';
import { changeAnswered, noContentAnswer, sendAnswer } from '../request-replay.js';
import { requireWellFormedPsuHeaders } from '../require-psu-headers.js';
import { requireToken } from '../require-token.js';
import { createAnswered, creationHeaders, selectAnswered } from '../resource-requests.js';
import {
  authorisationIdsBody,
  scaOAuthHref,
  scaStatusBody,
  selectedMethodBody,
  startedAuthorisationBody,
} from '../sca-responses.js';
import { consentBody, createdBody } from './responses.js';

export interface ConsentRouteDependencies {
  service: ConsentService;
  tokens: AccessTokenVerifier;
  /** Public URLs: Location headers are absolute, scaOAuth points at the auth host. */
  apiUrl: string;
  authUrl: string;
  /** Checks TPP-Notification-URI; without it the header is ignored. */
  webhooks?: WebhookSettingsService | undefined;
}

interface ConsentPath {
  Params: { consentId: string };
}
interface AuthorisationPath {
  Params: { consentId: string; authorisationId: string };
}

export const CONSENTS_PATH = '/psd2/consent/v1/consents';

/**
 * `/psd2/consent/v1`: the eight Consent operations of the contract. Each route reads the
 * headers, asks the ConsentService, and renders its answer (`responses.ts`); the rules live in
 * `consent/`, the orchestration in `consents/consent-service.ts`.
 */
export async function consentRoutes(
  app: FastifyInstance,
  deps: ConsentRouteDependencies,
): Promise<void> {
  const { service } = deps;
  app.addHook('preHandler', requireToken(deps.tokens, 'accountinformation', deps.authUrl));
  app.addHook('preHandler', requireWellFormedPsuHeaders);
  const resource = (consentId: string) => `${CONSENTS_PATH}/${encodeURIComponent(consentId)}`;
  // The operations that change something are safe to retry with the same X-Request-ID: the
  // retry gets the first answer (psd2/request-replay.ts), not a second consent, authorisation
  // or BankID order.
  const replaySafe = { config: { replay: true } };

  app.post('/consents', replaySafe, async (request, reply) => {
    const { bic, tppRedirectPreferred, psu, notification } = await creationHeaders(
      request,
      deps.webhooks,
    );
    const answer = await createAnswered<CreatedConsent>(
      request,
      (keep) =>
        service.create(callContext(request), {
          notification,
          clientId: clientIdOf(request),
          bic,
          body: request.body,
          psu,
          psuContext: psuContextOf(request, psu, 'accountinformation'),
          tppRedirectPreferred,
          answer: keep,
        }),
      (created) => {
        const path = resource(created.consent.id);
        return {
          location: `${deps.apiUrl}${path}`,
          scaApproach: created.scaApproach,
          body: createdBody(created, path),
        };
      },
    );
    answerNotification(reply, notification);
    return sendAnswer(reply, answer);
  });

  /** The consent of the path, as the caller names it (X-BicFi, when sent, must be its bank). */
  const ref = (request: FastifyRequest<ConsentPath>): ConsentRef => ({
    clientId: clientIdOf(request),
    consentId: request.params.consentId,
    bic: headerValue(request, 'x-bicfi'),
  });

  app.get<ConsentPath>('/consents/:consentId', async (request) => {
    const consent = await service.get(callContext(request), ref(request));
    return consentBody(consent, resource(consent.id));
  });

  app.delete<ConsentPath>('/consents/:consentId', replaySafe, async (request, reply) => {
    const answer = await changeAnswered(
      request,
      (keep) => service.delete(callContext(request), ref(request), keep && (() => keep(undefined))),
      noContentAnswer,
    );
    return sendAnswer(reply, answer);
  });

  app.get<ConsentPath>('/consents/:consentId/status', async (request) => {
    const consent = await service.get(callContext(request), ref(request));
    return { consentStatus: consent.status };
  });

  app.post<ConsentPath>(
    '/consents/:consentId/authorisations',
    replaySafe,
    async (request, reply) => {
      const answer = await createAnswered<StartedAuthorisation>(
        request,
        (keep) => service.startAuthorisation(callContext(request), ref(request), keep),
        (started) => {
          const path = `${resource(request.params.consentId)}/authorisations/${started.authorisation.id}`;
          return {
            location: `${deps.apiUrl}${path}`,
            scaApproach: started.scaApproach,
            body: startedAuthorisationBody(started, path),
          };
        },
      );
      return sendAnswer(reply, answer);
    },
  );

  app.get<ConsentPath>('/consents/:consentId/authorisations', async (request) =>
    authorisationIdsBody(await service.authorisationIds(callContext(request), ref(request))),
  );

  app.get<AuthorisationPath>(
    '/consents/:consentId/authorisations/:authorisationId',
    async (request) => {
      const authorisation = await service.authorisation(
        callContext(request),
        ref(request),
        request.params.authorisationId,
      );
      return scaStatusBody(authorisation);
    },
  );

  app.put<AuthorisationPath>(
    '/consents/:consentId/authorisations/:authorisationId',
    replaySafe,
    async (request, reply) => {
      const { consentId, authorisationId } = request.params;
      const path = `${resource(consentId)}/authorisations/${authorisationId}`;
      const answer = await selectAnswered<SelectedConsentMethod>(
        request,
        (keep) =>
          service.selectMethod(
            callContext(request),
            { ...ref(request), authorisationId, body: request.body, psu: psuOf(request) },
            keep,
          ),
        (selected) =>
          selected.approach === 'REDIRECT'
            ? selectedMethodBody(selected, path, {
                scaOAuth: scaOAuthHref(
                  deps.authUrl,
                  {
                    bic: selected.consent.bic,
                    kind: 'consent',
                    resourceId: selected.consent.id,
                    authorisationId,
                  },
                  `accountinformation ${selected.consent.psuContext}`,
                ),
              })
            : selectedMethodBody(selected, path, {}),
      );
      return sendAnswer(reply, answer);
    },
  );
}
