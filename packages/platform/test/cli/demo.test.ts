/**
 * `bankbridge demo` as a developer runs it: a child process against a platform and sandbox
 * banks listening on local ports, with a client of its own whose redirect URI is a free local
 * port. The test is the person: it approves in the BankID simulator, or logs in at the bank
 * with a browser and lands on the demo's callback, or presses Ctrl-C.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ANNA,
  bankIdApp,
  type LivePlatform,
  startLivePlatform,
} from '../../../client/test/support/live-platform.js';
import { HttpBrowser, psuApprovesAtBank } from '../guide/psu-browser.js';
import { freePort } from '../support/free-port.js';
import { CLI, type DemoRun, demoArgs, finished, spawnDemo } from './demo-support.js';

let live: LivePlatform;
let client: { id: string; secret: string };
let redirectUri: string;

beforeAll(async () => {
  live = await startLivePlatform();
  redirectUri = `http://localhost:${await freePort()}/callback`;
  const created = await live.platform.clients.create({
    name: 'Terminal demo',
    redirectUris: [redirectUri],
  });
  client = { id: created.client.id, secret: created.secret };
});

afterAll(async () => {
  await live?.close();
});

function demo(
  args: string[],
  env: Record<string, string> = {},
  as: { id: string; secret: string } = client,
): DemoRun {
  return spawnDemo([...demoArgs(live, as), '--redirect-uri', redirectUri, ...args], env);
}

async function consentStatus(consentId: string, bic: string): Promise<string> {
  const bankbridge = live.sdk({ clientId: client.id, clientSecret: client.secret });
  return (await bankbridge.consents.status({ consentId, bic })).consentStatus;
}

/** The client's consents as the platform's store holds them. */
async function consentsOf(clientId: string): Promise<string[]> {
  const rows = await live.platform.store.db
    .selectFrom('consents')
    .select('id')
    .where('client_id', '=', clientId)
    .execute();
  return rows.map((r) => r.id);
}

function consentIdIn(out: string): string {
  const id = /consent (\S+) created/.exec(out)?.[1];
  expect(id, out).toBeTruthy();
  return id as string;
}

/** Every step of the guide, in order, and the tables of its results. */
function expectWholeGuide(out: string) {
  const steps = [...out.matchAll(/^\[(\d)\/6\] /gm)].map((m) => Number(m[1]));
  expect(steps).toEqual([1, 2, 3, 4, 5, 6]);
  expect(out).toMatch(/^ {2}SE +Sweden$/m);
  expect(out).toMatch(/^ {2}\d +SWEDSESS +Swedbank AB$/m);
  expect(out).toMatch(/→ POST \/psd2\/consent\/v1\/consents 201 {2}X-Request-ID [0-9a-f-]{36}/);
  expect(out).toMatch(/is valid\n/);
  // Accounts, balances and transactions as tables.
  expect(out).toMatch(/^ {2}Account +IBAN +Currency +Product$/m);
  expect(out).toMatch(/^ {2}.+ +SE\d{22} +SEK +.+$/m);
  expect(out).toMatch(/^ {2}.+ +closingBooked +-?\d+\.\d{2} +SEK +\d{4}-\d\d-\d\d$/m);
  expect(out).toMatch(/^ {2}Booked +Amount +Currency +Counterparty +Text$/m);
  expect(out).toMatch(/^ {2}\d{4}-\d\d-\d\d +-?\d+\.\d{2} +SEK +/m);
}

describe('bankbridge demo', () => {
  it('walks the guide at a decoupled bank (Swedbank), approving in the BankID simulator itself', async () => {
    const run = demo(['--yes', '--bank', 'SWEDSESS', '--approve-with-simulator']);
    const { code, out } = await finished(run);
    expect(code, out).toBe(0);
    expectWholeGuide(out);
    // The QR code drawn in the terminal, the BankID link and the simulator link.
    expect(out).toMatch(/[▄▀█]{7}/);
    expect(out).toMatch(/BankID link: bankid:\/\/\/\?autostarttoken=[A-Za-z0-9-]{8,}/);
    expect(out).toContain(`${live.sandboxUrl}/bankid?autostarttoken=`);
    expect(out).toContain('Anna Andersson (198301014882)');
    expect(await consentStatus(consentIdIn(out), 'SWEDSESS')).toBe('valid');
  });

  it('waits for a person who approves in the simulator, as the printed link tells them', async () => {
    const run = demo(['--yes', '--bank', 'SWEDSESS', '--transactions', '2']);
    const [, token] = await run.waitFor(/\/bankid\?autostarttoken=([A-Za-z0-9-]+)/);
    await run.waitFor(/Waiting for the PSU/);
    await bankIdApp(live.sandboxUrl, token as string, 'approve', ANNA);
    const { code, out } = await finished(run);
    expect(code, out).toBe(0);
    expectWholeGuide(out);
  });

  it('walks the guide at a redirect bank (SEB): prints the link and takes the callback on its redirect URI', async () => {
    const run = demo(['--yes', '--bank', 'ESSESESS', '--delete-consent']);
    const [link] = await run.waitFor(/http\S+\/connect\/authorize\?\S+/);
    await run.waitFor(/Waiting for the bank to send the browser back/);
    expect(new URL(link).searchParams.get('redirect_uri')).toBe(redirectUri);

    // The person's browser: the bank's login, approve, and back to the demo's port.
    const query = await psuApprovesAtBank(new HttpBrowser(), link, redirectUri, ANNA);
    const landing = await fetch(`${redirectUri}?${new URLSearchParams(query)}`);
    expect(landing.status).toBe(200);
    expect(await landing.text()).toContain('Consent approved');

    const { code, out } = await finished(run);
    expect(code, out).toBe(0);
    const steps = [...out.matchAll(/^\[(\d)\/6\] /gm)].map((m) => Number(m[1]));
    expect(steps).toEqual([1, 2, 3, 4, 5, 6]);
    expect(out).toMatch(/SCA by redirect/);
    expect(out).toMatch(/^ {2}.+ +SE\d{22} +SEK +.+$/m);
    expect(out).toMatch(/^ {2}Booked +Amount/m);
    // --delete-consent: nothing is left behind.
    expect(out).toMatch(/deleted, as --delete-consent asked/);
    expect(await consentStatus(consentIdIn(out), 'ESSESESS')).toBe('terminatedByTpp');
  });

  it("takes the guide's consent at Handelsbanken: Bankbridge's pages ask for the accounts, then show BankID", async () => {
    const run = demo(['--yes', '--bank', 'HANDSESS']);
    const [link] = await run.waitFor(/http\S+\/connect\/authorize\?\S+/);
    const [, iban] = await run.waitFor(/enter (SE\d{22})/);
    await run.waitFor(/Waiting for the bank to send the browser back/);
    // The person's browser: Bankbridge's page for the accounts, then its BankID page.
    const browser = new HttpBrowser();
    const { page: accounts } = await browser.follow(link, redirectUri);
    expect(accounts.body).toContain('Choose the accounts to share');
    const action = /action="([^"]+\/accounts)"/.exec(accounts.body)?.[1] as string;
    const named = await browser.open(action.replaceAll('&amp;', '&'), {
      form: { ibans: iban as string },
    });
    const bankId = await browser.open(named.location as string);
    expect(bankId.body).toContain('Confirm with BankID');
    const token = /autostarttoken=([^&"]+)/.exec(bankId.body)?.[1] as string;
    await bankIdApp(live.sandboxUrl, decodeURIComponent(token), 'approve', ANNA);
    const statusUrl = /fetch\("([^"]+)"/.exec(bankId.body)?.[1] as string;
    let next: string | undefined;
    for (let poll = 0; poll < 20 && !next; poll++) {
      next = (JSON.parse((await browser.open(statusUrl)).body) as { next?: string }).next;
      if (!next) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const { page: back } = await browser.follow(next as string, redirectUri);
    const landing = await fetch(back.url);
    expect(await landing.text()).toContain('Consent approved');
    const { code, out } = await finished(run);
    expect(code, out).toBe(0);
    expect(out).not.toMatch(/refused a consent where the PSU picks the accounts/);
    expect(out).toMatch(new RegExp(`^ {2}.+ +${iban} +SEK +.+$`, 'm'));
    expect(await consentStatus(consentIdIn(out), 'HANDSESS')).toBe('valid');
  });

  it.each([
    ['decoupled', 'SWEDSESS', /Waiting for the PSU/],
    ['redirect', 'ESSESESS', /Waiting for the bank to send the browser back/],
  ])(
    'on Ctrl-C while waiting for %s SCA, deletes the consent it created and exits 130',
    async (_, bic, waiting) => {
      const run = demo(['--yes', '--bank', bic]);
      await run.waitFor(waiting);
      const consentId = consentIdIn(run.output());
      run.child.kill('SIGINT');
      const { code, out } = await finished(run);
      expect(code, out).toBe(130);
      expect(out).toContain(`deleted consent ${consentId}`);
      expect(await consentStatus(consentId, bic)).toBe('terminatedByTpp');
      // The callback port is free again.
      if (bic === 'ESSESESS') await expect(fetch(redirectUri)).rejects.toThrow();
    },
  );

  it('refuses a busy callback port before it creates any consent, naming --callback-port', async () => {
    const own = await live.platform.clients.create({
      name: 'Terminal demo, busy port',
      redirectUris: [redirectUri],
    });
    const port = Number(new URL(redirectUri).port);
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
    try {
      const run = demo(
        ['--yes', '--bank', 'ESSESESS'],
        {},
        { id: own.client.id, secret: own.secret },
      );
      const { code, out } = await finished(run);
      expect(code, out).toBe(2);
      expect(out).toContain(`port ${port}`);
      expect(out).toContain('--callback-port');
      expect(out).not.toMatch(/consent \S+ created/);
      expect(await consentsOf(own.client.id)).toEqual([]);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });

  it('refuses a redirect URI not registered for the client before it creates any consent', async () => {
    const own = await live.platform.clients.create({
      name: 'Terminal demo, other redirect URI',
      redirectUris: [redirectUri],
    });
    const unregistered = `http://localhost:${await freePort()}/elsewhere`;
    const run = demo(
      ['--redirect-uri', unregistered, '--yes', '--bank', 'ESSESESS'],
      {},
      { id: own.client.id, secret: own.secret },
    );
    const { code, out } = await finished(run);
    expect(code, out).toBe(2);
    expect(out).toContain(`${unregistered} is not registered for client ${own.client.id}`);
    expect(out).not.toMatch(/consent \S+ created/);
    expect(await consentsOf(own.client.id)).toEqual([]);
  });

  it('polls the consent status no more often than every 2 seconds while the PSU takes their time', async () => {
    const run = demo(['--yes', '--bank', 'SWEDSESS', '--transactions', '1']);
    const [, token] = await run.waitFor(/\/bankid\?autostarttoken=([A-Za-z0-9-]+)/);
    await run.waitFor(/Waiting for the PSU/);
    await new Promise((resolve) => setTimeout(resolve, 5000));
    await bankIdApp(live.sandboxUrl, token as string, 'approve', ANNA);
    const { code, out } = await finished(run);
    expect(code, out).toBe(0);
    const consentId = consentIdIn(out);
    const polls = (await live.platform.requestLog.recent(client.id, { limit: 200 }))
      .filter((r) => r.method === 'GET' && r.path.includes(`/consents/${consentId}/status`))
      .map((r) => Date.parse(r.at))
      .sort((a, b) => a - b);
    expect(polls.length, out).toBeGreaterThanOrEqual(2);
    for (const [i, at] of polls.entries()) {
      if (i > 0) expect(at - (polls[i - 1] as number)).toBeGreaterThanOrEqual(1800);
    }
  });

  it('says so when Bankbridge reaches no bank in the country asked for', async () => {
    const { code, out } = await finished(demo(['--yes', '--country', 'NO']));
    expect(code).toBe(2);
    expect(out).toContain(
      'Bankbridge reaches no bank in NO: no banks are served in NO; GET /psd2/aspspinformation/v1/countries lists the countries',
    );
  });

  it('says what to do when Bankbridge is not running', async () => {
    const port = await freePort();
    const run = demo([
      '--yes',
      '--api-url',
      `http://127.0.0.1:${port}`,
      '--auth-url',
      `http://127.0.0.1:${port}`,
    ]);
    const { code, out } = await finished(run);
    expect(code).toBe(1);
    expect(out).toMatch(/Is Bankbridge running\? Start it with "npm start"/);
  });

  it('says so when npm start saved no demo client (reading one: demo-settings.test.ts)', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'bankbridge-demo-'));
    try {
      const child = spawn(process.execPath, [CLI, 'demo', '--yes'], {
        env: { ...process.env, BANKBRIDGE_DATA_DIR: dataDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let err = '';
      child.stderr.on('data', (chunk: Buffer) => {
        err += chunk.toString();
      });
      const code = await new Promise((resolve) => child.once('exit', resolve));
      expect(code).toBe(2);
      expect(err).toContain(`no demo client in ${path.join(dataDir, 'demo-client.json')}`);
      expect(err).toContain('npm start');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
