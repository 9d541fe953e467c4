import type { Client } from '../../store/clients.js';
import type { LoggedDelivery, LoggedEvent } from '../../store/delivery-log.js';
import type { WebhookSettings } from '../../store/webhooks.js';
import { csrfField, html, notice } from '../html.js';
import type { Frame } from './apps.js';
import { page, time } from './layout.js';

export interface WebhooksPageData {
  app: Client;
  settings: WebhookSettings | undefined;
  events: LoggedEvent[];
  notice?: { kind: 'ok' | 'error'; text: string };
  /** The URL as typed, when it was refused. */
  urlDraft?: string;
  scaDraft?: boolean;
}

const STATE_BADGE: Record<LoggedDelivery['state'], string> = {
  delivered: 'ok',
  pending: 'muted',
  failed: 'bad',
};

/** An application's webhook endpoint, its signing secret's actions, and the delivery log. */
export function webhooksPage(frame: Frame, data: WebhooksPageData): string {
  const { app, settings } = data;
  return page(
    { title: `Webhooks of ${app.name}`, user: frame.user, csrf: frame.csrf },
    html`<p class="hint"><a href="/portal/apps/${app.id}">← ${app.name}</a></p>
    <h1>Webhooks of ${app.name}</h1>
    ${data.notice ? notice(data.notice.kind, data.notice.text) : ''}
    ${endpointSection(frame, data)}
    ${settings ? secretSection(app, settings) : ''}
    ${logSection(frame, app, settings, data.events)}`,
  );
}

function endpointSection(frame: Frame, data: WebhooksPageData) {
  const { app, settings } = data;
  const url = data.urlDraft ?? settings?.url ?? '';
  const sca = data.scaDraft ?? settings?.scaEvents ?? false;
  const hosts = settings?.allowedHosts ?? [];
  return html`<section class="card" id="endpoint">
    <h2>Endpoint</h2>
    <p class="hint">Every consent and payment status change of this application is posted here,
      signed with the signing secret, and retried with backoff for a day until it answers 2xx.
      Events are also in the feed <code>GET /psd2/events/v1/events</code>.</p>
    <form method="post" action="/portal/apps/${app.id}/webhooks">
      ${csrfField(frame.csrf)}
      <label for="webhook-url">Endpoint URL</label>
      <input id="webhook-url" name="url" type="url" required value="${url}" placeholder="https://tpp.example/webhooks/bankbridge">
      <p class="hint">${
        hosts.length > 0
          ? html`https, on one of this application’s webhook hosts: <span id="allowed-hosts">${hosts.join(', ')}</span>. The operator changes that list.`
          : 'https, on a public host: the first endpoint’s host becomes this application’s webhook host, where per-resource endpoints (TPP-Notification-URI) may be too.'
      }</p>
      <label class="inline"><input type="checkbox" name="scaEvents" value="on" ${sca ? html`checked` : ''}> Also SCA status changes of every authorisation</label>
      <div><button type="submit" id="save-endpoint">${settings?.url ? 'Save endpoint' : 'Register endpoint'}</button></div>
    </form>
    ${
      settings?.url
        ? html`<div class="actions"><a class="button secondary" href="/portal/apps/${app.id}/webhooks/remove" id="remove-endpoint">Remove endpoint…</a></div>`
        : ''
    }
  </section>`;
}

function secretSection(app: Client, settings: WebhookSettings) {
  return html`<section class="card" id="signing-secret">
    <h2>Signing secret</h2>
    <p class="hint">Each delivery carries <code>Bankbridge-Signature: t=…,v1=…</code>, an
      HMAC-SHA256 over the timestamp and the body with this secret. It was shown once when
      made; rotate it to get a new one. Updated ${time(settings.updatedAt)}.</p>
    <div class="actions">
      <a class="button secondary" href="/portal/apps/${app.id}/webhooks/rotate-secret">Rotate signing secret…</a>
    </div>
  </section>`;
}

function logSection(
  frame: Frame,
  app: Client,
  settings: WebhookSettings | undefined,
  events: LoggedEvent[],
) {
  const empty = html`<p class="empty" id="no-events">No events yet. When a consent or payment of this application changes status, the event and every delivery of it appear here${settings?.url ? '' : ' (register an endpoint above to have them posted)'}.</p>`;
  return html`<section class="card" id="delivery-log">
    <h2>Delivery log</h2>
    <p class="hint">The latest events, newest first, with each delivery: its status, attempts,
      the endpoint’s last answer and how long it took, and when it is tried next. Redeliver
      sends the same event (same id, signed afresh) to the same URL now.</p>
    ${events.length === 0 ? empty : events.map((event) => eventBlock(frame, app, settings, event))}
  </section>`;
}

function eventBlock(
  frame: Frame,
  app: Client,
  settings: WebhookSettings | undefined,
  event: LoggedEvent,
) {
  const change =
    event.oldStatus || event.newStatus
      ? html` <span class="mono">${event.oldStatus ?? '—'} → ${event.newStatus ?? '—'}</span>`
      : '';
  const rows = event.deliveries.map(
    (delivery) => html`<tr class="delivery ${delivery.state}" data-delivery="${delivery.id}">
      <td data-label="URL"><code class="id">${delivery.url}</code></td>
      <td data-label="Status"><span class="badge ${STATE_BADGE[delivery.state]}">${delivery.state}</span></td>
      <td data-label="Attempts">${delivery.attempts}</td>
      <td data-label="Last answer">${lastAnswer(delivery)}</td>
      <td data-label="Latency">${delivery.lastLatencyMs === null ? '—' : `${delivery.lastLatencyMs} ms`}</td>
      <td data-label="Next retry">${delivery.state === 'pending' ? time(delivery.nextAttemptAt) : '—'}</td>
      <td data-label="">${
        settings
          ? html`<form method="post" action="/portal/apps/${app.id}/webhooks/deliveries/${delivery.id}/redeliver">
          ${csrfField(frame.csrf)}
          <button type="submit" class="secondary redeliver">Redeliver</button>
        </form>`
          : ''
      }</td>
    </tr>`,
  );
  return html`<article class="event" id="event-${event.id}">
    <h3><span class="mono">${event.type}</span>${change}</h3>
    <p class="hint">${time(event.at)} · ${event.resource.kind} <code class="id">${event.resource.id}</code> · event <code class="id">${event.id}</code></p>
    ${
      event.deliveries.length === 0
        ? html`<p class="empty">Not posted: no endpoint wanted it when it happened. It is in the event feed.</p>`
        : html`<table class="log">
        <thead><tr><th>URL</th><th>Status</th><th>Attempts</th><th>Last answer</th><th>Latency</th><th>Next retry</th><th></th></tr></thead>
        <tbody>${rows}</tbody>
      </table>`
    }
  </article>`;
}

function lastAnswer(delivery: LoggedDelivery) {
  if (delivery.attempts === 0) return html`<span class="empty">not tried yet</span>`;
  const code =
    delivery.lastStatusCode === null
      ? ''
      : html`<span class="status-${String(delivery.lastStatusCode).charAt(0)}">${delivery.lastStatusCode}</span>`;
  return html`${code}${delivery.lastError ? html`<div class="error-text">${delivery.lastError}</div>` : ''}`;
}

/** The signing secret's one showing, after the redirect from the POST that made it. */
export function webhookSecretPage(
  frame: Frame,
  app: Client,
  secret: string,
  reason: 'created' | 'rotated',
  overlapHours: number,
): string {
  const old =
    reason === 'created'
      ? 'Endpoint registered. Copy the signing secret now: it is shown only once.'
      : overlapHours > 0
        ? `New signing secret made. Deliveries carry a signature with the old one too for ${overlapHours} hours. Copy it now: it is shown only once.`
        : 'New signing secret made; the old one signs nothing from now on. Copy it now: it is shown only once.';
  return page(
    { title: `Signing secret of ${app.name}`, user: frame.user, csrf: frame.csrf },
    html`<h1>${app.name}</h1>
    ${notice('warn', old)}
    <section class="card">
      <dl class="facts">
        <dt>Signing secret</dt><dd><code class="secret" id="webhook-secret">${secret}</code></dd>
      </dl>
      <p class="hint">Verify each delivery with it (the SDK's <code>verifyWebhook</code>, or the README's snippet).</p>
      <a class="button" href="/portal/apps/${app.id}/webhooks">Continue to the webhooks</a>
    </section>`,
  );
}

/** What the secret's page shows once it has been shown (a reload, the back button). */
export function webhookSecretShownPage(frame: Frame, app: Client): string {
  return page(
    { title: `Signing secret of ${app.name}`, user: frame.user, csrf: frame.csrf },
    html`<h1>${app.name}</h1>
    ${notice('ok', 'The signing secret was shown once already and is not shown again. If you did not copy it, rotate it to get a new one.')}
    <section class="card">
      <div class="actions">
        <a class="button" href="/portal/apps/${app.id}/webhooks">Continue to the webhooks</a>
        <a class="button secondary" href="/portal/apps/${app.id}/webhooks/rotate-secret">Rotate signing secret…</a>
      </div>
    </section>`,
  );
}

/** Asks before a rotation, and how long the old secret keeps signing beside the new one. */
export function webhookRotateConfirmPage(frame: Frame, app: Client): string {
  return page(
    { title: `Rotate the signing secret of ${app.name}`, user: frame.user, csrf: frame.csrf },
    html`<h1>Rotate the signing secret of ${app.name}?</h1>
    ${notice('warn', 'A receiver that knows only the current secret must be given the new one. While the old one keeps signing too, each delivery carries both signatures, so the switch needs no gap.')}
    <section class="card">
      <form method="post" action="/portal/apps/${app.id}/webhooks/rotate-secret">
        ${csrfField(frame.csrf)}
        <label class="inline"><input type="radio" name="overlapHours" value="24" checked> The old secret signs too for 24 hours</label>
        <label class="inline"><input type="radio" name="overlapHours" value="0"> The old secret stops at once</label>
        <div class="actions">
          <button type="submit" class="danger" id="confirm-rotate">Rotate the signing secret</button>
          <a class="button secondary" href="/portal/apps/${app.id}/webhooks">Cancel</a>
        </div>
      </form>
    </section>`,
  );
}

/** Asks before the endpoint is removed: its pending deliveries are given up. */
export function webhookRemoveConfirmPage(frame: Frame, app: Client, url: string): string {
  return page(
    { title: `Remove the webhook endpoint of ${app.name}`, user: frame.user, csrf: frame.csrf },
    html`<h1>Remove the webhook endpoint of ${app.name}?</h1>
    ${notice('warn', 'Nothing is posted to this URL any more, and the deliveries waiting for it are given up. Events stay in the event feed; endpoints named per resource (TPP-Notification-URI) still get theirs.')}
    <section class="card">
      <p><code class="id">${url}</code></p>
      <form method="post" action="/portal/apps/${app.id}/webhooks/remove" class="actions">
        ${csrfField(frame.csrf)}
        <button type="submit" class="danger" id="confirm-remove">Remove the endpoint</button>
        <a class="button secondary" href="/portal/apps/${app.id}/webhooks">Cancel</a>
      </form>
    </section>`,
  );
}
