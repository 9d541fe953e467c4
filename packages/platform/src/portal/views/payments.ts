import type { Client } from '../../store/clients.js';
import type { PaymentDetail, PaymentRow } from '../app-payments.js';
import { html } from '../html.js';
import type { Frame } from './apps.js';
import { page, time } from './layout.js';
import { requestTable } from './requests.js';

const STATE_BADGE: Record<string, string> = {
  executed: 'ok',
  authorised: 'ok',
  pending: 'muted',
  failed: 'bad',
  cancelled: 'bad',
};

/** `ACSC` with its ISO name, coloured by what a TPP can act on. */
export function paymentStatus(row: Pick<PaymentRow, 'status' | 'statusName' | 'state'>) {
  return html`<span class="badge ${STATE_BADGE[row.state ?? ''] ?? 'muted'}">${row.status}</span>
    ${row.statusName ? html`<span class="hint">${row.statusName}</span>` : ''}`;
}

function money(row: PaymentRow) {
  if (!row.amount) return html`<span class="empty">—</span>`;
  return html`<span class="amount">${row.amount} ${row.currency ?? ''}</span>${
    row.items !== undefined ? html` <span class="hint">(${row.items} items)</span>` : ''
  }`;
}

function bank(row: PaymentRow) {
  return html`${row.bankName ?? row.bic} <span class="hint">${row.bic}</span>`;
}

/** The card on an application's page: its latest payments, each linking to its history. */
export function paymentsSection(appId: string, payments: PaymentRow[]) {
  const rows = payments.map(
    (payment) => html`<tr>
      <td data-label="Created">${time(payment.createdAt)}</td>
      <td data-label="Payment id"><a class="id" href="/portal/apps/${appId}/payments/${payment.id}"><code>${payment.id}</code></a></td>
      <td data-label="Amount">${money(payment)}</td>
      <td data-label="Creditor">${payment.creditorName ?? '—'}${
        payment.creditorAccount ? html`<div class="hint mono">${payment.creditorAccount}</div>` : ''
      }</td>
      <td data-label="Product">${payment.product}${
        payment.service !== 'payments' ? html` <span class="hint">${payment.service}</span>` : ''
      }</td>
      <td data-label="Bank">${bank(payment)}</td>
      <td data-label="Status">${paymentStatus(payment)}</td>
    </tr>`,
  );
  return html`<section class="card" id="payments">
    <h2>Payments</h2>
    ${
      payments.length === 0
        ? html`<p class="empty">No payments yet. Payments this application initiates appear here with their status; open one for its history and the requests behind it.</p>`
        : html`<table class="log">
        <thead><tr><th>Created</th><th>Payment id</th><th>Amount</th><th>Creditor</th><th>Product</th><th>Bank</th><th>Status</th></tr></thead>
        <tbody>${rows}</tbody>
      </table>`
    }
  </section>`;
}

const SOURCE_TEXT: Record<string, string> = {
  tpp: 'your request',
  bank: 'the bank',
  platform: 'Bankbridge',
};

/** One payment: what was asked, its status history with who moved it, and the requests. */
export function paymentPage(frame: Frame, app: Client, payment: PaymentDetail): string {
  const history = payment.events.map(
    (event) => html`<tr>
      <td data-label="Time">${time(event.at)}</td>
      <td data-label="Status">${event.fromStatus ? html`<code>${event.fromStatus}</code> → ` : ''}<code>${event.toStatus}</code></td>
      <td data-label="Why">${event.reason}</td>
      <td data-label="By">${SOURCE_TEXT[event.source] ?? event.source}</td>
      <td data-label="X-Request-ID">${
        event.requestId
          ? html`<a class="id" href="/portal/apps/${app.id}?search=${event.requestId}#requests"><code>${event.requestId}</code></a>`
          : html`<span class="empty">—</span>`
      }</td>
    </tr>`,
  );
  const fact = (label: string, value: unknown) =>
    value === null || value === undefined || value === ''
      ? ''
      : html`<dt>${label}</dt><dd>${String(value)}</dd>`;
  return page(
    { title: `Payment ${payment.id}`, user: frame.user, csrf: frame.csrf },
    html`<p class="hint"><a href="/portal/apps/${app.id}#payments">← ${app.name}</a></p>
    <h1>Payment <code class="id">${payment.id}</code></h1>
    <section class="card">
      <dl class="facts">
        <dt>Status</dt><dd id="payment-status">${paymentStatus(payment)}</dd>
        <dt>Amount</dt><dd>${money(payment)}</dd>
        <dt>Creditor</dt><dd>${payment.creditorName ?? '—'}${payment.creditorAccount ? html` <span class="mono">${payment.creditorAccount}</span>` : ''}</dd>
        ${fact('Debtor account', payment.debtorAccount)}
        ${fact('Remittance', payment.remittance)}
        <dt>Product</dt><dd>${payment.service} / ${payment.product}</dd>
        <dt>Bank</dt><dd>${bank(payment)}</dd>
        ${fact('PSU context', payment.psuContext)}
        ${fact('SCA approach', payment.scaApproach)}
        ${fact('Execution date', payment.executionDate)}
        ${fact('End-to-end id', payment.endToEndId)}
        ${fact('Status reason', payment.statusReason)}
        ${fact('Funds available', payment.fundsAvailable === null ? null : payment.fundsAvailable ? 'yes' : 'no')}
        <dt>Created</dt><dd>${time(payment.createdAt)}</dd>
      </dl>
    </section>
    <section class="card" id="history">
      <h2>Status history</h2>
      <table class="log">
        <thead><tr><th>Time</th><th>Status</th><th>Why</th><th>By</th><th>X-Request-ID</th></tr></thead>
        <tbody>${history}</tbody>
      </table>
    </section>
    <section class="card" id="requests">
      <h2>Requests behind it</h2>
      ${
        payment.requests.length === 0
          ? html`<p class="empty">No request about this payment is in the log (it keeps 7 days).</p>`
          : requestTable(payment.requests, app.id)
      }
    </section>`,
  );
}
