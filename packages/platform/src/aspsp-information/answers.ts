/**
 * The ASPSP information API's answers, computed from the registry without I/O.
 *
 * Contract errata handled here (nextgenpsd2-1.3.3.yaml, see DESIGN.md):
 * - the lists are declared as bare arrays; they are answered wrapped, as the documentation, the
 *   contract's own examples and every client expect: {"countries":[...]}, {"cities":[...]},
 *   {"aspsps":[...]};
 * - the `city` schema carries `countryId`; a city is answered with `isoCountryCode`, as
 *   documented;
 * - GET countries/{isoCountryCode} refers to the city response; it answers a country object.
 *
 * Decisions:
 * - Answers list entries in the registry's order, each once, whatever the order of the filters.
 * - Several filters (and several values) select the union: isoCountryCodes=SE plus the Helsinki
 *   city id gives the Swedish entries and the Helsinki ones.
 * - A country filter (`isoCountryCodes`, on all three lists) that names at least one country
 *   Bankbridge serves answers those countries' entries, and its other codes match nothing: the
 *   contract's own example is `SE,UK,FI`, and UK is no ISO code. One that names none is an
 *   error, never an empty list a TPP would take for "no banks yet": 400 FORMAT_ERROR naming the
 *   codes that are not assigned ISO 3166-1 alpha-2 codes (`XX`, `UK`) if there are any, else
 *   404 RESOURCE_UNKNOWN "no banks are served in NO", as GET countries/NO answers. Both point
 *   at GET countries. 404 rather than 400 for a real country: the request is well-formed, and
 *   the TPP reacts as to GET countries/NO, by choosing a served country. The country filter is
 *   judged on its own, whatever `cityIds` selects beside it.
 * - City ids that match nothing select nothing: a city id is opaque, not a place a TPP can
 *   name by mistake, and its filter is a union member like any other.
 *
 * Speed: each registry is indexed once (Maps), and the answers to the unfiltered lists and to
 * one-value filters are built once and frozen, so those requests cost a Map lookup. `toJson`
 * keeps each frozen answer's JSON text, for an HTTP layer that wants to skip serialisation.
 */
import type { AuthorizationMethod, Registry } from '../registry/types.js';
import { AspspInformationError, shown } from './errors.js';
import { countryCodeHint, isAssignedCountryCode } from './iso-3166.js';
import {
  type ListParam,
  parseBic,
  parseCityId,
  parseCityIds,
  parseCountryCode,
  parseCountryCodes,
} from './params.js';

export interface CountryAnswer {
  isoCountryCode: string;
  name: string;
}

export interface CityAnswer {
  cityId: string;
  name: string;
  isoCountryCode: string;
}

export interface AspspListItem {
  bicFi: string;
  name: string;
  logoUrl: string;
}

/** GET aspsps/{bicFi}: the fields, in the order, of the documented example. */
export interface AspspDetails {
  city: string;
  country: string;
  postalCode: string;
  streetAddress: string;
  companyNumber: string;
  phone: string;
  websiteUrl: string;
  globalPaymentProducts: string[];
  paymentProducts: string[];
  supportedAuthorizationMethods: AuthorizationMethod[];
  bicFi: string;
  name: string;
  logoUrl: string;
}

export interface CountryList {
  countries: CountryAnswer[];
}
export interface CityList {
  cities: CityAnswer[];
}
export interface AspspList {
  aspsps: AspspListItem[];
}

export interface CountryFilters {
  isoCountryCodes?: ListParam;
}
export interface ListFilters {
  isoCountryCodes?: ListParam;
  cityIds?: ListParam;
}

/** A list answer per filter value, and the positions of its entries for unions. */
interface Selection<T> {
  all: T;
  byCountry: Map<string, T>;
  byCity: Map<string, T>;
  positionsByCountry: Map<string, number[]>;
  positionsByCity: Map<string, number[]>;
}

interface Index {
  countries: Map<string, CountryAnswer>;
  countryList: CountryList;
  countryListByCode: Map<string, CountryList>;
  cities: Map<string, CityAnswer>;
  cityItems: CityAnswer[];
  citySelection: Selection<CityList>;
  aspsps: Map<string, AspspDetails>;
  aspspItems: AspspListItem[];
  aspspSelection: Selection<AspspList>;
}

const indexes = new WeakMap<Registry, Index>();
const EMPTY_COUNTRIES: CountryList = Object.freeze({
  countries: Object.freeze([]) as unknown as CountryAnswer[],
});
const EMPTY_CITIES: CityList = Object.freeze({
  cities: Object.freeze([]) as unknown as CityAnswer[],
});
const EMPTY_ASPSPS: AspspList = Object.freeze({
  aspsps: Object.freeze([]) as unknown as AspspListItem[],
});

function freeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) freeze(v);
  }
  return value;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function select<T, A>(
  items: readonly T[],
  countryOf: (item: T, i: number) => string,
  cityOf: (item: T, i: number) => string,
  wrap: (items: T[]) => A,
): Selection<A> {
  const positionsByCountry = new Map<string, number[]>();
  const positionsByCity = new Map<string, number[]>();
  items.forEach((item, i) => {
    push(positionsByCountry, countryOf(item, i), i);
    push(positionsByCity, cityOf(item, i), i);
  });
  const answers = (positions: Map<string, number[]>) =>
    new Map(
      [...positions].map(([key, list]) => [key, freeze(wrap(list.map((i) => items[i] as T)))]),
    );
  return {
    all: freeze(wrap([...items])),
    byCountry: answers(positionsByCountry),
    byCity: answers(positionsByCity),
    positionsByCountry,
    positionsByCity,
  };
}

/** Builds the lookups and the fixed answers for a registry; done once per registry. */
export function indexRegistry(registry: Registry): void {
  if (indexes.has(registry)) return;

  const countries = new Map<string, CountryAnswer>();
  const countryItems = registry.countries.map((c) => {
    const answer = freeze({ isoCountryCode: c.isoCountryCode, name: c.name });
    countries.set(c.isoCountryCode, answer);
    return answer;
  });

  const cities = new Map<string, CityAnswer>();
  const cityItems = registry.cities.map((c) => {
    const answer = freeze({ cityId: c.cityId, name: c.name, isoCountryCode: c.isoCountryCode });
    cities.set(c.cityId, answer);
    return answer;
  });

  const aspsps = new Map<string, AspspDetails>();
  const aspspItems: AspspListItem[] = [];
  const aspspPlaces: { country: string; city: string }[] = [];
  for (const a of registry.aspsps) {
    const details: AspspDetails = freeze({
      city: cities.get(a.cityId)?.name ?? '',
      country: countries.get(a.isoCountryCode)?.name ?? '',
      postalCode: a.postalCode,
      streetAddress: a.streetAddress,
      companyNumber: a.companyNumber,
      phone: a.phone,
      websiteUrl: a.websiteUrl,
      globalPaymentProducts: [...a.globalPaymentProducts],
      paymentProducts: [...a.paymentProducts],
      supportedAuthorizationMethods: a.supportedAuthorizationMethods.map((m) => ({
        name: m.name,
        uri: m.uri,
      })),
      bicFi: a.bicFi,
      name: a.name,
      logoUrl: a.logoUrl,
    });
    // ESSESESS and ESSESESSXXX name the same head office.
    aspsps.set(a.bicFi, details);
    if (a.bicFi.length === 8) aspsps.set(`${a.bicFi}XXX`, details);
    else if (a.bicFi.endsWith('XXX') && !aspsps.has(a.bicFi.slice(0, 8))) {
      aspsps.set(a.bicFi.slice(0, 8), details);
    }
    aspspItems.push(freeze({ bicFi: a.bicFi, name: a.name, logoUrl: a.logoUrl }));
    aspspPlaces.push({ country: a.isoCountryCode, city: a.cityId });
  }

  indexes.set(registry, {
    countries,
    countryList: freeze({ countries: countryItems }),
    countryListByCode: new Map(
      countryItems.map((c) => [c.isoCountryCode, freeze({ countries: [c] })]),
    ),
    cities,
    cityItems,
    citySelection: select(
      cityItems,
      (c) => c.isoCountryCode,
      (c) => c.cityId,
      (list) => ({ cities: list }),
    ),
    aspsps,
    aspspItems,
    aspspSelection: select(
      aspspItems,
      (_, i) => aspspPlaces[i]?.country ?? '',
      (_, i) => aspspPlaces[i]?.city ?? '',
      (list) => ({ aspsps: list }),
    ),
  });
}

function indexOf(registry: Registry): Index {
  let index = indexes.get(registry);
  if (!index) {
    indexRegistry(registry);
    index = indexes.get(registry) as Index;
  }
  return index;
}

/** The union of the filters over a selection, in registry order. */
function filtered<T, A>(
  selection: Selection<A>,
  items: readonly T[],
  codes: string[] | undefined,
  ids: string[] | undefined,
  empty: A,
  wrap: (items: T[]) => A,
): A {
  if (codes === undefined && ids === undefined) return selection.all;
  const nCodes = codes?.length ?? 0;
  const nIds = ids?.length ?? 0;
  // One value: answered from the prebuilt answers.
  if (nCodes + nIds === 1) {
    const answer =
      codes?.[0] !== undefined
        ? selection.byCountry.get(codes[0])
        : selection.byCity.get(ids?.[0] ?? '');
    return answer ?? empty;
  }
  const positions = new Set<number>();
  for (const code of codes ?? [])
    for (const i of selection.positionsByCountry.get(code) ?? []) positions.add(i);
  for (const id of ids ?? [])
    for (const i of selection.positionsByCity.get(id) ?? []) positions.add(i);
  if (positions.size === 0) return empty;
  return wrap([...positions].sort((a, b) => a - b).map((i) => items[i] as T));
}

const COUNTRIES_HINT = 'GET /psd2/aspspinformation/v1/countries lists the countries';

/** The parsed country filter, checked to name a served country (see the decisions above). */
function servedFilter(index: Index, value: ListParam): string[] | undefined {
  const codes = parseCountryCodes(value);
  if (codes === undefined || codes.some((code) => index.countries.has(code))) return codes;
  const unique = [...new Set(codes)];
  const notIso = unique.filter((code) => !isAssignedCountryCode(code));
  if (notIso.length > 0) {
    const hints = notIso.map(countryCodeHint).filter((hint) => hint !== undefined);
    const what =
      notIso.length === 1
        ? 'is not an ISO 3166-1 alpha-2 country code'
        : 'are not ISO 3166-1 alpha-2 country codes';
    throw new AspspInformationError(
      'FORMAT_ERROR',
      'isoCountryCodes',
      `isoCountryCodes: ${notIso.map(shown).join(', ')} ${what} (${hints.length > 0 ? hints.join(', ') : 'two letters, e.g. SE'}); ${COUNTRIES_HINT}`,
    );
  }
  throw new AspspInformationError(
    'RESOURCE_UNKNOWN',
    'isoCountryCodes',
    `no banks are served in ${unique.join(' or ')}; ${COUNTRIES_HINT}`,
  );
}

/** GET countries[?isoCountryCodes=SE,FI] */
export function listCountries(registry: Registry, filters: CountryFilters = {}): CountryList {
  const index = indexOf(registry);
  const codes = servedFilter(index, filters.isoCountryCodes);
  if (codes === undefined) return index.countryList;
  if (codes.length === 1) return index.countryListByCode.get(codes[0] as string) ?? EMPTY_COUNTRIES;
  const wanted = new Set(codes);
  return { countries: index.countryList.countries.filter((c) => wanted.has(c.isoCountryCode)) };
}

/** GET countries/{isoCountryCode} */
export function getCountry(registry: Registry, isoCountryCode: string): CountryAnswer {
  const code = parseCountryCode(isoCountryCode);
  const country = indexOf(registry).countries.get(code);
  if (!country) {
    throw new AspspInformationError(
      'RESOURCE_UNKNOWN',
      'isoCountryCode',
      `Unknown country ${code}: GET /psd2/aspspinformation/v1/countries lists the supported countries`,
    );
  }
  return country;
}

/** GET cities[?isoCountryCodes=...][&cityIds=...]: the union of both filters. */
export function listCities(registry: Registry, filters: ListFilters = {}): CityList {
  const index = indexOf(registry);
  const codes = servedFilter(index, filters.isoCountryCodes);
  const ids = parseCityIds(filters.cityIds);
  return filtered(index.citySelection, index.cityItems, codes, ids, EMPTY_CITIES, (cities) => ({
    cities,
  }));
}

/** GET cities/{city-id} */
export function getCity(registry: Registry, cityId: string): CityAnswer {
  const id = parseCityId(cityId);
  const city = indexOf(registry).cities.get(id);
  if (!city) {
    throw new AspspInformationError(
      'RESOURCE_UNKNOWN',
      'city-id',
      `Unknown city ${id}: GET /psd2/aspspinformation/v1/cities lists the supported cities`,
    );
  }
  return city;
}

/** GET aspsps[?isoCountryCodes=...][&cityIds=...]: the union of both filters. */
export function listAspsps(registry: Registry, filters: ListFilters = {}): AspspList {
  const index = indexOf(registry);
  const codes = servedFilter(index, filters.isoCountryCodes);
  const ids = parseCityIds(filters.cityIds);
  return filtered(index.aspspSelection, index.aspspItems, codes, ids, EMPTY_ASPSPS, (aspsps) => ({
    aspsps,
  }));
}

/** GET aspsps/{bicFi} */
export function getAspsp(registry: Registry, bicFi: string): AspspDetails {
  const bic = parseBic(bicFi);
  const aspsp = indexOf(registry).aspsps.get(bic);
  if (!aspsp) {
    throw new AspspInformationError(
      'RESOURCE_UNKNOWN',
      'bicFi',
      `Unknown ASPSP ${bic}: GET /psd2/aspspinformation/v1/aspsps lists the supported ASPSPs`,
    );
  }
  return aspsp;
}

const json = new WeakMap<object, string>();

/**
 * The JSON text of an answer. The text of a prebuilt (frozen) answer is computed once and kept,
 * so the unfiltered lists are served without serialising them again.
 */
export function toJson(answer: object): string {
  if (!Object.isFrozen(answer)) return JSON.stringify(answer);
  let text = json.get(answer);
  if (text === undefined) {
    text = JSON.stringify(answer);
    json.set(answer, text);
  }
  return text;
}
