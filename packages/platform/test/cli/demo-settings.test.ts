/**
 * Where `bankbridge demo` connects and as whom: the demo client `npm start` saved in the data
 * directory, the URLs `start` uses, and options that override either. No platform needed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type DemoOptions, DemoSetupError, demoSettings } from '../../src/cli/demo/settings.js';

const DEFAULTS: DemoOptions = {
  psu: '198301014882',
  redirectUri: 'http://localhost:8090/callback',
  transactions: '10',
};

let dataDir: string;
let env: Record<string, string>;

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'bankbridge-demo-settings-'));
  env = { BANKBRIDGE_DATA_DIR: dataDir, BANKBRIDGE_API_URL: 'http://127.0.0.1:18080' };
});

afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

function saveDemoClient(content: string) {
  writeFileSync(path.join(dataDir, 'demo-client.json'), content);
}

it('signs in as the demo client npm start saved, at the URLs start uses', () => {
  saveDemoClient(JSON.stringify({ clientId: 'demo-id', clientSecret: 'demo-secret' }));
  const settings = demoSettings({ ...DEFAULTS, bank: 'swedsess' }, env, dataDir);
  expect(settings).toMatchObject({
    clientId: 'demo-id',
    clientSecret: 'demo-secret',
    apiUrl: 'http://127.0.0.1:18080',
    bank: 'SWEDSESS',
    transactions: 10,
  });
});

it('takes --client-id and --client-secret over the saved client, and only the two together', () => {
  saveDemoClient(JSON.stringify({ clientId: 'demo-id', clientSecret: 'demo-secret' }));
  const own = demoSettings({ ...DEFAULTS, clientId: 'mine', clientSecret: 's3' }, env, dataDir);
  expect(own).toMatchObject({ clientId: 'mine', clientSecret: 's3' });
  expect(() => demoSettings({ ...DEFAULTS, clientId: 'mine' }, env, dataDir)).toThrow(
    /--client-id and --client-secret go together/,
  );
});

it('says what is wrong with a saved file it cannot use, in one line', () => {
  saveDemoClient('{ not json');
  const read = () => demoSettings(DEFAULTS, env, dataDir);
  expect(read).toThrow(DemoSetupError);
  expect(read).toThrow(/demo-client\.json has no client id and secret/);
});

it('moves the redirect URI to --callback-port, and refuses a port that is none', () => {
  saveDemoClient(JSON.stringify({ clientId: 'demo-id', clientSecret: 'demo-secret' }));
  const moved = demoSettings({ ...DEFAULTS, callbackPort: '9099' }, env, dataDir);
  expect(moved.redirectUri).toBe('http://localhost:9099/callback');
  expect(demoSettings(DEFAULTS, env, dataDir).redirectUri).toBe('http://localhost:8090/callback');
  expect(() => demoSettings({ ...DEFAULTS, callbackPort: '70000' }, env, dataDir)).toThrow(
    /--callback-port must be a port from 1 to 65535, got 70000/,
  );
});

it("polls a decoupled SCA every 2 seconds, as BankID's collect, unless --poll-interval says otherwise", () => {
  saveDemoClient(JSON.stringify({ clientId: 'demo-id', clientSecret: 'demo-secret' }));
  expect(demoSettings(DEFAULTS, env, dataDir).pollIntervalMs).toBe(2000);
  expect(demoSettings({ ...DEFAULTS, pollInterval: '5' }, env, dataDir).pollIntervalMs).toBe(5000);
  expect(() => demoSettings({ ...DEFAULTS, pollInterval: '0.1' }, env, dataDir)).toThrow(
    /--poll-interval must be seconds from 1 to 60, got 0\.1/,
  );
});
