/**
 * The scope rules of the token endpoint, free of I/O.
 *
 * A token is for one or more services, optionally in one context: `accountinformation private`,
 * `aspspinformation`. The context tells whether the PSU acts as a private person or for a
 * company; without one, `private` is assumed where it matters.
 */
export const SERVICE_SCOPES = [
  'aspspinformation',
  'accountinformation',
  'paymentinitiation',
] as const;
export const CONTEXT_SCOPES = ['private', 'corporate'] as const;

export type ServiceScope = (typeof SERVICE_SCOPES)[number];
export type ContextScope = (typeof CONTEXT_SCOPES)[number];

export function isServiceScope(value: string): value is ServiceScope {
  return (SERVICE_SCOPES as readonly string[]).includes(value);
}

export function isContextScope(value: string): value is ContextScope {
  return (CONTEXT_SCOPES as readonly string[]).includes(value);
}

/** Returns why a requested client-credentials scope is refused, or undefined when it is fine. */
export function scopeProblem(scope: string | undefined): string | undefined {
  const parts = (scope ?? '').split(' ').filter(Boolean);
  const unknown = parts.filter((p) => !isServiceScope(p) && !isContextScope(p));
  if (unknown.length > 0) {
    return `unknown scope ${unknown.join(', ')}; allowed: ${[...SERVICE_SCOPES, ...CONTEXT_SCOPES].join(', ')}`;
  }
  if (!parts.some(isServiceScope)) {
    return `scope must name a service (${SERVICE_SCOPES.join(', ')}), optionally with a context (${CONTEXT_SCOPES.join(' or ')})`;
  }
  if (parts.filter(isContextScope).length > 1) {
    return 'scope may name only one context: private or corporate';
  }
  return undefined;
}

export function parseScope(scope: string | undefined): Set<string> {
  return new Set((scope ?? '').split(' ').filter(Boolean));
}
