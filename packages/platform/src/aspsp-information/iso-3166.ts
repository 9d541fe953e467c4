import { isIsoCountryCode } from '../registry/iso3166.js';

/** Codes developers commonly use for a country whose ISO code is another. */
const MISTAKEN: Readonly<Record<string, string>> = {
  UK: 'the United Kingdom is GB',
  EL: 'Greece is GR',
};

/**
 * Whether `code` (upper case) is an ISO 3166-1 alpha-2 code: the registry's list, the one
 * BICs are checked against. Intl.DisplayNames is no substitute: it names reserved and
 * user-assigned codes too (UK, EU, QO, ZZ), which are no country's code.
 */
export function isAssignedCountryCode(code: string): boolean {
  return isIsoCountryCode(code);
}

/** The code a developer likely meant by `code` (upper case), as a hint; undefined if none. */
export function countryCodeHint(code: string): string | undefined {
  return MISTAKEN[code];
}
