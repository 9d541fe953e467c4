import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { FastifyInstance } from 'fastify';
import type Provider from 'oidc-provider';
import { AccountInformationService, readHoldMs } from './accounts/account-information-service.js';
import { PageCursors } from './accounts/page-cursor.js';
import { aispApiRoutes, answeringUnroutableAispUrls } from './aisp/api-routes.js';
import {
  AISP_ACCESS_TOKEN_MODELS,
  AISP_OAUTH_PATHS,
  createAispOAuthServer,
} from './aisp/oauth-server.js';
import { AISP_BASE_PATH } from './aisp/responses.js';
import { ConsentsForTokens } from './aisp/token-consents.js';
import { apiRoutes } from './api/api-routes.js';
import { AccessTokenVerifier } from './auth/access-tokens.js';
import { oauthRawHandler, oauthRoutes } from './auth/auth-routes.js';
import { CLIENT_RULES } from './auth/client-rules.js';
import { createOidcProvider } from './auth/oidc-provider.js';
import { portalTokenIssuer } from './auth/portal-tokens.js';
import { loadSigningKeys } from './auth/signing-keys.js';
import { httpsOptions, tppCertificatesFor } from './certificates/server-tls.js';
import { type Config, ConfigError } from './config.js';
import { BankBreakers, createConnectors } from './connectors/index.js';
import { ConsentService } from './consents/consent-service.js';
import { ONE_OFF_KEY_SUFFIX } from './consents/rules/frequency.js';
import { CONSENT_STATUSES } from './consents/rules/types.js';
import {
  createEvents,
  type Events,
  type Resolver,
  WEBHOOK_SECRETS_KEY,
  WebhookSettingsService,
} from './events/index.js';
import { BankWorkLimit } from './http/bank-work-limit.js';
import { createHttpServer } from './http/create-server.js';
import { type Readiness, readiness, registerHealth } from './http/health.js';
import { RateLimiter, rateLimitText, registerRateLimit } from './http/rate-limit.js';
import { limitAuthenticatedClients } from './http/token-rate-limit.js';
import type { Logger } from './logging/logger.js';
import { drain } from './operations/graceful-shutdown.js';
import { Metrics } from './operations/metrics.js';
import { type MetricsServer, serveMetrics } from './operations/metrics-server.js';
import { storeReadinessChecks } from './operations/readiness-checks.js';
import { Tracing } from './operations/tracing.js';
import { PaymentService } from './payments/payment-service.js';
import { TRANSACTION_STATUSES } from './payments/rules/status.js';
import { portalRoutes } from './portal/portal.js';
import { RequestLog } from './portal/request-log.js';
import { RequestRecorder } from './portal/request-recorder.js';
import { SessionsRepository } from './portal/sessions.js';
import { UsersRepository } from './portal/users.js';
import { answerUnroutableUrl } from './psd2/plugin.js';
import { bankLookup, defaultRegistryPath, loadRegistry, type Registry } from './registry/index.js';
import { ScaService } from './sca/index.js';
import { MasterKey, MasterKeyError } from './security/master-key.js';
import { SealedBox } from './security/sealed-box.js';
import { AccountIdsRepository } from './store/account-ids.js';
import { AuthorisationsRepository } from './store/authorisations.js';
import { ClientsRepository } from './store/clients.js';
import { ConsentsRepository } from './store/consents.js';
import { DeliveryLogRepository } from './store/delivery-log.js';
import { FrequencyCountersRepository } from './store/frequency-counters.js';
import { OidcPayloadRows } from './store/oidc-payloads.js';
import { openStore, type Store, storeOptionsFor } from './store/open-store.js';
import { OperationalCounts } from './store/operational-counts.js';
import { PaymentsRepository } from './store/payments.js';
import { RateLimitCounters } from './store/rate-limits.js';
import { RequestReplaysRepository } from './store/request-replays.js';
import { SettingsRepository } from './store/settings.js';

export interface PlatformOptions {
  config: Config;
  logger: Logger;
  /** Injected clock; everything time-dependent reads it. */
  now?: () => Date;
  /** A store opened by the caller (kept open on close). */
  store?: Store;
  /** DNS for webhook hosts; tests inject one. */
  webhookResolver?: Resolver;
  /** Where spans go instead of OTLP (the tests' in-memory exporter); set, tracing is on. */
  traceExporter?: SpanExporter;
}

/** The parts of a running platform, wired together once. */
export interface Platform {
  config: Config;
  logger: Logger;
  store: Store;
  registry: Registry;
  clients: ClientsRepository;
  /** Developer portal accounts. */
  users: UsersRepository;
  /** Authenticated API requests and the bank calls each caused, for the portal. */
  requestLog: RequestLog;
  settings: SettingsRepository;
  provider: Provider;
  masterKey: MasterKey;
  consents: ConsentService;
  payments: PaymentService;
  /** Each bank's circuit breaker, and the health the ASPSP information API reports. */
  breakers: BankBreakers;
  /** The events outbox's feed, webhooks and the background work that sends them. */
  events: Events;
  webhooks: WebhookSettingsService;
  /**
   * The per-client rate limit shared by every API (`registerRateLimit` in http/rate-limit.ts);
   * undefined when BANKBRIDGE_RATE_LIMIT is off.
   */
  rateLimiter: RateLimiter | undefined;
  /**
   * The bound on bank work started from a page without authentication (`place`: where, each
   * with its own counts), per source and per client, as configured.
   */
  bankWorkLimit(place: string): BankWorkLimit;
  /** The API host's server; the auth routes are on it too when both share a port. */
  api: FastifyInstance;
  /** The auth host's server; the same object as `api` when both share a port. */
  auth: FastifyInstance;
  /** Prometheus metrics, when BANKBRIDGE_METRICS_PORT is set; served there once listening. */
  metrics: Metrics | undefined;
  /** Where `/metrics` answers once listening; undefined when metrics are off. */
  metricsUrl(): string | undefined;
  /** What `/health/ready` answers: the database, the migrations, and whether it is draining. */
  readiness(): Promise<Readiness>;
  listen(): Promise<{ apiUrl: string; authUrl: string }>;
  /**
   * The SIGTERM path: not ready for the configured delay while still serving, then no new
   * connections, in-flight requests and background runs finished within the timeout, then
   * closed. Answers false when the timeout cut some of it.
   */
  shutdown(): Promise<boolean>;
  close(): Promise<void>;
}

/** Opens the store (migrating it), loads the registry and keys, and builds both servers. */
export async function createPlatform(options: PlatformOptions): Promise<Platform> {
  const { config, logger } = options;
  const now = options.now ?? (() => new Date());
  const nowSeconds = () => Math.floor(now().getTime() / 1000);
  const registry = loadRegistry(config.registryPath ?? defaultRegistryPath(), {
    sandboxUrl: config.sandboxUrl,
    apiUrl: config.apiUrl,
    authUrl: config.authUrl,
  });
  const masterKey = loadMasterKey(config);
  // Production mode: HTTPS, and TPP certificates required on /connect and /psd2.
  const https = httpsOptions(config);
  const certificates = tppCertificatesFor(config, now);
  const store =
    options.store ??
    (await openStore({
      ...storeOptionsFor(config),
      backgroundCheckpoints: {
        onFailure: (message) =>
          logger.warn({ reason: message }, 'SQLite checkpoint failed; retried'),
      },
    }));
  const ownsStore = !options.store;
  try {
    const clients = new ClientsRepository(store.db, CLIENT_RULES, now);
    const settings = new SettingsRepository(store.db);
    const keysBox = new SealedBox(masterKey.derive('signing-keys'));
    const users = new UsersRepository(store.db, now);
    const requestLog = new RequestLog(store.db, { logger, now });
    const recorder = new RequestRecorder(requestLog);
    // A bank that keeps failing is not called for a while (connectors/circuit-breaker.ts).
    const breakers = new BankBreakers(
      {
        failures: config.bankBreaker.failures,
        coolDownMs: config.bankBreaker.coolDownSeconds * 1000,
      },
      {
        onChange: (bank, health) => {
          const line = { bic: bank.bic, health: health.status, retryAt: health.retryAt };
          if (health.status === 'unavailable')
            logger.warn(line, 'bank not answering: not called until retryAt');
          else logger.info(line, `bank ${health.status}`);
        },
      },
    );
    const { otlpEndpoint } = config.operations;
    const tracing =
      options.traceExporter || otlpEndpoint
        ? new Tracing({
            serviceName: process.env.OTEL_SERVICE_NAME || 'bankbridge',
            ...(options.traceExporter ? { exporter: options.traceExporter } : {}),
            ...(otlpEndpoint ? { endpoint: otlpEndpoint } : {}),
          })
        : undefined;
    const metrics =
      config.operations.metricsPort === undefined
        ? undefined
        : new Metrics({
            banks: () => registry.aspsps.map((entry) => entry.bicFi),
            breakerState: (bic) => breakers.health(bic).status,
            counts: new OperationalCounts(store.db, now),
            consentStatuses: CONSENT_STATUSES,
            paymentStatuses: TRANSACTION_STATUSES,
            pool: store.pool,
            logger,
          });
    const connectorFor = createConnectors(registry, {
      breakers,
      credentials: config.bankCredentials,
      http: { timeoutMs: config.bankTimeoutMs },
      now,
      ...(tracing ? { tracer: tracing.bankCalls } : {}),
      onBankCall: metrics
        ? (call) => {
            recorder.observeBankCall(call);
            metrics.observeBankCall(call);
          }
        : recorder.observeBankCall,
    });
    // Bank tokens and a redirect SCA's bank exchange are sealed with the same key.
    const bankSecrets = new SealedBox(masterKey.derive('bank-tokens'));
    const consentsRepository = new ConsentsRepository(store.db, bankSecrets, now);
    const paymentsRepository = new PaymentsRepository(store.db, now);
    const sca = new ScaService({
      authorisations: new AuthorisationsRepository(store.db, bankSecrets, now),
      bank: bankLookup(registry),
      connectorFor,
      now,
      // A redemption makes two bank calls at most, each bounded by the bank timeout.
      redeemWindowMs: 2 * config.bankTimeoutMs + 5_000,
      sandboxUrl: registry.urls.sandboxUrl,
    });
    const consents = new ConsentService({
      consents: consentsRepository,
      sca,
      registry,
      connectorFor,
      now,
      authorisationTimeoutSeconds: config.consentAuthorisationTimeoutSeconds,
    });
    const payments = new PaymentService({
      payments: paymentsRepository,
      sca,
      registry,
      connectorFor,
      now,
      authorisationTimeoutSeconds: config.paymentAuthorisationTimeoutSeconds,
    });
    const events = createEvents({
      db: store.db,
      secretsBox: new SealedBox(masterKey.derive(WEBHOOK_SECRETS_KEY)),
      settings: config.events,
      consents,
      consentsRepository,
      payments,
      bank: (bic) => consents.bank(bic),
      now,
      logger,
      consentAuthorisationTimeoutSeconds: config.consentAuthorisationTimeoutSeconds,
      // A read of a payment makes a few bank calls, each bounded by the bank timeout.
      pollClaimMs: 4 * config.bankTimeoutMs + 5_000,
      ...(options.webhookResolver ? { resolve: options.webhookResolver } : {}),
      ...(metrics ? { onWebhookAttempt: (outcome) => metrics.webhookAttempted(outcome) } : {}),
    });
    const webhooks = new WebhookSettingsService(events.webhookSettings, events.policy);
    const counters = new FrequencyCountersRepository(store.db, now);
    const oidcPayloads = new OidcPayloadRows(store.db);
    const accountInformation = new AccountInformationService({
      consents: consentsRepository,
      accountIds: new AccountIdsRepository(store.db, now),
      counters,
      // Page cursors handed to TPPs are sealed with a key of their own.
      cursors: new PageCursors(new SealedBox(masterKey.derive('page-cursors'))),
      registry,
      connectorFor,
      now,
      readHoldMs: readHoldMs(config.bankTimeoutMs),
      ...(metrics ? { onFrequencyRefused: () => metrics.frequencyBudgetRefused() } : {}),
    });
    const signingKeys = await loadSigningKeys(settings, keysBox);
    const provider = createOidcProvider({
      issuer: config.authUrl,
      db: store.db,
      clients,
      signingKeys,
      cookieKeys: [masterKey.derive('cookies').toString('base64url')],
      bankStateKey: masterKey.derive('bank-state'),
      redirectSca: sca,
      logger,
      nowSeconds,
      trustProxy: config.trustProxy,
      requirePkce: config.requirePkce,
      portalOrigin: new URL(config.apiUrl).origin,
      ...(certificates ? { certificates } : {}),
    });
    const tokens = new AccessTokenVerifier(store.db, {
      nowSeconds,
      ...(certificates ? { certificates } : {}),
    });
    // Answers kept for X-Request-ID replays can hold BankID autostart tokens: sealed.
    const replays = new RequestReplaysRepository(
      store.db,
      new SealedBox(masterKey.derive('request-replays')),
      now,
    );
    const replayWindowMs = config.replayWindowHours * 3_600_000;
    const rateLimitCounters = new RateLimitCounters(store.db);
    const bankWorkLimit = (place: string) =>
      new BankWorkLimit(place, rateLimitCounters, config.bankWorkLimits, now, (limitedBy) =>
        metrics?.rateLimitRefused(`page_${limitedBy}`),
      );
    const rateLimiter = config.rateLimit
      ? new RateLimiter({
          counters: rateLimitCounters,
          policy: config.rateLimit,
          now,
          ...(metrics ? { onRefused: () => metrics.rateLimitRefused('client') } : {}),
        })
      : undefined;
    // Requests that authenticate as a client at /connect count against its rate limit too.
    if (rateLimiter) limitAuthenticatedClients(provider, rateLimiter);
    // A token revoked through this instance is refused here at once, not after the cache window.
    provider.on('client_credentials.destroyed', (token) => tokens.forget(token.jti));
    provider.on('access_token.destroyed', (token) => tokens.forget(token.jti));
    // A replayed authorization code revokes the tokens of its grant, which the event does not
    // list: forget every cached verdict rather than let one live for the cache window.
    provider.on('grant.revoked', () => tokens.forget());
    if (metrics) {
      provider.on('grant.success', (ctx) =>
        metrics.tokenIssued('connect', String(ctx.oidc.params?.grant_type ?? '')),
      );
    }

    // The simple AISP API's OAuth server (/oauth/*) and its tokens, apart from /connect's.
    const aispOAuth = createAispOAuthServer({
      issuer: config.authUrl,
      db: store.db,
      clients,
      signingKeys,
      cookieKeys: [masterKey.derive('cookies').toString('base64url')],
      logger,
      nowSeconds,
      now,
      trustProxy: config.trustProxy,
      tokenConsents: new ConsentsForTokens(consents),
      consents,
      sca,
      registry,
      bankStateBox: new SealedBox(masterKey.derive('aisp-bank-state')),
      requirePkce: config.requirePkce,
      bankWork: bankWorkLimit('consent-page'),
      portalOrigin: new URL(config.apiUrl).origin,
    });
    const aispTokens = new AccessTokenVerifier(store.db, {
      nowSeconds,
      models: AISP_ACCESS_TOKEN_MODELS,
    });
    aispOAuth.on('access_token.destroyed', (token) => aispTokens.forget(token.jti));
    aispOAuth.on('grant.revoked', () => aispTokens.forget());
    if (metrics) {
      aispOAuth.on('grant.success', (ctx) =>
        metrics.tokenIssued('aisp', String(ctx.oidc.params?.grant_type ?? '')),
      );
    }
    // Its token endpoint counts against the client's one budget too, as /connect's does.
    if (rateLimiter) limitAuthenticatedClients(aispOAuth, rateLimiter);

    let draining = false;
    const health = {
      checks: storeReadinessChecks(store, logger),
      draining: () => draining,
    };
    const shared = config.apiPort === config.authPort && config.apiPort !== 0;
    const oauth = oauthRawHandler(provider);
    const aispOAuthHandler = oauthRawHandler(aispOAuth, AISP_OAUTH_PATHS);
    const api = createHttpServer({
      logger,
      name: shared ? 'bankbridge' : 'api',
      trustProxy: config.trustProxy,
      rawHandlers: shared ? [oauth, aispOAuthHandler] : [],
      onUnroutableUrl: answeringUnroutableAispUrls(answerUnroutableUrl, now),
      draining: health.draining,
      ...(metrics ? { onAnswered: metrics.observeRequest } : {}),
      ...(tracing ? { tracer: tracing.requests } : {}),
      ...(https ? { https } : {}),
    });
    const auth = shared
      ? api
      : createHttpServer({
          logger,
          name: 'auth',
          trustProxy: config.trustProxy,
          rawHandlers: [oauth, aispOAuthHandler],
          draining: health.draining,
          ...(metrics ? { onAnswered: metrics.observeRequest } : {}),
          ...(tracing ? { tracer: tracing.requests } : {}),
          ...(https ? { https } : {}),
        });
    const servers = [...new Set([api, auth])];
    for (const app of servers) registerHealth(app, health);
    await auth.register(oauthRoutes, { provider });
    await auth.register(oauthRoutes, { provider: aispOAuth, paths: AISP_OAUTH_PATHS });
    recorder.register(api);
    await api.register(apiRoutes, {
      registry,
      tokens,
      consents,
      payments,
      redirectUris: async (clientId: string) => (await clients.find(clientId))?.redirectUris ?? [],
      accountInformation,
      rateLimiter,
      replay: {
        store: replays,
        windowMs: replayWindowMs,
        // A claim older than this belongs to a request whose instance died (config.ts says
        // why it is never shorter than three bank timeouts).
        staleMs: config.replayTakeoverSeconds * 1000,
        now,
      },
      health: breakers,
      apiUrl: config.apiUrl,
      authUrl: config.authUrl,
      events: { feed: events.feed, webhooks },
    });
    await api.register(aispApiRoutes, {
      prefix: AISP_BASE_PATH,
      service: accountInformation,
      tokens: aispTokens,
      consentStatus: async (clientId, consentId) =>
        (await consentsRepository.findOwned(clientId, consentId))?.status,
      apiUrl: config.apiUrl,
      authUrl: config.authUrl,
      now,
      // The same per-client budget as /psd2: a client's calls to both APIs count together.
      ...(rateLimiter
        ? {
            rateLimit: (scope: FastifyInstance, refusal: (text: string) => Error) =>
              registerRateLimit(scope, {
                limiter: rateLimiter,
                refusal: (decision) => refusal(rateLimitText(decision)),
              }),
          }
        : {}),
    });
    await api.register(portalRoutes, {
      prefix: '/portal',
      users,
      sessions: new SessionsRepository(store.db, now),
      clients,
      consents: consentsRepository,
      payments: paymentsRepository,
      requestLog,
      webhooks,
      deliveryLog: new DeliveryLogRepository(store.db, now),
      registry,
      apiUrl: config.apiUrl,
      authUrl: config.authUrl,
      csrfKey: masterKey.derive('portal-csrf'),
      secretBox: new SealedBox(masterKey.derive('portal-secret-flash')),
      // Tokens bound to a TPP certificate cannot be had in a click: production has none.
      ...(certificates ? {} : { issueToken: portalTokenIssuer(provider) }),
      now,
      authorisationTimeoutSeconds: config.consentAuthorisationTimeoutSeconds,
      // Tokens this instance found valid are asked about again at once.
      onClientDisabled: () => tokens.forget(),
    });
    requestLog.startPruning();
    if (certificates) {
      logger.info(
        { certificatesFrom: certificates.source },
        'production mode: TPP certificates (QWACs) are required on /connect and /psd2',
      );
    }

    const sweeper = setInterval(() => {
      oidcPayloads
        .deleteExpired(nowSeconds() - 60)
        .catch((err: unknown) => logger.warn({ err }, 'could not delete expired tokens'));
      counters
        .prune(ONE_OFF_KEY_SUFFIX)
        .catch((err: unknown) => logger.warn({ err }, 'could not delete old frequency counters'));
      replays
        .purge(new Date(now().getTime() - replayWindowMs))
        .catch((err: unknown) => logger.warn({ err }, 'could not delete old X-Request-ID answers'));
    }, 10 * 60_000);
    sweeper.unref();

    let metricsServer: MetricsServer | undefined;
    const platform: Platform = {
      config,
      logger,
      store,
      registry,
      clients,
      users,
      requestLog,
      settings,
      provider,
      masterKey,
      consents,
      payments,
      breakers,
      events,
      webhooks,
      rateLimiter,
      bankWorkLimit,
      api,
      auth,
      async listen() {
        await api.listen({ port: config.apiPort, host: config.host });
        if (auth !== api) await auth.listen({ port: config.authPort, host: config.host });
        const { metricsPort, metricsHost } = config.operations;
        if (metrics && metricsPort !== undefined) {
          metricsServer = await serveMetrics(metrics, {
            port: metricsPort,
            host: metricsHost,
            logger,
          });
        }
        // A serving instance takes its share of the background work; one driven with inject()
        // (the tests) runs it by hand.
        events.start();
        return { apiUrl: config.apiUrl, authUrl: config.authUrl };
      },
      metrics,
      metricsUrl: () => metricsServer?.url,
      readiness: () => readiness(health),
      async shutdown() {
        const { shutdownDelaySeconds, shutdownTimeoutSeconds } = config.operations;
        const clean = await drain(
          {
            beginDraining: () => {
              draining = true;
            },
            finish: [() => events.stop(), ...servers.map((app) => () => app.close())],
            cut: () => {
              for (const app of servers) app.server.closeAllConnections();
            },
          },
          {
            delayMs: shutdownDelaySeconds * 1000,
            timeoutMs: shutdownTimeoutSeconds * 1000,
            logger,
          },
        );
        await platform.close();
        return clean;
      },
      async close() {
        draining = true;
        clearInterval(sweeper);
        await events.stop();
        await api.close();
        if (auth !== api) await auth.close();
        await requestLog.close();
        await metricsServer?.close();
        await tracing?.shutdown();
        if (ownsStore) await store.close();
      },
    };
    return platform;
  } catch (error) {
    if (ownsStore) await store.close();
    throw error;
  }
}

/** The master key; one too short is a configuration problem, said by the CLI in one line. */
function loadMasterKey(config: Config): MasterKey {
  try {
    return MasterKey.load(config.secretKey, config.dataDir).key;
  } catch (error) {
    if (error instanceof MasterKeyError) throw new ConfigError(error.message);
    throw error;
  }
}
