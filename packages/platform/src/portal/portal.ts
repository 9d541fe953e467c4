import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Registry } from '../registry/index.js';
import type { ClientsRepository } from '../store/clients.js';
import type { ConsentsRepository } from '../store/consents.js';
import { appRoutes } from './app-routes.js';
import { pageHeaders, sendPage } from './html.js';
import { referenceRoutes } from './reference-routes.js';
import type { RequestLog } from './request-log.js';
import { SESSION_SECONDS, type Session, type SessionsRepository } from './sessions.js';
import { signInRoutes } from './sign-in-routes.js';
import type { UsersRepository } from './users.js';
import { errorPage } from './views/error.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The portal sign-in the request's cookie names, if live. */
    portalSession?: Session;
  }
}

export interface PortalOptions {
  users: UsersRepository;
  sessions: SessionsRepository;
  clients: ClientsRepository;
  consents: ConsentsRepository;
  requestLog: RequestLog;
  registry: Registry;
  apiUrl: string;
  authUrl: string;
  /** Binds CSRF tokens to the session they were made for. */
  csrfKey: Buffer;
  now: () => Date;
  authorisationTimeoutSeconds: number;
  /** Called after an application is disabled, so tokens cached as valid are checked again. */
  onClientDisabled?: (clientId: string) => void;
}

export const SESSION_COOKIE = 'bb_portal_session';
const CSRF_COOKIE = 'bb_portal_csrf';
const SIGNED_OUT = 'signed-out';

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

/** Cookie settings of the portal: Secure whenever the API is reached over https. */
export function cookieOptions(apiUrl: string) {
  return {
    path: '/portal',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: new URL(apiUrl).protocol === 'https:',
  };
}

/** The CSRF token for forms on the page being rendered, bound to the current sign-in. */
export function csrfToken(request: FastifyRequest, reply: FastifyReply): string {
  return reply.generateCsrf({ userInfo: request.portalSession?.id ?? SIGNED_OUT });
}

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
    requestLog: options.requestLog,
    registry: options.registry,
    apiUrl: options.apiUrl,
    authUrl: options.authUrl,
    csrfKey: options.csrfKey,
    now: options.now,
    authorisationTimeoutSeconds: options.authorisationTimeoutSeconds,
    ...(options.onClientDisabled ? { onClientDisabled: options.onClientDisabled } : {}),
    cookie,
    sessionCookie: SESSION_COOKIE,
    sessionSeconds: SESSION_SECONDS,
  };
  await app.register(signInRoutes, deps);
  await app.register(appRoutes, deps);
  await app.register(referenceRoutes, deps);
}

export type PortalDeps = PortalOptions & {
  cookie: ReturnType<typeof cookieOptions>;
  sessionCookie: string;
  sessionSeconds: number;
};

export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  title: string,
  text: string,
) {
  return sendPage(
    reply,
    errorPage({
      status,
      title,
      text,
      requestId: request.id,
      user: request.portalSession?.user,
      csrf: request.portalSession ? csrfToken(request, reply) : undefined,
    }),
    status,
  );
}
