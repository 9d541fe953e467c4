// Redirect SCA of every sandbox bank: the OAuth 2.0 metadata and authorization endpoint
// with the bank's login and decision pages. The scope names the resource the PSU
// authorises (AIS:{consentId}); its SCA resource kind says what the pages show and what
// approving does.

import type { FastifyInstance, FastifyReply } from 'fastify';
import { BankError } from '../domain/errors.js';
import type { Psu } from '../domain/model.js';
import { type AuthorizeSession, sessionExpired } from '../domain/redirect-sca.js';
import type { SandboxBank } from '../domain/sandbox-bank.js';
import { scaOutcome } from '../domain/sca-outcome.js';
import type { ScaSubject } from '../sca/sca-resource-kind.js';
import { settleSca } from '../sca/settle-sca.js';
import { bankOf, bankUrl, type SandboxContext } from './context.js';
import { decisionPage, loginPage, messagePage } from './pages.js';
import { DECOUPLED_GRANT } from './token-routes.js';

type Query = Record<string, string | undefined>;

function html(reply: FastifyReply, status: number, page: string): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(page);
}

function brand(bank: SandboxBank) {
  return { name: bank.config.name, seed: bank.bic };
}

function validRedirectUri(uri: string | undefined): uri is string {
  if (!uri) return false;
  try {
    const url = new URL(uri);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hash === '';
  } catch {
    return false;
  }
}

function redirectWith(
  reply: FastifyReply,
  redirectUri: string,
  params: Record<string, string | undefined>,
): FastifyReply {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(params))
    if (value !== undefined) url.searchParams.set(key, value);
  return reply
    .code(303)
    .header('location', url.toString())
    .header('cache-control', 'no-store')
    .send();
}

function sessionOf(context: SandboxContext, bank: SandboxBank, body: Query): AuthorizeSession {
  const session = body.session ? context.authorizeSessions.get(body.session) : undefined;
  if (!session || session.bic !== bank.bic)
    throw new BankError('FORMAT_ERROR', 'Unknown login session: start again from the TPP');
  if (sessionExpired(session, context.now())) {
    context.authorizeSessions.delete(session.sessionId);
    throw new BankError('FORMAT_ERROR', 'The login session expired: start again from the TPP');
  }
  return session;
}

/** The bank's login page of a session; `retry` shows why the last attempt failed. */
function loginFor(
  context: SandboxContext,
  bank: SandboxBank,
  session: AuthorizeSession,
  retry?: { error: string; psuId: string },
): string {
  return loginPage({
    bankName: bank.config.name,
    bic: bank.bic,
    sessionId: session.sessionId,
    actionUrl: bankUrl(context, bank.bic, '/oauth2/authorize/login'),
    psus: bank.psus,
    anyPersonalNumber: bank.takesAnyNationalId,
    request: context.scaKinds.of(session.resource.kind).request,
    ...retry,
  });
}

/** The page where the logged-in PSU approves or denies (and makes the kind's choices). */
function decisionFor(
  context: SandboxContext,
  bank: SandboxBank,
  session: AuthorizeSession,
  psu: Psu,
  subject: ScaSubject,
  error?: string,
): string {
  return decisionPage({
    bankName: bank.config.name,
    bic: bank.bic,
    sessionId: session.sessionId,
    actionUrl: bankUrl(context, bank.bic, '/oauth2/authorize/decision'),
    psu,
    title: context.scaKinds.of(session.resource.kind).decisionTitle,
    summaryHtml: subject.summaryHtml(),
    choicesHtml: subject.choicesHtml(psu),
    ...(error ? { error } : {}),
  });
}

export function registerOAuthRoutes(app: FastifyInstance, context: SandboxContext): void {
  app.get('/banks/:bic/.well-known/oauth-authorization-server', async (request) => {
    const bank = bankOf(context, request);
    return {
      issuer: bankUrl(context, bank.bic),
      authorization_endpoint: bankUrl(context, bank.bic, '/oauth2/authorize'),
      token_endpoint: bankUrl(context, bank.bic, '/oauth2/token'),
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code', 'refresh_token', DECOUPLED_GRANT],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      scopes_supported: context.scaKinds.scopes,
    };
  });

  app.get('/banks/:bic/oauth2/authorize', async (request, reply) => {
    const bank = bankOf(context, request);
    const q = request.query as Query;
    const fail = (message: string) =>
      html(reply, 400, messagePage('The request cannot be handled', message, brand(bank)));
    if (!bank.config.scaApproaches.includes('REDIRECT'))
      return fail('This bank offers decoupled SCA only.');
    // Without a trustworthy client and redirect_uri the error is shown here, never redirected.
    if (!q.client_id) return fail('client_id is missing.');
    if (context.tppClients && !(q.client_id in context.tppClients))
      return fail(`Unknown client ${q.client_id}.`);
    if (!validRedirectUri(q.redirect_uri))
      return fail('redirect_uri is missing or not an absolute http(s) URL without fragment.');
    const redirectUri = q.redirect_uri;
    const back = (error: string, description: string) =>
      redirectWith(reply, redirectUri, { error, error_description: description, state: q.state });
    if (q.response_type !== 'code')
      return back('unsupported_response_type', 'response_type must be code');
    const resource = context.scaKinds.fromScope(q.scope);
    if (!resource)
      return back('invalid_scope', `scope must be ${context.scaKinds.scopes.join(' or ')}`);
    const subject = context.scaKinds.open(bank, q.client_id, resource);
    if (!subject) return back('invalid_request', context.scaKinds.of(resource.kind).unknownMessage);
    const blocker = subject.blocker(undefined, context.now());
    if (blocker) return back('invalid_request', blocker.message);
    if (q.code_challenge !== undefined || q.code_challenge_method !== undefined) {
      if (q.code_challenge_method !== 'S256')
        return back('invalid_request', 'code_challenge_method must be S256');
      if (!/^[A-Za-z0-9_-]{43}$/.test(q.code_challenge ?? ''))
        return back('invalid_request', 'code_challenge must be a base64url SHA-256');
    }
    const session: AuthorizeSession = {
      sessionId: context.newSecret(),
      bic: bank.bic,
      clientId: q.client_id,
      redirectUri,
      resource,
      createdAt: context.now(),
    };
    if (q.state !== undefined) session.state = q.state;
    if (q.code_challenge !== undefined) session.codeChallenge = q.code_challenge;
    context.authorizeSessions.set(session.sessionId, session);
    return html(reply, 200, loginFor(context, bank, session));
  });

  app.post('/banks/:bic/oauth2/authorize/login', async (request, reply) => {
    const bank = bankOf(context, request);
    const body = (request.body ?? {}) as Query;
    let session: AuthorizeSession;
    try {
      session = sessionOf(context, bank, body);
    } catch (error) {
      return html(reply, 400, messagePage('Login failed', (error as Error).message, brand(bank)));
    }
    const subject = context.scaKinds.open(bank, session.clientId, session.resource);
    const psu = body.psuId ? bank.psu(body.psuId) : undefined;
    if (!psu) {
      const invalid = body.psuId ? bank.invalidPsuId(body.psuId) : undefined;
      const why = invalid ? `${invalid}.` : 'Pick one of the test users below.';
      return html(
        reply,
        401,
        loginFor(context, bank, session, {
          error: `No customer with id ${body.psuId ?? ''}. ${why}`,
          psuId: body.psuId ?? '',
        }),
      );
    }
    const back = (error: string, description: string) => {
      context.authorizeSessions.delete(session.sessionId);
      return redirectWith(reply, session.redirectUri, {
        error,
        error_description: description,
        state: session.state,
      });
    };
    if (!subject)
      return back('access_denied', context.scaKinds.of(session.resource.kind).unknownMessage);
    const blocker = subject.blocker(psu.psuId, context.now());
    if (blocker) return back('access_denied', blocker.message);
    // Authentication itself is where the SCA scenarios fail or hang.
    if (psu.scenario === 'scaFails') return back('access_denied', 'Authentication failed');
    if (psu.scenario === 'scaTimeout') return back('access_denied', 'Authentication timed out');
    session.psuId = psu.psuId;
    return html(reply, 200, decisionFor(context, bank, session, psu, subject));
  });

  app.post('/banks/:bic/oauth2/authorize/decision', async (request, reply) => {
    const bank = bankOf(context, request);
    const body = (request.body ?? {}) as Record<string, string | string[] | undefined>;
    let session: AuthorizeSession;
    try {
      session = sessionOf(context, bank, body as Query);
      if (!session.psuId) throw new BankError('FORMAT_ERROR', 'Log in first');
    } catch (error) {
      return html(
        reply,
        400,
        messagePage('Approval failed', (error as Error).message, brand(bank)),
      );
    }
    const psu = bank.psu(session.psuId);
    const kind = context.scaKinds.of(session.resource.kind);
    const subject = context.scaKinds.open(bank, session.clientId, session.resource);
    if (!psu || !subject)
      return html(reply, 400, messagePage('Approval failed', kind.unknownMessage, brand(bank)));
    const decision =
      body.decision === 'approve' ? 'approve' : body.decision === 'deny' ? 'deny' : undefined;
    if (!decision)
      return html(
        reply,
        400,
        messagePage('Approval failed', 'decision must be approve or deny', brand(bank)),
      );
    const chosen =
      body.account === undefined ? [] : Array.isArray(body.account) ? body.account : [body.account];
    const now = context.now();
    const outcome = scaOutcome(psu.scenario, decision, kind);
    const error = settleSca(subject, psu, outcome, chosen, now);
    if (error?.code === 'FORMAT_ERROR') {
      return html(reply, 400, decisionFor(context, bank, session, psu, subject, error.message));
    }
    context.authorizeSessions.delete(session.sessionId);
    if (error || outcome.scaStatus !== 'finalised') {
      return redirectWith(reply, session.redirectUri, {
        error: 'access_denied',
        error_description: error?.message ?? outcome.message,
        state: session.state,
      });
    }
    const grant = {
      clientId: session.clientId,
      redirectUri: session.redirectUri,
      psuId: psu.psuId,
    };
    const code = kind.issueCode(
      bank,
      session.resource.id,
      session.codeChallenge ? { ...grant, codeChallenge: session.codeChallenge } : grant,
      now,
    );
    return redirectWith(reply, session.redirectUri, { code, state: session.state });
  });
}
