/**
 * What the attack suite's AISP file shares: the exact refusals of `/oauth` (RFC 6749 JSON, the
 * error page of `/oauth/authorize`), requests that must really run side by side over a socket,
 * and the consent a token stands for, read from the store.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { App } from '../aisp/support.js';
import type { TestPlatform } from '../support/test-platform.js';
import { basicAuth, form } from '../support/token-requests.js';

/** What oidc-provider answers for every invalid_grant it decides itself: no detail to probe. */
export const GRANT_INVALID = {
  error: 'invalid_grant',
  error_description: 'grant request is invalid',
};

interface Answer {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
}

/** An RFC 6749 5.2 error, exactly: status, JSON body, never cached, no token. */
export function expectOAuthRefusal(
  response: Answer,
  status: number,
  body: { error: string; error_description: string },
): void {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.headers['cache-control']).toBe('no-store');
  expect(JSON.parse(response.body)).toEqual(body);
}

export interface SocketAnswer {
  status: number;
  cacheControl: string | null;
  body: Record<string, unknown>;
}

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
  return Promise.all(
    Array.from({ length: count }, async () => {
      const response = await fetch(`${socket}/oauth/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: basicAuth(app.id, app.secret ?? ''),
          'x-request-id': randomUUID(),
        },
        body: form(fields),
      });
      return {
        status: response.status,
        cacheControl: response.headers.get('cache-control'),
        body: (await response.json()) as Record<string, unknown>,
      };
    }),
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
