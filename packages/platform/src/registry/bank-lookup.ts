import type { AspspEntry, Registry } from './types.js';

/**
 * The registry entry of a BIC as a TPP sends it (any case, spaces around), or undefined. BICs
 * are unique in a registry (load.ts refuses a second one), so one map answers for all.
 */
export function bankLookup(registry: Registry): (bic: string) => AspspEntry | undefined {
  const banks = new Map(registry.aspsps.map((entry) => [entry.bicFi, entry]));
  return (bic) => banks.get(bic.trim().toUpperCase());
}
