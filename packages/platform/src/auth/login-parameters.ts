/**
 * What `/connect/authorize` carries for a redirect SCA, for any kind of resource, in one place:
 * the `acr_values` of the `scaOAuth` link (`idp:<BIC> consentId:<id> consentAuthorisationId:<id>`
 * for a consent, `paymentId:`/`paymentAuthorisationId:` for a payment), the headers the code
 * exchange must repeat them in (`X-ConsentId` / `X-ConsentAuthorisationId`, ...), and how a code
 * names the authorisation it finishes.
 */

/** How one kind of resource is named in `acr_values` and in the token request's headers. */
export interface LoginNames {
  kind: string;
  /** The `acr_values` key of the resource id; its header is `X-` and the key capitalised. */
  resourceKey: string;
  /** The `acr_values` key of the authorisation id; its header is formed the same way. */
  authorisationKey: string;
  /** The service of the token the SCA ends with (`accountinformation`, `paymentinitiation`). */
  service: string;
}

/**
 * The kinds a redirect SCA can be for. Decision: a payment's cancellation is authorised with
 * `paymentId:` and `paymentCancellationId:` (headers `X-PaymentId`, `X-PaymentCancellationId`),
 * the cancellation authorisation's id under the name Berlin Group gives it.
 */
export const LOGIN_NAMES: readonly LoginNames[] = [
  {
    kind: 'consent',
    resourceKey: 'consentId',
    authorisationKey: 'consentAuthorisationId',
    service: 'accountinformation',
  },
  {
    kind: 'payment',
    resourceKey: 'paymentId',
    authorisationKey: 'paymentAuthorisationId',
    service: 'paymentinitiation',
  },
  {
    kind: 'paymentCancellation',
    resourceKey: 'paymentId',
    authorisationKey: 'paymentCancellationId',
    service: 'paymentinitiation',
  },
];

/** Which authorisation of which resource an authorization request is for. */
export interface LoginTarget {
  bic: string;
  kind: string;
  resourceId: string;
  authorisationId: string;
}

export type AcrParse = { ok: true; target: LoginTarget } | { ok: false; problem: string };

/** Resource and authorisation ids are opaque, but never contain separators or spaces. */
const ID = /^[A-Za-z0-9._~-]{1,128}$/;
const BIC = /^[A-Z0-9]{8}([A-Z0-9]{3})?$/;

const EXPECTED = `acr_values must be "idp:<BIC> consentId:<id> consentAuthorisationId:<id>" (for a payment: paymentId:<id> paymentAuthorisationId:<id>)`;

function namesFor(key: string): LoginNames[] {
  return LOGIN_NAMES.filter((n) => n.resourceKey === key || n.authorisationKey === key);
}

/**
 * Reads `idp:<BIC> <resourceKey>:<id> <authorisationKey>:<id>` (any order, one space apart, as
 * the `scaOAuth` link has it). Each part exactly once, all of one kind; nothing else.
 */
export function parseAcrValues(value: string | undefined): AcrParse {
  if (value === undefined || value.trim() === '') {
    return { ok: false, problem: `${EXPECTED}, as in the scaOAuth link; it is missing` };
  }
  const found = new Map<string, string>();
  for (const part of value.split(' ').filter(Boolean)) {
    const colon = part.indexOf(':');
    const key = colon > 0 ? part.slice(0, colon) : part;
    if (key !== 'idp' && namesFor(key).length === 0) {
      return { ok: false, problem: `${EXPECTED}; "${key}" is not one of them` };
    }
    if (found.has(key)) return { ok: false, problem: `${EXPECTED}; ${key} is given twice` };
    found.set(key, part.slice(colon + 1));
  }
  const keys = [...found.keys()].filter((key) => key !== 'idp');
  const names = LOGIN_NAMES.find((n) =>
    keys.every((key) => key === n.resourceKey || key === n.authorisationKey),
  );
  if (!names)
    return { ok: false, problem: `${EXPECTED}; ${keys.join(' and ')} do not go together` };
  for (const key of ['idp', names.resourceKey, names.authorisationKey]) {
    const given = found.get(key);
    if (given === undefined || given === '') {
      return { ok: false, problem: `${EXPECTED}; ${key} is missing` };
    }
    if (!(key === 'idp' ? BIC : ID).test(given)) {
      return { ok: false, problem: `${EXPECTED}; ${key} ${JSON.stringify(given)} is malformed` };
    }
  }
  return {
    ok: true,
    target: {
      bic: found.get('idp') as string,
      kind: names.kind,
      resourceId: found.get(names.resourceKey) as string,
      authorisationId: found.get(names.authorisationKey) as string,
    },
  };
}

/** The `acr_values` of a target, as the `scaOAuth` link carries it (spaces as `%20`). */
export function acrValues(target: LoginTarget): string {
  const names = loginNames(target.kind);
  return [
    `idp:${target.bic}`,
    `${names.resourceKey}:${target.resourceId}`,
    `${names.authorisationKey}:${target.authorisationId}`,
  ].join('%20');
}

export function loginNames(kind: string): LoginNames {
  const names = LOGIN_NAMES.find((n) => n.kind === kind);
  if (!names) throw new Error(`no login parameters for ${kind}`);
  return names;
}

/** The headers the code exchange must carry for a kind: `X-ConsentId`, `X-ConsentAuthorisationId`. */
export function loginHeaders(kind: string): { resource: string; authorisation: string } {
  const names = loginNames(kind);
  const header = (key: string) => `X-${key.charAt(0).toUpperCase()}${key.slice(1)}`;
  return { resource: header(names.resourceKey), authorisation: header(names.authorisationKey) };
}

/**
 * oidc-provider's account id for a code: the authorisation the PSU completed. The token
 * endpoint compares it with the headers of its kind.
 */
export function loginAccountId(target: Omit<LoginTarget, 'bic'>): string {
  return `${target.kind}:${target.resourceId}:${target.authorisationId}`;
}

export function parseLoginAccountId(
  accountId: string | undefined,
): Omit<LoginTarget, 'bic'> | undefined {
  const match = /^([A-Za-z]+):([^:]+):([^:]+)$/.exec(accountId ?? '');
  if (!match || !LOGIN_NAMES.some((n) => n.kind === match[1])) return undefined;
  return {
    kind: match[1] as string,
    resourceId: match[2] as string,
    authorisationId: match[3] as string,
  };
}
