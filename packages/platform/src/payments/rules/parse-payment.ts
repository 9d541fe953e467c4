/**
 * The body of `POST /psd2/paymentinitiation/v1/{payment-service}/{payment-product}` for a
 * global product, checked against the bank's payment rules (registry `payments`) and turned
 * into the canonical model (`types.ts`). Bank products go through `bank-product-body.ts`.
 *
 * The schema comes from the path, never from the contract's `oneOf` (erratum P2: every valid
 * periodic body also matches the single-payment schema): `payments` × domestic / SEPA /
 * international → single, `payments` × swedish-giro → giro, `periodic-payments` → periodic,
 * `bulk-payments` → bulk. The first failure is the answer, and it names its `path`.
 *
 * Decisions:
 * - Every object of the body is closed (the body, amounts, accounts, the address, bulk items):
 *   an unknown key is a FORMAT_ERROR naming it. These objects carry money and a payee; a
 *   misspelt `requestedExecutonDate` dropped would execute today what was meant for next month.
 * - `requestedExecutionDate` (erratum P7: no format in the contract) and `startDate` are the
 *   bank's local dates: in the past, or more than the bank's `maxExecutionDaysAhead` ahead,
 *   → 400 EXECUTION_DATE_INVALID. For `startDate` xs2a answers FORMAT_ERROR; Bankbridge
 *   answers as for any other execution date, which is what the first occurrence is.
 * - `endDate` before `startDate` → 400 PERIOD_INVALID. `dayOfExecution` is the contract's
 *   string "1".."31": `"01"` and `1` are FORMAT_ERRORs.
 * - The amount's currency must be the debtor account's currency, when the reference names
 *   one, except for `international` (a cross-currency payment is what it is for); SEPA is EUR
 *   and `domestic` is the bank country's currency.
 * - `endToEndIdentification` is at most 35 characters of the SEPA character set; absent stays
 *   absent (the service generates one).
 */
import { fieldPath } from '../../consents/rules/closed-objects.js';
import { addDays, isIsoDate, localDate } from '../../consents/rules/dates.js';
import type { PaymentSettings } from '../../registry/types.js';
import { type Amount, nationalCurrency, parseAmount } from './amount.js';
import { formatError, type PaymentRuleError, type RuleResult, refusal } from './errors.js';
import { type AccountRules, type PaymentAccount, parsePaymentAccount } from './payment-account.js';
import {
  GLOBAL_PRODUCT_SERVICES,
  type GlobalPaymentProduct,
  type PaymentService,
} from './products.js';
import { remittanceLimitToOtherBank } from './remittance-limit.js';
import {
  type BulkPayment,
  type CreditorAddress,
  type CreditTransfer,
  FREQUENCIES,
  type Frequency,
  type GiroPayment,
  type PaymentRequest,
  type PeriodicPayment,
  type SinglePayment,
} from './types.js';

/** What the body rules need of the bank's registry entry. */
export interface PaymentBankSettings {
  isoCountryCode: string;
  payments: Pick<
    PaymentSettings,
    | 'maxExecutionDaysAhead'
    | 'maxBulkItems'
    | 'debtorAccountOptional'
    | 'accountIdentifiers'
    | 'remittanceMaxLength'
    | 'remittanceToOtherBanks'
  >;
}

export interface PaymentBodyContext {
  product: GlobalPaymentProduct;
  service: PaymentService;
  bank: PaymentBankSettings;
  /** The time of the request; dates are compared with the bank's local date at this instant. */
  now: Date;
  /** The bank's IANA time zone (`bankTimeZone` of the consent rules' dates). */
  timeZone: string;
}

class Refusal {
  constructor(readonly error: PaymentRuleError) {}
}

function refuse(path: string, problem: string): never {
  throw new Refusal(formatError(path, problem));
}

function take<T>(result: { ok: true; value: T } | { ok: false; error: PaymentRuleError }): T {
  if (!result.ok) throw new Refusal(result.error);
  return result.value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** `prefix.name`, or `name` at the top of the body. */
function at(prefix: string, name: string): string {
  return prefix === '' ? fieldPath('body', name).replace(/^body\.?/, '') : fieldPath(prefix, name);
}

function closed(
  value: Record<string, unknown>,
  prefix: string,
  what: string,
  fields: readonly string[],
) {
  for (const key of Object.keys(value)) {
    if (!fields.includes(key)) {
      refuse(at(prefix, key), `is not a field of ${what}; the fields are ${fields.join(', ')}`);
    }
  }
}

function object(value: unknown, path: string, what: string): Record<string, unknown> {
  if (!isObject(value)) refuse(path, `must be ${what} (got ${typeName(value)})`);
  return value;
}

// No control characters; at least one visible character (which is no control character
// either: `\S` alone would take one for visible).
const PRINTABLE = /^[^\p{Cc}]*[^\p{Cc}\s][^\p{Cc}]*$/u;

function text(
  body: Record<string, unknown>,
  prefix: string,
  key: string,
  max: number,
  options: { required?: boolean; min?: number; pattern?: RegExp; hint?: string } = {},
): string | undefined {
  const value = body[key];
  const path = at(prefix, key);
  if (value === undefined) {
    if (options.required) refuse(path, 'is required');
    return undefined;
  }
  if (typeof value !== 'string') refuse(path, `must be a string (got ${typeName(value)})`);
  const min = options.min ?? 1;
  if (value.length < min || value.length > max) {
    refuse(
      path,
      min === 1 ? `must be 1 to ${max} characters` : `must be ${min} to ${max} characters`,
    );
  }
  if (!PRINTABLE.test(value))
    refuse(path, 'must contain visible characters and no control characters');
  if (options.pattern && !options.pattern.test(value)) refuse(path, options.hint ?? 'is malformed');
  return value;
}

const BIC = /^[A-Z]{6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3})?$/;
const COUNTRY = /^[A-Z]{2}$/;
const END_TO_END = /^[A-Za-z0-9/?:().,'+ -]{1,35}$/;
const OCR = /^[0-9]{5,140}$/;
const GIRO_NUMBER = /^[0-9]{2,8}-?[0-9]{1,8}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

function isoDate(body: Record<string, unknown>, prefix: string, key: string): string | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !isIsoDate(value)) {
    refuse(at(prefix, key), 'must be a calendar date YYYY-MM-DD, e.g. "2026-03-31"');
  }
  return value;
}

function executionDate(path: string, date: string, context: PaymentBodyContext): void {
  const today = localDate(context.now, context.timeZone);
  const max = context.bank.payments.maxExecutionDaysAhead;
  const latest = addDays(today, max);
  const invalid = (why: string) =>
    new Refusal(refusal('EXECUTION_DATE_INVALID', 400, `${path}: ${date} ${why}`, path));
  if (date < today) throw invalid(`is in the past (it is ${today} at the bank)`);
  if (date > latest) throw invalid(`is more than ${max} days ahead (the latest is ${latest})`);
}

function address(value: unknown, path: string): CreditorAddress {
  const raw = object(value, path, 'an address object with at least a country');
  closed(raw, path, 'an address', ['street', 'buildingNumber', 'city', 'postalCode', 'country']);
  const country = text(raw, path, 'country', 2, {
    required: true,
    pattern: COUNTRY,
    hint: 'must be an ISO 3166-1 alpha-2 country code in capitals, e.g. "SE"',
  }) as string;
  const out: CreditorAddress = { country };
  for (const key of ['street', 'buildingNumber', 'city', 'postalCode'] as const) {
    const part = text(raw, path, key, key === 'postalCode' || key === 'buildingNumber' ? 16 : 70);
    if (part !== undefined) out[key] = part;
  }
  return out;
}

function accountRules(context: PaymentBodyContext, debtor: boolean): AccountRules {
  return {
    style: context.bank.payments.accountIdentifiers,
    ibanOnly: context.product === 'sepa-credit-transfers',
    giro: debtor && (context.product === 'domestic' || context.product === 'swedish-giro'),
  };
}

function debtorAccount(
  body: Record<string, unknown>,
  context: PaymentBodyContext,
): PaymentAccount | undefined {
  if (body.debtorAccount === undefined) {
    if (context.bank.payments.debtorAccountOptional) return undefined;
    refuse('debtorAccount', 'is required');
  }
  return take(
    parsePaymentAccount(body.debtorAccount, 'debtorAccount', accountRules(context, true)),
  );
}

function amountCurrency(
  amount: Amount,
  path: string,
  debtor: PaymentAccount | undefined,
  context: PaymentBodyContext,
): void {
  const currencyPath = `${path}.currency`;
  if (context.product === 'sepa-credit-transfers' && amount.currency !== 'EUR') {
    refuse(currencyPath, 'must be EUR for a SEPA credit transfer');
  }
  const national = nationalCurrency(context.bank.isoCountryCode);
  if (context.product === 'domestic' && national !== undefined && amount.currency !== national) {
    refuse(currencyPath, `must be ${national} for a domestic payment at this bank`);
  }
  if (
    context.product !== 'international' &&
    debtor?.currency !== undefined &&
    debtor.currency !== amount.currency
  ) {
    refuse(currencyPath, `must be the debtor account's currency (${debtor.currency})`);
  }
}

const TRANSFER_FIELDS = [
  'instructedAmount',
  'creditorAccount',
  'creditorName',
  'creditorAgent',
  'creditorAgentName',
  'creditorAddress',
  'remittanceInformationUnstructured',
  'endToEndIdentification',
] as const;

/** The credit-transfer fields of `raw` (the body, or one bulk item at `prefix`). */
function creditTransfer(
  raw: Record<string, unknown>,
  prefix: string,
  debtor: PaymentAccount | undefined,
  context: PaymentBodyContext,
): CreditTransfer {
  const amountPath = at(prefix, 'instructedAmount');
  if (raw.instructedAmount === undefined) refuse(amountPath, 'is required');
  const instructedAmount = take(parseAmount(raw.instructedAmount, amountPath));
  amountCurrency(instructedAmount, amountPath, debtor, context);
  const creditorPath = at(prefix, 'creditorAccount');
  if (raw.creditorAccount === undefined) refuse(creditorPath, 'is required');
  const creditorAccount = take(
    parsePaymentAccount(raw.creditorAccount, creditorPath, accountRules(context, false)),
  );
  const out: CreditTransfer = {
    instructedAmount,
    creditorAccount,
    creditorName: text(raw, prefix, 'creditorName', 70, { required: true }) as string,
  };
  const agent = text(raw, prefix, 'creditorAgent', 11, {
    pattern: BIC,
    hint: 'must be a BIC of 8 or 11 capitals and digits, e.g. "ESSESESS"',
  });
  if (agent !== undefined) out.creditorAgent = agent;
  const agentName = text(raw, prefix, 'creditorAgentName', 70);
  if (agentName !== undefined) out.creditorAgentName = agentName;
  if (raw.creditorAddress !== undefined) {
    out.creditorAddress = address(raw.creditorAddress, at(prefix, 'creditorAddress'));
  }
  const limits = context.bank.payments.remittanceMaxLength;
  const remittance = text(
    raw,
    prefix,
    'remittanceInformationUnstructured',
    Math.min(140, limits[context.product] ?? limits.default),
  );
  const toOtherBank = remittanceLimitToOtherBank(
    context.bank.payments.remittanceToOtherBanks,
    context.bank.isoCountryCode,
    context.product,
    creditorAccount,
  );
  if (remittance !== undefined && toOtherBank !== undefined && remittance.length > toOtherBank) {
    refuse(
      at(prefix, 'remittanceInformationUnstructured'),
      `must be 1 to ${toOtherBank} characters for a payment to an account at another bank`,
    );
  }
  if (remittance !== undefined) out.remittanceInformationUnstructured = remittance;
  const endToEnd = text(raw, prefix, 'endToEndIdentification', 35, {
    pattern: END_TO_END,
    hint: "must use letters, digits, spaces and / - ? : ( ) . , ' + only (the SEPA character set)",
  });
  if (endToEnd !== undefined) out.endToEndIdentification = endToEnd;
  return out;
}

function single(body: Record<string, unknown>, context: PaymentBodyContext): SinglePayment {
  closed(body, '', 'a payment', [...TRANSFER_FIELDS, 'debtorAccount', 'requestedExecutionDate']);
  const debtor = debtorAccount(body, context);
  const transfer = creditTransfer(body, '', debtor, context);
  const out: SinglePayment = {
    service: 'payments',
    product: context.product as SinglePayment['product'],
    ...(debtor === undefined ? {} : { debtorAccount: debtor }),
    ...transfer,
  };
  const date = isoDate(body, '', 'requestedExecutionDate');
  if (date !== undefined) {
    executionDate('requestedExecutionDate', date, context);
    out.requestedExecutionDate = date;
  }
  return out;
}

const GIRO_FIELDS = [
  'debtorAccount',
  'instructedAmount',
  'creditorGiro',
  'creditorName',
  'invoiceRef',
  'ocrRef',
  'endToEndIdentification',
  'creditorAgent',
  'requestedExecutionDate',
  'debtorAccountMessage',
  'creditorAccountMessage',
] as const;

function giro(body: Record<string, unknown>, context: PaymentBodyContext): GiroPayment {
  closed(body, '', 'a giro payment', GIRO_FIELDS);
  const debtor = debtorAccount(body, context);
  if (body.instructedAmount === undefined) refuse('instructedAmount', 'is required');
  const instructedAmount = take(parseAmount(body.instructedAmount, 'instructedAmount'));
  amountCurrency(instructedAmount, 'instructedAmount', debtor, context);
  if (instructedAmount.currency !== 'SEK')
    refuse('instructedAmount.currency', 'must be SEK for a giro payment');
  if (body.creditorGiro === undefined) refuse('creditorGiro', 'is required');
  const creditor = object(
    body.creditorGiro,
    'creditorGiro',
    'an object {"giroNumber", "giroType"}',
  );
  closed(creditor, 'creditorGiro', 'creditorGiro', ['giroNumber', 'giroType']);
  const giroNumber = text(creditor, 'creditorGiro', 'giroNumber', 17, {
    required: true,
    pattern: GIRO_NUMBER,
    hint: 'must be a bankgiro or plusgiro number: digits with at most one hyphen',
  }) as string;
  const giroType = creditor.giroType;
  if (giroType !== 'BANKGIRO' && giroType !== 'PLUSGIRO') {
    refuse('creditorGiro.giroType', 'must be "BANKGIRO" or "PLUSGIRO"');
  }
  const out: GiroPayment = {
    service: 'payments',
    product: 'swedish-giro',
    ...(debtor === undefined ? {} : { debtorAccount: debtor }),
    instructedAmount,
    creditorGiro: { giroNumber, giroType },
    creditorName: text(body, '', 'creditorName', 70, { required: true }) as string,
  };
  const ocr = text(body, '', 'ocrRef', 140, {
    min: 5,
    pattern: OCR,
    hint: 'must be 5 to 140 digits',
  });
  const invoice = text(body, '', 'invoiceRef', 140, { min: 5 });
  if ((ocr === undefined) === (invoice === undefined)) {
    refuse(
      ocr === undefined ? 'ocrRef' : 'invoiceRef',
      'a giro payment has exactly one of ocrRef and invoiceRef',
    );
  }
  if (ocr !== undefined) out.ocrRef = ocr;
  if (invoice !== undefined) out.invoiceRef = invoice;
  const agent = text(body, '', 'creditorAgent', 11, { pattern: BIC, hint: 'must be a BIC' });
  if (agent !== undefined) out.creditorAgent = agent;
  const endToEnd = text(body, '', 'endToEndIdentification', 35, {
    pattern: END_TO_END,
    hint: 'must use the SEPA character set',
  });
  if (endToEnd !== undefined) out.endToEndIdentification = endToEnd;
  for (const key of ['debtorAccountMessage', 'creditorAccountMessage'] as const) {
    const message = text(body, '', key, 140);
    if (message !== undefined) out[key] = message;
  }
  const date = isoDate(body, '', 'requestedExecutionDate');
  if (date !== undefined) {
    executionDate('requestedExecutionDate', date, context);
    out.requestedExecutionDate = date;
  }
  return out;
}

const DAYS_OF_EXECUTION = Array.from({ length: 31 }, (_, i) => String(i + 1));

function periodic(body: Record<string, unknown>, context: PaymentBodyContext): PeriodicPayment {
  closed(body, '', 'a periodic payment', [
    ...TRANSFER_FIELDS,
    'debtorAccount',
    'startDate',
    'endDate',
    'executionRule',
    'frequency',
    'dayOfExecution',
  ]);
  const debtor = debtorAccount(body, context);
  const transfer = creditTransfer(body, '', debtor, context);
  if (body.startDate === undefined) refuse('startDate', 'is required');
  const startDate = isoDate(body, '', 'startDate') as string;
  executionDate('startDate', startDate, context);
  const frequency = body.frequency;
  if (frequency === undefined) refuse('frequency', 'is required');
  if (!(FREQUENCIES as readonly unknown[]).includes(frequency)) {
    refuse('frequency', `must be one of ${FREQUENCIES.join(', ')} (as written here)`);
  }
  const out: PeriodicPayment = {
    service: 'periodic-payments',
    product: context.product as PeriodicPayment['product'],
    ...(debtor === undefined ? {} : { debtorAccount: debtor }),
    ...transfer,
    startDate,
    frequency: frequency as Frequency,
  };
  const endDate = isoDate(body, '', 'endDate');
  if (endDate !== undefined) {
    if (endDate < startDate) {
      throw new Refusal(
        refusal(
          'PERIOD_INVALID',
          400,
          `endDate: ${endDate} is before startDate ${startDate}`,
          'endDate',
        ),
      );
    }
    out.endDate = endDate;
  }
  const rule = body.executionRule;
  if (rule !== undefined) {
    if (rule !== 'following' && rule !== 'preceding') {
      refuse('executionRule', 'must be "following" or "preceding"');
    }
    out.executionRule = rule;
  }
  const day = body.dayOfExecution;
  if (day !== undefined) {
    if (typeof day !== 'string' || !DAYS_OF_EXECUTION.includes(day)) {
      refuse(
        'dayOfExecution',
        'must be a string "1" to "31" without leading zero ("31" is the last day of the month)',
      );
    }
    out.dayOfExecution = day;
  }
  return out;
}

function bulk(body: Record<string, unknown>, context: PaymentBodyContext): BulkPayment {
  closed(body, '', 'a bulk payment', [
    'batchBookingPreferred',
    'debtorAccount',
    'requestedExecutionDate',
    'requestedExecutionTime',
    'payments',
  ]);
  const debtor = debtorAccount(body, context);
  const items = body.payments;
  if (items === undefined) refuse('payments', 'is required');
  if (!Array.isArray(items))
    refuse('payments', `must be a list of payments (got ${typeName(items)})`);
  if (items.length === 0) refuse('payments', 'must list at least one payment');
  const max = context.bank.payments.maxBulkItems;
  if (items.length > max)
    refuse('payments', `lists ${items.length} payments; this bank takes at most ${max}`);
  const payments = items.map((item, index) => {
    const prefix = `payments[${index}]`;
    const raw = object(item, prefix, 'a payment object');
    closed(raw, prefix, 'a bulk payment item', TRANSFER_FIELDS);
    return creditTransfer(raw, prefix, debtor, context);
  });
  const out: BulkPayment = {
    service: 'bulk-payments',
    product: context.product as BulkPayment['product'],
    ...(debtor === undefined ? {} : { debtorAccount: debtor }),
    payments,
  };
  const batch = body.batchBookingPreferred;
  if (batch !== undefined) {
    if (typeof batch !== 'boolean') {
      refuse('batchBookingPreferred', `must be true or false (got ${typeName(batch)})`);
    }
    out.batchBookingPreferred = batch;
  }
  const date = isoDate(body, '', 'requestedExecutionDate');
  if (date !== undefined) {
    executionDate('requestedExecutionDate', date, context);
    out.requestedExecutionDate = date;
  }
  const time = body.requestedExecutionTime;
  if (time !== undefined) {
    if (typeof time !== 'string' || !DATE_TIME.test(time)) {
      refuse(
        'requestedExecutionTime',
        'must be a date-time with offset, e.g. "2026-03-31T10:00:00+01:00"',
      );
    }
    out.requestedExecutionTime = time;
  }
  return out;
}

/** The body of a global product's payment as the canonical model, or the first refusal. */
export function parsePaymentBody(
  body: unknown,
  context: PaymentBodyContext,
): RuleResult<PaymentRequest> {
  if (!GLOBAL_PRODUCT_SERVICES[context.product].includes(context.service)) {
    return {
      ok: false,
      error: refusal(
        'PRODUCT_INVALID',
        403,
        `The payment product ${context.product} is not available as ${context.service}`,
      ),
    };
  }
  try {
    const raw = object(body, 'body', 'a JSON object');
    switch (context.service) {
      case 'payments':
        return {
          ok: true,
          value: context.product === 'swedish-giro' ? giro(raw, context) : single(raw, context),
        };
      case 'periodic-payments':
        return { ok: true, value: periodic(raw, context) };
      case 'bulk-payments':
        return { ok: true, value: bulk(raw, context) };
    }
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, error: error.error };
    throw error;
  }
}
