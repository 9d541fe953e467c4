// A browser for the redirect SCA tests: cookies per path as a browser keeps them, requests to
// the auth host through inject(), anywhere else (the sandbox banks) over real HTTP.

import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';

export interface Page {
  url: string;
  status: number;
  location: string | undefined;
  headers: Record<string, string>;
  body: string;
}

interface Cookie {
  name: string;
  value: string;
  path: string;
}

export class Browser {
  private cookies: Cookie[] = [];

  /**
   * `socket`: the auth server's listening address; requests for `authUrl` then go over a
   * real socket (the raw handler production takes) instead of inject().
   */
  constructor(
    private readonly auth: FastifyInstance,
    private readonly authUrl: string,
    private readonly socket?: string,
  ) {}

  /** One request, no redirects followed. */
  async open(
    url: string,
    init: { method?: string; form?: Record<string, string | string[]> } = {},
  ): Promise<Page> {
    const target = new URL(url);
    const method = init.method ?? (init.form ? 'POST' : 'GET');
    const body = init.form ? formBody(init.form) : undefined;
    const headers: Record<string, string> = { accept: 'text/html' };
    if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
    const toAuth = target.origin === new URL(this.authUrl).origin;
    if (toAuth) {
      const cookie = this.cookieHeader(target.pathname);
      if (cookie) headers.cookie = cookie;
    }
    if (toAuth && !this.socket) {
      const response = await this.auth.inject({
        method: method as 'GET',
        url: `${target.pathname}${target.search}`,
        headers,
        ...(body ? { payload: body } : {}),
      });
      this.store(response.headers['set-cookie'], target.pathname);
      const location = response.headers.location as string | undefined;
      return {
        url,
        status: response.statusCode,
        location: location === undefined ? undefined : new URL(location, url).href,
        headers: flatHeaders(Object.entries(response.headers)),
        body: response.body,
      };
    }
    const response = await fetch(
      toAuth ? `${this.socket}${target.pathname}${target.search}` : url,
      {
        method,
        headers,
        ...(body ? { body } : {}),
        redirect: 'manual',
      },
    );
    const location = response.headers.get('location');
    const fetched: [string, string][] = [];
    response.headers.forEach((value, name) => void fetched.push([name, value]));
    if (toAuth) this.store(response.headers.getSetCookie(), target.pathname);
    return {
      url,
      status: response.status,
      location: location === null ? undefined : new URL(location, url).href,
      headers: flatHeaders(fetched),
      body: await response.text(),
    };
  }

  /** Follows redirects until a page answers or the browser is sent to `stopAt` (the TPP). */
  async follow(url: string, stopAt: string): Promise<{ page: Page; visited: string[] }> {
    const visited: string[] = [];
    let current = url;
    for (let hops = 0; hops < 20; hops++) {
      visited.push(current);
      if (current.startsWith(stopAt)) {
        return {
          page: { url: current, status: 0, location: undefined, headers: {}, body: '' },
          visited,
        };
      }
      const page = await this.open(current);
      if (page.status < 300 || page.status >= 400 || !page.location) return { page, visited };
      current = page.location;
    }
    throw new Error(`too many redirects: ${visited.join(' -> ')}`);
  }

  /** The Cookie header this browser sends with a request to `url` on the auth host. */
  cookiesFor(url: string): string {
    return this.cookieHeader(new URL(url).pathname);
  }

  private cookieHeader(path: string): string {
    return this.cookies
      .filter(
        (c) => path === c.path || path.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`),
      )
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  private store(setCookie: string | string[] | undefined, requestPath: string): void {
    for (const line of typeof setCookie === 'string' ? [setCookie] : (setCookie ?? [])) {
      const [pair = '', ...attributes] = line.split(';').map((p) => p.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const attr = (key: string) =>
        attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
      const path = attr('path') ?? requestPath.replace(/\/[^/]*$/, '') ?? '/';
      const expires = attr('expires');
      this.cookies = this.cookies.filter((c) => !(c.name === name && c.path === path));
      const gone = value === '' || (expires !== undefined && Date.parse(expires) <= Date.now());
      if (!gone) this.cookies.push({ name, value, path: path || '/' });
    }
  }
}

/**
 * The PSU at a sandbox bank's login page: logs in as `psuId`, and where the bank asks, picks
 * accounts (every one offered unless `pick` says otherwise) and decides. The bank's 303 back.
 */
export async function atSandboxBank(
  browser: Browser,
  login: Page,
  options: {
    psuId: string;
    decision?: 'approve' | 'deny';
    pick?: (accounts: string[]) => string[];
  },
): Promise<Page> {
  const session = /name="session" value="([^"]+)"/.exec(login.body)?.[1] as string;
  const loginAction = /<form[^>]+action="([^"]*\/oauth2\/authorize\/login)"/.exec(login.body)?.[1];
  expect(session).toBeTruthy();
  let answer = await browser.open(new URL(loginAction as string, login.url).href, {
    form: { session, psuId: options.psuId },
  });
  if (answer.status === 200) {
    const decide = /<form[^>]+action="([^"]*\/oauth2\/authorize\/decision)"/.exec(answer.body)?.[1];
    const accounts = [...answer.body.matchAll(/name="account" value="([^"]+)"/g)].map(
      (m) => m[1] as string,
    );
    answer = await browser.open(new URL(decide as string, login.url).href, {
      form: {
        session,
        decision: options.decision ?? 'approve',
        account: options.pick ? options.pick(accounts) : accounts,
      },
    });
  }
  expect(answer.status, answer.body).toBe(303);
  return answer;
}

export function formBody(fields: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields))
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  return params.toString();
}

/** The query of a URL as a plain object (one value per name). */
export function queryOf(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url).searchParams);
}

function flatHeaders(entries: [string, unknown][]): Record<string, string> {
  return Object.fromEntries(
    entries.map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)]),
  );
}
