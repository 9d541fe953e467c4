import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AccessTokenVerifier } from '../../auth/access-tokens.js';
import type { WebhookSettingsService } from '../../events/index.js';
import type { CallContext } from '../../logging/logger.js';
import type {
  Cancellation,
  CreatedPayment,
  PaymentRef,
  PaymentScaKind,
  PaymentService,
  SelectedPaymentMethod,
} from '../../payments/payment-service.js';
import { Problem } from '../../problems.js';
import type { StartedAuthorisation } from '../../sca/index.js';
import { psuHeaders } from '../../sca/index.js';
import { answerNotification } from '../notification-headers.js';
import { psuContextOf, psuOf } from '../psu-context.js';
import { callContext, clientIdOf, headerValue } from '../request.js';
import { changeAnswered, jsonAnswer, noContentAnswer, sendAnswer } from '../request-replay.js';
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
import {
  type RegisteredRedirectUris,
  requireRegisteredTppRedirectUris,
} from '../tpp-redirect-uris.js';
import {
  cancellationBody,
  cancellationIdsBody,
  createdBody,
  paymentBody,
  statusBody,
} from './responses.js';

export interface PaymentRouteDependencies {
  service: PaymentService;
  tokens: AccessTokenVerifier;
  /** Public URLs: Location headers are absolute, scaOAuth points at the auth host. */
  apiUrl: string;
  authUrl: string;
  /** Checks TPP-Notification-URI; without it the header is ignored. */
  webhooks?: WebhookSettingsService | undefined;
  /** For TPP-Redirect-URI and TPP-Nok-Redirect-URI, which must name one of them. */
  redirectUris: RegisteredRedirectUris;
}

/**
 * Decision: a payment initiation may be larger than the API's 64 KiB: a bulk of as many items
 * as the registry lets a bank take (up to 1,000, each with payee, address and remittance) must
 * fit, and the bank product body cap (256 KiB) must be reachable. Other operations keep 64 KiB.
 */
const PAYMENT_BODY_LIMIT = 512 * 1024;

interface ProductPath {
  Params: { service: string; product: string };
}
interface PaymentPath {
  Params: { service: string; product: string; paymentId: string };
}
interface AuthorisationPath {
  Params: { service: string; product: string; paymentId: string; authorisationId: string };
}

export const PAYMENTS_PATH = '/psd2/paymentinitiation/v1';

/** The two SCAs of a payment and where their authorisations hang. */
const SCA_KINDS: ReadonlyArray<{ kind: PaymentScaKind; segment: string; links: string[] }> = [
  { kind: 'payment', segment: 'authorisations', links: ['authoriseTransaction'] },
  { kind: 'paymentCancellation', segment: 'cancellation-authorisations', links: [] },
];

/**
 * `/psd2/paymentinitiation/v1`: the twelve Payment Initiation operations of the contract, for
 * every payment service and product. Each route reads the headers, asks the PaymentService,
 * and renders its answer (`responses.ts`); the rules live in `payments/rules/`, the
 * orchestration in `payments/payment-service.ts`.
 */
export async function paymentRoutes(
  app: FastifyInstance,
  deps: PaymentRouteDependencies,
): Promise<void> {
  const { service } = deps;
  app.addHook('preHandler', requireToken(deps.tokens, 'paymentinitiation', deps.authUrl));
  app.addHook('preHandler', requireWellFormedPsuHeaders);
  app.addHook('preHandler', requireRegisteredTppRedirectUris(deps.redirectUris));
  const resource = (payment: { service: string; product: string; id: string }) =>
    `${PAYMENTS_PATH}/${payment.service}/${payment.product}/${encodeURIComponent(payment.id)}`;

  // Every write is safe to retry with the same X-Request-ID (psd2/request-replay.ts): a TPP
  // that lost the answer gets the first payment, authorisation or BankID order again.
  const replaySafe = { config: { replay: true } };

  // Creation alone takes the larger limit; the other operations keep the API's 64 KiB.
  app.addHook('onRoute', (route) => {
    if (route.method === 'POST' && route.url.endsWith('/:service/:product')) {
      route.bodyLimit = PAYMENT_BODY_LIMIT;
    }
  });
  app.post<ProductPath>('/:service/:product', replaySafe, async (request, reply) => {
    const { bic, tppRedirectPreferred, psu, notification } = await creationHeaders(
      request,
      deps.webhooks,
    );
    const answer = await createAnswered<CreatedPayment>(
      request,
      (keep) =>
        service.create(paymentContext(request), {
          notification,
          clientId: clientIdOf(request),
          requestId: request.id,
          bic,
          service: request.params.service,
          product: request.params.product,
          body: request.body,
          psu,
          psuContext: psuContextOf(request, psu, 'paymentinitiation'),
          tppRedirectPreferred,
          rejectionNoFundsPreferred: booleanHeader(request, 'tpp-rejection-nofunds-preferred'),
          answer: keep,
        }),
      (created) => {
        const path = resource(created.payment);
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

  const ref = (request: FastifyRequest<PaymentPath>): PaymentRef => ({
    clientId: clientIdOf(request),
    paymentId: request.params.paymentId,
    service: request.params.service,
    product: request.params.product,
    bic: headerValue(request, 'x-bicfi'),
  });

  app.get<PaymentPath>('/:service/:product/:paymentId', async (request) => {
    const { payment, debtorAccount } = await service.read(paymentContext(request), ref(request));
    return paymentBody(payment, debtorAccount);
  });

  app.get<PaymentPath>('/:service/:product/:paymentId/status', async (request) =>
    statusBody(await service.get(paymentContext(request), ref(request))),
  );

  app.delete<PaymentPath>('/:service/:product/:paymentId', replaySafe, async (request, reply) => {
    const answer = await changeAnswered<Cancellation>(
      request,
      (keep) => service.cancel(paymentContext(request), ref(request), keep),
      (cancellation) =>
        cancellation.outcome === 'cancelled'
          ? noContentAnswer()
          : jsonAnswer(
              202,
              {},
              cancellationBody(cancellation.payment, resource(cancellation.payment)),
            ),
    );
    return sendAnswer(reply, answer);
  });

  for (const { kind, segment, links } of SCA_KINDS) {
    const base = `/:service/:product/:paymentId/${segment}`;

    app.post<PaymentPath>(base, replaySafe, async (request, reply) => {
      const answer = await createAnswered<StartedAuthorisation>(
        request,
        (keep) => service.startAuthorisation(paymentContext(request), ref(request), kind, keep),
        (started) => {
          const path = `${resourceOf(request)}/${segment}/${started.authorisation.id}`;
          return {
            location: `${deps.apiUrl}${path}`,
            scaApproach: started.scaApproach,
            body: startedAuthorisationBody(started, path, links),
          };
        },
      );
      return sendAnswer(reply, answer);
    });

    app.get<PaymentPath>(base, async (request) => {
      const ids = await service.authorisationIds(paymentContext(request), ref(request), kind);
      return kind === 'payment' ? authorisationIdsBody(ids) : cancellationIdsBody(ids);
    });

    app.get<AuthorisationPath>(`${base}/:authorisationId`, async (request) =>
      scaStatusBody(
        await service.authorisation(
          paymentContext(request),
          ref(request),
          kind,
          request.params.authorisationId,
        ),
      ),
    );

    app.put<AuthorisationPath>(`${base}/:authorisationId`, replaySafe, async (request, reply) => {
      const { authorisationId } = request.params;
      const path = `${resourceOf(request)}/${segment}/${authorisationId}`;
      const answer = await selectAnswered<SelectedPaymentMethod>(
        request,
        (keep) =>
          service.selectMethod(
            paymentContext(request),
            { ...ref(request), kind, authorisationId, body: request.body, psu: psuOf(request) },
            keep,
          ),
        (selected) => {
          const { payment } = selected;
          return selected.approach === 'REDIRECT'
            ? selectedMethodBody(selected, path, {
                scaOAuth: scaOAuthHref(
                  deps.authUrl,
                  { bic: payment.bic, kind, resourceId: payment.id, authorisationId },
                  `paymentinitiation ${payment.psuContext}`,
                ),
              })
            : selectedMethodBody(selected, path, {});
        },
      );
      return sendAnswer(reply, answer);
    });
  }

  function resourceOf(request: FastifyRequest<PaymentPath>): string {
    const { service: paymentService, product, paymentId } = request.params;
    return resource({ service: paymentService, product, id: paymentId });
  }
}

/**
 * The call's context, with the PSU headers the TPP sent: passed on to the bank on every call
 * about the payment, where the PSU is there (a status read, an authorisation).
 */
function paymentContext(request: FastifyRequest): CallContext {
  return { ...callContext(request), psu: psuHeaders(psuOf(request)) };
}

function booleanHeader(request: FastifyRequest, name: string): boolean | undefined {
  const value = headerValue(request, name)?.toLowerCase();
  if (value === undefined) return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw Problem.format(`the ${name} header must be true or false`);
}
