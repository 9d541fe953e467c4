/**
 * The scopes of the simple AISP API, free of I/O. An app asks for what it will read:
 * `accounts` (the account list and details), `balances`, `transactions`. Balances and
 * transactions imply the account they belong to, so `accounts` is always part of the consent
 * Bankbridge makes at the bank; the token carries exactly what was asked.
 */
export const AISP_SCOPES = ['accounts', 'balances', 'transactions'] as const;
export type AispScope = (typeof AISP_SCOPES)[number];

export function isAispScope(value: string): value is AispScope {
  return (AISP_SCOPES as readonly string[]).includes(value);
}

export type ScopeParse = { ok: true; scopes: AispScope[] } | { ok: false; problem: string };

/** The requested scope of an authorization request: a non-empty set of AISP scopes. */
export function parseAispScope(scope: string | undefined): ScopeParse {
  const parts = (scope ?? '').split(' ').filter(Boolean);
  if (parts.length === 0) {
    return { ok: false, problem: `scope is required: one or more of ${AISP_SCOPES.join(', ')}` };
  }
  const unknown = parts.filter((part) => !isAispScope(part));
  if (unknown.length > 0) {
    return {
      ok: false,
      problem: `unknown scope ${unknown.join(', ')}; allowed: ${AISP_SCOPES.join(', ')}`,
    };
  }
  // In a fixed order, once each: the page lists them as the app will use them.
  return { ok: true, scopes: AISP_SCOPES.filter((known) => parts.includes(known)) };
}

/**
 * The subject of an AISP grant and its tokens: the consent the user gave. The user never logs
 * in to Bankbridge; what the app holds a token for is one consent at one bank.
 */
const SUBJECT_PREFIX = 'aisp-consent:';

export function consentSubject(consentId: string): string {
  return `${SUBJECT_PREFIX}${consentId}`;
}

export function consentOfSubject(subject: string | undefined): string | undefined {
  if (!subject?.startsWith(SUBJECT_PREFIX)) return undefined;
  const id = subject.slice(SUBJECT_PREFIX.length);
  return /^[A-Za-z0-9._~-]{1,128}$/.test(id) ? id : undefined;
}
