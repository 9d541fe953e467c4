/** `bankbridge demo` as the tests start it: pointed at a live platform, as one of its clients. */
import path from 'node:path';
import type { LivePlatform } from '../../../client/test/support/live-platform.js';

export const CLI = path.resolve(import.meta.dirname, '../../bin/bankbridge.mjs');

/** The arguments of `node` that run the demo against `live` as `client` (default its own). */
export function demoArgs(
  live: LivePlatform,
  client: { id: string; secret: string } = live.client,
): string[] {
  return [
    CLI,
    'demo',
    '--api-url',
    live.apiUrl,
    '--auth-url',
    live.authUrl,
    '--sandbox-url',
    live.sandboxUrl,
    '--client-id',
    client.id,
    '--client-secret',
    client.secret,
  ];
}
