import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import {
  defaultLogosDirectory,
  defaultRegistryPath,
  loadRegistry,
  logosDirectory,
  type Registry,
  RegistryError,
} from '../src/registry/index.js';

const urls = {
  sandboxUrl: 'http://127.0.0.1:4100/',
  apiUrl: 'https://api.bankbridge.test',
  authUrl: 'https://auth.bankbridge.test',
};

const shippedText = readFileSync(defaultRegistryPath(), 'utf8');
const tmp = mkdtempSync(join(tmpdir(), 'bankbridge-registry-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// biome-ignore lint/suspicious/noExplicitAny: test fixtures are edited freely
type Raw = any;
let counter = 0;

/** Writes the shipped registry, edited by `edit`, to a temp file and returns its path. */
function writeEdited(edit: (raw: Raw) => void): string {
  const raw: Raw = parse(shippedText);
  edit(raw);
  counter += 1;
  const file = join(tmp, `registry-${counter}.yaml`);
  writeFileSync(file, stringify(raw));
  return file;
}

/** Loads an edited registry and returns the RegistryError it must fail with. */
function failure(edit: (raw: Raw) => void): RegistryError {
  const file = writeEdited(edit);
  try {
    loadRegistry(file, urls);
  } catch (err) {
    expect(err).toBeInstanceOf(RegistryError);
    const error = err as RegistryError;
    expect(error.file).toBe(file);
    expect(error.message).toContain(file);
    return error;
  }
  throw new Error('the registry loaded, but it should have been refused');
}

describe('the shipped registry', () => {
  const registry: Registry = loadRegistry(defaultRegistryPath(), urls);

  it('is found from the module, whatever the working directory', () => {
    const here = dirname(fileURLToPath(import.meta.url));
    expect(isAbsolute(defaultRegistryPath())).toBe(true);
    expect(defaultRegistryPath()).toBe(join(here, '..', 'registry', 'aspsps.yaml'));
    expect(registry.source).toBe(defaultRegistryPath());
  });

  it('holds the countries in the documented order and the banks the product documents', () => {
    expect(registry.countries.map((c) => c.isoCountryCode)).toEqual(['SE', 'FI', 'DE', 'DK']);
    const bics = registry.aspsps.map((a) => a.bicFi);
    for (const bic of [
      'ESSESESS',
      'NDEASESS',
      'HANDSESS',
      'SWEDSESS',
      'DABASESX',
      'NDEAFIHH',
      'OKOYFIHH',
    ]) {
      expect(bics).toContain(bic);
    }
    const countriesWithBanks = new Set(registry.aspsps.map((a) => a.isoCountryCode));
    expect([...countriesWithBanks].sort()).toEqual(['DE', 'DK', 'FI', 'SE']);
  });

  it('substitutes the URL placeholders, without doubled slashes', () => {
    const seb = registry.aspsps.find((a) => a.bicFi === 'ESSESESS');
    expect(seb?.connector.baseUrl).toBe('http://127.0.0.1:4100/banks/ESSESESS');
    expect(registry.urls.sandboxUrl).toBe('http://127.0.0.1:4100');
    expect(JSON.stringify(registry)).not.toContain('${');
  });

  it('derives logo URLs and the default authorisation method', () => {
    for (const bank of registry.aspsps) {
      expect(bank.logoUrl).toBe(`https://api.bankbridge.test/logos/${bank.bicFi}.svg`);
      expect(bank.supportedAuthorizationMethods).toEqual([
        { name: 'OAuth2', uri: 'https://auth.bankbridge.test/.well-known/openid-configuration' },
      ]);
    }
  });

  it('ships one SVG logo per bank, in the directory the server serves', () => {
    expect(logosDirectory(registry)).toBe(defaultLogosDirectory());
    expect(logosDirectory()).toBe(defaultLogosDirectory());
    for (const bank of registry.aspsps) {
      const svg = readFileSync(join(logosDirectory(registry), `${bank.bicFi}.svg`), 'utf8');
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(svg).toContain(`(${bank.bicFi})</title>`);
      expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    }
  });

  it('is frozen, so no caller can change what every other caller sees', () => {
    expect(Object.isFrozen(registry.aspsps)).toBe(true);
    expect(Object.isFrozen(registry.aspsps[0]?.connector.scaApproaches)).toBe(true);
  });

  it('keeps the consent and account settings connectors need', () => {
    for (const bank of registry.aspsps) {
      expect(bank.connector.scaApproaches.length).toBeGreaterThan(0);
      expect(Number.isInteger(bank.consent.maxFrequencyPerDay)).toBe(true);
      expect(bank.consent.maxValidityDays).toBeGreaterThan(0);
      expect(bank.accountInformation.transactionHistoryDays).toBeGreaterThan(0);
    }
  });
});

describe('a registry with faults is refused with a message naming the entry and the field', () => {
  it('duplicate BICs, also as 8- and 11-character forms', () => {
    let error = failure((raw) => {
      raw.aspsps[4].bicFi = 'ESSESESS';
    });
    expect(error.message).toContain(
      'aspsps[4] (ESSESESS).bicFi: BIC ESSESESS is already used by aspsps[0] (ESSESESS)',
    );
    error = failure((raw) => {
      raw.aspsps[1].bicFi = 'ESSESESSXXX';
    });
    expect(error.message).toContain(
      'aspsps[1] (ESSESESSXXX).bicFi: BIC ESSESESSXXX is already used',
    );
  });

  it('malformed BICs', () => {
    for (const bad of ['SWEDSES', 'SWEDSESS1', 'swedsess', 'SWED SESS']) {
      const error = failure((raw) => {
        raw.aspsps[3].bicFi = bad;
      });
      expect(error.message).toContain(`aspsps[3] (${bad}).bicFi: must be a BIC`);
      expect(error.message).toContain(JSON.stringify(bad));
    }
  });

  it('a BIC whose country part is not the bank country', () => {
    const error = failure((raw) => {
      raw.aspsps[5].bicFi = 'NDEASEHH';
    });
    expect(error.message).toContain(
      'aspsps[5] (NDEASEHH).bicFi: the country part of BIC NDEASEHH (SE) does not match isoCountryCode FI',
    );
  });

  it('duplicate and non-ISO country codes', () => {
    let error = failure((raw) => {
      raw.countries.push({ isoCountryCode: 'SE', name: 'Sverige' });
    });
    expect(error.message).toContain(
      'countries[4] (SE).isoCountryCode: country SE is listed more than once',
    );
    error = failure((raw) => {
      raw.countries.push({ isoCountryCode: 'XX', name: 'Nowhere' });
    });
    expect(error.message).toContain(
      'countries[4] (XX).isoCountryCode: XX is not an ISO 3166-1 alpha-2 country code',
    );
    for (const bad of ['se', 'SWE', 'S']) {
      error = failure((raw) => {
        raw.countries[0].isoCountryCode = bad;
      });
      expect(error.message).toContain(
        `countries[0] (${bad}).isoCountryCode: must be an ISO 3166-1 alpha-2 country code in upper case`,
      );
    }
  });

  it('duplicate city ids, whatever their case', () => {
    const error = failure((raw) => {
      raw.cities.push({
        cityId: '37EFA883-C8AD-4FF7-927B-B11B02BEB923',
        name: 'Stockholm again',
        isoCountryCode: 'SE',
      });
    });
    expect(error.message).toContain(
      'cities[5] (Stockholm again).cityId: city id 37efa883-c8ad-4ff7-927b-b11b02beb923 is used more than once',
    );
  });

  it('malformed city ids', () => {
    const error = failure((raw) => {
      raw.cities[2].cityId = 'helsinki';
    });
    expect(error.message).toContain('cities[2] (Helsinki).cityId: must be a UUID');
  });

  it('a city or a bank in a country that is not listed', () => {
    const error = failure((raw) => {
      raw.countries = raw.countries.filter((c: Raw) => c.isoCountryCode !== 'DE');
    });
    expect(error.message).toContain(
      'cities[3] (Frankfurt).isoCountryCode: country DE is not in the countries list',
    );
    expect(error.message).toContain(
      'aspsps[8] (DEUTDEFF).isoCountryCode: country DE is not in the countries list',
    );
    expect(error.problems.length).toBe(2);
  });

  it('a bank in a city that is not listed', () => {
    const error = failure((raw) => {
      raw.aspsps[6].cityId = '00000000-0000-4000-8000-000000000000';
    });
    expect(error.message).toContain(
      'aspsps[6] (OKOYFIHH).cityId: city 00000000-0000-4000-8000-000000000000 is not in the cities list',
    );
  });

  it('a bank whose city is in another country', () => {
    const error = failure((raw) => {
      raw.aspsps[5].cityId = '37efa883-c8ad-4ff7-927b-b11b02beb923';
    });
    expect(error.message).toContain(
      'aspsps[5] (NDEAFIHH).cityId: city 37efa883-c8ad-4ff7-927b-b11b02beb923 (Stockholm) is in SE, not in FI',
    );
  });

  it('SCA approaches: empty, unknown or repeated', () => {
    let error = failure((raw) => {
      raw.aspsps[3].connector.scaApproaches = [];
    });
    expect(error.message).toContain(
      'aspsps[3] (SWEDSESS).connector.scaApproaches: must list at least one item',
    );
    error = failure((raw) => {
      raw.aspsps[3].connector.scaApproaches = ['DECOUPLED', 'EMBEDDED'];
    });
    expect(error.message).toContain(
      'aspsps[3] (SWEDSESS).connector.scaApproaches[1]: must be one of REDIRECT, DECOUPLED, got "EMBEDDED"',
    );
    error = failure((raw) => {
      raw.aspsps[3].connector.scaApproaches = ['REDIRECT', 'REDIRECT'];
    });
    expect(error.message).toContain(
      'aspsps[3] (SWEDSESS).connector.scaApproaches: lists "REDIRECT" more than once',
    );
  });

  it('limits that are not positive integers', () => {
    const cases: [string, unknown, string][] = [
      ['maxFrequencyPerDay', 0, 'must be a positive integer, got 0'],
      ['maxFrequencyPerDay', -4, 'must be a positive integer, got -4'],
      ['maxValidityDays', 1.5, 'must be of type integer, got 1.5'],
      ['maxValidityDays', '90', 'must be of type integer, got "90"'],
    ];
    for (const [field, value, text] of cases) {
      const error = failure((raw) => {
        raw.aspsps[2].consent[field] = value;
      });
      expect(error.message).toContain(`aspsps[2] (HANDSESS).consent.${field}: ${text}`);
    }
  });

  it('history without fresh SCA longer than the history itself', () => {
    const error = failure((raw) => {
      raw.aspsps[8].accountInformation.historyWithoutFreshScaDays = 800;
    });
    expect(error.message).toContain(
      'aspsps[8] (DEUTDEFF).accountInformation.historyWithoutFreshScaDays: 800 exceeds transactionHistoryDays (730)',
    );
  });

  it('missing fields, misspelt fields and values YAML read as numbers', () => {
    let error = failure((raw) => {
      delete raw.aspsps[0].connector;
    });
    expect(error.message).toContain('aspsps[0] (ESSESESS).connector: is required');
    error = failure((raw) => {
      raw.aspsps[0].consent.maxFrequencyPerDays = 4;
    });
    expect(error.message).toContain(
      'aspsps[0] (ESSESESS).consent.maxFrequencyPerDays: is not a known field',
    );
    error = failure((raw) => {
      raw.aspsps[7].companyNumber = 61126228;
    });
    expect(error.message).toContain(
      'aspsps[7] (DABADKKK).companyNumber: must be of type string, got 61126228 (quote the value in the YAML file)',
    );
  });

  it('fields of the operator own are allowed when they start with x-', () => {
    const file = writeEdited((raw) => {
      raw.aspsps[0]['x-note'] = 'reviewed 2025-01';
    });
    expect(loadRegistry(file, urls).aspsps[0]?.bicFi).toBe('ESSESESS');
  });

  it('unknown placeholders and URLs that are not absolute', () => {
    const unknown = ['$', '{BANK_URL}'].join('');
    let error = failure((raw) => {
      raw.aspsps[1].connector.baseUrl = `${unknown}/banks/NDEASESS`;
    });
    expect(error.message).toContain(
      `aspsps[1] (NDEASESS).connector.baseUrl: unknown placeholder ${unknown}`,
    );
    error = failure((raw) => {
      raw.aspsps[1].websiteUrl = 'www.nordea.se';
    });
    expect(error.message).toContain(
      'aspsps[1] (NDEASESS).websiteUrl: must be an absolute http(s) URL, got "www.nordea.se"',
    );
  });

  it('logos: a missing file, or a value that is neither a file name nor a URL', () => {
    let error = failure((raw) => {
      raw.aspsps[2].logo = 'HANDSESS.png';
    });
    expect(error.message).toContain(
      `aspsps[2] (HANDSESS).logo: logo file HANDSESS.png is not in ${defaultLogosDirectory()}`,
    );
    error = failure((raw) => {
      raw.aspsps[2].logo = '../secrets/HANDSESS.svg';
    });
    expect(error.message).toContain(
      'aspsps[2] (HANDSESS).logo: must be an image file name in the logos directory',
    );
  });

  it('an absolute logo URL is answered as it is', () => {
    const file = writeEdited((raw) => {
      raw.aspsps[2].logo = 'https://cdn.example.com/HANDSESS.png';
    });
    expect(loadRegistry(file, urls).aspsps[2]?.logoUrl).toBe(
      'https://cdn.example.com/HANDSESS.png',
    );
  });

  it('logos next to an edited registry file are used when present', () => {
    const dir = join(tmp, 'with-logos');
    mkdirSync(join(dir, 'logos'), { recursive: true });
    const raw: Raw = parse(shippedText);
    raw.aspsps = [raw.aspsps[0]];
    writeFileSync(join(dir, 'aspsps.yaml'), stringify(raw));
    expect(() => loadRegistry(join(dir, 'aspsps.yaml'), urls)).toThrow(
      `logo file ESSESESS.svg is not in ${join(dir, 'logos')}`,
    );
    writeFileSync(join(dir, 'logos', 'ESSESESS.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const registry = loadRegistry(join(dir, 'aspsps.yaml'), urls);
    expect(registry.logosDir).toBe(join(dir, 'logos'));
    expect(logosDirectory(registry)).toBe(join(dir, 'logos'));
  });

  it('reports every problem at once', () => {
    const error = failure((raw) => {
      raw.aspsps[0].consent.maxValidityDays = 0;
      raw.aspsps[1].phone = '';
    });
    expect(error.problems.map((p) => p.path)).toEqual([
      'aspsps[0] (ESSESESS).consent.maxValidityDays',
      'aspsps[1] (NDEASESS).phone',
    ]);
  });

  it('a file that is not YAML, or not there', () => {
    const file = join(tmp, 'broken.yaml');
    writeFileSync(file, 'countries:\n  - isoCountryCode: SE\n   name: Sweden\n');
    expect(() => loadRegistry(file, urls)).toThrow(/not valid YAML/);
    expect(() => loadRegistry(file, urls)).toThrow(file);
    const empty = join(tmp, 'empty.yaml');
    writeFileSync(empty, '# nothing yet\n');
    expect(() => loadRegistry(empty, urls)).toThrow(
      `Invalid ASPSP registry ${empty}: the file is empty: it must list countries, cities and aspsps`,
    );
    const missing = join(tmp, 'missing.yaml');
    expect(existsSync(missing)).toBe(false);
    expect(() => loadRegistry(missing, urls)).toThrow(
      `Invalid ASPSP registry ${missing}: cannot read the file (ENOENT)`,
    );
  });

  it('URLs to substitute that are not absolute', () => {
    expect(() => loadRegistry(defaultRegistryPath(), { ...urls, authUrl: 'auth.local' })).toThrow(
      'options.authUrl: must be an absolute http(s) URL to substitute in the registry, got "auth.local"',
    );
  });
});

describe('the payments block of a bank', () => {
  const registry = loadRegistry(defaultRegistryPath(), urls);
  const bank = (bic: string) => {
    const entry = registry.aspsps.find((a) => a.bicFi === bic);
    if (!entry) throw new Error(`no ${bic} in the shipped registry`);
    return entry;
  };

  it('is optional: a bank without one gets the defaults', () => {
    expect(bank('DABADKKK').payments).toEqual({
      requiredPsuHeaders: {
        initiation: [],
        read: [],
        status: [],
        cancellation: [],
        authorisation: [],
      },
      creditorAddressAbroad: [],
      cancellation: false,
      maxExecutionDaysAhead: 365,
      maxBulkItems: 100,
      debtorAccountOptional: false,
      accountIdentifiers: 'iban',
      accountForms: {},
      remittanceMaxLength: { default: 140 },
      decoupledScaSteps: [],
      products: {},
    });
  });

  it('keeps what the file says and fills in product defaults', () => {
    expect(bank('SWEDSESS').payments.remittanceMaxLength).toEqual({ default: 140, domestic: 35 });
    expect(bank('SWEDSESS').payments.remittanceToOtherBanks).toEqual({
      ownBankCodes: ['800'],
      maxLength: { domestic: 10 },
    });
    expect(bank('DABASESX').payments.debtorAccountOptional).toBe(true);
    expect(bank('HANDSESS').payments.accountIdentifiers).toBe('iban-or-bban');
    expect(bank('HANDSESS').payments.accountForms).toEqual({
      domestic: { debtorAccount: 'bban', creditorAccount: 'bban-clearing' },
    });
    expect(bank('DEUTDEFF').payments).toMatchObject({ cancellation: true, cutOffTime: '14:00' });
    expect(bank('ESSESESS').payments.decoupledScaSteps).toEqual([
      'authenticationStarted',
      'psuAuthenticated',
      'started',
    ]);
    expect(bank('ESSESESS').payments.products['intra-company-credit-transfers']).toEqual({
      services: ['payments', 'bulk-payments'],
      contexts: ['corporate'],
      aliases: [],
    });
    expect(
      bank('ESSESESS').payments.products['swedish-domestic-private-credit-transfers'],
    ).toMatchObject({ deprecatedFrom: '2026-08-28' });
  });

  it('refuses faults, naming the entry and the field', () => {
    const cases: [(raw: Raw) => void, string][] = [
      [
        (raw) => {
          raw.aspsps[3].payments.remittanceMaxLength.domestic = 141;
        },
        'aspsps[3] (SWEDSESS).payments.remittanceMaxLength.domestic: must be at most 140, got 141',
      ],
      [
        (raw) => {
          raw.aspsps[3].payments.remittanceMaxLength['dk-domestic-credit-transfers'] = 10;
        },
        'aspsps[3] (SWEDSESS).payments.remittanceMaxLength.dk-domestic-credit-transfers: dk-domestic-credit-transfers is neither default nor a payment product of this bank',
      ],
      [
        (raw) => {
          raw.aspsps[8].payments.cutOffTime = '2pm';
        },
        'aspsps[8] (DEUTDEFF).payments.cutOffTime: must be a time of day HH:MM',
      ],
      [
        (raw) => {
          raw.aspsps[8].payments.cancelation = true;
        },
        'aspsps[8] (DEUTDEFF).payments.cancelation: is not a known field',
      ],
      [
        (raw) => {
          raw.aspsps[3].payments.remittanceToOtherBanks.maxLenght = { domestic: 10 };
        },
        'aspsps[3] (SWEDSESS).payments.remittanceToOtherBanks.maxLenght: is not a known field',
      ],
      [
        (raw) => {
          raw.aspsps[3].payments.remittanceToOtherBanks.maxLength['dk-domestic-credit-transfers'] =
            10;
        },
        'aspsps[3] (SWEDSESS).payments.remittanceToOtherBanks.maxLength.dk-domestic-credit-transfers: dk-domestic-credit-transfers is not a payment product of this bank',
      ],
      [
        (raw) => {
          raw.aspsps[0].payments.decoupledScaSteps = ['authenticationStarted', 'signing'];
        },
        'aspsps[0] (ESSESESS).payments.decoupledScaSteps[1]: must be one of psuIdentified, psuAuthenticated, started, authenticationStarted, authoriseCreditorAccountStarted, got "signing"',
      ],
      [
        (raw) => {
          raw.aspsps[8].payments.accountIdentifiers = 'bban';
        },
        'aspsps[8] (DEUTDEFF).payments.accountIdentifiers: must be one of iban, iban-or-bban, got "bban"',
      ],
      [
        (raw) => {
          raw.aspsps[2].payments.accountForms.domestic.creditorAccount = 'clearing';
        },
        'aspsps[2] (HANDSESS).payments.accountForms.domestic.creditorAccount: must be one of iban, bban, bban-clearing, got "clearing"',
      ],
      [
        (raw) => {
          raw.aspsps[2].payments.accountForms.domestic.debtor = 'bban';
        },
        'aspsps[2] (HANDSESS).payments.accountForms.domestic.debtor: is not a known field',
      ],
      [
        (raw) => {
          raw.aspsps[2].payments.accountForms['sepa-credit-transfers'] = { debtorAccount: 'bban' };
        },
        'aspsps[2] (HANDSESS).payments.accountForms.sepa-credit-transfers: a SEPA credit transfer names its accounts by IBAN',
      ],
      [
        (raw) => {
          raw.aspsps[2].payments.accountForms['swedish-domestic-private-bankgiros'] = {};
        },
        'aspsps[2] (HANDSESS).payments.accountForms.swedish-domestic-private-bankgiros: swedish-domestic-private-bankgiros is not a global payment product of this bank',
      ],
      [
        (raw) => {
          raw.aspsps[6].payments = { accountForms: { domestic: { creditorAccount: 'bban' } } };
        },
        'aspsps[6] (OKOYFIHH).payments.accountForms.domestic: the bban forms are Swedish account numbers',
      ],
      [
        (raw) => {
          raw.aspsps[8].payments.maxBulkItems = 0;
        },
        'aspsps[8] (DEUTDEFF).payments.maxBulkItems: must be a positive integer, got 0',
      ],
      [
        (raw) => {
          raw.aspsps[8].payments.products['target-2-payments'] = {};
        },
        'aspsps[8] (DEUTDEFF).payments.products.target-2-payments: target-2-payments is not in this bank',
      ],
      [
        (raw) => {
          raw.aspsps[8].payments.products['sepa-credit-transfers'] = {};
        },
        'aspsps[8] (DEUTDEFF).payments.products.sepa-credit-transfers: sepa-credit-transfers is a global payment product of this bank',
      ],
      [
        (raw) => {
          raw.aspsps[8].payments.products['instant-sepa-credit-transfers'].services = ['payment'];
        },
        'aspsps[8] (DEUTDEFF).payments.products.instant-sepa-credit-transfers.services[0]: must be one of payments, periodic-payments, bulk-payments',
      ],
      [
        (raw) => {
          raw.aspsps[8].payments.products['instant-sepa-credit-transfers'].aliases = [
            'cross-border-credit-transfers',
          ];
        },
        'aspsps[8] (DEUTDEFF).payments.products.instant-sepa-credit-transfers.aliases: alias cross-border-credit-transfers is already a product of this bank',
      ],
      [
        (raw) => {
          raw.aspsps[0].payments.products[
            'swedish-domestic-private-credit-transfers'
          ].deprecatedFrom = '2026-02-30';
        },
        'aspsps[0] (ESSESESS).payments.products.swedish-domestic-private-credit-transfers.deprecatedFrom: 2026-02-30 is not a calendar date',
      ],
    ];
    for (const [edit, text] of cases) expect(failure(edit).message).toContain(text);
  });

  it('allows notes of the operator own in the payment maps', () => {
    const file = writeEdited((raw) => {
      raw.aspsps[3].payments.remittanceMaxLength['x-source'] = 'bank developer page';
      raw.aspsps[3].payments['x-note'] = 'checked';
    });
    expect(loadRegistry(file, urls).aspsps[3]?.payments.remittanceMaxLength).toEqual({
      default: 140,
      domestic: 35,
    });
  });
});
