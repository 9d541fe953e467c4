/**
 * Bankbridge webhooks for TPPs: the typed events and `verifyWebhook`, which checks a delivery's
 * `Bankbridge-Signature` (HMAC-SHA256 over `<t>.<body>` with the client's signing secret), its
 * age, and, given a store of seen ids, that it is not a repeat. Web Crypto only, so it runs in
 * Node.js 20+ and in edge runtimes alike.
 */

interface EventBase {
  /** The same on every delivery of one event: drop repeats by it. */
  id: string;
  /** When the change happened (ISO 8601). */
  timestamp: string;
}

export interface ConsentStatusChanged extends EventBase {
  type: 'consent.status_changed';
  resource: { kind: 'consent'; id: string };
  oldStatus: string;
  /** valid, rejected, revokedByPsu, expired or terminatedByTpp. */
  newStatus: string;
}

/** Sent once, a configured time (7 days by default) before the consent's validUntil ends. */
export interface ConsentExpiring extends EventBase {
  type: 'consent.expiring';
  resource: { kind: 'consent'; id: string };
  oldStatus: 'valid';
  newStatus: 'valid';
  validUntil: string;
  /** The instant the consent stops working (midnight after validUntil at the bank). */
  expiresAt: string;
}

export interface PaymentStatusChanged extends EventBase {
  type: 'payment.status_changed';
  resource: { kind: 'payment'; id: string };
  /** ISO 20022 transaction statuses: RCVD, ACTC, ACSP, ACSC, ACCC, RJCT, CANC, ... */
  oldStatus: string;
  newStatus: string;
}

/** Only when asked for (TPP-Notification-Content-Preferred: status=SCA, or client-wide). */
export interface AuthorisationStatusChanged extends EventBase {
  type: 'authorisation.status_changed';
  resource: {
    kind: 'consent' | 'payment';
    id: string;
    authorisation: { id: string; kind: 'consent' | 'payment' | 'paymentCancellation' | string };
  };
  oldStatus: string;
  newStatus: string;
}

export type BankbridgeEvent =
  | ConsentStatusChanged
  | ConsentExpiring
  | PaymentStatusChanged
  | AuthorisationStatusChanged;

/** Remembers the event ids already handled; `true` when `id` was seen before. */
export interface SeenEvents {
  seen(id: string): boolean | Promise<boolean>;
}

export interface VerifyWebhookOptions {
  /** The client's signing secret(s) (`whsec_...`); several while rotating. */
  secret: string | readonly string[];
  /** How old a delivery may be, in seconds (default 300). */
  toleranceSeconds?: number;
  /** Refuses a repeat of an event already handled; leave out to handle repeats yourself. */
  seenEvents?: SeenEvents;
  now?: () => Date;
}

export class WebhookVerificationError extends Error {
  override name = 'WebhookVerificationError';
  constructor(
    readonly reason: 'signature' | 'timestamp' | 'replay' | 'format',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The event of a delivery whose signature, age and (with `seenEvents`) novelty check out.
 * Pass the body exactly as received (the raw text, not parsed and stringified again).
 */
export async function verifyWebhook(
  body: string,
  signatureHeader: string | null | undefined,
  options: VerifyWebhookOptions,
): Promise<BankbridgeEvent> {
  const { timestamp, signatures } = parseSignature(signatureHeader ?? '');
  const age = Math.abs((options.now?.() ?? new Date()).getTime() / 1000 - timestamp);
  if (age > (options.toleranceSeconds ?? 300)) {
    throw new WebhookVerificationError('timestamp', `the delivery is ${Math.round(age)} s old`);
  }
  const secrets = typeof options.secret === 'string' ? [options.secret] : options.secret;
  let valid = false;
  for (const secret of secrets) {
    const expected = await hmacHex(secret, `${timestamp}.${body}`);
    for (const signature of signatures) if (sameText(expected, signature)) valid = true;
  }
  if (!valid) throw new WebhookVerificationError('signature', 'no signature matches the secret');
  let event: BankbridgeEvent;
  try {
    event = JSON.parse(body) as BankbridgeEvent;
  } catch {
    throw new WebhookVerificationError('format', 'the body is not JSON');
  }
  if (options.seenEvents && (await options.seenEvents.seen(event.id))) {
    throw new WebhookVerificationError('replay', `event ${event.id} was already handled`);
  }
  return event;
}

/**
 * Seen ids kept in memory for `ttlSeconds` (the tolerance window is enough: older deliveries
 * fail the timestamp check). One process only: several need a shared store.
 */
export class MemorySeenEvents implements SeenEvents {
  private readonly ids = new Map<string, number>();

  constructor(
    private readonly ttlSeconds = 600,
    private readonly now: () => number = () => Date.now(),
  ) {}

  seen(id: string): boolean {
    const now = this.now();
    for (const [known, until] of this.ids) if (until < now) this.ids.delete(known);
    if (this.ids.has(id)) return true;
    this.ids.set(id, now + this.ttlSeconds * 1000);
    return false;
  }
}

function parseSignature(header: string): { timestamp: number; signatures: string[] } {
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value && /^\d+$/.test(value)) timestamp = Number(value);
    if (key === 'v1' && value) signatures.push(value);
  }
  if (timestamp === undefined || signatures.length === 0) {
    throw new WebhookVerificationError('format', 'Bankbridge-Signature needs t=... and v1=...');
  }
  return { timestamp, signatures };
}

async function hmacHex(secret: string, text: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(text)));
  return Array.from(mac, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Compares without stopping at the first difference, so timing tells nothing of the match. */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
