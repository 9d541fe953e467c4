import { hash, X509Certificate } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { buildPath, type CertificateProblem, checkValidity } from './chain.js';
import { type Psd2Role, type QwacDetails, readQwac } from './qwac.js';

/** A TPP certificate that passed every check, as the auth server and the API use it. */
export interface TppCertificate extends QwacDetails {
  /** The certificate itself; oidc-provider binds tokens to it. */
  x509: X509Certificate;
  /** base64url SHA-256 of the DER: RFC 8705's `x5t#S256`. */
  thumbprint: string;
}

export type CertificateCheck =
  | { ok: true; certificate: TppCertificate }
  | ({ ok: false } & CertificateProblem);

export interface TppCertificatesOptions {
  /** The certificate authorities whose TPP certificates are accepted. */
  trustAnchors: X509Certificate[];
  /**
   * The request header a TLS-terminating proxy puts the TPP's certificate in (URL-encoded PEM,
   * nginx's `$ssl_client_escaped_cert`); when set, it is the only source, the TLS connection
   * is not asked. Only for a proxy that always sets it and that is the only way in.
   */
  header?: string;
  now?: () => Date;
}

/** The PSD2 role each service scope needs (ETSI TS 119 495); ASPSP information needs none. */
export const ROLE_FOR_SCOPE: Readonly<Record<string, Psd2Role | undefined>> = {
  accountinformation: 'PSP_AI',
  paymentinitiation: 'PSP_PI',
};

/** The scopes of `scopes` whose PSD2 role the certificate does not carry. */
export function scopesWithoutRole(
  certificate: Pick<TppCertificate, 'roles'>,
  scopes: Iterable<string>,
): { scope: string; role: Psd2Role }[] {
  const missing: { scope: string; role: Psd2Role }[] = [];
  for (const scope of scopes) {
    const role = ROLE_FOR_SCOPE[scope];
    if (role && !certificate.roles.includes(role)) missing.push({ scope, role });
  }
  return missing;
}

type Parsed =
  | { ok: true; path: X509Certificate[]; certificate: TppCertificate }
  | ({ ok: false } & CertificateProblem);

const CACHE_SIZE = 1000;
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g;

/**
 * Production mode's certificate check: finds the TPP's certificate on a request (its TLS
 * connection, or a trusted proxy's header), and accepts it when it chains to a trusted
 * authority, is valid now and is a PSD2 QWAC. One verdict per request; what does not depend
 * on the time is kept per certificate, so a TPP's steady traffic costs a hash and a lookup.
 */
export class TppCertificates {
  private readonly anchors: X509Certificate[];
  private readonly header: string | undefined;
  private readonly now: () => Date;
  private readonly verdicts = new WeakMap<IncomingMessage, CertificateCheck>();
  private readonly parsed = new Map<string, Parsed>();

  constructor(options: TppCertificatesOptions) {
    this.anchors = options.trustAnchors;
    this.header = options.header?.toLowerCase();
    this.now = options.now ?? (() => new Date());
  }

  /** Where certificates come from, for the start-up log line. */
  get source(): string {
    return this.header ? `the ${this.header} header` : 'the TLS connection';
  }

  check(req: IncomingMessage): CertificateCheck {
    const known = this.verdicts.get(req);
    if (known) return known;
    const verdict = this.judge(req);
    this.verdicts.set(req, verdict);
    return verdict;
  }

  /** The request's certificate when it passed, else undefined. */
  certificateOf(req: IncomingMessage): TppCertificate | undefined {
    const verdict = this.check(req);
    return verdict.ok ? verdict.certificate : undefined;
  }

  private judge(req: IncomingMessage): CertificateCheck {
    const presented = this.header ? this.fromHeader(req) : fromTls(req);
    if ('code' in presented) return { ok: false, ...presented };
    if (presented.chain.length === 0) {
      return {
        ok: false,
        code: 'CERTIFICATE_MISSING',
        text: 'a client certificate (the TPP certificate, a QWAC) is required: present it in the TLS handshake',
      };
    }
    const key = presented.chain.map((der) => hash('sha256', der, 'base64url')).join('.');
    let parsed = this.parsed.get(key);
    if (!parsed) {
      parsed = parse(presented.chain, this.anchors);
      if (this.parsed.size >= CACHE_SIZE) {
        const oldest = this.parsed.keys().next().value;
        if (oldest !== undefined) this.parsed.delete(oldest);
      }
      this.parsed.set(key, parsed);
    }
    if (!parsed.ok) return parsed;
    const problem = checkValidity(parsed.path, this.now());
    if (problem) return { ok: false, ...problem };
    return { ok: true, certificate: parsed.certificate };
  }

  private fromHeader(req: IncomingMessage): { chain: Buffer[] } | CertificateProblem {
    const raw = this.header ? req.headers[this.header] : undefined;
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (!value || value.trim() === '' || value === '(null)') return { chain: [] };
    let pem: string;
    try {
      pem = decodeURIComponent(value);
    } catch {
      return { code: 'CERTIFICATE_INVALID', text: 'the client certificate cannot be read' };
    }
    const blocks = pem.match(PEM_BLOCK) ?? [];
    if (blocks.length === 0) {
      return { code: 'CERTIFICATE_INVALID', text: 'the client certificate cannot be read' };
    }
    return {
      chain: blocks.map((block) =>
        Buffer.from(block.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, ''), 'base64'),
      ),
    };
  }
}

/** The certificate the client sent in the TLS handshake, with the intermediates it sent. */
function fromTls(req: IncomingMessage): { chain: Buffer[] } {
  const socket = req.socket as Partial<TLSSocket>;
  if (typeof socket.getPeerCertificate !== 'function') return { chain: [] };
  const chain: Buffer[] = [];
  let current = socket.getPeerCertificate(true);
  while (current?.raw && chain.length < 6) {
    if (chain.some((der) => der.equals(current.raw))) break; // a self-signed certificate ends it
    chain.push(current.raw);
    current = current.issuerCertificate;
  }
  return { chain };
}

function parse(chain: Buffer[], anchors: readonly X509Certificate[]): Parsed {
  let certificates: X509Certificate[];
  try {
    certificates = chain.map((der) => new X509Certificate(der));
  } catch {
    return {
      ok: false,
      code: 'CERTIFICATE_INVALID',
      text: 'the client certificate cannot be read',
    };
  }
  const [leaf, ...intermediates] = certificates;
  if (!leaf) return { ok: false, code: 'CERTIFICATE_MISSING', text: 'no client certificate' };
  const built = buildPath(leaf, intermediates, anchors);
  if (!built.ok) return { ok: false, ...built.problem };
  const qwac = readQwac(leaf.raw);
  if (!qwac.ok) return { ok: false, code: 'CERTIFICATE_INVALID', text: qwac.problem };
  return {
    ok: true,
    path: built.path,
    certificate: { ...qwac.details, x509: leaf, thumbprint: hash('sha256', leaf.raw, 'base64url') },
  };
}

/** The certificates of a PEM bundle (the operator's trust anchors). */
export function certificatesFromPem(pem: string): X509Certificate[] {
  return (pem.match(PEM_BLOCK) ?? []).map((block) => new X509Certificate(block));
}
