import { BankbridgeError, NetworkError } from '@bankbridge/client';
import { Command } from 'commander';
import { ConfigError } from '../config.js';
import { Printer } from './demo/output.js';
import { DEMO_STEPS, type DemoContext, runDemo } from './demo/run-demo.js';
import { PAY_DEMO_STEPS, runPayDemo } from './demo/run-pay-demo.js';
import { type DemoOptions, DemoSetupError, demoSettings } from './demo/settings.js';

/** Exit status after Ctrl-C, as shells report a process ended by SIGINT. */
const INTERRUPTED = 130;

class Interrupted extends Error {
  override name = 'Interrupted';
}

export function demoCommand(): Command {
  return new Command('demo')
    .description(
      'walk the integration guide against a running Bankbridge (npm start): countries and banks, a consent, SCA, then accounts, balances and transactions',
    )
    .option('--bank <BIC>', 'the bank to connect to (default: ask; SWEDSESS with --yes)')
    .option('--country <code>', "the country whose banks are listed (default: the bank's, or SE)")
    .option('--psu <id>', 'the sandbox test PSU who authenticates', '198301014882')
    .option(
      '--approve-with-simulator',
      'approve a decoupled SCA in the sandbox BankID simulator as --psu, with nobody at a phone',
    )
    .option(
      '--animated-qr',
      "show BankID's animated QR code (mbid_animated_qr_token), redrawn every second",
    )
    .option(
      '--redirect-uri <uri>',
      'where the bank sends the browser back after a redirect SCA; the demo listens there (must be registered for the client)',
      'http://localhost:8090/callback',
    )
    .option(
      '--callback-port <port>',
      "listen for the redirect on this port rather than the redirect URI's (the URI with it must be registered for the client)",
    )
    .option(
      '--poll-interval <seconds>',
      "between polls of a decoupled SCA's status, as BankID asks (default 2; an animated QR code is polled every second)",
    )
    .option('--transactions <n>', 'how many of the latest transactions to show per account', '10')
    .option('-y, --yes', 'ask nothing: take the defaults (for scripts)')
    .option('--delete-consent', 'delete the consent at the end rather than leave it valid')
    .option('--api-url <url>', 'the API (default: BANKBRIDGE_API_URL, as npm start uses)')
    .option('--auth-url <url>', 'the auth server (default: BANKBRIDGE_AUTH_URL)')
    .option('--sandbox-url <url>', 'the sandbox banks (default: BANKBRIDGE_SANDBOX_URL)')
    .option(
      '--client-id <id>',
      'a client of your own (default: the demo client from <BANKBRIDGE_DATA_DIR>/demo-client.json)',
    )
    .option('--client-secret <secret>', 'its secret')
    .addHelpText(
      'after',
      `
Start Bankbridge first (npm start), then in another terminal:
  npm run bankbridge -- demo                        ask for the bank, a person does the SCA
  npm run bankbridge -- demo --bank SWEDSESS        decoupled: BankID QR code and simulator
  npm run bankbridge -- demo --bank ESSESESS        redirect: a link to open in the browser
  npm run bankbridge -- demo --yes --bank SWEDSESS --approve-with-simulator   no person needed`,
    )
    .action(async (options: DemoOptions) => {
      process.exitCode = await demo(options, DEMO_STEPS, runDemo);
    })
    .addCommand(payCommand());
}

interface PayOptions {
  amount: string;
  payeeIban?: string;
  payeeName?: string;
  message: string;
}

/** The demo's options are its parent's (`demo --bank X pay` and `demo pay --bank X` alike). */
function payCommand(): Command {
  return new Command('pay')
    .description(
      "walk a payment at a bank of your choice: a consent to see the account, the payment, its SCA, its status until booked, and the booking in the account's transactions",
    )
    .option('--amount <amount>', 'how much, in the account currency', '1.00')
    .option('--payee-iban <iban>', 'whom to pay (default: another test PSU at the bank)')
    .option('--payee-name <name>', "the payee's name (default: the test PSU's)")
    .option('--message <text>', 'the text the payee sees', 'Bankbridge demo')
    .addHelpText(
      'after',
      `
  npm run bankbridge -- demo pay --bank SWEDSESS              BankID QR code in the terminal
  npm run bankbridge -- demo pay --bank NDEASESS              redirect: a link to the bank
  npm run bankbridge -- demo pay --yes --bank SWEDSESS --approve-with-simulator`,
    )
    .action(async (_options: PayOptions, command: Command) => {
      const all = command.optsWithGlobals<DemoOptions & PayOptions>();
      if (!/^\d{1,12}(\.\d{1,2})?$/.test(all.amount)) {
        process.stderr.write(
          `bankbridge demo pay: --amount must be like 12.50, got ${all.amount}\n`,
        );
        process.exitCode = 2;
        return;
      }
      process.exitCode = await demo(all, PAY_DEMO_STEPS, (context) =>
        runPayDemo(context, {
          amount: all.amount,
          payeeIban: all.payeeIban,
          payeeName: all.payeeName,
          message: all.message,
        }),
      );
    });
}

async function demo(
  options: DemoOptions,
  steps: number,
  run: (context: DemoContext) => Promise<void>,
): Promise<number> {
  const out = process.stdout;
  const printer = new Printer(out, out.isTTY === true && !process.env.NO_COLOR, steps);
  const controller = new AbortController();
  let interrupted = false;
  const interrupt = () => {
    // A second Ctrl-C while cleaning up: leave at once.
    if (interrupted) process.exit(INTERRUPTED);
    interrupted = true;
    out.write('\nInterrupted: cleaning up (Ctrl-C again to leave at once)\n');
    controller.abort(new Interrupted('interrupted'));
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  try {
    const settings = demoSettings(options);
    await run({
      settings,
      printer,
      signal: controller.signal,
      interactive: process.stdin.isTTY === true,
      interrupt,
    });
    return 0;
  } catch (error) {
    if (interrupted) {
      out.write('Stopped.\n');
      return INTERRUPTED;
    }
    process.stderr.write(`bankbridge demo: ${describe(error)}\n`);
    return error instanceof DemoSetupError || error instanceof ConfigError ? 2 : 1;
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
  }
}

function describe(error: unknown): string {
  if (error instanceof NetworkError) {
    return `${error.text}. Is Bankbridge running? Start it with "npm start" (or point --api-url and --auth-url at it).`;
  }
  if (
    error instanceof BankbridgeError ||
    error instanceof DemoSetupError ||
    error instanceof ConfigError
  ) {
    return error.message;
  }
  // Only the unexpected prints a stack.
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
