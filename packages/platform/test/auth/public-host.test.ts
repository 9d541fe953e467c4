/**
 * A PSU sent to the authorization endpoint on another name of this machine than the issuer's
 * (a TPP configured with 127.0.0.1 while BANKBRIDGE_AUTH_URL says localhost): the browser keeps
 * cookies per host name, so the interaction must start on the issuer's host. Over a live port,
 * as a browser that keeps its cookies per host.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentApi, consentBody } from '../support/ais-consent.js';
import { type ListeningPlatform, startListeningPlatform } from '../support/listening-platform.js';

let tpp: ListeningPlatform;
let port: string;

beforeAll(async () => {
  tpp = await startListeningPlatform({}, 'localhost');
  port = new URL(tpp.authUrl).port;
});

afterAll(async () => {
  await tpp?.close();
});

interface Answer {
  status: number;
  location: string | undefined;
  body: string;
}

/** A browser: connects to the port, names the URL's host, keeps cookies per host name. */
class HostBrowser {
  private readonly jars = new Map<string, Map<string, string>>();

  open(url: string): Promise<Answer> {
    const target = new URL(url);
    const jar = this.jars.get(target.hostname) ?? new Map<string, string>();
    this.jars.set(target.hostname, jar);
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: target.port,
          path: `${target.pathname}${target.search}`,
          headers: { host: target.host, accept: 'text/html', ...(cookie ? { cookie } : {}) },
        },
        (res) => {
          for (const line of res.headers['set-cookie'] ?? []) {
            const [pair = ''] = line.split(';');
            const eq = pair.indexOf('=');
            jar.set(pair.slice(0, eq), pair.slice(eq + 1));
          }
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            body += chunk;
          });
          res.on('end', () => {
            const { location } = res.headers;
            resolve({
              status: res.statusCode ?? 0,
              location: location === undefined ? undefined : new URL(location, url).href,
              body,
            });
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
  }

  /** Follows redirects while they stay on this port; the first answer elsewhere or a page. */
  async follow(url: string): Promise<{ last: string; answer: Answer; visited: string[] }> {
    const visited = [url];
    let answer = await this.open(url);
    while (answer.status >= 300 && answer.status < 400 && answer.location) {
      if (new URL(answer.location).port !== port) break;
      visited.push(answer.location);
      answer = await this.open(answer.location);
    }
    return { last: visited.at(-1) as string, answer, visited };
  }
}

/** The scaOAuth link of a redirect SCA at SEB, as the TPP fills it in. */
async function scaOAuthLink(): Promise<string> {
  const token = await tpp.token('accountinformation private');
  const call = consentApi(tpp, { bic: 'ESSESESS', token });
  const base = '/psd2/consent/v1/consents';
  const { consentId } = await call('POST', base, consentBody(new Date()));
  const { authorisationId } = await call('POST', `${base}/${consentId}/authorisations`);
  const put = await call('PUT', `${base}/${consentId}/authorisations/${authorisationId}`, {
    authenticationMethodId: 'redirect',
  });
  return (put._links.scaOAuth.href as string)
    .replace('[CLIENT_ID]', tpp.client.id)
    .replace('[TPP_REDIRECT_URI]', encodeURIComponent('https://tpp.example/callback'))
    .replace('[TPP_STATE]', 'state-1');
}

function onHost(url: string, host: string): string {
  const moved = new URL(url);
  moved.hostname = host;
  return moved.href;
}

describe('the authorization endpoint on another host name', () => {
  it('sends the PSU on to the issuer host, where the interaction reaches the bank', async () => {
    const link = await scaOAuthLink();
    expect(new URL(link).hostname).toBe('localhost');
    const on127 = onHost(link, '127.0.0.1');

    const browser = new HostBrowser();
    const first = await browser.open(on127);
    expect(first.status).toBe(303);
    expect(first.location).toBe(link);

    const { answer, visited } = await browser.follow(on127);
    expect(answer.body).not.toMatch(/expired|another browser/);
    expect(answer.status, `${visited.join(' -> ')}\n${answer.body}`).toBe(303);
    expect(answer.location).toMatch(new RegExp(`^${tpp.sandboxUrl}/`));
  });

  it('starts the interaction at once on the issuer host', async () => {
    const link = await scaOAuthLink();
    const answer = await new HostBrowser().open(link);
    expect(answer.status).toBe(303);
    expect(answer.location).toMatch(/\/connect\/interaction\//);
  });

  it('sends an app at /oauth/authorize on to the issuer host too', async () => {
    const query = new URLSearchParams({
      client_id: tpp.client.id,
      response_type: 'code',
      redirect_uri: 'https://tpp.example/callback',
      scope: 'accounts',
      state: 'state-2',
    });
    const url = `http://127.0.0.1:${port}/oauth/authorize?${query}`;
    const answer = await new HostBrowser().open(url);
    expect(answer.status).toBe(303);
    expect(answer.location).toBe(onHost(url, 'localhost'));
  });

  // A reverse proxy that passes its own upstream name as Host sends every request so, the
  // issuer's too: a redirect would never end, and the browser's cookies are on the public
  // host already.
  it('leaves a host name that is not this machine to the provider', async () => {
    const link = await scaOAuthLink();
    const answer = await new HostBrowser().open(onHost(link, 'bankbridge-upstream'));
    expect(answer.status).toBe(303);
    expect(answer.location).toMatch(/^http:\/\/localhost:\d+\/connect\/interaction\//);
  });
});
