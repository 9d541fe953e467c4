import type { ResponseInfo } from '@bankbridge/client';
import { type Html, html } from '../../portal/html.js';

export const STEPS = [
  'Country',
  'Bank',
  'Sign in at the bank',
  'Accounts',
  'Transactions',
  'Pay',
] as const;
export type Step = (typeof STEPS)[number];

export interface Frame {
  title: string;
  /** The step of the guide the page is; highlighted in the steps bar. */
  step?: Step | undefined;
  /** The API calls the page made, shown under it for the developer. */
  calls: readonly ResponseInfo[];
  /** Those of the form or callback that redirected to the page. */
  earlier?: readonly ResponseInfo[];
  apiUrl: string;
  /** Extra elements for <head> (a script). */
  head?: Html;
}

export function page(frame: Frame, body: Html): string {
  const current = frame.step ? STEPS.indexOf(frame.step) : -1;
  const steps = STEPS.map(
    (name, i) =>
      html`<li class="${i === current ? 'current' : i < current ? 'done' : ''}"${i === current ? html` aria-current="step"` : ''}>${name}</li>`,
  );
  return `<!doctype html>${
    html`<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${frame.title} · Bankbridge demo app</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/demo/assets/demo.css">
  ${frame.head ?? ''}
</head>
<body>
  <header class="top">
    <a class="brand" href="/demo">Bankbridge demo app</a>
    <span class="tagline">a TPP of this Bankbridge, built with @bankbridge/client</span>
  </header>
  <ol class="steps">${steps}</ol>
  <main>
    ${body}
  </main>
  ${callsPanel(frame.earlier ?? [], frame.calls, frame.apiUrl)}
</body>
</html>`.markup
  }`;
}

/** What a developer wants to see: each NextGenPSD2 call behind the page and its X-Request-ID. */
function callsPanel(
  earlier: readonly ResponseInfo[],
  calls: readonly ResponseInfo[],
  apiUrl: string,
): Html {
  const row = (call: ResponseInfo) => {
    const url = new URL(call.url, apiUrl);
    const where = url.origin === new URL(apiUrl).origin ? `${url.pathname}${url.search}` : url.href;
    return html`<tr>
      <td>${call.method}</td><td class="path"><code>${where}</code></td>
      <td class="${call.status >= 400 ? 'bad' : 'ok'}">${call.status}</td>
      <td><code>${call.requestId}</code>${call.attempts > 1 ? html` <span class="muted">(${call.attempts} attempts)</span>` : ''}</td>
    </tr>`;
  };
  const heading = (text: string) => html`<tr class="group"><th colspan="4">${text}</th></tr>`;
  const total = earlier.length + calls.length;
  const body = [
    earlier.length > 0 ? [heading('Before the redirect to this page'), earlier.map(row)] : [],
    earlier.length > 0 && calls.length > 0 ? heading('For this page') : '',
    calls.map(row),
  ];
  return html`<footer class="calls">
    <details>
      <summary>API calls behind this page (${total})</summary>
      ${
        total > 0
          ? html`<table><thead><tr><th>Method</th><th>Path</th><th>Status</th><th>X-Request-ID</th></tr></thead><tbody>${body}</tbody></table>`
          : html`<p class="muted">This page made no API call.</p>`
      }
      <p class="muted">Each call is in Bankbridge's log under its X-Request-ID, and in the demo client's request log in the <a href="/portal">developer portal</a>.</p>
    </details>
  </footer>`;
}

/**
 * A bank's logo, when its URL is one a browser should load (http or https). Beside the bank's
 * name wherever it is shown, so it is decorative: no alternative text to read twice.
 */
export function logo(url: string | undefined): Html {
  if (!url || !/^https?:\/\//i.test(url))
    return html`<span class="logo blank" aria-hidden="true"></span>`;
  return html`<img class="logo" src="${url}" alt="" width="48" height="48">`;
}
