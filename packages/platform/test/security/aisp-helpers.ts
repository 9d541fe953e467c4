/**
 * What the attack suite's AISP file adds to the shared helpers: token requests to `/oauth` that
 * really run side by side over a socket, requests on one keep-alive agent, and the count of
 * tokens the AISP server stores.
 */
import { randomUUID } from 'node:crypto';
import { type Agent, request } from 'node:http';
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

export interface AgentAnswer {
  status: number;
  connection: string | undefined;
  body: string;
  /** Whether the request went on a socket an earlier request had used. */
  reusedSocket: boolean;
}

/**
 * One request on `agent`, as a browser or an app's HTTP client sends it on a keep-alive
 * connection. `body` as chunks is sent chunked, without a Content-Length.
 */
export function sendOnAgent(
  agent: Agent,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | string[] } = {},
): Promise<AgentAnswer> {
  return new Promise((resolve, reject) => {
    const headers = { ...init.headers };
    if (typeof init.body === 'string')
      headers['content-length'] = String(Buffer.byteLength(init.body));
    const sent = request(url, { agent, method: init.method ?? 'GET', headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          connection: response.headers.connection,
          body,
          reusedSocket: sent.reusedSocket,
        }),
      );
    });
    sent.on('error', reject);
    if (Array.isArray(init.body)) for (const chunk of init.body) sent.write(chunk);
    else if (init.body !== undefined) sent.write(init.body);
    // The server may answer, and close, before all of a refused body is sent.
    sent.on('error', () => {});
    sent.end();
  });
}
