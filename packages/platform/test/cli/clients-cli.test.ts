import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AccessTokenVerifier } from '../../src/auth/access-tokens.js';
import { configFromEnv, ENVIRONMENT } from '../../src/config.js';
import { createLogger } from '../../src/logging/logger.js';
import { createPlatform, type Platform } from '../../src/platform.js';
import { defaultRegistryPath } from '../../src/registry/index.js';
import { CLI_TIMEOUT_MS, type CliResult, runCli } from '../support/cli.js';
import { psd2Headers, TEST_API_URL, TEST_AUTH_URL } from '../support/test-platform.js';
import { createTestStore, type TestStore } from '../support/test-store.js';
import { postCredentials, requestToken } from '../support/token-requests.js';

// Tests here run the CLI as a subprocess, some of them twice.
vi.setConfig({ testTimeout: 2 * CLI_TIMEOUT_MS + 10_000 });

/**
 * The real `bankbridge` CLI as a subprocess, on the same store as a platform in this process:
 * a fresh SQLite data directory, or a fresh PostgreSQL schema (BANKBRIDGE_DB_SCHEMA).
 */
let store: TestStore;
let platform: Platform;

const cli = (...args: string[]): Promise<CliResult> => runCli(store, args);

async function cliJson<T>(...args: string[]): Promise<T> {
  const result = await cli(...args);
  expect(result.code, result.stderr).toBe(0);
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as T;
}

interface ListedClient {
  client_id: string;
  name: string;
  scopes: string[];
  redirect_uris: string[];
  status: string;
  created_at: string;
}
type CreatedClient = ListedClient & { client_secret: string };

const list = () => cliJson<ListedClient[]>('clients', 'list', '--json');

function token(clientId: string, secret: string, scope = 'accountinformation private') {
  return requestToken(platform.auth, { fields: { ...postCredentials(clientId, secret), scope } });
}

/** A refusal: non-zero exit, one line on stderr naming `problem`, no stack, no output. */
function expectRefusal(result: CliResult, problem: RegExp): void {
  expect(result.code, result.stdout).not.toBe(0);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(problem);
  expect(result.stderr).not.toMatch(/\bat .+:\d+:\d+/);
  expect(result.stderr).not.toMatch(/Error:/);
}

beforeAll(async () => {
  store = await createTestStore();
  const config = configFromEnv({
    BANKBRIDGE_API_URL: TEST_API_URL,
    BANKBRIDGE_AUTH_URL: TEST_AUTH_URL,
    BANKBRIDGE_DATA_DIR: store.dataDir,
    BANKBRIDGE_SECRET_KEY: 'bankbridge-test-secret-key-0123456789abcdef',
  });
  platform = await createPlatform({ config, logger: createLogger({ level: 'silent' }), store });
  await platform.auth.ready();
  await platform.api.ready();
});
afterAll(async () => {
  await platform?.close();
  await store?.destroy();
});

// Each run starts a Node process; the independent ones run side by side.
describe.concurrent('bankbridge --help', () => {
  it('lists the commands and every environment variable', async () => {
    const result = await cli('--help');
    expect(result.code).toBe(0);
    for (const command of ['start', 'sandbox', 'clients']) {
      expect(result.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
    }
    for (const variable of ENVIRONMENT) expect(result.stdout).toContain(variable.name);
  });

  it.each([
    [['start'], ['--no-sandbox']],
    [['sandbox'], []],
    [['clients'], ['create', 'list', 'rotate-secret', 'set-redirect-uris', 'disable', 'enable']],
    [
      ['clients', 'create'],
      ['--name', '--redirect-uri', '--scope', '--json'],
    ],
    [['clients', 'list'], ['--json']],
    [
      ['clients', 'rotate-secret'],
      ['<client-id>', '--json'],
    ],
    [
      ['clients', 'set-redirect-uris'],
      ['<client-id>', '--redirect-uri'],
    ],
    [['clients', 'disable'], ['<client-id>']],
    [['clients', 'enable'], ['<client-id>']],
  ])('explains %j', async (command, mentions) => {
    const result = await cli(...command, '--help');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Usage: bankbridge ${command.join(' ')}`);
    for (const mention of mentions) expect(result.stdout).toContain(mention);
    expect(result.stderr).toBe('');
  });
});

describe('bankbridge clients', () => {
  let created: CreatedClient;

  it('creates a client and prints its id and secret once', async () => {
    created = await cliJson<CreatedClient>(
      'clients',
      'create',
      '--name',
      'Budget App',
      '--redirect-uri',
      'https://a.example/cb',
      '--scope',
      'accountinformation',
      '--json',
    );
    expect(created).toMatchObject({
      name: 'Budget App',
      scopes: ['accountinformation'],
      redirect_uris: ['https://a.example/cb'],
      status: 'active',
    });
    expect(created.client_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.client_secret).toMatch(/^bbs_[A-Za-z0-9_-]{43}$/);
  });

  it('prints the secret in the human-readable form too, with a warning to store it', async () => {
    const result = await cli('clients', 'create', '--name', 'Plain Output App');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^client_id:\s+[0-9a-f-]{36}$/m);
    expect(result.stdout).toMatch(/^client_secret: bbs_[A-Za-z0-9_-]{43}$/m);
    expect(result.stdout).toMatch(/cannot show it again/);
  });

  it('lists clients without any secret or hash', async () => {
    const result = await cli('clients', 'list', '--json');
    expect(result.code).toBe(0);
    const clients = JSON.parse(result.stdout) as ListedClient[];
    expect(clients.find((c) => c.client_id === created.client_id)).toEqual({
      client_id: created.client_id,
      name: 'Budget App',
      scopes: ['accountinformation'],
      redirect_uris: ['https://a.example/cb'],
      status: 'active',
      created_at: created.created_at,
    });
    expect(result.stdout).not.toContain(created.client_secret.slice(4));
    expect(result.stdout).not.toMatch(/secret|sha256/i);

    const plain = await cli('clients', 'list');
    expect(plain.stdout).toContain(created.client_id);
    expect(plain.stdout).not.toContain(created.client_secret.slice(4));
    expect(plain.stdout).not.toMatch(/sha256/);
  });

  it('gives credentials that obtain a token from a platform on the same store', async () => {
    const response = await token(created.client_id, created.client_secret);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'accountinformation private',
    });
    // The client was created with accountinformation only.
    const refused = await token(created.client_id, created.client_secret, 'aspspinformation');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toBe('invalid_scope');
  });

  it('rotates the secret: the new one works, the old one no longer', async () => {
    const rotated = await cliJson<{ client_id: string; client_secret: string }>(
      'clients',
      'rotate-secret',
      created.client_id,
      '--json',
    );
    expect(rotated.client_id).toBe(created.client_id);
    expect(rotated.client_secret).toMatch(/^bbs_/);
    expect(rotated.client_secret).not.toBe(created.client_secret);

    const old = await token(created.client_id, created.client_secret);
    expect(old.statusCode).toBe(401);
    expect(old.json().error).toBe('invalid_client');
    expect((await token(created.client_id, rotated.client_secret)).statusCode).toBe(200);
    created = { ...created, client_secret: rotated.client_secret };
  });

  it('replaces the redirect URIs', async () => {
    const result = await cli(
      'clients',
      'set-redirect-uris',
      created.client_id,
      '--redirect-uri',
      'https://b.example/cb',
      '--redirect-uri',
      'http://localhost:3000/cb',
    );
    expect(result.code, result.stderr).toBe(0);
    const listed = (await list()).find((c) => c.client_id === created.client_id);
    expect(listed?.redirect_uris).toEqual(['https://b.example/cb', 'http://localhost:3000/cb']);
  });

  it('disables a client: no new tokens, and its existing tokens stop working', async () => {
    const issued = await token(created.client_id, created.client_secret, 'accountinformation');
    expect(issued.statusCode).toBe(200);
    const accessToken = issued.json().access_token as string;
    // Accepted before (the API route of this token is not there yet: check the verifier).
    const verifier = new AccessTokenVerifier(store.db, { cacheSeconds: 0 });
    expect((await verifier.check(accessToken)).ok).toBe(true);

    const result = await cli('clients', 'disable', created.client_id);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/status:\s+disabled/);
    expect((await list()).find((c) => c.client_id === created.client_id)?.status).toBe('disabled');

    const refused = await token(created.client_id, created.client_secret);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error).toBe('invalid_client');
    // A verifier without a cached verdict (any other instance, or this one after at most
    // 10 s) refuses the token at once.
    expect(await verifier.check(accessToken)).toEqual({ ok: false, reason: 'unknown' });
  });

  it('disabling stops API access on an instance that has not cached the token', async () => {
    const { client, secret } = await platform.clients.create({ name: 'API Reader' });
    const issued = await token(client.id, secret, 'aspspinformation');
    const accessToken = issued.json().access_token as string;

    expect((await cli('clients', 'disable', client.id)).code).toBe(0);

    // A second instance on the same store, as behind a balancer: no cache to wait for.
    const other = await createPlatform({ config: platform.config, logger: platform.logger, store });
    try {
      await other.api.ready();
      const response = await other.api.inject({
        method: 'GET',
        url: '/psd2/aspspinformation/v1/countries',
        headers: psd2Headers(accessToken),
      });
      expect(response.statusCode).toBe(401);
      expect(response.json().tppMessages[0].code).toBe('TOKEN_INVALID');
    } finally {
      await other.close();
    }
  });

  it('refuses a bad redirect URI on an existing client and keeps its URIs', async () => {
    const { client } = await platform.clients.create({
      name: 'Keeps URIs',
      redirectUris: ['https://keep.example/cb'],
    });
    const result = await cli(
      'clients',
      'set-redirect-uris',
      client.id,
      '--redirect-uri',
      'https://ok.example/cb',
      '--redirect-uri',
      'http://evil.example/cb',
    );
    expectRefusal(result, /must use https/);
    expect((await platform.clients.get(client.id)).redirectUris).toEqual([
      'https://keep.example/cb',
    ]);
  });

  it('enables a client again', async () => {
    const result = await cli('clients', 'enable', created.client_id);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/status:\s+active/);
    expect((await token(created.client_id, created.client_secret)).statusCode).toBe(200);
  });

  it('requires PKCE of a client when created with --require-pkce, and sets it either way with set-pkce', async () => {
    const pinned = await cliJson<CreatedClient & { require_pkce?: boolean }>(
      'clients',
      'create',
      '--name',
      'FAPI App',
      '--redirect-uri',
      'https://a.example/cb',
      '--require-pkce',
      '--json',
    );
    expect(pinned.require_pkce).toBe(true);
    expect((await platform.clients.get(pinned.client_id)).requirePkce).toBe(true);

    const optional = await cli('clients', 'set-pkce', pinned.client_id, '--optional');
    expect(optional.code, optional.stderr).toBe(0);
    expect(optional.stdout).not.toMatch(/PKCE/);
    expect((await platform.clients.get(pinned.client_id)).requirePkce).toBe(false);
    const listed = (await list()).find((c) => c.client_id === pinned.client_id);
    expect(listed).not.toHaveProperty('require_pkce');

    const required = await cli('clients', 'set-pkce', pinned.client_id, '--required');
    expect(required.code, required.stderr).toBe(0);
    expect(required.stdout).toMatch(/^PKCE:\s+required \(S256\)$/m);
    expect((await platform.clients.get(pinned.client_id)).requirePkce).toBe(true);
  });
});

/** Every column of every client, secret hashes and timestamps included. */
const clientRows = () => store.db.selectFrom('clients').selectAll().orderBy('id').execute();

describe.concurrent('bankbridge clients: bad input', () => {
  const UNKNOWN_ID = '3f0c1b9e-2a53-4d2e-8f7a-6a2b1c0d9e8f';

  it.each([
    {
      what: 'a plain-http redirect URI off localhost',
      args: ['clients', 'create', '--name', 'X', '--redirect-uri', 'http://evil.example/cb'],
      problem: /redirect URI http:\/\/evil\.example\/cb must use https/,
    },
    {
      what: 'a redirect URI that is not a URL',
      args: ['clients', 'create', '--name', 'X', '--redirect-uri', '/cb'],
      problem: /not an absolute URL/,
    },
    {
      what: 'a redirect URI with a fragment',
      args: ['clients', 'create', '--name', 'X', '--redirect-uri', 'https://a.example/cb#x'],
      problem: /fragment/,
    },
    {
      what: 'an unknown scope',
      args: ['clients', 'create', '--name', 'X', '--scope', 'foo'],
      problem: /unknown scope foo/,
    },
    {
      what: 'a context given as a service scope',
      args: ['clients', 'create', '--name', 'X', '--scope', 'private'],
      problem: /unknown scope private/,
    },
    {
      what: 'a missing --name',
      args: ['clients', 'create', '--redirect-uri', 'https://a.example/cb'],
      problem: /--name/,
    },
    {
      what: 'a blank --name',
      args: ['clients', 'create', '--name', '   '],
      problem: /needs a name/,
    },
    {
      what: 'an unknown client id to rotate',
      args: ['clients', 'rotate-secret', UNKNOWN_ID],
      problem: new RegExp(`no client with id ${UNKNOWN_ID}`),
    },
    {
      what: 'an unknown client id to disable',
      args: ['clients', 'disable', UNKNOWN_ID],
      problem: /no client with id/,
    },
    {
      what: 'an unknown client id to enable',
      args: ['clients', 'enable', UNKNOWN_ID],
      problem: /no client with id/,
    },
    {
      what: 'an unknown client id for redirect URIs',
      args: ['clients', 'set-redirect-uris', UNKNOWN_ID, '--redirect-uri', 'https://a.example/cb'],
      problem: /no client with id/,
    },
    {
      what: 'an unknown client id for PKCE',
      args: ['clients', 'set-pkce', UNKNOWN_ID, '--required'],
      problem: /no client with id/,
    },
    {
      what: 'set-pkce without --required or --optional',
      args: ['clients', 'set-pkce', UNKNOWN_ID],
      problem: /give one of --required or --optional/,
    },
    {
      what: 'set-pkce with both --required and --optional',
      args: ['clients', 'set-pkce', UNKNOWN_ID, '--required', '--optional'],
      problem: /give one of --required or --optional/,
    },
    {
      what: 'a missing client id',
      args: ['clients', 'rotate-secret'],
      problem: /client-id/,
    },
    {
      what: 'an unknown subcommand',
      args: ['clients', 'frobnicate'],
      problem: /unknown command 'frobnicate'/,
    },
    {
      what: 'an unknown option',
      args: ['clients', 'list', '--colour'],
      problem: /unknown option '--colour'/,
    },
  ])('refuses $what with one line and changes nothing', async ({ args, problem }) => {
    // Nothing here may change a client, so whatever runs alongside leaves the rows alone too.
    const before = await clientRows();
    expectRefusal(await cli(...args), problem);
    expect(await clientRows()).toEqual(before);
  });

  it('refuses bad configuration with one line', async () => {
    const result = await runCli(store, ['clients', 'list'], {
      env: { BANKBRIDGE_LOG_LEVEL: 'loud' },
    });
    expectRefusal(result, /BANKBRIDGE_LOG_LEVEL must be one of/);
  });
});

describe.concurrent('bankbridge start and sandbox: configuration they refuse', () => {
  // Should a refusal regress, what starts listens on ports of its own, not the defaults.
  const FREE_PORTS = {
    BANKBRIDGE_API_PORT: '0',
    BANKBRIDGE_AUTH_PORT: '0',
    BANKBRIDGE_SANDBOX_PORT: '0',
  };
  const shipped = readFileSync(defaultRegistryPath(), 'utf8');
  /** The shipped registry with one edit, as a file the CLI is pointed at. */
  function registry(name: string, edit: (text: string) => string): Record<string, string> {
    const file = path.join(store.dataDir, name);
    const edited = edit(shipped);
    expect(edited).not.toBe(shipped);
    writeFileSync(file, edited);
    return { ...FREE_PORTS, BANKBRIDGE_REGISTRY: file };
  }

  /** `bankbridge start`, without the notice oidc-provider prints on a Node.js it does not list. */
  async function start(env: Record<string, string>): Promise<CliResult> {
    const result = await runCli(store, ['start'], { env });
    const stderr = result.stderr.replace(/^oidc-provider WARNING: Unsupported runtime.*\n/m, '');
    return { ...result, stderr };
  }

  it('start: one line naming the field, and exits rather than keep a sandbox bank listening', async () => {
    // A field only the platform's check refuses: the sandbox banks would start on this file.
    const env = registry('unknown-field.yaml', (text) =>
      text.replace('- bicFi: ESSESESS', '- bicFi: ESSESESS\n    frobnicate: 1'),
    );
    expectRefusal(await start(env), /aspsps\[\d+\] \(ESSESESS\)\.frobnicate: is not a known field/);
  });

  it('start: one line for a secret key too short, not a stack', async () => {
    const result = await start({ ...FREE_PORTS, BANKBRIDGE_SECRET_KEY: 'too-short' });
    expectRefusal(result, /BANKBRIDGE_SECRET_KEY must be at least 32 characters long/);
    expect(result.code).toBe(2);
  });

  it('sandbox: one line naming the field, as the platform refuses', async () => {
    const env = registry('lower-case-bic.yaml', (text) =>
      text.replace('- bicFi: ESSESESS', '- bicFi: essesess'),
    );
    const result = await runCli(store, ['sandbox'], { env });
    expectRefusal(result, /\(essesess\): bicFi must be an 8 or 11 character BIC/);
    expect(result.code).toBe(2);
  });
});
