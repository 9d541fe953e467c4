/**
 * Which addresses a webhook may be sent to: public unicast only. A TPP names the URL, so
 * without this check Bankbridge would be a way into its own network (the database, a cloud's
 * metadata service at 169.254.169.254, an admin port on loopback). Every address the host
 * resolves to is checked at each attempt, and the connection is made to the address checked,
 * never resolved again: a name that answers a public address to the check and a private one
 * to the connection (DNS rebinding) cannot get through.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

/** Resolves a host name to all its addresses (dns.lookup by default; tests inject one). */
export type Resolver = (host: string) => Promise<Array<{ address: string; family: number }>>;

export const systemResolver: Resolver = (host) => dnsLookup(host, { all: true, verbatim: true });

export class AddressRefused extends Error {
  override name = 'AddressRefused';
}

export interface GuardOptions {
  /** Loopback receivers are allowed (the test and development setting). */
  allowLoopback: boolean;
}

/** Why an address may not be called, or undefined when it is a public unicast address. */
export function refusalOf(address: string, options: GuardOptions): string | undefined {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  let parsed = ipaddr.parse(address);
  // An IPv4 address written as IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it is.
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  const range = parsed.range();
  if (range === 'unicast') return undefined;
  if (range === 'loopback' && options.allowLoopback) return undefined;
  return `${address} is not a public address (${range})`;
}

/**
 * The address to connect to for `host`: an IP literal as it is, a name resolved once. Every
 * address must pass, not only the first: a name with one private address among public ones is
 * refused, as the connection might otherwise land on it another time.
 */
export async function checkedAddress(
  host: string,
  options: GuardOptions & { resolve: Resolver },
): Promise<{ address: string; family: 4 | 6 }> {
  const literal = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  const addresses = ipaddr.isValid(literal)
    ? [{ address: literal, family: literal.includes(':') ? 6 : 4 }]
    : await options.resolve(host).catch((error: unknown) => {
        throw new AddressRefused(`${host} does not resolve (${(error as Error).message})`);
      });
  if (addresses.length === 0) throw new AddressRefused(`${host} has no address`);
  for (const { address } of addresses) {
    const refusal = refusalOf(address, options);
    if (refusal) throw new AddressRefused(`${host}: ${refusal}`);
  }
  const first = addresses[0] as { address: string; family: number };
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}
