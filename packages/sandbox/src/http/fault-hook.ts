// Applies a bank's injected faults to its API calls (routes marked config.faults): added
// latency, 500/503 answers (JSON or an HTML gateway page), hanging calls and dropped
// connections.

import type { FastifyInstance } from 'fastify';
import { BankError } from '../domain/errors.js';
import { decideFault, faultHits } from '../domain/faults.js';
import type { SandboxContext } from './context.js';
import { htmlErrorPage } from './pages.js';

export function registerFaultHook(app: FastifyInstance, context: SandboxContext): void {
  const hanging = new Set<NodeJS.Timeout>();
  app.addHook('onClose', async () => {
    for (const timer of hanging) clearTimeout(timer);
  });

  app.addHook('onRequest', async (request, reply) => {
    const config = request.routeOptions.config as { faults?: boolean; oauthErrors?: boolean };
    if (!config.faults) return;
    const { bic } = request.params as { bic?: string };
    const bank = bic ? context.banks.get(bic.toUpperCase()) : undefined;
    if (!bank) return;
    const faults = bank.faults;
    const path = (request.raw.url?.split('?', 1)[0] ?? '').replace(/^\/banks\/[^/]+/, '');
    if (!faultHits(faults, request.method, path)) return;
    if (faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
    const action = decideFault(faults, bank.faultRandom.next());
    switch (action.kind) {
      case 'none':
        return;
      case 'drop':
        reply.hijack();
        request.raw.socket?.destroy();
        return;
      case 'timeout': {
        reply.hijack();
        const timer = setTimeout(() => {
          hanging.delete(timer);
          request.raw.socket?.destroy();
        }, action.afterMs);
        hanging.add(timer);
        return;
      }
      case 'error': {
        if (action.status === 503) reply.header('retry-after', '1');
        if (action.html) {
          return reply.code(action.status).type('text/html').send(htmlErrorPage(action.status));
        }
        const error =
          action.status === 503
            ? new BankError('SERVICE_UNAVAILABLE', 'The bank is temporarily unavailable')
            : new BankError('INTERNAL_SERVER_ERROR', 'The bank had an internal error');
        if (config.oauthErrors) {
          return reply.code(action.status).send({
            error: action.status === 503 ? 'temporarily_unavailable' : 'server_error',
            error_description: error.message,
          });
        }
        return reply.code(action.status).send(error.toBody());
      }
    }
  });
}
