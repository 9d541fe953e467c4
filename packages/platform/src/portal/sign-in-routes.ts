import type { FastifyInstance } from 'fastify';
import { csrfToken } from './csrf.js';
import type { PortalDeps } from './deps.js';
import { field } from './forms.js';
import { sendPage } from './html.js';
import { SignInThrottle } from './sign-in-throttle.js';
import { signInPage } from './views/sign-in.js';

/** `/portal`, `/portal/sign-in` and `/portal/sign-out`. */
export async function signInRoutes(app: FastifyInstance, deps: PortalDeps): Promise<void> {
  const throttle = new SignInThrottle(deps.now);
  app.get('/', async (request, reply) =>
    reply.redirect(request.portalSession ? '/portal/apps' : '/portal/sign-in', 303),
  );

  app.get('/sign-in', async (request, reply) => {
    if (request.portalSession) return reply.redirect('/portal/apps', 303);
    return sendPage(reply, signInPage({ csrf: csrfToken(request, reply) }));
  });

  app.post('/sign-in', { preHandler: app.csrfProtection }, async (request, reply) => {
    const body = request.body as Record<string, unknown> | undefined;
    const email = field(body, 'email').trim();
    const password = field(body, 'password');
    const wait = throttle.retryAfter(email);
    if (wait > 0) {
      request.log.warn(
        { portal: 'sign-in throttled' },
        'portal sign-in refused: too many failures',
      );
      reply.header('Retry-After', String(wait));
      const minutes = Math.ceil(wait / 60);
      return sendPage(
        reply,
        signInPage({
          csrf: csrfToken(request, reply),
          email,
          error: `Too many wrong passwords for this email. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
        }),
        429,
      );
    }
    const user = email && password ? await deps.users.authenticate(email, password) : undefined;
    if (!user) {
      if (email) throttle.failed(email);
      request.log.info({ portal: 'sign-in refused' }, 'portal sign-in refused');
      return sendPage(
        reply,
        signInPage({
          csrf: csrfToken(request, reply),
          email,
          error: 'Wrong email or password.',
        }),
        401,
      );
    }
    throttle.succeeded(email);
    // A session that was open in this browser ends: the new sign-in gets a new cookie value.
    if (request.portalSession) await deps.sessions.end(request.portalSession.id);
    const { value } = await deps.sessions.start(user);
    request.log.info({ userId: user.id }, 'portal sign-in');
    return reply
      .setCookie(deps.sessionCookie, value, { ...deps.cookie, maxAge: deps.sessionSeconds })
      .redirect('/portal/apps', 303);
  });

  app.post('/sign-out', { preHandler: app.csrfProtection }, async (request, reply) => {
    if (request.portalSession) await deps.sessions.end(request.portalSession.id);
    return reply.clearCookie(deps.sessionCookie, deps.cookie).redirect('/portal/sign-in', 303);
  });
}
