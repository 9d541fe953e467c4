/**
 * Where the demo connects and as whom: the URLs `bankbridge start` uses (the same
 * environment variables and defaults), the demo client whose credentials `start` saved in
 * the data directory, each overridable by an option.
 */
import { existsSync } from 'node:fs';
import { configFromEnv } from '../../config.js';
import { demoClientFile, readSavedDemoClient } from '../../demo-client.js';

export interface DemoOptions {
  bank?: string;
  country?: string;
  psu: string;
  apiUrl?: string;
  authUrl?: string;
  sandboxUrl?: string;
  clientId?: string;
  clientSecret?: string;
  redirectUri: string;
  callbackPort?: string;
  pollInterval?: string;
  transactions: string;
  yes?: boolean;
  approveWithSimulator?: boolean;
  animatedQr?: boolean;
  deleteConsent?: boolean;
}

export interface DemoSettings {
  apiUrl: string;
  authUrl: string;
  sandboxUrl: string;
  clientId: string;
  clientSecret: string;
  bank: string | undefined;
  country: string | undefined;
  psuId: string;
  redirectUri: string;
  /** The client is the one `start` created, whose redirect URIs are known. */
  demoClient: boolean;
  /**
   * Between polls of a decoupled SCA's status. BankID asks relying parties to collect every
   * 2 seconds; an animated QR code is polled every second regardless, as its code changes.
   */
  pollIntervalMs: number;
  /** How many of the latest transactions to show per account. */
  transactions: number;
  /** Ask nothing: defaults for whatever an option does not say. */
  yes: boolean;
  approveWithSimulator: boolean;
  /** BankID's animated QR code, redrawn every second, rather than the autostart link's. */
  animatedQr?: boolean;
  deleteConsent: boolean;
}

/** A problem with the demo's set-up, said in one line. */
export class DemoSetupError extends Error {
  override name = 'DemoSetupError';
}

export function demoSettings(
  options: DemoOptions,
  env: Record<string, string | undefined> = process.env,
  cwd = process.cwd(),
): DemoSettings {
  const config = configFromEnv(env, cwd);
  const credentials = demoCredentials(options, config.dataDir);
  const transactions = Number(options.transactions);
  if (!Number.isInteger(transactions) || transactions < 0 || transactions > 100) {
    throw new DemoSetupError(
      `--transactions must be a number from 0 to 100, got ${options.transactions}`,
    );
  }
  return {
    apiUrl: options.apiUrl ?? config.apiUrl,
    authUrl: options.authUrl ?? config.authUrl,
    sandboxUrl: options.sandboxUrl ?? config.sandboxUrl,
    ...credentials,
    bank: options.bank?.toUpperCase(),
    country: options.country?.toUpperCase(),
    psuId: options.psu,
    redirectUri: withCallbackPort(options.redirectUri, options.callbackPort),
    demoClient: !options.clientId,
    pollIntervalMs: pollIntervalMs(options.pollInterval),
    transactions,
    yes: options.yes === true,
    approveWithSimulator: options.approveWithSimulator === true,
    ...(options.animatedQr === true ? { animatedQr: true } : {}),
    deleteConsent: options.deleteConsent === true,
  };
}

function pollIntervalMs(seconds: string | undefined): number {
  if (seconds === undefined) return 2000;
  const value = Number(seconds);
  if (!Number.isFinite(value) || value < 1 || value > 60) {
    throw new DemoSetupError(`--poll-interval must be seconds from 1 to 60, got ${seconds}`);
  }
  return Math.round(value * 1000);
}

/** The redirect URI on another port, for when the default one is taken on this machine. */
function withCallbackPort(redirectUri: string, callbackPort: string | undefined): string {
  if (callbackPort === undefined) return redirectUri;
  const port = Number(callbackPort);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new DemoSetupError(`--callback-port must be a port from 1 to 65535, got ${callbackPort}`);
  }
  let uri: URL;
  try {
    uri = new URL(redirectUri);
  } catch {
    throw new DemoSetupError(`--redirect-uri must be a URL, got ${redirectUri}`);
  }
  uri.port = String(port);
  return uri.href;
}

function demoCredentials(
  options: DemoOptions,
  dataDir: string,
): { clientId: string; clientSecret: string } {
  if (options.clientId && options.clientSecret) {
    return { clientId: options.clientId, clientSecret: options.clientSecret };
  }
  if (options.clientId || options.clientSecret) {
    throw new DemoSetupError('--client-id and --client-secret go together');
  }
  const file = demoClientFile(dataDir);
  if (!existsSync(file)) {
    throw new DemoSetupError(
      `no demo client in ${file}: start Bankbridge with "npm start" first (it creates one), or pass --client-id and --client-secret`,
    );
  }
  const saved = readSavedDemoClient(file);
  if (!saved?.clientId || !saved.clientSecret) {
    throw new DemoSetupError(`${file} has no client id and secret`);
  }
  return { clientId: saved.clientId, clientSecret: saved.clientSecret };
}
