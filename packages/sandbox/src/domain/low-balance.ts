// The low-balance scenario: whatever its generated history, the PSU's current account has
// exactly LOW_BALANCE available today, so a payment's funds check is easy to fail on purpose.

import type { Transaction } from './model.js';

/** Minor units available on the low-balance PSU's current account (250.00). */
export const LOW_BALANCE = 25_000;

/** The opening balance that leaves LOW_BALANCE after the booked and pending entries. */
export function lowOpeningBalance(booked: Transaction[], pending: Transaction[]): number {
  return [...booked, ...pending].reduce((rest, t) => rest - t.amount, LOW_BALANCE);
}
