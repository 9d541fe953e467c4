import { hkdfSync, randomUUID } from 'node:crypto';
import Provider, { errors, type JWK, type KoaContextWithOIDC } from 'oidc-provider';
import type { Logger } from 'pino';
import { verifyClientSecret } from '../security/client-secrets.js';
import { SealedBox } from '../security/sealed-box.js';
import type { ClientsRepository } from '../store/clients.js';
import type { Db } from '../store/schema.js';
import { errorPage } from './error-page.js';
import { ACR_PARAM, redirectScaRoutes } from './interaction-routes.js';
import { OAuthError } from './oauth-error.js';
import { invalidGrant, oidcAdapterFactory } from './oidc-adapter.js';
import {
  BANK_CALLBACK_PATH,
  INTERACTION_PATH,
  parseAcrValues,
  parseConsentAccountId,
  type RedirectScaService,
} from './redirect-sca.js';
import { CONTEXT_SCOPES, parseScope, SERVICE_SCOPES, scopeProblem } from './scopes.js';

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
  /**
   * Seals the `state` Bankbridge gives banks in a redirect SCA (32 bytes, the same on every
   * instance). Default: derived from the first cookie key.
   */
  bankStateKey?: Buffer;
  /** The consent side of the redirect SCA; without it `/connect/authorize` always ends in an error. */
  redirectSca?: RedirectScaService;
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
  [BANK_CALLBACK_PATH]: ['GET'],
};

/** The service a redirect-SCA token is for: the consent it finishes is an AIS consent. */
const REDIRECT_SCA_SERVICE = 'accountinformation';

export function createOidcProvider(options: OidcProviderOptions): Provider {
  const nowSeconds = options.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  const publicUrl = new URL(options.issuer);
  const publicBase = `${publicUrl.origin}${publicUrl.pathname.replace(/\/+$/, '')}`;
  const provider = new Provider(options.issuer, {
    adapter: oidcAdapterFactory(options.db, options.clients, nowSeconds),
    jwks: { keys: options.signingKeys },
    cookies: { keys: options.cookieKeys },
    routes: AUTH_ROUTES,
    scopes: ['openid', 'offline_access', ...SERVICE_SCOPES, ...CONTEXT_SCOPES],
    // Redirect URIs are compared exactly, and a TPP must always name the one it means.
    allowOmittingSingleRegisteredRedirectUri: false,
    extraParams: { [ACR_PARAM]: checkRedirectScaRequest },
    interactions: {
      url: (_ctx, interaction) => `${publicBase}${INTERACTION_PATH}/${interaction.uid}`,
    },
    // A code's account is the consent authorisation it finishes (`consent:<id>:<aid>`).
    findAccount: (_ctx, sub) =>
      parseConsentAccountId(sub) ? { accountId: sub, claims: () => ({ sub }) } : undefined,
    // Tokens outlive the browser visit that produced them: the PSU never logs in to Bankbridge.
    expiresWithSession: () => false,
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

  provider.use(
    redirectScaRoutes({
      provider,
      service: options.redirectSca,
      stateBox: new SealedBox(
        options.bankStateKey ??
          Buffer.from(
            hkdfSync('sha256', options.cookieKeys[0] ?? '', 'bankbridge', 'bank-state', 32),
          ),
      ),
      publicBase,
      authorizationPath: AUTH_ROUTES.authorization,
      logger: options.logger,
    }),
  );
  bindCodesToConsents(provider, options);
  // The integration guide has the TPP read `scope` from its redirect; oidc-provider sends
  // only code, state and iss. The listener runs before the response is built from `out`.
  provider.on('authorization.success', (ctx, out) => {
    const scope = ctx.oidc.params?.scope;
    if (typeof scope === 'string' && out?.code) out.scope = scope;
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

/**
 * Checked at `/connect/authorize` after the client, redirect URI and PKCE, so a refusal goes
 * back to the TPP's redirect URI with its state: the consent authorisation must be named, and
 * the token asked for is one for account information.
 */
function checkRedirectScaRequest(ctx: KoaContextWithOIDC, value: string | undefined): void {
  if (ctx.oidc.route !== 'authorization') return;
  const acr = parseAcrValues(value);
  if (!acr.ok) throw new errors.InvalidRequest(acr.problem);
  const scope = typeof ctx.oidc.params?.scope === 'string' ? ctx.oidc.params.scope : undefined;
  const problem = scopeProblem(scope);
  if (problem) throw new errors.InvalidScope(problem, scope ?? '');
  if (!parseScope(scope).has(REDIRECT_SCA_SERVICE)) {
    throw new errors.InvalidScope(
      `a consent's SCA gives a token for ${REDIRECT_SCA_SERVICE}: ask for scope "${REDIRECT_SCA_SERVICE} private" or "${REDIRECT_SCA_SERVICE} corporate"`,
      scope ?? '',
    );
  }
}

/**
 * The token endpoint's part of the redirect SCA. oidc-provider has already checked the client,
 * the code's client, redirect URI and PKCE when it consumes the code; around that:
 * - before: X-ConsentId / X-ConsentAuthorisationId must name the code's consent authorisation
 *   (a refusal leaves the code usable);
 * - the consumption itself is atomic in the adapter: of two redemptions one gets the token;
 * - after: the consent service exchanges the bank's code; if that fails the TPP gets its
 *   error and no token.
 */
function bindCodesToConsents(provider: Provider, options: OidcProviderOptions): void {
  const code = provider.AuthorizationCode.prototype;
  const consume = code.consume;
  code.consume = async function consumeForConsent(this: { accountId?: string; clientId?: string }) {
    const ctx = Provider.ctx as KoaContextWithOIDC | undefined;
    const binding = parseConsentAccountId(this.accountId);
    if (!binding || !ctx) throw invalidGrant('authorization code is not for a consent');
    const consentId = ctx.get('x-consentid');
    const authorisationId = ctx.get('x-consentauthorisationid');
    if (!consentId || !authorisationId) {
      throw invalidGrant(
        'headers X-ConsentId and X-ConsentAuthorisationId are required with an authorization code',
      );
    }
    if (consentId !== binding.consentId || authorisationId !== binding.authorisationId) {
      throw invalidGrant(
        'authorization code was not issued for the consent and authorisation in X-ConsentId and X-ConsentAuthorisationId',
      );
    }
    await consume.call(this);

    const requestId = requestIdOf(ctx.req) ?? randomUUID();
    const call = { requestId, logger: options.logger.child({ reqId: requestId }) };
    if (!options.redirectSca) {
      throw asProviderError(
        new OAuthError('temporarily_unavailable', 'this server does not offer redirect SCA', 503),
      );
    }
    try {
      await options.redirectSca.finishRedirect(call, {
        clientId: this.clientId ?? '',
        ...binding,
      });
    } catch (error) {
      if (!(error instanceof OAuthError)) {
        call.logger.error({ err: error, ...binding }, 'finishing the redirect SCA failed');
      }
      throw asProviderError(
        error instanceof OAuthError
          ? error
          : new OAuthError(
              'server_error',
              'Bankbridge could not finalise the consent; start a new authorisation',
              500,
            ),
      );
    }
  };
}

/** An OAuthError as oidc-provider answers it: its code, description and status, shown. */
function asProviderError(error: OAuthError): Error {
  return Object.assign(new errors.CustomOIDCProviderError(error.error, error.description), {
    status: error.status,
    statusCode: error.status,
    expose: true,
  });
}

/** The request id the HTTP layer put on the raw request, for the provider's log lines. */
export function requestIdOf(req: unknown): string | undefined {
  return (req as { bankbridgeRequestId?: string }).bankbridgeRequestId;
}
