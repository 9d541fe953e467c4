import { csrfField, html, notice } from '../html.js';
import { page } from './layout.js';

export function signInPage(input: { csrf: string; email?: string; error?: string }): string {
  return page(
    { title: 'Sign in' },
    html`<section class="card sign-in">
      <h1>Sign in</h1>
      ${input.error ? notice('error', input.error) : ''}
      <form method="post" action="/portal/sign-in">
        ${csrfField(input.csrf)}
        <label for="email">Email</label>
        <input id="email" name="email" type="email" autocomplete="username" required
          value="${input.email ?? ''}" autofocus>
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required>
        <button type="submit">Sign in</button>
      </form>
      <p class="hint">Accounts are made by the operator:
        <code>bankbridge users create --email you@example.com --role developer</code>.
        <code>npm start</code> prints a demo developer account next to the demo client.</p>
    </section>`,
  );
}
