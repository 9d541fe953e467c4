import type { Client } from '../../store/clients.js';
import { csrfField, html, notice } from '../html.js';
import type { Frame } from './apps.js';
import { page } from './layout.js';

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
        <dt>client_id</dt><dd><code class="id" id="client-id">${app.id}</code></dd>
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

/** What the secret's page shows once it has been shown (a reload, the back button). */
export function secretShownPage(frame: Frame, app: Client): string {
  return page(
    { title: `Secret of ${app.name}`, user: frame.user, csrf: frame.csrf },
    html`<h1>${app.name}</h1>
    ${notice(
      'ok',
      'The client secret was shown once already and is not shown again. If you did not copy it, rotate it to get a new one.',
    )}
    <section class="card">
      <dl class="facts">
        <dt>client_id</dt><dd><code class="id" id="client-id">${app.id}</code></dd>
      </dl>
      <div class="actions">
        <a class="button" href="/portal/apps/${app.id}">Continue to the application</a>
        <a class="button secondary" href="/portal/apps/${app.id}/rotate-secret">Rotate secret…</a>
      </div>
    </section>`,
  );
}

/** Asks before a rotation: the current secret stops working the moment it is confirmed. */
export function rotateConfirmPage(frame: Frame, app: Client): string {
  return page(
    { title: `Rotate the secret of ${app.name}`, user: frame.user, csrf: frame.csrf },
    html`<h1>Rotate the secret of ${app.name}?</h1>
    ${notice(
      'warn',
      'The current client secret stops working at once: every server that uses it gets 401 invalid_client until it has the new one. Tokens already issued stay valid until they expire.',
    )}
    <section class="card">
      <form method="post" action="/portal/apps/${app.id}/rotate-secret" class="actions">
        ${csrfField(frame.csrf)}
        <button type="submit" class="danger" id="confirm-rotate">Rotate the secret</button>
        <a class="button secondary" href="/portal/apps/${app.id}">Cancel</a>
      </form>
    </section>`,
  );
}
