import { html } from '../html.js';
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
      <p class="hint">To try a call, get a token with your application's credentials and paste it
        under <strong>Authorize → bearerToken</strong>; X-Request-ID is filled in for you.</p>
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
    <div id="swagger-ui" data-spec="/portal/reference/aisp.json"></div>`,
  );
}
