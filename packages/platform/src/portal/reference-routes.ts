import type { FastifyInstance } from 'fastify';
import { aispReferenceDocument } from '../aisp/openapi.js';
import { readAssets } from '../http/static-assets.js';
import { isSwaggerFile, referenceDocument, swaggerFile } from './api-reference.js';
import { csrfToken } from './csrf.js';
import type { PortalDeps } from './deps.js';
import { sendPage } from './html.js';
import { aispReferencePage, referencePage } from './views/reference.js';

const OWN_ASSETS = {
  'portal.css': 'text/css; charset=utf-8',
  'reference.js': 'application/javascript; charset=utf-8',
};

// Swagger UI sets styles on elements; the reference page alone allows inline styles.
const REFERENCE_CSP = [
  "default-src 'self'",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "script-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

/** The API reference (public: the contract is) and the portal's static files. */
export async function referenceRoutes(app: FastifyInstance, deps: PortalDeps): Promise<void> {
  // Built on first use: reading and correcting the contract takes a moment at start otherwise.
  let documentJson: string | undefined;
  let aispJson: string | undefined;
  // Swagger UI's files join these on first use: its bundle is large and most starts never need it.
  const assets = readAssets(new URL('./assets/', import.meta.url), OWN_ASSETS);

  // Both references in the same Swagger UI: the NextGenPSD2 API and the simple AISP API.
  for (const [url, render] of [
    ['/reference', referencePage],
    ['/reference/aisp', aispReferencePage],
  ] as const) {
    app.get(url, async (request, reply) => {
      reply.header('Content-Security-Policy', REFERENCE_CSP);
      const session = request.portalSession;
      return sendPage(
        reply,
        render({
          user: session?.user,
          csrf: session ? csrfToken(request, reply) : undefined,
          apiUrl: deps.apiUrl,
          authUrl: deps.authUrl,
        }),
      );
    });
  }

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
