// Per-bank payment rules the registry does not carry (it lists the products only): what
// each sandbox bank checks and how it schedules. Modelled on the vendor's documented
// quirks; banks not listed use the defaults.

export interface BankPaymentRules {
  /** Longest remittanceInformationUnstructured accepted. */
  remittanceMaxLength: number;
  /** A future-dated payment can be cancelled until this UTC hour of the business day before. */
  cancellationCutOffHour: number;
  /** Total a PSU with the daily-limit scenario may initiate per day, in major units. */
  dailyLimit: number;
  /** Most items in one bulk payment, as the platform's registry has it (maxBulkItems). */
  maxBulkItems: number;
}

export const DEFAULT_PAYMENT_RULES: Readonly<BankPaymentRules> = {
  remittanceMaxLength: 140,
  cancellationCutOffHour: 14,
  dailyLimit: 50_000,
  maxBulkItems: 100,
};

const BY_BIC: Readonly<Record<string, Partial<BankPaymentRules>>> = {
  // Swedbank: 35 characters for domestic messages.
  SWEDSESS: { remittanceMaxLength: 35 },
  // The platform's registry lets these two take larger bulks than the default.
  ESSESESS: { maxBulkItems: 500 },
  DEUTDEFF: { maxBulkItems: 1000 },
};

export function paymentRulesOf(bic: string): BankPaymentRules {
  return { ...DEFAULT_PAYMENT_RULES, ...BY_BIC[bic] };
}
