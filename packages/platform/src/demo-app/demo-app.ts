/**
 * The demo TPP app at `/demo`: a small web app that is itself a TPP of Bankbridge, the
 * integration guide's "application that lets a user choose a bank, authenticate and list
 * accounts". Server-side, as a TPP must be to keep its client secret: it calls the API over
 * HTTP through @bankbridge/client with the demo client's credentials, like any other TPP, and
 * never reaches into the platform's own objects. See README.md next to this file.
 */
import { Bankbridge, type ResponseInfo } from '@bankbridge/client';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import type { FastifyError, FastifyInstance } from 'fastify';
import { readAssets } from '../http/static-assets.js';
import { pageHeaders } from '../portal/html.js';
import { accountRoutes } from './account-routes.js';
import { connectRoutes } from './connect-routes.js';
import type { DemoAppOptions, DemoContext } from './context.js';
import { readEventFeed } from './demo-events.js';
import { eventRoutes } from './event-routes.js';
import { payRoutes } from './pay-routes.js';
import { DemoProblem, type Problem, problemOf } from './problems.js';
import { callsOfRequest } from './request-calls.js';
import { sendProblem } from './route-helpers.js';
import { DEFAULT_LIMITS, DemoSessions } from './sessions.js';

export type { DemoAppOptions } from './context.js';

export const SESSION_COOKIE = 'bb_demo_session';
const ASSET_TYPES = {
  'demo.css': 'text/css; charset=utf-8',
  'bankid.js': 'text/javascript; charset=utf-8',
  'live.js': 'text/javascript; charset=utf-8',
};
/** How often the app reads the event feed when Bankbridge sends it no webhooks. */
const EVENT_FEED_INTERVAL_MS = 2000;

export async function demoApp(app: FastifyInstance, options: DemoAppOptions): Promise<void> {
  await app.register(
    async (demo) => {
      const context = createContext(demo, options);
      await demo.register(fastifyCookie);
      await demo.register(fastifyFormbody, { bodyLimit: 16 * 1024 });
      const cookie = {
        path: '/demo',
        httpOnly: true,
        sameSite: 'lax' as const,
        secure: new URL(options.publicUrl).protocol === 'https:',
      };
      const headers = pageHeaders(contentSecurityPolicy(options));

      demo.addHook('onRequest', async (request, reply) => {
        reply.headers(headers);
        const value = request.cookies[SESSION_COOKIE];
        const session = context.sessions.find(value);
        if (session) request.demoSession = session;
        else if (value) reply.clearCookie(SESSION_COOKIE, cookie);
      });
      // Each request's API calls are collected from here on, for the page it answers with.
      demo.addHook('preHandler', (request, _reply, done) => {
        const calls: ResponseInfo[] = [];
        request.demoCalls = calls;
        callsOfRequest.run(calls, done);
      });
      // A form or callback answered with a redirect: its calls are shown on the next page.
      demo.addHook('onSend', async (request, reply) => {
        const calls = request.demoCalls;
        if (reply.statusCode === 303 && request.demoSession && calls && calls.length > 0) {
          request.demoSession.carriedCalls = calls;
        }
      });

      demo.decorateRequest('demoSession', undefined);
      demo.decorateRequest('demoCalls', undefined);
      context.session = (request, reply) => {
        if (!request.demoSession) {
          request.demoSession = context.sessions.create();
          reply.setCookie(SESSION_COOKIE, request.demoSession.id, cookie);
        }
        return request.demoSession;
      };

      demo.setErrorHandler(async (error: FastifyError | DemoProblem, request, reply) => {
        const problem: Problem =
          error instanceof DemoProblem || !('statusCode' in error) || !error.statusCode
            ? problemOf(error)
            : {
                status: error.statusCode >= 400 ? error.statusCode : 500,
                title: 'Request refused',
                text: error.statusCode >= 500 ? 'The demo app could not answer.' : error.message,
              };
        if (problem.status >= 500 && !(error instanceof DemoProblem)) {
          request.log.error({ err: error }, 'demo app request failed');
        }
        return sendProblem(context, request, reply, problem);
      });
      demo.setNotFoundHandler(async (request, reply) =>
        sendProblem(context, request, reply, {
          status: 404,
          title: 'Not found',
          text: 'There is no such page in the demo app.',
        }),
      );

      const assets = readAssets(new URL('./assets/', import.meta.url), ASSET_TYPES);
      demo.get<{ Params: { file: string } }>('/assets/:file', async (request, reply) => {
        const asset = assets.get(request.params.file);
        if (!asset) return reply.callNotFound();
        return reply
          .type(asset.type)
          .header('Cache-Control', 'public, max-age=300')
          .send(asset.body);
      });

      await demo.register(connectRoutes, { context });
      await demo.register(accountRoutes, { context });
      await demo.register(payRoutes, { context });
      await demo.register(eventRoutes, { context });

      const sweeper = setInterval(() => context.sessions.sweep(), 30_000);
      sweeper.unref();
      // Without webhooks (Bankbridge may not call this app's address), the event feed.
      const stopFeed = options.webhookSecret
        ? undefined
        : readEventFeed(context, options.eventFeedIntervalMs ?? EVENT_FEED_INTERVAL_MS);
      demo.addHook('onClose', async () => {
        clearInterval(sweeper);
        stopFeed?.();
        context.sessions.clear();
      });
    },
    { prefix: '/demo' },
  );
}

function createContext(app: FastifyInstance, options: DemoAppOptions): DemoContext {
  const now = options.now ?? (() => new Date());
  let sdk: Bankbridge | undefined;
  const context: DemoContext = {
    options,
    appUrl: `${options.publicUrl}/demo`,
    now,
    log: app.log,
    bankbridge() {
      const { clientId, clientSecret } = options.credentials;
      if (!clientSecret) {
        throw new DemoProblem({
          status: 503,
          title: 'The demo app has no client secret',
          text: `The demo app signs in to Bankbridge as the demo client ${clientId}, whose secret this data directory no longer has (data/demo-client.json). Stop Bankbridge, delete the data directory's demo-client.json and the client ("npm run bankbridge -- clients delete ${clientId}"), and start again: a new demo client is made.`,
        });
      }
      sdk ??= new Bankbridge({
        apiUrl: options.apiUrl,
        authUrl: options.authUrl,
        clientId,
        clientSecret,
        ...(options.fetch ? { fetch: options.fetch } : {}),
        now: () => now().getTime(),
        onResponse: (info) => callsOfRequest.getStore()?.push(info),
      });
      return sdk;
    },
    sessions: new DemoSessions(
      () => now().getTime(),
      { ...DEFAULT_LIMITS, ...options.limits },
      (left) => context.end(left),
    ),
    end(left) {
      const { pending, connected, payment } = left;
      if (payment) {
        payment.controller.abort();
        if (payment.stage === 'signing') {
          payment.flow
            .cancel({ signal: AbortSignal.timeout(10_000) })
            .catch((err: unknown) => app.log.warn({ err }, 'demo app: could not cancel a payment'));
        }
      }
      if (pending) {
        pending.controller.abort();
        if (pending.outcome.state === 'waiting') {
          pending.connection
            .cancel({ signal: AbortSignal.timeout(10_000) })
            .catch((err: unknown) => app.log.warn({ err }, 'demo app: could not delete a consent'));
        }
      }
      if (connected) {
        context
          .bankbridge()
          .consents.delete(connected.consent, { signal: AbortSignal.timeout(10_000) })
          .catch((err: unknown) => app.log.warn({ err }, 'demo app: could not delete a consent'));
      }
    },
    session() {
      throw new Error('the demo app is not registered yet');
    },
    frame(request) {
      const session = request.demoSession;
      const earlier = session?.carriedCalls ?? [];
      if (session) session.carriedCalls = undefined;
      return { calls: request.demoCalls ?? [], earlier, apiUrl: options.apiUrl };
    },
  };
  return context;
}

/** Only this host's scripts and styles; images also from the API (logos) and data: (QR). */
function contentSecurityPolicy(options: DemoAppOptions): string {
  const api = new URL(options.apiUrl).origin;
  return [
    "default-src 'self'",
    `img-src 'self' data: ${api} https:`,
    "style-src 'self'",
    "script-src 'self'",
    "connect-src 'self'",
    // Forms post to this app only; the way to the bank is a page of its own (/demo/redirect).
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}
