/**
 * ASPSP information API logic (GET /psd2/aspspinformation/v1/...): pure functions over the
 * registry. The HTTP layer parses nothing itself: it hands over the raw query and path values
 * and maps AspspInformationError.kind to the Berlin Group error answer.
 */
export {
  type AspspDetails,
  type AspspList,
  type AspspListItem,
  type CityAnswer,
  type CityList,
  type CountryAnswer,
  type CountryFilters,
  type CountryList,
  getAspsp,
  getCity,
  getCountry,
  indexRegistry,
  type ListFilters,
  listAspsps,
  listCities,
  listCountries,
  toJson,
} from './answers.js';
export {
  AspspInformationError,
  type AspspInformationErrorKind,
  isAspspInformationError,
  STATUS_OF_KIND,
} from './errors.js';
export {
  aspspListWithHealth,
  aspspWithHealth,
  type HealthAnswer,
  type HealthLookup,
  type WithHealth,
} from './health.js';
export {
  type ListParam,
  parseBic,
  parseCityId,
  parseCityIds,
  parseCountryCode,
  parseCountryCodes,
} from './params.js';
