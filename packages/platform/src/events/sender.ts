/**
 * One delivery attempt over HTTP: a POST of the event's JSON, signed, to the address the guard
 * checked (the URL's host goes in the Host header and in TLS's server name, so certificates are
 * verified for the name, not the address). A 2xx answer within the deadline is a delivery;
 * anything else, redirects included, is a failed attempt.
 */
import http from 'node:http';
import https from 'node:https';
import ipaddr from 'ipaddr.js';
import { checkedAddress, type GuardOptions, type Resolver } from './address-guard.js';
import { hostOf } from './endpoint-rules.js';

export interface Attempt {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  latencyMs: number;
}

export interface SenderOptions extends GuardOptions {
  resolve: Resolver;
  timeoutMs: number;
  /** Extra CAs for https receivers (tests with a local https receiver). */
  ca?: string | Buffer;
}

const MAX_ANSWER_BYTES = 64 * 1024;

export class WebhookSender {
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  private readonly httpsAgent: https.Agent;

  constructor(private readonly options: SenderOptions) {
    this.httpsAgent = new https.Agent({
      keepAlive: true,
      maxSockets: 16,
      ...(options.ca ? { ca: options.ca } : {}),
    });
  }

  async send(url: string, body: string, headers: Record<string, string>): Promise<Attempt> {
    const started = performance.now();
    const elapsed = () => performance.now() - started;
    const target = new URL(url);
    let address: string;
    try {
      ({ address } = await checkedAddress(hostOf(target), {
        resolve: this.options.resolve,
        allowLoopback: this.options.allowLoopback,
      }));
    } catch (error) {
      return { ok: false, statusCode: null, error: (error as Error).message, latencyMs: elapsed() };
    }
    const secure = target.protocol === 'https:';
    if (!secure && ipaddr.parse(address).range() !== 'loopback') {
      const error = `plain http only to loopback receivers, not ${address}`;
      return { ok: false, statusCode: null, error, latencyMs: elapsed() };
    }
    return new Promise<Attempt>((resolve) => {
      let settled = false;
      const finish = (attempt: Omit<Attempt, 'latencyMs'>) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        resolve({ ...attempt, latencyMs: elapsed() });
      };
      const request = (secure ? https : http).request(
        {
          method: 'POST',
          host: address,
          port: target.port || (secure ? 443 : 80),
          path: `${target.pathname}${target.search}`,
          headers: {
            ...headers,
            host: target.host,
            'content-type': 'application/json',
            'content-length': String(Buffer.byteLength(body)),
          },
          agent: secure ? this.httpsAgent : this.httpAgent,
          // TLS checks the certificate for the URL's name, though the socket goes to an address.
          ...(secure && !ipaddr.isValid(hostOf(target)) ? { servername: hostOf(target) } : {}),
        },
        (response) => {
          let read = 0;
          response.on('data', (chunk: Buffer) => {
            read += chunk.length;
            if (read > MAX_ANSWER_BYTES) response.destroy();
          });
          const done = () => {
            const status = response.statusCode ?? 0;
            const ok = status >= 200 && status < 300;
            finish({ ok, statusCode: status, error: ok ? null : `answered ${status}` });
          };
          response.on('end', done);
          response.on('close', done);
          response.on('error', done);
        },
      );
      const deadline = setTimeout(() => {
        request.destroy();
        finish({
          ok: false,
          statusCode: null,
          error: `no answer within ${this.options.timeoutMs} ms`,
        });
      }, this.options.timeoutMs);
      request.on('error', (error) => {
        finish({ ok: false, statusCode: null, error: error.message });
      });
      request.end(body);
    });
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}
