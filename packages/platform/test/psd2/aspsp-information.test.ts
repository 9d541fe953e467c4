/**
 * HTTP tests of the ASPSP information API (GET /psd2/aspspinformation/v1/...): the answers the
 * documentation shows (seeds 001 and 004), the filters and their union, and the errors for
 * unknown and malformed countries, cities and BICs. Every response is checked against the
 * NextGenPSD2 contract.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectContract } from '../support/contract.js';
import { sebDetails } from '../support/seed-examples.js';
import {
  psd2Headers,
  startTestPlatform,
  TEST_API_URL,
  TEST_AUTH_URL,
  type TestPlatform,
} from '../support/test-platform.js';

const BASE = '/psd2/aspspinformation/v1';

const STOCKHOLM = '37efa883-c8ad-4ff7-927b-b11b02beb923';
const SUNDBYBERG = '5b0e8a4c-6f0d-4b4e-9a55-2f4f1c3d9e21';
const HELSINKI = 'ba9dd929-1408-33a6-3ce2-bc45fcfaaa5c';
const FRANKFURT = 'bb97dd78-835c-9922-e700-a8b5b3f5cbba';
const COPENHAGEN = '8f64d9db-7f38-e13e-cbf8-809e6bc6175c';
const SWEDISH_BANKS = ['ESSESESS', 'NDEASESS', 'HANDSESS', 'SWEDSESS', 'DABASESX'];
const FINNISH_BANKS = ['NDEAFIHH', 'OKOYFIHH'];

let tpp: TestPlatform;
let token: string;

beforeAll(async () => {
  tpp = await startTestPlatform();
  // The scope seed 001 asks for.
  token = await tpp.token('aspspinformation private');
});

afterAll(async () => {
  await tpp?.close();
});

interface Answer {
  status: number;
  body: unknown;
  headers: Record<string, unknown>;
  requestId: string;
}

/** GET `path` with a valid token and X-Request-ID; the response must satisfy the contract. */
async function get(path: string, extraHeaders: Record<string, string> = {}): Promise<Answer> {
  const headers = psd2Headers(token, extraHeaders);
  const response = await tpp.api.inject({ method: 'GET', url: `${BASE}${path}`, headers });
  expectContract(response);
  expect(response.statusCode).toBeLessThan(500);
  expect(response.headers['x-request-id']).toBe(headers['x-request-id']);
  return {
    status: response.statusCode,
    body: response.json(),
    headers: response.headers,
    requestId: headers['x-request-id'],
  };
}

async function getOk<T>(path: string): Promise<T> {
  const answer = await get(path);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  expect(answer.headers['content-type']).toMatch(/^application\/json\b/);
  return answer.body as T;
}

/** The one tppMessage of an error answer, after checking its status and code. */
async function getError(path: string, status: number, code: string): Promise<string> {
  const answer = await get(path);
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  const body = answer.body as { tppMessages: { category: string; code: string; text: string }[] };
  expect(body.tppMessages).toHaveLength(1);
  expect(body.tppMessages[0]).toMatchObject({ category: 'ERROR', code });
  const text = body.tppMessages[0]?.text ?? '';
  expect(text).not.toMatch(/\bat .+:\d+:\d+/); // no stack trace
  return text;
}

type Countries = { countries: { isoCountryCode: string; name: string }[] };
type Cities = { cities: { cityId: string; name: string; isoCountryCode: string }[] };
type Aspsps = { aspsps: { bicFi: string; name: string; logoUrl: string }[] };

const bics = (answer: Aspsps) => answer.aspsps.map((a) => a.bicFi);
const cityIds = (answer: Cities) => answer.cities.map((c) => c.cityId);

describe('countries', () => {
  it('lists SE, FI, DE, DK in the order of seed 004', async () => {
    const body = await getOk<Countries>('/countries');
    expect(body).toEqual({
      countries: [
        { isoCountryCode: 'SE', name: 'Sweden' },
        { isoCountryCode: 'FI', name: 'Finland' },
        { isoCountryCode: 'DE', name: 'Germany' },
        { isoCountryCode: 'DK', name: 'Denmark' },
      ],
    });
  });

  it('filters by isoCountryCodes, in registry order whatever the order asked', async () => {
    expect(await getOk<Countries>('/countries?isoCountryCodes=FI,SE')).toEqual({
      countries: [
        { isoCountryCode: 'SE', name: 'Sweden' },
        { isoCountryCode: 'FI', name: 'Finland' },
      ],
    });
    expect(await getOk<Countries>('/countries?isoCountryCodes=dk')).toEqual({
      countries: [{ isoCountryCode: 'DK', name: 'Denmark' }],
    });
  });

  it('answers one country as a country object (not a city, whatever the contract refers to)', async () => {
    const body = await getOk<Record<string, unknown>>('/countries/SE');
    expect(body).toEqual({ isoCountryCode: 'SE', name: 'Sweden' });
    expect(Object.keys(body)).toEqual(['isoCountryCode', 'name']);
  });

  it('accepts a lower-case or mixed-case code and answers the upper-case one', async () => {
    expect(await getOk('/countries/se')).toEqual({ isoCountryCode: 'SE', name: 'Sweden' });
    expect(await getOk('/countries/Fi')).toEqual({ isoCountryCode: 'FI', name: 'Finland' });
  });

  it('answers 404 RESOURCE_UNKNOWN for a well-formed country it does not serve', async () => {
    const text = await getError('/countries/NO', 404, 'RESOURCE_UNKNOWN');
    expect(text).toContain('NO');
    await getError('/countries/xx', 404, 'RESOURCE_UNKNOWN');
  });

  it.each([
    ['SWE', '/countries/SWE'],
    ['S', '/countries/S'],
    ['S1', '/countries/S1'],
  ])('answers 400 FORMAT_ERROR for the malformed code %s, naming it', async (bad, path) => {
    const text = await getError(path, 400, 'FORMAT_ERROR');
    expect(text).toContain(bad);
  });
});

describe('cities', () => {
  it('lists the registry cities with isoCountryCode, the seed ids included', async () => {
    const body = await getOk<Cities>('/cities');
    expect(body.cities).toEqual([
      { cityId: STOCKHOLM, name: 'Stockholm', isoCountryCode: 'SE' },
      { cityId: SUNDBYBERG, name: 'Sundbyberg', isoCountryCode: 'SE' },
      { cityId: HELSINKI, name: 'Helsinki', isoCountryCode: 'FI' },
      { cityId: FRANKFURT, name: 'Frankfurt', isoCountryCode: 'DE' },
      { cityId: COPENHAGEN, name: 'Copenhagen', isoCountryCode: 'DK' },
    ]);
    for (const city of body.cities) {
      expect(Object.keys(city)).toEqual(['cityId', 'name', 'isoCountryCode']);
    }
  });

  it('answers one city exactly as seed 004 shows', async () => {
    expect(await getOk(`/cities/${STOCKHOLM}`)).toEqual({
      cityId: STOCKHOLM,
      name: 'Stockholm',
      isoCountryCode: 'SE',
    });
    expect(await getOk(`/cities/${HELSINKI.toUpperCase()}`)).toEqual({
      cityId: HELSINKI,
      name: 'Helsinki',
      isoCountryCode: 'FI',
    });
  });

  it('filters by country and by city id', async () => {
    expect(cityIds(await getOk<Cities>('/cities?isoCountryCodes=SE,FI'))).toEqual([
      STOCKHOLM,
      SUNDBYBERG,
      HELSINKI,
    ]);
    expect(cityIds(await getOk<Cities>(`/cities?cityIds=${HELSINKI}`))).toEqual([HELSINKI]);
    expect(cityIds(await getOk<Cities>(`/cities?cityIds=${HELSINKI.toUpperCase()}`))).toEqual([
      HELSINKI,
    ]);
    expect(cityIds(await getOk<Cities>(`/cities?cityIds=${COPENHAGEN},${STOCKHOLM}`))).toEqual([
      STOCKHOLM,
      COPENHAGEN,
    ]);
  });

  it('answers the union of isoCountryCodes=SE and the Helsinki city id (seed 004)', async () => {
    expect(cityIds(await getOk<Cities>(`/cities?isoCountryCodes=SE&cityIds=${HELSINKI}`))).toEqual([
      STOCKHOLM,
      SUNDBYBERG,
      HELSINKI,
    ]);
    // A city both filters select is listed once.
    expect(cityIds(await getOk<Cities>(`/cities?isoCountryCodes=SE&cityIds=${STOCKHOLM}`))).toEqual(
      [STOCKHOLM, SUNDBYBERG],
    );
  });

  it('answers an empty list for city ids that match nothing', async () => {
    expect(await getOk(`/cities?cityIds=${randomUUID()}`)).toEqual({ cities: [] });
  });

  it('says a country filter that names no country served is unknown', async () => {
    expect(await getError('/cities?isoCountryCodes=NO', 404, 'RESOURCE_UNKNOWN')).toBe(
      'no banks are served in NO; GET /psd2/aspspinformation/v1/countries lists the countries',
    );
  });

  it('answers 404 RESOURCE_UNKNOWN for an unknown city id', async () => {
    const unknown = randomUUID();
    expect(await getError(`/cities/${unknown}`, 404, 'RESOURCE_UNKNOWN')).toContain(unknown);
  });

  it('answers 400 FORMAT_ERROR for a city id that is not a UUID, naming it', async () => {
    expect(await getError('/cities/stockholm', 400, 'FORMAT_ERROR')).toContain('stockholm');
    expect(await getError(`/cities/${STOCKHOLM}0`, 400, 'FORMAT_ERROR')).toContain(`${STOCKHOLM}0`);
  });
});

describe('aspsps', () => {
  it('lists every bank, each with bicFi, name, logoUrl and its health only', async () => {
    const body = await getOk<Aspsps>('/aspsps');
    expect(bics(body)).toEqual([...SWEDISH_BANKS, ...FINNISH_BANKS, 'DABADKKK', 'DEUTDEFF']);
    for (const aspsp of body.aspsps) {
      // health: erratum aspsps-report-health (test/connectors/breaker-banks.test.ts).
      expect(Object.keys(aspsp)).toEqual(['bicFi', 'name', 'logoUrl', 'health']);
      expect((aspsp as { health?: unknown }).health).toEqual({ status: 'available' });
      expect(aspsp.logoUrl).toBe(`${TEST_API_URL}/logos/${aspsp.bicFi}.svg`);
    }
  });

  it('answers the request of seed 001 (Content-Type on a bodyless GET, "aspspinformation private")', async () => {
    const headers = {
      Accept: 'application/json',
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      'X-Request-ID': randomUUID(),
    };
    const response = await tpp.api.inject({
      method: 'GET',
      url: `${BASE}/aspsps?isoCountryCodes=SE`,
      headers,
    });
    expectContract(response);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['x-request-id']).toBe(headers['X-Request-ID']);
    expect(bics(response.json())).toEqual(SWEDISH_BANKS);
  });

  it('says which country codes in isoCountryCodes are unknown, when none is served', async () => {
    expect(await getError('/aspsps?isoCountryCodes=XX', 400, 'FORMAT_ERROR')).toBe(
      'isoCountryCodes: "XX" is not an ISO 3166-1 alpha-2 country code (two letters, e.g. SE); GET /psd2/aspspinformation/v1/countries lists the countries',
    );
    expect(await getError('/aspsps?isoCountryCodes=NO', 404, 'RESOURCE_UNKNOWN')).toBe(
      'no banks are served in NO; GET /psd2/aspspinformation/v1/countries lists the countries',
    );
    expect(await getError('/countries?isoCountryCodes=pl,NO', 404, 'RESOURCE_UNKNOWN')).toBe(
      'no banks are served in PL or NO; GET /psd2/aspspinformation/v1/countries lists the countries',
    );
  });

  it("answers the contract's example isoCountryCodes=SE,UK,FI with the Swedish and Finnish banks", async () => {
    expect(bics(await getOk<Aspsps>('/aspsps?isoCountryCodes=SE,UK,FI'))).toEqual([
      ...SWEDISH_BANKS,
      ...FINNISH_BANKS,
    ]);
  });

  it('filters by isoCountryCodes=SE,FI', async () => {
    expect(bics(await getOk<Aspsps>('/aspsps?isoCountryCodes=SE,FI'))).toEqual([
      ...SWEDISH_BANKS,
      ...FINNISH_BANKS,
    ]);
    expect(bics(await getOk<Aspsps>('/aspsps?isoCountryCodes=fi'))).toEqual(FINNISH_BANKS);
    // The same parameter twice counts as one list.
    expect(bics(await getOk<Aspsps>('/aspsps?isoCountryCodes=FI&isoCountryCodes=SE'))).toEqual([
      ...SWEDISH_BANKS,
      ...FINNISH_BANKS,
    ]);
  });

  it('filters by Germany and Denmark, and by their cities', async () => {
    expect(bics(await getOk<Aspsps>('/aspsps?isoCountryCodes=DE'))).toEqual(['DEUTDEFF']);
    expect(bics(await getOk<Aspsps>(`/aspsps?cityIds=${COPENHAGEN}`))).toEqual(['DABADKKK']);
    expect(bics(await getOk<Aspsps>(`/aspsps?cityIds=${FRANKFURT},${COPENHAGEN}`))).toEqual([
      'DABADKKK',
      'DEUTDEFF',
    ]);
  });

  it('filters by the Helsinki city id', async () => {
    expect(bics(await getOk<Aspsps>(`/aspsps?cityIds=${HELSINKI}`))).toEqual(FINNISH_BANKS);
  });

  it('answers Swedish banks plus the Helsinki ones for isoCountryCodes=SE&cityIds=<Helsinki>', async () => {
    const union = bics(await getOk<Aspsps>(`/aspsps?isoCountryCodes=SE&cityIds=${HELSINKI}`));
    expect(union).toEqual([...SWEDISH_BANKS, ...FINNISH_BANKS]);
    // Neither filter alone gives that.
    expect(union).not.toEqual(bics(await getOk<Aspsps>('/aspsps?isoCountryCodes=SE')));
    expect(union).not.toEqual(bics(await getOk<Aspsps>(`/aspsps?cityIds=${HELSINKI}`)));
  });

  it('answers SEB exactly with the fields, in the order, of seed 004, and its health last', async () => {
    const body = await getOk<Record<string, unknown>>('/aspsps/ESSESESS');
    const expected = {
      ...sebDetails({ apiUrl: TEST_API_URL, authUrl: TEST_AUTH_URL }),
      health: { status: 'available' },
    };
    expect(Object.keys(body)).toEqual(Object.keys(expected));
    expect(body).toEqual(expected);
  });

  it('finds SEB by its 11-character form ESSESESSXXX', async () => {
    expect(await getOk('/aspsps/ESSESESSXXX')).toEqual(await getOk('/aspsps/ESSESESS'));
  });

  it('answers every listed bank by its BIC, with its country and city names', async () => {
    const { aspsps } = await getOk<Aspsps>('/aspsps');
    const countries = new Map(
      (await getOk<Countries>('/countries')).countries.map((c) => [c.name, c.isoCountryCode]),
    );
    const cityNames = new Set((await getOk<Cities>('/cities')).cities.map((c) => c.name));
    for (const item of aspsps) {
      const details = await getOk<Record<string, string>>(`/aspsps/${item.bicFi}`);
      expect(details).toMatchObject(item);
      expect(countries.get(details.country ?? '')).toBe(item.bicFi.slice(4, 6));
      expect(cityNames.has(details.city ?? '')).toBe(true);
    }
  });

  it('answers 404 RESOURCE_UNKNOWN for a well-formed BIC it does not serve', async () => {
    expect(await getError('/aspsps/NOTASESS', 404, 'RESOURCE_UNKNOWN')).toContain('NOTASESS');
    await getError('/aspsps/ESSESESS123', 404, 'RESOURCE_UNKNOWN');
  });

  it.each([
    ['ESSESE', 'too short'],
    ['ESSESESSX', 'nine characters'],
    ['essesess', 'lower case'],
    ['ESSE-SESS', 'a dash'],
  ])('answers 400 FORMAT_ERROR for the malformed BIC %s (%s), naming it', async (bad) => {
    expect(await getError(`/aspsps/${bad}`, 400, 'FORMAT_ERROR')).toContain(bad);
  });
});

describe('malformed filters', () => {
  it.each([
    ['countries', 'isoCountryCodes=SWE', 'SWE'],
    ['countries', 'isoCountryCodes=S', 'S'],
    ['countries', 'isoCountryCodes=SE,,FI', 'SE,,FI'],
    ['cities', 'isoCountryCodes=SE,', 'SE,'],
    ['aspsps', 'isoCountryCodes=', 'isoCountryCodes'],
    ['aspsps', 'isoCountryCodes=SWE', 'SWE'],
    ['aspsps', 'isoCountryCodes=SE,S', 'S'],
    ['aspsps', 'cityIds=helsinki', 'helsinki'],
    ['aspsps', `cityIds=${HELSINKI},`, HELSINKI],
    ['cities', 'cityIds=12345', '12345'],
    ['cities', `isoCountryCodes=SE&cityIds=${HELSINKI.slice(1)}`, HELSINKI.slice(1)],
  ])('%s?%s: 400 FORMAT_ERROR naming %s', async (list, query, shown) => {
    const text = await getError(`/${list}?${query}`, 400, 'FORMAT_ERROR');
    expect(text).toContain(shown);
  });

  it('names the bad value even when it is long, without echoing all of it', async () => {
    const bad = 'X'.repeat(5000);
    const text = await getError(`/aspsps?isoCountryCodes=${bad}`, 400, 'FORMAT_ERROR');
    expect(text).toContain('XXXXXXXXXX');
    expect(text.length).toBeLessThan(300);
  });
});
