import { Command } from 'commander';
import { type Config, configFromEnv } from '../config.js';
import { type DemoCredentials, demoWebhookSecret, ensureDemoClient } from '../demo-client.js';
import { createLogger, type Logger } from '../logging/logger.js';
import type { Platform } from '../platform.js';
import { type DemoDeveloper, ensureDemoDeveloper } from '../portal/demo-developer.js';
import { loadOidcProvider } from './quiet-runtime-warning.js';
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

      // Loaded here, not at the top: the other commands serve no OAuth and need not spend the
      // second it takes to load. oidc-provider goes first, with its runtime notice held back.
      await loadOidcProvider();
      const { createPlatform } = await import('../platform.js');
      // The platform first: it checks the registry (every problem listed) and the keys before
      // a sandbox bank listens on the same registry.
      const platform = await createPlatform({ config, logger });
      // SIGTERM drains (the platform's shutdown); an error at start closes at once.
      stops.push(async () => {
        if (!(await platform.shutdown())) process.exitCode = 1;
      });
      await serve(config, logger, platform, stops).catch(async (error: unknown) => {
        // What already listens would keep the process alive after the error is reported.
        await closeAll(logger, stops);
        throw error;
      });
    });
}

/** The sandbox banks, the demo client and app if they run, then the platform's listeners. */
async function serve(
  config: Config,
  logger: Logger,
  platform: Platform,
  stops: Array<() => Promise<void>>,
): Promise<void> {
  if (config.sandbox) {
    const sandbox = await startSandbox(config, logger);
    stops.push(sandbox.close);
  }
  const demo = config.sandbox
    ? await ensureDemoClient(platform.clients, platform.settings, config.dataDir, config.apiUrl)
    : undefined;
  const developer = demo
    ? await ensureDemoDeveloper(platform.users, platform.clients, config.dataDir, demo.clientId)
    : undefined;
  // The demo TPP app is a client of the platform, not a part of it: mounted here, beside
  // the sandbox and the demo client it exists for (see src/demo-app/README.md).
  if (demo) {
    const { demoApp } = await import('../demo-app/demo-app.js');
    const webhookSecret = await demoWebhookSecret(
      platform.webhooks,
      demo.clientId,
      config.apiUrl,
      config.events.webhookLoopback,
    );
    await platform.api.register(demoApp, {
      webhookSecret,
      publicUrl: config.apiUrl,
      apiUrl: config.apiUrl,
      authUrl: config.authUrl,
      sandboxUrl: config.sandboxUrl,
      credentials: demo,
      bankWork: platform.bankWorkLimit('demo'),
    });
  }
  await platform.listen();
  process.stdout.write(
    banner(config, platform.store.location, demo, developer, platform.metricsUrl()),
  );
}

function onShutdown(logger: Logger, stops: Array<() => Promise<void>>): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await closeAll(logger, stops);
    // 1 when the shutdown timeout cut requests or work that was under way.
    process.exit(process.exitCode ?? 0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

/** Closes what was started, the platform first so that it stops calling the sandbox banks. */
async function closeAll(logger: Logger, stops: Array<() => Promise<void>>): Promise<void> {
  for (const close of stops.splice(0)) {
    await close().catch((err: unknown) => logger.error({ err }, 'error while shutting down'));
  }
}

function banner(
  config: Config,
  storeLocation: string,
  demo: DemoCredentials | undefined,
  developer: DemoDeveloper | undefined,
  metricsUrl: string | undefined,
): string {
  const lines = [
    '',
    'Bankbridge is running',
    `  API (API_HOST)        ${config.apiUrl}    NextGenPSD2 under /psd2`,
    `  Auth (AUTH_HOST)      ${config.authUrl}    token endpoint ${config.authUrl}/connect/token`,
    `  Discovery             ${config.authUrl}/.well-known/openid-configuration`,
    `  Simple AISP API       ${config.apiUrl}/aisp/v1    authorize ${config.authUrl}/oauth/authorize`,
    `  Developer portal      ${config.apiUrl}/portal    API reference ${config.apiUrl}/portal/reference`,
  ];
  if (config.sandbox) lines.push(`  Sandbox banks         ${config.sandboxUrl}/banks/{BIC}`);
  if (demo) lines.push(`  Demo TPP app          ${config.apiUrl}/demo    a TPP in the browser`);
  lines.push(
    `  Store                 ${config.databaseUrl ? 'PostgreSQL' : 'SQLite'} ${storeLocation}`,
  );
  lines.push(
    `  Probes                ${config.apiUrl}/health/live    ready ${config.apiUrl}/health/ready`,
  );
  if (metricsUrl) lines.push(`  Metrics (Prometheus)  ${metricsUrl}`);
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
  if (developer) {
    lines.push(
      '',
      `Demo developer (portal ${config.apiUrl}/portal, owns the demo client)`,
      `  email          ${developer.email}`,
      developer.password
        ? `  password       ${developer.password}`
        : `  password       (not in ${developer.file}: run "npm run bankbridge -- users reset-password ${developer.email}")`,
    );
  } else {
    lines.push(
      '',
      'Portal accounts: npm run bankbridge -- users create --email you@example.com --role operator',
    );
  }
  lines.push('', 'Logs follow as JSON lines. Stop with Ctrl-C.', '');
  return `${lines.join('\n')}\n`;
}
