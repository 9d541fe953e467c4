/**
 * The one error type of the `/connect` protocol for Bankbridge's own code: whatever refuses
 * a step of the redirect SCA throws it, and the auth server turns it into an RFC 6749 error
 * (a redirect to the TPP with `error` and its `state`, or the token endpoint's JSON body),
 * so services never need to know which of the two the TPP will see.
 */
export class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
    readonly status = 400,
  ) {
    super(`${error}: ${description}`);
    this.name = 'OAuthError';
  }
}
