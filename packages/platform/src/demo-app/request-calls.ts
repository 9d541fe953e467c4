import { AsyncLocalStorage } from 'node:async_hooks';
import type { ResponseInfo } from '@bankbridge/client';

/** The API calls of the request being answered, for the panel under each page. */
export const callsOfRequest = new AsyncLocalStorage<ResponseInfo[]>();

/** Runs work that outlives the request (a poller): its API calls are no page's. */
export function detached<T>(fn: () => Promise<T>): Promise<T> {
  return callsOfRequest.exit(fn);
}
