/**
 * JSON Schema of the registry file, checked with ajv at load. It checks shapes and formats;
 * the cross-checks between entries (uniqueness, references, ISO codes) live in `load.ts`.
 * Keys starting with `x-` are allowed anywhere an object is, for the operator's own notes.
 */

import { DECOUPLED_SCA_STEPS, KEPT_PSU_HEADERS, PAYMENT_OPERATIONS } from './types.js';

export const BIC_PATTERN = '^[A-Z]{6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3})?$';
export const COUNTRY_CODE_PATTERN = '^[A-Z]{2}$';
export const UUID_PATTERN =
  '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const PRODUCT_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';
/** A product id as the key of a map, where `x-` keys stay the operator's own. */
export const PRODUCT_KEY_PATTERN = '^(?!x-)[a-z0-9]+(-[a-z0-9]+)*$';
const HEADER_PATTERN = '^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$';
export const TIME_PATTERN = '^([01][0-9]|2[0-3]):[0-5][0-9]$';
export const DATE_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';

const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength, pattern: '\\S' });
const positiveInteger = { type: 'integer', minimum: 1 };
const extensions = { '^x-': {} };

function object(properties: Record<string, unknown>, optional: string[] = []) {
  return {
    type: 'object',
    properties,
    required: Object.keys(properties).filter((key) => !optional.includes(key)),
    patternProperties: extensions,
    additionalProperties: false,
  };
}

const services = {
  type: 'array',
  minItems: 1,
  uniqueItems: true,
  items: { type: 'string', enum: ['payments', 'periodic-payments', 'bulk-payments'] },
};

const accountForm = { type: 'string', enum: ['iban', 'bban', 'bban-clearing'] };

const keptPsuHeaders = {
  type: 'array',
  uniqueItems: true,
  items: { type: 'string', enum: [...KEPT_PSU_HEADERS] },
};

const payments = object(
  {
    requiredPsuHeaders: object(
      Object.fromEntries(PAYMENT_OPERATIONS.map((operation) => [operation, keptPsuHeaders])),
      [...PAYMENT_OPERATIONS],
    ),
    creditorAddressAbroad: {
      type: 'array',
      uniqueItems: true,
      items: { type: 'string', pattern: PRODUCT_PATTERN },
    },
    cancellation: { type: 'boolean' },
    maxExecutionDaysAhead: positiveInteger,
    maxBulkItems: { type: 'integer', minimum: 1, maximum: 10000 },
    debtorAccountOptional: { type: 'boolean' },
    accountIdentifiers: { type: 'string', enum: ['iban', 'iban-or-bban'] },
    accountForms: {
      type: 'object',
      patternProperties: {
        ...extensions,
        [PRODUCT_KEY_PATTERN]: object(
          { debtorAccount: accountForm, creditorAccount: accountForm },
          ['debtorAccount', 'creditorAccount'],
        ),
      },
      additionalProperties: false,
    },
    remittanceMaxLength: {
      type: 'object',
      patternProperties: {
        ...extensions,
        [PRODUCT_KEY_PATTERN]: { type: 'integer', minimum: 1, maximum: 140 },
      },
      additionalProperties: false,
    },
    cutOffTime: { type: 'string', pattern: TIME_PATTERN },
    remittanceToOtherBanks: object({
      ownBankCodes: {
        type: 'array',
        minItems: 1,
        uniqueItems: true,
        items: { type: 'string', pattern: '^[0-9A-Z]{1,8}$' },
      },
      maxLength: {
        type: 'object',
        minProperties: 1,
        patternProperties: {
          ...extensions,
          [PRODUCT_KEY_PATTERN]: { type: 'integer', minimum: 1, maximum: 140 },
        },
        additionalProperties: false,
      },
    }),
    decoupledScaSteps: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: { type: 'string', enum: [...DECOUPLED_SCA_STEPS] },
    },
    products: {
      type: 'object',
      patternProperties: {
        ...extensions,
        [PRODUCT_KEY_PATTERN]: object(
          {
            services,
            contexts: {
              type: 'array',
              minItems: 1,
              uniqueItems: true,
              items: { type: 'string', enum: ['private', 'corporate'] },
            },
            aliases: {
              type: 'array',
              uniqueItems: true,
              items: { type: 'string', pattern: PRODUCT_PATTERN },
            },
            deprecatedFrom: { type: 'string', pattern: DATE_PATTERN },
          },
          ['services', 'contexts', 'aliases', 'deprecatedFrom'],
        ),
      },
      additionalProperties: false,
    },
  },
  [
    'requiredPsuHeaders',
    'creditorAddressAbroad',
    'cancellation',
    'maxExecutionDaysAhead',
    'maxBulkItems',
    'debtorAccountOptional',
    'accountIdentifiers',
    'accountForms',
    'remittanceMaxLength',
    'cutOffTime',
    'remittanceToOtherBanks',
    'decoupledScaSteps',
    'products',
  ],
);

const products = {
  type: 'array',
  uniqueItems: true,
  items: { type: 'string', pattern: PRODUCT_PATTERN },
};

export const registrySchema = object({
  countries: {
    type: 'array',
    minItems: 1,
    items: object({
      isoCountryCode: { type: 'string', pattern: COUNTRY_CODE_PATTERN },
      name: text(140),
    }),
  },
  cities: {
    type: 'array',
    minItems: 1,
    items: object({
      cityId: { type: 'string', pattern: UUID_PATTERN },
      name: text(140),
      isoCountryCode: { type: 'string', pattern: COUNTRY_CODE_PATTERN },
    }),
  },
  aspsps: {
    type: 'array',
    items: object(
      {
        bicFi: { type: 'string', pattern: BIC_PATTERN },
        name: text(140),
        isoCountryCode: { type: 'string', pattern: COUNTRY_CODE_PATTERN },
        cityId: { type: 'string', pattern: UUID_PATTERN },
        postalCode: text(20),
        streetAddress: text(140),
        companyNumber: text(70),
        phone: text(70),
        websiteUrl: text(2048),
        logo: text(2048),
        globalPaymentProducts: products,
        paymentProducts: products,
        supportedAuthorizationMethods: {
          type: 'array',
          minItems: 1,
          items: object({ name: text(70), uri: text(2048) }),
        },
        connector: object({
          baseUrl: text(2048),
          scaApproaches: {
            type: 'array',
            minItems: 1,
            uniqueItems: true,
            items: { type: 'string', enum: ['REDIRECT', 'DECOUPLED'] },
          },
          requiredPsuHeaders: {
            type: 'array',
            uniqueItems: true,
            items: { type: 'string', pattern: HEADER_PATTERN },
          },
        }),
        consent: object({
          maxValidityDays: positiveInteger,
          maxFrequencyPerDay: positiveInteger,
          bankOffered: { type: 'boolean' },
          allPsd2: { type: 'boolean' },
          availableAccounts: { type: 'boolean' },
        }),
        accountInformation: object({
          transactionHistoryDays: positiveInteger,
          historyWithoutFreshScaDays: positiveInteger,
          transactionDetails: { type: 'boolean' },
          deltaList: { type: 'boolean' },
          entryReferenceFrom: { type: 'boolean' },
        }),
        payments,
        sandbox: { type: 'boolean' },
      },
      ['supportedAuthorizationMethods', 'payments'],
    ),
  },
});
