import type { DecoupledConnection, Psu } from '@bankbridge/client';
import type { FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { bankWorkRefusalText } from '../http/bank-work-limit.js';
import { sendPage } from '../portal/html.js';
import { simulatorLink } from '../sandbox-banks.js';
import type { DemoContext } from './context.js';
import { asProblem, DemoProblem, type Problem, problemOf } from './problems.js';
import { type ChosenBank, csrfMatches, type DemoSession } from './sessions.js';
import { bankIdPage, problemPage, type Signing } from './views/pages.js';

// What every route file of the demo app needs from a request: who the PSU is, the session of a
// form, how a problem is answered, and the BankID page of an SCA.

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

/**
 * The BankID page of a consent's or a payment's SCA. Its QR code is the animated one the last
 * poll brought, else the bank's, else the autostart link drawn here; the sandbox's BankID
 * simulator is linked where the banks are the sandbox's.
 */
export async function sendBankIdPage(
  context: DemoContext,
  reply: FastifyReply,
  sca: {
    frame: ReturnType<DemoContext['frame']>;
    bank: ChosenBank;
    connection: Pick<
      DecoupledConnection,
      'bankIdLink' | 'psuMessage' | 'authorisationId' | 'qrImage' | 'autostartToken'
    >;
    signing: Signing;
    latestQr: string | undefined;
    csrf: string;
  },
) {
  const { connection } = sca;
  const sandboxUrl = context.options.sandboxUrl;
  return sendPage(
    reply,
    bankIdPage({
      ...sca.frame,
      bank: sca.bank,
      connection,
      signing: sca.signing,
      qrImage:
        sca.latestQr ??
        connection.qrImage ??
        (await QRCode.toDataURL(connection.bankIdLink, { margin: 1 })),
      simulatorUrl: sandboxUrl ? simulatorLink(sandboxUrl, connection.autostartToken) : undefined,
      csrf: sca.csrf,
    }),
  );
}

/** What the BankID page's script is told while the PSU has not signed: the latest QR code. */
export function bankIdWaiting(latestQr: string | undefined) {
  return latestQr ? { state: 'waiting', qrImage: latestQr } : { state: 'waiting' };
}

/**
 * Lets a step that starts bank work (a consent, a payment) go on, or refuses it with 429 and
 * Retry-After while the demo client has too much of it under way, as the API would refuse it.
 */
export async function admitBankWork(
  context: DemoContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const refused = await context.options.bankWork?.admit(
    context.options.credentials.clientId,
    request.ip,
  );
  if (refused && !refused.admitted) {
    reply.header('Retry-After', String(refused.retryAfterSeconds));
    throw new DemoProblem({
      status: 429,
      title: 'Please wait a moment',
      text: bankWorkRefusalText(refused.retryAfterSeconds),
    });
  }
}
