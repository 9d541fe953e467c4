import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { appRoutes } from './app-routes.js';
import { SIGNED_OUT } from './csrf.js';
import { cookieOptions, type PortalDeps, type PortalOptions } from './deps.js';
import { sendError } from './error-reply.js';
import { pageHeaders } from './html.js';
import { referenceRoutes } from './reference-routes.js';
import { SESSION_SECONDS } from './sessions.js';
import { signInRoutes } from './sign-in-routes.js';
import { webhookRoutes } from './webhook-routes.js';

export const SESSION_COOKIE = 'bb_portal_session';
const CSRF_COOKIE = 'bb_portal_csrf';

// Pages are built here, scripts and styles come from here; nothing else is loaded or framed.
const CSP = [
  "default-src 'self'",
  "img-src 'self' data:",
  "style-src 'self'",
  "script-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');
const PAGE_HEADERS = pageHeaders(CSP);

/**
 * The developer portal, mounted at `/portal` on the API host: sign-in with local accounts,
 * applications (OAuth clients) with their request log and consents, and the API reference.
 * Everything here is encapsulated: its cookies, form parsing, CSRF checks and error pages do
 * not reach `/psd2`.
 */
export async function portalRoutes(app: FastifyInstance, options: PortalOptions): Promise<void> {
  const cookie = cookieOptions(options.apiUrl);
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody, { bodyLimit: 16 * 1024 });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: CSRF_COOKIE,
    cookieOpts: cookie,
    csrfOpts: { hmacKey: options.csrfKey },
    getUserInfo: (request: FastifyRequest) => request.portalSession?.id ?? SIGNED_OUT,
  });

  const assetsPath = `${app.prefix}/assets/`;
  app.addHook('onRequest', async (request, reply) => {
    reply.headers(PAGE_HEADERS);
    // Scripts and styles are the same for everyone: no sign-in to look up in the store.
    if (request.url.startsWith(assetsPath)) return;
    const value = request.cookies[SESSION_COOKIE];
    const session = value ? await options.sessions.find(value) : undefined;
    if (session) request.portalSession = session;
    else if (value) reply.clearCookie(SESSION_COOKIE, cookie);
  });

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, 'portal request failed');
    const [title, text] = error.code?.startsWith('FST_CSRF_')
      ? [
          'Form expired',
          'This form was not sent from a current portal page (it expired, or you signed in or out since). Go back, reload the page and try again.',
        ]
      : status >= 500
        ? [
            'Something went wrong',
            'The portal could not answer. Try again; the logs carry the request id below.',
          ]
        : ['Request refused', error.message];
    return sendError(request, reply, status, title, text);
  });
  app.setNotFoundHandler(async (request, reply) =>
    sendError(request, reply, 404, 'Not found', 'There is no such page.'),
  );

  // Not `...options`: it carries the `/portal` prefix, which the routes below would add again.
  const deps: PortalDeps = {
    users: options.users,
    sessions: options.sessions,
    clients: options.clients,
    consents: options.consents,
    payments: options.payments,
    requestLog: options.requestLog,
    webhooks: options.webhooks,
    deliveryLog: options.deliveryLog,
    registry: options.registry,
    apiUrl: options.apiUrl,
    authUrl: options.authUrl,
    csrfKey: options.csrfKey,
    secretBox: options.secretBox,
    now: options.now,
    authorisationTimeoutSeconds: options.authorisationTimeoutSeconds,
    ...(options.onClientDisabled ? { onClientDisabled: options.onClientDisabled } : {}),
    ...(options.issueToken ? { issueToken: options.issueToken } : {}),
    cookie,
    sessionCookie: SESSION_COOKIE,
    sessionSeconds: SESSION_SECONDS,
  };
  await app.register(signInRoutes, deps);
  await app.register(appRoutes, deps);
  await app.register(webhookRoutes, deps);
  await app.register(referenceRoutes, deps);
}
