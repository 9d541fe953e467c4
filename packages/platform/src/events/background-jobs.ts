/**
 * The platform's periodic work (webhook deliveries, the consent expiry sweep, the payment
 * status poller): each job runs, then waits its interval, and never overlaps itself. Stopping
 * tells runs under way to take no more work (their `stopping` signal), then waits for them, so
 * the store is not closed under them; what they had not claimed stays in the database for the
 * other instances.
 */
import type { Logger } from '../logging/logger.js';

export interface Job {
  name: string;
  intervalMs: number;
  /** `stopping` is aborted when the platform stops: finish the item at hand, claim no more. */
  run(stopping: AbortSignal): Promise<unknown>;
}

export class BackgroundJobs {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<Promise<unknown>>();
  private stopped = true;
  private stopping = new AbortController();

  constructor(
    private readonly jobs: Job[],
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.stopping = new AbortController();
    for (const job of this.jobs) this.schedule(job, Math.min(job.intervalMs, 1_000));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.running]);
  }

  private schedule(job: Job, delayMs: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      const run = job
        .run(this.stopping.signal)
        .catch((err: unknown) => this.logger.warn({ err, job: job.name }, 'background job failed'))
        .finally(() => {
          this.running.delete(run);
          this.schedule(job, job.intervalMs);
        });
      this.running.add(run);
    }, delayMs);
    timer.unref();
    this.timers.set(job.name, timer);
  }
}
