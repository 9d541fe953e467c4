// A payment's body as a Berlin Group bank takes it. A global product's body arrives in
// Bankbridge's canonical model (payments/rules `PaymentRequest` without `service` and
// `product`): amounts `{currency, amount}` with the amount a decimal string, accounts with one
// identifier (`iban`; `bban` + optional `clearingNumber`; `bankgiroNumber` / `plusgiroNumber`)
// and an optional `currency`. The Berlin Group JSON (NextGenPSD2 1.3.3 `paymentInitiation_json`,
// `paymentInitiationSwedishGiro_json`, `periodicPaymentInitiation_json`,
// `bulkPaymentInitiation_json`) has the same field names, so the mapping is a copy of the fields
// each schema has, field by field: nothing the bank did not document reaches it, and a field
// the model lacks is never made up. A bank product's body is the bank's own: it passes as sent.
//
// Pure: no I/O, no imports of the platform's layers above the connector (the canonical types
// are the payment service's; this module reads the JSON it is handed).

import type { AccountForms } from '../registry/types.js';
import { withAccountForms } from './account-forms.js';
import type { BankJsonObject } from './bank-connector.js';

/** What the connector is handed: where the payment goes and the body in Bankbridge's terms. */
export interface PaymentBodyInput {
  service: string;
  product: string;
  body: BankJsonObject;
  globalProduct: boolean;
  /**
   * How the bank takes a global product's accounts (registry `payments.accountForms`);
   * absent: as the TPP wrote them.
   */
  accountForms?: AccountForms | undefined;
}

/** A canonical body that is not the model: the caller's mistake, never the bank's or the TPP's. */
export class PaymentBodyError extends Error {
  override name = 'PaymentBodyError';
}

const ACCOUNT_FIELDS = [
  'iban',
  'bban',
  'clearingNumber',
  'bankgiroNumber',
  'plusgiroNumber',
  'currency',
] as const;

/** The optional text fields of one credit transfer, copied when present. */
const TRANSFER_TEXTS = [
  'creditorAgent',
  'creditorAgentName',
  'remittanceInformationUnstructured',
  'endToEndIdentification',
] as const;

const ADDRESS_FIELDS = ['street', 'buildingNumber', 'city', 'postalCode', 'country'] as const;

function isObject(value: unknown): value is BankJsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `prefix` is '' or the item's path with its dot (`payments[0].`). */
function need<T>(value: T | undefined, prefix: string, field: string): T {
  if (value === undefined) throw new PaymentBodyError(`${prefix}${field} is missing`);
  return value;
}

function text(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new PaymentBodyError(`${path} must be a string`);
  return value;
}

/** Copies the optional string fields `names` of `from` that are present. */
function copyTexts(
  to: BankJsonObject,
  from: BankJsonObject,
  names: readonly string[],
  path: string,
): void {
  for (const name of names)
    if (from[name] !== undefined) to[name] = text(from[name], `${path}${name}`);
}

/** `{currency, amount}` with the amount as the decimal string it is (never a number). */
export function bankAmount(value: unknown, path: string): { currency: string; amount: string } {
  if (!isObject(value)) throw new PaymentBodyError(`${path} must be {currency, amount}`);
  return {
    currency: text(value.currency, `${path}.currency`),
    amount: text(value.amount, `${path}.amount`),
  };
}

/**
 * A Berlin Group account reference: `{iban}`, `{bban, clearingNumber?}`, `{bankgiroNumber}` or
 * `{plusgiroNumber}`, each with the optional `currency`.
 */
export function bankAccountReference(value: unknown, path: string): BankJsonObject {
  if (!isObject(value)) throw new PaymentBodyError(`${path} must be an account reference`);
  const reference: BankJsonObject = {};
  copyTexts(reference, value, ACCOUNT_FIELDS, `${path}.`);
  if (Object.keys(reference).every((key) => key === 'currency' || key === 'clearingNumber'))
    throw new PaymentBodyError(`${path} has no account identifier`);
  return reference;
}

function creditorAddress(value: unknown, path: string): BankJsonObject {
  if (!isObject(value)) throw new PaymentBodyError(`${path} must be an address`);
  const address: BankJsonObject = {};
  copyTexts(address, value, ADDRESS_FIELDS, `${path}.`);
  need(address.country, `${path}.`, 'country');
  return address;
}

/** The fields every credit transfer has: a single or periodic payment, or one bulk item. */
function creditTransfer(from: BankJsonObject, path: string): BankJsonObject {
  const to: BankJsonObject = {
    instructedAmount: bankAmount(
      need(from.instructedAmount, path, 'instructedAmount'),
      `${path}instructedAmount`,
    ),
    creditorAccount: bankAccountReference(
      need(from.creditorAccount, path, 'creditorAccount'),
      `${path}creditorAccount`,
    ),
    creditorName: text(need(from.creditorName, path, 'creditorName'), `${path}creditorName`),
  };
  copyTexts(to, from, TRANSFER_TEXTS, path);
  if (from.creditorAddress !== undefined)
    to.creditorAddress = creditorAddress(from.creditorAddress, `${path}creditorAddress`);
  return to;
}

/** The debtor first, as the contract's examples order it; absent where the PSU picks it. */
function withDebtor(from: BankJsonObject, rest: BankJsonObject): BankJsonObject {
  return from.debtorAccount === undefined
    ? rest
    : { debtorAccount: bankAccountReference(from.debtorAccount, 'debtorAccount'), ...rest };
}

function giroPayment(from: BankJsonObject): BankJsonObject {
  const giro = need(from.creditorGiro, '', 'creditorGiro');
  if (!isObject(giro)) throw new PaymentBodyError('creditorGiro must be {giroNumber, giroType}');
  const to: BankJsonObject = {
    instructedAmount: bankAmount(
      need(from.instructedAmount, '', 'instructedAmount'),
      'instructedAmount',
    ),
    creditorGiro: {
      giroNumber: text(giro.giroNumber, 'creditorGiro.giroNumber'),
      giroType: text(giro.giroType, 'creditorGiro.giroType'),
    },
    creditorName: text(need(from.creditorName, '', 'creditorName'), 'creditorName'),
  };
  copyTexts(
    to,
    from,
    [
      'ocrRef',
      'invoiceRef',
      'creditorAgent',
      'endToEndIdentification',
      'requestedExecutionDate',
      'debtorAccountMessage',
      'creditorAccountMessage',
    ],
    '',
  );
  return withDebtor(from, to);
}

function periodicPayment(from: BankJsonObject): BankJsonObject {
  const to = creditTransfer(from, '');
  to.startDate = text(need(from.startDate, '', 'startDate'), 'startDate');
  to.frequency = text(need(from.frequency, '', 'frequency'), 'frequency');
  copyTexts(to, from, ['endDate', 'executionRule', 'dayOfExecution'], '');
  return withDebtor(from, to);
}

function bulkPayment(from: BankJsonObject): BankJsonObject {
  const items = need(from.payments, '', 'payments');
  if (!Array.isArray(items)) throw new PaymentBodyError('payments must be a list');
  const to: BankJsonObject = {};
  if (from.batchBookingPreferred !== undefined) {
    if (typeof from.batchBookingPreferred !== 'boolean')
      throw new PaymentBodyError('batchBookingPreferred must be true or false');
    to.batchBookingPreferred = from.batchBookingPreferred;
  }
  copyTexts(to, from, ['requestedExecutionDate', 'requestedExecutionTime'], '');
  to.payments = items.map((item, i) => {
    if (!isObject(item)) throw new PaymentBodyError(`payments[${i}] must be an object`);
    return creditTransfer(item, `payments[${i}].`);
  });
  return withDebtor(from, to);
}

function singlePayment(from: BankJsonObject): BankJsonObject {
  const to = creditTransfer(from, '');
  copyTexts(to, from, ['requestedExecutionDate'], '');
  return withDebtor(from, to);
}

/**
 * The JSON body of `POST {payments}/{service}/{product}`: for a global product the Berlin
 * Group body of its service (and `swedish-giro`'s own) with the accounts in the bank's forms,
 * for a bank product the body as sent. Throws PaymentBodyError when a global product's body is
 * not the canonical model, PaymentBodyRefusal when an account has no form the bank takes.
 */
export function berlinGroupPaymentBody(input: PaymentBodyInput): BankJsonObject {
  if (!input.globalProduct) return input.body;
  const body = berlinGroupBody(input);
  return input.accountForms ? withAccountForms(body, input.accountForms) : body;
}

function berlinGroupBody(input: PaymentBodyInput): BankJsonObject {
  switch (input.service) {
    case 'payments':
      return input.product === 'swedish-giro' ? giroPayment(input.body) : singlePayment(input.body);
    case 'periodic-payments':
      return periodicPayment(input.body);
    case 'bulk-payments':
      return bulkPayment(input.body);
    default:
      throw new PaymentBodyError(`${input.service} is not a payment service of a global product`);
  }
}
