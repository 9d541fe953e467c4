// The balance of an account at the end of each day of a period, from what the API gives: one
// balance at a reference date and the booked transactions. Days before the reference date
// undo the transactions booked after them; days after it add the ones booked since.

import { scaleOf, toUnits } from './amounts.js';

export interface KnownBalance {
  balanceType: string;
  amount: string;
  currency: string;
  /** The day the balance is for (YYYY-MM-DD); absent means the period's last day. */
  referenceDate?: string | undefined;
}

export interface BookedAmount {
  /** Booking date, else value date (YYYY-MM-DD). */
  date: string;
  amount: string;
  currency: string;
}

export interface BalancePoint {
  date: string;
  /** End-of-day balance in units of 10^-scale. */
  units: bigint;
}

export interface BalanceHistory {
  currency: string;
  scale: number;
  /** One point per day, `from` to `to`. */
  points: BalancePoint[];
  /** The balance the history is computed from. */
  anchor: KnownBalance;
  /** Transactions left out: another currency, or an amount that is not a decimal number. */
  skipped: number;
}

/**
 * Which balance to start from: the booked balance at the end of a day is exact; the interim
 * and available ones include the day so far (and, for available, pending amounts and credit).
 */
const PREFERENCE = [
  'closingBooked',
  'interimBooked',
  'interimAvailable',
  'expected',
  'forwardAvailable',
];

export function pickAnchor(balances: readonly KnownBalance[]): KnownBalance | undefined {
  for (const type of PREFERENCE) {
    const found = balances.find((b) => b.balanceType === type);
    if (found) return found;
  }
  return balances.find((b) => b.balanceType !== 'openingBooked') ?? balances[0];
}

/** Daily end-of-day balances from `from` to `to` (inclusive, YYYY-MM-DD). */
export function balanceHistory(input: {
  anchor: KnownBalance;
  transactions: readonly BookedAmount[];
  from: string;
  to: string;
}): BalanceHistory {
  const { anchor, from, to } = input;
  const transactions = input.transactions.filter((t) => t.currency === anchor.currency);
  const scale = scaleOf([anchor.amount, ...transactions.map((t) => t.amount)]);
  const anchorUnits = toUnits(anchor.amount, scale) ?? 0n;
  const anchorDate = anchor.referenceDate ?? to;

  // Net booked per day.
  const net = new Map<string, bigint>();
  let skipped = input.transactions.length - transactions.length;
  for (const t of transactions) {
    const units = toUnits(t.amount, scale);
    if (units === undefined) {
      skipped++;
      continue;
    }
    net.set(t.date, (net.get(t.date) ?? 0n) + units);
  }

  // booked(d): the sum of everything booked up to and including day d, within the data we
  // have; balance(d) = anchor + booked(d) - booked(anchorDate).
  const days = daysBetween(from, to);
  const bookedBy = (day: string) => {
    let sum = 0n;
    for (const [date, units] of net) if (date <= day) sum += units;
    return sum;
  };
  const atAnchor = bookedBy(anchorDate);
  const points: BalancePoint[] = [];
  let running = bookedBy(addDays(from, -1));
  for (const date of days) {
    running += net.get(date) ?? 0n;
    points.push({ date, units: anchorUnits + running - atAnchor });
  }
  return { currency: anchor.currency, scale, points, anchor, skipped };
}

/** Every day from `from` to `to`, inclusive; empty when `to` is before `from`. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to && days.length <= 3660; day = addDays(day, 1)) days.push(day);
  return days;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
