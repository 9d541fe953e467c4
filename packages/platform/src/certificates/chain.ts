import type { X509Certificate } from 'node:crypto';

/** Why a certificate is refused, as NextGenPSD2 names it (401). */
export type CertificateProblemCode =
  | 'CERTIFICATE_MISSING'
  | 'CERTIFICATE_EXPIRED'
  | 'CERTIFICATE_INVALID';

export interface CertificateProblem {
  code: CertificateProblemCode;
  text: string;
}

const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const MAX_INTERMEDIATES = 4;

/**
 * The path from a TPP's certificate to one of the operator's trust anchors, through the
 * intermediates the TPP presented; each link's issuer and signature checked (node:crypto, that
 * is OpenSSL). Does not depend on the time: `checkValidity` does that part, per request.
 */
export function buildPath(
  leaf: X509Certificate,
  presented: readonly X509Certificate[],
  anchors: readonly X509Certificate[],
): { ok: true; path: X509Certificate[] } | { ok: false; problem: CertificateProblem } {
  if (leaf.ca) {
    return invalid('the client certificate is a CA certificate, not a TPP certificate');
  }
  // A certificate without clientAuth among several purposes was not issued for TLS clients.
  const purposes = leaf.keyUsage;
  if (purposes && purposes.length > 0 && !purposes.includes(CLIENT_AUTH)) {
    return invalid('the client certificate is not issued for TLS client authentication');
  }
  const path = [leaf];
  let current = leaf;
  for (let depth = 0; depth <= MAX_INTERMEDIATES; depth++) {
    const anchor = anchors.find((candidate) => issued(candidate, current));
    if (anchor) {
      if (anchor !== current && !anchor.raw.equals(current.raw)) path.push(anchor);
      return { ok: true, path };
    }
    const next = presented.find(
      (candidate) => candidate.ca && !path.includes(candidate) && issued(candidate, current),
    );
    if (!next) break;
    path.push(next);
    current = next;
  }
  return invalid(
    `the client certificate (issuer "${oneLine(leaf.issuer)}") is not issued by a certificate authority this server trusts`,
  );
}

/** Every certificate of the path must be valid at `now`. */
export function checkValidity(
  path: readonly X509Certificate[],
  now: Date,
): CertificateProblem | undefined {
  const [leaf, ...issuers] = path;
  if (!leaf) return { code: 'CERTIFICATE_MISSING', text: 'no client certificate' };
  const at = now.getTime();
  if (Date.parse(leaf.validTo) <= at) {
    return {
      code: 'CERTIFICATE_EXPIRED',
      text: `the client certificate expired on ${new Date(leaf.validTo).toISOString()}`,
    };
  }
  if (Date.parse(leaf.validFrom) > at) {
    return invalid(
      `the client certificate is not valid before ${new Date(leaf.validFrom).toISOString()}`,
    ).problem;
  }
  for (const issuer of issuers) {
    if (Date.parse(issuer.validTo) <= at || Date.parse(issuer.validFrom) > at) {
      return invalid(
        `the certificate authority "${oneLine(issuer.subject)}" of the client certificate is not valid now`,
      ).problem;
    }
  }
  return undefined;
}

function issued(issuer: X509Certificate, subject: X509Certificate): boolean {
  try {
    return subject.checkIssued(issuer) && subject.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

function invalid(text: string): { ok: false; problem: CertificateProblem } {
  return { ok: false, problem: { code: 'CERTIFICATE_INVALID', text } };
}

/** node:crypto prints a distinguished name one attribute per line. */
function oneLine(name: string): string {
  return name.split('\n').join(', ');
}
