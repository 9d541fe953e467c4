import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { isPsd2OrganizationId, readQwac } from '../certificates/qwac.js';
import { type Client, ClientValidationError } from '../store/clients.js';
import { withStore } from './open-store-for-cli.js';
import { addWebhookCommands } from './webhooks-command.js';

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
    .option(
      '--public',
      'an app that cannot keep a secret (browser, phone): no secret; it uses PKCE at /oauth/authorize',
    )
    .option('--require-pkce', REQUIRE_PKCE_HELP)
    .option('--organization-id <id>', ORGANIZATION_ID_HELP)
    .option('--certificate <pem-file>', CERTIFICATE_HELP)
    .option('--json', 'print JSON')
    .action(
      async (
        options: {
          name: string;
          redirectUri: string[];
          scope: string[];
          public?: boolean;
          requirePkce?: boolean;
          json?: boolean;
        } & CertificateOptions,
      ) => {
        const organizationId = certificateOrganization(options, false);
        await withStore(async ({ clients: repo }) => {
          const bind = async (client: Client) =>
            organizationId ? repo.bindCertificate(client.id, organizationId) : client;
          const input = {
            name: options.name,
            redirectUris: options.redirectUri,
            scopes: options.scope,
            requirePkce: options.requirePkce ?? false,
          };
          if (options.public) {
            const client = await bind(await repo.createPublic(input));
            if (options.json) return print(JSON.stringify(publicView(client), null, 2));
            print(describe(client));
            print('A public client has no secret: it must send a PKCE S256 code_challenge.');
            return;
          }
          const created = await repo.create(input);
          const { secret } = created;
          const client = await bind(created.client);
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
    .command('set-certificate')
    .description(
      'bind a client to the TPP certificates (QWACs) of one organisation: in production mode it gets tokens only while presenting one',
    )
    .argument('<client-id>')
    .option('--organization-id <id>', ORGANIZATION_ID_HELP)
    .option('--certificate <pem-file>', CERTIFICATE_HELP)
    .option('--none', 'unbind it: no token in production mode until it is bound again')
    .action(async (id: string, options: CertificateOptions & { none?: boolean }) => {
      const organizationId = certificateOrganization(options, true);
      await withStore(async ({ clients: repo }) => {
        print(describe(await repo.bindCertificate(id, organizationId ?? null)));
      });
    });

  clients
    .command('set-pkce')
    .description(
      'require PKCE (S256) of a client at /connect/authorize and /oauth/authorize, or make it optional again; from its next request on',
    )
    .argument('<client-id>')
    .option('--required', REQUIRE_PKCE_HELP)
    .option('--optional', 'PKCE only when the client sends a challenge (the default)')
    .action(async (id: string, options: { required?: boolean; optional?: boolean }) => {
      if (Boolean(options.required) === Boolean(options.optional)) {
        throw new ClientValidationError('give one of --required or --optional');
      }
      await withStore(async ({ clients: repo }) => {
        print(describe(await repo.setPkceRequired(id, options.required === true)));
      });
    });

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
  addWebhookCommands(clients);
  return clients;
}

function publicView(client: Client) {
  return {
    client_id: client.id,
    name: client.name,
    scopes: client.scopes,
    redirect_uris: client.redirectUris,
    status: client.status,
    ...(client.public ? { public: true } : {}),
    ...(client.requirePkce ? { require_pkce: true } : {}),
    ...(client.certificateOrganizationId
      ? { certificate_organization_id: client.certificateOrganizationId }
      : {}),
    created_at: client.createdAt,
  };
}

function describe(client: Client): string {
  return [
    `client_id:     ${client.id}`,
    `name:          ${client.name}`,
    `status:        ${client.status}`,
    ...(client.public ? ['type:          public (no secret, PKCE)'] : []),
    ...(client.requirePkce ? ['PKCE:          required (S256)'] : []),
    `scopes:        ${client.scopes.join(' ')}`,
    `redirect URIs: ${client.redirectUris.join(' ') || '(none)'}`,
    `certificate:   ${client.certificateOrganizationId ?? '(not bound)'}`,
  ].join('\n');
}

const REQUIRE_PKCE_HELP =
  'it must send a PKCE S256 code_challenge at /connect/authorize and /oauth/authorize (FAPI 2.0); BANKBRIDGE_REQUIRE_PKCE=true requires it of every client';
const ORGANIZATION_ID_HELP =
  'bind it to the TPP certificates (QWACs) of this organisation identifier, e.g. PSDSE-FINA-44059 (production mode requires a binding)';
const CERTIFICATE_HELP =
  'bind it to the organisation of this TPP certificate (PEM file): its organizationIdentifier is read';

interface CertificateOptions {
  organizationId?: string;
  certificate?: string;
  none?: boolean;
}

/** The organisation identifier the options name, read from a certificate if one is given. */
function certificateOrganization(
  options: CertificateOptions,
  required: boolean,
): string | undefined {
  const given = [options.organizationId, options.certificate, options.none].filter(
    (value) => value !== undefined,
  );
  if (given.length > 1) {
    throw new ClientValidationError(
      'give one of --organization-id, --certificate or --none, not several',
    );
  }
  if (options.certificate) {
    let der: Buffer;
    try {
      der = new X509Certificate(readFileSync(options.certificate)).raw;
    } catch (error) {
      throw new ClientValidationError(
        `cannot read a PEM certificate from ${options.certificate}: ${(error as Error).message}`,
      );
    }
    const qwac = readQwac(der);
    if (!qwac.ok) throw new ClientValidationError(`${options.certificate}: ${qwac.problem}`);
    return qwac.details.organizationId;
  }
  if (required && given.length === 0) {
    throw new ClientValidationError('give --organization-id, --certificate or --none');
  }
  // Checked before anything is created, so a typo does not leave an unbound client behind.
  if (options.organizationId !== undefined && !isPsd2OrganizationId(options.organizationId)) {
    throw new ClientValidationError(
      `"${options.organizationId}" is not a PSD2 organisation identifier (PSD<country>-<authority>-<id>, e.g. PSDSE-FINA-44059)`,
    );
  }
  return options.organizationId;
}

function print(text: string): void {
  process.stdout.write(`${text}\n`);
}
