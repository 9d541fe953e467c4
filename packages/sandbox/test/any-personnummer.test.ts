// Any valid personnummer is a customer of the Swedish sandbox banks, through every way a PSU
// identifies; anything else is refused as a bank refuses a PSU it cannot identify.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GeneratedCustomers, PERSONNUMMER_EXAMPLES } from '../src/domain/generated-customers.js';
import { isValidIban, makeIban } from '../src/domain/iban.js';
import { checkPersonnummer } from '../src/domain/personnummer.js';
import {
  ANNA,
  authorisedConsent,
  authorizeUrl,
  createConsent,
  dataHeaders,
  decoupledConsent,
  errorCode,
  FORM,
  form,
  type Sandbox,
  sessionOf,
  startSandbox,
  type Tokens,
  tppHeaders,
} from './helpers.js';

const FILIP = '197803141014';
const SAMORDNING = '198507693383';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.app.close());

interface AccountBody {
  resourceId: string;
  iban: string;
  currency: string;
  ownerName: string;
}

/** Everything a TPP reads about the consent's accounts, as the raw bodies the bank sent. */
async function readAll(s: Sandbox, bic: string, consentId: string, tokens: Tokens) {
  const list = await s.app.inject({
    url: `/banks/${bic}/v1/accounts?withBalance=true`,
    headers: dataHeaders(consentId, tokens),
  });
  expect(list.statusCode, list.body).toBe(200);
  const accounts: AccountBody[] = list.json().accounts;
  const bodies = [list.body];
  for (const account of accounts) {
    for (const path of ['/balances', '/transactions?bookingStatus=both&pageSize=500']) {
      const response = await s.app.inject({
        url: `/banks/${bic}/v1/accounts/${account.resourceId}${path}`,
        headers: dataHeaders(consentId, tokens),
      });
      expect(response.statusCode, response.body).toBe(200);
      bodies.push(response.body);
    }
  }
  return { accounts, bodies };
}

async function login(s: Sandbox, bic: string, psuId: string) {
  const consentId = await createConsent(s, bic);
  const session = sessionOf((await s.app.inject(authorizeUrl(bic, consentId))).body);
  return s.app.inject({
    method: 'POST',
    url: `/banks/${bic}/oauth2/authorize/login`,
    headers: FORM,
    payload: form({ session, psuId }),
  });
}

async function startDecoupled(s: Sandbox, bic: string, psuId?: string) {
  const consentId = await createConsent(s, bic);
  return s.app.inject({
    method: 'POST',
    url: `/banks/${bic}/v1/consents/${consentId}/authorisations`,
    headers: tppHeaders(psuId === undefined ? {} : { 'psu-id': psuId }),
  });
}

async function inApp(s: Sandbox, autoStartToken: string, body: Record<string, unknown>) {
  return s.app.inject({
    method: 'POST',
    url: `/bankid/api/orders/${autoStartToken}`,
    payload: body,
  });
}

describe('any valid personnummer at a Swedish sandbox bank', () => {
  it('logs in on the redirect page as a generated private customer with valid Swedish IBANs', async () => {
    const { consentId, tokens } = await authorisedConsent(sandbox, 'ESSESESS', FILIP);
    const { accounts } = await readAll(sandbox, 'ESSESESS', consentId, tokens);
    expect(accounts.length).toBeGreaterThan(0);
    for (const account of accounts) {
      expect(isValidIban(account.iban), account.iban).toBe(true);
      expect(account.iban).toMatch(/^SE\d{22}$/);
      expect(account.currency).toBe('SEK');
      expect(account.ownerName).toBe('Filip Andersson');
    }
  });

  it('gives byte-identical accounts, balances and transactions in another sandbox instance', async () => {
    const other = await startSandbox();
    try {
      const here = await authorisedConsent(sandbox, 'ESSESESS', FILIP);
      const there = await authorisedConsent(other, 'ESSESESS', FILIP);
      const a = await readAll(sandbox, 'ESSESESS', here.consentId, here.tokens);
      const b = await readAll(other, 'ESSESESS', there.consentId, there.tokens);
      expect(a.bodies.length).toBe(1 + 2 * a.accounts.length);
      expect(b.bodies).toEqual(a.bodies);
      // The history is real: two years of salary, rent and purchases.
      const transactions = JSON.parse(a.bodies[2] as string).transactions;
      expect(transactions.booked.length).toBeGreaterThan(100);
    } finally {
      await other.app.close();
    }
  });

  it('is the same person with different accounts at different banks', async () => {
    const atSeb = await authorisedConsent(sandbox, 'ESSESESS', FILIP);
    const atNordea = await authorisedConsent(sandbox, 'NDEASESS', FILIP);
    const seb = await readAll(sandbox, 'ESSESESS', atSeb.consentId, atSeb.tokens);
    const nordea = await readAll(sandbox, 'NDEASESS', atNordea.consentId, atNordea.tokens);
    expect(nordea.accounts[0]?.ownerName).toBe(seb.accounts[0]?.ownerName);
    const sebIbans = seb.accounts.map((a) => a.iban);
    for (const account of nordea.accounts) {
      expect(isValidIban(account.iban)).toBe(true);
      expect(sebIbans).not.toContain(account.iban);
    }
  });

  it('identifies by the PSU-ID of a decoupled start, and by psuId in the BankID app', async () => {
    const byHeader = await decoupledConsent(sandbox, 'ESSESESS', SAMORDNING);
    const fromHeader = await readAll(sandbox, 'ESSESESS', byHeader.consentId, byHeader.tokens);
    expect(fromHeader.accounts[0]?.ownerName).toBe('Elin Bergström');
    // The admin API knows the customer: withdrawing their consents works as for a test PSU.
    const revoked = await sandbox.app.inject({
      method: 'POST',
      url: `/admin/banks/ESSESESS/psus/${SAMORDNING}/revoke-consents`,
    });
    expect(revoked.json().revokedConsentIds).toEqual([byHeader.consentId]);

    const started = await startDecoupled(sandbox, 'ESSESESS');
    expect(started.statusCode).toBe(201);
    const { autoStartToken } = started.json();
    const approved = await inApp(sandbox, autoStartToken, {
      action: 'approve',
      psuId: SAMORDNING,
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'complete', psuId: SAMORDNING });
  });

  it('refuses an invalid number at login as an unknown PSU, saying the number is not valid', async () => {
    for (const [psuId, reason] of [
      ['197803141015', 'the check digit is wrong'],
      ['199002300000', '19900230 is not a date'],
      ['7803141014', 'it must be 12 digits'],
      ['19780314101A', 'it must be 12 digits'],
    ]) {
      const response = await login(sandbox, 'ESSESESS', psuId as string);
      expect(response.statusCode).toBe(401);
      expect(response.body).toContain(`No customer with id ${psuId}`);
      expect(response.body).toContain(`${psuId} is not a valid personal number: ${reason}`);
    }
  });

  it('refuses an invalid number at a decoupled start: 401 PSU_CREDENTIALS_INVALID', async () => {
    const response = await startDecoupled(sandbox, 'ESSESESS', '197803141015');
    expect(response.statusCode).toBe(401);
    expect(errorCode(response)).toBe('PSU_CREDENTIALS_INVALID');
    expect(response.json().tppMessages[0].text).toBe(
      '197803141015 is not a valid personal number: the check digit is wrong',
    );
  });

  it('refuses an invalid number in the BankID app and leaves the order pending', async () => {
    const { autoStartToken } = (await startDecoupled(sandbox, 'ESSESESS')).json();
    const refused = await inApp(sandbox, autoStartToken, {
      action: 'approve',
      psuId: '199013010000',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toEqual({
      errorCode: 'invalidParameters',
      details: '199013010000 is not a valid personal number: 19901301 is not a date',
    });
    const status = await sandbox.app.inject(`/bankid/api/orders/${autoStartToken}`);
    expect(status.json()).toMatchObject({ status: 'pending', psuId: null });
  });

  it('keeps the test PSUs as they are, also those whose id is a valid personnummer', async () => {
    expect(checkPersonnummer('199005152385').valid).toBe(true);
    const erik = await authorisedConsent(sandbox, 'ESSESESS', '199005152385');
    const { accounts } = await readAll(sandbox, 'ESSESESS', erik.consentId, erik.tokens);
    expect(accounts.map((a) => a.ownerName)).toEqual(['Erik Johansson', 'Erik Johansson']);
    // Anna's id does not check, and she still logs in.
    expect(checkPersonnummer(ANNA).valid).toBe(false);
    expect((await login(sandbox, 'ESSESESS', ANNA)).statusCode).toBe(200);
  });

  it('says on the login page that any valid personal number works', async () => {
    const consentId = await createConsent(sandbox, 'ESSESESS');
    const page = (await sandbox.app.inject(authorizeUrl('ESSESESS', consentId))).body;
    expect(page).toContain('Any valid Swedish personal number');
    for (const example of PERSONNUMMER_EXAMPLES) expect(page).toContain(example);
    expect((await sandbox.app.inject('/')).body).toContain('At the Swedish banks any valid');
  });
});

describe('banks outside Sweden and operator data files', () => {
  it('a Finnish or Danish bank knows its test PSUs only, as before', async () => {
    for (const bic of ['NDEAFIHH', 'DABADKKK']) {
      const response = await login(sandbox, bic, FILIP);
      expect(response.statusCode).toBe(401);
      expect(response.body).toContain(
        `No customer with id ${FILIP}. Pick one of the test users below.`,
      );
      expect(response.body).not.toContain('Any valid Swedish personal number');
    }
  });

  it('a data file that replaces the generated PSUs leaves no generated customers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-data-'));
    writeFileSync(
      join(dir, 'NDEASESS.json'),
      JSON.stringify({
        replaceGenerated: true,
        psus: [
          {
            psuId: '200001019999',
            name: 'Operator Test',
            accounts: [{ iban: makeIban('SE', '30000000000000000001'), currency: 'SEK' }],
          },
        ],
      }),
    );
    const own = await startSandbox({ dataDir: dir });
    try {
      expect((await login(own, 'NDEASESS', FILIP)).statusCode).toBe(401);
      expect((await login(own, 'ESSESESS', FILIP)).statusCode).toBe(200);
    } finally {
      await own.app.close();
    }
  });
});

describe('examples and memory', () => {
  it('the README examples are valid numbers of generated customers', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const section = readme.split('## Any valid personnummer')[1]?.split('\n## ')[0] ?? '';
    const examples = [...section.matchAll(/`(\d{12})`/g)].map((m) => m[1] as string);
    expect(examples).toEqual(expect.arrayContaining([...PERSONNUMMER_EXAMPLES, SAMORDNING]));
    for (const example of examples) expect(checkPersonnummer(example).valid, example).toBe(true);
  });

  it('keeps at most its capacity of customers built, and builds a dropped one the same', () => {
    const customers = new GeneratedCustomers(new Date('2026-03-16T10:00:00Z'), 3);
    const bank = { bic: 'ESSESESS', countryCode: 'SE', historyDays: 730 };
    const first = customers.find(bank, FILIP);
    for (const id of ['199403157200', SAMORDNING, '198112189876', '200002290005']) {
      customers.find(bank, id);
      expect(customers.size).toBeLessThanOrEqual(3);
    }
    const again = customers.find(bank, FILIP);
    expect(again).not.toBe(first);
    const ibans = (lookup: typeof first) =>
      'psu' in lookup ? lookup.psu.accounts.map((a) => [a.resourceId, a.iban]) : [];
    expect(ibans(again)).toEqual(ibans(first));
  });
});
