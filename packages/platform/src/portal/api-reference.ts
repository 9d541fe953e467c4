// The interactive API reference: Swagger UI (from the swagger-ui-dist package, served from
// here, no CDN) on the contract as Bankbridge serves it, errata applied, with this instance's
// URLs in place of the publisher's.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { offerBearerScheme } from '../contract/bearer-scheme.js';
import { applyErrata, BASE_PATH, readPublishedContract } from '../contract/index.js';
import type { OpenApiDocument } from '../contract/openapi-document.js';

interface OAuthFlow {
  tokenUrl?: string;
  authorizationUrl?: string;
  refreshUrl?: string;
}

/**
 * The contract with `servers` set to this API and the OAuth URLs to this auth server. A bearer
 * scheme is offered beside OAuth2 on every operation: with the API and the auth server on
 * different origins, the browser may not call the token endpoint, so a token got with curl is
 * pasted instead.
 */
export function referenceDocument(urls: { apiUrl: string; authUrl: string }): OpenApiDocument {
  const { document } = applyErrata(readPublishedContract(), 'validation');
  document.servers = [
    { url: `${urls.apiUrl}${BASE_PATH}`, description: 'This Bankbridge (sandbox banks)' } as {
      url: string;
    },
  ];
  const schemes = (document.components.securitySchemes ?? {}) as Record<
    string,
    { flows?: Record<string, OAuthFlow> }
  >;
  for (const scheme of Object.values(schemes)) {
    for (const flow of Object.values(scheme.flows ?? {})) {
      if (flow.tokenUrl) flow.tokenUrl = `${urls.authUrl}/connect/token`;
      if (flow.refreshUrl) flow.refreshUrl = `${urls.authUrl}/connect/token`;
      if (flow.authorizationUrl) flow.authorizationUrl = `${urls.authUrl}/connect/authorize`;
    }
  }
  offerBearerScheme(document, `${urls.authUrl}/connect/token`);
  withoutSignatureExamples(document);
  return document;
}

/** Where the reference's OAuth2 forms send the browser back with a code. */
export function referenceRedirectUri(apiUrl: string): string {
  return `${apiUrl.replace(/\/+$/, '')}/portal/reference/oauth2-redirect.html`;
}

/**
 * "Try it out" sends every header that has a value, and fills in the contract's examples: for
 * Digest and Signature those are a digest of another body and a placeholder signature (with a
 * line break, which no browser sends). They are left empty; a TPP that signs fills them in.
 */
function withoutSignatureExamples(document: OpenApiDocument): void {
  const parameters = (document.components as { parameters?: Record<string, unknown> }).parameters;
  for (const name of ['Digest', 'Signature', 'TPP-Signature-Certificate']) {
    const parameter = parameters?.[name] as { example?: unknown; examples?: unknown } | undefined;
    if (!parameter) continue;
    delete parameter.example;
    delete parameter.examples;
  }
}

/** The files of swagger-ui-dist the page loads; nothing else of the package is served. */
const SWAGGER_FILES = {
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
  'oauth2-redirect.js': 'application/javascript; charset=utf-8',
} as const;

export type SwaggerFile = keyof typeof SWAGGER_FILES;

export function isSwaggerFile(name: string): name is SwaggerFile {
  return Object.hasOwn(SWAGGER_FILES, name);
}

export function swaggerFile(name: SwaggerFile): { body: Buffer; type: string } {
  const dir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  return { body: readFileSync(path.join(dir, name)), type: SWAGGER_FILES[name] };
}
