import Provider, { errors, type JWK, type KoaContextWithOIDC } from 'oidc-provider';
import type { Logger } from 'pino';
import { verifyClientSecret } from '../security/client-secrets.js';
import type { ClientsRepository } from '../store/clients.js';
import type { Db } from '../store/schema.js';
import { errorPage } from './error-page.js';
import { oidcAdapterFactory } from './oidc-adapter.js';
import { CONTEXT_SCOPES, SERVICE_SCOPES, scopeProblem } from './scopes.js';

export interface OidcProviderOptions {
  /** The auth server's public base URL (the seeds' AUTH_HOST). */
  issuer: string;
  db: Db;
  clients: ClientsRepository;
  signingKeys: JWK[];
  cookieKeys: string[];
  logger: Logger;
  nowSeconds?: () => number;
  /** Trust X-Forwarded-* from a balancer in front. */
  trustProxy?: boolean;
}

export const ACCESS_TOKEN_TTL_SECONDS = 3600;

/** Where the provider's endpoints live on the auth host. */
export const AUTH_ROUTES = {
  authorization: '/connect/authorize',
  token: '/connect/token',
  jwks: '/connect/jwks',
  revocation: '/connect/revocation',
  introspection: '/connect/introspect',
  userinfo: '/connect/userinfo',
  end_session: '/connect/endsession',
  pushed_authorization_request: '/connect/par',
  code_verification: '/connect/device',
  device_authorization: '/connect/device/auth',
  backchannel_authentication: '/connect/backchannel',
  challenge: '/connect/challenge',
} as const;

/** The methods of the endpoints a TPP calls, to answer another method with 405. */
const ENDPOINT_METHODS: Record<string, readonly string[]> = {
  [AUTH_ROUTES.token]: ['POST'],
  [AUTH_ROUTES.revocation]: ['POST'],
  [AUTH_ROUTES.introspection]: ['POST'],
  [AUTH_ROUTES.jwks]: ['GET', 'HEAD'],
  '/.well-known/openid-configuration': ['GET', 'HEAD'],
  [AUTH_ROUTES.authorization]: ['GET', 'HEAD', 'POST'],
  [AUTH_ROUTES.userinfo]: ['GET', 'HEAD', 'POST'],
  [AUTH_ROUTES.end_session]: ['GET', 'HEAD', 'POST'],
};

export function createOidcProvider(options: OidcProviderOptions): Provider {
  const nowSeconds = options.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  const provider = new Provider(options.issuer, {
    adapter: oidcAdapterFactory(options.db, options.clients, nowSeconds),
    jwks: { keys: options.signingKeys },
    cookies: { keys: options.cookieKeys },
    routes: AUTH_ROUTES,
    scopes: ['openid', 'offline_access', ...SERVICE_SCOPES, ...CONTEXT_SCOPES],
    features: {
      clientCredentials: { enabled: true },
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      introspection: { enabled: true },
    },
    ttl: {
      ClientCredentials: ACCESS_TOKEN_TTL_SECONDS,
      AccessToken: ACCESS_TOKEN_TTL_SECONDS,
      AuthorizationCode: 300,
      Interaction: 900,
      Session: 3600,
      Grant: 90 * 24 * 3600,
      RefreshToken: 90 * 24 * 3600,
    },
    // TPPs call the token endpoint from their servers; browsers get no CORS access to it.
    clientBasedCORS: () => false,
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(out.error ?? 'error', out.error_description);
    },
  });
  provider.proxy = options.trustProxy ?? false;

  // oidc-provider builds endpoint URLs (discovery, redirects) from the request's Host and
  // protocol. The operator configured the public URL: use it, so discovery agrees with the
  // issuer behind a TLS-terminating balancer and a forged Host header cannot redirect TPPs.
  const publicUrl = new URL(options.issuer);
  const publicBase = `${publicUrl.origin}${publicUrl.pathname.replace(/\/+$/, '')}`;
  const mountPath = publicUrl.pathname.replace(/\/+$/, '');
  provider.use(async (ctx, next) => {
    Object.defineProperty(ctx.request, 'href', {
      value: `${publicBase}${ctx.originalUrl}`,
      configurable: true,
    });
    if (mountPath) ctx.mountPath = mountPath;
    await next();
    // The provider's router leaves other methods and unknown paths to Koa's plain-text 404;
    // answer them as the rest of /connect answers: JSON, never cached, 405 with Allow.
    if (ctx.status === 404 && ctx.body == null) {
      const allowed = ENDPOINT_METHODS[ctx.path];
      ctx.set('Cache-Control', 'no-store');
      if (allowed && !allowed.includes(ctx.method)) {
        ctx.status = 405;
        ctx.set('Allow', allowed.join(', '));
        ctx.body = {
          error: 'invalid_request',
          error_description: `${ctx.method} is not supported here; use ${allowed.join(' or ')}`,
        };
      } else {
        ctx.status = 404;
        ctx.body = { error: 'invalid_request', error_description: 'there is no such endpoint' };
      }
    }
  });

  // Bankbridge stores only a hash of each client secret; compare against that.
  provider.Client.prototype.compareClientSecret = function compareHashedSecret(
    this: { clientSecret?: string },
    actual: string,
  ) {
    return this.clientSecret !== undefined && verifyClientSecret(actual, this.clientSecret);
  };

  // A client-credentials token must name a service; refuse it before it is stored. The rule
  // sees the scope as requested: the provider silently drops values it does not know, and a
  // mistyped `privte` must not quietly become a token without a context.
  const clientCredentials = provider.ClientCredentials.prototype;
  const save = clientCredentials.save;
  clientCredentials.save = async function saveWithScopeRule(this: { scope?: string }) {
    const requested = (Provider.ctx as KoaContextWithOIDC | undefined)?.oidc?.body?.scope;
    const problem = scopeProblem(typeof requested === 'string' ? requested : this.scope);
    if (problem) throw new errors.InvalidScope(problem, this.scope ?? '');
    return save.call(this);
  };

  provider.on('server_error', (ctx, error) => {
    options.logger.error({ err: error, reqId: requestIdOf(ctx.req) }, 'auth server error');
  });
  const refused = (event: string) => (ctx: KoaContextWithOIDC, error: Error) => {
    options.logger.info(
      { reqId: requestIdOf(ctx.req), error: error.message, event },
      'auth request refused',
    );
  };
  provider.on('grant.error', refused('grant.error'));
  provider.on('revocation.error', refused('revocation.error'));
  provider.on('introspection.error', refused('introspection.error'));
  return provider;
}

/** The request id the HTTP layer put on the raw request, for the provider's log lines. */
export function requestIdOf(req: unknown): string | undefined {
  return (req as { bankbridgeRequestId?: string }).bankbridgeRequestId;
}
