// Per-bank circuit breaker: a bank that keeps failing is not called for a while, so a dead bank
// costs a TPP a fast 503 instead of a timeout per request, and waiting on it holds up nothing
// else.
//
//   closed --(`failures` failed attempts in a row)--> open --(cool-down over)--> half-open
//   half-open: one attempt, the probe, goes through; it succeeds -> closed, it fails -> open
//
// A failure is an attempt at a call (a retry is one too) without a usable answer from the bank's
// server: a timeout, a refused or dropped connection, a 5xx. Any other answer, 4xx included,
// shows the bank is up. A 429 above all: it is the bank asking one caller to slow down, and
// taking it for an outage would shut every TPP out of the bank for one caller's excess (a
// visitor of a consent page, say). Each instance keeps its own breakers: they learn from their
// own calls.

import { BankError, type BankIdentity } from './bank-error.js';

export interface BreakerSettings {
  /** Failed attempts in a row that open the breaker; 0 never opens it. */
  failures: number;
  /** How long an open breaker refuses calls before it lets one probe through. */
  coolDownMs: number;
}

export const DEFAULT_BREAKER_SETTINGS: Readonly<BreakerSettings> = {
  failures: 5,
  coolDownMs: 30_000,
};

/** A bank's health as the ASPSP information API reports it. */
export type BankHealthStatus = 'available' | 'unavailable' | 'recovering';

export interface BankHealth {
  status: BankHealthStatus;
  /** When the bank stopped answering (the breaker opened); absent while available. */
  since?: Date;
  /** While unavailable: when Bankbridge will try the bank again. */
  retryAt?: Date;
}

/** A call the breaker let through; tell it how the call ended. */
export interface BreakerPermit {
  succeeded(): void;
  failed(): void;
}

type State =
  | { kind: 'closed'; failures: number }
  | { kind: 'open'; since: number; until: number }
  | { kind: 'half-open'; since: number; probing: boolean };

/** One bank's breaker. */
export class CircuitBreaker {
  private state: State = { kind: 'closed', failures: 0 };

  constructor(
    readonly bank: BankIdentity,
    private readonly settings: BreakerSettings,
    private readonly now: () => number = Date.now,
    /** Told of every change of state (the health version, a log line). */
    private readonly onChange?: (bank: BankIdentity, health: BankHealth) => void,
  ) {}

  /**
   * Lets a call through, or throws BankError `unavailable` at once while the breaker is open
   * (or half-open with its probe under way), with the seconds left in `retryAfterSeconds`.
   */
  admit(): BreakerPermit {
    const state = this.current();
    if (state.kind === 'open') {
      throw this.refusal(state.since, state.until - this.now());
    }
    let probe = false;
    if (state.kind === 'half-open') {
      if (state.probing) throw this.refusal(state.since, 1000);
      state.probing = true;
      probe = true;
    }
    let settled = false;
    return {
      succeeded: () => {
        if (settled) return;
        settled = true;
        this.succeeded();
      },
      failed: () => {
        if (settled) return;
        settled = true;
        this.failed(probe);
      },
    };
  }

  health(): BankHealth {
    const state = this.current();
    switch (state.kind) {
      case 'closed':
        return { status: 'available' };
      case 'open':
        return {
          status: 'unavailable',
          since: new Date(state.since),
          retryAt: new Date(state.until),
        };
      case 'half-open':
        return { status: 'recovering', since: new Date(state.since) };
    }
  }

  /** The state now: an open breaker whose cool-down is over is half-open. */
  private current(): State {
    if (this.state.kind === 'open' && this.now() >= this.state.until) {
      this.change({ kind: 'half-open', since: this.state.since, probing: false });
    }
    return this.state;
  }

  private succeeded(): void {
    // Any answer shows the bank is up, even one to a call let through before the breaker opened.
    if (this.state.kind === 'closed') this.state.failures = 0;
    else this.change({ kind: 'closed', failures: 0 });
  }

  private failed(probe: boolean): void {
    const state = this.current();
    if (state.kind === 'closed') {
      state.failures++;
      if (this.settings.failures > 0 && state.failures >= this.settings.failures) this.open();
    } else if (state.kind === 'half-open' && probe) {
      this.open(state.since);
    }
    // A call that began before the breaker opened and failed after says nothing new.
  }

  private open(since = this.now()): void {
    this.change({ kind: 'open', since, until: this.now() + this.settings.coolDownMs });
  }

  private change(state: State): void {
    this.state = state;
    this.onChange?.(this.bank, this.health());
  }

  private refusal(since: number, waitMs: number): BankError {
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    return new BankError(
      'unavailable',
      this.bank,
      `the bank has not been answering since ${new Date(since).toISOString()}; Bankbridge tries it again in ${seconds} s`,
      { code: 'BANK_CIRCUIT_OPEN', retryAfterSeconds: seconds },
    );
  }
}

/** Where the ASPSP information API reads each bank's health. */
export interface BankHealthSource {
  /** Changes whenever any bank's health changes (answers built for one version stay right). */
  readonly version: number;
  /** True when every bank is available: the common case, answered from prebuilt text. */
  allAvailable(): boolean;
  health(bic: string): BankHealth;
}

/** The breakers of all banks, by BIC; also the health every bank reports. */
export class BankBreakers implements BankHealthSource {
  private readonly breakers = new Map<string, CircuitBreaker>();
  private changes = 0;
  private notAvailable = 0;

  constructor(
    private readonly settings: BreakerSettings = DEFAULT_BREAKER_SETTINGS,
    private readonly options: {
      now?: () => number;
      onChange?: (bank: BankIdentity, health: BankHealth) => void;
    } = {},
  ) {}

  get version(): number {
    // An open breaker's cool-down ends without a call: look, so health() and version agree.
    for (const breaker of this.breakers.values()) breaker.health();
    return this.changes;
  }

  /** The breaker of a bank, made on first use. */
  for(bank: BankIdentity): CircuitBreaker {
    let breaker = this.breakers.get(bank.bic);
    if (!breaker) {
      let available = true;
      breaker = new CircuitBreaker(bank, this.settings, this.options.now, (b, health) => {
        this.changes++;
        const now = health.status === 'available';
        if (now !== available) this.notAvailable += now ? -1 : 1;
        available = now;
        this.options.onChange?.(b, health);
      });
      this.breakers.set(bank.bic, breaker);
    }
    return breaker;
  }

  allAvailable(): boolean {
    return this.notAvailable === 0;
  }

  health(bic: string): BankHealth {
    return this.breakers.get(bic)?.health() ?? { status: 'available' };
  }
}
