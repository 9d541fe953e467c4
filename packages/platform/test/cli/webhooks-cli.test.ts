/**
 * `bankbridge clients set-webhook | webhook | rotate-webhook-secret | remove-webhook` as an
 * operator runs them, as a subprocess on a fresh store (SQLite, or a PostgreSQL schema): the
 * signing secret printed once, never shown by `webhook`; endpoints that are not https or not
 * on a public address refused with one line and nothing stored; a rotation whose old secret
 * signs beside the new one; removal.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WEBHOOK_SECRETS_KEY } from '../../src/events/index.js';
import { MasterKey } from '../../src/security/master-key.js';
import { SealedBox } from '../../src/security/sealed-box.js';
import { WebhookSettingsRepository } from '../../src/store/webhooks.js';
import { CLI_TIMEOUT_MS, type CliResult, runCli } from '../support/cli.js';
import { createTestStore, type TestStore } from '../support/test-store.js';

vi.setConfig({ testTimeout: 3 * CLI_TIMEOUT_MS });

const SECRET_KEY = 'bankbridge-test-secret-key-0123456789abcdef';
let store: TestStore;
let clientId: string;
let settings: WebhookSettingsRepository;

const cli = (...args: string[]): Promise<CliResult> =>
  runCli(store, args, { env: { BANKBRIDGE_SECRET_KEY: SECRET_KEY } });

beforeAll(async () => {
  store = await createTestStore();
  const created = await cli('clients', 'create', '--name', 'Hooked TPP', '--json');
  expect(created.code, created.stderr).toBe(0);
  clientId = JSON.parse(created.stdout).client_id;
  settings = new WebhookSettingsRepository(
    store.db,
    new SealedBox(MasterKey.fromString(SECRET_KEY).derive(WEBHOOK_SECRETS_KEY)),
  );
}, 2 * CLI_TIMEOUT_MS);
afterAll(async () => store?.destroy());

function expectRefusal(result: CliResult, problem: RegExp): void {
  expect(result.code, result.stdout).not.toBe(0);
  expect(result.stdout).toBe('');
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(problem);
}

describe('bankbridge clients set-webhook', () => {
  it('refuses endpoints that are not https or not public, storing nothing', async () => {
    expectRefusal(
      await cli('clients', 'set-webhook', clientId, '--url', 'http://tpp.example/hooks'),
      /must be https/,
    );
    expectRefusal(
      await cli(
        'clients',
        'set-webhook',
        clientId,
        '--url',
        'https://169.254.169.254/latest',
        '--allowed-host',
        '169.254.169.254',
      ),
      /not a public address \(linkLocal\)/,
    );
    expect(await settings.get(clientId)).toBeUndefined();
  });

  it('prints the signing secret once, then shows the settings without it', async () => {
    const set = await cli(
      'clients',
      'set-webhook',
      clientId,
      '--url',
      'https://tpp.example/hooks',
      '--allowed-host',
      'tpp.example',
      '--json',
    );
    expect(set.code, set.stderr).toBe(0);
    const printed = JSON.parse(set.stdout);
    expect(printed).toMatchObject({
      url: 'https://tpp.example/hooks',
      allowed_hosts: ['tpp.example'],
      sca_events: false,
    });
    expect(printed.signing_secret).toMatch(/^whsec_/);
    expect(await settings.signingSecrets(clientId)).toEqual([printed.signing_secret]);

    const again = await cli('clients', 'set-webhook', clientId, '--sca-events', '--json');
    expect(JSON.parse(again.stdout).signing_secret).toBeUndefined();
    const shown = await cli('clients', 'webhook', clientId);
    expect(shown.stdout).toContain('webhook URL:   https://tpp.example/hooks');
    expect(shown.stdout).toContain('SCA events:    yes');
    expect(shown.stdout).not.toContain('whsec_');

    expectRefusal(
      await cli('clients', 'set-webhook', clientId, '--url', 'https://other.example/hooks'),
      /not on this client's list of webhook hosts/,
    );
  });

  it('rotates the secret, the old one signing beside it, and removes the settings', async () => {
    const [before] = await settings.signingSecrets(clientId);
    const rotated = await cli('clients', 'rotate-webhook-secret', clientId);
    expect(rotated.code, rotated.stderr).toBe(0);
    const secret = /^signing secret: (whsec_\S+)$/m.exec(rotated.stdout)?.[1];
    expect(secret).toBeDefined();
    expect(await settings.signingSecrets(clientId)).toEqual([secret, before]);
    expectRefusal(
      await cli('clients', 'rotate-webhook-secret', clientId, '--overlap-hours', '500'),
      /--overlap-hours must be an integer from 0 to 168/,
    );

    const removed = await cli('clients', 'remove-webhook', clientId);
    expect(removed.stdout.trim()).toBe('removed');
    expect(await settings.get(clientId)).toBeUndefined();
  });
});
