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
  window.ui = ui;
});
