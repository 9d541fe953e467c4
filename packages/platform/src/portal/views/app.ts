import type { Client } from '../../store/clients.js';
import { csrfField, html, notice } from '../html.js';
import type { RequestLogEntry } from '../request-log.js';
import { type Frame, statusBadge } from './apps.js';
import { page, time } from './layout.js';

export interface ConsentRow {
  id: string;
  bic: string;
  bankName: string | undefined;
  status: string;
  validUntil: string;
  frequencyPerDay: number;
  createdAt: string;
  lastActionDate: string;
}

export interface AppPageData {
  app: Client;
  ownerEmail: string | undefined;
  requests: RequestLogEntry[];
  /** The X-Request-ID searched for, if any. */
  requestId: string | undefined;
  consents: ConsentRow[];
  /** What the last action did, or why it was refused. */
  notice?: { kind: 'ok' | 'error'; text: string };
  /** The redirect URIs as typed, when they were refused. */
  redirectUrisDraft?: string;
  authUrl: string;
  apiUrl: string;
}

const GOOD_CONSENT = new Set(['valid']);
const PENDING_CONSENT = new Set(['received']);

export function appPage(frame: Frame, data: AppPageData): string {
  const { app } = data;
  return page(
    { title: app.name, user: frame.user, csrf: frame.csrf },
    html`<h1>${app.name} ${statusBadge(app)}</h1>
    ${data.notice ? notice(data.notice.kind, data.notice.text) : ''}
    ${app.status === 'disabled' ? notice('warn', 'This application is disabled: its credentials and tokens are refused.') : ''}
    <section class="card">
      <h2>Credentials</h2>
      <dl class="facts">
        <dt>client_id</dt><dd><code id="client-id">${app.id}</code></dd>
        <dt>client_secret</dt><dd>shown once when issued; rotate it to get a new one</dd>
        <dt>Scopes</dt><dd>${app.scopes.join(', ')}</dd>
        ${frame.user.role === 'operator' ? html`<dt>Owner</dt><dd>${data.ownerEmail ?? 'none (made with the CLI)'}</dd>` : ''}
        <dt>Created</dt><dd>${time(app.createdAt)}</dd>
        <dt>Token endpoint</dt><dd><code>${data.authUrl}/connect/token</code></dd>
        <dt>API base URL</dt><dd><code>${data.apiUrl}/psd2</code></dd>
      </dl>
      <div class="actions">
        <form method="post" action="/portal/apps/${app.id}/rotate-secret">
          ${csrfField(frame.csrf)}
          <button type="submit" class="secondary">Rotate secret</button>
        </form>
        <form method="post" action="/portal/apps/${app.id}/status">
          ${csrfField(frame.csrf)}
          ${
            app.status === 'active'
              ? html`<input type="hidden" name="status" value="disabled"><button type="submit" class="danger">Disable application</button>`
              : html`<input type="hidden" name="status" value="active"><button type="submit" class="secondary">Enable application</button>`
          }
        </form>
      </div>
      <p class="hint">A rotated secret stops working at once; a disabled application gets no
        tokens and its tokens are refused, until it is enabled again.</p>
    </section>

    <section class="card">
      <h2>Redirect URIs</h2>
      <form method="post" action="/portal/apps/${app.id}/redirect-uris">
        ${csrfField(frame.csrf)}
        <textarea id="redirect-uris" name="redirectUris" aria-label="Redirect URIs">${data.redirectUrisDraft ?? app.redirectUris.join('\n')}</textarea>
        <p class="hint">One per line, compared exactly. https, or http on localhost.</p>
        <button type="submit">Save redirect URIs</button>
      </form>
    </section>

    ${requestsSection(data)}
    ${consentsSection(data.consents)}`,
  );
}

function requestsSection(data: AppPageData) {
  const rows = data.requests.map(
    (entry) => html`<tr class="request">
        <td>${time(entry.at)}</td>
        <td><code>${entry.requestId}</code></td>
        <td><code>${entry.method} ${entry.path}</code></td>
        <td class="status-${String(entry.status)[0]}">${entry.status}</td>
        <td>${entry.durationMs.toFixed(1)} ms</td>
      </tr>
      ${
        entry.bankCalls.length > 0
          ? html`<tr class="bank-calls"><td></td><td colspan="4"><ul>${entry.bankCalls.map(
              (call) => html`<li>bank call ${call.bic}: <code>${call.method} ${call.path}</code>
                → ${call.status !== undefined ? html`<span class="status-${String(call.status)[0]}">${call.status}</span>` : html`<span class="status-5">${call.error ?? 'no answer'}</span>`}
                in ${call.ms} ms${call.attempt > 1 ? ` (attempt ${call.attempt})` : ''}</li>`,
            )}</ul></td></tr>`
          : ''
      }`,
  );
  return html`<section class="card" id="requests">
    <h2>Recent requests</h2>
    <form method="get" action="/portal/apps/${data.app.id}#requests" class="actions">
      <div>
        <label for="request-id">X-Request-ID</label>
        <input id="request-id" name="requestId" type="search" value="${data.requestId ?? ''}" placeholder="a request id to find">
      </div>
      <button type="submit" class="secondary">Find</button>
      ${data.requestId ? html`<a href="/portal/apps/${data.app.id}#requests">Show all</a>` : ''}
    </form>
    ${
      data.requests.length === 0
        ? html`<p class="empty">${data.requestId ? 'No request with this id in the log.' : 'No API requests yet. Requests made with this application’s tokens appear here with the bank calls each caused.'}</p>`
        : html`<table>
        <thead><tr><th>Time</th><th>X-Request-ID</th><th>Request</th><th>Status</th><th>Latency</th></tr></thead>
        <tbody>${rows}</tbody>
      </table>`
    }
  </section>`;
}

function consentsSection(consents: ConsentRow[]) {
  const rows = consents.map((consent) => {
    const kind = GOOD_CONSENT.has(consent.status)
      ? 'ok'
      : PENDING_CONSENT.has(consent.status)
        ? 'muted'
        : 'bad';
    return html`<tr>
      <td><code>${consent.id}</code></td>
      <td>${consent.bankName ?? consent.bic} <span class="hint">${consent.bic}</span></td>
      <td><span class="badge ${kind}">${consent.status}</span></td>
      <td>${consent.validUntil}</td>
      <td>${consent.frequencyPerDay}</td>
      <td>${time(consent.createdAt)}</td>
      <td>${consent.lastActionDate}</td>
    </tr>`;
  });
  return html`<section class="card" id="consents">
    <h2>Consents</h2>
    ${
      consents.length === 0
        ? html`<p class="empty">No consents yet.</p>`
        : html`<table>
        <thead><tr><th>Consent id</th><th>Bank</th><th>Status</th><th>Valid until</th><th>Reads per day</th><th>Created</th><th>Last action</th></tr></thead>
        <tbody>${rows}</tbody>
      </table>`
    }
  </section>`;
}
