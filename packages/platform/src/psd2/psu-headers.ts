/**
 * The PSU-* headers the contract gives a format. A TPP forwards them from its user's request,
 * and Bankbridge passes some on to the bank; `PSU-IP-Address` also marks a read as made with the
 * user present, which the consent's daily budget does not count. A value that is no IP address
 * must not do either: it is refused, as every header below is, with 400 naming the header.
 *
 * Errata of the contract handled here: it types PSU-IP-Address as `ipv4` only, although the
 * user's connection to the TPP is as often IPv6: both are taken. Its PSU-Geo-Location pattern
 * is unanchored: it is read anchored. PSU-IP-Port is typed as a bare string with the example
 * "1234": it is read as a TCP port, 1 to 65535.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';
import { isUuid } from '../http/request-id.js';

export interface PsuHeaderFormat {
  /** As the contract writes it. */
  name: string;
  accepts(value: string): boolean;
  /** What the value must be, for the refusal. */
  expected: string;
}

export const PSU_IP_ADDRESS: PsuHeaderFormat = {
  name: 'PSU-IP-Address',
  // A zone index (`fe80::1%eth0`) names an interface of the TPP's own host: no address of the
  // user's, and text no bank expects.
  accepts: (value) => isIP(value) !== 0 && !value.includes('%'),
  expected: "the PSU's IP address, IPv4 or IPv6, e.g. 192.0.2.10",
};

const PSU_IP_PORT: PsuHeaderFormat = {
  name: 'PSU-IP-Port',
  accepts: (value) => /^[0-9]{1,5}$/.test(value) && Number(value) >= 1 && Number(value) <= 65535,
  expected: 'a port number from 1 to 65535',
};

const PSU_GEO_LOCATION: PsuHeaderFormat = {
  name: 'PSU-Geo-Location',
  accepts: (value) => /^GEO:-?[0-9]{1,2}\.[0-9]{6};-?[0-9]{1,3}\.[0-9]{6}$/.test(value),
  expected: 'GEO:<latitude>;<longitude> with six decimals, e.g. GEO:52.506931;13.144558',
};

const PSU_DEVICE_ID: PsuHeaderFormat = {
  name: 'PSU-Device-ID',
  accepts: isUuid,
  expected: 'a UUID',
};

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

const PSU_HTTP_METHOD: PsuHeaderFormat = {
  name: 'PSU-Http-Method',
  accepts: (value) => HTTP_METHODS.includes(value),
  expected: `one of ${HTTP_METHODS.join(', ')}`,
};

/** The formatted PSU headers every consent, account and payment operation of the contract takes. */
export const PSD2_PSU_HEADERS: readonly PsuHeaderFormat[] = [
  PSU_IP_ADDRESS,
  PSU_IP_PORT,
  PSU_GEO_LOCATION,
  PSU_DEVICE_ID,
  PSU_HTTP_METHOD,
];

/**
 * The refusal of the first of `formats` whose header is present with a malformed value, or
 * undefined. A blank header counts as absent, as everywhere else. A header sent twice is read
 * as Node's HTTP parser joins it, `a, b`, which no format accepts: which of two addresses is
 * the user's cannot be told.
 */
export function malformedPsuHeader(
  headers: IncomingHttpHeaders,
  formats: readonly PsuHeaderFormat[],
): string | undefined {
  for (const format of formats) {
    const raw = headers[format.name.toLowerCase()];
    const value = (Array.isArray(raw) ? raw.join(', ') : raw)?.trim();
    if (value && !format.accepts(value)) {
      return `the ${format.name} header must be ${format.expected}`;
    }
  }
  return undefined;
}
