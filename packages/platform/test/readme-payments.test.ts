import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedBankbridge, startBankbridge } from './support/bankbridge-start.js';
import { readmeBlock } from './support/readme-blocks.js';
import { runRedirectWalkthrough } from './support/readme-redirect.js';
import { TEST_DB } from './support/test-store.js';

/**
 * The README's payment walk-through, run as pasted against `bankbridge start` (what `npm
 * start` runs): a decoupled payment at Swedbank signed in the BankID simulator and executed,
 * the booked payment in the account's transactions, and a redirect payment at Nordea whose
 * browser part is done over HTTP. Each test is one shell, as a reader uses it. A start of its
 * own: the walk-through moves the sandbox's clock, which no other test should see. SQLite
 * only, as the quick start.
 */
describe.skipIf(TEST_DB !== 'sqlite')('the README payment walk-through', () => {
  let started: StartedBankbridge;

  beforeAll(async () => {
    started = await startBankbridge('readme-payments');
  }, 120_000);

  afterAll(() => started?.stop());

  /** The shell a reader pastes into, with the ports of this start. */
  function shellEnv(): NodeJS.ProcessEnv {
    const { ports } = started;
    return {
      ...process.env,
      AUTH: `http://localhost:${ports.auth}`,
      API: `http://localhost:${ports.api}`,
      SANDBOX: `http://localhost:${ports.sandbox}`,
    };
  }

  it('pays at Swedbank with BankID, polls to ACSC and finds the booking in the transactions', async () => {
    const script = [
      readmeBlock('payment-decoupled'),
      readmeBlock('consent-decoupled'),
      readmeBlock('payment-booked'),
    ].join('\n');
    const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', script], {
      cwd: started.cwd,
      env: shellEnv(),
    });
    const lines = stdout.trim().split('\n');
    const created = JSON.parse(lines[0] ?? '');
    const path = `/psd2/paymentinitiation/v1/payments/domestic/${created.paymentId}`;
    expect(created).toEqual({
      transactionStatus: 'RCVD',
      paymentId: expect.any(String),
      _links: {
        startAuthorisationWithTransactionAuthorisation: { href: `${path}/authorisations` },
        self: { href: path },
        status: { href: `${path}/status` },
      },
      psuMessage: `Please confirm payment ${created.paymentId}`,
    });
    expect(lines[1]).toMatch(/^aspsp-sca-approach: DECOUPLED\r?$/i);
    expect(lines[2]).toMatch(/^bankid:\/\/\/\?autostarttoken=[A-Za-z0-9-]{8,}$/);
    expect(JSON.parse(lines[3] ?? '')).toMatchObject({ status: 'complete', bic: 'SWEDSESS' });
    expect(lines[4]).toBe('scaStatus: finalised');
    const statuses = lines
      .filter((line) => line.startsWith('transactionStatus: '))
      .map((line) => line.slice('transactionStatus: '.length));
    expect(statuses[0]).toBe('ACSP');
    expect(statuses.at(-1)).toBe('ACSC');
    expect(lines).toContain('consentStatus: valid');

    const booked = JSON.parse(lines.at(-1) ?? '');
    expect(booked).toMatchObject({
      transactionAmount: { currency: 'SEK', amount: '-142.66' },
      creditorName: 'Enterprise Inc',
      creditorAccount: { iban: 'SE0390200000090201234567' },
      remittanceInformationUnstructured: 'Inv. 4711',
      bookingDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      endToEndId: expect.stringMatching(/^[0-9A-F]{32}$/),
    });
  }, 60_000);

  it('pays at Nordea by redirect, the browser part done over HTTP, and polls to ACSC', async () => {
    // One shell: the decoupled block sets up what the redirect block reuses; the shell then
    // waits for the code the reader would paste.
    const { out, link, query } = await runRedirectWalkthrough({
      blocks: ['payment-decoupled', 'payment-redirect'],
      tokenBlock: 'payment-redirect-token',
      cwd: started.cwd,
      env: shellEnv(),
      state: 'my-payment-1',
      linkWithinMs: 40_000,
    });
    const approaches = out.slice(0, out.indexOf(link)).match(/^aspsp-sca-approach: \w+/gim) ?? [];
    expect(approaches.at(-1)).toMatch(/REDIRECT$/i);
    expect(link).toMatch(
      /acr_values=idp:NDEASESS%20paymentId:[^%&]+%20paymentAuthorisationId:[^%&]+$/,
    );
    expect(query).toMatchObject({ state: 'my-payment-1', scope: 'paymentinitiation private' });
    const afterLink = out.slice(out.search(/\/connect\/authorize\?/));
    const lines = afterLink.trim().split('\n').slice(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3600,
      access_token: expect.any(String),
    });
    expect(lines.at(-1)).toBe('transactionStatus: ACSC');
  }, 90_000);
});
