// What the PSU sees before signing a payment, on the bank's confirmation page and in the
// BankID app: amount, currency, payee and remittance, as dynamic linking requires.

import { formatAmount } from '../domain/money.js';
import { creditorOf, debtorChosen, type Payment } from '../domain/payments.js';
import { escapeHtml } from '../http/pages.js';

function when(payment: Payment): string {
  if (payment.periodic) {
    const p = payment.periodic;
    return `${p.frequency} from ${p.startDate}${p.endDate ? ` to ${p.endDate}` : ''}`;
  }
  return payment.requestedExecutionDate ?? 'now';
}

export function paymentSummaryHtml(payment: Payment): string {
  const rows = payment.items
    .map(
      (i) =>
        `<tr><td class="amount"><strong>${escapeHtml(formatAmount(i.amount))} ${escapeHtml(i.currency)}</strong></td><td>${escapeHtml(i.creditorName)}<br><code>${escapeHtml(creditorOf(i))}</code></td><td>${escapeHtml(i.remittance ?? '')}</td></tr>`,
    )
    .join('');
  const total = payment.items.reduce((sum, i) => sum + i.amount, 0);
  const currency = payment.items[0]?.currency ?? '';
  const bulk =
    payment.items.length > 1
      ? `<p>Total <strong>${escapeHtml(formatAmount(total))} ${escapeHtml(currency)}</strong> to ${payment.items.length} payees.</p>`
      : '';
  const from = debtorChosen(payment)
    ? `<code>${escapeHtml(payment.debtorIban)}</code>`
    : `your account in ${escapeHtml(currency)}`;
  return `<p>Sign this payment from ${from} (${escapeHtml(payment.product)}, ${escapeHtml(when(payment))}).</p>
${bulk}<table class="payment"><tr><th>amount</th><th>payee</th><th>message</th></tr>${rows}</table>`;
}
