// Per-bank payment rules the registry does not carry: how each sandbox bank schedules and
// the limits of its scenarios. What the registry says of a bank's payments (account forms,
// remittance lengths, bulk sizes, a debtor left to the PSU) is read from it, in
// load-registry.ts. Banks not listed use the defaults.

export interface BankPaymentRules {
  /** A future-dated payment can be cancelled until this UTC hour of the business day before. */
  cancellationCutOffHour: number;
  /** Total a PSU with the daily-limit scenario may initiate per day, in major units. */
  dailyLimit: number;
}

export const DEFAULT_PAYMENT_RULES: Readonly<BankPaymentRules> = {
  cancellationCutOffHour: 14,
  dailyLimit: 50_000,
};

const BY_BIC: Readonly<Record<string, Partial<BankPaymentRules>>> = {};

export function paymentRulesOf(bic: string): BankPaymentRules {
  return { ...DEFAULT_PAYMENT_RULES, ...BY_BIC[bic] };
}
