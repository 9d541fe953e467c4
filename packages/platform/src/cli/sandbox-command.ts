import { Command } from 'commander';
import { type Config, ConfigError, configFromEnv } from '../config.js';
import { createLogger, type Logger } from '../logging/logger.js';

/** Starts the bundled sandbox banks on the configured port. */
export async function startSandbox(
  config: Config,
  logger: Logger,
): Promise<{ url: string; close: () => Promise<void> }> {
  // Loaded when asked for, as every command's heavy parts: each CLI run starts from nothing.
  const { runSandbox, RegistryError, SandboxConfigError } = await import('@bankbridge/sandbox');
  const { defaultRegistryPath } = await import('../registry/load.js');
  try {
    return await runSandbox({
      host: config.host,
      port: config.sandboxPort,
      publicUrl: config.sandboxUrl,
      registryPath: config.registryPath ?? defaultRegistryPath(),
      logger: logger.child({ server: 'sandbox' }),
    });
  } catch (error) {
    // The sandbox's own refusals of its configuration: one line from the CLI, as the
    // platform's, not a stack.
    if (error instanceof RegistryError || error instanceof SandboxConfigError) {
      throw new ConfigError(error.message);
    }
    throw error;
  }
}

export function sandboxCommand(): Command {
  return new Command('sandbox')
    .description('run only the sandbox banks (simulated ASPSPs with a Berlin Group API)')
    .action(async () => {
      const config = configFromEnv();
      const logger = createLogger({ level: config.logLevel });
      const sandbox = await startSandbox(config, logger);
      process.stdout.write(`Sandbox banks at ${config.sandboxUrl}/banks/{BIC}\n`);
      const stop = () => void sandbox.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
