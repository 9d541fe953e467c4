import type { Bankbridge, ResponseInfo } from '@bankbridge/client';
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import type { BankWorkLimit } from '../http/bank-work-limit.js';
import type { DemoSession, DemoSessions, Left, SessionLimits } from './sessions.js';
import type { Frame } from './views/layout.js';

// What the demo app is given and what it hands its route files; apart from demo-app.ts, which
// imports those route files, so that they need not import it back (a circle).

export interface DemoAppOptions {
  /**
   * Where browsers reach the server the app is mounted on (Bankbridge's API URL); the app is
   * at `<publicUrl>/demo` and the bank sends the PSU back to `<publicUrl>/demo/callback`, which
   * must be a registered redirect URI of the client.
   */
  publicUrl: string;
  /** Bankbridge's API and auth server, as the SDK calls them. */
  apiUrl: string;
  authUrl: string;
  /** The sandbox banks, for the BankID simulator link and test customers' IBANs. */
  sandboxUrl?: string | undefined;
  /** The TPP's client; without its secret every page says how to get one. */
  credentials: { clientId: string; clientSecret: string | undefined };
  /**
   * Bounds the consents the app's visitors start, per source address and for the app's client:
   * the app is a TPP anyone may use without an account.
   */
  bankWork?: BankWorkLimit | undefined;
  /**
   * The signing secret of the client's webhooks, when Bankbridge sends them to
   * `<publicUrl>/demo/webhooks` (see README.md next to this file); without it the app reads
   * the event feed instead.
   */
  webhookSecret?: string | undefined;
  /** How often the app reads the event feed when it has no webhooks (ms); default 2000. */
  eventFeedIntervalMs?: number;
  /** For tests: the fetch the SDK uses, a clock, session limits. */
  fetch?: typeof fetch;
  now?: () => Date;
  limits?: Partial<SessionLimits>;
}

/** What the routes share. */
export interface DemoContext {
  options: DemoAppOptions;
  /** `<publicUrl>/demo`. */
  appUrl: string;
  /** The SDK, or a problem saying why there is none. */
  bankbridge(): Bankbridge;
  sessions: DemoSessions;
  /** The browser's session, made (and its cookie set) if it has none. */
  session(request: FastifyRequest, reply: FastifyReply): DemoSession;
  now: () => Date;
  log: FastifyBaseLogger;
  /**
   * Ends what a session leaves behind: deletes its consents, stops its pollers, cancels a
   * payment nobody will sign.
   */
  end(left: Left): void;
  /**
   * The page frame's common parts: the API calls made for this request, and those of the form
   * or callback that redirected here (kept in the session for one page).
   */
  frame(request: FastifyRequest): Omit<Frame, 'title' | 'step'>;
}

declare module 'fastify' {
  interface FastifyRequest {
    demoSession?: DemoSession;
    /** The API calls made while answering this request. */
    demoCalls?: ResponseInfo[];
  }
}
