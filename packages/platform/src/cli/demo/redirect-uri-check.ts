/**
 * Whether the demo's redirect URI is registered for its client, asked before any consent
 * exists: a refusal found only at the bank's login would leave a consent behind and a person
 * staring at an error page. No API tells a client its own redirect URIs, but the authorize
 * endpoint does: it sends the browser back to a registered URI (with whatever error the rest
 * of the request earns) and answers an unregistered one with a page of its own.
 */
import { demoClientRedirectUris } from '../../demo-client.js';
import type { DemoSettings } from './settings.js';
import { DemoSetupError } from './settings.js';

export async function checkRedirectUriRegistered(
  settings: DemoSettings,
  signal: AbortSignal,
): Promise<void> {
  const url = new URL(`${settings.authUrl}/connect/authorize`);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: settings.redirectUri,
    scope: 'openid',
    state: 'demo-redirect-uri-check',
    // Answered at once, without a login page and the session that would start.
    prompt: 'none',
  }).toString();
  const response = await fetch(url, { redirect: 'manual', signal });
  await response.body?.cancel();
  if (response.status >= 300 && response.status < 400) {
    const location = response.headers.get('location') ?? '';
    if (location.startsWith(settings.redirectUri)) return;
  }
  const registered = settings.demoClient
    ? `the demo client has ${demoClientRedirectUris(settings.apiUrl).join(', ')}`
    : 'see its redirect URIs in the portal or with "npm run bankbridge -- clients list"';
  throw new DemoSetupError(
    `the redirect URI ${settings.redirectUri} is not registered for client ${settings.clientId} (the auth server refuses it): ${registered}; pass one of them with --redirect-uri, or register this one first`,
  );
}
