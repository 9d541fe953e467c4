/**
 * The AISP API's OAuth2 server at `{AUTH}/oauth/*`: the authorization-code flow an app uses
 * to get a token for one user's consent.
 *
 *   GET  /oauth/authorize   client, exact redirect URI, scope, PKCE; then the hosted consent
 *                           page (consent-page/): bank, SCA, and a code back to the app
 *   POST /oauth/token       authorization_code and refresh_token; HTTP Basic or body auth
 *   POST /oauth/revoke      RFC 7009; the consent ends at the bank
 *
 * It is a second oidc-provider instance beside the `/connect` one (auth/oidc-provider.ts), not
 * routes added to it. Decision: the two differ in nearly everything the provider is configured
 * with (scopes, refresh tokens, PKCE for public clients, the interaction, the account behind a
 * grant, what a revocation does), and `/connect`'s tokens and codes must never be redeemed
 * here nor these there. Two instances keep each configuration whole and readable, and their
 * storage apart (`Aisp`-prefixed models in the shared table) without a branch per protocol in
 * the other's hooks. Both share the issuer, keys and database.
 */
import Provider, {
  type AdapterPayload,
  errors,
  type JWK,
  type KoaContextWithOIDC,
} from 'oidc-provider';
import { invalidGrant, oidcAdapterFactory } from '../auth/oidc-adapter.js';
import { pkceSettings, REQUIRE_PKCE_METADATA } from '../auth/pkce-policy.js';
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
  withoutCookie,
} from '../auth/provider-common.js';
import { explainClientAuthFailures, explainGrantRefusals } from '../auth/refusal-texts.js';
import type { ConsentService } from '../consents/consent-service.js';
import type { BankWorkLimit } from '../http/bank-work-limit.js';
import type { Logger } from '../logging/logger.js';
import type { Registry } from '../registry/types.js';
import type { ScaService } from '../sca/index.js';
import type { SealedBox } from '../security/sealed-box.js';
import type { ClientsRepository } from '../store/clients.js';
import type { Db } from '../store/schema.js';
import { CONSENT_PAGE_PATH, consentPageRoutes } from './consent-page/routes.js';
import { AISP_SCOPES, consentOfSubject, parseAispScope } from './scopes.js';
import type { TokenConsents } from './token-consents.js';
import { MAX_VALIDITY_DAYS, parseValidityDays, VALIDITY_PARAM } from './validity.js';

export const AISP_OAUTH_ROUTES = {
  authorization: '/oauth/authorize',
  token: '/oauth/token',
  revocation: '/oauth/revoke',
  jwks: '/oauth/jwks',
  // Not enabled; named so that nothing of this server lives outside /oauth.
  introspection: '/oauth/introspect',
  userinfo: '/oauth/userinfo',
  end_session: '/oauth/endsession',
  pushed_authorization_request: '/oauth/par',
  code_verification: '/oauth/device',
  device_authorization: '/oauth/device/auth',
  backchannel_authentication: '/oauth/backchannel',
  challenge: '/oauth/challenge',
} as const;

/** Where this server answers on the auth host (its consent page included). */
export const AISP_OAUTH_PATHS = ['/oauth/'] as const;

/** Stored models of this server: `AispAccessToken`, `AispRefreshToken`, ... */
export const AISP_MODEL_PREFIX = 'Aisp';
/** The stored kind of an AISP access token, for the API's token check. */
export const AISP_ACCESS_TOKEN_MODELS = [`${AISP_MODEL_PREFIX}AccessToken`] as const;

export const ACCESS_TOKEN_TTL_SECONDS = 3600;
/**
 * Refresh tokens outlive any consent a bank gives (90 days in the sandbox); a refresh is
 * refused as soon as the consent has ended, whatever the token's own lifetime.
 */
export const REFRESH_TOKEN_TTL_SECONDS = 180 * 24 * 3600;
/** Time for the user to choose a bank and get through its SCA. */
export const INTERACTION_TTL_SECONDS = 1800;

const ENDPOINT_METHODS: Record<string, readonly string[]> = {
  // No POST: oidc-provider serves it only with SameSite=None cookies (enableHttpPostMethods),
  // and listing it here answered a POST 404 "no such endpoint" instead of 405.
  [AISP_OAUTH_ROUTES.authorization]: ['GET', 'HEAD'],
  [AISP_OAUTH_ROUTES.token]: ['POST'],
  [AISP_OAUTH_ROUTES.revocation]: ['POST'],
};

/** The endpoints whose answers carry or concern tokens: never stored by a cache. */
const NO_STORE_PATHS = new Set<string>([AISP_OAUTH_ROUTES.token, AISP_OAUTH_ROUTES.revocation]);

/** This server's session cookie, apart from /connect's on the same host. */
const SESSION_COOKIE = '_aisp_session';

export interface AispOAuthServerOptions {
  /** The auth server's public base URL; the same issuer as `/connect`. */
  issuer: string;
  db: Db;
  clients: ClientsRepository;
  signingKeys: JWK[];
  cookieKeys: string[];
  logger: Logger;
  nowSeconds?: () => number;
  now?: () => Date;
  trustProxy?: boolean;
  /** The consent behind each token: checked on every exchange and refresh, ended on revoke. */
  tokenConsents: TokenConsents;
  /** What the hosted consent page creates and authorises. */
  consents: ConsentService;
  /** The SCA engine, for the consent page's redirect SCA. */
  sca: ScaService;
  registry: Registry;
  /** Seals the `state` Bankbridge gives banks on the consent page's redirect SCA. */
  bankStateBox: SealedBox;
  /** Every app must send a PKCE S256 challenge, not only public ones (auth/pkce-policy.ts). */
  requirePkce?: boolean;
  /** Bounds the consents the consent page starts, per client and per source. */
  bankWork?: BankWorkLimit | undefined;
  /** The developer portal's origin: its API reference's OAuth2 form exchanges codes from there. */
  portalOrigin?: string;
}

export function createAispOAuthServer(options: AispOAuthServerOptions): Provider {
  const nowSeconds = options.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  const { publicBase } = publicBaseOf(options.issuer);
  const callContext = (ctx: KoaContextWithOIDC) => callContextOf(ctx.req, options.logger);

  const provider = new Provider(options.issuer, {
    adapter: oidcAdapterFactory(options.db, options.clients, nowSeconds, {
      modelPrefix: AISP_MODEL_PREFIX,
      clientMetadata: aispClientMetadata,
      // A grant revoked for a replayed code or refresh token leaves its consent with no token
      // that could reach or end it, and the replay says the value leaked: the consent ends at
      // the bank, as on a revocation (where the consent has already ended, this changes nothing).
      grantRevoked: async (payloads) => {
        const held = payloads.find((payload) => consentOfSubject(payload.accountId));
        const consentId = consentOfSubject(held?.accountId);
        const clientId = held?.clientId;
        const ctx = Provider.ctx as KoaContextWithOIDC | undefined;
        // At /oauth/revoke the consent was ended before the grant went (allowedPolicy), where a
        // bank that cannot be reached is answered 503 and the app keeps its token to try again.
        if (!consentId || !clientId || !ctx || ctx.oidc?.route === 'revocation') return;
        const call = callContext(ctx);
        const why = 'its grant was revoked after a replayed code or refresh token';
        await options.tokenConsents.end(call, clientId, consentId, why).catch((error: unknown) => {
          // The tokens are gone either way; the consent then lapses at its validUntil.
          call.logger.warn(
            { err: error, consentId },
            'could not end the consent of a revoked grant',
          );
        });
      },
    }),
    jwks: { keys: options.signingKeys },
    cookies: {
      keys: options.cookieKeys,
      // Apart from /connect's cookies on the same host.
      names: {
        session: SESSION_COOKIE,
        interaction: '_aisp_interaction',
        resume: '_aisp_interaction_resume',
      },
    },
    routes: AISP_OAUTH_ROUTES,
    scopes: ['openid', 'offline_access', ...AISP_SCOPES],
    allowOmittingSingleRegisteredRedirectUri: false,
    extraParams: { [VALIDITY_PARAM]: checkAuthorizationRequest },
    interactions: {
      url: (_ctx, interaction) => `${publicBase}${CONSENT_PAGE_PATH}/${interaction.uid}`,
    },
    // A grant's account is the consent the user gave; it backs a token only while it is valid.
    findAccount: async (ctx, sub) => {
      const consentId = consentOfSubject(sub);
      const clientId = ctx.oidc.client?.clientId;
      if (!consentId || !clientId) return undefined;
      const ended = await options.tokenConsents
        .endedBecause(callContext(ctx), clientId, consentId)
        .catch((error: unknown) => {
          throw asProviderError(error);
        });
      if (ended) {
        throw invalidGrant(
          `${ended}: send the user through ${AISP_OAUTH_ROUTES.authorization} again`,
        );
      }
      return { accountId: sub, claims: () => ({ sub }) };
    },
    expiresWithSession: () => false,
    // Every token of this server is for a consent that lasts days: always with a refresh token,
    // rotated on every use (a refresh token works once; its replay revokes the grant).
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: () => true,
    // Revoking any token of a grant ends its consent, so the whole grant goes with it.
    revokeGrantPolicy: () => true,
    // Public clients (no secret: apps in a browser or on a phone) must use PKCE S256; others
    // when the operator requires it.
    ...pkceSettings({ requiredForAll: options.requirePkce ?? false }),
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: false },
      introspection: { enabled: false },
      userinfo: { enabled: false },
      rpInitiatedLogout: { enabled: false },
      revocation: {
        enabled: true,
        allowedPolicy: async (ctx, client, token) => {
          if (!issuedToTheCaller(ctx, client, token)) return false;
          const consentId = consentOfSubject((token as { accountId?: string }).accountId);
          if (consentId) {
            await options.tokenConsents
              .end(callContext(ctx), client.clientId, consentId, 'the app revoked its token')
              .catch((error: unknown) => {
                throw asProviderError(error);
              });
          }
          return true;
        },
      },
    },
    ttl: {
      AccessToken: ACCESS_TOKEN_TTL_SECONDS,
      AuthorizationCode: 300,
      Interaction: INTERACTION_TTL_SECONDS,
      Session: INTERACTION_TTL_SECONDS,
      Grant: REFRESH_TOKEN_TTL_SECONDS,
      RefreshToken: REFRESH_TOKEN_TTL_SECONDS,
    },
    // A public client in a browser calls the token endpoint from its own origin: the origins
    // of its redirect URIs may. Confidential clients call from servers and get no CORS, but
    // in the portal's API reference, where the developer types the credentials.
    clientBasedCORS: (_ctx, origin, client) =>
      origin === options.portalOrigin ||
      (client.clientAuthMethod === 'none' &&
        (client.redirectUris ?? []).some((uri) => sameOrigin(uri, origin))),
    // A page for the user's browser; RFC 6749's JSON for an app whatever it accepts.
    renderError,
  });
  provider.proxy = options.trustProxy ?? false;

  // As on /connect: URLs from the configured public URL, never from the Host header; unknown
  // paths and methods answered as JSON with 404/405.
  provider.use(
    servedAtThePublicUrl({
      issuer: options.issuer,
      endpointMethods: ENDPOINT_METHODS,
      noStorePaths: NO_STORE_PATHS,
      authorizationPath: AISP_OAUTH_ROUTES.authorization,
    }),
  );
  // Every authorization starts afresh: the user never logs in to Bankbridge, so a session
  // left from an earlier consent in this browser must not be taken for one.
  provider.use((ctx, next) => {
    withoutCookie(ctx, SESSION_COOKIE);
    return next();
  });

  provider.use(
    consentPageRoutes({
      provider,
      consents: options.consents,
      sca: options.sca,
      registry: options.registry,
      bankStateBox: options.bankStateBox,
      bankWork: options.bankWork,
      publicBase,
      logger: options.logger,
      now: options.now ?? (() => new Date(nowSeconds() * 1000)),
    }),
  );

  compareHashedClientSecrets(provider);
  explainClientAuthFailures(provider);
  explainGrantRefusals(provider);
  revokeGrantsOfLostRaces(provider);
  logProviderEvents(provider, options.logger, {
    name: 'AISP auth',
    refusals: ['grant.error', 'revocation.error', 'authorization.error'],
  });
  return provider;
}

/**
 * Checked at `/oauth/authorize` once the client and redirect URI are known, so a refusal goes
 * back to the app with its state: the scope names AISP scopes only, and `validity_days`, when
 * given, is a whole number of days.
 */
function checkAuthorizationRequest(ctx: KoaContextWithOIDC, value: string | undefined): void {
  if (ctx.oidc.route !== 'authorization') return;
  // The scope as asked: the provider has dropped the values it does not know from its params,
  // and a mistyped `acounts` must be refused, not quietly left out.
  const asked = (ctx.method === 'POST' ? ctx.oidc.body : ctx.query)?.scope;
  const scope = typeof asked === 'string' ? asked : undefined;
  const parsed = parseAispScope(scope);
  if (!parsed.ok) throw new errors.InvalidScope(parsed.problem, scope ?? '');
  if (value !== undefined && parseValidityDays(value) === undefined) {
    throw new errors.InvalidRequest(
      `${VALIDITY_PARAM} must be a whole number of days from 1 to ${MAX_VALIDITY_DAYS}`,
    );
  }
}

/**
 * How this server sees a Bankbridge client. An app with redirect URIs may use the flow;
 * it may ask for the AISP scopes when it holds `accountinformation`.
 */
async function aispClientMetadata(
  clients: ClientsRepository,
  id: string,
): Promise<AdapterPayload | undefined> {
  const client = await clients.find(id);
  if (client?.status !== 'active' || client.redirectUris.length === 0) return undefined;
  const auth: AdapterPayload = client.public
    ? { token_endpoint_auth_method: 'none' }
    : { client_secret: client.secretHash, token_endpoint_auth_method: 'client_secret_basic' };
  return {
    client_id: client.id,
    client_name: client.name,
    ...auth,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: client.redirectUris,
    [REQUIRE_PKCE_METADATA]: client.requirePkce,
    // `openid` alone (never granted here) leaves a client without accountinformation no scope
    // to ask for: its request comes back with invalid_scope.
    scope: client.scopes.includes('accountinformation') ? AISP_SCOPES.join(' ') : 'openid',
  };
}

/**
 * A code or refresh token redeemed twice at once. The adapter's consume is the arbiter: of two
 * redemptions one marks it used, the other changes no row. oidc-provider revokes the grant
 * when it reads the value as used already (a replay: the value may have leaked); a redemption
 * that read it just before the other consumed it is the same replay, and must not leave the
 * winner's tokens standing nor tell the caller more than a later replay is told.
 */
function revokeGrantsOfLostRaces(provider: Provider): void {
  const models = [
    [provider.AuthorizationCode, 'authorization code'],
    [provider.RefreshToken, 'refresh token'],
  ] as const;
  for (const [model, label] of models) {
    const consume = model.prototype.consume;
    model.prototype.consume = async function consumeOrRevoke(this: { grantId?: string }) {
      try {
        await consume.call(this);
      } catch (error) {
        if (!(error instanceof errors.InvalidGrant)) throw error;
        await revokeGrant(provider, Provider.ctx, this.grantId);
        throw new errors.InvalidGrant(`${label} already consumed`);
      }
    };
  }
}

function sameOrigin(uri: string, origin: string): boolean {
  try {
    return new URL(uri).origin === origin;
  } catch {
    return false;
  }
}
