import { Html, html } from '../html.js';
import type { User } from '../users.js';

export interface PageFrame {
  title: string;
  /** The signed-in person; their email, role and a sign-out button are shown. */
  user?: User | undefined;
  /** The CSRF token for the sign-out form, when signed in. */
  csrf?: string | undefined;
  /** Extra elements for <head> (the API reference's stylesheet). */
  head?: Html;
  wide?: boolean;
}

export function page(frame: PageFrame, body: Html): string {
  const who = frame.user
    ? html`<div class="who">
        <span>${frame.user.email} <span class="badge muted">${frame.user.role}</span></span>
        <form method="post" action="/portal/sign-out">
          <input type="hidden" name="_csrf" value="${frame.csrf ?? ''}">
          <button type="submit">Sign out</button>
        </form>
      </div>`
    : html`<div class="who"><a href="/portal/sign-in">Sign in</a></div>`;
  return `<!doctype html>${
    html`<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${frame.title} · Bankbridge developer portal</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/portal/assets/portal.css">
  ${frame.head ?? ''}
</head>
<body>
  <header class="top">
    <a class="brand" href="/portal">Bankbridge developer portal</a>
    <nav>
      <a href="/portal/apps">Applications</a>
      <a href="/portal/reference">API reference</a>
    </nav>
    ${who}
  </header>
  <main class="${frame.wide ? 'wide' : ''}">
    ${body}
  </main>
</body>
</html>`.markup
  }`;
}

/** An ISO time as `2025-03-01 14:02:11 UTC`: the same for everyone, no script needed. */
export function time(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

export { Html };
