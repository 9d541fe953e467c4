import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Client } from '../store/clients.js';
import { csrfToken } from './csrf.js';
import type { PortalDeps } from './deps.js';
import { sendError } from './error-reply.js';
import type { Session } from './sessions.js';
import type { Frame } from './views/apps.js';
import { visibleApp } from './visible-apps.js';

/** What the route files of an application's pages share once `signedInAppPages` set them up. */
export interface AppPages {
  /** Route options of a POST: its CSRF token is checked first. */
  post: { preHandler: FastifyInstance['csrfProtection'] };
  /** The signed-in person and the CSRF token every page's layout carries. */
  frame(request: FastifyRequest, reply: FastifyReply): Frame;
  session(request: FastifyRequest): Session;
  /** The application with this id, if the signed-in person may see it. */
  visibleApp(request: FastifyRequest, id: string): Promise<Client | undefined>;
  /** The one answer for an application that does not exist and one the person may not see. */
  notFound(request: FastifyRequest, reply: FastifyReply): FastifyReply;
}

/**
 * Sends a person without a sign-in to the sign-in page before any route of `app` runs, and
 * gives its routes what every page of an application needs. The application pages and their
 * webhook pages plug in here, so they cannot differ on who sees an application or on what
 * someone who may not see it is told.
 */
export function signedInAppPages(app: FastifyInstance, deps: PortalDeps): AppPages {
  app.addHook('preHandler', async (request, reply) => {
    if (!request.portalSession) return reply.redirect('/portal/sign-in', 303);
  });
  return {
    post: { preHandler: app.csrfProtection },
    frame: (request, reply) => ({ user: session(request).user, csrf: csrfToken(request, reply) }),
    session,
    visibleApp: (request, id) => visibleApp(deps.clients, session(request).user, id),
    notFound: (request, reply) =>
      sendError(
        request,
        reply,
        404,
        'No such application',
        'There is no application with this id that you can see.',
      ),
  };
}

function session(request: FastifyRequest): Session {
  if (!request.portalSession) throw new Error('the sign-in check runs before every app route');
  return request.portalSession;
}
