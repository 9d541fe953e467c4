import { createHash, X509Certificate } from 'node:crypto';
import { Agent, request } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectContract } from '../support/contract.js';
import { basicAuth, form } from '../support/token-requests.js';
import {
  createAuthority,
  createIntermediate,
  days,
  type Issued,
  issueQwac,
} from './support/pki.js';
import {
  type Answer,
  type ProductionPlatform,
  psd2,
  startProductionPlatform,
  TPP_ORGANIZATION_ID,
} from './support/production.js';

/**
 * Production mode over real HTTPS on live ports: both servers ask for the TPP's certificate
 * (a QWAC made at test time by a test QTSP), the auth server binds clients and tokens to it
 * (RFC 8705), and the API refuses what is missing, expired, untrusted, of another certificate
 * or without the PSD2 role the service needs, each with its own code.
 */
let p: ProductionPlatform;
/** Another certificate of the same TPP, e.g. the one it renewed: trusted, same organisation. */
let secondQwac: Issued;
let expiredQwac: Issued;
let untrustedQwac: Issued;
let otherOrganizationQwac: Issued;
let aspspOnlyQwac: Issued;
let noQcStatementQwac: Issued;

const COUNTRIES = '/psd2/aspspinformation/v1/countries';
const CONSENT_STATUS = '/psd2/consent/v1/consents/1b0dc1b8-5c51-4ae5-9e35-0c5bd2c0c1a4/status';

beforeAll(async () => {
  p = await startProductionPlatform();
  secondQwac = await issueQwac(p.qtsp);
  expiredQwac = await issueQwac(p.qtsp, { notBefore: days(-30), notAfter: days(-1) });
  untrustedQwac = await issueQwac(await createAuthority('Some Other QTSP'));
  otherOrganizationQwac = await issueQwac(p.qtsp, { organizationId: 'PSDDE-BAFIN-123456' });
  aspspOnlyQwac = await issueQwac(p.qtsp, { roles: ['PSP_AS'] });
  noQcStatementQwac = await issueQwac(p.qtsp, { qcStatement: false });
});
afterAll(async () => {
  await p?.close();
});

const thumbprint = (certificate: Issued) =>
  createHash('sha256').update(new X509Certificate(certificate.cert).raw).digest('base64url');

async function get(path: string, token: string | undefined, certificate?: Issued) {
  const headers = psd2(token);
  const answer = await p.call(`${p.apiBase}${path}`, {
    headers,
    ...(certificate ? { certificate } : {}),
  });
  expectContract({
    method: 'GET',
    url: path,
    statusCode: answer.status,
    headers: answer.headers,
    body: answer.text,
    requestId: headers['x-request-id'],
  });
  return answer;
}

function expectTppMessage(answer: Answer, status: number, code: string, text?: RegExp) {
  expect({ status: answer.status, code: answer.json().tppMessages?.[0]?.code }).toEqual({
    status,
    code,
  });
  expect(answer.json().tppMessages).toHaveLength(1);
  if (text) expect(answer.json().tppMessages[0].text).toMatch(text);
}

function expectOAuthError(answer: Answer, status: number, error: string, description: RegExp) {
  expect({ status: answer.status, error: answer.json().error }).toEqual({ status, error });
  expect(answer.json().error_description).toMatch(description);
  expect(answer.headers['cache-control']).toBe('no-store');
}

describe('the auth server in production mode', () => {
  it('issues a token bound to the certificate of the organisation the client is bound to', async () => {
    const answer = await p.token(p.qwac, 'accountinformation private');
    expect(answer.status, answer.text).toBe(200);
    expect(answer.json()).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });

    const introspection = await p.call(`${p.authBase}/connect/introspect`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: basicAuth(p.t.client.id, p.t.client.secret),
      },
      body: form({ token: answer.json().access_token }),
      certificate: p.qwac,
    });
    expect(introspection.status, introspection.text).toBe(200);
    expect(introspection.json()).toMatchObject({
      active: true,
      client_id: p.t.client.id,
      cnf: { 'x5t#S256': thumbprint(p.qwac) },
    });
  });

  it('says so in its discovery document', async () => {
    const answer = await p.call(`${p.authBase}/.well-known/openid-configuration`);
    expect(answer.status).toBe(200);
    expect(answer.json().tls_client_certificate_bound_access_tokens).toBe(true);
  });

  it('refuses a request without a certificate: 401 invalid_client', async () => {
    expectOAuthError(
      await p.token(undefined, 'aspspinformation'),
      401,
      'invalid_client',
      /a client certificate .* is required.*\(CERTIFICATE_MISSING\)$/,
    );
  });

  it('refuses an expired certificate', async () => {
    expectOAuthError(
      await p.token(expiredQwac, 'aspspinformation'),
      401,
      'invalid_client',
      /^the client certificate expired on \d{4}-\d\d-\d\dT.*\(CERTIFICATE_EXPIRED\)$/,
    );
  });

  it('refuses a certificate of an authority it does not trust', async () => {
    expectOAuthError(
      await p.token(untrustedQwac, 'aspspinformation'),
      401,
      'invalid_client',
      /not issued by a certificate authority this server trusts.*\(CERTIFICATE_INVALID\)$/,
    );
  });

  it('refuses a trusted certificate that is not a PSD2 QWAC', async () => {
    expectOAuthError(
      await p.token(noQcStatementQwac, 'aspspinformation'),
      401,
      'invalid_client',
      /no QCStatements: it is not a QWAC \(CERTIFICATE_INVALID\)$/,
    );
  });

  it("refuses another organisation's certificate with the client's secret", async () => {
    expectOAuthError(
      await p.token(otherOrganizationQwac, 'aspspinformation'),
      401,
      'invalid_client',
      new RegExp(
        `^the client certificate belongs to PSDDE-BAFIN-123456, but this client is bound to ${TPP_ORGANIZATION_ID}$`,
      ),
    );
  });

  it('refuses a wrong secret with a good certificate as any wrong secret', async () => {
    const answer = await p.token(p.qwac, 'aspspinformation', {
      id: p.t.client.id,
      secret: 'not-the-secret',
    });
    expectOAuthError(
      answer,
      401,
      'invalid_client',
      /^client authentication failed: check client_id and client_secret \(a rotated secret replaces the old one at once\)$/,
    );
  });

  it('refuses a client that is not bound to a certificate', async () => {
    const { client, secret } = await p.t.platform.clients.create({ name: 'Unbound TPP' });
    expectOAuthError(
      await p.token(p.qwac, 'aspspinformation', { id: client.id, secret }),
      401,
      'invalid_client',
      /not bound to a TPP certificate yet.*bankbridge clients set-certificate/,
    );
  });

  it('gives account information only to a certificate with the role PSP_AI', async () => {
    expectOAuthError(
      await p.token(aspspOnlyQwac, 'accountinformation private'),
      400,
      'invalid_scope',
      /^scope accountinformation needs the PSD2 role PSP_AI, which the client certificate does not carry \(ROLE_INVALID\)$/,
    );
    expectOAuthError(
      await p.token(aspspOnlyQwac, 'paymentinitiation'),
      400,
      'invalid_scope',
      /^scope paymentinitiation needs the PSD2 role PSP_PI/,
    );
    // ASPSP information is public data: any TPP certificate will do.
    expect((await p.token(aspspOnlyQwac, 'aspspinformation')).status).toBe(200);
  });

  it('accepts a certificate issued by an intermediate it is given in the handshake', async () => {
    const intermediate = await createIntermediate(p.qtsp, 'Bankbridge Test QTSP Issuing CA');
    const qwac = await issueQwac(intermediate);
    const answer = await p.token({ ...qwac, chain: [intermediate] } as Issued, 'aspspinformation');
    expect(answer.status, answer.text).toBe(200);
    // Without the intermediate the path to the trusted authority is broken.
    expectOAuthError(
      await p.token(qwac, 'aspspinformation'),
      401,
      'invalid_client',
      /\(CERTIFICATE_INVALID\)$/,
    );
  });
});

describe('the API in production mode', () => {
  it('answers a token presented with its certificate', async () => {
    const token = await p.tokenValue(p.qwac, 'aspspinformation');
    const answer = await get(COUNTRIES, token, p.qwac);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.json().countries.length).toBeGreaterThan(0);
  });

  it('refuses a token presented with another certificate, even of the same TPP', async () => {
    const token = await p.tokenValue(p.qwac, 'aspspinformation');
    const answer = await get(COUNTRIES, token, secondQwac);
    expectTppMessage(answer, 401, 'TOKEN_INVALID', /bound to another certificate/);
    expect(answer.headers['www-authenticate']).toMatch(/^Bearer error="invalid_token"/);
    // The second certificate gets its own token, which the first cannot use.
    const second = await p.tokenValue(secondQwac, 'aspspinformation');
    expect((await get(COUNTRIES, second, secondQwac)).status).toBe(200);
    expectTppMessage(await get(COUNTRIES, second, p.qwac), 401, 'TOKEN_INVALID');
  });

  it('refuses a call without a certificate: CERTIFICATE_MISSING, before the token', async () => {
    const token = await p.tokenValue(p.qwac, 'aspspinformation');
    expectTppMessage(await get(COUNTRIES, token), 401, 'CERTIFICATE_MISSING');
    expectTppMessage(await get(COUNTRIES, undefined), 401, 'CERTIFICATE_MISSING');
  });

  it('refuses an expired certificate: CERTIFICATE_EXPIRED', async () => {
    const token = await p.tokenValue(p.qwac, 'aspspinformation');
    expectTppMessage(
      await get(COUNTRIES, token, expiredQwac),
      401,
      'CERTIFICATE_EXPIRED',
      /^the client certificate expired on /,
    );
  });

  it('refuses an untrusted or non-PSD2 certificate: CERTIFICATE_INVALID', async () => {
    const token = await p.tokenValue(p.qwac, 'aspspinformation');
    expectTppMessage(
      await get(COUNTRIES, token, untrustedQwac),
      401,
      'CERTIFICATE_INVALID',
      /not issued by a certificate authority this server trusts/,
    );
    expectTppMessage(
      await get(COUNTRIES, token, noQcStatementQwac),
      401,
      'CERTIFICATE_INVALID',
      /no QCStatements: it is not a QWAC/,
    );
  });

  it('refuses account information to a certificate without PSP_AI: ROLE_INVALID', async () => {
    const token = await p.tokenValue(aspspOnlyQwac, 'aspspinformation');
    expect((await get(COUNTRIES, token, aspspOnlyQwac)).status).toBe(200);
    expectTppMessage(
      await get(CONSENT_STATUS, token, aspspOnlyQwac),
      401,
      'ROLE_INVALID',
      /^accountinformation needs the PSD2 role PSP_AI, which the TPP certificate does not carry$/,
    );
  });

  it('still wants a token with a good certificate', async () => {
    expectTppMessage(await get(COUNTRIES, undefined, p.qwac), 401, 'TOKEN_INVALID');
  });

  it.each(['TLSv1.2', 'TLSv1.3'] as const)(
    'knows the certificate of a resumed %s session',
    async (maxVersion) => {
      const token = await p.tokenValue(p.qwac, 'aspspinformation');
      // A new connection each time, resuming the TLS session of the first: no new handshake
      // carries the certificate, the session does.
      const agent = new Agent({
        keepAlive: false,
        maxCachedSessions: 10,
        maxVersion,
        ca: p.serverCa.cert,
        cert: p.qwac.cert,
        key: p.qwac.key,
      });
      const call = () =>
        new Promise<{ status: number; resumed: boolean }>((resolve, reject) => {
          const req = request(
            `${p.apiBase}${COUNTRIES}`,
            { agent, headers: psd2(token) },
            (res) => {
              res.resume();
              res.on('end', () =>
                resolve({
                  status: res.statusCode ?? 0,
                  resumed: (req.socket as TLSSocket).isSessionReused(),
                }),
              );
            },
          );
          req.on('error', reject);
          req.end();
        });
      expect(await call()).toEqual({ status: 200, resumed: false });
      // TLS 1.3 sends its session ticket after the handshake: give it a moment to arrive.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await call()).toEqual({ status: 200, resumed: true });
      agent.destroy();
    },
  );

  it('serves health checks and the portal to browsers, which have no certificate', async () => {
    expect((await p.call(`${p.apiBase}/health`)).status).toBe(200);
    expect((await p.call(`${p.authBase}/health`)).status).toBe(200);
    const signIn = await p.call(`${p.apiBase}/portal/sign-in`);
    expect(signIn.status).toBe(200);
    expect(signIn.headers['content-type']).toMatch(/^text\/html/);
  });
});
