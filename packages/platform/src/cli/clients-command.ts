import { Command } from 'commander';
import type { Client } from '../store/clients.js';
import { withStore } from './open-store-for-cli.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function clientsCommand(): Command {
  const clients = new Command('clients').description(
    'manage TPP clients (applications): create, list, rotate secrets, disable',
  );

  clients
    .command('create')
    .description('register a client; its secret is printed once and cannot be shown again')
    .requiredOption('--name <name>', 'the application name')
    .option('--redirect-uri <uri>', 'an exact redirect URI (repeatable)', collect, [])
    .option(
      '--scope <scope>',
      'aspspinformation, accountinformation or paymentinitiation (repeatable; default: all)',
      collect,
      [],
    )
    .option('--json', 'print JSON')
    .action(
      async (options: { name: string; redirectUri: string[]; scope: string[]; json?: boolean }) => {
        await withStore(async ({ clients: repo }) => {
          const { client, secret } = await repo.create({
            name: options.name,
            redirectUris: options.redirectUri,
            scopes: options.scope,
          });
          if (options.json) {
            print(JSON.stringify({ ...publicView(client), client_secret: secret }, null, 2));
            return;
          }
          print(describe(client));
          print(`client_secret: ${secret}`);
          print('Store the secret now: Bankbridge keeps only its hash and cannot show it again.');
        });
      },
    );

  clients
    .command('list')
    .description('list all clients')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      await withStore(async ({ clients: repo }) => {
        const all = await repo.list();
        if (options.json) return print(JSON.stringify(all.map(publicView), null, 2));
        if (all.length === 0)
          return print('no clients yet: bankbridge clients create --name <name>');
        for (const client of all) print(`${describe(client)}\n`);
      });
    });

  clients
    .command('rotate-secret')
    .description('issue a new secret; the old one stops working at once')
    .argument('<client-id>')
    .option('--json', 'print JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      await withStore(async ({ clients: repo }) => {
        const secret = await repo.rotateSecret(id);
        if (options.json) return print(JSON.stringify({ client_id: id, client_secret: secret }));
        print(`client_id:     ${id}\nclient_secret: ${secret}`);
      });
    });

  clients
    .command('set-redirect-uris')
    .description('replace the redirect URIs of a client')
    .argument('<client-id>')
    .option('--redirect-uri <uri>', 'an exact redirect URI (repeatable)', collect, [])
    .action(async (id: string, options: { redirectUri: string[] }) => {
      await withStore(async ({ clients: repo }) => {
        print(describe(await repo.setRedirectUris(id, options.redirectUri)));
      });
    });

  for (const [name, status, what] of [
    ['disable', 'disabled', 'refuse its tokens and credentials from now on'],
    ['enable', 'active', 'accept it again'],
  ] as const) {
    clients
      .command(name)
      .description(`${name} a client: ${what}`)
      .argument('<client-id>')
      .action(async (id: string) => {
        await withStore(async ({ clients: repo }) => {
          print(describe(await repo.setStatus(id, status)));
        });
      });
  }
  return clients;
}

function publicView(client: Client) {
  return {
    client_id: client.id,
    name: client.name,
    scopes: client.scopes,
    redirect_uris: client.redirectUris,
    status: client.status,
    created_at: client.createdAt,
  };
}

function describe(client: Client): string {
  return [
    `client_id:     ${client.id}`,
    `name:          ${client.name}`,
    `status:        ${client.status}`,
    `scopes:        ${client.scopes.join(' ')}`,
    `redirect URIs: ${client.redirectUris.join(' ') || '(none)'}`,
  ].join('\n');
}

function print(text: string): void {
  process.stdout.write(`${text}\n`);
}
