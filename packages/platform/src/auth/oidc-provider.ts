import { hkdfSync } from 'node:crypto';
import Provider, { errors, type JWK, type KoaContextWithOIDC } from 'oidc-provider';
import type { Logger } from 'pino';
import { mtlsFeature, requireCertificatesAtTheAuthServer } from '../certificates/auth-server.js';
import type { TppCertificates } from '../certificates/tpp-certificates.js';
import { Problem } from '../problems.js';
import { SealedBox } from '../security/sealed-box.js';
import type { ClientsRepository } from '../store/clients.js';
import type { Db } from '../store/schema.js';
import { ACR_PARAM, redirectScaRoutes } from './interaction-routes.js';
import {
  loginHeaders,
  loginNames,
  parseAcrValues,
  parseLoginAccountId,
} from './login-parameters.js';
import { OAuthError, oauthErrorOf } from './oauth-error.js';
import { invalidGrant, oidcAdapterFactory } from './oidc-adapter.js';
import { pkceSettings } from './pkce-policy.js';
import {
  asProviderError,
  callContextOf,
  compareHashedClientSecrets,
  issuedToTheCaller,
  logProviderEvents,
  publicBaseOf,
  renderError,
  revokeGrant,
  servedAtThePublicUrl,
} from './provider-common.js';
import { BANK_CALLBACK_PATH, INTERACTION_PATH, type RedirectScaService } from './redirect-sca.js';
import { explainClientAuthFailures } from './refusal-texts.js';
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
  /**
   * Production mode: clients present a TPP certificate and are bound to its organisation
   * identifier; tokens are bound to the certificate (src/certificates/auth-server.ts).
   */
  certificates?: TppCertificates;
  /** Every client must send a PKCE S256 challenge at `/connect/authorize` (auth/pkce-policy.ts). */
  requirePkce?: boolean;
  /**
   * The developer portal's origin (the API host): its API reference's OAuth2 form calls the
   * token endpoint from there, with credentials the developer types.
   */
  portalOrigin?: string;
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
  // No POST: oidc-provider serves it only with SameSite=None cookies (enableHttpPostMethods),
  // and listing it here answered a POST 404 "no such endpoint" instead of 405.
  [AUTH_ROUTES.authorization]: ['GET', 'HEAD'],
  [BANK_CALLBACK_PATH]: ['GET'],
};

/** oidc-provider's description of a grant type the client is not registered for. */
const GRANT_TYPE_NOT_ALLOWED = 'requested grant type is not allowed for this client';

/** The endpoints whose answers carry or concern tokens: never stored by a cache. */
const NO_STORE_PATHS = new Set<string>([
  AUTH_ROUTES.token,
  AUTH_ROUTES.revocation,
  AUTH_ROUTES.introspection,
]);

export function createOidcProvider(options: OidcProviderOptions): Provider {
  const nowSeconds = options.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  const { publicBase } = publicBaseOf(options.issuer);
  const provider = new Provider(options.issuer, {
    adapter: oidcAdapterFactory(options.db, options.clients, nowSeconds),
    jwks: { keys: options.signingKeys },
    cookies: { keys: options.cookieKeys },
    routes: AUTH_ROUTES,
    scopes: ['openid', 'offline_access', ...SERVICE_SCOPES, ...CONTEXT_SCOPES],
    // Redirect URIs are compared exactly, and a TPP must always name the one it means.
    allowOmittingSingleRegisteredRedirectUri: false,
    ...pkceSettings({ requiredForAll: options.requirePkce ?? false }),
    extraParams: { [ACR_PARAM]: checkRedirectScaRequest },
    interactions: {
      url: (_ctx, interaction) => `${publicBase}${INTERACTION_PATH}/${interaction.uid}`,
    },
    // A code's account is the authorisation it finishes (`consent:<id>:<aid>`).
    findAccount: (_ctx, sub) =>
      parseLoginAccountId(sub) ? { accountId: sub, claims: () => ({ sub }) } : undefined,
    // Tokens outlive the browser visit that produced them: the PSU never logs in to Bankbridge.
    expiresWithSession: () => false,
    features: {
      clientCredentials: { enabled: true },
      devInteractions: { enabled: false },
      revocation: { enabled: true, allowedPolicy: issuedToTheCaller },
      introspection: { enabled: true, allowedPolicy: issuedToTheCaller },
      // OpenID Connect's user endpoints: a TPP's tokens stand for a client or a consent, never
      // for a signed-in user, so there is no one to describe or to log out.
      userinfo: { enabled: false },
      rpInitiatedLogout: { enabled: false },
      ...(options.certificates ? { mTLS: mtlsFeature(options.certificates) } : {}),
    },
    ...(options.certificates
      ? { clientDefaults: { tls_client_certificate_bound_access_tokens: true } }
      : {}),
    ttl: {
      ClientCredentials: ACCESS_TOKEN_TTL_SECONDS,
      AccessToken: ACCESS_TOKEN_TTL_SECONDS,
      AuthorizationCode: 300,
      Interaction: 900,
      Session: 3600,
      Grant: 90 * 24 * 3600,
      RefreshToken: 90 * 24 * 3600,
    },
    // TPPs call the token endpoint from their servers; of browsers, only the portal's API
    // reference gets CORS access to it.
    clientBasedCORS: (_ctx, origin) => origin === options.portalOrigin,
    // A page for the PSU's browser; RFC 6749's JSON for a TPP's server whatever it accepts.
    renderError,
  });
  provider.proxy = options.trustProxy ?? false;

  provider.use(
    servedAtThePublicUrl({
      issuer: options.issuer,
      endpointMethods: ENDPOINT_METHODS,
      noStorePaths: NO_STORE_PATHS,
      authorizationPath: AUTH_ROUTES.authorization,
    }),
  );
  provider.use(async (ctx, next) => {
    await next();
    // RFC 6749 5.2 names a grant type the client is not registered for `unauthorized_client`;
    // oidc-provider answers it as invalid_request.
    const body = ctx.body as { error?: unknown; error_description?: unknown } | null;
    if (
      ctx.path === AUTH_ROUTES.token &&
      body?.error === 'invalid_request' &&
      body.error_description === GRANT_TYPE_NOT_ALLOWED
    ) {
      ctx.body = { error: 'unauthorized_client', error_description: GRANT_TYPE_NOT_ALLOWED };
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

  compareHashedClientSecrets(provider);
  explainClientAuthFailures(provider);

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

  if (options.certificates) {
    requireCertificatesAtTheAuthServer(provider, {
      certificates: options.certificates,
      clients: options.clients,
    });
  }

  logProviderEvents(provider, options.logger, {
    name: 'auth',
    refusals: ['grant.error', 'revocation.error', 'introspection.error'],
  });
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
  // The token a redirect SCA ends with is for the service of what it authorised.
  const service = loginNames(acr.target.kind).service;
  if (!parseScope(scope).has(service)) {
    throw new errors.InvalidScope(
      `a ${acr.target.kind}'s SCA gives a token for ${service}: ask for scope "${service} private" or "${service} corporate"`,
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
 *   the other is a replay like one that comes later, and is answered the same way;
 * - after: the consent service exchanges the bank's code; if that fails the TPP gets its
 *   error and no token.
 */
function bindCodesToConsents(provider: Provider, options: OidcProviderOptions): void {
  const code = provider.AuthorizationCode.prototype;
  const consume = code.consume;
  code.consume = async function consumeForConsent(this: {
    accountId?: string;
    clientId?: string;
    grantId?: string;
  }) {
    const ctx = Provider.ctx as KoaContextWithOIDC | undefined;
    const binding = parseLoginAccountId(this.accountId);
    if (!binding || !ctx) throw invalidGrant('authorization code is not for an authorisation');
    const headers = loginHeaders(binding.kind);
    const resourceId = ctx.get(headers.resource.toLowerCase());
    const authorisationId = ctx.get(headers.authorisation.toLowerCase());
    if (!resourceId || !authorisationId) {
      throw invalidGrant(
        `headers ${headers.resource} and ${headers.authorisation} are required with an authorization code`,
      );
    }
    if (resourceId !== binding.resourceId || authorisationId !== binding.authorisationId) {
      throw invalidGrant(
        `authorization code was not issued for the ${binding.kind} and authorisation in ${headers.resource} and ${headers.authorisation}`,
      );
    }
    try {
      await consume.call(this);
    } catch (error) {
      if (!(error instanceof errors.InvalidGrant)) throw error;
      // Another redemption of this code got there first. oidc-provider treats a code it reads
      // as used (a replay that comes later) by revoking what the code gave (RFC 6749 4.1.2);
      // one that lost the race in the store is the same replay, and gets the same answer.
      await revokeGrant(provider, ctx, this.grantId);
      throw new errors.InvalidGrant('authorization code already consumed');
    }

    const call = callContextOf(ctx.req, options.logger);
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
      if (!(error instanceof Problem)) {
        call.logger.error(
          {
            err: error,
            [`${binding.kind}Id`]: binding.resourceId,
            authorisationId: binding.authorisationId,
          },
          'finishing the redirect SCA failed',
        );
      }
      throw asProviderError(
        error instanceof Problem
          ? oauthErrorOf(error, 'token')
          : new OAuthError(
              'server_error',
              `Bankbridge could not finalise the ${binding.kind}; start a new authorisation`,
              500,
            ),
      );
    }
  };
}
