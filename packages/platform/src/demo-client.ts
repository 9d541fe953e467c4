import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { redirectUriProblem } from './auth/redirect-uris.js';
import type { WebhookSettingsService } from './events/index.js';
import type { ClientsRepository } from './store/clients.js';
import type { SettingsRepository } from './store/settings.js';

export interface DemoCredentials {
  clientId: string;
  /** Undefined when the client exists but this data directory never saw its secret. */
  clientSecret: string | undefined;
  file: string;
}

const SETTING = 'demo_client_id';

/**
 * The sandbox's ready-made TPP client. Its secret is kept in `<dataDir>/demo-client.json`
 * (mode 0600) so that every start can print it; real clients' secrets are shown once only.
 */
export async function ensureDemoClient(
  clients: ClientsRepository,
  settings: SettingsRepository,
  dataDir: string,
  apiUrl: string,
): Promise<DemoCredentials> {
  const file = demoClientFile(dataDir);
  const existingId = await settings.get(SETTING);
  const existing = existingId ? await clients.find(existingId) : undefined;
  if (existing) {
    const saved = readSavedDemoClient(file);
    return {
      clientId: existing.id,
      clientSecret: saved?.clientId === existing.id ? saved.clientSecret : undefined,
      file,
    };
  }
  const redirectUris = demoClientRedirectUris(apiUrl);
  const { client, secret } = await clients.create({ name: 'Bankbridge demo', redirectUris });
  await settings.set(SETTING, client.id);
  writeFileSync(
    file,
    `${JSON.stringify({ clientId: client.id, clientSecret: secret }, null, 2)}\n`,
    {
      mode: 0o600,
    },
  );
  chmodSync(file, 0o600);
  return { clientId: client.id, clientSecret: secret, file };
}

/** The redirect URIs `start` registers for the demo client it creates. */
export function demoClientRedirectUris(apiUrl: string): string[] {
  return [
    'http://localhost:8090/callback',
    `${apiUrl}/demo/callback`,
    'https://example.com/callback',
  ].filter((uri) => !redirectUriProblem(uri));
}

/** Where `start` keeps the demo client's id and secret. */
export function demoClientFile(dataDir: string): string {
  return path.join(dataDir, 'demo-client.json');
}

/** The demo client's id and secret as `start` saved them; undefined without a readable file. */
export function readSavedDemoClient(
  file: string,
): { clientId?: string; clientSecret?: string } | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as { clientId?: string; clientSecret?: string };
  } catch {
    return undefined;
  }
}

/** Where the demo app takes its webhooks: beside its pages, on the API host. */
export function demoWebhookUrl(apiUrl: string): string {
  return new URL('/demo/webhooks', apiUrl).toString();
}

/**
 * The demo client's webhooks to the demo app, when the platform may call the app: the app is
 * on this host, a loopback address, which the platform calls only with
 * BANKBRIDGE_WEBHOOK_LOOPBACK (tests and local development). Then the app's endpoint is set
 * and a new signing secret made for this run (the app keeps it in memory); the answer is that
 * secret. Otherwise an endpoint left by an earlier run is removed, and the answer is undefined:
 * the app reads the event feed instead. An endpoint someone else set for the demo client is
 * left alone.
 */
export async function demoWebhookSecret(
  webhooks: WebhookSettingsService,
  clientId: string,
  apiUrl: string,
  loopbackAllowed: boolean,
): Promise<string | undefined> {
  const url = demoWebhookUrl(apiUrl);
  const stored = await webhooks.get(clientId);
  if (stored?.url && stored.url !== url) return undefined;
  if (!loopbackAllowed) {
    if (stored?.url === url) await webhooks.configure(clientId, { url: null });
    return undefined;
  }
  const host = new URL(apiUrl).hostname.replace(/^\[|\]$/g, '');
  const allowedHosts = [...new Set([...(stored?.allowedHosts ?? []), host])];
  const { secret } = await webhooks.configure(clientId, { url, allowedHosts });
  return secret ?? (await webhooks.rotateSecret(clientId, 0));
}
