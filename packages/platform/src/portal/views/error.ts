import { html } from '../html.js';
import type { User } from '../users.js';
import { page } from './layout.js';

export function errorPage(input: {
  status: number;
  title: string;
  text: string;
  requestId: string;
  user?: User | undefined;
  csrf?: string | undefined;
}): string {
  return page(
    { title: input.title, user: input.user, csrf: input.csrf },
    html`<section class="card">
      <h1>${input.title}</h1>
      <p>${input.text}</p>
      <p class="hint">Status ${input.status} · request id <code>${input.requestId}</code></p>
      <p><a href="/portal/apps">Back to the applications</a></p>
    </section>`,
  );
}
