/**
 * What the attack suite's AISP file adds to the shared helpers: token requests to `/oauth` that
 * really run side by side over a socket, and the count of tokens the AISP server stores.
 */
import { randomUUID } from 'node:crypto';
import type { App } from '../aisp/support.js';
import type { TestPlatform } from '../support/test-platform.js';
import { basicAuth } from '../support/token-requests.js';
import { formPostsAtOnce, type SocketAnswer } from './helpers.js';

/**
 * The same `POST /oauth/token` sent `count` times at once over real sockets, as retries of an
 * app (or an app and a thief) would arrive; answers in the order sent.
 */
export function tokenRequestsAtOnce(
  socket: string,
  app: App,
  fields: Record<string, string | undefined>,
  count: number,
): Promise<SocketAnswer[]> {
  const headers = () => ({
    authorization: basicAuth(app.id, app.secret ?? ''),
    'x-request-id': randomUUID(),
  });
  return formPostsAtOnce(
    `${socket}/oauth/token`,
    Array.from({ length: count }, () => ({ headers: headers(), fields })),
  );
}

/** How many tokens of a kind the AISP server has stored, e.g. `AispAccessToken`. */
export async function storedCount(t: TestPlatform, model: string): Promise<number> {
  const rows = await t.store.db
    .selectFrom('oidc_payloads')
    .select('id')
    .where('model', '=', model)
    .execute();
  return rows.length;
}
