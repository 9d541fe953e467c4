import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SealedBox } from '../security/sealed-box.js';
import type { cookieOptions } from './deps.js';

/** Long enough to follow the redirect on a slow connection, short enough to be gone soon. */
const FLASH_SECONDS = 300;

/** Whose secret: an application's client secret, or its webhook signing secret. */
export type SecretKind = 'client' | 'webhook';

const COOKIES: Record<SecretKind, string> = {
  client: 'bb_portal_secret',
  webhook: 'bb_portal_webhook_secret',
};

export interface ShownSecret {
  secret: string;
  reason: 'created' | 'rotated';
  /** A rotated signing secret: hours the old one keeps signing beside it. */
  overlapHours?: number;
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
    private readonly kind: SecretKind = 'client',
  ) {}

  /** The page that shows a client secret once. */
  static path(clientId: string): string {
    return SecretFlash.pathOf('client', clientId);
  }

  static pathOf(kind: SecretKind, clientId: string): string {
    return kind === 'client'
      ? `/portal/apps/${clientId}/secret`
      : `/portal/apps/${clientId}/webhooks/secret`;
  }

  /** This kind's page for the application. */
  path(clientId: string): string {
    return SecretFlash.pathOf(this.kind, clientId);
  }

  put(reply: FastifyReply, sessionId: string, clientId: string, shown: ShownSecret): void {
    const expiresAt = this.now().getTime() + FLASH_SECONDS * 1000;
    const sealed = this.box.seal(
      JSON.stringify({ ...shown, expiresAt }),
      this.bound(sessionId, clientId),
    );
    reply.setCookie(COOKIES[this.kind], sealed, {
      ...this.cookie,
      path: this.path(clientId),
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
    const sealed = request.cookies[COOKIES[this.kind]];
    if (!sealed) return undefined;
    reply.clearCookie(COOKIES[this.kind], { ...this.cookie, path: this.path(clientId) });
    try {
      const value = JSON.parse(
        this.box.open(sealed, this.bound(sessionId, clientId)),
      ) as ShownSecret & {
        expiresAt: number;
      };
      if (value.expiresAt <= this.now().getTime()) return undefined;
      return {
        secret: value.secret,
        reason: value.reason === 'rotated' ? 'rotated' : 'created',
        ...(typeof value.overlapHours === 'number' ? { overlapHours: value.overlapHours } : {}),
      };
    } catch {
      // Sealed for another sign-in or application, or not by this Bankbridge: nothing to show.
      return undefined;
    }
  }

  private bound(sessionId: string, clientId: string): string {
    // The client secret's binding predates the other kinds and stays as it was.
    return this.kind === 'client'
      ? `${sessionId}\n${clientId}`
      : `${sessionId}\n${clientId}\n${this.kind}`;
  }
}
