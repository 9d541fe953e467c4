import type { FastifyInstance } from 'fastify';
import { aispReferenceDocument } from '../aisp/openapi.js';
import { readAssets } from '../http/static-assets.js';
import {
  isSwaggerFile,
  referenceDocument,
  referenceRedirectUri,
  swaggerFile,
} from './api-reference.js';
import { csrfToken } from './csrf.js';
import type { PortalDeps } from './deps.js';
import { sendPage } from './html.js';
import { referenceTokenRoutes } from './reference-token-routes.js';
import { aispReferencePage, referencePage } from './views/reference.js';
import { visibleApps } from './visible-apps.js';

const OWN_ASSETS = {
  'portal.css': 'text/css; charset=utf-8',
  'reference.js': 'application/javascript; charset=utf-8',
};

/**
 * Swagger UI sets styles on elements; the reference page alone allows inline styles. Its OAuth2
 * forms call the auth server's token endpoints, on another origin unless both share a port.
 */
function referenceCsp(authUrl: string): string {
  return [
    "default-src 'self'",
    `connect-src 'self' ${new URL(authUrl).origin}`,
    "img-src 'self' data:",
    "style-src 'self' 'unsafe-inline'",
    "script-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** Swagger UI's page that hands an authorization code back to the reference that opened it. */
const OAUTH2_REDIRECT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Signing in…</title></head>
<body><script src="/portal/assets/oauth2-redirect.js"></script></body></html>`;

/** The API reference (public: the contract is) and the portal's static files. */
export async function referenceRoutes(app: FastifyInstance, deps: PortalDeps): Promise<void> {
  // Built on first use: reading and correcting the contract takes a moment at start otherwise.
  let documentJson: string | undefined;
  let aispJson: string | undefined;
  // Swagger UI's files join these on first use: its bundle is large and most starts never need it.
  const assets = readAssets(new URL('./assets/', import.meta.url), OWN_ASSETS);
  const csp = referenceCsp(deps.authUrl);
  const redirectUri = referenceRedirectUri(deps.apiUrl);

  // Both references in the same Swagger UI: the NextGenPSD2 API and the simple AISP API.
  for (const [url, render] of [
    ['/reference', referencePage],
    ['/reference/aisp', aispReferencePage],
  ] as const) {
    app.get(url, async (request, reply) => {
      reply.header('Content-Security-Policy', csp);
      const session = request.portalSession;
      const apps = session ? await visibleApps(deps.clients, session.user) : [];
      const registered = (request.query as { registered?: string }).registered;
      return sendPage(
        reply,
        render({
          user: session?.user,
          csrf: session ? csrfToken(request, reply) : undefined,
          apiUrl: deps.apiUrl,
          authUrl: deps.authUrl,
          apps,
          oneClickTokens: Boolean(deps.issueToken),
          redirectUri,
          registered: apps.find((a) => a.id === registered),
        }),
      );
    });
  }

  app.get('/reference/oauth2-redirect.html', async (_request, reply) =>
    sendPage(reply, OAUTH2_REDIRECT_PAGE),
  );

  await app.register(referenceTokenRoutes, deps);

  app.get('/reference/aisp.json', async (_request, reply) => {
    aispJson ??= JSON.stringify(aispReferenceDocument(deps));
    return reply.type('application/json; charset=utf-8').send(aispJson);
  });

  app.get('/reference/openapi.json', async (_request, reply) => {
    documentJson ??= JSON.stringify(referenceDocument(deps));
    return reply.type('application/json; charset=utf-8').send(documentJson);
  });

  app.get<{ Params: { file: string } }>('/assets/:file', async (request, reply) => {
    const name = request.params.file;
    let asset = assets.get(name);
    if (!asset) {
      if (!isSwaggerFile(name)) return reply.callNotFound();
      asset = swaggerFile(name);
      assets.set(name, asset);
    }
    return reply.type(asset.type).header('Cache-Control', 'public, max-age=3600').send(asset.body);
  });
}
