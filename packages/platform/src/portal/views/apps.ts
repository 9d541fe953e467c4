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
      <td data-label="Name"><a href="/portal/apps/${app.id}">${app.name}</a></td>
      <td data-label="Client id"><code class="id">${app.id}</code></td>
      <td data-label="Status">${statusBadge(app)}</td>
      ${operator ? html`<td data-label="Owner">${app.ownerId ? (owners.get(app.ownerId) ?? 'unknown') : html`<span class="empty">none (CLI)</span>`}</td>` : ''}
      <td data-label="Created">${time(app.createdAt)}</td>
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
          : html`<table class="log">
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
