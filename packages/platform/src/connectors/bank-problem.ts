import { Problem } from '../problems.js';
import { BankError } from './bank-error.js';

/**
 * A bank's failure as the services raise it: 503 SERVICE_UNAVAILABLE when the bank could not be
 * used (with its Retry-After), the bank's own 4xx reason when it refused. Anything that is not
 * a BankError is returned as it is.
 */
export function bankProblem(error: unknown): unknown {
  if (!(error instanceof BankError)) return error;
  if (error.kind === 'rejected' && error.status !== undefined && error.status < 500) {
    const code =
      error.code === 'FORMAT_ERROR' || error.code === 'PARAMETER_NOT_SUPPORTED'
        ? error.code
        : 'FORMAT_ERROR';
    return new Problem(code, `The bank refused the request: ${error.message}`, { cause: error });
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
