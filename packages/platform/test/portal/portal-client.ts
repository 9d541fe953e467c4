// A person using the portal through inject(): keeps the cookies the portal sets, reads the
// CSRF token from the page it was shown and sends forms as a browser would.

import type { FastifyInstance } from 'fastify';

export interface Answer {
  status: number;
  location: string | undefined;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
}

export class PortalClient {
  private readonly cookies = new Map<string, string>();
  /** The CSRF token of the last page shown. */
  csrf: string | undefined;

  constructor(private readonly api: FastifyInstance) {}

  async get(url: string): Promise<Answer> {
    return this.send('GET', url);
  }

  /** Posts a form with the CSRF token of the last page (unless the form brings its own). */
  async post(url: string, form: Record<string, string | readonly string[]> = {}): Promise<Answer> {
    const body = new URLSearchParams();
    if (this.csrf && !('_csrf' in form)) body.append('_csrf', this.csrf);
    for (const [name, value] of Object.entries(form)) {
      for (const one of [value].flat()) body.append(name, one);
    }
    return this.send('POST', url, body.toString());
  }

  /** Signs in and follows the redirect to the applications page. */
  async signIn(email: string, password: string): Promise<Answer> {
    await this.get('/portal/sign-in');
    const answer = await this.post('/portal/sign-in', { email, password });
    if (answer.status !== 303) throw new Error(`sign-in failed: ${answer.status} ${answer.body}`);
    return this.get(answer.location ?? '/portal/apps');
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  private async send(method: 'GET' | 'POST', url: string, payload?: string): Promise<Answer> {
    const headers: Record<string, string> = { accept: 'text/html' };
    if (payload !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (cookie) headers.cookie = cookie;
    const response = await this.api.inject({
      method,
      url,
      headers,
      ...(payload !== undefined ? { payload } : {}),
    });
    for (const set of [response.headers['set-cookie'] ?? []].flat()) {
      const [pair = '', ...attributes] = set.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*expires=thu, 01 jan 1970/i.test(a));
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
    if (token) this.csrf = token;
    return {
      status: response.statusCode,
      location: response.headers.location as string | undefined,
      headers: response.headers,
      body: response.body,
    };
  }
}

/** The text of an element with this id on the page. */
export function textOf(body: string, id: string): string | undefined {
  return new RegExp(`id="${id}"[^>]*>([^<]*)<`).exec(body)?.[1];
}
