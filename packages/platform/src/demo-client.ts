import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { redirectUriProblem } from './auth/redirect-uris.js';
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
