import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ClientsRepository } from '../store/clients.js';
import { generatePassword } from './passwords.js';
import type { UsersRepository } from './users.js';

export const DEMO_DEVELOPER_EMAIL = 'demo@bankbridge.test';

export interface DemoDeveloper {
  email: string;
  /** Undefined when the account exists but this data directory never saw its password. */
  password: string | undefined;
  file: string;
}

/**
 * The sandbox's ready-made portal account, a developer who owns the demo client, so that a
 * first run can sign in and see the demo client's requests at once. Its password is kept in
 * `<dataDir>/demo-developer.json` (mode 0600) so that every start can print it, as the demo
 * client's secret is.
 */
export async function ensureDemoDeveloper(
  users: UsersRepository,
  clients: ClientsRepository,
  dataDir: string,
  demoClientId: string,
): Promise<DemoDeveloper> {
  const file = path.join(dataDir, 'demo-developer.json');
  let user = await users.findByEmail(DEMO_DEVELOPER_EMAIL);
  let password: string | undefined;
  if (user) {
    const saved = readSaved(file);
    // A password reset with the CLI since: the saved one would only mislead.
    const current =
      saved?.email === user.email &&
      (await users.authenticate(user.email, saved.password)) !== undefined;
    password = current ? saved.password : undefined;
  } else {
    password = generatePassword();
    user = await users.create({ email: DEMO_DEVELOPER_EMAIL, password, role: 'developer' });
    writeFileSync(file, `${JSON.stringify({ email: user.email, password }, null, 2)}\n`, {
      mode: 0o600,
    });
    chmodSync(file, 0o600);
  }
  const demoClient = await clients.find(demoClientId);
  if (demoClient && demoClient.ownerId === null) await clients.setOwner(demoClient.id, user.id);
  return { email: user.email, password, file };
}

function readSaved(file: string): { email: string; password: string } | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as { email: string; password: string };
  } catch {
    return undefined;
  }
}
