import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config.js';
import { UserNotFoundError, UserValidationError } from '../portal/users.js';
import { RegistryError } from '../registry/registry-error.js';
import { ClientNotFoundError, ClientValidationError } from '../store/clients.js';
import { clientsCommand } from './clients-command.js';
import { demoCommand } from './demo-command.js';
import { doctorCommand } from './doctor-command.js';
import { environmentHelp } from './environment-help.js';
import { migrateCommand } from './migrate-command.js';
import { sandboxCommand } from './sandbox-command.js';
import { startCommand } from './start-command.js';
import { usersCommand } from './users-command.js';

const program = new Command('bankbridge')
  .description('Bankbridge: one NextGenPSD2 API in front of many banks, with sandbox banks.')
  .addHelpText('after', environmentHelp())
  .showHelpAfterError()
  .exitOverride();

program.addCommand(startCommand());
program.addCommand(sandboxCommand());
program.addCommand(clientsCommand());
program.addCommand(demoCommand());
program.addCommand(usersCommand());
program.addCommand(migrateCommand());
program.addCommand(doctorCommand());

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = exitCodeFor(error);
}

/** Known failures print one clear line; only the unexpected prints a stack. */
function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode;
  if (
    error instanceof ConfigError ||
    error instanceof RegistryError ||
    error instanceof ClientValidationError ||
    error instanceof ClientNotFoundError ||
    error instanceof UserValidationError ||
    error instanceof UserNotFoundError
  ) {
    process.stderr.write(`bankbridge: ${error.message}\n`);
    return 2;
  }
  process.stderr.write(
    `bankbridge: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  return 1;
}
