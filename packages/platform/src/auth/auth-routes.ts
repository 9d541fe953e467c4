import type { IncomingMessage, ServerResponse } from 'node:http';
import middie from '@fastify/middie';
import type { FastifyInstance } from 'fastify';
import type Provider from 'oidc-provider';
import type { Logger } from '../logging/logger.js';
import { redactUrl } from '../logging/logger.js';
import { requestIdOf } from './oidc-provider.js';

const PROVIDER_PATHS = ['/connect/', '/.well-known/'];

/**
 * Mounts the OAuth2/OIDC server (the seeds' AUTH_HOST): oidc-provider answers `/connect/*` and
 * `/.well-known/*`; everything else on the host stays with fastify.
 */
export async function authRoutes(
  app: FastifyInstance,
  options: { provider: Provider; logger: Logger },
): Promise<void> {
  const callback = options.provider.callback();
  await app.register(middie);
  app.use((req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const url = req.url ?? '';
    if (!PROVIDER_PATHS.some((p) => url.startsWith(p))) return next();
    const started = process.hrtime.bigint();
    // The provider writes the response itself, so fastify's access log never sees it.
    res.on('finish', () => {
      options.logger.info(
        {
          server: 'auth',
          reqId: requestIdOf(req),
          req: { method: req.method, url: redactUrl(url) },
          statusCode: res.statusCode,
          responseTimeMs: Number((process.hrtime.bigint() - started) / 10_000n) / 100,
        },
        'request completed',
      );
    });
    callback(req, res);
  });
}
