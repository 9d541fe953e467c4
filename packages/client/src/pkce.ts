/**
 * PKCE (RFC 7636) with S256, on Web Crypto so it runs in browsers as in Node.js: the verifier
 * stays with the TPP, the challenge goes in the authorisation link, and a code intercepted on
 * the way back is useless without the verifier.
 */

export interface Pkce {
  verifier: string;
  challenge: string;
  method: 'S256';
}

export async function createPkce(): Promise<Pkce> {
  const verifier = base64Url(globalThis.crypto.getRandomValues(new Uint8Array(32)));
  return { verifier, challenge: await pkceChallenge(verifier), method: 'S256' };
}

/** BASE64URL(SHA256(verifier)), as the auth server recomputes it. */
export async function pkceChallenge(verifier: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(verifier),
  );
  return base64Url(new Uint8Array(digest));
}

/** Base64url without padding; btoa exists in browsers and Node.js alike, Buffer does not. */
export function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
