/**
 * When an authorization request must carry a PKCE challenge, on both OAuth servers (`/connect`
 * and `/oauth`). A challenge that is sent is always enforced by oidc-provider: S256 only (plain
 * and a challenge without its method are refused), and the code then needs its verifier. Whether
 * one must be sent is this policy: always for a public client (it has no secret, so PKCE is
 * what binds the code to it); for a confidential client when the operator requires it for all
 * clients (BANKBRIDGE_REQUIRE_PKCE, a FAPI 2.0 setting) or for that client (`clients set-pkce`).
 * Off by default, because the integration guide's redirect flow, and the clients built on it,
 * send no challenge.
 */
import { type Client, errors, type KoaContextWithOIDC } from 'oidc-provider';

/** The client metadata (oidc-provider's extra metadata) that carries a client's own requirement. */
export const REQUIRE_PKCE_METADATA = 'require_pkce';

export const PKCE_REQUIRED =
  'PKCE (S256) is required for this client: send code_challenge with code_challenge_method=S256';

/** oidc-provider's `pkce` and `extraClientMetadata` settings for this policy. */
export function pkceSettings(options: { requiredForAll: boolean }) {
  return {
    pkce: {
      // oidc-provider answers `true` with a description that names no client or method; the
      // TPP is told what to send instead. Thrown here, it goes back to the redirect URI as
      // invalid_request with the TPP's state, like the provider's own refusal would.
      required: (_ctx: KoaContextWithOIDC, client: Client): boolean => {
        if (
          options.requiredForAll ||
          client.clientAuthMethod === 'none' ||
          client[REQUIRE_PKCE_METADATA] === true
        ) {
          throw new errors.InvalidRequest(PKCE_REQUIRED);
        }
        return false;
      },
    },
    extraClientMetadata: { properties: [REQUIRE_PKCE_METADATA] },
  };
}
