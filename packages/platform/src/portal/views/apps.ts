import { SERVICE_SCOPES } from '../../auth/scopes.js';
import type { Client } from '../../store/clients.js';
import { csrfField, html, notice } from '../html.js';
import type { User } from '../users.js';
import { page, time } from './layout.js';

export interface Frame {
  user: User;
  csrf: string;
}

export function statusBadge(client: Client) {
  return client.status === 'active'
    ? html`<span class="badge ok">active</span>`
    : html`<span class="badge bad">disabled</span>`;
}

export function appsPage(frame: Frame, apps: Client[], owners: Map<string, string>): string {
  const operator = frame.user.role === 'operator';
  const rows = apps.map(
    (app) => html`<tr>
      <td><a href="/portal/apps/${app.id}">${app.name}</a></td>
      <td><code>${app.id}</code></td>
      <td>${statusBadge(app)}</td>
      ${operator ? html`<td>${app.ownerId ? (owners.get(app.ownerId) ?? 'unknown') : html`<span class="empty">none (CLI)</span>`}</td>` : ''}
      <td>${time(app.createdAt)}</td>
    </tr>`,
  );
  return page(
    { title: 'Applications', user: frame.user, csrf: frame.csrf },
    html`<div class="actions"><h1>Applications</h1></div>
    <p class="hint">${operator ? 'As an operator you see every application on this Bankbridge.' : 'Your applications: each is an OAuth client of this Bankbridge.'}</p>
    <section class="card">
      ${
        apps.length === 0
          ? html`<p class="empty">No applications yet.</p>`
          : html`<table>
          <thead><tr><th>Name</th><th>Client id</th><th>Status</th>${operator ? html`<th>Owner</th>` : ''}<th>Created</th></tr></thead>
          <tbody>${rows}</tbody>
        </table>`
      }
      <a class="button" href="/portal/apps/new">New application</a>
    </section>`,
  );
}

export interface AppForm {
  name: string;
  redirectUris: string;
  scopes: string[];
}

export function newAppPage(frame: Frame, form: AppForm, error?: string): string {
  const scopes = SERVICE_SCOPES.map(
    (scope) => html`<label class="inline"><input type="checkbox" name="scopes" value="${scope}"
      ${form.scopes.includes(scope) ? html`checked` : ''}> ${scope}</label>`,
  );
  return page(
    { title: 'New application', user: frame.user, csrf: frame.csrf },
    html`<h1>New application</h1>
    ${error ? notice('error', error) : ''}
    <section class="card">
      <form method="post" action="/portal/apps">
        ${csrfField(frame.csrf)}
        <label for="name">Name</label>
        <input id="name" name="name" type="text" required maxlength="100" value="${form.name}">
        <label for="redirect-uris">Redirect URIs</label>
        <textarea id="redirect-uris" name="redirectUris" placeholder="https://app.example/callback">${form.redirectUris}</textarea>
        <p class="hint">One per line, compared exactly. https, or http on localhost. Needed for the redirect SCA flow.</p>
        <label>Scopes</label>
        <div>${scopes}</div>
        <p class="hint">The services its tokens may be for.</p>
        <button type="submit">Create application</button>
      </form>
    </section>`,
  );
}

/** The one page that ever shows a client secret: after creation and after a rotation. */
export function secretPage(
  frame: Frame,
  app: Client,
  secret: string,
  reason: 'created' | 'rotated',
  authUrl: string,
): string {
  const scope = app.scopes[0] ?? 'aspspinformation';
  return page(
    { title: `Secret of ${app.name}`, user: frame.user, csrf: frame.csrf },
    html`<h1>${app.name}</h1>
    ${notice(
      'warn',
      reason === 'created'
        ? 'Application created. Copy the client secret now: it is shown only once.'
        : 'New secret issued; the old one no longer works. Copy it now: it is shown only once.',
    )}
    <section class="card">
      <dl class="facts">
        <dt>client_id</dt><dd><code id="client-id">${app.id}</code></dd>
        <dt>client_secret</dt><dd><code class="secret" id="client-secret">${secret}</code></dd>
      </dl>
      <h2 class="spaced">Get a token</h2>
      <pre>curl -s -X POST ${authUrl}/connect/token \\
  -d grant_type=client_credentials -d scope=${scope} \\
  -u '${app.id}:${secret}'</pre>
      <a class="button" href="/portal/apps/${app.id}">Continue to the application</a>
    </section>`,
  );
}
