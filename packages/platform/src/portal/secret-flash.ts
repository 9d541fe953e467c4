import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SealedBox } from '../security/sealed-box.js';
import type { cookieOptions } from './deps.js';

/** Long enough to follow the redirect on a slow connection, short enough to be gone soon. */
const FLASH_SECONDS = 300;
const COOKIE = 'bb_portal_secret';

export interface ShownSecret {
  secret: string;
  reason: 'created' | 'rotated';
}

/**
 * Carries a new client secret from the POST that issued it to the page the POST redirects to,
 * so that reloading that page does not create a second application or rotate again. The
 * secret rides in a cookie sealed with a key of this Bankbridge and bound to the sign-in and
 * the application, sent only to that page's path, and cleared by the page that shows it: a
 * reload finds none and says so. Nothing is stored, so any instance can show the page.
 */
export class SecretFlash {
  constructor(
    private readonly box: SealedBox,
    private readonly cookie: ReturnType<typeof cookieOptions>,
    private readonly now: () => Date,
  ) {}

  static path(clientId: string): string {
    return `/portal/apps/${clientId}/secret`;
  }

  put(reply: FastifyReply, sessionId: string, clientId: string, shown: ShownSecret): void {
    const expiresAt = this.now().getTime() + FLASH_SECONDS * 1000;
    const sealed = this.box.seal(
      JSON.stringify({ ...shown, expiresAt }),
      bound(sessionId, clientId),
    );
    reply.setCookie(COOKIE, sealed, {
      ...this.cookie,
      path: SecretFlash.path(clientId),
      sameSite: 'strict',
      maxAge: FLASH_SECONDS,
    });
  }

  /** The secret waiting for this page, once; undefined when it was shown already or expired. */
  take(
    request: FastifyRequest,
    reply: FastifyReply,
    sessionId: string,
    clientId: string,
  ): ShownSecret | undefined {
    const sealed = request.cookies[COOKIE];
    if (!sealed) return undefined;
    reply.clearCookie(COOKIE, { ...this.cookie, path: SecretFlash.path(clientId) });
    try {
      const value = JSON.parse(this.box.open(sealed, bound(sessionId, clientId))) as ShownSecret & {
        expiresAt: number;
      };
      if (value.expiresAt <= this.now().getTime()) return undefined;
      return { secret: value.secret, reason: value.reason === 'rotated' ? 'rotated' : 'created' };
    } catch {
      // Sealed for another sign-in or application, or not by this Bankbridge: nothing to show.
      return undefined;
    }
  }
}

function bound(sessionId: string, clientId: string): string {
  return `${sessionId}\n${clientId}`;
}
