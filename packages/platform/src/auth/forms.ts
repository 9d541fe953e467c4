/**
 * Forms a Bankbridge page posts (the auth server's and the hosted consent page's): read with a
 * size limit, accepted from the page's own origin only.
 */
import type { Context } from './provider-common.js';

const FORM_LIMIT_BYTES = 16 * 1024;

/**
 * The posted form; undefined when it is over `limit` bytes, and the connection then closes
 * once the answer is sent (see `closeAfterAnswer`).
 */
export async function readForm(
  ctx: Context,
  limit = FORM_LIMIT_BYTES,
): Promise<URLSearchParams | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      closeAfterAnswer(ctx);
      return undefined;
    }
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * For an answer sent with the request body unread: the rest of the body is still on the
 * connection, where a keep-alive client would send its next request behind it, and that
 * request would be reset. So the answer says `Connection: close`, and the socket is closed
 * once it is flushed.
 */
export function closeAfterAnswer(ctx: Context): void {
  ctx.set('Connection', 'close');
  const socket = ctx.req.socket;
  ctx.res.once('finish', () => socket.destroySoon());
}

/** Whether a form came from the page's own origin, as the browser's `Origin` says. */
export function postedFromHere(ctx: Context, publicBase: string): boolean {
  const origin = ctx.get('origin');
  // No Origin (an old browser, a test client) is left to SameSite cookies, which a form from
  // another site does not carry.
  if (!origin) return true;
  try {
    return new URL(publicBase).origin === origin;
  } catch {
    return false;
  }
}
