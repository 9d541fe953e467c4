import type { FastifyRequest } from 'fastify';
import { Problem } from '../problems.js';
import { headerValue } from './request.js';

/** The redirect URIs a client registered, exactly as registered. */
export type RegisteredRedirectUris = (clientId: string) => Promise<readonly string[]>;

const HEADERS = ['TPP-Redirect-URI', 'TPP-Nok-Redirect-URI'] as const;

/**
 * A preHandler, after `requireToken`: TPP-Redirect-URI and TPP-Nok-Redirect-URI, when sent,
 * must be redirect URIs the client registered, compared as exact strings as at
 * `/connect/authorize`. Bankbridge sends the PSU back to the `redirect_uri` of the authorize
 * request, never to these headers; a TPP that names another host, loopback or a cloud
 * metadata address here is told so before anything is stored or asked of a bank, rather than
 * when its user does not come back.
 */
export function requireRegisteredTppRedirectUris(registered: RegisteredRedirectUris) {
  return async function checkTppRedirectUris(request: FastifyRequest): Promise<void> {
    const sent = HEADERS.map((name) => [name, headerValue(request, name.toLowerCase())] as const);
    if (sent.every(([, value]) => value === undefined)) return;
    const clientId = request.token?.clientId;
    const uris = clientId === undefined ? [] : await registered(clientId);
    for (const [name, value] of sent) {
      if (value !== undefined && !uris.includes(value)) {
        throw Problem.format(
          `the ${name} header must be one of the client's registered redirect URIs (the PSU returns to the redirect_uri of /connect/authorize)`,
        );
      }
    }
  };
}
