import { execFile } from 'node:child_process';
import path from 'node:path';

/** The real `bankbridge` executable, as an operator runs it. */
export const BANKBRIDGE_BIN = path.resolve(import.meta.dirname, '../../bin/bankbridge.mjs');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** How long one CLI run may take; test files that run it set their test timeout from it. */
export const CLI_TIMEOUT_MS = 60_000;

/** Where a test's store lives: a SQLite data directory, or a PostgreSQL schema. */
export interface CliStore {
  dataDir: string;
  databaseUrl: string | undefined;
  postgresSchema: string | undefined;
}

/**
 * Runs `bankbridge <args>` as a subprocess on `store`, the same one a platform in the test
 * process reads. Only what the test sets may configure it: no BANKBRIDGE_* or DATABASE_URL
 * leaks in from the environment. `stdin` is piped in and closed (empty if not given).
 */
export function runCli(
  store: CliStore,
  args: string[],
  options: { stdin?: string; env?: Record<string, string> } = {},
): Promise<CliResult> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(BANKBRIDGE_|DATABASE_URL$)/.test(name)) env[name] = value;
  }
  Object.assign(env, {
    BANKBRIDGE_DATA_DIR: store.dataDir,
    BANKBRIDGE_LOG_LEVEL: 'silent',
    ...(store.databaseUrl ? { DATABASE_URL: store.databaseUrl } : {}),
    ...(store.postgresSchema ? { BANKBRIDGE_DB_SCHEMA: store.postgresSchema } : {}),
    ...options.env,
  });
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [BANKBRIDGE_BIN, ...args],
      // Each run starts Node and compiles the sources; on two busy cores that has taken over
      // 15 s. A timeout here is a hung CLI, not a slow one.
      { env, timeout: CLI_TIMEOUT_MS },
      (error, stdout, stderr) => {
        if (!error) return resolve({ code: 0, stdout, stderr });
        // A number is the exit code; anything else (a spawn failure, a timeout's signal) is
        // not an answer from the CLI.
        const { code } = error as { code?: unknown };
        if (typeof code !== 'number') return reject(error);
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(options.stdin ?? '');
  });
}
