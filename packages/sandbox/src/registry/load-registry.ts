// Reads the sandbox banks out of the operator's ASPSP registry. The sandbox shares no code
// with the platform, so it parses the YAML itself and checks only the fields it uses; a bad
// entry stops the start with a message naming it.

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export type ScaApproach = 'REDIRECT' | 'DECOUPLED';

export interface SandboxBankConfig {
  bic: string;
  name: string;
  countryCode: string;
  scaApproaches: ScaApproach[];
  requiredPsuHeaders: string[];
  /** Payment products: the registry's globalPaymentProducts and paymentProducts together. */
  paymentProducts: string[];
  consent: {
    maxValidityDays: number;
    maxFrequencyPerDay: number;
    bankOffered: boolean;
    allPsd2: boolean;
    availableAccounts: boolean;
  };
  accountInformation: {
    transactionHistoryDays: number;
    historyWithoutFreshScaDays: number;
    transactionDetails: boolean;
    deltaList: boolean;
    entryReferenceFrom: boolean;
  };
  /**
   * `payments.accountForms`: per product, how this bank's API takes the debtor and creditor
   * accounts (`iban`, `bban` alone, or `bban-clearing`); products left out take IBANs.
   */
  accountForms: Record<string, AccountForms>;
  /** `payments.debtorAccountOptional`: a payment may leave the debtor to the PSU's SCA. */
  debtorAccountOptional: boolean;
  /** `payments.remittanceMaxLength`: per product id, and `default` for the others. */
  remittanceMaxLength: { default: number } & Record<string, number>;
  /** `payments.maxBulkItems`: most items in one bulk payment. */
  maxBulkItems: number;
  /**
   * `payments.decoupledScaSteps`: the scaStatus values this bank reports, in order, while a
   * decoupled payment SCA runs; empty for the sandbox's plain received → started.
   */
  decoupledScaSteps: string[];
  /** `payments.remittanceToOtherBanks`: shorter remittance limits for other banks' accounts. */
  remittanceToOtherBanks?: { ownBankCodes: string[]; maxLength: Record<string, number> };
  /**
   * `payments.requiredPsuHeaders`: the PSU headers this bank insists on per call of its
   * payment API; `initiation` defaults to `connector.requiredPsuHeaders`.
   */
  paymentPsuHeaders: Record<PaymentOperation, string[]>;
  /**
   * `payments.creditorAddressAbroad`: products whose payments to a creditor outside the
   * bank's country (its IBAN's) must carry creditorAddress.
   */
  creditorAddressAbroad: string[];
}

/** The calls of the payment API a bank may insist on PSU headers for. */
export const PAYMENT_OPERATIONS = [
  'initiation',
  'read',
  'status',
  'cancellation',
  'authorisation',
] as const;
export type PaymentOperation = (typeof PAYMENT_OPERATIONS)[number];

export type AccountForm = 'iban' | 'bban' | 'bban-clearing';
export interface AccountForms {
  debtorAccount: AccountForm;
  creditorAccount: AccountForm;
}

const ACCOUNT_FORMS: readonly string[] = ['iban', 'bban', 'bban-clearing'];

export class RegistryError extends Error {
  override name = 'RegistryError';
}

type Obj = Record<string, unknown>;

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class EntryReader {
  constructor(private readonly where: string) {}

  fail(field: string, expected: string): never {
    throw new RegistryError(`ASPSP registry ${this.where}: ${field} must be ${expected}`);
  }

  object(parent: Obj, field: string): Obj {
    const value = parent[field];
    if (!isObj(value)) this.fail(field, 'a mapping');
    return value;
  }

  string(parent: Obj, field: string, path = field): string {
    const value = parent[field];
    if (typeof value !== 'string' || value.length === 0) this.fail(path, 'a non-empty string');
    return value;
  }

  bool(parent: Obj, field: string, path: string, fallback?: boolean): boolean {
    const value = parent[field];
    if (value === undefined && fallback !== undefined) return fallback;
    if (typeof value !== 'boolean') this.fail(path, 'true or false');
    return value;
  }

  positiveInt(parent: Obj, field: string, path: string, fallback?: number): number {
    const value = parent[field];
    if (value === undefined && fallback !== undefined) return fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      this.fail(path, 'a whole number of at least 1');
    }
    return value;
  }

  /** The longest remittance per product, 140 (the contract's) where the registry is silent. */
  remittanceMaxLength(payments: Obj): { default: number } & Record<string, number> {
    const limits = payments.remittanceMaxLength ?? {};
    if (!isObj(limits)) this.fail('payments.remittanceMaxLength', 'a mapping');
    const out: { default: number } & Record<string, number> = { default: 140 };
    for (const product of Object.keys(limits)) {
      if (product.startsWith('x-')) continue;
      out[product] = this.positiveInt(limits, product, `payments.remittanceMaxLength.${product}`);
    }
    return out;
  }

  remittanceToOtherBanks(payments: Obj): Pick<SandboxBankConfig, 'remittanceToOtherBanks'> {
    if (payments.remittanceToOtherBanks === undefined) return {};
    const path = 'payments.remittanceToOtherBanks';
    const rule = this.object(payments, 'remittanceToOtherBanks');
    const limits = this.object(rule, 'maxLength');
    const maxLength: Record<string, number> = {};
    for (const product of Object.keys(limits)) {
      if (!product.startsWith('x-'))
        maxLength[product] = this.positiveInt(limits, product, `${path}.maxLength.${product}`);
    }
    const ownBankCodes = this.stringList(rule, 'ownBankCodes', `${path}.ownBankCodes`);
    return { remittanceToOtherBanks: { ownBankCodes, maxLength } };
  }

  accountForms(entry: Obj): Record<string, AccountForms> {
    const payments = entry.payments ?? {};
    if (!isObj(payments)) this.fail('payments', 'a mapping');
    const forms = payments.accountForms ?? {};
    if (!isObj(forms)) this.fail('payments.accountForms', 'a mapping');
    const out: Record<string, AccountForms> = {};
    for (const [product, form] of Object.entries(forms)) {
      if (product.startsWith('x-')) continue;
      const path = `payments.accountForms.${product}`;
      if (!isObj(form)) this.fail(path, 'a mapping');
      const read = (role: keyof AccountForms): AccountForm => {
        const value = form[role] ?? 'iban';
        if (typeof value !== 'string' || !ACCOUNT_FORMS.includes(value))
          this.fail(`${path}.${role}`, ACCOUNT_FORMS.join(', '));
        return value as AccountForm;
      };
      out[product] = {
        debtorAccount: read('debtorAccount'),
        creditorAccount: read('creditorAccount'),
      };
    }
    return out;
  }

  paymentPsuHeaders(payments: Obj, onCreation: string[]): Record<PaymentOperation, string[]> {
    const given: Obj =
      payments.requiredPsuHeaders === undefined ? {} : this.object(payments, 'requiredPsuHeaders');
    const out = {} as Record<PaymentOperation, string[]>;
    for (const operation of PAYMENT_OPERATIONS) {
      const path = `payments.requiredPsuHeaders.${operation}`;
      out[operation] =
        operation === 'initiation' && given.initiation === undefined
          ? onCreation
          : this.stringList(given, operation, path);
    }
    return out;
  }

  stringList(parent: Obj, field: string, path: string): string[] {
    const value = parent[field] ?? [];
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
      this.fail(path, 'a list of strings');
    }
    return value as string[];
  }
}

function readBank(entry: unknown, index: number): SandboxBankConfig {
  const label = isObj(entry) && typeof entry.bicFi === 'string' ? ` (${entry.bicFi})` : '';
  const r = new EntryReader(`aspsps[${index}]${label}`);
  if (!isObj(entry)) return r.fail('the entry', 'a mapping');
  const bic = r.string(entry, 'bicFi');
  if (!/^[A-Z0-9]{8}([A-Z0-9]{3})?$/.test(bic)) r.fail('bicFi', 'an 8 or 11 character BIC');
  const countryCode = r.string(entry, 'isoCountryCode');
  if (!/^[A-Z]{2}$/.test(countryCode)) r.fail('isoCountryCode', 'a two-letter country code');
  const connector = r.object(entry, 'connector');
  const payments: Obj = entry.payments === undefined ? {} : r.object(entry, 'payments');
  const consent = r.object(entry, 'consent');
  const ais = r.object(entry, 'accountInformation');
  const scaApproaches = r.stringList(connector, 'scaApproaches', 'connector.scaApproaches');
  if (
    scaApproaches.length === 0 ||
    scaApproaches.some((a) => a !== 'REDIRECT' && a !== 'DECOUPLED')
  ) {
    r.fail('connector.scaApproaches', 'a non-empty list of REDIRECT and/or DECOUPLED');
  }
  const historyDays = r.positiveInt(
    ais,
    'transactionHistoryDays',
    'accountInformation.transactionHistoryDays',
    730,
  );
  const requiredPsuHeaders = r.stringList(
    connector,
    'requiredPsuHeaders',
    'connector.requiredPsuHeaders',
  );
  return {
    bic,
    name: r.string(entry, 'name'),
    countryCode,
    scaApproaches: scaApproaches as ScaApproach[],
    requiredPsuHeaders,
    paymentPsuHeaders: r.paymentPsuHeaders(payments, requiredPsuHeaders),
    creditorAddressAbroad: r.stringList(
      payments,
      'creditorAddressAbroad',
      'payments.creditorAddressAbroad',
    ),
    paymentProducts: [
      ...new Set([
        ...r.stringList(entry, 'globalPaymentProducts', 'globalPaymentProducts'),
        ...r.stringList(entry, 'paymentProducts', 'paymentProducts'),
      ]),
    ],
    consent: {
      maxValidityDays: r.positiveInt(consent, 'maxValidityDays', 'consent.maxValidityDays', 90),
      maxFrequencyPerDay: r.positiveInt(
        consent,
        'maxFrequencyPerDay',
        'consent.maxFrequencyPerDay',
        4,
      ),
      bankOffered: r.bool(consent, 'bankOffered', 'consent.bankOffered', false),
      allPsd2: r.bool(consent, 'allPsd2', 'consent.allPsd2', false),
      availableAccounts: r.bool(consent, 'availableAccounts', 'consent.availableAccounts', false),
    },
    accountInformation: {
      transactionHistoryDays: historyDays,
      historyWithoutFreshScaDays: r.positiveInt(
        ais,
        'historyWithoutFreshScaDays',
        'accountInformation.historyWithoutFreshScaDays',
        historyDays,
      ),
      transactionDetails: r.bool(
        ais,
        'transactionDetails',
        'accountInformation.transactionDetails',
        true,
      ),
      deltaList: r.bool(ais, 'deltaList', 'accountInformation.deltaList', false),
      entryReferenceFrom: r.bool(
        ais,
        'entryReferenceFrom',
        'accountInformation.entryReferenceFrom',
        false,
      ),
    },
    accountForms: r.accountForms(entry),
    debtorAccountOptional: r.bool(
      payments,
      'debtorAccountOptional',
      'payments.debtorAccountOptional',
      false,
    ),
    remittanceMaxLength: r.remittanceMaxLength(payments),
    maxBulkItems: r.positiveInt(payments, 'maxBulkItems', 'payments.maxBulkItems', 100),
    decoupledScaSteps: r.stringList(payments, 'decoupledScaSteps', 'payments.decoupledScaSteps'),
    ...r.remittanceToOtherBanks(payments),
  };
}

/** Extracts the sandbox banks (`sandbox: true`) from registry YAML text. */
export function parseSandboxBanks(yamlText: string, source = 'registry'): SandboxBankConfig[] {
  let document: unknown;
  try {
    document = parse(yamlText);
  } catch (error) {
    throw new RegistryError(`ASPSP registry ${source} is not valid YAML: ${String(error)}`);
  }
  if (!isObj(document) || !Array.isArray(document.aspsps)) {
    throw new RegistryError(`ASPSP registry ${source}: expected a top-level "aspsps" list`);
  }
  const banks: SandboxBankConfig[] = [];
  const seen = new Set<string>();
  document.aspsps.forEach((entry: unknown, index: number) => {
    if (!isObj(entry) || entry.sandbox !== true) return;
    const bank = readBank(entry, index);
    if (seen.has(bank.bic)) {
      throw new RegistryError(`ASPSP registry aspsps[${index}]: BIC ${bank.bic} appears twice`);
    }
    seen.add(bank.bic);
    banks.push(bank);
  });
  return banks;
}

export function loadSandboxBanks(registryPath: string): SandboxBankConfig[] {
  let text: string;
  try {
    text = readFileSync(registryPath, 'utf8');
  } catch (error) {
    throw new RegistryError(`Cannot read the ASPSP registry ${registryPath}: ${String(error)}`);
  }
  return parseSandboxBanks(text, registryPath);
}
