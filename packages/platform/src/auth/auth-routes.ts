import type { FastifyInstance } from 'fastify';
import type Provider from 'oidc-provider';
import type { RawHandler } from '../http/create-server.js';

const PROVIDER_PATHS = ['/connect/', '/.well-known/'];

/**
 * The OAuth2/OIDC server (the seeds' AUTH_HOST): oidc-provider answers `/connect/*` and
 * `/.well-known/*` with its own routing and body parsing; everything else stays with fastify.
 * `paths` mounts another provider elsewhere (the AISP API's `/oauth/`).
 *
 * Requests from a socket reach it before fastify does (`oauthRawHandler`, the fast path);
 * `oauthRoutes` hands it whatever fastify receives for those paths (requests injected in
 * tests, or a server that was built without the raw handler), leaving the body unread.
 */
export function oauthRawHandler(
  provider: Provider,
  paths: readonly string[] = PROVIDER_PATHS,
): RawHandler {
  const callback = provider.callback();
  return {
    matches: (url) => paths.some((p) => url.startsWith(p)),
    route: (url) => `${paths.find((p) => url.startsWith(p)) ?? ''}*`,
    handle: (req, res) => void callback(req, res),
  };
}

export async function oauthRoutes(
  app: FastifyInstance,
  options: { provider: Provider; paths?: readonly string[] },
) {
  const callback = options.provider.callback();
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));
  for (const path of options.paths ?? PROVIDER_PATHS) {
    app.all(`${path}*`, (request, reply) => {
      reply.hijack();
      (request.raw as { bankbridgeRequestId?: string }).bankbridgeRequestId = request.id;
      callback(request.raw, reply.raw);
    });
  }
}
