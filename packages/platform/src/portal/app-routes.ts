import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SERVICE_SCOPES } from '../auth/scopes.js';
import { isUuid } from '../http/request-id.js';
import { type Client, ClientValidationError } from '../store/clients.js';
import { appConsents } from './app-consents.js';
import { csrfToken } from './csrf.js';
import type { PortalDeps } from './deps.js';
import { sendError } from './error-reply.js';
import { field, fields, lines } from './forms.js';
import { sendPage } from './html.js';
import type { Session } from './sessions.js';
import { type AppPageData, appPage } from './views/app.js';
import { type AppForm, appsPage, type Frame, newAppPage, secretPage } from './views/apps.js';

const MAX_NAME = 100;

type Params = { Params: { id: string } };

/** Applications: list, create, and per application its credentials, request log and consents. */
export async function appRoutes(app: FastifyInstance, deps: PortalDeps): Promise<void> {
  // Every page here needs a sign-in; the sign-in page is where a person without one goes.
  app.addHook('preHandler', async (request, reply) => {
    if (!request.portalSession) return reply.redirect('/portal/sign-in', 303);
  });
  const post = { preHandler: app.csrfProtection };

  const frame = (request: FastifyRequest, reply: FastifyReply): Frame => ({
    user: session(request).user,
    csrf: csrfToken(request, reply),
  });

  /** The application if this person may see it; another developer's is as unknown as none. */
  const visibleApp = async (request: FastifyRequest, id: string): Promise<Client | undefined> => {
    const client = await deps.clients.find(id);
    if (!client) return undefined;
    const { user } = session(request);
    return user.role === 'operator' || client.ownerId === user.id ? client : undefined;
  };
  const notFound = (request: FastifyRequest, reply: FastifyReply) =>
    sendError(
      request,
      reply,
      404,
      'No such application',
      'There is no application with this id that you can see.',
    );

  const renderApp = async (
    request: FastifyRequest,
    reply: FastifyReply,
    client: Client,
    extra: Partial<AppPageData> = {},
    status = 200,
  ) => {
    const query = request.query as { requestId?: string };
    const requestId = isUuid(query.requestId?.trim()) ? query.requestId?.trim() : undefined;
    const [requests, consents, owner] = await Promise.all([
      deps.requestLog.recent(client.id, { limit: 50, ...(requestId ? { requestId } : {}) }),
      appConsents(deps, client.id),
      client.ownerId ? deps.users.find(client.ownerId) : undefined,
    ]);
    const data: AppPageData = {
      app: client,
      ownerEmail: owner?.email,
      requests,
      requestId: query.requestId?.trim() || undefined,
      consents,
      authUrl: deps.authUrl,
      apiUrl: deps.apiUrl,
      ...extra,
    };
    if (query.requestId?.trim() && !requestId) {
      data.notice = {
        kind: 'error',
        text: 'An X-Request-ID is a UUID, like 99391c7e-ad88-49ec-a2ad-99ddcb1f7721.',
      };
    }
    return sendPage(reply, appPage(frame(request, reply), data), status);
  };

  app.get('/apps', async (request, reply) => {
    const { user } = session(request);
    const operator = user.role === 'operator';
    const apps = await deps.clients.list(operator ? {} : { ownerId: user.id });
    const owners = new Map(operator ? (await deps.users.list()).map((u) => [u.id, u.email]) : []);
    return sendPage(reply, appsPage(frame(request, reply), apps, owners));
  });

  app.get('/apps/new', async (request, reply) =>
    sendPage(
      reply,
      newAppPage(frame(request, reply), {
        name: '',
        redirectUris: '',
        scopes: [...SERVICE_SCOPES],
      }),
    ),
  );

  app.post('/apps', post, async (request, reply) => {
    const body = request.body as Record<string, unknown> | undefined;
    const form: AppForm = {
      name: field(body, 'name').trim(),
      redirectUris: field(body, 'redirectUris'),
      scopes: fields(body, 'scopes'),
    };
    const refuse = (message: string) =>
      sendPage(reply, newAppPage(frame(request, reply), form, message), 400);
    if (!form.name) return refuse('Give the application a name.');
    if (form.name.length > MAX_NAME) return refuse(`A name has at most ${MAX_NAME} characters.`);
    if (form.scopes.length === 0) return refuse('Choose at least one scope.');
    try {
      const { client, secret } = await deps.clients.create({
        name: form.name,
        redirectUris: lines(form.redirectUris),
        scopes: form.scopes,
        ownerId: session(request).user.id,
      });
      request.log.info({ clientId: client.id }, 'portal: application created');
      return sendPage(
        reply,
        secretPage(frame(request, reply), client, secret, 'created', deps.authUrl),
        201,
      );
    } catch (error) {
      if (error instanceof ClientValidationError) return refuse(capitalise(error.message));
      throw error;
    }
  });

  app.get<Params>('/apps/:id', async (request, reply) => {
    const client = await visibleApp(request, request.params.id);
    if (!client) return notFound(request, reply);
    const saved = (request.query as { saved?: string }).saved;
    const notices: Record<string, string> = {
      'redirect-uris': 'Redirect URIs saved.',
      disabled: 'Application disabled: its credentials and tokens are refused from now on.',
      active: 'Application enabled again.',
    };
    const text = saved ? notices[saved] : undefined;
    return renderApp(request, reply, client, text ? { notice: { kind: 'ok', text } } : {});
  });

  app.post<Params>('/apps/:id/redirect-uris', post, async (request, reply) => {
    const client = await visibleApp(request, request.params.id);
    if (!client) return notFound(request, reply);
    const draft = field(request.body as Record<string, unknown>, 'redirectUris');
    try {
      await deps.clients.setRedirectUris(client.id, lines(draft));
    } catch (error) {
      if (!(error instanceof ClientValidationError)) throw error;
      const text = `Not saved: ${error.message}.`;
      return renderApp(
        request,
        reply,
        client,
        { notice: { kind: 'error', text }, redirectUrisDraft: draft },
        400,
      );
    }
    request.log.info({ clientId: client.id }, 'portal: redirect URIs changed');
    return reply.redirect(`/portal/apps/${client.id}?saved=redirect-uris`, 303);
  });

  app.post<Params>('/apps/:id/rotate-secret', post, async (request, reply) => {
    const client = await visibleApp(request, request.params.id);
    if (!client) return notFound(request, reply);
    const secret = await deps.clients.rotateSecret(client.id);
    request.log.info({ clientId: client.id }, 'portal: client secret rotated');
    return sendPage(
      reply,
      secretPage(frame(request, reply), client, secret, 'rotated', deps.authUrl),
    );
  });

  app.post<Params>('/apps/:id/status', post, async (request, reply) => {
    const client = await visibleApp(request, request.params.id);
    if (!client) return notFound(request, reply);
    const status = field(request.body as Record<string, unknown>, 'status');
    if (status !== 'active' && status !== 'disabled') {
      return sendError(request, reply, 400, 'Request refused', 'status must be active or disabled');
    }
    await deps.clients.setStatus(client.id, status);
    if (status === 'disabled') deps.onClientDisabled?.(client.id);
    request.log.info({ clientId: client.id, status }, 'portal: application status changed');
    return reply.redirect(`/portal/apps/${client.id}?saved=${status}`, 303);
  });
}

function session(request: FastifyRequest): Session {
  if (!request.portalSession) throw new Error('the sign-in check runs before every app route');
  return request.portalSession;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1) + (text.endsWith('.') ? '' : '.');
}
