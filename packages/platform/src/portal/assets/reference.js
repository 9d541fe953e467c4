// Starts Swagger UI on the contract this Bankbridge serves. A file of its own, not an inline
// script, so the page's Content-Security-Policy can forbid inline scripts.
window.addEventListener('DOMContentLoaded', () => {
  const bundle = window.SwaggerUIBundle;
  // The page names its document (the NextGenPSD2 contract, or the AISP API's).
  const spec = document.getElementById('swagger-ui')?.dataset.spec;
  const ui = bundle({
    url: spec ?? '/portal/reference/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    // No badge from an outside validator: the page talks to this Bankbridge only.
    validatorUrl: null,
    presets: [bundle.presets.apis],
    layout: 'BaseLayout',
    // The one redirect URI the OAuth2 forms use, which the portal offers to register.
    oauth2RedirectUrl: `${window.location.origin}/portal/reference/oauth2-redirect.html`,
    requestInterceptor: (request) => {
      // "Try it out" fills X-Request-ID with the contract's example; every call needs its own.
      if (!new URL(request.url, window.location.href).pathname.startsWith('/psd2/')) {
        return request;
      }
      const example = window.ui?.specSelectors
        .specJson()
        .getIn(['components', 'parameters', 'X-Request-ID', 'example']);
      const given = request.headers['X-Request-ID'];
      if (!given || given === example) request.headers['X-Request-ID'] = crypto.randomUUID();
      return request;
    },
  });
  // Public apps must prove the code is theirs; every other app may, so the form always does.
  ui.initOAuth({ usePkceWithAuthorizationCodeGrant: true });
  window.ui = ui;

  // "Get a token": the portal issues one for the chosen application and it is set as the
  // bearer token, with no secret typed or pasted.
  const form = document.getElementById('token-form');
  const result = document.getElementById('token-result');
  form?.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button');
    button.disabled = true;
    result.textContent = 'Getting a token…';
    try {
      const answer = await fetch(form.action, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: new URLSearchParams(new FormData(form)),
        credentials: 'same-origin',
      });
      const body = await answer.json();
      if (!answer.ok) throw new Error(body.error ?? `the portal answered ${answer.status}`);
      ui.preauthorizeApiKey('bearerToken', body.access_token);
      const until = new Date(Date.now() + body.expires_in * 1000).toLocaleTimeString();
      result.textContent = `Token for ${body.name} (${body.scope}) set under Authorize → bearerToken, valid until ${until}. Open an operation and use “Try it out”.`;
      result.className = 'notice ok';
    } catch (error) {
      result.textContent = `No token: ${error.message}`;
      result.className = 'notice error';
    } finally {
      button.disabled = false;
    }
  });
});
