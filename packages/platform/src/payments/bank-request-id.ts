import { createHash } from 'node:crypto';

/**
 * The X-Request-ID of the bank call that creates a payment: a UUID derived from the client
 * and the TPP's own X-Request-ID. A retry of the same TPP request (after a lost answer, or on
 * another instance after a crash) sends the bank the same id, and a bank that honours it
 * answers its first payment again rather than creating a second; two clients that happen to
 * use one X-Request-ID never meet at the bank.
 */
export function bankRequestId(clientId: string, requestId: string): string {
  const hash = createHash('sha256')
    .update(`bankbridge:payment:${clientId}\n${requestId.toLowerCase()}`)
    .digest('hex');
  // A version-4-shaped UUID (RFC 9562 variant bits), as banks validate X-Request-ID as a UUID.
  const variant = ((Number.parseInt(hash.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hash.slice(0, 8)}-${hash.slice(8, 12)}-4${hash.slice(13, 16)}-${variant}${hash.slice(17, 20)}-${hash.slice(20, 32)}`;
}

/** An end-to-end id for a payment the TPP gave none: 32 hex digits, stable for its request. */
export function endToEndIdFor(bankRequestId: string): string {
  return bankRequestId.replaceAll('-', '').toUpperCase();
}
