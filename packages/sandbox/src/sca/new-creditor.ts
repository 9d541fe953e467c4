// The new-creditor scenario: a PSU who must approve a payee the first time they pay it, as
// Swedbank's authoriseCreditorAccountStarted step does. On the redirect page it is a box to
// tick; in the BankID app approving the payment approves the payee too.

import type { Psu } from '../domain/model.js';
import { creditorOf, type Payment } from '../domain/payments.js';
import type { SandboxBank } from '../domain/sandbox-bank.js';
import { escapeHtml } from '../http/pages.js';

/** The decision form's value for "I approve the new payee". */
export const APPROVE_CREDITOR = 'approveCreditor';

function creditorsOf(payment: Payment): string[] {
  return payment.items.map(creditorOf);
}

/** Whether this PSU must still approve one of the payment's payees. */
export function needsCreditorApproval(
  bank: SandboxBank,
  payment: Payment,
  psu: Pick<Psu, 'psuId' | 'scenario'> | undefined,
): boolean {
  if (psu?.scenario !== 'newCreditor') return false;
  const approved = bank.approvedCreditors.get(psu.psuId);
  return creditorsOf(payment).some((c) => !approved?.has(c));
}

export function approveCreditors(bank: SandboxBank, payment: Payment, psuId: string): void {
  const approved = bank.approvedCreditors.get(psuId) ?? new Set<string>();
  for (const creditor of creditorsOf(payment)) approved.add(creditor);
  bank.approvedCreditors.set(psuId, approved);
}

export function creditorApprovalHtml(payment: Payment, asCheckbox: boolean): string {
  const payees = payment.items
    .map(
      (i) =>
        `${escapeHtml(i.creditorName)} (${escapeHtml(creditorsOf({ items: [i] } as Payment)[0] ?? '')})`,
    )
    .join(', ');
  return asCheckbox
    ? `<h2>New payee</h2><label class="account"><input type="checkbox" name="account" value="${APPROVE_CREDITOR}"> <span>I approve the new payee ${payees}</span></label>`
    : `<p><strong>New payee</strong>: signing also approves ${payees}.</p>`;
}
