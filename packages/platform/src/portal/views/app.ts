import type { Client } from '../../store/clients.js';
import type { PaymentRow } from '../app-payments.js';
import { csrfField, html, notice } from '../html.js';
import type { RequestLogEntry } from '../request-log.js';
import { type Frame, statusBadge } from './apps.js';
import { page, time } from './layout.js';
import { paymentsSection } from './payments.js';
import { requestTable } from './requests.js';

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
  /** What the request log was searched for, if anything. */
  search: string | undefined;
  consents: ConsentRow[];
  payments: PaymentRow[];
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
        <dt>client_id</dt><dd><code class="id" id="client-id">${app.id}</code></dd>
        <dt>client_secret</dt><dd>shown once when issued; rotate it to get a new one</dd>
        <dt>Scopes</dt><dd>${app.scopes.join(', ')}</dd>
        ${frame.user.role === 'operator' ? html`<dt>Owner</dt><dd>${data.ownerEmail ?? 'none (made with the CLI)'}</dd>` : ''}
        <dt>Created</dt><dd>${time(app.createdAt)}</dd>
        <dt>Token endpoint</dt><dd><code class="id">${data.authUrl}/connect/token</code></dd>
        <dt>API base URL</dt><dd><code class="id">${data.apiUrl}/psd2</code></dd>
      </dl>
      <div class="actions">
        <a class="button secondary" href="/portal/apps/${app.id}/rotate-secret">Rotate secret…</a>
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

    <section class="card" id="webhooks">
      <h2>Webhooks</h2>
      <p class="hint">Consent and payment status changes posted to your endpoint, signed; each
        delivery’s status, attempts and answer, and redelivery.</p>
      <a class="button secondary" href="/portal/apps/${app.id}/webhooks">Webhooks and delivery log</a>
    </section>

    ${requestsSection(data)}
    ${paymentsSection(app.id, data.payments)}
    ${consentsSection(data.consents)}`,
  );
}

function requestsSection(data: AppPageData) {
  const empty = data.search
    ? html`<p class="empty" id="no-match">No request matches “${data.search}”. The log keeps 7 days; search for a whole X-Request-ID, or part of one, a consent or payment id, or a piece of a path.</p>`
    : html`<p class="empty">No API requests yet. Requests made with this application’s tokens appear here with the bank calls each caused.</p>`;
  return html`<section class="card" id="requests">
    <h2>Recent requests</h2>
    <form method="get" action="/portal/apps/${data.app.id}#requests" class="actions search">
      <div>
        <label for="search">Find requests</label>
        <input id="search" name="search" type="search" value="${data.search ?? ''}" placeholder="X-Request-ID, payment or consent id, path">
      </div>
      <button type="submit" class="secondary">Find</button>
      ${data.search ? html`<a href="/portal/apps/${data.app.id}#requests">Show all</a>` : ''}
    </form>
    ${data.requests.length === 0 ? empty : requestTable(data.requests, data.app.id)}
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
      <td data-label="Consent id"><code class="id">${consent.id}</code></td>
      <td data-label="Bank">${consent.bankName ?? consent.bic} <span class="hint">${consent.bic}</span></td>
      <td data-label="Status"><span class="badge ${kind}">${consent.status}</span></td>
      <td data-label="Valid until">${consent.validUntil}</td>
      <td data-label="Reads per day">${consent.frequencyPerDay}</td>
      <td data-label="Created">${time(consent.createdAt)}</td>
      <td data-label="Last action">${consent.lastActionDate}</td>
    </tr>`;
  });
  return html`<section class="card" id="consents">
    <h2>Consents</h2>
    ${
      consents.length === 0
        ? html`<p class="empty">No consents yet.</p>`
        : html`<table class="log">
        <thead><tr><th>Consent id</th><th>Bank</th><th>Status</th><th>Valid until</th><th>Reads per day</th><th>Created</th><th>Last action</th></tr></thead>
        <tbody>${rows}</tbody>
      </table>`
    }
  </section>`;
}
