/**
 * Parsing of the ASPSP information API's query and path parameters.
 *
 * Decisions (the contract is loose here):
 * - Country codes are accepted in any case (`se`, `Se`, `SE`): the contract's own pattern for
 *   the path parameter is `^[a-zA-Z]{2}$`. Answers always carry the upper-case code. A code must
 *   be two letters; it need not be one Bankbridge knows (`XX` is well-formed, and unknown).
 * - City ids are accepted in any case (UUIDs are case-insensitive on input, RFC 9562) and must
 *   be UUID-shaped (8-4-4-4-12 hex digits; version and variant are not checked: the documented
 *   ids, e.g. bb97dd78-835c-9922-e700-a8b5b3f5cbba, are not RFC 4122 UUIDs). Answers carry
 *   them in lower case.
 * - BICs must match the contract's pattern, which is upper case only (ISO 9362 BICs are upper
 *   case); `essesess` is a FORMAT_ERROR whose text says so. `ESSESESSXXX` (the head office
 *   branch code) finds `ESSESESS` and the other way round.
 * - Lists are comma-separated; spaces around items are ignored (`SE, FI`); an empty item
 *   (`SE,,FI`, `SE,`, or an empty parameter) is a FORMAT_ERROR. A parameter given several
 *   times (`?isoCountryCodes=SE&isoCountryCodes=FI`, which Fastify hands over as an array)
 *   counts as one list.
 */
import { AspspInformationError, shown } from './errors.js';

/** A query parameter as an HTTP framework hands it over. */
export type ListParam = string | readonly string[] | undefined | null;

const COUNTRY_CODE = /^[A-Za-z]{2}$/;
const CITY_ID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;
const BIC = /^[A-Z]{6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3})?$/;
const LOOSE_BIC = /^[A-Za-z]{6}[A-Za-z2-9][A-Na-nP-Zp-z0-9]([A-Za-z0-9]{3})?$/;

const CITY_EXAMPLE = '37efa883-c8ad-4ff7-927b-b11b02beb923';

function formatError(parameter: string, message: string): AspspInformationError {
  return new AspspInformationError('FORMAT_ERROR', parameter, message);
}

/** The items of a comma-separated list parameter; undefined when the parameter is absent. */
function splitList(parameter: string, value: ListParam, example: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const parts = typeof value === 'string' ? [value] : value;
  if (parts.length === 0) return undefined;
  const items: string[] = [];
  for (const part of parts) {
    if (typeof part !== 'string') {
      throw formatError(parameter, `${parameter} must be a comma-separated list, e.g. ${example}`);
    }
    for (const raw of part.split(',')) {
      const item = raw.trim();
      if (item === '') {
        throw formatError(
          parameter,
          part.trim() === ''
            ? `${parameter} is empty: give a comma-separated list, e.g. ${example}, or leave it out`
            : `${parameter} ${shown(part)} has an empty item: give a comma-separated list, e.g. ${example}`,
        );
      }
      items.push(item);
    }
  }
  return items;
}

function countryCode(parameter: string, value: string): string {
  if (!COUNTRY_CODE.test(value)) {
    throw formatError(
      parameter,
      `${parameter}: ${shown(value)} is not an ISO 3166-1 alpha-2 country code (two letters, e.g. SE)`,
    );
  }
  return value.toUpperCase();
}

function cityId(parameter: string, value: string): string {
  if (!CITY_ID.test(value)) {
    throw formatError(
      parameter,
      `${parameter}: ${shown(value)} is not a city id (a UUID, e.g. ${CITY_EXAMPLE})`,
    );
  }
  return value.toLowerCase();
}

/** `isoCountryCodes=SE,fi` -> ['SE', 'FI']; undefined when absent. */
export function parseCountryCodes(value: ListParam): string[] | undefined {
  return splitList('isoCountryCodes', value, 'SE,FI')?.map((v) =>
    countryCode('isoCountryCodes', v),
  );
}

/** `cityIds=<uuid>,<uuid>` -> lower-case ids; undefined when absent. */
export function parseCityIds(value: ListParam): string[] | undefined {
  return splitList('cityIds', value, `${CITY_EXAMPLE},ba9dd929-1408-33a6-3ce2-bc45fcfaaa5c`)?.map(
    (v) => cityId('cityIds', v),
  );
}

/** The `isoCountryCode` path parameter, upper case. */
export function parseCountryCode(value: string): string {
  return countryCode('isoCountryCode', value);
}

/** The `city-id` path parameter, lower case. */
export function parseCityId(value: string): string {
  return cityId('city-id', value);
}

/** The `bicFi` path parameter, checked against the contract's pattern. */
export function parseBic(value: string): string {
  if (BIC.test(value)) return value;
  const upper = value.toUpperCase();
  if (LOOSE_BIC.test(value) && BIC.test(upper)) {
    throw formatError(
      'bicFi',
      `bicFi: ${shown(value)} is not a BIC: BICs are upper case (${upper})`,
    );
  }
  throw formatError(
    'bicFi',
    `bicFi: ${shown(value)} is not a BIC (ISO 9362: 8 or 11 upper-case letters and digits, e.g. ESSESESS)`,
  );
}
