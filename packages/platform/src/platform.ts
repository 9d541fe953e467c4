import type { FastifyInstance } from 'fastify';
import type Provider from 'oidc-provider';
import { AccountInformationService } from './accounts/account-information-service.js';
import { PageCursors } from './accounts/page-cursor.js';
import { apiRoutes } from './api/api-routes.js';
import { AccessTokenVerifier } from './auth/access-tokens.js';
import { oauthRawHandler, oauthRoutes } from './auth/auth-routes.js';
import { createOidcProvider } from './auth/oidc-provider.js';
import { loadSigningKeys } from './auth/signing-keys.js';
import type { Config } from './config.js';
import { createConnectors } from './connectors/index.js';
import { ConsentService } from './consents/consent-service.js';
import { createHttpServer } from './http/create-server.js';
import type { Logger } from './logging/logger.js';
import { answerUnroutableUrl } from './psd2/plugin.js';
import { defaultRegistryPath, loadRegistry, type Registry } from './registry/index.js';
import { MasterKey } from './security/master-key.js';
import { SealedBox } from './security/sealed-box.js';
import { AccountIdsRepository } from './store/account-ids.js';
import { ClientsRepository } from './store/clients.js';
import { ConsentsRepository } from './store/consents.js';
import { FrequencyCountersRepository } from './store/frequency-counters.js';
import { openStore, type Store, storeOptionsFor } from './store/open-store.js';
import { SettingsRepository } from './store/settings.js';

export interface PlatformOptions {
  config: Config;
  logger: Logger;
  /** Injected clock; everything time-dependent reads it. */
  now?: () => Date;
  /** A store opened by the caller (kept open on close). */
  store?: Store;
}

/** The parts of a running platform, wired together once. */
export interface Platform {
  config: Config;
  logger: Logger;
  store: Store;
  registry: Registry;
  clients: ClientsRepository;
  settings: SettingsRepository;
  provider: Provider;
  masterKey: MasterKey;
  consents: ConsentService;
  /** The API host's server; the auth routes are on it too when both share a port. */
  api: FastifyInstance;
  /** The auth host's server; the same object as `api` when both share a port. */
  auth: FastifyInstance;
  listen(): Promise<{ apiUrl: string; authUrl: string }>;
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
  const { key: masterKey } = MasterKey.load(config.secretKey, config.dataDir);
  const store = options.store ?? (await openStore(storeOptionsFor(config)));
  const ownsStore = !options.store;
  try {
    const clients = new ClientsRepository(store.db, now);
    const settings = new SettingsRepository(store.db);
    const keysBox = new SealedBox(masterKey.derive('signing-keys'));
    const connectorFor = createConnectors(registry, {
      credentials: config.bankCredentials,
      http: { timeoutMs: config.bankTimeoutMs },
      now,
    });
    const consentsRepository = new ConsentsRepository(
      store.db,
      new SealedBox(masterKey.derive('bank-tokens')),
      now,
    );
    const consents = new ConsentService({
      consents: consentsRepository,
      registry,
      connectorFor,
      now,
      authorisationTimeoutSeconds: config.consentAuthorisationTimeoutSeconds,
    });
    const accountInformation = new AccountInformationService({
      consents: consentsRepository,
      accountIds: new AccountIdsRepository(store.db, now),
      counters: new FrequencyCountersRepository(store.db, now),
      // Page cursors handed to TPPs are sealed with a key of their own.
      cursors: new PageCursors(new SealedBox(masterKey.derive('page-cursors'))),
      registry,
      connectorFor,
      now,
    });
    const provider = createOidcProvider({
      issuer: config.authUrl,
      db: store.db,
      clients,
      signingKeys: await loadSigningKeys(settings, keysBox),
      cookieKeys: [masterKey.derive('cookies').toString('base64url')],
      bankStateKey: masterKey.derive('bank-state'),
      redirectSca: consents,
      logger,
      nowSeconds,
      trustProxy: config.trustProxy,
    });
    const tokens = new AccessTokenVerifier(store.db, { nowSeconds });
    // A token revoked through this instance is refused here at once, not after the cache window.
    provider.on('client_credentials.destroyed', (token) => tokens.forget(token.jti));
    provider.on('access_token.destroyed', (token) => tokens.forget(token.jti));
    // A replayed authorization code revokes the tokens of its grant, which the event does not
    // list: forget every cached verdict rather than let one live for the cache window.
    provider.on('grant.revoked', () => tokens.forget());

    const shared = config.apiPort === config.authPort && config.apiPort !== 0;
    const oauth = oauthRawHandler(provider);
    const api = createHttpServer({
      logger,
      name: shared ? 'bankbridge' : 'api',
      trustProxy: config.trustProxy,
      rawHandlers: shared ? [oauth] : [],
      onUnroutableUrl: answerUnroutableUrl,
    });
    const auth = shared
      ? api
      : createHttpServer({
          logger,
          name: 'auth',
          trustProxy: config.trustProxy,
          rawHandlers: [oauth],
        });
    for (const app of new Set([api, auth])) {
      app.get('/health', async () => ({ status: 'ok' }));
    }
    await auth.register(oauthRoutes, { provider });
    await api.register(apiRoutes, {
      registry,
      tokens,
      consents,
      accountInformation,
      apiUrl: config.apiUrl,
      authUrl: config.authUrl,
    });

    const sweeper = setInterval(() => {
      store.db
        .deleteFrom('oidc_payloads')
        .where('expires_at', '<', nowSeconds() - 60)
        .execute()
        .catch((err: unknown) => logger.warn({ err }, 'could not delete expired tokens'));
    }, 10 * 60_000);
    sweeper.unref();

    return {
      config,
      logger,
      store,
      registry,
      clients,
      settings,
      provider,
      masterKey,
      consents,
      api,
      auth,
      async listen() {
        await api.listen({ port: config.apiPort, host: config.host });
        if (auth !== api) await auth.listen({ port: config.authPort, host: config.host });
        return { apiUrl: config.apiUrl, authUrl: config.authUrl };
      },
      async close() {
        clearInterval(sweeper);
        await api.close();
        if (auth !== api) await auth.close();
        if (ownsStore) await store.close();
      },
    };
  } catch (error) {
    if (ownsStore) await store.close();
    throw error;
  }
}
