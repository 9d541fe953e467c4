// `bankbridge start` (what `npm start` runs) in a child process, in a temporary data directory
// of its own, on free ports, on SQLite: the quick start as a reader runs it.

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './free-port.js';

export const CLI = path.resolve(import.meta.dirname, '../../bin/bankbridge.mjs');
/** The banner's last line: everything is listening once it is printed. */
const READY = 'Stop with Ctrl-C';

export interface StartedBankbridge {
  /** The data directory the start runs in. */
  cwd: string;
  child: ChildProcess;
  ports: Record<'api' | 'auth' | 'sandbox', number>;
  /** Everything printed on stdout so far; the banner first. */
  readonly banner: string;
  /** Everything printed on stderr so far. */
  readonly stderr: string;
  /** Kills the process if it still runs and removes the data directory. */
  stop(): void;
}

/** Starts it and waits for its banner (at most 30 s); `env` is added to this process's. */
export async function startBankbridge(
  name: string,
  env: NodeJS.ProcessEnv = {},
): Promise<StartedBankbridge> {
  const cwd = mkdtempSync(path.join(tmpdir(), `bankbridge-${name}-`));
  const ports = { api: await freePort(), auth: await freePort(), sandbox: await freePort() };
  const child = spawn(process.execPath, [CLI, 'start'], {
    cwd,
    env: {
      ...process.env,
      BANKBRIDGE_API_PORT: String(ports.api),
      BANKBRIDGE_AUTH_PORT: String(ports.auth),
      BANKBRIDGE_SANDBOX_PORT: String(ports.sandbox),
      DATABASE_URL: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let banner = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    banner += chunk.toString();
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const started: StartedBankbridge = {
    cwd,
    child,
    ports,
    get banner() {
      return banner;
    },
    get stderr() {
      return stderr;
    },
    stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      rmSync(cwd, { recursive: true, force: true });
    },
  };
  // Generous: on a loaded machine compiling and migrating alone has taken over half a minute.
  const deadline = Date.now() + 90_000;
  while (!banner.includes(READY)) {
    if (Date.now() > deadline || child.exitCode !== null) {
      const exit = child.exitCode === null ? 'still running' : `exit code ${child.exitCode}`;
      started.stop();
      throw new Error(`bankbridge start did not come up (${exit}):\n${banner}\nstderr:\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return started;
}
