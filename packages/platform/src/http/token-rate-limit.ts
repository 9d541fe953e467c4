import Provider, { errors } from 'oidc-provider';
import { type RateLimiter, rateLimitText } from './rate-limit.js';

/**
 * The auth server's share of the per-client rate limit: a request that authenticates as a
 * client (token, revocation and introspection endpoints) counts against that client's budget,
 * the same budget as its API calls. Over it, the request is refused with 429
 * `temporarily_unavailable`, Retry-After and the rate-limit headers, before any grant is
 * looked at, so an authorization code sent in a refused request stays usable.
 *
 * Counted only once the client's secret matched: counting the client id a request merely
 * claims would let anyone who knows it (it is in every authorize URL) spend the client's
 * budget and lock it out of the API. Failed authentications cost nothing here; secrets are
 * 256 random bits, beyond guessing at any rate.
 */
export function limitAuthenticatedClients(provider: Provider, limiter: RateLimiter): void {
  const client = provider.Client.prototype;
  const compare = client.compareClientSecret;
  client.compareClientSecret = async function compareAndCount(
    this: InstanceType<typeof provider.Client>,
    actual: string,
  ) {
    const matches = await compare.call(this, actual);
    if (!matches) return false;
    const decision = await limiter.hit(this.clientId);
    const headers = limiter.headers(decision);
    Provider.ctx?.set(headers);
    if (!decision.admitted) {
      throw Object.assign(
        new errors.CustomOIDCProviderError('temporarily_unavailable', rateLimitText(decision)),
        { status: 429, statusCode: 429, expose: true },
      );
    }
    return true;
  };
}
