// Whether a payment can still be cancelled, and how (Berlin Group 5.6): before SCA a DELETE
// alone cancels; a scheduled one only before the bank's cut-off; what is already in
// clearing, executed, rejected or instant cannot be.

import { shiftToBusinessDay } from './business-days.js';
import { addDays } from './dates.js';
import { BankError } from './errors.js';
import { isFinal, type Payment } from './payments.js';

/** The instant after which a future-dated payment can no longer be cancelled. */
export function cancellationCutOff(
  payment: Payment,
  countryCode: string,
  cutOffHour: number,
): Date | undefined {
  if (!payment.requestedExecutionDate) return undefined;
  const execution = shiftToBusinessDay(payment.requestedExecutionDate, countryCode);
  const dayBefore = shiftToBusinessDay(addDays(execution, -1), countryCode, 'preceding');
  return new Date(`${dayBefore}T${String(cutOffHour).padStart(2, '0')}:00:00Z`);
}

/** Throws CANCELLATION_INVALID when the payment cannot be cancelled now. */
export function checkCancellable(
  payment: Payment,
  countryCode: string,
  cutOffHour: number,
  now: Date,
): void {
  if (isFinal(payment.status))
    throw new BankError('CANCELLATION_INVALID', `The payment is ${payment.status}`);
  if (payment.status === 'RCVD' || payment.status === 'PATC') return;
  if (payment.periodic) return;
  const cutOff = cancellationCutOff(payment, countryCode, cutOffHour);
  if (cutOff && now.getTime() < cutOff.getTime()) return;
  throw new BankError(
    'CANCELLATION_INVALID',
    cutOff
      ? `The cancellation cut-off (${cutOff.toISOString()}) has passed`
      : 'The payment is already in clearing',
  );
}

export function cancel(payment: Payment): void {
  payment.status = 'CANC';
}
