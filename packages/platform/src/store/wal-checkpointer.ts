import { once } from 'node:events';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Copies SQLite's write-ahead log into the database file from a thread of its own.
 *
 * A commit appends its pages to the WAL; a checkpoint copies them into the database file and
 * syncs it. SQLite runs the checkpoint inside the commit that takes the WAL past 1000 pages:
 * on the event loop, with its page copies and syncs, in the middle of a request. This thread
 * checkpoints every `intervalMs` on a connection of its own, in PASSIVE mode (it waits for no
 * reader or writer, nor they for it), so that the pages are mostly copied before that commit
 * comes. The commit's own checkpoint stays as the bound on the WAL's size: a log written to
 * without pause is only started afresh by the connection that writes it, once it finds every
 * page copied, and its check is cheap when this thread has done the copying.
 *
 * The thread runs plain JavaScript (no loader of TypeScript in a worker), and loads the same
 * SQLite driver as the store. A checkpoint that keeps failing the same way is told of once,
 * not four times a second, until one succeeds again.
 */
const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
let failing;
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    failing = undefined;
  } catch (error) {
    const failed = String(error && error.message);
    if (failed !== failing) parentPort.postMessage({ failed });
    failing = failed;
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface WalCheckpointer {
  /** Stops the thread and closes its connection; resolves once the thread has ended. */
  stop(): Promise<void>;
}

export function startWalCheckpointer(
  file: string,
  options: { intervalMs?: number; onFailure?: (message: string) => void } = {},
): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(CHECKPOINTER, {
    eval: true,
    workerData: { driver, file, intervalMs: options.intervalMs ?? 250 },
  });
  // A checkpoint that fails is left to the next one and to the commits' own.
  worker.on('message', (message: { failed?: string }) => {
    if (message.failed) options.onFailure?.(message.failed);
  });
  worker.on('error', (error) => options.onFailure?.(error.message));
  // The thread never keeps a process alive that has nothing else left to do.
  worker.unref();
  const ended = once(worker, 'exit').then(() => undefined);
  return {
    stop() {
      worker.postMessage('stop');
      return ended;
    },
  };
}
