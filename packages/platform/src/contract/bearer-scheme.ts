import type { OpenApiDocument } from './openapi-document.js';

/** The security scheme added for tokens pasted by hand in the portal's API reference. */
export const BEARER_SCHEME = 'bearerToken';

/**
 * Adds a plain bearer scheme beside OAuth2 on every operation that asks for security: Swagger UI
 * in the portal cannot always run the OAuth flows (another origin, a hosted consent page), so
 * a token got elsewhere, from `tokenUrl`, is pasted instead. Changes `document` in place.
 */
export function offerBearerScheme(document: OpenApiDocument, tokenUrl: string): void {
  const schemes = (document.components.securitySchemes ?? {}) as Record<string, unknown>;
  schemes[BEARER_SCHEME] = {
    type: 'http',
    scheme: 'bearer',
    description: `An access token from POST ${tokenUrl}`,
  };
  document.components.securitySchemes = schemes as never;
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item)) {
      const security = (operation as { security?: Record<string, string[]>[] } | undefined)
        ?.security;
      if (Array.isArray(security) && security.length > 0) security.push({ [BEARER_SCHEME]: [] });
    }
  }
}
