import type Provider from 'oidc-provider';
import { scopeProblem } from './scopes.js';

export interface IssuedToken {
  accessToken: string;
  /** Seconds. */
  expiresIn: number;
  scope: string;
}

/** Issues a client-credentials token for an application without its secret. */
export type TokenIssuer = (clientId: string, scope: string) => Promise<IssuedToken>;

/**
 * Client-credentials tokens for the developer portal's API reference: a signed-in developer
 * gets a token for one of their applications in one click, where the token endpoint would
 * need the secret, which the portal never keeps. The portal has checked that the person may
 * act for the application; the token is the one `/connect/token` would issue (same store, same
 * lifetime, revocable there). Not for production mode, where tokens are bound to a TPP
 * certificate the browser does not have.
 */
export function portalTokenIssuer(provider: Provider): TokenIssuer {
  return async (clientId, scope) => {
    const problem = scopeProblem(scope);
    if (problem) throw new Error(problem);
    const client = await provider.Client.find(clientId);
    if (!client) throw new Error(`no client ${clientId}`);
    const token = new provider.ClientCredentials({ client, scope });
    const accessToken = await token.save();
    return { accessToken, expiresIn: token.expiration, scope };
  };
}
