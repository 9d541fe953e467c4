/**
 * How an instance stops on SIGTERM without losing a request: it first answers not-ready while
 * it keeps serving (the delay, for the balancer to notice), then stops accepting, lets its
 * in-flight requests (and their bank calls) and its background runs finish, bounded by the
 * timeout, and only then lets go of the database. Background work it had not claimed stays in
 * the database, where the other instances take it.
 */
import type { Logger } from '../logging/logger.js';

export interface DrainSteps {
  /** From now on readiness answers 503. */
  beginDraining(): void;
  /** Everything that must finish: servers closing (in-flight requests), background jobs. */
  finish: Array<() => Promise<void>>;
  /** Past the timeout: cut what is left (open connections). */
  cut(): void;
}

export interface DrainOptions {
  delayMs: number;
  timeoutMs: number;
  logger: Logger;
}

/** Answers true when everything finished in time, false when the timeout cut some of it. */
export async function drain(steps: DrainSteps, options: DrainOptions): Promise<boolean> {
  const { logger } = options;
  steps.beginDraining();
  if (options.delayMs > 0) {
    logger.info({ delayMs: options.delayMs }, 'draining: not ready, still serving');
    await sleep(options.delayMs);
  }
  logger.info({ timeoutMs: options.timeoutMs }, 'draining: no new connections, finishing work');
  let timer: NodeJS.Timeout | undefined;
  const finished = Promise.allSettled(steps.finish.map((step) => step())).then(() => true);
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), options.timeoutMs);
  });
  const clean = await Promise.race([finished, timedOut]);
  clearTimeout(timer);
  if (!clean) {
    logger.warn(
      { timeoutMs: options.timeoutMs },
      'shutdown timeout reached: cutting the requests still open',
    );
    steps.cut();
    // Closing servers resolve once their connections are gone; background runs end on their own
    // deadlines, and what they hold is released when their claims expire.
    await Promise.race([finished, sleep(1_000)]);
  }
  return clean;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
