import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectContract } from '../support/contract.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { requestToken } from '../support/token-requests.js';
import { createAuthority, type Issued, issueQwac } from './support/pki.js';

/**
 * Production mode behind a TLS-terminating proxy (nginx, a cloud balancer): the proxy checks
 * the TLS handshake and passes the TPP's certificate on in a header, as nginx's
 * `$ssl_client_escaped_cert` does; Bankbridge, trusting that proxy, checks the certificate
 * itself as it would one from its own TLS connection.
 */
const HEADER = 'X-SSL-Client-Cert';
let t: TestPlatform;
let dir: string;
let qwac: Issued;
let otherQwac: Issued;
let untrustedQwac: Issued;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'bankbridge-proxy-'));
  const qtsp = await createAuthority('Bankbridge Test QTSP');
  qwac = await issueQwac(qtsp);
  otherQwac = await issueQwac(qtsp);
  untrustedQwac = await issueQwac(await createAuthority('Unknown QTSP'));
  writeFileSync(path.join(dir, 'tpp-ca.pem'), qtsp.cert);
  t = await startTestPlatform({
    env: {
      BANKBRIDGE_TRUST_PROXY: 'true',
      BANKBRIDGE_TLS_CLIENT_CA: path.join(dir, 'tpp-ca.pem'),
      BANKBRIDGE_CLIENT_CERT_HEADER: HEADER,
    },
  });
  await t.platform.clients.bindCertificate(t.client.id, 'PSDSE-FINA-44059');
});
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The header as nginx sets it: the PEM, URL-encoded. */
const fromProxy = (certificate: Issued) => ({ [HEADER]: encodeURIComponent(certificate.cert) });

async function token(certificate: Issued | undefined, scope = 'aspspinformation') {
  return requestToken(t.auth, {
    fields: { client_id: t.client.id, client_secret: t.client.secret, scope },
    ...(certificate ? { headers: fromProxy(certificate) } : {}),
  });
}

async function countries(accessToken: string, certificate: Issued | undefined) {
  const response = await t.api.inject({
    method: 'GET',
    url: '/psd2/aspspinformation/v1/countries',
    headers: {
      authorization: `Bearer ${accessToken}`,
      'x-request-id': randomUUID(),
      ...(certificate ? fromProxy(certificate) : {}),
    },
  });
  expectContract(response);
  return response;
}

describe('behind a TLS-terminating proxy', () => {
  it("takes the TPP's certificate from the proxy's header, on /connect and /psd2", async () => {
    const issued = await token(qwac);
    expect(issued.statusCode, issued.body).toBe(200);
    const answer = await countries(issued.json().access_token, qwac);
    expect(answer.statusCode, answer.body).toBe(200);
  });

  it('binds the token to that certificate', async () => {
    const accessToken = (await token(qwac)).json().access_token;
    const answer = await countries(accessToken, otherQwac);
    expect(answer.statusCode).toBe(401);
    expect(answer.json().tppMessages[0].code).toBe('TOKEN_INVALID');
  });

  it('refuses a request the proxy passed without a certificate, or with an untrusted one', async () => {
    const missing = await token(undefined);
    expect({ status: missing.statusCode, error: missing.json().error }).toEqual({
      status: 401,
      error: 'invalid_client',
    });
    expect(missing.json().error_description).toMatch(/\(CERTIFICATE_MISSING\)$/);

    const accessToken = (await token(qwac)).json().access_token;
    const without = await countries(accessToken, undefined);
    expect(without.statusCode).toBe(401);
    expect(without.json().tppMessages[0].code).toBe('CERTIFICATE_MISSING');
    const untrusted = await countries(accessToken, untrustedQwac);
    expect(untrusted.statusCode).toBe(401);
    expect(untrusted.json().tppMessages[0].code).toBe('CERTIFICATE_INVALID');
  });
});
