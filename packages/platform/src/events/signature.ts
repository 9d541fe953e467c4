/**
 * Webhook signatures, in the style of Stripe's `Stripe-Signature`: the header
 * `Bankbridge-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, one `v1` per
 * secret in use (two while a rotated secret overlaps the new one). The timestamp is signed with
 * the body, so a receiver that checks its age refuses a recorded delivery replayed later.
 */
import { createHmac } from 'node:crypto';

export const SIGNATURE_HEADER = 'Bankbridge-Signature';

export function signatureHeader(
  secrets: readonly string[],
  timestamp: number,
  body: string,
): string {
  const signatures = secrets.map(
    (secret) => `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`,
  );
  return [`t=${timestamp}`, ...signatures].join(',');
}
