/**
 * What a webhook endpoint may be: an https URL (plain http only for a loopback receiver, and
 * only under the test and development setting) on a host of the client's own list, set by the
 * operator; an address written into the URL must be public. Host names are resolved and
 * checked at each delivery (address-guard.ts), not here: DNS can change after registration.
 */
import ipaddr from 'ipaddr.js';
import { refusalOf } from './address-guard.js';

export interface EndpointPolicy {
  /** BANKBRIDGE_WEBHOOK_LOOPBACK_HTTP: http:// and loopback receivers, for tests and development. */
  allowLoopback: boolean;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

const HOST_NAME =
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** The operator's list of hosts, lower case; IP literals must be public addresses. */
export function checkAllowedHosts(
  hosts: readonly string[],
  policy: EndpointPolicy,
): Checked<string[]> {
  const out: string[] = [];
  for (const raw of hosts) {
    const host = raw.trim().toLowerCase().replace(/\.$/, '');
    const literal = host.startsWith('[') ? host.slice(1, -1) : host;
    if (ipaddr.isValid(literal)) {
      const refusal = refusalOf(literal, policy);
      if (refusal) return { ok: false, reason: `allowed host ${raw}: ${refusal}` };
      out.push(ipaddr.parse(literal).toString());
    } else if (HOST_NAME.test(host)) {
      out.push(host);
    } else {
      return { ok: false, reason: `allowed host ${JSON.stringify(raw)} is not a host name` };
    }
  }
  return { ok: true, value: [...new Set(out)] };
}

/** The endpoint URL as it will be called, or why it may not be. */
export function checkEndpointUrl(
  raw: string,
  allowedHosts: readonly string[],
  policy: EndpointPolicy,
): Checked<string> {
  if (raw.length > 2048) return { ok: false, reason: 'the URL is longer than 2048 characters' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: `${JSON.stringify(raw.slice(0, 100))} is not a URL` };
  }
  if (url.username || url.password)
    return { ok: false, reason: 'the URL may not carry credentials' };
  if (url.hash) return { ok: false, reason: 'the URL may not have a fragment' };
  const host = hostOf(url);
  const literal = ipaddr.isValid(host) ? host : undefined;
  if (url.protocol !== 'https:') {
    // Plain http only under the test setting, and only to loopback: a name is held to that
    // when it is resolved for each delivery (sender.ts).
    const loopbackOrName = !literal || ipaddr.parse(literal).range() === 'loopback';
    if (!(url.protocol === 'http:' && policy.allowLoopback && loopbackOrName)) {
      return { ok: false, reason: 'the URL must be https' };
    }
  }
  if (literal) {
    const refusal = refusalOf(literal, policy);
    if (refusal) return { ok: false, reason: refusal };
  }
  const listed = literal ? ipaddr.parse(literal).toString() : host;
  if (!allowedHosts.includes(listed)) {
    return {
      ok: false,
      reason: `the host ${listed} is not on this client's list of webhook hosts (${allowedHosts.join(', ') || 'empty'}); the operator adds it with bankbridge clients set-webhook --allowed-host`,
    };
  }
  return { ok: true, value: url.toString() };
}

/** The URL's host without IPv6 brackets, lower case. */
export function hostOf(url: URL): string {
  const host = url.hostname.toLowerCase();
  return host.startsWith('[') ? host.slice(1, -1) : host;
}

/**
 * TPP-Notification-Content-Preferred (`status=SCA,PROCESS,LAST`): whether SCA status changes
 * are wanted. Bankbridge always sends every status change (PROCESS): LAST, the final one only,
 * is a subset of it, and a TPP that asked for it is told what it gets instead.
 */
export function wantsScaEvents(header: string | undefined): boolean {
  if (!header) return false;
  const match = /^\s*status\s*=\s*(.*)$/i.exec(header);
  if (!match) return false;
  return (match[1] ?? '')
    .split(',')
    .map((token) => token.trim().toUpperCase())
    .includes('SCA');
}

/** ASPSP-Notification-Content: what this resource's endpoint will be sent. */
export function notificationContent(scaEvents: boolean): string {
  return scaEvents ? 'status=SCA,PROCESS' : 'status=PROCESS';
}
