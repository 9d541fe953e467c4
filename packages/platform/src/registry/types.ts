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
  /**
   * Headers the bank insists on when a consent is created, e.g. PSU-IP-Address; also when a
   * payment is, unless `payments.requiredPsuHeaders.initiation` says otherwise.
   */
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

/** The Berlin Group payment services (the `{payment-service}` of the path). */
export type PaymentService = 'payments' | 'periodic-payments' | 'bulk-payments';

/** The PSU context of the token: the scope `paymentinitiation private` or `... corporate`. */
export type PsuContext = 'private' | 'corporate';

/**
 * Which account identifiers the bank takes in a global product's body: `iban` only, or also a
 * `bban` (with an optional `clearingNumber`, as Swedish banks number their accounts). SEPA
 * credit transfers always take an IBAN, whatever this says.
 */
export type AccountIdentifierStyle = 'iban' | 'iban-or-bban';

/**
 * How the bank's own API identifies an account in a global product's body, whatever form the
 * TPP used: `iban`; `bban`, the account number without the clearing number (Handelsbanken's
 * debtor); `bban-clearing`, the account number with the clearing number beside it in
 * `clearingNumber` (Handelsbanken's creditor). The connector converts; the BBAN forms are
 * Swedish account numbers.
 */
export type AccountForm = 'iban' | 'bban' | 'bban-clearing';

/** The account forms of one global product at a bank. */
export interface AccountForms {
  debtorAccount: AccountForm;
  creditorAccount: AccountForm;
}

/** What the registry says of one of the bank's own payment products (`paymentProducts`). */
export interface BankPaymentProduct {
  /** Default: `payments` only. */
  services: PaymentService[];
  /** Default: both. */
  contexts: PsuContext[];
  /** Earlier names of the product that still reach it (bank product ids are renamed). */
  aliases: string[];
  /** ISO date from which the bank no longer takes the product, if announced. */
  deprecatedFrom?: string;
}

/**
 * The bank's payment initiation rules (`payments` of the registry entry, every field optional;
 * the loader fills in the defaults). Not part of the ASPSP information answers.
 */
/** The `scaStatus` values a bank may report while a decoupled SCA runs. */
export const DECOUPLED_SCA_STEPS = [
  'psuIdentified',
  'psuAuthenticated',
  'started',
  'authenticationStarted',
  'authoriseCreditorAccountStarted',
] as const;
export type DecoupledScaStep = (typeof DECOUPLED_SCA_STEPS)[number];

/**
 * Remittance limits that depend on the creditor: an account is the bank's own when it is an
 * IBAN of the bank's country whose account part starts with one of `ownBankCodes`.
 */
export interface RemittanceToOtherBanks {
  ownBankCodes: string[];
  /** Per product id, the longest remittance to an account at another bank. */
  maxLength: Record<string, number>;
}

/**
 * The calls of the payment API a bank may insist on PSU headers for: `initiation` (POST),
 * `read` (GET the payment), `status` (GET its status), `cancellation` (DELETE) and
 * `authorisation` (starting, reading and updating the authorisations of a payment and of its
 * cancellation).
 */
export const PAYMENT_OPERATIONS = [
  'initiation',
  'read',
  'status',
  'cancellation',
  'authorisation',
] as const;
export type PaymentOperation = (typeof PAYMENT_OPERATIONS)[number];

/** The PSU headers Bankbridge keeps with a payment, so it can send them when the TPP did not. */
export const KEPT_PSU_HEADERS = [
  'PSU-IP-Address',
  'PSU-User-Agent',
  'PSU-ID',
  'PSU-Corporate-ID',
] as const;

export interface PaymentSettings {
  /** Whether DELETE on a payment is offered at all (every Swedish bank of the vendor: no). */
  cancellation: boolean;
  /** `requestedExecutionDate` at most this many days after today (bank's local date). */
  maxExecutionDaysAhead: number;
  /** Most items in one bulk payment. */
  maxBulkItems: number;
  /** The PSU may pick the debtor account during SCA, so the body may leave it out. */
  debtorAccountOptional: boolean;
  accountIdentifiers: AccountIdentifierStyle;
  /** Per global product, how the bank's API takes the accounts; products left out: IBANs. */
  accountForms: Partial<Record<string, AccountForms>>;
  /** Longest `remittanceInformationUnstructured` per product; `default` for the others. */
  remittanceMaxLength: { default: number } & Record<string, number>;
  /** A shorter limit for payments to accounts at other banks (Swedbank: 10 for domestic). */
  remittanceToOtherBanks?: RemittanceToOtherBanks;
  /** Local time (HH:MM) after which today's payments can no longer be cancelled. */
  cutOffTime?: string;
  /**
   * The steps the bank reports, in its order, while a decoupled payment SCA runs (SEB:
   * authenticationStarted, psuAuthenticated, started); empty where the bank has no order of
   * its own.
   */
  decoupledScaSteps: DecoupledScaStep[];
  /** Details of the bank's own products, by product id; products left out take the defaults. */
  products: Record<string, BankPaymentProduct>;
  /**
   * The PSU headers the bank insists on, per call of its payment API (header names as
   * `KEPT_PSU_HEADERS` writes them). `initiation` defaults to `connector.requiredPsuHeaders`.
   */
  requiredPsuHeaders: Record<PaymentOperation, string[]>;
  /**
   * Products whose payments to a creditor outside the bank's country (the country of the
   * creditor's IBAN) must carry `creditorAddress` (OP: SEPA payments leaving Finland).
   */
  creditorAddressAbroad: string[];
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
  payments: PaymentSettings;
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
