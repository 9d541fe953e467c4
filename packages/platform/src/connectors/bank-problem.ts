import { Problem } from '../problems.js';
import { bankCodeOutcome } from './bank-codes.js';
import { BankError } from './bank-error.js';

/**
 * A bank's failure as the services raise it: its refusal (4xx) by its code as bank-codes.ts
 * decides, 500 when the refusal is Bankbridge's own fault, 503 SERVICE_UNAVAILABLE when the
 * bank could not be used (with its Retry-After). Anything that is not a BankError is returned
 * as it is.
 *
 * A 429 is the bank limiting Bankbridge's calls, not anything the TPP's request got wrong: it is
 * 503 with the bank's Retry-After, as Berlin Group has no code for a bank's own limit other than
 * the consent's frequencyPerDay (which reads answer themselves, see aisBankError). It is not
 * the bank being down: the circuit breaker counts it as an answer (bank-http.ts).
 */
export function bankProblem(error: unknown): unknown {
  if (!(error instanceof BankError)) return error;
  if (error.status === 429) return bankLimiting(error);
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

/** 503 for a bank's 429, with the wait it asked for. */
export function bankLimiting(error: BankError): Problem {
  const wait = error.retryAfterSeconds;
  return new Problem(
    'SERVICE_UNAVAILABLE',
    `${error.bankName} (${error.bic}) is limiting the requests it takes just now (it answered 429)${wait ? `; try again in ${wait} seconds` : '; try again later'}.`,
    { headers: wait ? { 'Retry-After': String(wait) } : {}, cause: error },
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
