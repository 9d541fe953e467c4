/**
 * A Bankbridge platform and its sandbox banks listening on real ports, for the client to
 * reach with fetch as a TPP does: the platform's own test platform, on free ports, with one
 * registered client whose credentials the tests hand to the SDK.
 */
import {
  type ListeningPlatform,
  startListeningPlatform,
} from '../../../platform/test/support/listening-platform.js';
import type { TestPlatformOptions } from '../../../platform/test/support/test-platform.js';
import { Bankbridge, type BankbridgeOptions } from '../../src/index.js';

export interface LivePlatform extends ListeningPlatform {
  /** A client of this platform with the test client's credentials. */
  sdk(options?: Partial<BankbridgeOptions>): Bankbridge;
}

export async function startLivePlatform(options: TestPlatformOptions = {}): Promise<LivePlatform> {
  const live = await startListeningPlatform(options);
  return Object.assign(live, {
    sdk: (overrides: Partial<BankbridgeOptions> = {}) =>
      new Bankbridge({
        apiUrl: live.apiUrl,
        authUrl: live.authUrl,
        clientId: live.client.id,
        clientSecret: live.client.secret,
        ...overrides,
      }),
  });
}

/** The sandbox's test PSUs (the same ids at every bank). */
export const ANNA = '198301014882';
export const LARS = '196505057775';
export const OSKAR = '198802020001';

/** The PSU of the tests: present, at a known address, with a browser. */
export const PSU = { ipAddress: '192.0.2.10', userAgent: 'Mozilla/5.0 (X11; Linux x86_64)' };

/** A one-off consent at Swedbank, created with the PSU present: pass `bic` for another bank. */
export function oneOffConsent(bic = 'SWEDSESS') {
  return {
    bic,
    access: {},
    validUntil: '2099-01-01',
    frequencyPerDay: 1,
    recurringIndicator: false,
    psu: PSU,
  };
}

/** The UTC date `days` before today, as YYYY-MM-DD. */
export function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

/** The person with the phone: acts on a BankID order in the sandbox's simulator. */
export async function bankIdApp(
  sandboxUrl: string,
  autostartToken: string,
  action: 'approve' | 'deny' | 'open',
  psuId?: string,
): Promise<void> {
  const response = await fetch(`${sandboxUrl}/bankid/api/orders/${autostartToken}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action, ...(psuId ? { psuId } : {}) }),
  });
  if (!response.ok)
    throw new Error(`BankID simulator: ${response.status} ${await response.text()}`);
}

/** A valid consent at a decoupled bank, the PSU having approved with BankID. */
export async function validConsent(
  live: LivePlatform,
  bankbridge: Bankbridge,
  options: { psuId?: string; bic?: string; recurringIndicator?: boolean } = {},
) {
  const connection = await bankbridge.connect({
    bic: options.bic ?? 'SWEDSESS',
    psu: PSU,
    access: {},
    preferDecoupled: true,
    ...(options.recurringIndicator === undefined
      ? {}
      : { recurringIndicator: options.recurringIndicator, frequencyPerDay: 1 }),
  });
  if (connection.kind !== 'decoupled')
    throw new Error(`expected decoupled, got ${connection.kind}`);
  await bankIdApp(live.sandboxUrl, connection.autostartToken, 'approve', options.psuId ?? ANNA);
  return connection.waitUntilValid({ intervalMs: 100 });
}

/** A fetch that records every request and lets a test answer some itself. */
export function recordingFetch(
  intercept?: (url: URL, init: RequestInit, attempt: number) => Promise<Response> | undefined,
) {
  const calls: Array<{ method: string; url: URL; headers: Headers }> = [];
  const attempts = new Map<string, number>();
  const fetcher: typeof fetch = async (input, init = {}) => {
    const url = new URL(String(input));
    const headers = new Headers(init.headers);
    calls.push({ method: init.method ?? 'GET', url, headers });
    const key = `${init.method ?? 'GET'} ${url.pathname}`;
    const attempt = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, attempt);
    const answer = intercept?.(url, init, attempt);
    return answer ?? fetch(input, init);
  };
  return { fetch: fetcher, calls };
}
