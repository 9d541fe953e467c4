import { Command } from 'commander';
import { type Config, configFromEnv } from '../config.js';
import { type DemoCredentials, ensureDemoClient } from '../demo-client.js';
import { createLogger, type Logger } from '../logging/logger.js';
import { startSandbox } from './sandbox-command.js';

export function startCommand(): Command {
  return new Command('start')
    .description(
      'run Bankbridge: apply migrations, start the auth server, the API and (unless disabled) the sandbox banks',
    )
    .option('--no-sandbox', 'do not start the sandbox banks nor create the demo client')
    .action(async (options: { sandbox: boolean }) => {
      const config = configFromEnv();
      if (!options.sandbox) config.sandbox = false;
      const logger = createLogger({ level: config.logLevel });
      const stops: Array<() => Promise<void>> = [];
      onShutdown(logger, stops);

      if (config.sandbox) {
        const sandbox = await startSandbox(config, logger);
        stops.push(sandbox.close);
      }
      // Loaded here, not at the top: the data commands (clients ...) need no OAuth server,
      // and loading oidc-provider prints a runtime notice on stderr that would garble theirs.
      const { createPlatform } = await import('../platform.js');
      const platform = await createPlatform({ config, logger });
      stops.unshift(() => platform.close());
      await platform.listen();
      const demo = config.sandbox
        ? await ensureDemoClient(platform.clients, platform.settings, config.dataDir, config.apiUrl)
        : undefined;
      process.stdout.write(banner(config, platform.store.location, demo));
    });
}

function onShutdown(logger: Logger, stops: Array<() => Promise<void>>): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    for (const close of stops) {
      await close().catch((err: unknown) => logger.error({ err }, 'error while shutting down'));
    }
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

function banner(config: Config, storeLocation: string, demo: DemoCredentials | undefined): string {
  const lines = [
    '',
    'Bankbridge is running',
    `  API (API_HOST)        ${config.apiUrl}    NextGenPSD2 under /psd2`,
    `  Auth (AUTH_HOST)      ${config.authUrl}    token endpoint ${config.authUrl}/connect/token`,
    `  Discovery             ${config.authUrl}/.well-known/openid-configuration`,
  ];
  if (config.sandbox) lines.push(`  Sandbox banks         ${config.sandboxUrl}/banks/{BIC}`);
  lines.push(
    `  Store                 ${config.databaseUrl ? 'PostgreSQL' : 'SQLite'} ${storeLocation}`,
  );
  if (demo) {
    lines.push('', 'Demo client (sandbox)', `  client_id      ${demo.clientId}`);
    lines.push(
      demo.clientSecret
        ? `  client_secret  ${demo.clientSecret}`
        : `  client_secret  (not in ${demo.file}: run "npm run bankbridge -- clients rotate-secret ${demo.clientId}")`,
    );
    if (demo.clientSecret) {
      lines.push(
        '',
        'Try it:',
        `  curl -s -X POST ${config.authUrl}/connect/token -H 'Content-Type: application/x-www-form-urlencoded' \\`,
        `    -d 'client_id=${demo.clientId}&client_secret=${demo.clientSecret}&scope=aspspinformation&grant_type=client_credentials'`,
      );
    }
  }
  lines.push('', 'Logs follow as JSON lines. Stop with Ctrl-C.', '');
  return `${lines.join('\n')}\n`;
}
