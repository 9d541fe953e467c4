import { Problem } from '../problems.js';
import type { AspspEntry } from './types.js';

/**
 * The registry entry of the bank a stored resource is at. The operator may remove a bank from
 * the registry while consents or payments at it remain: those then answer 503, naming the bank.
 */
export function servedBank(
  lookup: (bic: string) => AspspEntry | undefined,
  bic: string,
  noun: string,
): AspspEntry {
  const entry = lookup(bic);
  if (!entry) {
    throw new Problem(
      'SERVICE_UNAVAILABLE',
      `The bank of this ${noun} (${bic}) is no longer served by this Bankbridge`,
    );
  }
  return entry;
}
