/**
 * Slows down password guessing: after `maxFailures` wrong passwords for one email within
 * `windowSeconds`, sign-ins for that email are refused without checking the password until
 * the oldest failure leaves the window. Kept in memory per instance, so several instances
 * allow a multiple of it; enough against guessing at the speed of HTTP.
 */
export class SignInThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly now: () => Date,
    private readonly maxFailures = 10,
    private readonly windowSeconds = 15 * 60,
    private readonly maxTracked = 10_000,
  ) {}

  /** Seconds until the email may try again; 0 when it may now. */
  retryAfter(email: string): number {
    const recent = this.recent(email);
    if (recent.length < this.maxFailures) return 0;
    const oldest = recent[recent.length - this.maxFailures] as number;
    return Math.max(1, Math.ceil(oldest / 1000 + this.windowSeconds - this.nowSeconds()));
  }

  failed(email: string): void {
    const key = email.trim().toLowerCase();
    const recent = this.recent(key);
    recent.push(this.now().getTime());
    this.failures.delete(key);
    if (this.failures.size >= this.maxTracked) {
      // Maps iterate in insertion order: forget the longest-quiet email.
      const quiet = this.failures.keys().next().value;
      if (quiet !== undefined) this.failures.delete(quiet);
    }
    this.failures.set(key, recent.slice(-this.maxFailures));
  }

  succeeded(email: string): void {
    this.failures.delete(email.trim().toLowerCase());
  }

  private recent(email: string): number[] {
    const since = (this.nowSeconds() - this.windowSeconds) * 1000;
    return (this.failures.get(email.trim().toLowerCase()) ?? []).filter((at) => at > since);
  }

  private nowSeconds(): number {
    return this.now().getTime() / 1000;
  }
}
