import type { FastifyInstance, FastifyReply } from 'fastify';
import { isServiceScope } from '../auth/scopes.js';
import { ClientValidationError } from '../store/clients.js';
import { referenceRedirectUri } from './api-reference.js';
import type { PortalDeps } from './deps.js';
import { sendError } from './error-reply.js';
import { type FormBody, field } from './forms.js';
import { visibleApp } from './visible-apps.js';

/**
 * What the API reference does for a signed-in developer: a token for one of their
 * applications in one click (answered as JSON to the page's script), and the reference's
 * OAuth2 redirect URI added to an application, so that the AISP API's authorize form is not
 * refused with `invalid_redirect_uri`.
 */
export async function referenceTokenRoutes(app: FastifyInstance, deps: PortalDeps): Promise<void> {
  const post = { preHandler: app.csrfProtection };
  const refuse = (reply: FastifyReply, status: number, error: string) =>
    reply.code(status).header('Cache-Control', 'no-store').send({ error });

  app.post('/reference/token', post, async (request, reply) => {
    const user = request.portalSession?.user;
    if (!user) return refuse(reply, 401, 'Sign in to the portal to get a token.');
    if (!deps.issueToken) {
      return refuse(
        reply,
        409,
        'Tokens are bound to a TPP certificate here: get one with curl and your certificate.',
      );
    }
    const client = await visibleApp(
      deps.clients,
      user,
      field(request.body as FormBody, 'clientId'),
    );
    if (!client)
      return refuse(reply, 404, 'There is no application with this id that you can see.');
    if (client.status !== 'active') {
      return refuse(reply, 409, `${client.name} is disabled: enable it to get a token.`);
    }
    const services = client.scopes.filter(isServiceScope);
    if (client.public || services.length === 0) {
      return refuse(reply, 409, `${client.name} has no client-credentials access to this API.`);
    }
    const token = await deps.issueToken(client.id, services.join(' '));
    request.log.info({ clientId: client.id }, 'portal: token issued for the API reference');
    return reply.header('Cache-Control', 'no-store').send({
      access_token: token.accessToken,
      token_type: 'Bearer',
      expires_in: token.expiresIn,
      scope: token.scope,
      client_id: client.id,
      name: client.name,
    });
  });

  app.post('/reference/redirect-uri', post, async (request, reply) => {
    const user = request.portalSession?.user;
    if (!user) return reply.redirect('/portal/sign-in', 303);
    const client = await visibleApp(
      deps.clients,
      user,
      field(request.body as FormBody, 'clientId'),
    );
    if (!client) return reply.callNotFound();
    const uri = referenceRedirectUri(deps.apiUrl);
    if (!client.redirectUris.includes(uri)) {
      try {
        await deps.clients.setRedirectUris(client.id, [...client.redirectUris, uri]);
      } catch (error) {
        if (!(error instanceof ClientValidationError)) throw error;
        return sendError(request, reply, 400, 'Not added', `Not added: ${error.message}.`);
      }
      request.log.info({ clientId: client.id }, 'portal: API reference redirect URI added');
    }
    return reply.redirect(`/portal/reference/aisp?registered=${client.id}#oauth-redirect`, 303);
  });
}
