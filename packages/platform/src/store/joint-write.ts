import type { Transaction } from 'kysely';
import type { Database, Db } from './schema.js';

/**
 * One repository's compare-and-set write that another repository's transaction carries along,
 * so that two changes land together or not at all (an SCA finalised with its resource
 * authorised, say). Callers outside the store hold it as an opaque value: only the store runs
 * it, inside its own transaction.
 */
export interface JointWrite {
  /** Writes; false when the row changed since it was read (the transaction is rolled back). */
  readonly run: (trx: Transaction<Database>) => Promise<boolean>;
  /** Told once the transaction that carried it has committed (by the stores that say so). */
  readonly landed?: () => void;
}

/** Another request changed the row first; the caller re-reads and decides again. */
export const CONFLICT = Symbol('conflict');
export type Conflict = typeof CONFLICT;

/** What caused a change: recorded with every status event. */
export interface Cause {
  reason: string;
  requestId?: string | undefined;
}

/** What a creation's transaction carries along for the record it creates (`createCarrying`). */
export type Alongside<T> = (created: T) => JointWrite | undefined;

/**
 * Writes a new record (`write`) in one transaction with what `alongside` carries for it (the
 * answer a replay repeats), and tells the carried write once that transaction committed. A
 * carried write that refuses (its row had changed) rolls the creation back: nothing is stored.
 */
export async function createCarrying<T>(
  db: Db,
  created: T,
  alongside: Alongside<T> | undefined,
  write: (trx: Transaction<Database>) => Promise<void>,
): Promise<void> {
  const joint = alongside?.(created);
  await db.transaction().execute(async (trx) => {
    await write(trx);
    if (joint && !(await joint.run(trx))) {
      throw new Error('the write carried with this creation was refused');
    }
  });
  joint?.landed?.();
}

/** Thrown inside a transaction to roll it back when a compare-and-set lost. */
export const ROLLBACK = Symbol('rollback');

/**
 * `runAlone` for a write that reports what it wrote to `onWritten`: that, or CONFLICT when the
 * row had changed since it was read.
 */
export async function runAloneWritten<T>(
  db: Db,
  makeWrite: (onWritten: (written: T) => void) => JointWrite,
): Promise<T | Conflict> {
  let written: T | undefined;
  const write = makeWrite((record) => {
    written = record;
  });
  if (!(await runAlone(db, write))) return CONFLICT;
  return written as T;
}

/**
 * Runs a write on its own, in a transaction of its own: true when it landed (and it is told
 * so), false when the row had changed since it was read (nothing is written then).
 */
export async function runAlone(db: Db, write: JointWrite): Promise<boolean> {
  try {
    await db.transaction().execute(async (trx) => {
      if (!(await write.run(trx))) throw ROLLBACK;
    });
  } catch (error) {
    if (error === ROLLBACK) return false;
    throw error;
  }
  write.landed?.();
  return true;
}

/** `write` and what it carries (`alongside`) as one write: both land, or neither. */
export function carrying(write: JointWrite, alongside: JointWrite | undefined): JointWrite {
  if (!alongside) return write;
  return {
    run: async (trx) => (await write.run(trx)) && (await alongside.run(trx)),
    landed: () => {
      write.landed?.();
      alongside.landed?.();
    },
  };
}
