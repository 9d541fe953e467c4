import { readFileSync } from 'node:fs';
import type { ServerOptions } from 'node:https';
import { ConfigError } from '../config.js';
import { certificatesFromPem, TppCertificates } from './tpp-certificates.js';

/** The TLS and certificate settings of `Config`. */
export interface TlsSettings {
  tls: { certPath: string; keyPath: string } | undefined;
  tlsClientCaPath: string | undefined;
  clientCertHeader: string | undefined;
}

/**
 * The HTTPS options both servers listen with, or undefined for plain HTTP. With trust anchors
 * the servers ask every client for its certificate but let a connection without one (or with
 * one they do not trust) through: the API and the auth server then answer in their protocols
 * (401 CERTIFICATE_MISSING, invalid_client) instead of a bare TLS alert, and browsers (the
 * portal, the PSU at /connect/authorize) are never asked to choose a certificate they lack.
 */
export function httpsOptions(settings: TlsSettings): ServerOptions | undefined {
  if (!settings.tls) return undefined;
  const options: ServerOptions = {
    cert: readPem(settings.tls.certPath, 'BANKBRIDGE_TLS_CERT'),
    key: readPem(settings.tls.keyPath, 'BANKBRIDGE_TLS_KEY'),
    minVersion: 'TLSv1.2',
  };
  if (settings.tlsClientCaPath && !settings.clientCertHeader) {
    options.ca = readPem(settings.tlsClientCaPath, 'BANKBRIDGE_TLS_CLIENT_CA');
    options.requestCert = true;
    options.rejectUnauthorized = false;
  }
  return options;
}

/** Production mode's certificate check, or undefined when TPP certificates are not required. */
export function tppCertificatesFor(
  settings: TlsSettings,
  now?: () => Date,
): TppCertificates | undefined {
  if (!settings.tlsClientCaPath) return undefined;
  const pem = readPem(settings.tlsClientCaPath, 'BANKBRIDGE_TLS_CLIENT_CA');
  let anchors: ReturnType<typeof certificatesFromPem>;
  try {
    anchors = certificatesFromPem(pem);
  } catch (error) {
    throw new ConfigError(
      `BANKBRIDGE_TLS_CLIENT_CA: ${settings.tlsClientCaPath} holds a certificate that cannot be read (${(error as Error).message})`,
    );
  }
  if (anchors.length === 0) {
    throw new ConfigError(
      `BANKBRIDGE_TLS_CLIENT_CA: ${settings.tlsClientCaPath} holds no PEM certificate`,
    );
  }
  return new TppCertificates({
    trustAnchors: anchors,
    ...(settings.clientCertHeader ? { header: settings.clientCertHeader } : {}),
    ...(now ? { now } : {}),
  });
}

function readPem(file: string, variable: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`${variable}: cannot read ${file} (${(error as Error).message})`);
  }
}
