/**
 * The canonical payment model: what Bankbridge keeps of a global product's body after
 * `parsePaymentBody`, one shape per service (and one for giro). Fields the TPP left out stay
 * absent; `endToEndIdentification` in particular is generated later by the service.
 */
import type { Amount } from './amount.js';
import type { PaymentAccount } from './payment-account.js';
import type { GlobalPaymentProduct } from './products.js';

export interface CreditorAddress {
  street?: string;
  buildingNumber?: string;
  city?: string;
  postalCode?: string;
  country: string;
}

/** What every credit transfer has: one bulk item, or the body of a single or periodic payment. */
export interface CreditTransfer {
  instructedAmount: Amount;
  creditorAccount: PaymentAccount;
  creditorName: string;
  creditorAgent?: string;
  creditorAgentName?: string;
  creditorAddress?: CreditorAddress;
  remittanceInformationUnstructured?: string;
  endToEndIdentification?: string;
}

export interface SinglePayment extends CreditTransfer {
  service: 'payments';
  product: Exclude<GlobalPaymentProduct, 'swedish-giro'>;
  /** Absent only where the bank lets the PSU pick it during SCA. */
  debtorAccount?: PaymentAccount;
  requestedExecutionDate?: string;
}

export interface GiroPayment {
  service: 'payments';
  product: 'swedish-giro';
  debtorAccount?: PaymentAccount;
  instructedAmount: Amount;
  creditorGiro: { giroNumber: string; giroType: 'BANKGIRO' | 'PLUSGIRO' };
  creditorName: string;
  /** Exactly one of the two references. */
  ocrRef?: string;
  invoiceRef?: string;
  creditorAgent?: string;
  endToEndIdentification?: string;
  requestedExecutionDate?: string;
  debtorAccountMessage?: string;
  creditorAccountMessage?: string;
}

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

export interface PeriodicPayment extends CreditTransfer {
  service: 'periodic-payments';
  product: Exclude<GlobalPaymentProduct, 'swedish-giro'>;
  debtorAccount?: PaymentAccount;
  startDate: string;
  endDate?: string;
  frequency: Frequency;
  executionRule?: 'following' | 'preceding';
  /** "1".."31" as the contract types it; "31" is the last day of the month. */
  dayOfExecution?: string;
}

export interface BulkPayment {
  service: 'bulk-payments';
  product: Exclude<GlobalPaymentProduct, 'swedish-giro'>;
  debtorAccount?: PaymentAccount;
  batchBookingPreferred?: boolean;
  requestedExecutionDate?: string;
  requestedExecutionTime?: string;
  payments: CreditTransfer[];
}

export type PaymentRequest = SinglePayment | GiroPayment | PeriodicPayment | BulkPayment;
