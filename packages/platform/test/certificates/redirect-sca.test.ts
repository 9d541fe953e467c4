import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDIRECT_URI, redirectScaCode } from '../support/redirect-consent.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { requestToken } from '../support/token-requests.js';
import { createAuthority, type Issued, issueQwac } from './support/pki.js';

/**
 * A redirect SCA in production mode, up to the code exchange: the code is redeemed only with a
 * certificate of the bound organisation that carries PSP_AI, a refusal leaves the code and the
 * consent as they were, and the token it gives is bound to the certificate that redeemed it.
 * Through a proxy's header, so that the whole flow runs with inject().
 */
const HEADER = 'X-SSL-Client-Cert';
const BIC = 'NDEASESS';
const CONSENTS = '/psd2/consent/v1/consents';
let t: TestPlatform;
let dir: string;
let qwac: Issued;
let aspspOnly: Issued;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'bankbridge-redirect-tls-'));
  const qtsp = await createAuthority('Bankbridge Test QTSP');
  qwac = await issueQwac(qtsp, { roles: ['PSP_AI'] });
  aspspOnly = await issueQwac(qtsp, { roles: ['PSP_AS'] });
  writeFileSync(path.join(dir, 'tpp-ca.pem'), qtsp.cert);
  t = await startTestPlatform({
    sandbox: true,
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

const fromProxy = (certificate: Issued) => ({ [HEADER]: encodeURIComponent(certificate.cert) });

function redeem(certificate: Issued, code: string, consentId: string, authorisationId: string) {
  return requestToken(t.auth, {
    headers: {
      'x-consentid': consentId,
      'x-consentauthorisationid': authorisationId,
      ...fromProxy(certificate),
    },
    fields: {
      grant_type: 'authorization_code',
      client_id: t.client.id,
      client_secret: t.client.secret,
      code,
      redirect_uri: REDIRECT_URI,
    },
  });
}

describe('a redirect SCA in production mode', () => {
  it('gives its token only to a certificate with PSP_AI, bound to it', async () => {
    const issued = await requestToken(t.auth, {
      headers: fromProxy(qwac),
      fields: {
        client_id: t.client.id,
        client_secret: t.client.secret,
        scope: 'accountinformation private',
      },
    });
    expect(issued.statusCode, issued.body).toBe(200);
    const token = issued.json().access_token as string;
    const { consentId, authorisationId, code, call } = await redirectScaCode(t, {
      bic: BIC,
      token,
      headers: fromProxy(qwac),
    });

    const refused = await redeem(aspspOnly, code, consentId, authorisationId);
    expect({ status: refused.statusCode, error: refused.json().error }).toEqual({
      status: 400,
      error: 'invalid_scope',
    });
    expect(refused.json().error_description).toMatch(/needs the PSD2 role PSP_AI/);
    // The refusal happened before the code was used or the bank was asked: both still wait.
    const waiting = await call('GET', `${CONSENTS}/${consentId}/status`);
    expect(waiting.consentStatus).toBe('received');

    const redeemed = await redeem(qwac, code, consentId, authorisationId);
    expect(redeemed.statusCode, redeemed.body).toBe(200);
    const valid = await call('GET', `${CONSENTS}/${consentId}/status`);
    expect(valid.consentStatus).toBe('valid');

    const introspection = await t.auth.inject({
      method: 'POST',
      url: '/connect/introspect',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...fromProxy(qwac) },
      payload: new URLSearchParams({
        token: redeemed.json().access_token,
        client_id: t.client.id,
        client_secret: t.client.secret,
      }).toString(),
    });
    const thumbprint = createHash('sha256')
      .update(new X509Certificate(qwac.cert).raw)
      .digest('base64url');
    expect(introspection.json()).toMatchObject({
      active: true,
      scope: expect.stringContaining('accountinformation'),
      cnf: { 'x5t#S256': thumbprint },
    });
  });
});
