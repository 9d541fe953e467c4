import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isUuid } from '../http/request-id.js';
import { type Client, ClientValidationError } from '../store/clients.js';
import { signedInAppPages } from './app-pages.js';
import type { PortalDeps } from './deps.js';
import { sendError } from './error-reply.js';
import { field } from './forms.js';
import { sendPage } from './html.js';
import { SecretFlash } from './secret-flash.js';
import {
  type WebhooksPageData,
  webhookRemoveConfirmPage,
  webhookRotateConfirmPage,
  webhookSecretPage,
  webhookSecretShownPage,
  webhooksPage,
} from './views/webhooks.js';

/** Events shown in the delivery log: enough to find a failing one, few enough to read. */
const LOG_EVENTS = 50;
const OVERLAPS = new Set([0, 24]);

type Params = { Params: { id: string } };
type DeliveryParams = { Params: { id: string; deliveryId: string } };

const NOTICES: Record<string, string> = {
  endpoint: 'Endpoint saved.',
  removed: 'Endpoint removed: nothing is posted to it any more.',
  queued: 'Redelivery queued: the event is sent again within seconds, signed afresh.',
  pending:
    'A delivery of this event to this URL was still waiting for its next attempt: it is tried now instead.',
};

/**
 * An application's webhooks in the portal: its endpoint (checked by the same service as
 * `bankbridge clients set-webhook`), its signing secret (shown once, rotated after a
 * confirmation), and the delivery log with redelivery. Every POST redirects (303).
 */
export async function webhookRoutes(app: FastifyInstance, deps: PortalDeps): Promise<void> {
  const { post, frame, session, visibleApp, notFound } = signedInAppPages(app, deps);
  const flash = new SecretFlash(deps.secretBox, deps.cookie, deps.now, 'webhook');
  const here = (client: Client) => `/portal/apps/${client.id}/webhooks`;

  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    client: Client,
    extra: Partial<WebhooksPageData> = {},
    status = 200,
  ) => {
    const [settings, events] = await Promise.all([
      deps.webhooks.get(client.id),
      deps.deliveryLog.recent(client.id, LOG_EVENTS),
    ]);
    const data: WebhooksPageData = { app: client, settings, events, ...extra };
    return sendPage(reply, webhooksPage(frame(request, reply), data), status);
  };

  app.get<Params>('/apps/:id/webhooks', async (request, reply) => {
    const client = await visibleApp(request, request.params.id);
    if (!client) return notFound(request, reply);
    const saved = (request.query as { saved?: string }).saved;
    const text = saved ? NOTICES[saved] : undefined;
    return render(request, reply, client, text ? { notice: { kind: 'ok', text } } : {});
  });

  app.post<Params>('/apps/:id/webhooks', post, async (request, reply) => {
    const client = await visibleApp(request, request.params.id);
    if (!client) return notFound(request, reply);
    const body = request.body as Record<string, unknown> | undefined;
    const url = field(body, 'url').trim();
    const scaEvents = field(body, 'scaEvents') === 'on';
    const refuse = (text: string) =>
      render(
        request,
        reply,
        client,
        { notice: { kind: 'error', text }, urlDraft: url, scaDraft: scaEvents },
        400,
      );
    if (!url) return refuse('Not saved: give the endpoint URL.');
    let secret: string | undefined;
    try {
      ({ secret } = await deps.webhooks.configure(client.id, { url, scaEvents }));
    } catch (error) {
      if (!(error instanceof ClientValidationError)) throw error;
      return refuse(`Not saved: ${error.message}.`);
    }
    request.log.info({ clientId: client.id }, 'portal: webhook endpoint saved');
    if (!secret) return reply.redirect(`${here(client)}?saved=endpoint`, 303);
    flash.put(reply, session(request).id, client.id, { secret, reason: 'created' });
    return reply.redirect(flash.path(client.id), 303);
  });

  app.get<Params>('/apps/:id/webhooks/secret', async (request, reply) => {
    const client = await visibleApp(request, request.params.id);
    if (!client) return notFound(request, reply);
    const shown = flash.take(request, reply, session(request).id, client.id);
    return sendPage(
      reply,
      shown
        ? webhookSecretPage(
            frame(request, reply),
            client,
            shown.secret,
            shown.reason,
            shown.overlapHours ?? 0,
          )
        : webhookSecretShownPage(frame(request, reply), client),
    );
  });

  app.get<Params>('/apps/:id/webhooks/rotate-secret', async (request, reply) => {
    const client = await visibleApp(request, request.params.id);
    if (!client) return notFound(request, reply);
    return sendPage(reply, webhookRotateConfirmPage(frame(request, reply), client));
  });

  app.post<Params>('/apps/:id/webhooks/rotate-secret', post, async (request, reply) => {
    const client = await visibleApp(request, request.params.id);
    if (!client) return notFound(request, reply);
    const overlapHours = Number(field(request.body as Record<string, unknown>, 'overlapHours'));
    if (!OVERLAPS.has(overlapHours)) {
      return sendError(request, reply, 400, 'Request refused', 'overlapHours must be 0 or 24.');
    }
    let secret: string;
    try {
      secret = await deps.webhooks.rotateSecret(client.id, overlapHours);
    } catch (error) {
      if (!(error instanceof ClientValidationError)) throw error;
      return sendError(
        request,
        reply,
        400,
        'Request refused',
        'This application has no webhook settings yet: register an endpoint first.',
      );
    }
    request.log.info({ clientId: client.id, overlapHours }, 'portal: webhook secret rotated');
    flash.put(reply, session(request).id, client.id, { secret, reason: 'rotated', overlapHours });
    return reply.redirect(flash.path(client.id), 303);
  });

  app.get<Params>('/apps/:id/webhooks/remove', async (request, reply) => {
    const client = await visibleApp(request, request.params.id);
    if (!client) return notFound(request, reply);
    const url = (await deps.webhooks.get(client.id))?.url;
    if (!url) return reply.redirect(here(client), 303);
    return sendPage(reply, webhookRemoveConfirmPage(frame(request, reply), client, url));
  });

  app.post<Params>('/apps/:id/webhooks/remove', post, async (request, reply) => {
    const client = await visibleApp(request, request.params.id);
    if (!client) return notFound(request, reply);
    // Removed already (a second tab, a double submit): the same page as the first time.
    await deps.webhooks.removeEndpoint(client.id);
    request.log.info({ clientId: client.id }, 'portal: webhook endpoint removed');
    return reply.redirect(`${here(client)}?saved=removed`, 303);
  });

  app.post<DeliveryParams>(
    '/apps/:id/webhooks/deliveries/:deliveryId/redeliver',
    post,
    async (request, reply) => {
      const client = await visibleApp(request, request.params.id);
      if (!client) return notFound(request, reply);
      const { deliveryId } = request.params;
      const redelivery = isUuid(deliveryId)
        ? await deps.deliveryLog.redeliver(client.id, deliveryId)
        : undefined;
      if (!redelivery) {
        return sendError(
          request,
          reply,
          404,
          'No such delivery',
          'This application has no delivery with this id.',
        );
      }
      if (redelivery.outcome === 'not-an-endpoint') {
        return render(
          request,
          reply,
          client,
          {
            notice: {
              kind: 'error',
              text: `Not sent: ${redelivery.url} is no longer this application’s endpoint nor the resource’s own. Register it again to send events there.`,
            },
          },
          409,
        );
      }
      request.log.info(
        { clientId: client.id, eventId: redelivery.eventId, outcome: redelivery.outcome },
        'portal: webhook redelivery',
      );
      return reply.redirect(
        `${here(client)}?saved=${redelivery.outcome}#event-${redelivery.eventId}`,
        303,
      );
    },
  );
}
