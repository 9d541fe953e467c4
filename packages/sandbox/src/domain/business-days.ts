// Execution dates of the sandbox banks: weekends and each country's fixed-date public
// holidays are not business days. Movable feasts (Easter, Midsummer Eve, Ascension) are left
// out on purpose: a fixed list keeps the rule predictable for testers and for tests.

import { addDays, weekday } from './dates.js';

/** Fixed-date public holidays (MM-DD) per country; see the README for the list. */
export const FIXED_HOLIDAYS: Readonly<Record<string, readonly string[]>> = {
  SE: ['01-01', '01-06', '05-01', '06-06', '12-24', '12-25', '12-26', '12-31'],
  FI: ['01-01', '01-06', '05-01', '12-06', '12-24', '12-25', '12-26'],
  DK: ['01-01', '06-05', '12-24', '12-25', '12-26', '12-31'],
  DE: ['01-01', '05-01', '10-03', '12-25', '12-26'],
};

export function isBusinessDay(date: string, countryCode: string): boolean {
  const day = weekday(date);
  if (day === 0 || day === 6) return false;
  return !(FIXED_HOLIDAYS[countryCode] ?? []).includes(date.slice(5));
}

/** The business day on or after (following) or on or before (preceding) a date. */
export function shiftToBusinessDay(
  date: string,
  countryCode: string,
  rule: 'following' | 'preceding' = 'following',
): string {
  let day = date;
  while (!isBusinessDay(day, countryCode)) day = addDays(day, rule === 'following' ? 1 : -1);
  return day;
}
