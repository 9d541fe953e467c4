import type { FastifyInstance } from 'fastify';

/** A client_credentials request body, form-encoded as RFC 6749 requires. */
export function form(fields: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined) params.set(name, value);
  }
  return params.toString();
}

/** An HTTP Basic header as RFC 6749 2.3.1 builds it: both parts form-encoded first. */
export function basicAuth(id: string, secret: string): string {
  const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${encode(id)}:${encode(secret)}`).toString('base64')}`;
}

export interface TokenRequest {
  /** Form fields; `grant_type` defaults to client_credentials. */
  fields?: Record<string, string | undefined>;
  headers?: Record<string, string>;
}

/** POSTs a form-encoded request to the token endpoint of `auth` with inject(). */
export function requestToken(auth: FastifyInstance, request: TokenRequest = {}) {
  return auth.inject({
    method: 'POST',
    url: '/connect/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...request.headers },
    payload: form({ grant_type: 'client_credentials', ...request.fields }),
  });
}

/** Client credentials sent in the body (client_secret_post). */
export function postCredentials(id: string, secret: string) {
  return { client_id: id, client_secret: secret };
}
