// The demo app's sessions: one per browser, named by a random cookie, kept in this process's
// memory. A session holds what a TPP keeps on its server for its user: the bank chosen, the
// consent being authorised (with the PKCE verifier and state the SDK made) and the consent
// once valid. Nothing of it goes to the browser but the session's name and a CSRF token.

import { randomBytes, timingSafeEqual } from 'node:crypto';
import type {
  AnimatedQrPayment,
  ConnectedConsent,
  Connection,
  Payment,
  PaymentState,
  ResponseInfo,
} from '@bankbridge/client';

export interface ChosenBank {
  bic: string;
  name: string;
  logoUrl: string | undefined;
}

/** Where a decoupled SCA stands, as the SDK's poller left it. */
export type ScaOutcome =
  | { state: 'waiting' }
  | { state: 'valid'; consent: ConnectedConsent }
  | {
      state: 'failed';
      title?: string;
      text: string;
      requestId?: string | undefined;
      detail?: string | undefined;
    };

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

/** What the person asked to pay, as the form had it once checked. */
export interface PaymentOrder {
  /** The debtor account: its id under the consent (for the account view) and its IBAN. */
  accountId: string;
  accountName: string;
  debtorIban: string;
  amount: string;
  currency: string;
  payeeName: string;
  payeeIban: string;
  message: string;
}

/**
 * Where a payment stands for the person: `signing` until the bank's SCA ends (`unsigned` when
 * it ended without a signature), then the SDK's state of the bank's transactionStatus, as the
 * SCA's answer and then the events brought it.
 */
export type PaymentStage = 'signing' | 'unsigned' | PaymentState;

export interface PaymentInProgress {
  bank: ChosenBank;
  order: PaymentOrder;
  flow: Payment | AnimatedQrPayment;
  /** Decoupled: stops the SDK's poller when the PSU cancels or leaves. */
  controller: AbortController;
  stage: PaymentStage;
  /** The bank's ISO 20022 code, once known after the SCA. */
  transactionStatus?: string | undefined;
  /** Each status the page has seen, oldest first (ISO code, when). */
  history: Array<{ transactionStatus: string; at: string }>;
  /** Why the payment ended unpaid, in the person's words. */
  reason?: string | undefined;
  requestId?: string | undefined;
  lastPolledAt: number;
  /** Decoupled: BankID's animated QR code as the SDK's last poll brought it. */
  qr: { image?: string };
}

export interface DemoSession {
  id: string;
  /** Sent with every form, compared with what the form brings back. */
  csrf: string;
  lastSeenAt: number;
  pending?: PendingSca | undefined;
  connected?: { bank: ChosenBank; consent: ConnectedConsent } | undefined;
  /** The payment made last in this browser, being signed or followed. */
  payment?: PaymentInProgress | undefined;
  /** Why the consent ended while the person was away (an event said so), shown once. */
  endedConsent?: { bank: ChosenBank; status: string } | undefined;
  /** The API calls of the form or callback that redirected, shown on the next page. */
  carriedCalls?: readonly ResponseInfo[] | undefined;
}

/** What a session leaves behind when it ends or gives something up. */
export type Left = Pick<DemoSession, 'pending' | 'connected' | 'payment'>;

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
    private readonly end: (left: Left) => void,
  ) {}

  get size(): number {
    return this.sessions.size;
  }

  /** Every live session, for the events that name one of their consents or payments. */
  all(): IterableIterator<DemoSession> {
    return this.sessions.values();
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
      } else if (
        session.payment?.stage === 'signing' &&
        session.payment.flow.kind === 'decoupled' &&
        now - session.payment.lastPolledAt > this.limits.abandonedScaMs
      ) {
        this.end({ payment: session.payment });
        session.payment.stage = 'unsigned';
        session.payment.reason = `The payment was not signed: its BankID page was closed for more than ${Math.round(this.limits.abandonedScaMs / 60_000)} minutes, so it was cancelled. No money left your account.`;
      }
    }
  }

  /** Ends every session (the server is closing) without telling anyone. */
  clear(): void {
    for (const session of this.sessions.values()) {
      session.pending?.controller.abort();
      session.payment?.controller.abort();
    }
    this.sessions.clear();
  }

  private drop(session: DemoSession): void {
    this.sessions.delete(session.id);
    this.end({ pending: session.pending, connected: session.connected, payment: session.payment });
  }
}

/** Whether a form's CSRF token is the session's, in constant time. */
export function csrfMatches(session: DemoSession, token: string): boolean {
  const expected = Buffer.from(session.csrf);
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
