import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { encodePsd2QcStatements, type Psd2Role } from '../../../src/certificates/qwac.js';

/**
 * A test PKI made at test time: a certificate authority standing in for a QTSP, TPP
 * certificates (QWACs) with the PSD2 roles and organisation identifier a test asks for,
 * expired ones, and ones from an authority the server does not trust.
 */

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 24 * 3600_000;

export interface Issued {
  /** PEM of the certificate. */
  cert: string;
  /** PEM (PKCS #8) of its private key. */
  key: string;
  certificate: x509.X509Certificate;
  keys: CryptoKeyPair;
}

export interface QwacOptions {
  organizationId?: string | null;
  roles?: Psd2Role[];
  /** false: no PSD2 QCStatement at all. */
  qcStatement?: boolean;
  commonName?: string;
  notBefore?: Date;
  notAfter?: Date;
  issuer?: Issued;
  /** Extended key usages; default clientAuth. */
  extendedKeyUsages?: string[];
}

let serial = 1;

async function newKeys(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
}

async function issued(certificate: x509.X509Certificate, keys: CryptoKeyPair): Promise<Issued> {
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  const key = `-----BEGIN PRIVATE KEY-----\n${Buffer.from(pkcs8)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trim()}\n-----END PRIVATE KEY-----\n`;
  return { cert: certificate.toString('pem'), key, certificate, keys };
}

/** A self-signed certificate authority. */
export async function createAuthority(name: string, validDays = 30): Promise<Issued> {
  const keys = await newKeys();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: (serial++).toString(16).padStart(2, '0'),
    name: `CN=${name}, O=Bankbridge Test, C=SE`,
    notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + validDays * DAY),
    keys,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return issued(certificate, keys);
}

/** A certificate issued by `issuer` (a server's, or a TPP's built by `issueQwac`). */
async function issue(
  issuer: Issued,
  subject: string,
  extensions: x509.Extension[],
  options: { notBefore?: Date; notAfter?: Date; ca?: boolean } = {},
): Promise<Issued> {
  const keys = await newKeys();
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: (serial++).toString(16).padStart(2, '0'),
    subject,
    issuer: issuer.certificate.subject,
    notBefore: options.notBefore ?? new Date(Date.now() - DAY),
    notAfter: options.notAfter ?? new Date(Date.now() + 30 * DAY),
    signingAlgorithm: ALGORITHM,
    publicKey: keys.publicKey,
    signingKey: issuer.keys.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(options.ca ?? false, undefined, true),
      await x509.AuthorityKeyIdentifierExtension.create(issuer.keys.publicKey),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ...extensions,
    ],
  });
  return issued(certificate, keys);
}

/** An intermediate authority under `issuer`. */
export function createIntermediate(issuer: Issued, name: string): Promise<Issued> {
  return issue(
    issuer,
    `CN=${name}, O=Bankbridge Test, C=SE`,
    [new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true)],
    { ca: true },
  );
}

/** The server certificate for localhost and 127.0.0.1. */
export function issueServerCertificate(issuer: Issued): Promise<Issued> {
  return issue(issuer, 'CN=localhost', [
    new x509.SubjectAlternativeNameExtension([
      { type: 'dns', value: 'localhost' },
      { type: 'ip', value: '127.0.0.1' },
    ]),
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
  ]);
}

/** A TPP certificate as a QTSP issues it under ETSI TS 119 495. */
export function issueQwac(issuer: Issued, options: QwacOptions = {}): Promise<Issued> {
  const organizationId =
    options.organizationId === undefined ? 'PSDSE-FINA-44059' : options.organizationId;
  const subject = [
    `CN=${options.commonName ?? 'tpp.example'}`,
    'O=Example TPP AB',
    ...(organizationId === null ? [] : [`2.5.4.97=${organizationId}`]),
    'C=SE',
  ].join(', ');
  const extensions: x509.Extension[] = [
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    new x509.ExtendedKeyUsageExtension(
      options.extendedKeyUsages ?? [x509.ExtendedKeyUsage.clientAuth],
    ),
  ];
  if (options.qcStatement !== false) {
    extensions.push(
      new x509.Extension(
        '1.3.6.1.5.5.7.1.3',
        false,
        encodePsd2QcStatements({
          roles: options.roles ?? ['PSP_AI', 'PSP_PI'],
          authority: { name: 'Finansinspektionen', id: 'SE-FINA' },
        }),
      ),
    );
  }
  return issue(issuer, subject, extensions, {
    ...(options.notBefore ? { notBefore: options.notBefore } : {}),
    ...(options.notAfter ? { notAfter: options.notAfter } : {}),
  });
}

export const days = (n: number) => new Date(Date.now() + n * DAY);
