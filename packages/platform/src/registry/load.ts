import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject } from 'ajv';
import { parseDocument } from 'yaml';
import { isIsoCountryCode } from './iso3166.js';
import {
  BIC_PATTERN,
  COUNTRY_CODE_PATTERN,
  DATE_PATTERN,
  registrySchema,
  TIME_PATTERN,
  UUID_PATTERN,
} from './schema.js';
import type { AspspEntry, City, Country, Registry, RegistryUrls } from './types.js';

/** The registry shipped with Bankbridge (`packages/platform/registry/aspsps.yaml`). */
export function defaultRegistryPath(): string {
  return fileURLToPath(new URL('../../registry/aspsps.yaml', import.meta.url));
}

/** The logos shipped with Bankbridge (`packages/platform/registry/logos`), one `<BIC>.svg` each. */
export function defaultLogosDirectory(): string {
  return fileURLToPath(new URL('../../registry/logos', import.meta.url));
}

/**
 * The directory to serve under `${apiUrl}/logos/`: the loaded registry's, or the shipped one.
 */
export function logosDirectory(registry?: Registry): string {
  return registry?.logosDir ?? defaultLogosDirectory();
}

import { paymentSettings, type RawPayments } from './payment-settings.js';
import { RegistryError, type RegistryProblem } from './registry-error.js';

export { RegistryError, type RegistryProblem };

export interface LoadRegistryOptions extends RegistryUrls {
  /**
   * Directory that logo file names refer to. Default: `logos/` next to the registry file if it
   * exists, else the shipped logos (so an edited copy of the registry keeps the shipped logos).
   */
  logosDir?: string;
}

/** Reads, checks and returns the registry; throws RegistryError naming what is wrong. */
export function loadRegistry(path: string, options: LoadRegistryOptions): Registry {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new RegistryError(file, [{ path: '', message: `cannot read the file (${reason})` }]);
  }
  return parseRegistry(text, file, options);
}

/** Checks registry text already read from `file` (used in messages and to find the logos). */
export function parseRegistry(text: string, file: string, options: LoadRegistryOptions): Registry {
  const urls = checkUrls(file, options);

  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new RegistryError(
      file,
      doc.errors.map((e) => ({
        path: e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '',
        message: `not valid YAML: ${e.message.split('\n')[0]}`,
      })),
    );
  }
  const raw: unknown = doc.toJS();
  if (raw === null || raw === undefined) {
    throw new RegistryError(file, [
      { path: '', message: 'the file is empty: it must list countries, cities and aspsps' },
    ]);
  }

  const problems: RegistryProblem[] = [];
  const data = substitute(raw, [], raw, urls, problems);
  if (problems.length === 0 && !validate(data)) {
    for (const error of validate.errors ?? []) problems.push(describeAjvError(error, data));
  }
  if (problems.length > 0) throw new RegistryError(file, dedupe(problems));

  const logosDir = resolve(options.logosDir ?? pickLogosDir(file));
  const registry = build(data as RawRegistry, file, logosDir, urls, problems);
  if (problems.length > 0) throw new RegistryError(file, problems);
  return deepFreeze(registry);
}

// ---------------------------------------------------------------------------------------------

type RawAspsp = Omit<AspspEntry, 'logoUrl' | 'supportedAuthorizationMethods' | 'payments'> &
  Partial<Pick<AspspEntry, 'supportedAuthorizationMethods'>> & { payments?: RawPayments };
interface RawRegistry {
  countries: Country[];
  cities: City[];
  aspsps: RawAspsp[];
}

const ajv = new Ajv({ allErrors: true, strict: true, verbose: true });
const validate = ajv.compile(registrySchema);

const PLACEHOLDERS = { SANDBOX_URL: 'sandboxUrl', API_URL: 'apiUrl', AUTH_URL: 'authUrl' } as const;

function checkUrls(file: string, options: LoadRegistryOptions): RegistryUrls {
  const out = {} as RegistryUrls;
  const problems: RegistryProblem[] = [];
  for (const key of ['sandboxUrl', 'apiUrl', 'authUrl'] as const) {
    const value = options[key];
    if (typeof value !== 'string' || !isHttpUrl(value)) {
      problems.push({
        path: `options.${key}`,
        message: `must be an absolute http(s) URL to substitute in the registry, got ${JSON.stringify(value)}`,
      });
      continue;
    }
    out[key] = value.replace(/\/+$/, '');
  }
  if (problems.length > 0) throw new RegistryError(file, problems);
  return out;
}

/** Replaces ${SANDBOX_URL}, ${API_URL} and ${AUTH_URL} in every string; flags unknown ones. */
function substitute(
  value: unknown,
  at: (string | number)[],
  root: unknown,
  urls: RegistryUrls,
  problems: RegistryProblem[],
): unknown {
  if (typeof value === 'string') {
    if (!value.includes('${')) return value;
    return value.replace(/\$\{([^}]*)\}/g, (match, name: string) => {
      const key = PLACEHOLDERS[name as keyof typeof PLACEHOLDERS];
      if (key) return urls[key];
      problems.push({
        path: describePath(at, root),
        message: `unknown placeholder ${match} (known: \${SANDBOX_URL}, \${API_URL}, \${AUTH_URL})`,
      });
      return match;
    });
  }
  if (Array.isArray(value))
    return value.map((v, i) => substitute(v, [...at, i], root, urls, problems));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      out[k] = substitute(v, [...at, k], root, urls, problems);
    return out;
  }
  return value;
}

/** `aspsps[3] (SWEDSESS).connector.scaApproaches[0]` from ['aspsps', 3, 'connector', ...]. */
function describePath(at: readonly (string | number)[], root: unknown): string {
  let out = '';
  let node: unknown = root;
  for (const segment of at) {
    const isIndex = typeof segment === 'number' || /^\d+$/.test(segment);
    node = (node as Record<string | number, unknown> | undefined)?.[segment];
    if (isIndex) {
      out += `[${segment}]`;
      const label = entryLabel(node);
      if (label && out.split('.').length === 1) out += ` (${label})`;
    } else {
      out += out ? `.${segment}` : String(segment);
    }
  }
  return out;
}

/** The name an entry goes by: its BIC, country code or city name (the id is long). */
function entryLabel(node: unknown): string | undefined {
  if (node === null || typeof node !== 'object') return undefined;
  const entry = node as Record<string, unknown>;
  for (const key of ['bicFi', 'isoCountryCode', 'name']) {
    if (key === 'isoCountryCode' && 'cityId' in entry) continue;
    const v = entry[key];
    if (typeof v === 'string' && v.trim()) return v;
  }
  return undefined;
}

const PATTERN_HINTS: Record<string, string> = {
  [BIC_PATTERN]: 'must be a BIC (ISO 9362) of 8 or 11 upper-case letters and digits, e.g. ESSESESS',
  [COUNTRY_CODE_PATTERN]: 'must be an ISO 3166-1 alpha-2 country code in upper case, e.g. SE',
  [UUID_PATTERN]: 'must be a UUID, e.g. 37efa883-c8ad-4ff7-927b-b11b02beb923',
  '\\S': 'must not be blank',
  '^[a-z0-9]+(-[a-z0-9]+)*$':
    'must be lower-case words joined by hyphens, e.g. sepa-credit-transfers',
  '^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$': 'must be an HTTP header name, e.g. PSU-IP-Address',
  [TIME_PATTERN]: 'must be a time of day HH:MM (24 hours, quoted), e.g. "14:00"',
  [DATE_PATTERN]: 'must be a date YYYY-MM-DD, e.g. 2026-08-28',
};

function describeAjvError(error: ErrorObject, root: unknown): RegistryProblem {
  const at = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const got = JSON.stringify(error.data);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return {
        path: describePath([...at, String(params.missingProperty)], root),
        message: 'is required',
      };
    case 'additionalProperties':
      return {
        path: describePath([...at, String(params.additionalProperty)], root),
        message: 'is not a known field (check the spelling; fields of your own must start with x-)',
      };
    case 'type': {
      const hint = params.type === 'string' ? ' (quote the value in the YAML file)' : '';
      return {
        path: describePath(at, root),
        message: `must be of type ${params.type}, got ${got}${hint}`,
      };
    }
    case 'enum':
      return {
        path: describePath(at, root),
        message: `must be one of ${(params.allowedValues as string[]).join(', ')}, got ${got}`,
      };
    case 'pattern':
      return {
        path: describePath(at, root),
        message: `${PATTERN_HINTS[String(params.pattern)] ?? `must match ${params.pattern}`}, got ${got}`,
      };
    case 'minimum':
      return { path: describePath(at, root), message: `must be a positive integer, got ${got}` };
    case 'maximum':
      return {
        path: describePath(at, root),
        message: `must be at most ${params.limit}, got ${got}`,
      };
    case 'minItems':
      return { path: describePath(at, root), message: 'must list at least one item' };
    case 'minLength':
      return { path: describePath(at, root), message: 'must not be empty' };
    case 'maxLength':
      return {
        path: describePath(at, root),
        message: `must be at most ${params.limit} characters, got ${String(error.data).length}`,
      };
    case 'uniqueItems': {
      const items = error.data as unknown[];
      return {
        path: describePath(at, root),
        message: `lists ${JSON.stringify(items[Number(params.i)])} more than once`,
      };
    }
    default:
      return { path: describePath(at, root), message: error.message ?? 'is not valid' };
  }
}

/** One problem per field is enough: an empty string is both too short and blank. */
function dedupe(problems: RegistryProblem[]): RegistryProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    if (seen.has(p.path)) return false;
    seen.add(p.path);
    return true;
  });
}

function pickLogosDir(file: string): string {
  const beside = join(dirname(file), 'logos');
  return existsSync(beside) ? beside : defaultLogosDirectory();
}

function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

const LOGO_FILE = /^[A-Za-z0-9][A-Za-z0-9._-]*\.(svg|png|jpe?g|webp|gif)$/i;

/** Cross-checks between entries, then the Registry with cityIds in lower case and logoUrl set. */
function build(
  raw: RawRegistry,
  file: string,
  logosDir: string,
  urls: RegistryUrls,
  problems: RegistryProblem[],
): Registry {
  const at = (...path: (string | number)[]) => describePath(path, raw);

  const countries = new Map<string, Country>();
  raw.countries.forEach((country, i) => {
    if (!isIsoCountryCode(country.isoCountryCode)) {
      problems.push({
        path: at('countries', i, 'isoCountryCode'),
        message: `${country.isoCountryCode} is not an ISO 3166-1 alpha-2 country code`,
      });
    }
    if (countries.has(country.isoCountryCode)) {
      problems.push({
        path: at('countries', i, 'isoCountryCode'),
        message: `country ${country.isoCountryCode} is listed more than once`,
      });
    }
    countries.set(country.isoCountryCode, country);
  });

  const cities = new Map<string, City>();
  const cityList: City[] = raw.cities.map((city, i) => {
    const cityId = city.cityId.toLowerCase();
    if (cities.has(cityId)) {
      problems.push({
        path: at('cities', i, 'cityId'),
        message: `city id ${cityId} is used more than once`,
      });
    }
    if (!countries.has(city.isoCountryCode)) {
      problems.push({
        path: at('cities', i, 'isoCountryCode'),
        message: `country ${city.isoCountryCode} is not in the countries list`,
      });
    }
    const out = { ...city, cityId };
    cities.set(cityId, out);
    return out;
  });

  const bics = new Map<string, number>();
  const aspsps: AspspEntry[] = raw.aspsps.map((bank, i) => {
    const bic8 = bank.bicFi.slice(0, 8);
    const branch = bank.bicFi.length === 11 ? bank.bicFi : `${bank.bicFi}XXX`;
    const twin = bics.get(branch);
    if (twin !== undefined) {
      problems.push({
        path: at('aspsps', i, 'bicFi'),
        message: `BIC ${bank.bicFi} is already used by ${at('aspsps', twin)}`,
      });
    }
    bics.set(branch, i);
    if (bic8.slice(4, 6) !== bank.isoCountryCode) {
      problems.push({
        path: at('aspsps', i, 'bicFi'),
        message: `the country part of BIC ${bank.bicFi} (${bic8.slice(4, 6)}) does not match isoCountryCode ${bank.isoCountryCode}`,
      });
    }
    if (!countries.has(bank.isoCountryCode)) {
      problems.push({
        path: at('aspsps', i, 'isoCountryCode'),
        message: `country ${bank.isoCountryCode} is not in the countries list`,
      });
    }
    const cityId = bank.cityId.toLowerCase();
    const city = cities.get(cityId);
    if (!city) {
      problems.push({
        path: at('aspsps', i, 'cityId'),
        message: `city ${cityId} is not in the cities list`,
      });
    } else if (city.isoCountryCode !== bank.isoCountryCode) {
      problems.push({
        path: at('aspsps', i, 'cityId'),
        message: `city ${cityId} (${city.name}) is in ${city.isoCountryCode}, not in ${bank.isoCountryCode}`,
      });
    }
    if (
      bank.accountInformation.historyWithoutFreshScaDays >
      bank.accountInformation.transactionHistoryDays
    ) {
      problems.push({
        path: at('aspsps', i, 'accountInformation', 'historyWithoutFreshScaDays'),
        message: `${bank.accountInformation.historyWithoutFreshScaDays} exceeds transactionHistoryDays (${bank.accountInformation.transactionHistoryDays})`,
      });
    }
    for (const [field, value] of [
      ['websiteUrl', bank.websiteUrl],
      ['connector.baseUrl', bank.connector.baseUrl],
    ] as const) {
      if (!isHttpUrl(value)) {
        problems.push({
          path: `${at('aspsps', i)}.${field}`,
          message: `must be an absolute http(s) URL, got ${JSON.stringify(value)}`,
        });
      }
    }
    bank.supportedAuthorizationMethods?.forEach((method, j) => {
      if (!isHttpUrl(method.uri)) {
        problems.push({
          path: at('aspsps', i, 'supportedAuthorizationMethods', j, 'uri'),
          message: `must be an absolute http(s) URL, got ${JSON.stringify(method.uri)}`,
        });
      }
    });

    let logoUrl = bank.logo;
    if (LOGO_FILE.test(bank.logo)) {
      logoUrl = `${urls.apiUrl}/logos/${encodeURIComponent(bank.logo)}`;
      if (!existsSync(join(logosDir, bank.logo))) {
        problems.push({
          path: at('aspsps', i, 'logo'),
          message: `logo file ${bank.logo} is not in ${logosDir}`,
        });
      }
    } else if (!isHttpUrl(bank.logo)) {
      problems.push({
        path: at('aspsps', i, 'logo'),
        message: `must be an image file name in the logos directory (e.g. ${bic8}.svg) or an absolute http(s) URL, got ${JSON.stringify(bank.logo)}`,
      });
    }

    const payments = paymentSettings(
      bank,
      (...path) => at('aspsps', i, 'payments', ...path),
      problems,
    );

    const { supportedAuthorizationMethods, ...rest } = bank;
    return {
      ...rest,
      payments,
      cityId,
      logoUrl,
      supportedAuthorizationMethods: supportedAuthorizationMethods ?? [
        { name: 'OAuth2', uri: `${urls.authUrl}/.well-known/openid-configuration` },
      ],
    };
  });

  return { source: file, logosDir, urls, countries: raw.countries, cities: cityList, aspsps };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
