import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, isoDate } from '../src/domain/dates.js';
import { generatePsus } from '../src/domain/generator.js';
import { HEAVY_PER_DAY } from '../src/domain/heavy-ledger.js';
import { isValidIban, makeIban } from '../src/domain/iban.js';
import type { Psu } from '../src/domain/model.js';
import { formatAmount, parseAmount } from '../src/domain/money.js';
import { createSandboxServer, DEFAULT_REGISTRY_PATH, parseSandboxBanks } from '../src/index.js';
import { loadSandboxBanks } from '../src/registry/load-registry.js';
import { ANNA, authorisedConsent, dataHeaders, type Sandbox, startSandbox } from './helpers.js';

interface Page {
  booked: Array<{ transactionAmount: { amount: string } }>;
  pending?: Array<{ transactionAmount: { amount: string } }>;
  _links: { next?: { href: string } };
}

const NOW = new Date('2026-03-16T10:00:00Z');
const TODAY = isoDate(NOW);
const banks = loadSandboxBanks(DEFAULT_REGISTRY_PATH);

function psusOf(bic: string): Psu[] {
  const bank = banks.find((b) => b.bic === bic);
  if (!bank) throw new Error(bic);
  return generatePsus(
    {
      bic,
      countryCode: bank.countryCode,
      historyDays: bank.accountInformation.transactionHistoryDays,
    },
    { startedAt: NOW },
  );
}

describe('IBANs and amounts', () => {
  it('computes ISO 13616 check digits', () => {
    expect(makeIban('DE', '370400440532013000')).toBe('DE89370400440532013000');
    expect(makeIban('GB', 'WEST12345698765432')).toBe('GB82WEST12345698765432');
    expect(isValidIban('SE4550000000058398257466')).toBe(true);
    expect(isValidIban('SE4650000000058398257466')).toBe(false);
  });

  it('formats and parses decimal amounts exactly', () => {
    expect(formatAmount(-5)).toBe('-0.05');
    expect(formatAmount(123456)).toBe('1234.56');
    expect(parseAmount('-12.5')).toBe(-1250);
    expect(parseAmount('1e3')).toBeUndefined();
  });
});

describe.each(banks.map((b) => [b.bic, b] as const))('generated data at %s', (bic, bank) => {
  const psus = psusOf(bic);

  it('gives every PSU 1-4 accounts with valid IBANs of the bank’s country', () => {
    const ibans = new Set<string>();
    for (const psu of psus) {
      expect(psu.accounts.length).toBeGreaterThanOrEqual(1);
      expect(psu.accounts.length).toBeLessThanOrEqual(4);
      for (const account of psu.accounts) {
        expect(isValidIban(account.iban), account.iban).toBe(true);
        expect(account.iban.slice(0, 2)).toBe(bank.countryCode);
        expect(account.bban).toBe(account.iban.slice(4));
        ibans.add(account.iban);
      }
    }
    expect(ibans.size).toBe(psus.flatMap((p) => p.accounts).length);
  });

  it('keeps balances equal to the transaction sums, dates in range and ids unique', () => {
    const ids = new Set<string>();
    const oldest = addDays(TODAY, -bank.accountInformation.transactionHistoryDays);
    for (const psu of psus.filter((p) => p.scenario !== 'heavy')) {
      for (const account of psu.accounts) {
        const ledger = account.ledger(NOW);
        expect(ledger.openingDate).toBe(addDays(oldest, -1));
        let sum = 0;
        let previous = '';
        for (let i = 0; i < ledger.booked.count; i++) {
          const t = ledger.booked.at(i);
          sum += t.amount;
          expect(Number.isInteger(t.amount)).toBe(true);
          expect(
            t.bookingDate && t.bookingDate >= oldest && t.bookingDate < TODAY,
            `${t.bookingDate}`,
          ).toBe(true);
          expect((t.bookingDate as string) >= previous).toBe(true);
          previous = t.bookingDate as string;
          expect(ids.has(t.transactionId), t.transactionId).toBe(false);
          ids.add(t.transactionId);
          expect(t.currency).toBe(account.currency);
          expect(t.remittanceInformationUnstructured).not.toBe('');
        }
        expect(ledger.booked.sum()).toBe(sum);
        for (const t of ledger.pending) {
          expect(t.bookingDate).toBeUndefined();
          expect(t.valueDate).toBe(TODAY);
          expect(ids.has(t.transactionId)).toBe(false);
          ids.add(t.transactionId);
        }
      }
    }
  });

  it('is the same on every start', () => {
    const again = psusOf(bic);
    const a = psus[0]?.accounts[0];
    const b = again[0]?.accounts[0];
    expect(b?.iban).toBe(a?.iban);
    expect(b?.ledger(NOW).booked.at(10)).toEqual(a?.ledger(NOW).booked.at(10));
  });
});

describe('realistic content', () => {
  const psus = psusOf('ESSESESS');
  const anna = psus.find((p) => p.psuId === ANNA) as Psu;

  it('pays salary every month, rent, fees and card purchases at named merchants', () => {
    const ledger = anna.accounts[0]?.ledger(NOW);
    if (!ledger) throw new Error('no account');
    const all = Array.from({ length: ledger.booked.count }, (_, i) => ledger.booked.at(i));
    const salaries = all.filter((t) => t.remittanceInformationUnstructured.startsWith('LÖN'));
    expect(salaries.length).toBeGreaterThanOrEqual(23);
    expect(salaries.every((t) => t.amount > 0 && t.debtorName && t.debtorAccount)).toBe(true);
    expect(
      all.some((t) => t.remittanceInformationUnstructured.startsWith('HYRA') && t.creditorAccount),
    ).toBe(true);
    expect(all.some((t) => t.remittanceInformationUnstructured.startsWith('MÅNADSAVGIFT'))).toBe(
      true,
    );
    expect(all.some((t) => t.creditorName === 'ICA Maxi Lindhagen')).toBe(true);
    expect(new Set(all.map((t) => t.bankTransactionCode)).size).toBeGreaterThanOrEqual(4);
  });

  it('has current, savings and card accounts, Finnish EUR, Danish DKK and a corporate with a currency account', () => {
    expect(anna.accounts.map((a) => a.cashAccountType)).toEqual(['CACC', 'SVGS', 'CARD']);
    expect(psusOf('NDEAFIHH')[0]?.accounts[0]?.currency).toBe('EUR');
    expect(psusOf('DABADKKK')[0]?.accounts[0]?.currency).toBe('DKK');
    const corporate = psus.find((p) => p.psuId === '5566771234') as Psu;
    expect(corporate.kind).toBe('corporate');
    expect(corporate.accounts.map((a) => a.currency)).toEqual(['SEK', 'EUR', 'SEK', 'SEK']);
    expect(corporate.accounts.every((a) => a.usage === 'ORGA')).toBe(true);
  });

  it('gives the heavy PSU over 100,000 transactions computed on demand', () => {
    const heavy = psus.find((p) => p.scenario === 'heavy')?.accounts[0]?.ledger(NOW);
    if (!heavy) throw new Error('no heavy account');
    expect(heavy.booked.count).toBe(730 * HEAVY_PER_DAY);
    expect(heavy.booked.count).toBeGreaterThanOrEqual(100_000);
    let sum = 0;
    const ids = new Set<string>();
    for (let i = 0; i < heavy.booked.count; i++) {
      const t = heavy.booked.at(i);
      sum += t.amount;
      if (i % 97 === 0) ids.add(t.transactionId);
    }
    expect(heavy.booked.sum()).toBe(sum);
    expect(ids.size).toBe(Math.ceil(heavy.booked.count / 97));
    expect(heavy.booked.dateAt(0)).toBe(addDays(TODAY, -730));
    expect(heavy.booked.dateAt(heavy.booked.count - 1)).toBe(addDays(TODAY, -1));
  });
});

describe('balances over HTTP', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.app.close());

  it('closingBooked = openingBooked + all booked pages; interimAvailable adds pending', async () => {
    const { consentId, tokens } = await authorisedConsent(sandbox, 'NDEASESS');
    const headers = () => dataHeaders(consentId, tokens);
    const accounts = (
      await sandbox.app.inject({
        url: '/banks/NDEASESS/v1/accounts?withBalance=true',
        headers: headers(),
      })
    ).json().accounts;
    for (const account of accounts) {
      const [opening, closing, available] = account.balances.map(
        (b: { balanceAmount: { amount: string } }) => parseAmount(b.balanceAmount.amount) as number,
      );
      let href: string | undefined =
        `/banks/NDEASESS/v1/accounts/${account.resourceId}/transactions?bookingStatus=both&pageSize=500&dateFrom=${addDays(account.balances[0].referenceDate, 1)}`;
      let booked = 0;
      let pending = 0;
      while (href) {
        const response = await sandbox.app.inject({ url: href, headers: headers() });
        const body: Page = response.json().transactions;
        for (const t of body.booked) booked += parseAmount(t.transactionAmount.amount) as number;
        for (const t of body.pending ?? [])
          pending += parseAmount(t.transactionAmount.amount) as number;
        const next: string | undefined = body._links.next?.href;
        href = next ? new URL(next).pathname + new URL(next).search : undefined;
      }
      expect(closing).toBe(opening + booked);
      expect(available).toBe(closing + pending);
    }
  });
});

describe('registry and operator data', () => {
  it('reads every sandbox bank of the registry with its settings', () => {
    expect(banks.map((b) => b.bic)).toEqual([
      'ESSESESS',
      'NDEASESS',
      'HANDSESS',
      'SWEDSESS',
      'DABASESX',
      'NDEAFIHH',
      'OKOYFIHH',
      'DABADKKK',
      'DEUTDEFF',
    ]);
    expect(banks.find((b) => b.bic === 'SWEDSESS')?.requiredPsuHeaders).toEqual([
      'PSU-IP-Address',
      'PSU-User-Agent',
    ]);
    expect(
      banks.find((b) => b.bic === 'DEUTDEFF')?.accountInformation.historyWithoutFreshScaDays,
    ).toBe(90);
  });

  it('names the bad entry when the registry is wrong', () => {
    const yaml = `aspsps:\n  - bicFi: GOODSESS\n    name: Good\n    isoCountryCode: SE\n    connector: {scaApproaches: [REDIRECT]}\n    consent: {}\n    accountInformation: {}\n    sandbox: true\n  - bicFi: BADXSESS\n    name: Bad\n    isoCountryCode: SE\n    connector: {scaApproaches: [SMOKE_SIGNALS]}\n    consent: {}\n    accountInformation: {}\n    sandbox: true\n`;
    expect(() => parseSandboxBanks(yaml)).toThrow(
      /aspsps\[1\] \(BADXSESS\): connector\.scaApproaches/,
    );
    expect(() => parseSandboxBanks('aspsps: 3')).toThrow(/aspsps/);
    expect(parseSandboxBanks(yaml.split('  - bicFi: BADXSESS')[0] as string)).toHaveLength(1);
  });

  it('loads an operator data file (YAML) next to the generated PSUs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-data-'));
    writeFileSync(
      join(dir, 'NDEASESS.yaml'),
      `psus:\n  - psuId: '200001019999'\n    name: Operator Test\n    accounts:\n      - iban: ${makeIban('SE', '30000000000000000001')}\n        currency: SEK\n        openingBalance: '100.00'\n        transactions:\n          - bookingDate: '2026-03-01'\n            amount: '-20.50'\n            creditorName: Kiosk\n          - valueDate: '2026-03-16'\n            amount: '-5.00'\n`,
    );
    const sandbox = await startSandbox({ dataDir: dir });
    const { consentId, tokens } = await authorisedConsent(sandbox, 'NDEASESS', '200001019999');
    const accounts = (
      await sandbox.app.inject({
        url: '/banks/NDEASESS/v1/accounts?withBalance=true',
        headers: dataHeaders(consentId, tokens),
      })
    ).json().accounts;
    expect(accounts).toHaveLength(1);
    expect(
      accounts[0].balances.map(
        (b: { balanceAmount: { amount: string } }) => b.balanceAmount.amount,
      ),
    ).toEqual(['100.00', '79.50', '74.50']);
    const psus = (await sandbox.app.inject('/admin/banks/NDEASESS/psus')).json().psus;
    expect(psus.some((p: { psuId: string }) => p.psuId === ANNA)).toBe(true);
    await sandbox.app.close();

    writeFileSync(
      join(dir, 'NDEASESS.yaml'),
      `psus:\n  - psuId: x\n    name: Y\n    accounts:\n      - iban: SE0000000000000000000000\n        currency: SEK\n`,
    );
    expect(() => createSandboxServer({ dataDir: dir })).toThrow(/psus\[0\]\.accounts\[0\]\.iban/);
  });
});
