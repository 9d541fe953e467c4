/**
 * `bankbridge demo` in a real terminal, driven as a person drives it: tmux runs it, the test
 * reads the screen and types. In a terminal the demo asks for the bank; Ctrl-C there stops it
 * before anything was created. Needs tmux (Debian's package); skipped without it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ANNA,
  bankIdApp,
  type LivePlatform,
  startLivePlatform,
} from '../../../client/test/support/live-platform.js';
import { freePort } from '../support/free-port.js';
import { demoArgs } from './demo-support.js';

const HAS_TMUX = spawnSync('tmux', ['-V']).status === 0;

let live: LivePlatform;
/** The demo checks its callback before any consent: one registered and free on this machine. */
let redirectUri: string;

beforeAll(async () => {
  if (!HAS_TMUX) return;
  live = await startLivePlatform();
  redirectUri = `http://localhost:${await freePort()}/callback`;
  const registered = (await live.platform.clients.find(live.client.id))?.redirectUris ?? [];
  await live.platform.clients.setRedirectUris(live.client.id, [...registered, redirectUri]);
});

afterAll(async () => {
  await live?.close();
});

/** A terminal of its own (a private tmux server), running the demo. */
class Terminal {
  private readonly socket = `bankbridge-demo-${randomBytes(4).toString('hex')}`;

  constructor(args: string[]) {
    const command = [
      'env',
      'NO_COLOR=1',
      process.execPath,
      ...demoArgs(live),
      '--redirect-uri',
      redirectUri,
      ...args,
    ]
      .map((part) => `'${part.replaceAll("'", "'\\''")}'`)
      .join(' ');
    this.tmux(
      'new-session',
      '-d',
      '-s',
      'demo',
      '-x',
      '150',
      '-y',
      '50',
      `${command}; echo EXIT=$?; sleep 60`,
    );
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-J', '-S', '-500', '-t', 'demo');
  }

  type(...keys: string[]): void {
    this.tmux('send-keys', '-t', 'demo', ...keys);
  }

  async waitFor(pattern: RegExp, ms = 20_000): Promise<RegExpExecArray> {
    const deadline = Date.now() + ms;
    for (;;) {
      const screen = this.screen();
      const match = pattern.exec(screen);
      if (match) return match;
      if (Date.now() > deadline) throw new Error(`no ${pattern} on the screen:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  close(): void {
    spawnSync('tmux', ['-L', this.socket, 'kill-server']);
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }
}

describe.skipIf(!HAS_TMUX)('bankbridge demo in a terminal', () => {
  it('asks for the bank, takes the number typed, and runs to the end once the PSU approves', async () => {
    const terminal = new Terminal(['--transactions', '2']);
    try {
      await terminal.waitFor(/Connect to which bank\? \[1-5, Enter for SWEDSESS\]/);
      const screen = terminal.screen();
      const swedbank = /^ {2}(\d) +SWEDSESS +Swedbank AB$/m.exec(screen)?.[1];
      expect(swedbank, screen).toBeTruthy();
      terminal.type(swedbank as string, 'Enter');

      const [, token] = await terminal.waitFor(/\/bankid\?autostarttoken=([A-Za-z0-9-]+)/);
      await terminal.waitFor(/Waiting for the PSU to approve/);
      // The QR code is on the screen, drawn with block characters.
      expect(terminal.screen()).toMatch(/[▄▀█]{7}/);
      await bankIdApp(live.sandboxUrl, token as string, 'approve', ANNA);

      await terminal.waitFor(/EXIT=\d+/);
      const end = terminal.screen();
      expect(end).toContain('EXIT=0');
      expect(end).toMatch(/chosen: Swedbank AB \(SWEDSESS\)/);
      expect(end).toMatch(/Done\. Consent \S+ at SWEDSESS stays valid until \d{4}-\d\d-\d\d/);
    } finally {
      terminal.close();
    }
  });

  it('stops at the question on Ctrl-C, having created nothing', async () => {
    const terminal = new Terminal([]);
    try {
      await terminal.waitFor(/Connect to which bank\?/);
      terminal.type('C-c');
      await terminal.waitFor(/EXIT=\d+/);
      const screen = terminal.screen();
      expect(screen).toContain('Stopped.');
      expect(screen).toContain('EXIT=130');
      expect(screen).not.toMatch(/consents/);
    } finally {
      terminal.close();
    }
  });
});
