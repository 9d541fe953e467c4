/**
 * What Bankbridge's two oidc-provider servers have in common: `/connect` (auth/oidc-provider.ts)
 * and the AISP API's `/oauth` (aisp/oauth-server.ts). They are configured apart (see the
 * decision in aisp/oauth-server.ts); the pieces here are the ones that must behave the same on
 * both: public URLs from the configuration, hashed client secrets, JSON errors for TPPs' and
 * apps' servers, RFC 6749 errors from Bankbridge's own code, and their log lines.
 */
import { randomUUID } from 'node:crypto';
import type Provider from 'oidc-provider';
import {
  type AccessToken,
  type Client,
  type ClientCredentials,
  errors,
  type KoaContextWithOIDC,
  type RefreshToken,
} from 'oidc-provider';
import type { CallContext, Logger } from '../logging/logger.js';
import { verifyClientSecret } from '../security/client-secrets.js';
import { errorPage } from './error-page.js';
import { OAuthError } from './oauth-error.js';

/** A middleware of oidc-provider's Koa app, and its context: what Bankbridge's routes there are. */
export type Middleware = Parameters<Provider['use']>[0];
export type Context = Parameters<Middleware>[0];

/** The configured public URL without a trailing slash, and the path it mounts the server at. */
export function publicBaseOf(issuer: string): { publicBase: string; mountPath: string } {
  const url = new URL(issuer);
  const mountPath = url.pathname.replace(/\/+$/, '');
  return { publicBase: `${url.origin}${mountPath}`, mountPath };
}

/** The request id the HTTP layer put on the raw request, for the provider's log lines. */
export function requestIdOf(req: unknown): string | undefined {
  return (req as { bankbridgeRequestId?: string }).bankbridgeRequestId;
}

/** The call context Bankbridge's services take, for a request inside a provider. */
export function callContextOf(req: unknown, logger: Logger): CallContext {
  const requestId = requestIdOf(req) ?? randomUUID();
  return { requestId, logger: logger.child({ reqId: requestId }) };
}

/**
 * The provider's first middleware:
 * - oidc-provider builds endpoint URLs (discovery, redirects) from the request's Host and
 *   protocol; the operator configured the public URL, so that is used: discovery agrees with
 *   the issuer behind a TLS-terminating balancer and a forged Host header cannot redirect;
 * - a browser at `authorizationPath` on another loopback name than the issuer's is sent to the
 *   issuer's host before the interaction starts (`anotherLoopbackName`);
 * - `noStorePaths` (the endpoints whose answers carry or concern tokens) are never cached;
 * - the provider's router leaves other methods and unknown paths to Koa's plain-text 404: they
 *   are answered as JSON, never cached, 405 with Allow for `endpointMethods`' paths.
 */
export function servedAtThePublicUrl(options: {
  issuer: string;
  endpointMethods: Readonly<Record<string, readonly string[]>>;
  noStorePaths?: ReadonlySet<string>;
  /** Where a browser starts an interaction: moved to the issuer's host first (see below). */
  authorizationPath?: string;
}): Middleware {
  const { publicBase, mountPath } = publicBaseOf(options.issuer);
  const issuer = new URL(options.issuer);
  return async (ctx, next) => {
    if (
      ctx.path === options.authorizationPath &&
      (ctx.method === 'GET' || ctx.method === 'HEAD') &&
      anotherLoopbackName(issuer, ctx.host)
    ) {
      ctx.status = 303;
      ctx.set('Cache-Control', 'no-store');
      ctx.redirect(`${publicBase}${ctx.originalUrl}`);
      return;
    }
    Object.defineProperty(ctx.request, 'href', {
      value: `${publicBase}${ctx.originalUrl}`,
      configurable: true,
    });
    if (mountPath) ctx.mountPath = mountPath;
    await next();
    if (options.noStorePaths?.has(ctx.path)) ctx.set('Cache-Control', 'no-store');
    if (ctx.status === 404 && ctx.body == null) {
      const allowed = options.endpointMethods[ctx.path];
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
  };
}

/**
 * Whether `host` (the request's Host) names this machine's loopback like the issuer, but by
 * another name: `127.0.0.1` for `localhost`, say. A browser keeps cookies per host name, so an
 * interaction started there sets its cookie where the pages that follow (on the issuer's host)
 * never see it, and the PSU is told the authentication expired. Such a request is sent to the
 * same URL on the issuer's host before anything is set.
 *
 * Decision: only loopback names on the issuer's port. Any other name may be a reverse proxy's
 * upstream name, which it sends as Host on every request (nginx does by default), the issuer's
 * too: a redirect would never end, and the PSU's cookies are on the public host already, so
 * such requests are served as before. Behind a proxy, BANKBRIDGE_TRUST_PROXY makes the Host
 * the one the browser used.
 */
function anotherLoopbackName(issuer: URL, host: string): boolean {
  let requested: URL;
  try {
    requested = new URL(`${issuer.protocol}//${host}`);
  } catch {
    return false;
  }
  return (
    requested.hostname !== issuer.hostname &&
    requested.port === issuer.port &&
    isLoopback(requested.hostname) &&
    isLoopback(issuer.hostname)
  );
}

function isLoopback(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    hostname === '[::1]' ||
    /^127(\.\d{1,3}){3}$/.test(hostname)
  );
}

/** oidc-provider's routes that a user's browser visits, which answer errors with a page. */
const BROWSER_ROUTES = new Set([
  'authorization',
  'resume',
  'end_session',
  'end_session_confirm',
  'end_session_success',
  'code_verification',
  'device_resume',
]);

/**
 * oidc-provider renders an error as a page to any request that prefers HTML. Only the routes a
 * browser visits get one; a client's server (token, revocation, ...) gets RFC 6749's JSON
 * whatever it accepts.
 */
export async function renderError(
  ctx: KoaContextWithOIDC,
  out: { error?: string; error_description?: string },
): Promise<void> {
  if (!BROWSER_ROUTES.has(ctx.oidc?.route ?? '')) {
    ctx.type = 'json';
    ctx.body = out;
    return;
  }
  ctx.type = 'html';
  ctx.body = errorPage(out.error ?? 'error', out.error_description);
}

/**
 * The `allowedPolicy` of introspection and revocation on both servers: a client asks about and
 * revokes its own tokens only, and another client's token is, to it, one that does not exist.
 * Refused, oidc-provider answers introspection `{"active": false}` (RFC 7662 2.2) and revocation
 * the same empty 200 as for an unknown token, revoking nothing (RFC 7009 2.1, 2.2). Its default
 * policies show a confidential client any token's details and answer its revocation with 400,
 * which tells the caller the token is live.
 */
export function issuedToTheCaller(
  _ctx: KoaContextWithOIDC,
  client: Client,
  token: AccessToken | ClientCredentials | RefreshToken,
): boolean {
  return token.clientId === client.clientId;
}

/** Bankbridge stores only a hash of each client secret: the provider compares against that. */
export function compareHashedClientSecrets(provider: Provider): void {
  provider.Client.prototype.compareClientSecret = function compareHashedSecret(
    this: { clientSecret?: string },
    actual: string,
  ) {
    return this.clientSecret !== undefined && verifyClientSecret(actual, this.clientSecret);
  };
}

type RefusalEvent =
  | 'authorization.error'
  | 'grant.error'
  | 'introspection.error'
  | 'revocation.error';

/**
 * Server errors logged as errors; the `refusals` events (a client's mistakes) as info. `name`
 * starts the messages: `<name> server error`, `<name> request refused`.
 */
export function logProviderEvents(
  provider: Provider,
  logger: Logger,
  options: { name: string; refusals: readonly RefusalEvent[] },
): void {
  provider.on('server_error', (ctx, error) => {
    logger.error({ err: error, reqId: requestIdOf(ctx.req) }, `${options.name} server error`);
  });
  for (const event of options.refusals) {
    const refused = (ctx: KoaContextWithOIDC, error: Error) => {
      logger.info(
        { reqId: requestIdOf(ctx.req), error: error.message, event },
        `${options.name} request refused`,
      );
    };
    // Each of these events has this listener's signature; the typings overload them one by one.
    provider.on(event as 'grant.error', refused);
  }
}

/** An OAuthError as oidc-provider answers it: its code, description and status, shown. */
export function asProviderError(error: unknown): unknown {
  if (!(error instanceof OAuthError)) return error;
  return Object.assign(new errors.CustomOIDCProviderError(error.error, error.description), {
    status: error.status,
    statusCode: error.status,
    expose: true,
  });
}

/**
 * Drops a provider cookie (and its signature) from the request: a session left from an earlier
 * authorization in this browser must not be taken for the user's login. The user never logs
 * in to Bankbridge; every authorization is one consent.
 */
export function withoutCookie(ctx: Context, name: string): void {
  const cookies = ctx.req.headers.cookie;
  if (!cookies) return;
  ctx.req.headers.cookie = cookies
    .split(';')
    .filter((pair) => {
      const cookie = pair.split('=')[0]?.trim() ?? '';
      return cookie !== name && !cookie.startsWith(`${name}.`);
    })
    .join(';');
}

/**
 * What oidc-provider does to the grant of a replayed code or refresh token (RFC 6749 4.1.2): its
 * tokens and codes deleted, the grant itself too, so a token issued from it afterwards (by the
 * redemption still finishing) is refused by the API and by introspection, and `grant.revoked`
 * clears cached verdicts. Both servers call it for a redemption that lost a race in the store,
 * which is the same replay as one that comes later.
 */
export async function revokeGrant(
  provider: Provider,
  ctx: KoaContextWithOIDC | undefined,
  grantId: string | undefined,
): Promise<void> {
  if (!grantId) return;
  await Promise.all([
    provider.AccessToken.adapter.revokeByGrantId(grantId),
    provider.Grant.adapter.destroy(grantId),
  ]);
  provider.emit('grant.revoked', ctx, grantId);
}
