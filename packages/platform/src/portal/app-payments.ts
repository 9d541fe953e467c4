import { type PaymentState, paymentState } from '@bankbridge/client';
import { readBankTransactionStatus, TRANSACTION_STATUS_NAMES } from '../payments/rules/status.js';
import type { Registry } from '../registry/index.js';
import type { PaymentEvent, PaymentRecord, PaymentsRepository } from '../store/payments.js';
import type { RequestLog, RequestLogEntry } from './request-log.js';

/** A payment as its application's developer sees it in the portal's list. */
export interface PaymentRow {
  id: string;
  createdAt: string;
  /** `142.66`, or the total of a bulk's items when they share a currency. */
  amount: string | undefined;
  currency: string | undefined;
  /** How many items a bulk payment has; undefined for any other. */
  items: number | undefined;
  creditorName: string | undefined;
  creditorAccount: string | undefined;
  service: string;
  product: string;
  bic: string;
  bankName: string | undefined;
  status: string;
  /** The ISO 20022 name of `status` (AcceptedSettlementCompleted for ACSC). */
  statusName: string | undefined;
  /**
   * What a TPP can act on: pending, authorised, executed, failed, cancelled. The SDK owns the
   * mapping, so the portal and a TPP's code reach the same answer for the same code.
   */
  state: PaymentState | undefined;
  statusChangedAt: string;
}

/** One payment with everything the portal's payment page shows. */
export interface PaymentDetail extends PaymentRow {
  psuContext: string;
  endToEndId: string | null;
  executionDate: string | null;
  debtorAccount: string | undefined;
  remittance: string | undefined;
  bankPaymentId: string;
  scaApproach: string | null;
  statusReason: string | null;
  fundsAvailable: boolean | null;
  events: PaymentEvent[];
  /** The requests in the log that touched the payment, oldest first. */
  requests: RequestLogEntry[];
}

interface Deps {
  payments: PaymentsRepository;
  registry: Registry;
}

export async function appPayments(deps: Deps, clientId: string, limit = 50): Promise<PaymentRow[]> {
  const records = await deps.payments.listForClient(clientId, limit);
  return records.map((record) => paymentRow(deps.registry, record));
}

/**
 * One payment of the application with its status history and the requests behind it: those
 * whose path names the payment, and those its history names (the creation's path has no id).
 * Undefined for a payment of another application, as for an unknown one.
 */
export async function appPayment(
  deps: Deps & { requestLog: RequestLog },
  clientId: string,
  paymentId: string,
): Promise<PaymentDetail | undefined> {
  const record = await deps.payments.findOwned(clientId, paymentId);
  if (!record) return undefined;
  const events = await deps.payments.events(record.id);
  const requestIds = [
    ...new Set(events.map((e) => e.requestId).filter((id): id is string => Boolean(id))),
  ];
  const requests = await deps.requestLog.about(clientId, record.id, requestIds);
  const body = record.body;
  return {
    ...paymentRow(deps.registry, record),
    psuContext: record.psuContext,
    endToEndId: record.endToEndId,
    executionDate: record.executionDate,
    debtorAccount: accountText(body.debtorAccount),
    remittance: text(body.remittanceInformationUnstructured),
    bankPaymentId: record.bankPaymentId,
    scaApproach: record.scaApproach,
    statusReason: [record.statusReasonCode, record.statusReason].filter(Boolean).join(': ') || null,
    fundsAvailable: record.fundsAvailable,
    events,
    requests,
  };
}

function paymentRow(registry: Registry, record: PaymentRecord): PaymentRow {
  const status = readBankTransactionStatus(record.status);
  return {
    id: record.id,
    createdAt: record.createdAt,
    ...moneyAndCreditor(record.body),
    service: record.service,
    product: record.product,
    bic: record.bic,
    bankName: registry.aspsps.find((aspsp) => aspsp.bicFi === record.bic)?.name,
    status: record.status,
    statusName: status && TRANSACTION_STATUS_NAMES[status],
    state: status && paymentState(status),
    statusChangedAt: record.statusChangedAt,
  };
}

type Money = Pick<PaymentRow, 'amount' | 'currency' | 'items' | 'creditorName' | 'creditorAccount'>;

/**
 * Amount and creditor from the body as the TPP posted it, read defensively: a bank product's
 * body follows the bank's own schema, and a field this cannot read is shown as absent.
 */
function moneyAndCreditor(body: Record<string, unknown>): Money {
  if (Array.isArray(body.payments)) {
    const items = body.payments.filter(isObject);
    const amounts = items.map((item) => amountOf(item.instructedAmount));
    const currencies = new Set(amounts.map((a) => a?.currency));
    const names = new Set(items.map((item) => text(item.creditorName)));
    const [currency] = currencies;
    const [name] = names;
    return {
      amount:
        currencies.size === 1 && currency ? sum(amounts.map((a) => a?.amount ?? '')) : undefined,
      currency: currencies.size === 1 ? currency : undefined,
      items: items.length,
      creditorName: names.size === 1 ? name : `${names.size} creditors`,
      creditorAccount: undefined,
    };
  }
  const amount = amountOf(body.instructedAmount);
  return {
    amount: amount?.amount,
    currency: amount?.currency,
    items: undefined,
    creditorName: text(body.creditorName),
    creditorAccount: accountText(body.creditorAccount) ?? giroText(body.creditorGiro),
  };
}

function amountOf(value: unknown): { amount: string; currency: string } | undefined {
  if (!isObject(value)) return undefined;
  const amount = text(value.amount);
  const currency = text(value.currency);
  return amount && currency ? { amount, currency } : undefined;
}

/** Decimal amounts added without floating point, to the most decimals any of them has. */
function sum(amounts: string[]): string | undefined {
  if (amounts.some((a) => !/^\d+(\.\d+)?$/.test(a))) return undefined;
  const decimals = Math.max(0, ...amounts.map((a) => a.split('.')[1]?.length ?? 0));
  const total = amounts.reduce((acc, a) => {
    const [whole = '0', fraction = ''] = a.split('.');
    return acc + BigInt(whole + fraction.padEnd(decimals, '0'));
  }, 0n);
  if (decimals === 0) return total.toString();
  const digits = total.toString().padStart(decimals + 1, '0');
  return `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

const ACCOUNT_KEYS = ['iban', 'bban', 'pan', 'maskedPan', 'msisdn'] as const;

function accountText(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  for (const key of ACCOUNT_KEYS) {
    const id = text(value[key]);
    if (id) return key === 'iban' ? id : `${key} ${id}`;
  }
  return undefined;
}

function giroText(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  const number = text(value.giroNumber);
  return number ? `${text(value.giroType) ?? 'giro'} ${number}` : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
