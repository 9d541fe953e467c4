// Payments as a sandbox bank keeps them: the parsed initiation, its status, and the
// dynamic-linking hash of what the PSU signs. Parsing checks what a bank checks before it
// answers 201 (format, product, dates); funds are only looked at after SCA.

import { createHash } from 'node:crypto';
import type { AccountForm, AccountForms } from '../registry/load-registry.js';
import { addDays, isIsoDate } from './dates.js';
import { BankError } from './errors.js';
import { isValidIban } from './iban.js';
import { ownSwedishIban, swedishIban } from './swedish-accounts.js';

export type PaymentService = 'payments' | 'periodic-payments' | 'bulk-payments';
export const PAYMENT_SERVICES: readonly PaymentService[] = [
  'payments',
  'periodic-payments',
  'bulk-payments',
];

export type TransactionStatus =
  | 'RCVD'
  | 'PATC'
  | 'ACTC'
  | 'ACSP'
  | 'PDNG'
  | 'ACSC'
  | 'ACCC'
  | 'RJCT'
  | 'CANC'
  | 'PART';

/** After these nothing changes: no authorisation, no cancellation. */
export const FINAL_STATUSES: readonly TransactionStatus[] = [
  'ACSC',
  'ACCC',
  'RJCT',
  'CANC',
  'PART',
];

export const FREQUENCIES = [
  'Daily',
  'Weekly',
  'EveryTwoWeeks',
  'Monthly',
  'EveryTwoMonths',
  'Quarterly',
  'SemiAnnual',
  'Annual',
] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export interface PaymentItem {
  /** Minor units, > 0. */
  amount: number;
  currency: string;
  /** Empty for a giro payment, whose payee is `creditorGiro`. */
  creditorAccount: { iban?: string; bban?: string };
  creditorGiro?: { giroNumber: string; giroType: 'BANKGIRO' | 'PLUSGIRO' };
  creditorName: string;
  remittance?: string;
  endToEndId?: string;
  /** Bulk: set when this item could not be executed. */
  rejected?: string;
}

export interface PeriodicTerms {
  startDate: string;
  endDate?: string;
  frequency: Frequency;
  dayOfExecution?: number;
  executionRule: 'following' | 'preceding';
}

export interface Payment {
  paymentId: string;
  clientId: string;
  bic: string;
  service: PaymentService;
  product: string;
  /** Empty until the PSU picks it during SCA, at a bank that lets the body leave it out. */
  debtorIban: string;
  items: PaymentItem[];
  batchBooking: boolean;
  requestedExecutionDate?: string;
  periodic?: PeriodicTerms;
  status: TransactionStatus;
  createdAt: Date;
  /** The body as the TPP sent it, answered by GET. */
  original: Record<string, unknown>;
  /** Hash of what the PSU was shown when SCA started: the authorisation is bound to it. */
  boundHash?: string;
  /** PSUs whose SCA completed (two for a corporate with two signers). */
  signers: string[];
  /** Occurrences of a periodic payment already executed. */
  occurrencesDone: number;
  /** When the last SCA completed. */
  authorisedAt?: Date;
  /** A cleared product's pending debit books at this instant. */
  bookAt?: Date;
  /** Why the bank rejected it, told in the status answer. */
  rejectReason?: string;
  fundsAvailable?: boolean;
  cancellationRequested?: boolean;
  /** TPP-Rejection-NoFunds-Preferred: false: wait for funds until the cut-off instead of RJCT. */
  waitForFunds?: boolean;
}

/** Decimal places per currency; an amount with more is a FORMAT_ERROR. */
export const CURRENCY_DECIMALS: Readonly<Record<string, number>> = {
  SEK: 2,
  EUR: 2,
  DKK: 2,
  NOK: 2,
  USD: 2,
  GBP: 2,
  CHF: 2,
  PLN: 2,
  JPY: 0,
};

export const MAX_CREDITOR_NAME = 70;
export const MAX_EXECUTION_DAYS_AHEAD = 365;
export const MAX_BULK_ITEMS = 100;

type Obj = Record<string, unknown>;

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(path: string, text: string): never {
  throw new BankError('FORMAT_ERROR', `${path}: ${text}`);
}

/** Berlin Group amounts are strings: "12.50". Numbers, exponents and signs are refused. */
export function parseInstructedAmount(
  value: unknown,
  path: string,
): { amount: number; currency: string } {
  if (!isObj(value)) fail(path, 'instructedAmount {currency, amount} is required');
  const { currency, amount } = value;
  if (typeof currency !== 'string' || !(currency in CURRENCY_DECIMALS))
    fail(`${path}.currency`, 'must be an ISO 4217 currency the bank handles');
  const decimals = CURRENCY_DECIMALS[currency] ?? 2;
  if (typeof amount !== 'string')
    fail(`${path}.amount`, 'must be a decimal string such as "12.50"');
  const pattern = decimals === 0 ? /^\d{1,14}$/ : new RegExp(`^\\d{1,14}(\\.\\d{1,${decimals}})?$`);
  if (!pattern.test(amount))
    fail(`${path}.amount`, `must be a decimal string with at most ${decimals} decimals`);
  const [whole = '0', fraction = ''] = amount.split('.');
  const minor = Number(whole) * 10 ** decimals + Number(fraction.padEnd(decimals, '0') || '0');
  if (!(minor > 0)) fail(`${path}.amount`, 'must be greater than 0');
  if (!Number.isSafeInteger(minor)) fail(`${path}.amount`, 'is too large');
  return { amount: minor, currency };
}

const FORM_TEXT: Record<Exclude<AccountForm, 'iban'>, string> = {
  bban: 'bban, the account number without clearing number',
  'bban-clearing': 'bban and clearingNumber',
};

/** A Swedish account in the form this bank's API takes it: `{bban}` or `{bban, clearingNumber}`. */
function swedishReference(
  value: Obj,
  path: string,
  form: Exclude<AccountForm, 'iban'>,
): { bban: string; clearingNumber?: string } {
  if (value.iban !== undefined)
    fail(`${path}.iban`, `this bank takes this account as ${FORM_TEXT[form]}, not as an IBAN`);
  if (typeof value.bban !== 'string' || !/^[0-9]{1,17}$/.test(value.bban))
    fail(`${path}.bban`, `is required: this bank takes this account as ${FORM_TEXT[form]}`);
  if (form === 'bban') {
    if (value.clearingNumber !== undefined)
      fail(`${path}.clearingNumber`, 'this bank takes this account without clearing number');
    return { bban: value.bban };
  }
  if (typeof value.clearingNumber !== 'string' || !/^[0-9]{4,5}$/.test(value.clearingNumber))
    fail(`${path}.clearingNumber`, 'is required beside the bban: 4 or 5 digits');
  return { bban: value.bban, clearingNumber: value.clearingNumber };
}

/** A creditor as the bank books it: by IBAN where its clearing series is known. */
function creditorReference(
  value: unknown,
  path: string,
  form: AccountForm,
): { iban?: string; bban?: string } {
  if (form === 'iban') return accountReference(value, path);
  if (!isObj(value)) fail(path, `an account reference {${FORM_TEXT[form]}} is required`);
  const { bban, clearingNumber } = swedishReference(value, path, form);
  if (clearingNumber === undefined) return { bban };
  const iban = swedishIban(clearingNumber, bban);
  return iban ? { iban } : { bban: `${clearingNumber}${bban}` };
}

/** The debtor's IBAN: as written, or that of the bank's own account named by its number. */
function debtorIban(value: unknown, rules: PaymentRules): string {
  if (value === undefined && rules.debtorAccountOptional) return '';
  const form = rules.accountForms?.debtorAccount ?? 'iban';
  if (form === 'iban') {
    const debtor = accountReference(value, 'debtorAccount');
    if (!debtor.iban) fail('debtorAccount', 'this bank needs the debtor IBAN');
    return debtor.iban;
  }
  if (!isObj(value)) fail('debtorAccount', `an account reference {${FORM_TEXT[form]}} is required`);
  const { bban } = swedishReference(value, 'debtorAccount', form);
  const iban = rules.ibanCode ? ownSwedishIban(rules.ibanCode, bban) : undefined;
  if (!iban) fail('debtorAccount.bban', 'is not an account number of this bank');
  return iban;
}

function accountReference(value: unknown, path: string): { iban?: string; bban?: string } {
  if (!isObj(value)) fail(path, 'an account reference {iban} or {bban} is required');
  if (typeof value.iban === 'string') {
    if (!isValidIban(value.iban)) fail(`${path}.iban`, 'is not a valid IBAN');
    return { iban: value.iban };
  }
  if (typeof value.bban === 'string') {
    if (!/^[0-9]{7,28}$/.test(value.bban)) fail(`${path}.bban`, 'must be 7 to 28 digits');
    return { bban: value.bban };
  }
  return fail(path, 'needs iban or bban');
}

function optionalText(value: unknown, path: string, max: number): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') fail(path, 'must be a non-empty string');
  if (value.length > max) fail(path, `must be at most ${max} characters at this bank`);
  return value;
}

export interface PaymentRules {
  /** Longest remittanceInformationUnstructured the bank accepts. */
  remittanceMaxLength: number;
  /** Most items in one bulk payment; MAX_BULK_ITEMS where the bank says nothing. */
  maxBulkItems?: number;
  /** How the bank takes this product's accounts (registry `payments.accountForms`). */
  accountForms?: AccountForms | undefined;
  /** The bank's IBAN code, to find its own accounts named by account number. */
  ibanCode?: string | undefined;
  /** The body may leave the debtor out: the PSU picks the account during SCA. */
  debtorAccountOptional?: boolean;
  /**
   * A shorter limit to accounts at other banks: those not named by an IBAN of the bank's
   * country whose account part starts with one of `ownBankCodes`.
   */
  toOtherBanks?: { country: string; ownBankCodes: string[]; remittanceMaxLength: number };
  /** The bank's country, where a payment to a creditor outside it must carry its address. */
  creditorAddressOutside?: string;
}

/** The creditor's address, where the bank needs it for a payment leaving its country. */
function checkCreditorAddress(body: Obj, path: string, creditorIban: string, home: string): void {
  const country = creditorIban.slice(0, 2);
  if (country === home) return;
  const address = body.creditorAddress;
  if (!isObj(address))
    fail(
      `${path}creditorAddress`,
      `is required for a payment to a creditor outside ${home} (the creditor account is in ${country})`,
    );
  if (typeof address.country !== 'string' || !/^[A-Z]{2}$/.test(address.country))
    fail(`${path}creditorAddress.country`, 'is required: an ISO 3166 country code');
}

function atOtherBank(
  creditor: { iban?: string },
  rule: { country: string; ownBankCodes: string[] },
) {
  const iban = creditor.iban ?? '';
  return !(
    iban.startsWith(rule.country) &&
    rule.ownBankCodes.some((code) => iban.slice(4).startsWith(code))
  );
}

function parseItem(body: Obj, path: string, rules: PaymentRules): PaymentItem {
  const { amount, currency } = parseInstructedAmount(
    body.instructedAmount,
    `${path}instructedAmount`,
  );
  const creditorAccount = creditorReference(
    body.creditorAccount,
    `${path}creditorAccount`,
    rules.accountForms?.creditorAccount ?? 'iban',
  );
  if (typeof body.creditorName !== 'string' || body.creditorName.trim() === '')
    fail(`${path}creditorName`, 'is required');
  if (body.creditorName.length > MAX_CREDITOR_NAME)
    fail(`${path}creditorName`, `must be at most ${MAX_CREDITOR_NAME} characters`);
  const item: PaymentItem = { amount, currency, creditorAccount, creditorName: body.creditorName };
  if (rules.creditorAddressOutside !== undefined && creditorAccount.iban !== undefined)
    checkCreditorAddress(body, path, creditorAccount.iban, rules.creditorAddressOutside);
  const toOthers = rules.toOtherBanks;
  const remittance = optionalText(
    body.remittanceInformationUnstructured,
    `${path}remittanceInformationUnstructured`,
    toOthers && atOtherBank(creditorAccount, toOthers)
      ? Math.min(toOthers.remittanceMaxLength, rules.remittanceMaxLength)
      : rules.remittanceMaxLength,
  );
  if (remittance !== undefined) item.remittance = remittance;
  const endToEndId = optionalText(body.endToEndIdentification, `${path}endToEndIdentification`, 35);
  if (endToEndId !== undefined) item.endToEndId = endToEndId;
  return item;
}

/**
 * A `swedish-giro` payment: a bankgiro or plusgiro payee instead of an account, and an OCR
 * number or invoice reference instead of a message (which is what the payee's statement and
 * the debtor's booking show).
 */
function parseGiroItem(body: Obj): PaymentItem {
  const { amount, currency } = parseInstructedAmount(body.instructedAmount, 'instructedAmount');
  if (currency !== 'SEK') fail('instructedAmount.currency', 'a giro payment is in SEK');
  const giro = body.creditorGiro;
  if (!isObj(giro)) fail('creditorGiro', '{giroNumber, giroType} is required');
  if (typeof giro.giroNumber !== 'string' || !/^[0-9][0-9-]{3,33}[0-9]$/.test(giro.giroNumber))
    fail('creditorGiro.giroNumber', 'must be a bankgiro or plusgiro number');
  if (giro.giroType !== 'BANKGIRO' && giro.giroType !== 'PLUSGIRO')
    fail('creditorGiro.giroType', 'must be BANKGIRO or PLUSGIRO');
  if (typeof body.creditorName !== 'string' || body.creditorName.trim() === '')
    fail('creditorName', 'is required');
  if (body.creditorName.length > MAX_CREDITOR_NAME)
    fail('creditorName', `must be at most ${MAX_CREDITOR_NAME} characters`);
  if ((body.ocrRef === undefined) === (body.invoiceRef === undefined))
    fail('ocrRef', 'exactly one of ocrRef and invoiceRef is required');
  if (
    body.ocrRef !== undefined &&
    (typeof body.ocrRef !== 'string' || !/^[0-9]{5,140}$/.test(body.ocrRef))
  )
    fail('ocrRef', 'must be 5 to 140 digits');
  const reference = optionalText(
    body.ocrRef ?? body.invoiceRef,
    body.ocrRef === undefined ? 'invoiceRef' : 'ocrRef',
    140,
  );
  const item: PaymentItem = {
    amount,
    currency,
    creditorAccount: {},
    creditorGiro: { giroNumber: giro.giroNumber, giroType: giro.giroType },
    creditorName: body.creditorName,
  };
  if (reference !== undefined) item.remittance = reference;
  const endToEndId = optionalText(body.endToEndIdentification, 'endToEndIdentification', 35);
  if (endToEndId !== undefined) item.endToEndId = endToEndId;
  return item;
}

/** The payee as the PSU is shown it and signs it: account, or giro number. */
export function creditorOf(item: PaymentItem): string {
  const { iban, bban } = item.creditorAccount;
  if (iban ?? bban) return (iban ?? bban) as string;
  return item.creditorGiro ? `${item.creditorGiro.giroType} ${item.creditorGiro.giroNumber}` : '';
}

function executionDate(value: unknown, today: string, path: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !isIsoDate(value)) fail(path, 'must be a date YYYY-MM-DD');
  if (value < today || value > addDays(today, MAX_EXECUTION_DAYS_AHEAD))
    throw new BankError(
      'EXECUTION_DATE_INVALID',
      `${path} must be from ${today} to ${addDays(today, MAX_EXECUTION_DAYS_AHEAD)}`,
    );
  return value;
}

function periodicTerms(body: Obj, today: string): PeriodicTerms {
  const { startDate, endDate, frequency, dayOfExecution, executionRule } = body;
  if (typeof startDate !== 'string' || !isIsoDate(startDate))
    fail('startDate', 'must be a date YYYY-MM-DD');
  if (startDate < today)
    throw new BankError('EXECUTION_DATE_INVALID', `startDate must be ${today} or later`);
  if (typeof frequency !== 'string' || !(FREQUENCIES as readonly string[]).includes(frequency))
    fail('frequency', `must be one of ${FREQUENCIES.join(', ')}`);
  const terms: PeriodicTerms = {
    startDate,
    frequency: frequency as Frequency,
    executionRule: 'following',
  };
  if (endDate !== undefined) {
    if (typeof endDate !== 'string' || !isIsoDate(endDate))
      fail('endDate', 'must be a date YYYY-MM-DD');
    if (endDate < startDate) throw new BankError('PERIOD_INVALID', 'endDate is before startDate');
    terms.endDate = endDate;
  }
  if (dayOfExecution !== undefined) {
    // The contract's pattern: "1".."31" without a leading zero.
    if (typeof dayOfExecution !== 'string' || !/^(?:[1-9]|[12][0-9]|3[01])$/.test(dayOfExecution))
      fail('dayOfExecution', 'must be "1" to "31"');
    terms.dayOfExecution = Number(dayOfExecution);
  }
  if (executionRule !== undefined) {
    if (executionRule !== 'following' && executionRule !== 'preceding')
      fail('executionRule', 'must be following or preceding');
    terms.executionRule = executionRule;
  }
  return terms;
}

export interface ParsedPayment {
  debtorIban: string;
  items: PaymentItem[];
  batchBooking: boolean;
  requestedExecutionDate?: string;
  periodic?: PeriodicTerms;
}

/** Validates a JSON initiation body for the service (and the giro product); throws BankError. */
export function parsePaymentBody(
  service: PaymentService,
  body: unknown,
  rules: PaymentRules,
  today: string,
  product?: string,
): ParsedPayment {
  if (!isObj(body)) fail('body', 'a JSON object is required');
  const parsed: ParsedPayment = {
    debtorIban: debtorIban(body.debtorAccount, rules),
    items: [],
    batchBooking: false,
  };
  const date = executionDate(body.requestedExecutionDate, today, 'requestedExecutionDate');
  if (service === 'bulk-payments') {
    if (!Array.isArray(body.payments) || body.payments.length === 0)
      fail('payments', 'a non-empty list of payments is required');
    const maxItems = rules.maxBulkItems ?? MAX_BULK_ITEMS;
    if (body.payments.length > maxItems) fail('payments', `at most ${maxItems} payments per bulk`);
    parsed.items = body.payments.map((item: unknown, i: number) => {
      if (!isObj(item)) fail(`payments[${i}]`, 'must be an object');
      return parseItem(item, `payments[${i}].`, rules);
    });
    if (body.batchBookingPreferred !== undefined && typeof body.batchBookingPreferred !== 'boolean')
      fail('batchBookingPreferred', 'must be true or false');
    parsed.batchBooking = body.batchBookingPreferred === true;
  } else {
    if (body.batchBookingPreferred !== undefined)
      fail('batchBookingPreferred', 'is for bulk payments only');
    parsed.items = [product === 'swedish-giro' ? parseGiroItem(body) : parseItem(body, '', rules)];
  }
  if (service === 'periodic-payments') {
    if (date !== undefined) fail('requestedExecutionDate', 'periodic payments use startDate');
    parsed.periodic = periodicTerms(body, today);
  } else {
    for (const field of ['startDate', 'endDate', 'frequency', 'dayOfExecution', 'executionRule'])
      if (body[field] !== undefined) fail(field, 'is for periodic payments only');
    if (date !== undefined) parsed.requestedExecutionDate = date;
  }
  const currencies = new Set(parsed.items.map((i) => i.currency));
  if (currencies.size > 1) fail('instructedAmount.currency', 'one currency per payment');
  return parsed;
}

/** What the PSU signs (dynamic linking): amounts, currency, creditor accounts and names. */
export function signedHash(payment: Pick<Payment, 'items'>): string {
  const signed = payment.items.map((i) => [i.amount, i.currency, creditorOf(i), i.creditorName]);
  return createHash('sha256').update(JSON.stringify(signed)).digest('hex');
}

export function totalAmount(payment: Pick<Payment, 'items'>): number {
  return payment.items.reduce((sum, i) => sum + i.amount, 0);
}

/** Whether the debtor account is known: named in the body, or picked by the PSU at SCA. */
export function debtorChosen(payment: Pick<Payment, 'debtorIban'>): boolean {
  return payment.debtorIban !== '';
}

/**
 * The account the PSU pays from when the body left it out: the PSU's first account in the
 * payment's currency (the sandbox picks for the PSU; a bank would ask on its page).
 */
export function pickDebtor(
  payment: Payment,
  accounts: ReadonlyArray<{ iban: string; currency: string }>,
): string | undefined {
  const currency = payment.items[0]?.currency;
  return accounts.find((a) => a.currency === currency)?.iban;
}

export function isFinal(status: TransactionStatus): boolean {
  return FINAL_STATUSES.includes(status);
}
