/**
 * Public clients (migration 0006): apps that cannot keep a secret. They are registered with
 * redirect URIs and no secret, on SQLite and PostgreSQL alike; what they may do at /oauth is
 * in oauth-server.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_RULES } from '../../src/auth/client-rules.js';
import { ClientsRepository, ClientValidationError } from '../../src/store/clients.js';
import { createTestStore, type TestStore } from '../support/test-store.js';

let store: TestStore;
let clients: ClientsRepository;

beforeAll(async () => {
  store = await createTestStore();
  clients = new ClientsRepository(store.db, CLIENT_RULES);
});
afterAll(async () => {
  await store?.destroy();
});

describe('public clients', () => {
  it('are created without a secret and read back as public', async () => {
    const client = await clients.createPublic({
      name: 'Budget SPA',
      redirectUris: ['https://spa.example/callback'],
    });
    expect(client.public).toBe(true);
    expect((await clients.get(client.id)).public).toBe(true);
    expect('secret' in client).toBe(false);
  });

  it('need a redirect URI, and keep one', async () => {
    await expect(clients.createPublic({ name: 'No way back', redirectUris: [] })).rejects.toThrow(
      ClientValidationError,
    );
    const client = await clients.createPublic({
      name: 'Phone app',
      redirectUris: ['http://localhost:5173/callback'],
    });
    await expect(clients.setRedirectUris(client.id, [])).rejects.toThrow(/at least one/);
  });

  it('have no secret to rotate', async () => {
    const client = await clients.createPublic({
      name: 'Another SPA',
      redirectUris: ['https://spa.example/cb'],
    });
    await expect(clients.rotateSecret(client.id)).rejects.toThrow(/no secret/);
  });

  it('leave every other client confidential, as all were before', async () => {
    const { client, secret } = await clients.create({ name: 'Server app' });
    expect(client.public).toBe(false);
    expect(await clients.authenticate(client.id, secret)).toBeDefined();
  });
});
