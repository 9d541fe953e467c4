import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  AspspInformationError,
  getAspsp,
  getCity,
  getCountry,
  listAspsps,
  listCities,
  listCountries,
  parseCityIds,
  toJson,
} from '../src/aspsp-information/index.js';
import { defaultRegistryPath, loadRegistry } from '../src/registry/index.js';
import { sebDetails } from './support/seed-examples.js';

const urls = {
  sandboxUrl: 'http://127.0.0.1:4100',
  apiUrl: 'https://api.bankbridge.test',
  authUrl: 'https://auth.bankbridge.test',
};
const registry = loadRegistry(defaultRegistryPath(), urls);

const STOCKHOLM = '37efa883-c8ad-4ff7-927b-b11b02beb923';
const SUNDBYBERG = '5b0e8a4c-6f0d-4b4e-9a55-2f4f1c3d9e21';
const HELSINKI = 'ba9dd929-1408-33a6-3ce2-bc45fcfaaa5c';
const FRANKFURT = 'bb97dd78-835c-9922-e700-a8b5b3f5cbba';
const COPENHAGEN = '8f64d9db-7f38-e13e-cbf8-809e6bc6175c';
const SWEDISH_BANKS = ['ESSESESS', 'NDEASESS', 'HANDSESS', 'SWEDSESS', 'DABASESX'];

/** Runs `fn`, which must throw an AspspInformationError, and returns it. */
function caught(fn: () => unknown): AspspInformationError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AspspInformationError);
    return err as AspspInformationError;
  }
  throw new Error('expected an AspspInformationError');
}

function expectFormatError(fn: () => unknown, parameter: string, text: string): void {
  const error = caught(fn);
  expect(error.kind).toBe('FORMAT_ERROR');
  expect(error.status).toBe(400);
  expect(error.parameter).toBe(parameter);
  expect(error.message).toContain(text);
}

function expectUnknown(fn: () => unknown, parameter: string, text: string): void {
  const error = caught(fn);
  expect(error.kind).toBe('RESOURCE_UNKNOWN');
  expect(error.status).toBe(404);
  expect(error.parameter).toBe(parameter);
  expect(error.message).toContain(text);
}

const bics = (answer: { aspsps: { bicFi: string }[] }) => answer.aspsps.map((a) => a.bicFi);
const cityNames = (answer: { cities: { name: string }[] }) => answer.cities.map((c) => c.name);

describe('countries', () => {
  it('lists the countries as documented, in the documented order', () => {
    expect(listCountries(registry)).toEqual({
      countries: [
        { isoCountryCode: 'SE', name: 'Sweden' },
        { isoCountryCode: 'FI', name: 'Finland' },
        { isoCountryCode: 'DE', name: 'Germany' },
        { isoCountryCode: 'DK', name: 'Denmark' },
      ],
    });
  });

  it('filters by codes, in any case, answering in registry order', () => {
    expect(listCountries(registry, { isoCountryCodes: 'dk,SE' })).toEqual({
      countries: [
        { isoCountryCode: 'SE', name: 'Sweden' },
        { isoCountryCode: 'DK', name: 'Denmark' },
      ],
    });
    expect(listCountries(registry, { isoCountryCodes: ['FI', 'fi'] }).countries).toEqual([
      { isoCountryCode: 'FI', name: 'Finland' },
    ]);
  });

  it('answers the served countries of a filter that names some, as for the contract example SE,UK,FI', () => {
    expect(listCountries(registry, { isoCountryCodes: 'SE,UK,NO' }).countries).toEqual([
      { isoCountryCode: 'SE', name: 'Sweden' },
    ]);
    expect(listCountries(registry, { isoCountryCodes: 'SE,UK,FI' }).countries).toEqual([
      { isoCountryCode: 'SE', name: 'Sweden' },
      { isoCountryCode: 'FI', name: 'Finland' },
    ]);
  });

  it('says a country filter that names no country served is unknown, on every list', () => {
    for (const list of [listCountries, listCities, listAspsps]) {
      expectUnknown(
        () => list(registry, { isoCountryCodes: 'NO' }),
        'isoCountryCodes',
        'no banks are served in NO; GET /psd2/aspspinformation/v1/countries lists the countries',
      );
      expectUnknown(
        () => list(registry, { isoCountryCodes: 'no, PL' }),
        'isoCountryCodes',
        'no banks are served in NO or PL;',
      );
      expectFormatError(
        () => list(registry, { isoCountryCodes: 'XX' }),
        'isoCountryCodes',
        'isoCountryCodes: "XX" is not an ISO 3166-1 alpha-2 country code',
      );
      expectFormatError(
        () => list(registry, { isoCountryCodes: 'NO,UK' }),
        'isoCountryCodes',
        'isoCountryCodes: "UK" is not an ISO 3166-1 alpha-2 country code (the United Kingdom is GB)',
      );
    }
  });

  it('answers one country as a country object', () => {
    expect(getCountry(registry, 'SE')).toEqual({ isoCountryCode: 'SE', name: 'Sweden' });
    expect(getCountry(registry, 'fi')).toEqual({ isoCountryCode: 'FI', name: 'Finland' });
  });

  it('answers RESOURCE_UNKNOWN for a well-formed code it does not know', () => {
    expectUnknown(() => getCountry(registry, 'NO'), 'isoCountryCode', 'Unknown country NO');
    expectUnknown(() => getCountry(registry, 'xx'), 'isoCountryCode', 'Unknown country XX');
  });

  it('answers FORMAT_ERROR for a malformed code', () => {
    for (const bad of ['S', 'SWE', '1E', '', 'S-']) {
      expectFormatError(
        () => getCountry(registry, bad),
        'isoCountryCode',
        `isoCountryCode: ${JSON.stringify(bad)} is not an ISO 3166-1 alpha-2 country code`,
      );
    }
  });
});

describe('cities', () => {
  it('lists the documented cities with their ids and countries', () => {
    const { cities } = listCities(registry);
    expect(cities.filter((c) => c.cityId !== SUNDBYBERG)).toEqual([
      { cityId: STOCKHOLM, name: 'Stockholm', isoCountryCode: 'SE' },
      { cityId: HELSINKI, name: 'Helsinki', isoCountryCode: 'FI' },
      { cityId: FRANKFURT, name: 'Frankfurt', isoCountryCode: 'DE' },
      { cityId: COPENHAGEN, name: 'Copenhagen', isoCountryCode: 'DK' },
    ]);
    expect(cities).toHaveLength(5);
  });

  it('answers the union of the filters: SE plus the Helsinki id', () => {
    expect(cityNames(listCities(registry, { isoCountryCodes: 'SE', cityIds: HELSINKI }))).toEqual([
      'Stockholm',
      'Sundbyberg',
      'Helsinki',
    ]);
  });

  it('answers each city once and in registry order, whatever the filters repeat', () => {
    const answer = listCities(registry, {
      isoCountryCodes: 'DK,SE',
      cityIds: `${COPENHAGEN},${STOCKHOLM.toUpperCase()}`,
    });
    expect(cityNames(answer)).toEqual(['Stockholm', 'Sundbyberg', 'Copenhagen']);
  });

  it('filters by city ids alone, in any case', () => {
    expect(listCities(registry, { cityIds: FRANKFURT.toUpperCase() }).cities).toEqual([
      { cityId: FRANKFURT, name: 'Frankfurt', isoCountryCode: 'DE' },
    ]);
    expect(listCities(registry, { cityIds: '00000000-0000-4000-8000-000000000000' })).toEqual({
      cities: [],
    });
  });

  it('answers one city as in the list', () => {
    expect(getCity(registry, STOCKHOLM)).toEqual({
      cityId: STOCKHOLM,
      name: 'Stockholm',
      isoCountryCode: 'SE',
    });
    expect(getCity(registry, HELSINKI.toUpperCase()).name).toBe('Helsinki');
  });

  it('answers RESOURCE_UNKNOWN for an unknown city and FORMAT_ERROR for a malformed id', () => {
    expectUnknown(
      () => getCity(registry, '00000000-0000-4000-8000-000000000000'),
      'city-id',
      'Unknown city 00000000-0000-4000-8000-000000000000',
    );
    for (const bad of ['stockholm', STOCKHOLM.slice(1), `${STOCKHOLM}0`, '{37efa883}']) {
      expectFormatError(
        () => getCity(registry, bad),
        'city-id',
        `city-id: ${JSON.stringify(bad)} is not a city id (a UUID`,
      );
    }
  });
});

describe('ASPSPs', () => {
  it('lists the banks in registry order, the documented ones first', () => {
    const { aspsps } = listAspsps(registry);
    expect(aspsps.slice(0, 3)).toEqual([
      {
        bicFi: 'ESSESESS',
        name: 'Skandinaviska Enskilda Banken AB',
        logoUrl: 'https://api.bankbridge.test/logos/ESSESESS.svg',
      },
      {
        bicFi: 'NDEASESS',
        name: 'Nordea Bank Abp, filial i Sverige',
        logoUrl: 'https://api.bankbridge.test/logos/NDEASESS.svg',
      },
      {
        bicFi: 'HANDSESS',
        name: 'Svenska Handelsbanken AB',
        logoUrl: 'https://api.bankbridge.test/logos/HANDSESS.svg',
      },
    ]);
    expect(aspsps).toHaveLength(registry.aspsps.length);
    for (const item of aspsps) expect(Object.keys(item)).toEqual(['bicFi', 'name', 'logoUrl']);
  });

  it('filters by country and by city', () => {
    expect(bics(listAspsps(registry, { isoCountryCodes: 'SE' }))).toEqual(SWEDISH_BANKS);
    expect(bics(listAspsps(registry, { isoCountryCodes: 'de' }))).toEqual(['DEUTDEFF']);
    expect(bics(listAspsps(registry, { cityIds: SUNDBYBERG }))).toEqual(['SWEDSESS']);
    expect(bics(listAspsps(registry, { cityIds: HELSINKI }))).toEqual(['NDEAFIHH', 'OKOYFIHH']);
  });

  it('answers the union: all Swedish banks and the Helsinki ones', () => {
    expect(bics(listAspsps(registry, { isoCountryCodes: 'SE', cityIds: HELSINKI }))).toEqual([
      ...SWEDISH_BANKS,
      'NDEAFIHH',
      'OKOYFIHH',
    ]);
    expect(
      bics(listAspsps(registry, { isoCountryCodes: 'DK, SE', cityIds: [STOCKHOLM, COPENHAGEN] })),
    ).toEqual([...SWEDISH_BANKS, 'DABADKKK']);
  });

  it('lets unknown cities match nothing, and a served country among unknown ones select its banks', () => {
    expect(listAspsps(registry, { cityIds: '00000000-0000-4000-8000-000000000000' })).toEqual({
      aspsps: [],
    });
    // The country filter is judged on its own: a city filter beside it does not hide it.
    expectFormatError(
      () =>
        listAspsps(registry, {
          isoCountryCodes: 'NO,XX',
          cityIds: HELSINKI,
        }),
      'isoCountryCodes',
      '"XX" is not an ISO 3166-1 alpha-2 country code',
    );
    expect(bics(listAspsps(registry, { isoCountryCodes: 'NO,DE' }))).toEqual(['DEUTDEFF']);
  });

  it('answers the details of SEB as documented', () => {
    const seb = getAspsp(registry, 'ESSESESS');
    expect(seb).toEqual(
      sebDetails({
        apiUrl: 'https://api.bankbridge.test',
        authUrl: 'https://auth.bankbridge.test',
      }),
    );
    // The field order of the documented example, which clients and readers see.
    expect(Object.keys(seb)).toEqual(
      Object.keys(
        sebDetails({
          apiUrl: 'https://api.bankbridge.test',
          authUrl: 'https://auth.bankbridge.test',
        }),
      ),
    );
  });

  it('names the city and country of every bank', () => {
    expect(getAspsp(registry, 'SWEDSESS')).toMatchObject({ city: 'Sundbyberg', country: 'Sweden' });
    expect(getAspsp(registry, 'OKOYFIHH')).toMatchObject({ city: 'Helsinki', country: 'Finland' });
    expect(getAspsp(registry, 'DABADKKK')).toMatchObject({
      city: 'Copenhagen',
      country: 'Denmark',
    });
    expect(getAspsp(registry, 'DEUTDEFF')).toMatchObject({ city: 'Frankfurt', country: 'Germany' });
  });

  it('finds a bank by its 11-character head-office BIC', () => {
    expect(getAspsp(registry, 'ESSESESSXXX').bicFi).toBe('ESSESESS');
    expectUnknown(() => getAspsp(registry, 'ESSESESS123'), 'bicFi', 'Unknown ASPSP ESSESESS123');
  });

  it('answers RESOURCE_UNKNOWN for an unknown BIC and FORMAT_ERROR for a malformed one', () => {
    expectUnknown(() => getAspsp(registry, 'NDEANOKK'), 'bicFi', 'Unknown ASPSP NDEANOKK');
    expectFormatError(
      () => getAspsp(registry, 'essesess'),
      'bicFi',
      'bicFi: "essesess" is not a BIC: BICs are upper case (ESSESESS)',
    );
    for (const bad of ['ESSESES', 'ESSESESS1', 'ESSE1ESS', 'ESSESE1O', '']) {
      expectFormatError(
        () => getAspsp(registry, bad),
        'bicFi',
        `bicFi: ${JSON.stringify(bad)} is not a BIC (ISO 9362: 8 or 11 upper-case letters and digits`,
      );
    }
  });
});

describe('malformed list filters', () => {
  it('refuse codes that are not two letters, naming the value', () => {
    for (const [value, bad] of [
      ['S', 'S'],
      ['SWE', 'SWE'],
      ['SE,FIN', 'FIN'],
      ['S1', 'S1'],
    ]) {
      expectFormatError(
        () => listAspsps(registry, { isoCountryCodes: value }),
        'isoCountryCodes',
        `isoCountryCodes: "${bad}" is not an ISO 3166-1 alpha-2 country code`,
      );
    }
    expectFormatError(
      () => listCountries(registry, { isoCountryCodes: 'SWE' }),
      'isoCountryCodes',
      '"SWE" is not an ISO 3166-1 alpha-2 country code',
    );
  });

  it('refuse empty items and empty parameters', () => {
    for (const value of ['SE,,FI', 'SE,', ',SE']) {
      expectFormatError(
        () => listCities(registry, { isoCountryCodes: value }),
        'isoCountryCodes',
        `isoCountryCodes ${JSON.stringify(value)} has an empty item`,
      );
    }
    for (const value of ['', '  ', ['SE', '']]) {
      expectFormatError(
        () => listAspsps(registry, { isoCountryCodes: value }),
        'isoCountryCodes',
        'isoCountryCodes is empty',
      );
    }
    expectFormatError(() => listAspsps(registry, { cityIds: '' }), 'cityIds', 'cityIds is empty');
  });

  it('refuse malformed city ids, even next to good ones', () => {
    expectFormatError(
      () => listAspsps(registry, { isoCountryCodes: 'SE', cityIds: `${HELSINKI},helsinki` }),
      'cityIds',
      'cityIds: "helsinki" is not a city id (a UUID, e.g. 37efa883-c8ad-4ff7-927b-b11b02beb923)',
    );
  });

  it('cut absurdly long values short in the error text', () => {
    const error = caught(() => listCities(registry, { cityIds: 'x'.repeat(5000) }));
    expect(error.message.length).toBeLessThan(200);
    expect(error.message).toContain(`"${'x'.repeat(50)}…"`);
  });

  it('treat an absent parameter as no filter', () => {
    expect(parseCityIds(undefined)).toBeUndefined();
    expect(parseCityIds(null)).toBeUndefined();
    expect(listAspsps(registry, { isoCountryCodes: undefined })).toBe(listAspsps(registry));
  });
});

describe('answers stay cheap and unchanged', () => {
  it('serves the unfiltered lists and one-value filters from prebuilt answers', () => {
    expect(listAspsps(registry)).toBe(listAspsps(registry));
    expect(listCountries(registry)).toBe(listCountries(registry));
    expect(listCities(registry)).toBe(listCities(registry));
    expect(listAspsps(registry, { isoCountryCodes: 'SE' })).toBe(
      listAspsps(registry, { isoCountryCodes: 'se' }),
    );
    expect(getAspsp(registry, 'ESSESESS')).toBe(getAspsp(registry, 'ESSESESS'));
  });

  it('keeps the JSON text of prebuilt answers', () => {
    const answer = listAspsps(registry);
    const text = toJson(answer);
    expect(text).toBe(JSON.stringify(answer));
    expect(toJson(answer)).toBe(text);
    const union = listAspsps(registry, { isoCountryCodes: 'SE', cityIds: HELSINKI });
    expect(toJson(union)).toBe(JSON.stringify(union));
  });

  it('cannot be changed by a caller', () => {
    const answer = listAspsps(registry);
    expect(() => {
      (answer.aspsps as unknown[]).push({ bicFi: 'EVILSESS' });
    }).toThrow(TypeError);
    expect(() => {
      (getAspsp(registry, 'ESSESESS') as { name: string }).name = 'x';
    }).toThrow(TypeError);
    expect(bics(listAspsps(registry))).not.toContain('EVILSESS');
  });

  it('keeps each registry apart', () => {
    const other = loadRegistry(defaultRegistryPath(), { ...urls, apiUrl: 'http://localhost:9' });
    expect(listAspsps(other).aspsps[0]?.logoUrl).toBe('http://localhost:9/logos/ESSESESS.svg');
    expect(listAspsps(registry).aspsps[0]?.logoUrl).toBe(
      'https://api.bankbridge.test/logos/ESSESESS.svg',
    );
  });
});

describe('answers are valid against the contract', () => {
  const spec = parse(
    readFileSync(new URL('../openapi/nextgenpsd2-1.3.3.yaml', import.meta.url), 'utf8'),
  ) as { components: { schemas: Record<string, unknown> } };
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  ajv.addSchema({ $id: 'contract', components: spec.components });
  const check = (name: string, value: unknown) => {
    const validate = ajv.getSchema(`contract#/components/schemas/${name}`);
    if (!validate) throw new Error(`no schema ${name}`);
    const ok = validate(value);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  };

  it('the validator itself rejects a wrong body', () => {
    const validate = ajv.getSchema('contract#/components/schemas/aspspListItem');
    expect(validate?.({ bicFi: 'not a bic', name: 'x' })).toBe(false);
  });

  it('every list item and every detail object', () => {
    // Errata: the lists are declared as bare arrays but answered wrapped; items are checked.
    for (const country of listCountries(registry).countries) check('country', country);
    for (const city of listCities(registry).cities) check('city', city);
    for (const item of listAspsps(registry).aspsps) {
      check('aspspListItem', item);
      check('aspsp', getAspsp(registry, item.bicFi));
    }
    check('country', getCountry(registry, 'SE'));
  });
});
