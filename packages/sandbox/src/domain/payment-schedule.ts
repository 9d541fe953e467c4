// When a payment is due: the execution date of a future-dated payment and each occurrence
// of a periodic one, moved to a business day by the execution rule.

import { shiftToBusinessDay } from './business-days.js';
import { addDays, daysInMonth } from './dates.js';
import type { Frequency, PeriodicTerms } from './payments.js';

const MONTHS: Partial<Record<Frequency, number>> = {
  Monthly: 1,
  EveryTwoMonths: 2,
  Quarterly: 3,
  SemiAnnual: 6,
  Annual: 12,
};
const DAYS: Partial<Record<Frequency, number>> = { Daily: 1, Weekly: 7, EveryTwoWeeks: 14 };

function monthPlus(date: string, months: number, day: number): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)) - 1 + months;
  const first = new Date(Date.UTC(year + Math.floor(month / 12), ((month % 12) + 12) % 12, 1))
    .toISOString()
    .slice(0, 10);
  const clamped = Math.min(day, daysInMonth(first));
  return `${first.slice(0, 8)}${String(clamped).padStart(2, '0')}`;
}

/** The calendar date of occurrence n (from 0) before the business-day rule. */
export function nominalOccurrence(terms: PeriodicTerms, n: number): string {
  const days = DAYS[terms.frequency];
  if (days !== undefined) return addDays(terms.startDate, n * days);
  const months = MONTHS[terms.frequency] ?? 1;
  const day = terms.dayOfExecution ?? Number(terms.startDate.slice(8, 10));
  // A day of execution earlier in the month than the start date begins a period later.
  const skip = monthPlus(terms.startDate, 0, day) < terms.startDate ? 1 : 0;
  return monthPlus(terms.startDate, (n + skip) * months, day);
}

/** Occurrence n as executed, or undefined once the series has ended. */
export function occurrenceDate(
  terms: PeriodicTerms,
  n: number,
  countryCode: string,
): string | undefined {
  const nominal = nominalOccurrence(terms, n);
  if (terms.endDate !== undefined && nominal > terms.endDate) return undefined;
  return shiftToBusinessDay(nominal, countryCode, terms.executionRule);
}
