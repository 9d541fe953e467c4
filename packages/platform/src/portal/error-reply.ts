import type { FastifyReply, FastifyRequest } from 'fastify';
import { csrfToken } from './csrf.js';
import { sendPage } from './html.js';
import { errorPage } from './views/error.js';

/** An error page in the portal's frame, with the signed-in user's menu when there is one. */
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
