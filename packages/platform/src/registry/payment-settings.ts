// A bank's `payments` block in the registry: defaults, and the checks the schema cannot express
// (products against the bank's lists, aliases, dates, account forms, address rules).

import type { RegistryProblem } from './registry-error.js';
import {
  type AccountForms,
  type AspspEntry,
  type BankPaymentProduct,
  PAYMENT_OPERATIONS,
  type PaymentSettings,
} from './types.js';

type RawPaymentProduct = Partial<BankPaymentProduct>;
export type RawPayments = Partial<
  Omit<PaymentSettings, 'products' | 'remittanceMaxLength' | 'accountForms' | 'requiredPsuHeaders'>
> & {
  requiredPsuHeaders?: Partial<PaymentSettings['requiredPsuHeaders']>;
  remittanceMaxLength?: Record<string, number>;
  accountForms?: Record<string, Partial<AccountForms>>;
  products?: Record<string, RawPaymentProduct>;
};

/** What of a bank's entry its payment settings depend on. */
type RawAspsp = Pick<
  AspspEntry,
  'paymentProducts' | 'globalPaymentProducts' | 'isoCountryCode' | 'connector'
> & {
  payments?: RawPayments;
};

/**
 * Defaults a bank without a `payments` block gets: what a Berlin Group bank without special
 * rules does. Decision: cancellation off, as at every bank the vendor documents.
 */
const PAYMENT_DEFAULTS = {
  cancellation: false,
  maxExecutionDaysAhead: 365,
  maxBulkItems: 100,
  debtorAccountOptional: false,
  accountIdentifiers: 'iban',
  remittanceMaxLength: 140,
} as const;

/** The bank's `payments` block with defaults, after checks the schema cannot express. */
export function paymentSettings(
  bank: RawAspsp,
  at: (...path: (string | number)[]) => string,
  problems: RegistryProblem[],
): PaymentSettings {
  const raw = bank.payments ?? {};
  const own = new Set(bank.paymentProducts);
  const global = new Set(bank.globalPaymentProducts);
  const names = new Map<string, string>();
  const products: Record<string, BankPaymentProduct> = {};
  for (const [id, product] of Object.entries(raw.products ?? {})) {
    if (id.startsWith('x-')) continue;
    if (!own.has(id)) {
      problems.push({
        path: at('products', id),
        message: `${id} is not in this bank's paymentProducts; list it there first`,
      });
    }
    // The global model wins where both lists name a product, so bank details for it would
    // never apply: a bank-only variant needs a name of its own.
    if (global.has(id)) {
      problems.push({
        path: at('products', id),
        message: `${id} is a global payment product of this bank, whose unified model applies; give a bank-only variant a name of its own`,
      });
    }
    for (const alias of product.aliases ?? []) {
      const clash =
        own.has(alias) || global.has(alias) ? 'a product of this bank' : names.get(alias);
      if (clash !== undefined) {
        problems.push({
          path: at('products', id, 'aliases'),
          message: `alias ${alias} is already ${clash === 'a product of this bank' ? clash : `an alias of ${clash}`}`,
        });
      }
      names.set(alias, id);
    }
    if (product.deprecatedFrom !== undefined && !isCalendarDate(product.deprecatedFrom)) {
      problems.push({
        path: at('products', id, 'deprecatedFrom'),
        message: `${product.deprecatedFrom} is not a calendar date`,
      });
    }
    products[id] = {
      services: product.services ?? ['payments'],
      contexts: product.contexts ?? ['private', 'corporate'],
      aliases: product.aliases ?? [],
      ...(product.deprecatedFrom === undefined ? {} : { deprecatedFrom: product.deprecatedFrom }),
    };
  }
  const remittance: Record<string, number> = {};
  for (const [id, length] of Object.entries(raw.remittanceMaxLength ?? {})) {
    if (id.startsWith('x-')) continue;
    if (id !== 'default' && !own.has(id) && !global.has(id)) {
      problems.push({
        path: at('remittanceMaxLength', id),
        message: `${id} is neither default nor a payment product of this bank`,
      });
    }
    remittance[id] = length;
  }
  const toOthers = raw.remittanceToOtherBanks;
  for (const id of Object.keys(toOthers?.maxLength ?? {})) {
    if (!id.startsWith('x-') && !own.has(id) && !global.has(id)) {
      problems.push({
        path: at('remittanceToOtherBanks', 'maxLength', id),
        message: `${id} is not a payment product of this bank`,
      });
    }
  }
  for (const id of raw.creditorAddressAbroad ?? []) {
    if (!own.has(id) && !global.has(id)) {
      problems.push({
        path: at('creditorAddressAbroad'),
        message: `${id} is not a payment product of this bank`,
      });
    }
  }
  return {
    accountForms: accountForms(bank, raw, at, problems),
    requiredPsuHeaders: requiredPsuHeaders(bank, raw),
    creditorAddressAbroad: raw.creditorAddressAbroad ?? [],
    cancellation: raw.cancellation ?? PAYMENT_DEFAULTS.cancellation,
    maxExecutionDaysAhead: raw.maxExecutionDaysAhead ?? PAYMENT_DEFAULTS.maxExecutionDaysAhead,
    maxBulkItems: raw.maxBulkItems ?? PAYMENT_DEFAULTS.maxBulkItems,
    debtorAccountOptional: raw.debtorAccountOptional ?? PAYMENT_DEFAULTS.debtorAccountOptional,
    accountIdentifiers: raw.accountIdentifiers ?? PAYMENT_DEFAULTS.accountIdentifiers,
    remittanceMaxLength: {
      ...remittance,
      default: remittance.default ?? PAYMENT_DEFAULTS.remittanceMaxLength,
    },
    ...(raw.cutOffTime === undefined ? {} : { cutOffTime: raw.cutOffTime }),
    ...(toOthers === undefined
      ? {}
      : {
          remittanceToOtherBanks: {
            ownBankCodes: toOthers.ownBankCodes,
            maxLength: Object.fromEntries(
              Object.entries(toOthers.maxLength).filter(([id]) => !id.startsWith('x-')),
            ),
          },
        }),
    decoupledScaSteps: raw.decoupledScaSteps ?? [],
    products,
  };
}

/**
 * The PSU headers per payment call. A bank that insists on headers when a consent is created
 * does so when a payment is, unless its payments block says otherwise.
 */
function requiredPsuHeaders(
  bank: RawAspsp,
  raw: RawPayments,
): PaymentSettings['requiredPsuHeaders'] {
  const given = raw.requiredPsuHeaders ?? {};
  const out = Object.fromEntries(
    PAYMENT_OPERATIONS.map((operation) => [operation, [...(given[operation] ?? [])]]),
  ) as PaymentSettings['requiredPsuHeaders'];
  out.initiation = [...(given.initiation ?? bank.connector.requiredPsuHeaders)];
  return out;
}

/**
 * The account forms per global product. Only a global product of this bank has them (a bank
 * product's body is the bank's own already); a SEPA credit transfer names accounts by IBAN;
 * the BBAN forms are the Swedish account numbers the connector knows how to convert.
 */
function accountForms(
  bank: RawAspsp,
  raw: RawPayments,
  at: (...path: (string | number)[]) => string,
  problems: RegistryProblem[],
): PaymentSettings['accountForms'] {
  const forms: PaymentSettings['accountForms'] = {};
  for (const [id, form] of Object.entries(raw.accountForms ?? {})) {
    if (id.startsWith('x-')) continue;
    const full: AccountForms = {
      debtorAccount: form.debtorAccount ?? 'iban',
      creditorAccount: form.creditorAccount ?? 'iban',
    };
    const bbanForm = full.debtorAccount !== 'iban' || full.creditorAccount !== 'iban';
    if (!bank.globalPaymentProducts.includes(id)) {
      problems.push({
        path: at('accountForms', id),
        message: `${id} is not a global payment product of this bank; a bank product's body is sent as the TPP wrote it`,
      });
    } else if (bbanForm && id === 'sepa-credit-transfers') {
      problems.push({
        path: at('accountForms', id),
        message: 'a SEPA credit transfer names its accounts by IBAN',
      });
    } else if (bbanForm && bank.isoCountryCode !== 'SE') {
      problems.push({
        path: at('accountForms', id),
        message: `the bban forms are Swedish account numbers (clearing number and account number); this bank is in ${bank.isoCountryCode}`,
      });
    }
    forms[id] = full;
  }
  return forms;
}

function isCalendarDate(value: string): boolean {
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
