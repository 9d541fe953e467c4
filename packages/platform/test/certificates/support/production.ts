import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import {
  startTestPlatform,
  type TestPlatform,
  type TestPlatformOptions,
} from '../../support/test-platform.js';
import { form } from '../../support/token-requests.js';
import { createAuthority, type Issued, issueQwac, issueServerCertificate } from './pki.js';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers field by field
  json(): any;
}

export interface CallOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** The TPP certificate presented in the TLS handshake, with extra chain certificates. */
  certificate?: Issued & { chain?: Issued[] };
}

export interface ProductionPlatform {
  t: TestPlatform;
  /** The test QTSP: TPP certificates it issues are trusted. */
  qtsp: Issued;
  /** The server's own certificate authority, which the test's TPP trusts. */
  serverCa: Issued;
  /** A QWAC of PSDSE-FINA-44059 with PSP_AI and PSP_PI, the test client is bound to. */
  qwac: Issued;
  authBase: string;
  apiBase: string;
  /** One HTTPS request with a fresh connection (no reuse across certificates). */
  call(url: string, options?: CallOptions): Promise<Answer>;
  /** A client-credentials token request. */
  token(
    certificate: Issued | undefined,
    scope: string,
    client?: { id: string; secret: string },
  ): Promise<Answer>;
  /** The access token of a successful client-credentials request, or a thrown error. */
  tokenValue(certificate: Issued, scope: string): Promise<string>;
  close(): Promise<void>;
}

export const TPP_ORGANIZATION_ID = 'PSDSE-FINA-44059';

/**
 * Bankbridge in production mode on live ports: HTTPS with a server certificate, TPP
 * certificates from the test QTSP required, the test client bound to PSDSE-FINA-44059.
 */
export async function startProductionPlatform(
  options: TestPlatformOptions = {},
): Promise<ProductionPlatform> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bankbridge-tls-'));
  const serverCa = await createAuthority('Bankbridge Test Server CA');
  const qtsp = await createAuthority('Bankbridge Test QTSP');
  const server = await issueServerCertificate(serverCa);
  const qwac = await issueQwac(qtsp);
  const files = {
    cert: path.join(dir, 'server.pem'),
    key: path.join(dir, 'server-key.pem'),
    ca: path.join(dir, 'tpp-ca.pem'),
  };
  writeFileSync(files.cert, server.cert);
  writeFileSync(files.key, server.key);
  writeFileSync(files.ca, qtsp.cert);

  const t = await startTestPlatform({
    ...options,
    env: {
      BANKBRIDGE_HOST: '127.0.0.1',
      BANKBRIDGE_API_PORT: '0',
      BANKBRIDGE_AUTH_PORT: '0',
      BANKBRIDGE_TLS_CERT: files.cert,
      BANKBRIDGE_TLS_KEY: files.key,
      BANKBRIDGE_TLS_CLIENT_CA: files.ca,
      ...options.env,
    },
  });
  await t.platform.clients.bindCertificate(t.client.id, TPP_ORGANIZATION_ID);
  await t.platform.listen();
  const base = (app: FastifyInstance) =>
    `https://localhost:${(app.server.address() as AddressInfo).port}`;
  const authBase = base(t.auth);
  const apiBase = base(t.api);

  const call = (url: string, callOptions: CallOptions = {}) =>
    send(url, callOptions, serverCa.cert);
  const token = (
    certificate: Issued | undefined,
    scope: string,
    client: { id: string; secret: string } = t.client,
  ) =>
    call(`${authBase}/connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form({
        grant_type: 'client_credentials',
        client_id: client.id,
        client_secret: client.secret,
        scope,
      }),
      ...(certificate ? { certificate } : {}),
    });
  return {
    t,
    qtsp,
    serverCa,
    qwac,
    authBase,
    apiBase,
    call,
    token,
    async tokenValue(certificate, scope) {
      const answer = await token(certificate, scope);
      if (answer.status !== 200) throw new Error(`no token: ${answer.status} ${answer.text}`);
      return answer.json().access_token as string;
    },
    async close() {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An HTTP(S) request without connection reuse; `ca` is what the client trusts. */
export function send(url: string, options: CallOptions = {}, ca?: string): Promise<Answer> {
  const target = new URL(url);
  const certificate = options.certificate;
  const tls =
    target.protocol === 'https:'
      ? {
          ...(ca ? { ca } : {}),
          ...(certificate
            ? {
                cert: [certificate.cert, ...(certificate.chain ?? []).map((c) => c.cert)].join(
                  '\n',
                ),
                key: certificate.key,
              }
            : {}),
        }
      : {};
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      {
        method: options.method ?? 'GET',
        headers: options.headers ?? {},
        agent: false,
        ...tls,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            json: () => JSON.parse(text),
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Headers of a /psd2 call with a bearer token. */
export function psd2(token: string | undefined, extra: Record<string, string> = {}) {
  return {
    'x-request-id': randomUUID(),
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...extra,
  };
}
