import { CLIENT_RULES } from '../auth/client-rules.js';
import { type Config, configFromEnv } from '../config.js';
import { ClientsRepository } from '../store/clients.js';
import { openStore, type Store, storeOptionsFor } from '../store/open-store.js';

/** The store as the running platform sees it, for commands that only manage data. */
export async function withStore<T>(
  work: (context: { store: Store; clients: ClientsRepository; config: Config }) => Promise<T>,
): Promise<T> {
  const config = configFromEnv();
  const store = await openStore(storeOptionsFor(config));
  try {
    return await work({ store, clients: new ClientsRepository(store.db, CLIENT_RULES), config });
  } finally {
    await store.close();
  }
}
