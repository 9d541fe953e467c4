import type { IncomingMessage } from 'node:http';
import Provider, { errors, type KoaContextWithOIDC } from 'oidc-provider';
import { parseScope } from '../auth/scopes.js';
import type { ClientsRepository } from '../store/clients.js';
import {
  scopesWithoutRole,
  type TppCertificate,
  type TppCertificates,
} from './tpp-certificates.js';

/**
 * The auth server's side of production mode (RFC 8705 with PSD2 certificates), added to
 * oidc-provider in three places:
 * - client authentication: besides its secret, a client presents a TPP certificate that is
 *   trusted, valid, a QWAC, and whose organisation identifier is the one the client is bound to;
 * - tokens: each token names only services whose PSD2 role the certificate carries (PSP_AI for
 *   `accountinformation`, PSP_PI for `paymentinitiation`); a redirect SCA's code is checked
 *   before it is redeemed, so a refusal leaves the consent untouched;
 * - binding: oidc-provider stores the certificate's SHA-256 thumbprint in every access token
 *   (`cnf.x5t#S256` in introspection), which the API compares with the certificate presented.
 *
 * Refusals are RFC 6749 errors: 401 `invalid_client` for the certificate and the binding,
 * 400 `invalid_scope` for a missing role.
 */
export function requireCertificatesAtTheAuthServer(
  provider: Provider,
  options: { certificates: TppCertificates; clients: ClientsRepository },
): void {
  const { certificates, clients } = options;
  const certificateOf = (req: IncomingMessage | undefined): TppCertificate => {
    if (!req) throw invalidClient('a client certificate is required');
    const verdict = certificates.check(req);
    if (!verdict.ok) throw invalidClient(`${verdict.text} (${verdict.code})`);
    return verdict.certificate;
  };
  const currentRequest = () => (Provider.ctx as KoaContextWithOIDC | undefined)?.req;

  const client = provider.Client.prototype;
  const compareSecret = client.compareClientSecret;
  client.compareClientSecret = async function compareSecretAndCertificate(
    this: { clientId: string },
    actual: string,
  ) {
    const certificate = certificateOf(currentRequest());
    if (!(await compareSecret.call(this, actual))) return false;
    // Only a client that proved its secret learns which certificate it is bound to.
    const bound = (await clients.find(this.clientId))?.certificateOrganizationId;
    if (!bound) {
      throw invalidClient(
        'this client is not bound to a TPP certificate yet; the operator binds it with `bankbridge clients set-certificate`',
      );
    }
    if (bound !== certificate.organizationId) {
      throw invalidClient(
        `the client certificate belongs to ${certificate.organizationId}, but this client is bound to ${bound}`,
      );
    }
    return true;
  };

  const checkRoles = (scope: string | undefined) => {
    const certificate = certificateOf(currentRequest());
    const missing = scopesWithoutRole(certificate, parseScope(scope));
    if (missing.length > 0) {
      throw new errors.InvalidScope(
        missing
          .map(
            ({ scope: name, role }) =>
              `scope ${name} needs the PSD2 role ${role}, which the client certificate does not carry (ROLE_INVALID)`,
          )
          .join('; '),
        scope ?? '',
      );
    }
  };
  for (const model of [provider.ClientCredentials, provider.AccessToken]) {
    const save = model.prototype.save;
    model.prototype.save = async function saveWithRoles(this: { scope?: string }) {
      checkRoles(this.scope);
      return save.call(this);
    };
  }
  // A redirect SCA's code finishes the consent at the bank when it is redeemed: check first.
  const consume = provider.AuthorizationCode.prototype.consume;
  provider.AuthorizationCode.prototype.consume = async function consumeWithRoles(this: {
    scope?: string;
  }) {
    checkRoles(this.scope);
    return consume.call(this);
  };
}

/** What oidc-provider's `features.mTLS` is given in production mode. */
export function mtlsFeature(certificates: TppCertificates) {
  return {
    enabled: true,
    certificateBoundAccessTokens: true,
    getCertificate: (ctx: KoaContextWithOIDC) => certificates.certificateOf(ctx.req)?.x509,
  };
}

function invalidClient(description: string): Error {
  return Object.assign(new errors.InvalidClient(description), {
    status: 401,
    statusCode: 401,
    expose: true,
  });
}
