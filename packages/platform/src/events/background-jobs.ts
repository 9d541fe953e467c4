/**
 * The platform's periodic work (webhook deliveries, the consent expiry sweep, the payment
 * status poller): each job runs, then waits its interval, and never overlaps itself. Stopping
 * waits for runs under way, so the store is not closed under them.
 */
import type { Logger } from '../logging/logger.js';

export interface Job {
  name: string;
  intervalMs: number;
  run(): Promise<unknown>;
}

export class BackgroundJobs {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<Promise<unknown>>();
  private stopped = true;

  constructor(
    private readonly jobs: Job[],
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    for (const job of this.jobs) this.schedule(job, Math.min(job.intervalMs, 1_000));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.running]);
  }

  private schedule(job: Job, delayMs: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      const run = job
        .run()
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
