// Fault injection: what a bank does wrong, per bank, switched on by config or the admin
// endpoint. The decision is a pure function of the config and a random draw, so tests set
// shares of 0 or 1 and get exact behaviour.

export interface FaultConfig {
  /** Milliseconds added before every API answer. */
  latencyMs: number;
  /** Share (0..1) of API calls answered 500. */
  error500Rate: number;
  /** Share (0..1) of API calls answered 503 with Retry-After. */
  error503Rate: number;
  /** Injected errors come as an HTML page (as a gateway would send) instead of JSON. */
  htmlErrors: boolean;
  /** Share (0..1) of API calls not answered: the connection is dropped after timeoutMs. */
  timeoutRate: number;
  timeoutMs: number;
  /** Share (0..1) of API calls whose connection is dropped at once, without an answer. */
  dropRate: number;
  /**
   * Which calls the faults hit: all of them when null; else only those with this method (when
   * given) whose path, from `/v1/...` or `/oauth2/...` on, contains `path` (when given). Lets a
   * test break one step of a flow and keep the others working.
   */
  match: FaultMatch | null;
}

export interface FaultMatch {
  method?: string;
  path?: string;
}

export const NO_FAULTS: Readonly<FaultConfig> = {
  latencyMs: 0,
  error500Rate: 0,
  error503Rate: 0,
  htmlErrors: false,
  timeoutRate: 0,
  timeoutMs: 30_000,
  dropRate: 0,
  match: null,
};

export type FaultAction =
  | { kind: 'none' }
  | { kind: 'error'; status: 500 | 503; html: boolean }
  | { kind: 'timeout'; afterMs: number }
  | { kind: 'drop' };

const RATES = ['error500Rate', 'error503Rate', 'timeoutRate', 'dropRate'] as const;

/** Merges a partial config over a base; returns an error message for bad values. */
export function mergeFaultConfig(base: FaultConfig, patch: unknown): FaultConfig | string {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch))
    return 'faults must be a JSON object';
  const next: FaultConfig = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if ((RATES as readonly string[]).includes(key)) {
      if (typeof value !== 'number' || value < 0 || value > 1)
        return `${key} must be a number from 0 to 1`;
      next[key as (typeof RATES)[number]] = value;
    } else if (key === 'latencyMs' || key === 'timeoutMs') {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 600_000) {
        return `${key} must be a whole number of milliseconds from 0 to 600000`;
      }
      next[key] = value;
    } else if (key === 'match') {
      const match = faultMatch(value);
      if (typeof match === 'string') return match;
      next.match = match;
    } else if (key === 'htmlErrors') {
      if (typeof value !== 'boolean') return 'htmlErrors must be true or false';
      next.htmlErrors = value;
    } else {
      return `unknown fault setting ${key}`;
    }
  }
  if (RATES.reduce((sum, key) => sum + next[key], 0) > 1)
    return 'the shares of faults add up to more than 1';
  return next;
}

function faultMatch(value: unknown): FaultMatch | null | string {
  if (value === null) return null;
  const problem = 'match must be null or an object with a method and/or a path (non-empty strings)';
  if (typeof value !== 'object' || Array.isArray(value)) return problem;
  const match: FaultMatch = {};
  for (const [key, part] of Object.entries(value)) {
    if ((key !== 'method' && key !== 'path') || typeof part !== 'string' || part === '') {
      return problem;
    }
    match[key] = key === 'method' ? part.toUpperCase() : part;
  }
  return Object.keys(match).length > 0 ? match : problem;
}

/** Whether the faults hit a call with this method and bank-relative path (`/v1/...`). */
export function faultHits(config: FaultConfig, method: string, path: string): boolean {
  const { match } = config;
  if (!match) return true;
  if (match.method && match.method !== method.toUpperCase()) return false;
  return !match.path || path.includes(match.path);
}

/** Picks the fault for one call from a uniform draw in [0, 1). */
export function decideFault(config: FaultConfig, draw: number): FaultAction {
  let edge = config.dropRate;
  if (draw < edge) return { kind: 'drop' };
  edge += config.timeoutRate;
  if (draw < edge) return { kind: 'timeout', afterMs: config.timeoutMs };
  edge += config.error500Rate;
  if (draw < edge) return { kind: 'error', status: 500, html: config.htmlErrors };
  edge += config.error503Rate;
  if (draw < edge) return { kind: 'error', status: 503, html: config.htmlErrors };
  return { kind: 'none' };
}
