import type { Pkce } from './pkce.js';

/**
 * The scaOAuth link of a redirect SCA with the integration guide's placeholders filled, and
 * PKCE added so only this TPP can redeem the code.
 */
export function redirectLink(link: {
  template: string;
  clientId: string;
  redirectUri: string;
  state: string;
  pkce: Pkce;
}): string {
  return (
    link.template
      .replace('[CLIENT_ID]', encodeURIComponent(link.clientId))
      .replace('[TPP_REDIRECT_URI]', encodeURIComponent(link.redirectUri))
      .replace('[TPP_STATE]', encodeURIComponent(link.state)) +
    `&code_challenge=${link.pkce.challenge}&code_challenge_method=${link.pkce.method}`
  );
}
