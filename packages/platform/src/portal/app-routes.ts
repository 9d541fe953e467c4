import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SERVICE_SCOPES } from '../auth/scopes.js';
import { isUuid } from '../http/request-id.js';
import { type Client, ClientValidationError } from '../store/clients.js';
import { appConsents } from './app-consents.js';
import { signedInAppPages } from './app-pages.js';
import { appPayment, appPayments } from './app-payments.js';
import type { PortalDeps } from './deps.js';
import { sendError } from './error-reply.js';
import { field, fields, lines } from './forms.js';
import { sendPage } from './html.js';
import { SecretFlash } from './secret-flash.js';
import { type AppPageData, appPage } from './views/app.js';
import { type AppForm, appsPage, newAppPage } from './views/apps.js';
import { paymentPage } from './views/payments.js';
import { rotateConfirmPage, secretPage, secretShownPage } from './views/secret.js';
import { visibleApps } from './visible-apps.js';

const MAX_NAME = 100;
/** Shorter search texts match nearly every row; longer ones are no id or path. */
const MIN_SEARCH = 3;
const MAX_SEARCH = 200;

type Params = { Params: { id: string } };
type PaymentParams = { Params: { id: string; paymentId: string } };

/** Applications: list, create, and per application its credentials, request log and consents. */
export async function appRoutes(app: FastifyInstance, deps: PortalDeps): Promise<void> {
  const { post, frame, session, visibleApp, notFound } = signedInAppPages(app, deps);
  const flash = new SecretFlash(deps.secretBox, deps.cookie, deps.now);

  const renderApp = async (
    request: FastifyRequest,
    reply: FastifyReply,
    client: Client,
    extra: Partial<AppPageData> = {},
    status = 200,
  ) => {
    const query = request.query as { search?: string; requestId?: string };
    // `requestId` is what links made before the search took any text still carry.
    const search = (query.search ?? query.requestId ?? '').trim() || undefined;
    const searchable = search && search.length >= MIN_SEARCH && search.length <= MAX_SEARCH;
    const [requests, consents, payments, owner] = await Promise.all([
      !search
        ? deps.requestLog.recent(client.id, { limit: 50 })
        : searchable
          ? deps.requestLog.search(client.id, search)
          : [],
      appConsents(deps, client.id),
      appPayments(deps, client.id),
      client.ownerId ? deps.users.find(client.ownerId) : undefined,
    ]);
    const data: AppPageData = {
      app: client,
      ownerEmail: owner?.email,
      requests,
      search,
      consents,
      payments,
      authUrl: deps.authUrl,
      apiUrl: deps.apiUrl,
      ...extra,
    };
    if (search && !searchable) {
      data.notice = {
        kind: 'error',
        text: `Search for at least ${MIN_SEARCH} and at most ${MAX_SEARCH} characters: an X-Request-ID or part of one, a consent or payment id, or a piece of a path.`,
      };
    }
    return sendPage(reply, appPage(frame(request, reply), data), status);
  };

  app.get('/apps', async (request, reply) => {
    const { user } = session(request);
    const operator = user.role === 'operator';
    const apps = await visibleApps(deps.clients, user);
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
      flash.put(reply, session(request).id, client.id, { secret, reason: 'created' });
      return reply.redirect(SecretFlash.path(client.id), 303);
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

  // The secret's one showing, after the redirect from the POST that issued it.
  app.get<Params>('/apps/:id/secret', async (request, reply) => {
    const client = await visibleApp(request, request.params.id);
    if (!client) return notFound(request, reply);
    const shown = flash.take(request, reply, session(request).id, client.id);
    return sendPage(
      reply,
      shown
        ? secretPage(frame(request, reply), client, shown.secret, shown.reason, deps.authUrl)
        : secretShownPage(frame(request, reply), client),
    );
  });

  // A rotation breaks every server that holds the current secret: asked for on a page first.
  app.get<Params>('/apps/:id/rotate-secret', async (request, reply) => {
    const client = await visibleApp(request, request.params.id);
    if (!client) return notFound(request, reply);
    return sendPage(reply, rotateConfirmPage(frame(request, reply), client));
  });

  app.post<Params>('/apps/:id/rotate-secret', post, async (request, reply) => {
    const client = await visibleApp(request, request.params.id);
    if (!client) return notFound(request, reply);
    let secret: string;
    try {
      secret = await deps.clients.rotateSecret(client.id);
    } catch (error) {
      if (!(error instanceof ClientValidationError)) throw error;
      return sendError(request, reply, 400, 'Request refused', capitalise(error.message));
    }
    request.log.info({ clientId: client.id }, 'portal: client secret rotated');
    flash.put(reply, session(request).id, client.id, { secret, reason: 'rotated' });
    return reply.redirect(SecretFlash.path(client.id), 303);
  });

  app.get<PaymentParams>('/apps/:id/payments/:paymentId', async (request, reply) => {
    const client = await visibleApp(request, request.params.id);
    if (!client) return notFound(request, reply);
    const payment = isUuid(request.params.paymentId)
      ? await appPayment(deps, client.id, request.params.paymentId)
      : undefined;
    if (!payment) {
      return sendError(
        request,
        reply,
        404,
        'No such payment',
        'This application has no payment with this id.',
      );
    }
    return sendPage(reply, paymentPage(frame(request, reply), client, payment));
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

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1) + (text.endsWith('.') ? '' : '.');
}
