/**
 * The registry's per-call PSU headers and creditor-address rule of a bank's payments: what
 * the shipped file says, the defaults, and the faults refused at load, naming the field.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { defaultRegistryPath, loadRegistry, RegistryError } from '../src/registry/index.js';

const urls = {
  sandboxUrl: 'http://127.0.0.1:4100/',
  apiUrl: 'https://api.bankbridge.test',
  authUrl: 'https://auth.bankbridge.test',
};
const registry = loadRegistry(defaultRegistryPath(), urls);
const bank = (bic: string) => {
  const entry = registry.aspsps.find((a) => a.bicFi === bic);
  if (!entry) throw new Error(`no ${bic} in the shipped registry`);
  return entry.payments;
};

const tmp = mkdtempSync(join(tmpdir(), 'bankbridge-registry-payments-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let edits = 0;

/** The message the shipped registry, edited by `edit`, is refused with. */
// biome-ignore lint/suspicious/noExplicitAny: test fixtures are edited freely
function refusal(edit: (raw: any) => void): string {
  const raw = parse(readFileSync(defaultRegistryPath(), 'utf8'));
  edit(raw);
  edits += 1;
  const file = join(tmp, `registry-${edits}.yaml`);
  writeFileSync(file, stringify(raw));
  try {
    loadRegistry(file, urls);
  } catch (error) {
    expect(error).toBeInstanceOf(RegistryError);
    return (error as RegistryError).message;
  }
  throw new Error('the registry loaded, but it should have been refused');
}

describe('payments.requiredPsuHeaders', () => {
  it("names Handelsbanken's PSU-IP-Address on status and authorisations", () => {
    expect(bank('HANDSESS').requiredPsuHeaders).toEqual({
      initiation: [],
      read: [],
      status: ['PSU-IP-Address'],
      cancellation: [],
      authorisation: ['PSU-IP-Address'],
    });
    expect(bank('SWEDSESS').requiredPsuHeaders.initiation).toEqual([
      'PSU-IP-Address',
      'PSU-User-Agent',
    ]);
  });

  it('takes, on initiation, those the bank insists on for a consent, unless it says otherwise', () => {
    expect(bank('DEUTDEFF').requiredPsuHeaders.initiation).toEqual(['PSU-IP-Address']);
    expect(bank('DEUTDEFF').requiredPsuHeaders.status).toEqual([]);
  });

  it('refuses a header Bankbridge cannot keep, and an unknown call', () => {
    expect(
      refusal((raw) => {
        raw.aspsps[2].payments.requiredPsuHeaders.status = ['PSU-Geo-Location'];
      }),
    ).toContain(
      'aspsps[2] (HANDSESS).payments.requiredPsuHeaders.status[0]: must be one of PSU-IP-Address, PSU-User-Agent, PSU-ID, PSU-Corporate-ID, got "PSU-Geo-Location"',
    );
    expect(
      refusal((raw) => {
        raw.aspsps[2].payments.requiredPsuHeaders.statusRead = ['PSU-IP-Address'];
      }),
    ).toContain(
      'aspsps[2] (HANDSESS).payments.requiredPsuHeaders.statusRead: is not a known field',
    );
  });
});

describe('payments.creditorAddressAbroad', () => {
  it("names OP's SEPA products", () => {
    expect(bank('OKOYFIHH').creditorAddressAbroad).toEqual([
      'sepa-credit-transfers',
      'instant-sepa-credit-transfers',
    ]);
    expect(bank('NDEAFIHH').creditorAddressAbroad).toEqual([]);
  });

  it('refuses a product the bank does not offer', () => {
    expect(
      refusal((raw) => {
        raw.aspsps[6].payments.creditorAddressAbroad = ['cross-border-credit-transfers'];
      }),
    ).toContain(
      'aspsps[6] (OKOYFIHH).payments.creditorAddressAbroad: cross-border-credit-transfers is not a payment product of this bank',
    );
  });
});
