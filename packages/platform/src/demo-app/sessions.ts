// The demo app's sessions: one per browser, named by a random cookie, kept in this process's
// memory. A session holds what a TPP keeps on its server for its user: the bank chosen, the
// consent being authorised (with the PKCE verifier and state the SDK made) and the consent
// once valid. Nothing of it goes to the browser but the session's name and a CSRF token.

import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { ConnectedConsent, Connection, ResponseInfo } from '@bankbridge/client';

export interface ChosenBank {
  bic: string;
  name: string;
  logoUrl: string | undefined;
}

/** Where a decoupled SCA stands, as the SDK's poller left it. */
export type ScaOutcome =
  | { state: 'waiting' }
  | { state: 'valid'; consent: ConnectedConsent }
  | { state: 'failed'; text: string; requestId?: string | undefined };

export interface PendingSca {
  bank: ChosenBank;
  connection: Connection;
  /** Decoupled: stops the SDK's poller when the PSU gives up or leaves. */
  controller: AbortController;
  outcome: ScaOutcome;
  /** Last time the browser asked how the SCA stands (ms). */
  lastPolledAt: number;
  /** Decoupled: BankID's animated QR code as the SDK's last poll brought it (a PNG data URL). */
  qr?: { image?: string };
}

export interface DemoSession {
  id: string;
  /** Sent with every form, compared with what the form brings back. */
  csrf: string;
  lastSeenAt: number;
  pending?: PendingSca | undefined;
  connected?: { bank: ChosenBank; consent: ConnectedConsent } | undefined;
  /** The API calls of the form or callback that redirected, shown on the next page. */
  carriedCalls?: readonly ResponseInfo[] | undefined;
}

export interface SessionLimits {
  /** A session not used for this long is dropped (ms). */
  idleMs: number;
  /** A decoupled SCA whose page stopped asking for this long is given up (ms). */
  abandonedScaMs: number;
  /** Sessions kept at most; the least recently used go first. */
  maxSessions: number;
}

export const DEFAULT_LIMITS: SessionLimits = {
  idleMs: 60 * 60_000,
  abandonedScaMs: 5 * 60_000,
  maxSessions: 10_000,
};

export class DemoSessions {
  // A Map keeps insertion order; touching a session moves it to the end, so the first entry
  // is always the least recently used.
  private readonly sessions = new Map<string, DemoSession>();

  constructor(
    private readonly now: () => number,
    private readonly limits: SessionLimits,
    /**
     * Told of what a dropped session (idle, evicted) or a given-up SCA leaves behind: a
     * consent being authorised, a valid consent nobody can use any more.
     */
    private readonly end: (left: Pick<DemoSession, 'pending' | 'connected'>) => void,
  ) {}

  get size(): number {
    return this.sessions.size;
  }

  create(): DemoSession {
    while (this.sessions.size >= this.limits.maxSessions) {
      const oldest = this.sessions.values().next().value;
      if (!oldest) break;
      this.drop(oldest);
    }
    const session: DemoSession = {
      id: randomBytes(32).toString('base64url'),
      csrf: randomBytes(32).toString('base64url'),
      lastSeenAt: this.now(),
    };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The live session of that name, marked as used; undefined when unknown or idle too long. */
  find(id: string | undefined): DemoSession | undefined {
    if (!id) return undefined;
    const session = this.sessions.get(id);
    if (!session) return undefined;
    if (this.now() - session.lastSeenAt > this.limits.idleMs) {
      this.drop(session);
      return undefined;
    }
    session.lastSeenAt = this.now();
    this.sessions.delete(id);
    this.sessions.set(id, session);
    return session;
  }

  /** Drops idle sessions and gives up decoupled SCAs nobody watches any more. */
  sweep(): void {
    const now = this.now();
    for (const session of [...this.sessions.values()]) {
      if (now - session.lastSeenAt > this.limits.idleMs) this.drop(session);
      else if (
        session.pending?.outcome.state === 'waiting' &&
        session.pending.connection.kind === 'decoupled' &&
        now - session.pending.lastPolledAt > this.limits.abandonedScaMs
      ) {
        this.end({ pending: session.pending });
        session.pending.outcome = {
          state: 'failed',
          text: `The BankID sign-in was given up: its page was closed for more than ${Math.round(this.limits.abandonedScaMs / 60_000)} minutes.`,
        };
      }
    }
  }

  /** Ends every session (the server is closing) without telling anyone. */
  clear(): void {
    for (const session of this.sessions.values()) session.pending?.controller.abort();
    this.sessions.clear();
  }

  private drop(session: DemoSession): void {
    this.sessions.delete(session.id);
    this.end({ pending: session.pending, connected: session.connected });
  }
}

/** Whether a form's CSRF token is the session's, in constant time. */
export function csrfMatches(session: DemoSession, token: string): boolean {
  const expected = Buffer.from(session.csrf);
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
