/**
 * `bankbridge demo pay` as a developer runs it: a child process against a platform and sandbox
 * banks on local ports. The test is the person: the simulator signs for them at a BankID bank;
 * at a redirect bank it logs in with a browser and lands on the demo's callback, twice (the
 * consent, then the payment).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ANNA,
  type LivePlatform,
  startLivePlatform,
} from '../../../client/test/support/live-platform.js';
import { HttpBrowser, psuApprovesAtBank } from '../guide/psu-browser.js';
import { freePort } from '../support/free-port.js';
import { bankClockOnBusinessDay } from '../support/payments.js';
import { type DemoRun, demoArgs, finished, spawnDemo } from './demo-support.js';

let live: LivePlatform;
let client: { id: string; secret: string };
let redirectUri: string;

beforeAll(async () => {
  // Booked at once: the demo follows the payment to its booking without the clearing delay.
  live = await startLivePlatform({ sandbox: { clearingDelaySeconds: 0 } });
  await bankClockOnBusinessDay(live.sandboxUrl);
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

function demoPay(args: string[]): DemoRun {
  const [cli, command, ...rest] = demoArgs(live, client);
  return spawnDemo([
    cli as string,
    command as string,
    'pay',
    ...rest,
    '--redirect-uri',
    redirectUri,
    ...args,
  ]);
}

function expectWholePayment(out: string) {
  const steps = [...out.matchAll(/^\[(\d)\/8\] /gm)].map((m) => Number(m[1]));
  expect(steps).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  expect(out).toMatch(/→ POST \/psd2\/paymentinitiation\/v1\/payments\/domestic 201/);
  expect(out).toMatch(/payment \S+ created \(payments\/domestic\), status RCVD/);
  expect(out).toMatch(/payment \S+ executed: (ACSC|ACCC) \(executed\)/);
  // The booked payment in the debtor's transactions, marked.
  expect(out).toMatch(/^ {2}→ +\d{4}-\d\d-\d\d +-3\.25 +SEK +.+ +Demo lunch$/m);
  expect(out).toMatch(/the payment is booked on \d{4}-\d\d-\d\d/);
}

// Two SCAs and a booking in a child process: slower than a consent alone on a busy machine.
const SLOW = 90_000;

describe('bankbridge demo pay', () => {
  it(
    'pays at a decoupled bank (Swedbank), the BankID simulator signing, and shows the booking',
    async () => {
      const run = demoPay([
        '--yes',
        '--bank',
        'SWEDSESS',
        '--approve-with-simulator',
        '--amount',
        '3.25',
        '--message',
        'Demo lunch',
      ]);
      const { code, out } = await finished(run);
      expect(code, out).toBe(0);
      expectWholePayment(out);
      expect(out).toMatch(/BankID link: bankid:\/\/\/\?autostarttoken=/);
      expect(out).toMatch(/SCA by decoupled/);
    },
    SLOW,
  );

  it(
    'pays at a redirect bank (Nordea), taking both callbacks on its redirect URI',
    async () => {
      const run = demoPay([
        '--yes',
        '--bank',
        'NDEASESS',
        '--amount',
        '3.25',
        '--message',
        'Demo lunch',
      ]);
      const [consentLink] = await run.waitFor(/http\S+\/connect\/authorize\?\S+/);
      const consentBack = await psuApprovesAtBank(
        new HttpBrowser(),
        consentLink,
        redirectUri,
        ANNA,
      );
      expect((await fetch(`${redirectUri}?${new URLSearchParams(consentBack)}`)).status).toBe(200);

      await run.waitFor(/\[5\/8\]/);
      const from = run.output().indexOf('[5/8]');
      const [paymentLink] = await run.waitFor(/http\S+\/connect\/authorize\?\S+/, from);
      expect(new URL(paymentLink).searchParams.get('acr_values')).toMatch(/paymentId:/);
      const paymentBack = await psuApprovesAtBank(
        new HttpBrowser(),
        paymentLink,
        redirectUri,
        ANNA,
      );
      const landing = await fetch(`${redirectUri}?${new URLSearchParams(paymentBack)}`);
      expect(landing.status).toBe(200);

      const { code, out } = await finished(run);
      expect(code, out).toBe(0);
      expectWholePayment(out);
      expect(out).toMatch(/exchanged it with X-PaymentId and X-PaymentAuthorisationId/);
    },
    SLOW,
  );

  it('refuses an amount that is not one', async () => {
    const { code, out } = await finished(demoPay(['--yes', '--amount', 'ten']));
    expect(code).toBe(2);
    expect(out).toMatch(/--amount must be like 12\.50/);
  });
});
