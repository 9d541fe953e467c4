import { randomUUID } from 'node:crypto';

/**
 * A UUID of version 7 (RFC 9562): the first 48 bits are the Unix time in milliseconds, the rest
 * random. For rows written often and never looked up by a guess (log rows): a random key lands
 * each insert on another page of its index, and every page an insert touches is written to the
 * database's log again, while keys that grow with time fill the index's last page. Ids a TPP
 * sees stay random; this one tells when its row was written.
 */
export function timeOrderedId(now: number = Date.now()): string {
  const time = now.toString(16).padStart(12, '0');
  // Node's random UUIDs come from a buffered CSPRNG: cheaper than drawing bytes here. Past its
  // time fields, a version 4 UUID differs from a version 7 one only in the version digit.
  const random = randomUUID();
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15)}`;
}
