// A README redirect walkthrough run as a reader runs it: the blocks in one shell, which prints
// the scaOAuth link and waits for the code the reader would paste; the PSU's browser part is
// done over HTTP, and the code is handed to the shell.

import { spawn } from 'node:child_process';
import { expect } from 'vitest';
import { HttpBrowser, psuApprovesAtBank } from '../guide/psu-browser.js';
import { readmeBlock, waitFor } from './readme-blocks.js';

export const WALKTHROUGH_REDIRECT_URI = 'http://localhost:8090/callback';

export interface RedirectWalkthrough {
  /** The README blocks before the code, in order. */
  blocks: string[];
  /** The README block that redeems the code; its `CODE=` line is what the reader pastes. */
  tokenBlock: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** The `state` the link must carry. */
  state: string;
  /** How long the shell may take to print the link. */
  linkWithinMs: number;
}

/** Runs the walkthrough to its end (exit 0); what the shell printed and the link it printed. */
export async function runRedirectWalkthrough(
  walk: RedirectWalkthrough,
): Promise<{ out: string; link: string; query: Record<string, string> }> {
  const tokenBlock = readmeBlock(walk.tokenBlock);
  expect(tokenBlock).toMatch(/^CODE=.*$/m);
  const script = [
    ...walk.blocks.map((name) => readmeBlock(name)),
    'read -r CODE',
    tokenBlock.replace(/^CODE=.*$/m, ''),
  ].join('\n');
  const shell = spawn('bash', ['-euo', 'pipefail', '-c', script], {
    cwd: walk.cwd,
    env: walk.env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  shell.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  shell.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => shell.once('exit', resolve));
  try {
    await waitFor(
      () => /\/connect\/authorize\?\S+\n/.test(out) || shell.exitCode !== null,
      walk.linkWithinMs,
      () => `${out}\n${err}`,
    );
    const link = /^(http\S+\/connect\/authorize\?\S+)$/m.exec(out)?.[1];
    expect(link, `${out}\n${err}`).toBeTruthy();
    expect(link).toContain(`redirect_uri=${WALKTHROUGH_REDIRECT_URI}&state=${walk.state}&`);
    const query = await psuApprovesAtBank(
      new HttpBrowser(),
      link as string,
      WALKTHROUGH_REDIRECT_URI,
      '198301014882',
    );
    expect(query.state).toBe(walk.state);
    shell.stdin.end(`${query.code}\n`);
    expect(await exited, `${out}\n${err}`).toBe(0);
    return { out, link: link as string, query };
  } finally {
    if (shell.exitCode === null) shell.kill('SIGKILL');
  }
}
