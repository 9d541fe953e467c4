import type { FastifyReply, FastifyRequest } from 'fastify';

/** Whom a CSRF token is bound to when nobody is signed in. */
export const SIGNED_OUT = 'signed-out';

/** The CSRF token for forms on the page being rendered, bound to the current sign-in. */
export function csrfToken(request: FastifyRequest, reply: FastifyReply): string {
  return reply.generateCsrf({ userInfo: request.portalSession?.id ?? SIGNED_OUT });
}
