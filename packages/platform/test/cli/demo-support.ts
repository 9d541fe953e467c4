/** `bankbridge demo` as the tests start it: pointed at a live platform, as one of its clients. */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import type { LivePlatform } from '../../../client/test/support/live-platform.js';

export const CLI = path.resolve(import.meta.dirname, '../../bin/bankbridge.mjs');

/** The arguments of `node` that run the demo against `live` as `client` (default its own). */
export function demoArgs(
  live: LivePlatform,
  client: { id: string; secret: string } = live.client,
): string[] {
  return [
    CLI,
    'demo',
    '--api-url',
    live.apiUrl,
    '--auth-url',
    live.authUrl,
    '--sandbox-url',
    live.sandboxUrl,
    '--client-id',
    client.id,
    '--client-secret',
    client.secret,
  ];
}

/** A demo running as a child process, its output read as it comes. */
export interface DemoRun {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  /** Resolves once the output (from offset `from`) matches, with the match. */
  waitFor(pattern: RegExp, from?: number): Promise<RegExpExecArray>;
}

/** Starts `node <argv>` with colours off; its stdout and stderr make one output. */
export function spawnDemo(argv: string[], env: Record<string, string> = {}): DemoRun {
  const child = spawn(process.execPath, argv, {
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return {
    child,
    output: () => out,
    exited,
    async waitFor(pattern, from = 0) {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const match = pattern.exec(out.slice(from));
        if (match) return match;
        if (child.exitCode !== null || Date.now() > deadline) {
          throw new Error(`no ${pattern} in the demo's output:\n${out}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

/** The demo's exit code and output once it ends; killed if it is still running after a minute. */
export async function finished(run: DemoRun): Promise<{ code: number | null; out: string }> {
  try {
    const code = await Promise.race([
      run.exited,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`demo still running:\n${run.output()}`)), 60_000),
      ),
    ]);
    return { code, out: run.output() };
  } finally {
    if (run.child.exitCode === null) run.child.kill('SIGKILL');
  }
}
