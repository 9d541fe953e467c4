/**
 * The demo's redirect URI, listening: where the bank sends the PSU's browser back after a
 * redirect SCA. It takes one callback on the URI's path, holds the browser until the demo has
 * exchanged the code, then shows the outcome in the browser too.
 */
import { createServer, type Server } from 'node:http';
import { DemoSetupError } from './settings.js';

export interface Callback {
  /** The full URL the browser came back to (code and state, or error). */
  url: string;
  /** Answers the waiting browser. */
  respond(ok: boolean, message: string): void;
}

export interface CallbackServer {
  next(signal: AbortSignal): Promise<Callback>;
  close(): Promise<void>;
}

export async function listenForCallback(redirectUri: string): Promise<CallbackServer> {
  const uri = new URL(redirectUri);
  if (uri.protocol !== 'http:' || !['localhost', '127.0.0.1', '[::1]'].includes(uri.hostname)) {
    throw new DemoSetupError(
      `the demo receives the redirect itself, so --redirect-uri must be http://localhost:<port>/..., got ${redirectUri}`,
    );
  }
  const port = Number(uri.port || 80);
  let deliver: ((callback: Callback) => void) | undefined;
  const pending: Callback[] = [];

  const handler = (
    request: import('node:http').IncomingMessage,
    response: import('node:http').ServerResponse,
  ) => {
    const url = new URL(request.url ?? '/', uri.origin);
    if (request.method !== 'GET' || url.pathname !== uri.pathname) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    const callback: Callback = {
      url: url.href,
      respond(ok, message) {
        response
          .writeHead(ok ? 200 : 400, { 'content-type': 'text/html; charset=utf-8' })
          .end(page(ok, message));
      },
    };
    if (deliver) deliver(callback);
    else pending.push(callback);
  };

  // A browser may reach "localhost" over IPv4 or IPv6: listen on both where the machine can.
  const hosts =
    uri.hostname === 'localhost' ? ['127.0.0.1', '::1'] : [uri.hostname.replace(/^\[|\]$/g, '')];
  const servers: Server[] = [];
  for (const [i, host] of hosts.entries()) {
    const server = createServer(handler);
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
      servers.push(server);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // No IPv6 on this machine is fine; the first address must work.
      if (i > 0 && (code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT')) continue;
      await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
      throw new DemoSetupError(
        code === 'EADDRINUSE'
          ? `port ${port} of the redirect URI ${redirectUri} is in use: stop what listens there, or choose another port with --callback-port <port> (or --redirect-uri), once the redirect URI with it is registered for the client`
          : `cannot listen for the redirect on ${host}:${port}: ${(error as Error).message}`,
      );
    }
  }

  return {
    next(signal) {
      const waiting = pending.shift();
      if (waiting) return Promise.resolve(waiting);
      return new Promise((resolve, reject) => {
        const onAbort = () => {
          deliver = undefined;
          reject(signal.reason);
        };
        if (signal.aborted) return onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
        deliver = (callback) => {
          deliver = undefined;
          signal.removeEventListener('abort', onAbort);
          resolve(callback);
        };
      });
    },
    async close() {
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              server.closeAllConnections();
            }),
        ),
      );
    },
  };
}

function page(ok: boolean, message: string): string {
  const escaped = message.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html><head><meta charset="utf-8"><title>Bankbridge demo</title></head>
<body style="font-family: system-ui, sans-serif; margin: 3rem">
<h1>${ok ? 'Consent approved' : 'Consent not approved'}</h1>
<p>${escaped}</p><p>You can close this window and return to the terminal.</p>
</body></html>
`;
}
