/**
 * Each bank's current health in the ASPSP answers (erratum `aspsps-report-health`): `health`
 * on every list item and on the details, from the per-bank circuit breakers.
 *
 * Pure: the health comes in as a lookup. While every bank is available (nearly always) each
 * answer with health is built once per answer and frozen, so `toJson` keeps its text and the
 * lists cost what they did without health; otherwise it is built for the request.
 */
import type { AspspDetails, AspspList, AspspListItem } from './answers.js';

export interface HealthAnswer {
  status: 'available' | 'unavailable' | 'recovering';
  /** ISO 8601: when the bank stopped answering. */
  since?: string;
  /** ISO 8601: while unavailable, when Bankbridge calls the bank again. */
  retryAt?: string;
}

/** Where the health comes from (the connectors' BankBreakers). */
export interface HealthLookup {
  allAvailable(): boolean;
  health(bic: string): { status: HealthAnswer['status']; since?: Date; retryAt?: Date };
}

export type WithHealth<T> = T & { health: HealthAnswer };

const AVAILABLE: HealthAnswer = Object.freeze({ status: 'available' });
const healthy = new WeakMap<object, object>();

function healthOf(lookup: HealthLookup, bic: string): HealthAnswer {
  const { status, since, retryAt } = lookup.health(bic);
  if (status === 'available') return AVAILABLE;
  return {
    status,
    ...(since ? { since: since.toISOString() } : {}),
    ...(retryAt ? { retryAt: retryAt.toISOString() } : {}),
  };
}

/** Built once per frozen answer while every bank is available. */
function cached<A extends object, B extends object>(answer: A, build: () => B): B {
  if (!Object.isFrozen(answer)) return build();
  let built = healthy.get(answer) as B | undefined;
  if (!built) {
    built = deepFreeze(build());
    healthy.set(answer, built);
  }
  return built;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** GET aspsps: every item with its bank's health. */
export function aspspListWithHealth(
  list: AspspList,
  lookup: HealthLookup,
): { aspsps: WithHealth<AspspListItem>[] } {
  const build = () => ({
    aspsps: list.aspsps.map((item) => ({ ...item, health: healthOf(lookup, item.bicFi) })),
  });
  return lookup.allAvailable() ? cached(list, build) : build();
}

/** GET aspsps/{bicFi}: the details with the bank's health, last. */
export function aspspWithHealth(
  details: AspspDetails,
  lookup: HealthLookup,
): WithHealth<AspspDetails> {
  const build = () => ({ ...details, health: healthOf(lookup, details.bicFi) });
  return lookup.allAvailable() ? cached(details, build) : build();
}
