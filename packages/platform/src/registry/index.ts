export { bankLookup } from './bank-lookup.js';
export { ISO_3166_ALPHA2, isIsoCountryCode } from './iso3166.js';
export {
  defaultLogosDirectory,
  defaultRegistryPath,
  type LoadRegistryOptions,
  loadRegistry,
  logosDirectory,
  parseRegistry,
  RegistryError,
  type RegistryProblem,
} from './load.js';
export { BIC_PATTERN, COUNTRY_CODE_PATTERN, registrySchema, UUID_PATTERN } from './schema.js';
export type {
  AccountInformationSettings,
  AspspEntry,
  AuthorizationMethod,
  City,
  ConnectorSettings,
  ConsentSettings,
  Country,
  Registry,
  RegistryUrls,
  ScaApproach,
} from './types.js';
