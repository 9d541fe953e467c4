const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Why a redirect URI cannot be registered, or undefined. Redirect URIs are compared exactly
 * at authorisation time, so they are checked once here: absolute, no fragment, and https
 * unless they point at the developer's own machine.
 */
export function redirectUriProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `redirect URI ${JSON.stringify(value)} is not an absolute URL`;
  }
  if (url.hash || value.includes('#')) {
    return `redirect URI ${value} must not contain a fragment`;
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return undefined;
  return `redirect URI ${value} must use https (plain http is allowed only for localhost)`;
}
