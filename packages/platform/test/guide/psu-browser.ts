// The PSU's side of the guide's redirect SCA (step 4b), for tests that follow the guide:
// the browser goes from the scaOAuth link to the sandbox bank, logs in, approves, and lands
// on the TPP's redirect URI with a code.

import { expect } from 'vitest';
import { formBody, type Page } from '../auth/redirect-sca-browser.js';

/** What the PSU's browser must do: open a page (or post a form) and follow redirects. */
export interface PsuBrowser {
  open(url: string, init?: { form?: Record<string, string | string[]> }): Promise<Page>;
  follow(url: string, stopAt: string): Promise<{ page: Page }>;
}

/**
 * From the filled scaOAuth link to the TPP: the bank's login page, the test PSU's login, the
 * bank's consent page (every account offered is ticked, for a bank-offered consent), approve,
 * then back through Bankbridge. The query the TPP's redirect URI is called with.
 */
export async function psuApprovesAtBank(
  browser: PsuBrowser,
  link: string,
  redirectUri: string,
  psuId: string,
): Promise<Record<string, string>> {
  const returning = await psuApprovesOnBankPages(browser, link, redirectUri, psuId);
  const { page: back } = await browser.follow(returning, redirectUri);
  expect(back.url.startsWith(`${redirectUri}?`), `${back.status} ${back.body}`).toBe(true);
  return Object.fromEntries(new URL(back.url).searchParams);
}

/**
 * The PSU's part at the bank alone: from the link to the bank's login page, the login, the
 * consent page (every account offered ticked) and approval. Where the bank sends the browser
 * back to (Bankbridge's callback), not yet followed.
 */
export async function psuApprovesOnBankPages(
  browser: PsuBrowser,
  link: string,
  redirectUri: string,
  psuId: string,
): Promise<string> {
  const { page: login } = await browser.follow(link, redirectUri);
  expect(login.status, `${login.url}: ${login.body}`).toBe(200);
  expect(login.url).toMatch(/\/banks\/[A-Z0-9]+\/oauth2\/authorize\?/);
  const session = formField(login, 'session');
  let page = await browser.open(formAction(login, '/oauth2/authorize/login'), {
    form: { session, psuId },
  });
  if (page.status === 200) {
    const accounts = [...page.body.matchAll(/name="account" value="([^"]+)"/g)].map(
      (m) => m[1] as string,
    );
    page = await browser.open(formAction(page, '/oauth2/authorize/decision'), {
      form: { session, decision: 'approve', account: accounts },
    });
  }
  expect(page.status, page.body).toBe(303);
  return page.location as string;
}

/**
 * A browser over real HTTP, for a platform listening on ports: cookies kept per host name and
 * path (not per port, as browsers do, so the auth server and the sandbox on localhost share a
 * jar), redirects followed by hand so every hop can be seen.
 */
export class HttpBrowser implements PsuBrowser {
  private cookies: Array<{ host: string; name: string; value: string; path: string }> = [];

  async open(url: string, init: { form?: Record<string, string | string[]> } = {}): Promise<Page> {
    const target = new URL(url);
    const headers: Record<string, string> = { accept: 'text/html' };
    const cookie = this.cookies
      .filter((c) => c.host === target.hostname && pathMatches(target.pathname, c.path))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
    if (cookie) headers.cookie = cookie;
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(url, {
      method: init.form ? 'POST' : 'GET',
      headers,
      redirect: 'manual',
      ...(init.form ? { body: formBody(init.form) } : {}),
    });
    for (const line of response.headers.getSetCookie()) this.keep(target, line);
    const location = response.headers.get('location');
    const pageHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      pageHeaders[name] = value;
    });
    return {
      url,
      status: response.status,
      location: location === null ? undefined : new URL(location, url).href,
      headers: pageHeaders,
      body: await response.text(),
    };
  }

  async follow(url: string, stopAt: string): Promise<{ page: Page }> {
    let current = url;
    for (let hops = 0; hops < 20; hops++) {
      // The TPP's redirect URI is where the PSU's browser ends; nothing needs to listen there.
      if (current.startsWith(stopAt)) {
        return { page: { url: current, status: 0, location: undefined, headers: {}, body: '' } };
      }
      const page = await this.open(current);
      if (page.status < 300 || page.status >= 400 || !page.location) return { page };
      current = page.location;
    }
    throw new Error(`too many redirects from ${url}`);
  }

  private keep(target: URL, line: string): void {
    const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    const path =
      attributes
        .find((a) => a.toLowerCase().startsWith('path='))
        ?.slice(5)
        .trim() ||
      target.pathname.replace(/\/[^/]*$/, '') ||
      '/';
    const expires = attributes.find((a) => a.toLowerCase().startsWith('expires='))?.slice(8);
    this.cookies = this.cookies.filter(
      (c) => !(c.host === target.hostname && c.name === name && c.path === path),
    );
    const gone = value === '' || (expires !== undefined && Date.parse(expires) <= Date.now());
    if (!gone) this.cookies.push({ host: target.hostname, name, value, path });
  }
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  return (
    requestPath === cookiePath ||
    requestPath.startsWith(cookiePath.endsWith('/') ? cookiePath : `${cookiePath}/`)
  );
}

function formField(page: Page, name: string): string {
  const value = new RegExp(`name="${name}" value="([^"]+)"`).exec(page.body)?.[1];
  expect(value, `${page.url} has a form field ${name}`).toBeTruthy();
  return value as string;
}

function formAction(page: Page, path: string): string {
  const action = new RegExp(`<form[^>]+action="([^"]*${path.replaceAll('/', '\\/')})"`).exec(
    page.body,
  )?.[1];
  expect(action, `${page.url} has a form posting to ${path}`).toBeTruthy();
  return new URL(action as string, page.url).href;
}
