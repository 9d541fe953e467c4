import { Problem } from '../problems.js';
import { bankCodeOutcome } from './bank-codes.js';
import { BankError } from './bank-error.js';

/**
 * A bank's failure as the services raise it: its refusal (4xx) by its code as bank-codes.ts
 * decides, 500 when the refusal is Bankbridge's own fault, 503 SERVICE_UNAVAILABLE when the
 * bank could not be used (with its Retry-After). Anything that is not a BankError is returned
 * as it is.
 */
export function bankProblem(error: unknown): unknown {
  if (!(error instanceof BankError)) return error;
  if (error.kind === 'rejected' && error.status !== undefined && error.status < 500) {
    const outcome = bankCodeOutcome(error.code);
    if (outcome === 'ours') {
      return new Problem(
        'INTERNAL_SERVER_ERROR',
        `${error.message}. The bank refused Bankbridge's own access, not this request; the operator must fix it.`,
        { cause: error },
      );
    }
    if (outcome !== 'bankDown') {
      return new Problem(outcome.code, `The bank refused the request: ${error.message}`, {
        ...(outcome.status === undefined ? {} : { status: outcome.status }),
        cause: error,
      });
    }
  }
  const headers: Record<string, string> = error.retryAfterSeconds
    ? { 'Retry-After': String(error.retryAfterSeconds) }
    : {};
  return new Problem(
    'SERVICE_UNAVAILABLE',
    `The bank could not be reached or failed: ${error.message}. Try again later.`,
    { headers, cause: error },
  );
}

/** Runs a bank call, raising its failure as a problem. */
export async function bankCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw bankProblem(error);
  }
}
