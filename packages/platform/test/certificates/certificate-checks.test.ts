import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  encodePsd2QcStatements,
  isPsd2OrganizationId,
  readQwac,
} from '../../src/certificates/qwac.js';
import { TppCertificates } from '../../src/certificates/tpp-certificates.js';
import {
  createAuthority,
  createIntermediate,
  days,
  type Issued,
  issueQwac,
  issueServerCertificate,
} from './support/pki.js';

/**
 * The certificate checks on their own: what is read from a QWAC, which chains are trusted, and
 * a proxy's header; the same checks the servers run per request, without sockets.
 */
let qtsp: Issued;
let checks: TppCertificates;
const HEADER = 'x-ssl-client-cert';

beforeAll(async () => {
  qtsp = await createAuthority('Bankbridge Test QTSP');
  checks = new TppCertificates({ trustAnchors: [new X509Certificate(qtsp.cert)], header: HEADER });
});

/** A request as a proxy hands it on, with the certificate(s) in the header. */
function viaProxy(...certificates: Issued[]): IncomingMessage {
  const value = certificates.length
    ? encodeURIComponent(certificates.map((c) => c.cert).join(''))
    : undefined;
  return { headers: value ? { [HEADER]: value } : {} } as unknown as IncomingMessage;
}

const der = (issued: Issued) => new X509Certificate(issued.cert).raw;

describe('reading a QWAC', () => {
  it('finds the organisation identifier, the PSD2 roles and the authority', async () => {
    const qwac = await issueQwac(qtsp, { roles: ['PSP_AI', 'PSP_PI', 'PSP_IC'] });
    expect(readQwac(der(qwac))).toEqual({
      ok: true,
      details: {
        organizationId: 'PSDSE-FINA-44059',
        roles: ['PSP_AI', 'PSP_PI', 'PSP_IC'],
        authority: { name: 'Finansinspektionen', id: 'SE-FINA' },
        subjectName: 'tpp.example',
      },
    });
  });

  it('writes the PSD2 QCStatement as ETSI TS 119 495 defines it', () => {
    // SEQUENCE OF QCStatement { 0.4.0.19495.2, PSD2QcType { RolesOfPSP { { 0.4.0.19495.1.3,
    // "PSP_AI" } }, "Finansinspektionen", "SE-FINA" } }, assembled by hand from the standard.
    const expected =
      '303e303c06060400819827023032301330110607040081982701030c065053505f41490c1246696e616e73696e7370656b74696f6e656e0c0753452d46494e41';
    const encoded = encodePsd2QcStatements({
      roles: ['PSP_AI'],
      authority: { name: 'Finansinspektionen', id: 'SE-FINA' },
    });
    expect(Buffer.from(encoded).toString('hex')).toBe(expected);
  });

  it('reads a QWAC made by OpenSSL from a configuration file', (context) => {
    let openssl = true;
    try {
      execFileSync('openssl', ['version']);
    } catch {
      openssl = false;
    }
    if (!openssl) context.skip();
    const dir = mkdtempSync(path.join(tmpdir(), 'bankbridge-openssl-'));
    try {
      writeFileSync(
        path.join(dir, 'qwac.cnf'),
        [
          '[req]',
          'distinguished_name = dn',
          'prompt = no',
          'x509_extensions = ext',
          '[dn]',
          'CN = tpp.example',
          'organizationIdentifier = PSDFI-FINFSA-29884997',
          'C = FI',
          '[ext]',
          'extendedKeyUsage = clientAuth',
          'qcStatements = ASN1:SEQUENCE:statements',
          '[statements]',
          'psd2 = SEQUENCE:psd2Statement',
          '[psd2Statement]',
          'id = OID:0.4.0.19495.2',
          'info = SEQUENCE:psd2QcType',
          '[psd2QcType]',
          'roles = SEQUENCE:roles',
          'ncaName = UTF8:Finanssivalvonta',
          'ncaId = UTF8:FI-FINFSA',
          '[roles]',
          'pi = SEQUENCE:rolePi',
          'ai = SEQUENCE:roleAi',
          '[rolePi]',
          'oid = OID:0.4.0.19495.1.2',
          'name = UTF8:PSP_PI',
          '[roleAi]',
          'oid = OID:0.4.0.19495.1.3',
          'name = UTF8:PSP_AI',
        ].join('\n'),
      );
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:P-256',
          '-nodes',
          '-keyout',
          path.join(dir, 'key.pem'),
          '-out',
          path.join(dir, 'cert.pem'),
          '-days',
          '2',
          '-config',
          path.join(dir, 'qwac.cnf'),
        ],
        { stdio: 'ignore' },
      );
      const certificate = new X509Certificate(readFileSync(path.join(dir, 'cert.pem')));
      expect(readQwac(certificate.raw)).toEqual({
        ok: true,
        details: {
          organizationId: 'PSDFI-FINFSA-29884997',
          roles: ['PSP_PI', 'PSP_AI'],
          authority: { name: 'Finanssivalvonta', id: 'FI-FINFSA' },
          subjectName: 'tpp.example',
        },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says why a certificate is not a PSD2 one', async () => {
    const problem = async (issued: Issued) => {
      const reading = readQwac(der(issued));
      return reading.ok ? undefined : reading.problem;
    };
    expect(await problem(await issueQwac(qtsp, { organizationId: null }))).toBe(
      'the certificate has no organizationIdentifier (2.5.4.97) in its subject',
    );
    expect(await problem(await issueQwac(qtsp, { organizationId: 'VATSE-556677889901' }))).toBe(
      'the certificate\'s organizationIdentifier "VATSE-556677889901" is not a PSD2 one (PSD<country>-<authority>-<id>)',
    );
    expect(await problem(await issueServerCertificate(qtsp))).toMatch(/no organizationIdentifier/);
    expect(await problem(await issueQwac(qtsp, { qcStatement: false }))).toBe(
      'the certificate has no QCStatements: it is not a QWAC',
    );
    expect(readQwac(Buffer.from('not a certificate'))).toEqual({
      ok: false,
      problem: 'the certificate cannot be parsed',
    });
  });

  it('knows a PSD2 organisation identifier', () => {
    for (const id of ['PSDSE-FINA-44059', 'PSDDE-BAFIN-123456', 'PSDFI-FINFSA-29884997']) {
      expect(isPsd2OrganizationId(id), id).toBe(true);
    }
    for (const id of ['', 'PSDSE', 'PSDSE-FINA-', 'VATSE-556677889901', 'psdse-fina-44059']) {
      expect(isPsd2OrganizationId(id), id).toBe(false);
    }
  });
});

describe('checking a presented certificate', () => {
  it('accepts a QWAC of the trusted authority, with its thumbprint', async () => {
    const qwac = await issueQwac(qtsp);
    const verdict = checks.check(viaProxy(qwac));
    expect(verdict).toMatchObject({
      ok: true,
      certificate: { organizationId: 'PSDSE-FINA-44059', roles: ['PSP_AI', 'PSP_PI'] },
    });
    if (!verdict.ok) return;
    expect(verdict.certificate.thumbprint).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('accepts one from an intermediate presented with it, not without it', async () => {
    const intermediate = await createIntermediate(qtsp, 'Issuing CA');
    const qwac = await issueQwac(intermediate);
    expect(checks.check(viaProxy(qwac, intermediate)).ok).toBe(true);
    expect(checks.check(viaProxy(qwac))).toMatchObject({ ok: false, code: 'CERTIFICATE_INVALID' });
  });

  it('refuses what is missing, expired, not yet valid, untrusted or not for clients', async () => {
    const expect401 = async (request: IncomingMessage, code: string, text: RegExp) => {
      const verdict = checks.check(request);
      expect(verdict).toMatchObject({ ok: false, code });
      if (!verdict.ok) expect(verdict.text).toMatch(text);
    };
    await expect401(viaProxy(), 'CERTIFICATE_MISSING', /is required/);
    await expect401(
      viaProxy(await issueQwac(qtsp, { notBefore: days(-10), notAfter: days(-1) })),
      'CERTIFICATE_EXPIRED',
      /^the client certificate expired on /,
    );
    await expect401(
      viaProxy(await issueQwac(qtsp, { notBefore: days(1), notAfter: days(10) })),
      'CERTIFICATE_INVALID',
      /not valid before/,
    );
    await expect401(
      viaProxy(await issueQwac(await createAuthority('Unknown QTSP'))),
      'CERTIFICATE_INVALID',
      /issuer "CN=Unknown QTSP, O=Bankbridge Test, C=SE"\) is not issued by a certificate authority this server trusts/,
    );
    await expect401(
      viaProxy(await issueQwac(qtsp, { extendedKeyUsages: ['1.3.6.1.5.5.7.3.1'] })),
      'CERTIFICATE_INVALID',
      /not issued for TLS client authentication/,
    );
    await expect401(viaProxy(qtsp), 'CERTIFICATE_INVALID', /is a CA certificate/);
  });

  it('judges expiry by the injected clock, per request', async () => {
    let now = new Date();
    const clocked = new TppCertificates({
      trustAnchors: [new X509Certificate(qtsp.cert)],
      header: HEADER,
      now: () => now,
    });
    const qwac = await issueQwac(qtsp, { notAfter: days(2) });
    expect(clocked.check(viaProxy(qwac)).ok).toBe(true);
    now = days(3);
    expect(clocked.check(viaProxy(qwac))).toMatchObject({ code: 'CERTIFICATE_EXPIRED' });
  });

  it('reads a header only as URL-encoded PEM', () => {
    const request = (value: string) =>
      ({ headers: { [HEADER]: value } }) as unknown as IncomingMessage;
    expect(checks.check(request('%E0%A4%A'))).toMatchObject({ code: 'CERTIFICATE_INVALID' });
    expect(checks.check(request('hello'))).toMatchObject({ code: 'CERTIFICATE_INVALID' });
    expect(
      checks.check(
        request(encodeURIComponent('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----')),
      ),
    ).toMatchObject({ code: 'CERTIFICATE_INVALID', text: 'the client certificate cannot be read' });
    // nginx sends an empty value when the client sent no certificate.
    expect(checks.check(request(''))).toMatchObject({ code: 'CERTIFICATE_MISSING' });
  });
});
