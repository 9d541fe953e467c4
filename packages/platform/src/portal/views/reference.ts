import { isServiceScope } from '../../auth/scopes.js';
import type { Client } from '../../store/clients.js';
import { csrfField, html, notice } from '../html.js';
import type { User } from '../users.js';
import { type PageFrame, page } from './layout.js';

/** Links between the API references: the NextGenPSD2 API and the simple AISP API. */
function referenceTabs(current: 'psd2' | 'aisp') {
  const tab = (id: 'psd2' | 'aisp', href: string, label: string) =>
    id === current ? html`<strong>${label}</strong>` : html`<a href="${href}">${label}</a>`;
  return html`<p class="hint">${tab('psd2', '/portal/reference', 'NextGenPSD2 API')} ·
    ${tab('aisp', '/portal/reference/aisp', 'AISP API (/aisp/v1)')}</p>`;
}

export interface ReferencePageInput {
  user?: User | undefined;
  csrf?: string | undefined;
  apiUrl: string;
  authUrl: string;
  /** The applications the signed-in person sees; none when signed out. */
  apps: Client[];
  /** Whether tokens can be had in a click here (not in production mode). */
  oneClickTokens: boolean;
  /** Where the reference's OAuth2 forms send the browser back. */
  redirectUri: string;
  /** The application the reference's redirect URI was just added to. */
  registered?: Client | undefined;
}

/**
 * A token for one of the developer's applications, in one click: the page's script asks the
 * portal for it and sets it under Authorize → bearerToken.
 */
function tokenCard(input: ReferencePageInput) {
  if (!input.user) {
    return html`<p class="hint"><a href="/portal/sign-in">Sign in</a> to get a token for one of
      your applications in one click, or get one with curl and paste it under
      <strong>Authorize → bearerToken</strong>.</p>`;
  }
  const usable = input.apps.filter(
    (app) => app.status === 'active' && !app.public && app.scopes.some(isServiceScope),
  );
  if (!input.oneClickTokens || usable.length === 0) {
    return html`<p class="hint">${
      input.oneClickTokens
        ? html`You have no active application with client-credentials access yet: <a href="/portal/apps/new">create one</a>.`
        : 'Here tokens are bound to your TPP certificate: get one with curl and paste it under Authorize → bearerToken.'
    }</p>`;
  }
  return html`<form method="post" action="/portal/reference/token" id="token-form" class="actions">
      ${csrfField(input.csrf ?? '')}
      <div>
        <label for="token-app">Application</label>
        <select id="token-app" name="clientId">${usable.map(
          (app) => html`<option value="${app.id}">${app.name} (${app.scopes.join(', ')})</option>`,
        )}</select>
      </div>
      <button type="submit" id="get-token">Get a token</button>
    </form>
    <p class="hint" id="token-result" role="status">The token is set under Authorize → bearerToken for every “Try it out”.</p>`;
}

/** The AISP API's authorize form needs its redirect URI registered for the application. */
function redirectUriCard(input: ReferencePageInput) {
  const missing = input.apps.filter((app) => !app.redirectUris.includes(input.redirectUri));
  return html`<section class="card" id="oauth-redirect">
    <h2>Authorize in this page</h2>
    ${input.registered ? notice('ok', html`Redirect URI added to ${input.registered.name}.`) : ''}
    <p>The <strong>Authorize → oauth2</strong> form sends the user back to
      <code class="id" id="reference-redirect-uri">${input.redirectUri}</code>: register it as
      a redirect URI of the application whose client id you type there.</p>
    ${
      input.user && missing.length > 0
        ? html`<form method="post" action="/portal/reference/redirect-uri" class="actions">
        ${csrfField(input.csrf ?? '')}
        <div>
          <label for="redirect-app">Application</label>
          <select id="redirect-app" name="clientId">${missing.map(
            (app) => html`<option value="${app.id}">${app.name}</option>`,
          )}</select>
        </div>
        <button type="submit" class="secondary">Add the redirect URI</button>
      </form>`
        : ''
    }
  </section>`;
}

/** The page frame of a reference: wide, with Swagger UI and the script that starts it. */
function referenceFrame(title: string, input: ReferencePageInput): PageFrame {
  return {
    title,
    user: input.user,
    csrf: input.csrf,
    wide: true,
    head: html`<link rel="stylesheet" href="/portal/assets/swagger-ui.css">
      <script src="/portal/assets/swagger-ui-bundle.js" defer></script>
      <script src="/portal/assets/reference.js" defer></script>`,
  };
}

export function referencePage(input: ReferencePageInput): string {
  return page(
    referenceFrame('API reference', input),
    html`<section class="card">
      ${referenceTabs('psd2')}
      <h1>NextGenPSD2 API reference</h1>
      <p>The contract Bankbridge serves (NextGenPSD2 1.3.3 with Bankbridge's errata), with
        this instance's URLs: API <code>${input.apiUrl}/psd2</code>, token endpoint
        <code>${input.authUrl}/connect/token</code>.</p>
      <h2 class="spaced">Try it out</h2>
      ${tokenCard(input)}
      <p class="hint">Or use <strong>Authorize → oAuth2</strong> with your client id and secret,
        or a token from curl; X-Request-ID is filled in for you.</p>
      <pre>curl -s -X POST ${input.authUrl}/connect/token -u 'CLIENT_ID:CLIENT_SECRET' \\
  -d grant_type=client_credentials -d scope=aspspinformation</pre>
      <p class="hint"><a href="/portal/reference/openapi.json">Download the OpenAPI document (JSON)</a></p>
    </section>
    <div id="swagger-ui"></div>`,
  );
}

/** The simple AISP API's reference: its own OpenAPI document in the same Swagger UI. */
export function aispReferencePage(input: ReferencePageInput): string {
  return page(
    referenceFrame('AISP API reference', input),
    html`<section class="card">
      ${referenceTabs('aisp')}
      <h1>AISP API reference</h1>
      <p>Accounts, balances and transactions with one OAuth2 token per user: API
        <code>${input.apiUrl}/aisp/v1</code>, authorization <code>${input.authUrl}/oauth/authorize</code>,
        token endpoint <code>${input.authUrl}/oauth/token</code>.</p>
      <p class="hint">Send a user through <code>/oauth/authorize</code> with your application's
        client id and a registered redirect URI, exchange the code, and paste the access token
        under <strong>Authorize → bearerToken</strong> to try a call.</p>
      <pre>open "${input.authUrl}/oauth/authorize?response_type=code&amp;client_id=CLIENT_ID&amp;redirect_uri=REDIRECT_URI&amp;state=xyz&amp;scope=accounts%20balances%20transactions"
curl -s -X POST ${input.authUrl}/oauth/token -u 'CLIENT_ID:CLIENT_SECRET' \\
  -d grant_type=authorization_code -d code=CODE -d redirect_uri=REDIRECT_URI</pre>
      <p class="hint"><a href="/portal/reference/aisp.json">Download the OpenAPI document (JSON)</a></p>
    </section>
    ${redirectUriCard(input)}
    <div id="swagger-ui" data-spec="/portal/reference/aisp.json"></div>`,
  );
}
