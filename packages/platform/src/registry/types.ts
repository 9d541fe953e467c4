/**
 * The ASPSP registry as loaded from `registry/aspsps.yaml` (see the file's header for what each
 * field means). Field names are those of the file; `logoUrl` and `urls` are added at load.
 */

export type ScaApproach = 'REDIRECT' | 'DECOUPLED';

export interface Country {
  /** ISO 3166-1 alpha-2, upper case. */
  isoCountryCode: string;
  name: string;
}

export interface City {
  /** UUID-shaped, lower case. */
  cityId: string;
  name: string;
  isoCountryCode: string;
}

export interface AuthorizationMethod {
  name: string;
  uri: string;
}

export interface ConnectorSettings {
  /** The bank's Berlin Group API base URL, placeholders substituted. */
  baseUrl: string;
  /** Non-empty, preferred first. */
  scaApproaches: ScaApproach[];
  /** Headers the bank insists on when a consent is created, e.g. PSU-IP-Address. */
  requiredPsuHeaders: string[];
}

export interface ConsentSettings {
  maxValidityDays: number;
  maxFrequencyPerDay: number;
  bankOffered: boolean;
  allPsd2: boolean;
  availableAccounts: boolean;
}

export interface AccountInformationSettings {
  transactionHistoryDays: number;
  historyWithoutFreshScaDays: number;
  transactionDetails: boolean;
  deltaList: boolean;
  entryReferenceFrom: boolean;
}

export interface AspspEntry {
  /** BIC (ISO 9362), 8 or 11 characters, upper case. */
  bicFi: string;
  name: string;
  isoCountryCode: string;
  cityId: string;
  postalCode: string;
  streetAddress: string;
  companyNumber: string;
  phone: string;
  websiteUrl: string;
  /** As written in the file: a file name in the logos directory, or an absolute URL. */
  logo: string;
  /** Public URL of the logo: `${apiUrl}/logos/<file>` for a file name, else `logo` itself. */
  logoUrl: string;
  globalPaymentProducts: string[];
  paymentProducts: string[];
  /** Defaults to OAuth2 with the discovery document of the Bankbridge auth server. */
  supportedAuthorizationMethods: AuthorizationMethod[];
  connector: ConnectorSettings;
  consent: ConsentSettings;
  accountInformation: AccountInformationSettings;
  /** true: served by the bundled sandbox banks. */
  sandbox: boolean;
}

export interface RegistryUrls {
  /** Base URL of the bundled sandbox banks (`${SANDBOX_URL}`). */
  sandboxUrl: string;
  /** Public URL of the Bankbridge API (`${API_URL}`), without `/psd2`. */
  apiUrl: string;
  /** Public URL of the Bankbridge auth server (`${AUTH_URL}`). */
  authUrl: string;
}

export interface Registry {
  /** Absolute path of the file the registry was loaded from. */
  source: string;
  /** Directory that logo file names refer to: `logos/` next to the registry file. */
  logosDir: string;
  /** The URLs the placeholders were substituted with, without trailing slash. */
  urls: RegistryUrls;
  countries: Country[];
  cities: City[];
  aspsps: AspspEntry[];
}
