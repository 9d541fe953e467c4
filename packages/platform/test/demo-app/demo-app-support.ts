// The demo app over real HTTP for tests: a platform and its sandbox banks listening on free
// ports, a client registered with the app's callback, and the app on a server of its own
// (as `bankbridge start` mounts it, with this instance's URLs). The app's outgoing calls are
// recorded, so tests can see what it forwarded to Bankbridge.

import { Bankbridge } from '@bankbridge/client';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { type DemoAppOptions, demoApp, SESSION_COOKIE } from '../../src/demo-app/demo-app.js';
import { demoWebhookSecret } from '../../src/demo-client.js';
import { createHttpServer } from '../../src/http/create-server.js';
import { createLogger } from '../../src/logging/logger.js';
import { formBody } from '../auth/redirect-sca-browser.js';
import { freePort } from '../support/free-port.js';
import { startListeningPlatform } from '../support/listening-platform.js';
import type { TestPlatform, TestPlatformOptions } from '../support/test-platform.js';

export const ANNA = '198301014882';
export const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) DemoAppTest/1.0';

export interface SentCall {
  method: string;
  url: string;
  headers: Headers;
}

export interface LiveDemo {
  tpp: TestPlatform;
  apiUrl: string;
  authUrl: string;
  sandboxUrl: string;
  client: { id: string; secret: string };
  /**
   * Mounts the app on a server of its own; every app mounted is closed by close(). With
   * `webhooks`, the client's webhooks go to this app (as `start` sets them up; the platform
   * needs BANKBRIDGE_WEBHOOK_LOOPBACK), else the app reads the event feed.
   */
  mount(overrides?: Partial<DemoAppOptions> & { webhooks?: boolean }): Promise<DemoServer>;
  /** The demo client's own view of its consents. */
  sdk: Bankbridge;
  close(): Promise<void>;
}

export interface DemoServer {
  url: string;
  server: FastifyInstance;
  /** Every call the app made to Bankbridge. */
  sent: SentCall[];
  browser(userAgent?: string): DemoBrowser;
}

export async function startLiveDemo(options: TestPlatformOptions = {}): Promise<LiveDemo> {
  const tpp = await startListeningPlatform(options);
  const { apiUrl, authUrl, sandboxUrl } = tpp;
  const servers: FastifyInstance[] = [];
  // One client for every app mounted: each app's callback is registered as it is mounted.
  const redirectUris: string[] = [];
  const { client, secret } = await tpp.platform.clients.create({
    name: 'Demo app under test',
    redirectUris: ['https://unused.example/callback'],
  });
  const credentials = { id: client.id, secret };
  return {
    tpp,
    apiUrl,
    authUrl,
    sandboxUrl,
    client: credentials,
    sdk: new Bankbridge({ apiUrl, authUrl, clientId: client.id, clientSecret: secret }),
    async mount({ webhooks, ...overrides } = {}) {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      redirectUris.push(`${url}/demo/callback`);
      await tpp.platform.clients.setRedirectUris(client.id, redirectUris);
      const webhookSecret = webhooks
        ? await demoWebhookSecret(tpp.platform.webhooks, client.id, url, true)
        : undefined;
      const sent: SentCall[] = [];
      const server = createHttpServer({ logger: createLogger({ level: 'silent' }), name: 'demo' });
      servers.push(server);
      await server.register(demoApp, {
        publicUrl: url,
        apiUrl,
        authUrl,
        sandboxUrl,
        credentials: { clientId: client.id, clientSecret: secret },
        webhookSecret,
        eventFeedIntervalMs: 500,
        fetch: async (input, init) => {
          const request = new Request(input, init);
          sent.push({ method: request.method, url: request.url, headers: request.headers });
          return fetch(request);
        },
        ...overrides,
      });
      await server.listen({ port, host: '127.0.0.1' });
      return { url, server, sent, browser: (ua = BROWSER_UA) => new DemoBrowser(url, ua) };
    },
    async close() {
      for (const server of servers) await server.close();
      await tpp.close();
    },
  };
}

export interface DemoPage {
  url: string;
  status: number;
  location: string | undefined;
  headers: Headers;
  body: string;
}

/** A browser of the demo app's pages: its session cookie, its User-Agent, no redirects followed. */
export class DemoBrowser {
  cookie: string | undefined;

  constructor(
    readonly base: string,
    private readonly userAgent: string,
  ) {}

  async open(
    path: string,
    init: { form?: Record<string, string | string[]>; headers?: Record<string, string> } = {},
  ): Promise<DemoPage> {
    const url = new URL(path, this.base).href;
    const headers: Record<string, string> = {
      accept: 'text/html',
      'user-agent': this.userAgent,
      ...init.headers,
    };
    if (this.cookie) headers.cookie = `${SESSION_COOKIE}=${this.cookie}`;
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(url, {
      method: init.form ? 'POST' : 'GET',
      headers,
      redirect: 'manual',
      ...(init.form ? { body: formBody(init.form) } : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [name, value] = pair.split('=');
      if (name === SESSION_COOKIE) this.cookie = value || undefined;
    }
    const location = response.headers.get('location');
    return {
      url,
      status: response.status,
      location: location === null ? undefined : new URL(location, url).href,
      headers: response.headers,
      body: await response.text(),
    };
  }

  /** Posts one of the page's forms (by its action) with the page's CSRF token and `fields`. */
  async submit(
    page: DemoPage,
    action: string,
    fields: Record<string, string | string[]> = {},
  ): Promise<DemoPage> {
    expect(page.body, `${page.url} has a form posting to ${action}`).toContain(
      `action="${action}"`,
    );
    return this.open(action, { form: { _csrf: csrfOf(page), ...fields } });
  }
}

export function csrfOf(page: DemoPage): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!token) throw new Error(`no CSRF token on ${page.url}`);
  return token;
}

/** An attribute's value as the browser reads it (the page escapes `&`). */
export function unescapeAttribute(value: string): string {
  return value
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

/** The person's phone: acts on a BankID order in the sandbox's simulator. */
export async function bankIdApp(
  sandboxUrl: string,
  autostartToken: string,
  action: 'approve' | 'deny',
  psuId = ANNA,
): Promise<void> {
  const response = await fetch(`${sandboxUrl}/bankid/api/orders/${autostartToken}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action, psuId }),
  });
  if (!response.ok)
    throw new Error(`BankID simulator: ${response.status} ${await response.text()}`);
}

/** The autostart token of the BankID order a page links the simulator to. */
export function autostartTokenOf(page: DemoPage): string {
  const token = /bankid\?autostarttoken=([\w-]+)/.exec(page.body)?.[1];
  if (!token) throw new Error(`no simulator link on ${page.url}: ${page.body}`);
  return token;
}

/** The pay form's fields as it opens: the selected account and the payee it suggests. */
export function payFormFields(form: DemoPage) {
  const value = (name: string) =>
    unescapeAttribute(new RegExp(`name="${name}"[^>]* value="([^"]*)"`).exec(form.body)?.[1] ?? '');
  const account = /<option value="([^"]+)" selected>/.exec(form.body)?.[1] ?? '';
  return { account, payeeName: value('payeeName'), payeeIban: value('payeeIban') };
}
