// A wait on the server for a person at their bank (BankID) outlives a short outage of the bank
// or of Bankbridge: a failed poll is tried again a few seconds later, until the person is done,
// the wait is given up (the signal), or a failure that is not passing ends it.

import { NetworkError, ServiceUnavailableError, TimeoutError } from '@bankbridge/client';

const RETRY_AFTER_MS = 3000;

export async function throughOutages<T>(
  attempt: () => Promise<T>,
  signal: AbortSignal,
): Promise<T> {
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      const passing =
        error instanceof ServiceUnavailableError ||
        error instanceof TimeoutError ||
        error instanceof NetworkError;
      if (!passing || signal.aborted) throw error;
      await new Promise((resolve) => setTimeout(resolve, RETRY_AFTER_MS));
    }
  }
}
