import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';

/**
 * oidc-provider answers every failed client authentication, and every code or refresh token
 * it refuses itself, with one generic text; the reason stays in the error's `error_detail`,
 * which never reaches the client. These are texts an app developer can act on instead.
 */
export const CLIENT_AUTHENTICATION_FAILED =
  'client authentication failed: check client_id and client_secret (a rotated secret replaces the old one at once)';

const GENERIC_CLIENT_TEXT = 'client authentication failed';
const GENERIC_GRANT_TEXT = 'grant request is invalid';

type Body = { error?: unknown; error_description?: unknown } | null | undefined;

/** The error events are emitted once the answer is in `ctx.body`, with the error itself. */
type Explain = (ctx: KoaContextWithOIDC, error: unknown) => string | undefined;

function rewriting(provider: Provider, error: string, generic: string, explain: Explain): void {
  const listener = (ctx: KoaContextWithOIDC, thrown: unknown) => {
    const body = ctx.body as Body;
    // A text Bankbridge set itself is already specific and stays as it is.
    if (body?.error !== error || body.error_description !== generic) return;
    const description = explain(ctx, thrown);
    if (description) ctx.body = { ...body, error_description: description };
  };
  provider.on('grant.error', listener);
  provider.on('revocation.error', listener);
  provider.on('introspection.error', listener);
}

/**
 * An unknown client_id and a wrong secret get the same text: telling them apart would confirm
 * to a caller which client ids exist.
 */
export function explainClientAuthFailures(provider: Provider): void {
  rewriting(provider, 'invalid_client', GENERIC_CLIENT_TEXT, () => CLIENT_AUTHENTICATION_FAILED);
}

/**
 * Why a code or refresh token was refused. Whatever makes one unusable (unknown, expired,
 * already used, revoked, another client's) gets one text: telling them apart would confirm to
 * a thief that what it holds exists, and of parallel redemptions the losers see "used" or
 * "unknown" by timing alone, yet must all get the answer a later replay gets. The mistakes the
 * client itself makes with its own code, redirect_uri and PKCE verifier, are named: they are
 * checked only once the code is the caller's, so naming them leaks nothing.
 */
const UNUSABLE: Readonly<Record<string, string>> = {
  authorization_code:
    'the authorization code is unknown, expired, already used or issued to another client_id: a code is valid for 5 minutes and redeemed once; start a new authorization to get a new code',
  refresh_token:
    'the refresh token is unknown, expired, revoked, already used or issued to another client_id: each refresh returns a new refresh token to use next time; connect the account again to get new tokens',
};

const REDIRECT_URI_MISMATCH =
  'redirect_uri must be the one the authorization request used, character for character';
const VERIFIER_MISSING =
  'code_verifier is required: the authorization request sent a code_challenge (PKCE), so send the verifier it was made from';
const VERIFIER_MISMATCH =
  'code_verifier does not match the code_challenge of the authorization request (PKCE S256): send the verifier that challenge was made from, or none if the request sent no challenge';

export function explainGrantRefusals(provider: Provider): void {
  rewriting(provider, 'invalid_grant', GENERIC_GRANT_TEXT, (ctx, error) => {
    const grantType = ctx.oidc?.params?.grant_type;
    if (typeof grantType !== 'string' || !UNUSABLE[grantType]) return undefined;
    const { error_detail: detail, cause } = error as { error_detail?: unknown; cause?: unknown };
    if (detail === 'authorization code redirect_uri mismatch') return REDIRECT_URI_MISMATCH;
    // oidc-provider's PKCE check keeps its reason as the cause.
    const reason = cause instanceof Error ? cause.message : '';
    if (reason === 'code_verifier must be provided') return VERIFIER_MISSING;
    if (/code_verifier|code_challenge/.test(reason)) return VERIFIER_MISMATCH;
    return UNUSABLE[grantType];
  });
}
