import { html } from '../html.js';
import type { BankCall, RequestLogEntry } from '../request-log.js';
import { time } from './layout.js';

/**
 * Logged API requests as a table: each with its status, the error code and text of a refusal,
 * and the bank calls it caused on a line below. Every cell names its column (`data-label`),
 * which a phone shows in place of the header row it hides.
 */
export function requestTable(entries: RequestLogEntry[], appId: string) {
  const rows = entries.map(
    (entry) => html`<tr class="request${entry.status >= 400 ? ' failed' : ''}">
        <td data-label="Time">${time(entry.at)}</td>
        <td data-label="X-Request-ID"><a class="id" href="/portal/apps/${appId}?search=${entry.requestId}#requests"><code>${entry.requestId}</code></a></td>
        <td data-label="Request"><code class="path">${entry.method} ${entry.path}</code>${
          entry.errorText ? html`<div class="error-text">${entry.errorText}</div>` : ''
        }</td>
        <td data-label="Status" class="status-${String(entry.status)[0]}">${entry.status}${
          entry.errorCode ? html` <code class="error-code">${entry.errorCode}</code>` : ''
        }</td>
        <td data-label="Latency">${entry.durationMs.toFixed(1)} ms</td>
      </tr>
      ${
        entry.bankCalls.length > 0
          ? html`<tr class="bank-calls"><td class="spacer"></td><td colspan="4"><ul>${entry.bankCalls.map(bankCall)}</ul></td></tr>`
          : ''
      }`,
  );
  return html`<table class="log">
    <thead><tr><th>Time</th><th>X-Request-ID</th><th>Request</th><th>Status</th><th>Latency</th></tr></thead>
    <tbody>${rows}</tbody>
  </table>`;
}

function bankCall(call: BankCall) {
  const outcome =
    call.status !== undefined
      ? html`<span class="status-${String(call.status)[0]}">${call.status}</span>`
      : html`<span class="status-5">${call.error ?? 'no answer'}</span>`;
  return html`<li>bank call ${call.bic}: <code class="path">${call.method} ${call.path}</code>
    → ${outcome} in ${call.ms} ms${call.attempt > 1 ? ` (attempt ${call.attempt})` : ''}</li>`;
}
