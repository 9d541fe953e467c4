import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { AccountInformationService } from '../accounts/account-information-service.js';
import type { AccessTokenVerifier } from '../auth/access-tokens.js';
import type { BankHealthSource } from '../connectors/index.js';
import type { ConsentService } from '../consents/consent-service.js';
import type { WebhookSettingsService } from '../events/index.js';
import { type RateLimiter, rateLimitText, registerRateLimit } from '../http/rate-limit.js';
import type { PaymentService } from '../payments/payment-service.js';
import { Problem } from '../problems.js';
import { accountInformationRoutes } from '../psd2/account-information/routes.js';
import { aspspInformationRoutes } from '../psd2/aspsp-information/routes.js';
import { consentRoutes } from '../psd2/consent/routes.js';
import { eventRoutes } from '../psd2/events/routes.js';
import { paymentRoutes } from '../psd2/payment/routes.js';
import { psd2Conventions } from '../psd2/plugin.js';
import { type RequestReplayOptions, registerRequestReplay } from '../psd2/request-replay.js';
import type { RegisteredRedirectUris } from '../psd2/tpp-redirect-uris.js';
import type { Registry } from '../registry/index.js';
import type { EventsRepository } from '../store/events.js';

export interface ApiDependencies {
  registry: Registry;
  tokens: AccessTokenVerifier;
  consents: ConsentService;
  payments: PaymentService;
  /** A client's registered redirect URIs, which TPP-Redirect-URI must name. */
  redirectUris: RegisteredRedirectUris;
  accountInformation: AccountInformationService;
  /** Per-client rate limit of every /psd2 call with a valid token; undefined: none. */
  rateLimiter?: RateLimiter | undefined;
  /**
   * X-Request-ID replay safety of the routes with `config: { replay: true }`
   * (psd2/request-replay.ts).
   */
  replay: RequestReplayOptions;
  /** Each bank's health, reported by the ASPSP information API. */
  health?: BankHealthSource;
  apiUrl: string;
  authUrl: string;
  /** The event feed and the check of TPP-Notification-URI; without them, neither. */
  events?: { feed: EventsRepository; webhooks: WebhookSettingsService } | undefined;
}

/** The API host (the seeds' API_HOST): `/psd2/*` and the bank logos the registry refers to. */
export async function apiRoutes(app: FastifyInstance, deps: ApiDependencies): Promise<void> {
  await app.register(
    async (psd2) => {
      await psd2Conventions(psd2);
      if (deps.rateLimiter) {
        registerRateLimit(psd2, {
          limiter: deps.rateLimiter,
          refusal: (decision) => new Problem('ACCESS_EXCEEDED', rateLimitText(decision)),
        });
      }
      // After the rate limit: a refused request claims no X-Request-ID.
      registerRequestReplay(psd2, deps.replay);
      await psd2.register(aspspInformationRoutes, { prefix: '/aspspinformation/v1', ...deps });
      await psd2.register(consentRoutes, {
        prefix: '/consent/v1',
        service: deps.consents,
        tokens: deps.tokens,
        apiUrl: deps.apiUrl,
        authUrl: deps.authUrl,
        webhooks: deps.events?.webhooks,
      });
      await psd2.register(paymentRoutes, {
        prefix: '/paymentinitiation/v1',
        service: deps.payments,
        tokens: deps.tokens,
        apiUrl: deps.apiUrl,
        authUrl: deps.authUrl,
        webhooks: deps.events?.webhooks,
        redirectUris: deps.redirectUris,
      });
      if (deps.events) {
        await psd2.register(eventRoutes, {
          prefix: '/events/v1',
          feed: deps.events.feed,
          tokens: deps.tokens,
          authUrl: deps.authUrl,
        });
      }
      await psd2.register(accountInformationRoutes, {
        prefix: '/accountinformation/v1',
        service: deps.accountInformation,
        tokens: deps.tokens,
        authUrl: deps.authUrl,
      });
    },
    { prefix: '/psd2' },
  );
  registerLogos(app, deps.registry.logosDir);
}

/** Logos are a few small SVGs: read once at start and served from memory with a long cache. */
function registerLogos(app: FastifyInstance, directory: string): void {
  const logos = new Map<string, Buffer>();
  for (const file of safeReaddir(directory)) {
    if (/^[A-Za-z0-9_-]+\.svg$/.test(file)) {
      logos.set(file, readFileSync(path.join(directory, file)));
    }
  }
  app.get<{ Params: { file: string } }>('/logos/:file', async (request, reply) => {
    const logo = logos.get(request.params.file);
    if (!logo) return reply.code(404).send({ error: 'not_found', message: 'no such logo' });
    return reply
      .type('image/svg+xml')
      .header('Cache-Control', 'public, max-age=86400')
      .header('X-Content-Type-Options', 'nosniff')
      .send(logo);
  });
}

function safeReaddir(directory: string): string[] {
  try {
    return readdirSync(directory);
  } catch {
    return [];
  }
}
