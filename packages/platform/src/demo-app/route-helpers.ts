import type { Psu } from '@bankbridge/client';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendPage } from '../portal/html.js';
import type { DemoContext } from './context.js';
import { asProblem, DemoProblem, type Problem, problemOf } from './problems.js';
import { csrfMatches, type DemoSession } from './sessions.js';
import { problemPage } from './views/pages.js';

// What every route file of the demo app needs from a request: who the PSU is, the session of a
// form, and how a problem is answered.

/** The PSU is the person at the browser: their address and browser go to the bank. */
export function psuOf(request: FastifyRequest): Psu {
  const ipAddress = request.ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  const userAgent = request.headers['user-agent'];
  return { ipAddress, ...(userAgent ? { userAgent: userAgent.slice(0, 500) } : {}) };
}

/** A POST's session and CSRF token, both required: another site cannot make these requests. */
export function formSession(request: FastifyRequest, token: string): DemoSession {
  const session = request.demoSession;
  if (!session || !csrfMatches(session, token)) {
    throw new DemoProblem({
      status: 403,
      title: 'Form expired',
      text: 'This form was not sent from a current page of the demo app (your session ended, or the page is old). Go back, reload the page and try again.',
    });
  }
  return session;
}

export function sendProblem(
  context: DemoContext,
  request: FastifyRequest,
  reply: FastifyReply,
  problem: Problem,
) {
  return sendPage(
    reply,
    problemPage({ ...context.frame(request), problem, pageRequestId: request.id }),
    problem.status,
  );
}

/** The session's valid consent, or the browser is sent to choose a bank (undefined). */
export function connectedOrHome(request: FastifyRequest, reply: FastifyReply) {
  const session = request.demoSession;
  if (session?.connected) return { session, connected: session.connected };
  void reply.redirect('/demo?notice=not-connected', 303);
  return undefined;
}

/** Reads with the session's consent; an ended consent is forgotten, and the page says so. */
export async function reading<T>(session: DemoSession, read: () => Promise<T>): Promise<T> {
  const connected = session.connected;
  if (!connected) throw new Error('no consent');
  try {
    return await read();
  } catch (error) {
    if (problemOf(error).consentEnded && session.connected === connected) {
      session.connected = undefined;
    }
    throw asProblem(error, connected.bank.name);
  }
}
