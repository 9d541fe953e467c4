import type { Command } from 'commander';
import { WEBHOOK_SECRETS_KEY, WebhookSettingsService } from '../events/webhook-settings.js';
import { MasterKey } from '../security/master-key.js';
import { SealedBox } from '../security/sealed-box.js';
import { ClientValidationError } from '../store/clients.js';
import type { WebhookSettings } from '../store/webhooks.js';
import { WebhookSettingsRepository } from '../store/webhooks.js';
import { withStore } from './open-store-for-cli.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `bankbridge clients set-webhook | webhook | rotate-webhook-secret | remove-webhook`. */
export function addWebhookCommands(clients: Command): void {
  clients
    .command('set-webhook')
    .description(
      "set a client's webhook endpoint and the hosts its endpoints may be on; the signing secret is printed once, the first time",
    )
    .argument('<client-id>')
    .option('--url <https-url>', 'the endpoint every event of the client is posted to')
    .option('--no-url', 'no endpoint of its own (resources may still name one, and the feed works)')
    .option(
      '--allowed-host <host>',
      'a host its endpoints may be on, also those named per resource in TPP-Notification-URI (repeatable; replaces the list; default: the URL host)',
      collect,
    )
    .option('--sca-events', 'also post SCA status changes of every authorisation')
    .option('--no-sca-events', 'consent and payment status changes only (the default)')
    .option('--json', 'print JSON')
    .action(
      async (
        id: string,
        options: {
          url?: string | false;
          allowedHost?: string[];
          scaEvents?: boolean;
          json?: boolean;
        },
      ) => {
        await withWebhooks(async (webhooks, clientExists) => {
          await clientExists(id);
          const { settings, secret } = await webhooks.configure(id, {
            ...(options.url === false ? { url: null } : options.url ? { url: options.url } : {}),
            ...(options.allowedHost ? { allowedHosts: options.allowedHost } : {}),
            ...(options.scaEvents === undefined ? {} : { scaEvents: options.scaEvents }),
          });
          if (options.json) {
            print(
              JSON.stringify(
                { ...view(settings), ...(secret ? { signing_secret: secret } : {}) },
                null,
                2,
              ),
            );
            return;
          }
          print(describe(settings));
          if (secret) {
            print(`signing secret: ${secret}`);
            print(
              'Store the secret now: it is shown once (rotate-webhook-secret makes a new one).',
            );
          }
        });
      },
    );

  clients
    .command('webhook')
    .description("show a client's webhook settings (never the secret)")
    .argument('<client-id>')
    .option('--json', 'print JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      await withWebhooks(async (webhooks) => {
        const settings = await webhooks.get(id);
        if (!settings) return print(`client ${id} has no webhook settings`);
        print(options.json ? JSON.stringify(view(settings), null, 2) : describe(settings));
      });
    });

  clients
    .command('rotate-webhook-secret')
    .description('make a new signing secret, printed once; the old one signs beside it for a while')
    .argument('<client-id>')
    .option(
      '--overlap-hours <hours>',
      'hours the old secret keeps signing too (0: stops at once)',
      '24',
    )
    .action(async (id: string, options: { overlapHours: string }) => {
      const hours = Number(options.overlapHours);
      if (!Number.isInteger(hours) || hours < 0 || hours > 168) {
        throw new ClientValidationError('--overlap-hours must be an integer from 0 to 168');
      }
      await withWebhooks(async (webhooks) => {
        print(`signing secret: ${await webhooks.rotateSecret(id, hours)}`);
      });
    });

  clients
    .command('remove-webhook')
    .description("forget a client's webhook settings and secret; pending deliveries are dropped")
    .argument('<client-id>')
    .action(async (id: string) => {
      await withWebhooks(async (webhooks) => {
        print((await webhooks.remove(id)) ? 'removed' : `client ${id} had no webhook settings`);
      });
    });
}

async function withWebhooks(
  work: (
    webhooks: WebhookSettingsService,
    clientExists: (id: string) => Promise<void>,
  ) => Promise<void>,
): Promise<void> {
  await withStore(async ({ store, clients, config }) => {
    const box = new SealedBox(
      MasterKey.load(config.secretKey, config.dataDir).key.derive(WEBHOOK_SECRETS_KEY),
    );
    const service = new WebhookSettingsService(new WebhookSettingsRepository(store.db, box), {
      allowLoopback: config.events.webhookLoopback,
    });
    await work(service, async (id) => {
      await clients.get(id);
    });
  });
}

function view(settings: WebhookSettings) {
  return {
    client_id: settings.clientId,
    url: settings.url,
    allowed_hosts: settings.allowedHosts,
    sca_events: settings.scaEvents,
    updated_at: settings.updatedAt,
  };
}

function describe(settings: WebhookSettings): string {
  return [
    `client_id:     ${settings.clientId}`,
    `webhook URL:   ${settings.url ?? '(none)'}`,
    `allowed hosts: ${settings.allowedHosts.join(' ') || '(none)'}`,
    `SCA events:    ${settings.scaEvents ? 'yes' : 'no'}`,
  ].join('\n');
}

function print(text: string): void {
  process.stdout.write(`${text}\n`);
}
