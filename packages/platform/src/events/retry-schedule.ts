/**
 * When a failed delivery is tried again: 5 s after the first attempt, doubling each time up to
 * an hour between attempts, for a day after the event (about 30 attempts); then it is given up.
 * No jitter: deliveries of one event are few, and the endpoint's own ordering relies on them.
 */
export const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;
const FIRST_DELAY_MS = 5_000;
const LONGEST_DELAY_MS = 60 * 60 * 1000;

/** The delay after the `attempts`-th failed attempt (1-based). */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_DELAY_MS * 2 ** Math.max(0, attempts - 1), LONGEST_DELAY_MS);
}

/** When to try again after `attempts` failures, or undefined once the day is over. */
export function nextAttemptAt(attempts: number, createdAt: string, now: Date): Date | undefined {
  const next = new Date(now.getTime() + retryDelayMs(attempts));
  return next.getTime() - Date.parse(createdAt) > RETRY_WINDOW_MS ? undefined : next;
}
