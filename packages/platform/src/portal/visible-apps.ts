import type { Client, ClientsRepository } from '../store/clients.js';
import type { User } from './users.js';

/** The application if this person may see it; another developer's is as unknown as none. */
export async function visibleApp(
  clients: ClientsRepository,
  user: User,
  id: string,
): Promise<Client | undefined> {
  const client = await clients.find(id);
  if (!client) return undefined;
  return user.role === 'operator' || client.ownerId === user.id ? client : undefined;
}

/** The applications this person sees: their own, or every one for an operator. */
export function visibleApps(clients: ClientsRepository, user: User): Promise<Client[]> {
  return clients.list(user.role === 'operator' ? {} : { ownerId: user.id });
}
