// HTML built from templates in which every interpolated value is escaped unless it is itself
// HTML made here. Nothing reaches a page unescaped by accident: a string is always text.

import type { FastifyReply } from 'fastify';
import { escapeHtml } from '../auth/error-page.js';

/** A fragment of markup that is safe to insert as it is. */
export class Html {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value instanceof Html) return value.markup;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/** `html\`<p>${text}</p>\``: text is escaped, nested `html` fragments and arrays of them are not. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let markup = strings[0] ?? '';
  values.forEach((value, i) => {
    markup += render(value) + (strings[i + 1] ?? '');
  });
  return new Html(markup);
}

export type NoticeKind = 'ok' | 'error' | 'warn';

/** A message at the top of a page; an error is announced at once. */
export function notice(kind: NoticeKind, text: string | Html): Html {
  return html`<div class="notice ${kind}" role="${kind === 'error' ? 'alert' : 'status'}">${text}</div>`;
}

export function csrfField(token: string): Html {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}

/**
 * The headers of every response of the portal and the demo app: their own Content-Security-
 * Policy, never framed, no type sniffing, and their URLs never sent to another site.
 */
export function pageHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
  };
}

/** Sends a rendered page; pages show a person's data and CSRF tokens, so are never cached. */
export function sendPage(reply: FastifyReply, body: string, status = 200) {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('Cache-Control', 'no-store')
    .send(body);
}
