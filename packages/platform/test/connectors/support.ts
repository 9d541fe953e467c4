// Test plumbing for the connector tests: a live sandbox on a free port, connectors for every
// registry bank pointed at it, captured log lines (ours and the bank's), and the browser side
// of the redirect SCA done over HTTP.

import { randomUUID } from 'node:crypto';
import { type RunSandboxOptions, runSandbox } from '@bankbridge/sandbox';
import pino from 'pino';
import { expect } from 'vitest';
import {
  type BankCallContext,
  type BankConnector,
  BankError,
  type ConnectorLookup,
  type ConnectorsOptions,
  createConnectors,
  SANDBOX_CREDENTIALS,
} from '../../src/connectors/index.js';
import { createLogger } from '../../src/logging/logger.js';
import { defaultRegistryPath, loadRegistry, type Registry } from '../../src/registry/index.js';

export const ANNA = '198301014882';
export const ERIK = '199005152385';
export const REDIRECT_URI = 'https://bankbridge.test/connect/bank-callback';
export const PSU = { ipAddress: '192.0.2.10', userAgent: 'Mozilla/5.0 (test)' };

export interface ConnectorWorld {
  sandboxUrl: string;
  registry: Registry;
  connectorFor: ConnectorLookup;
  /** Connectors for the same banks with other options (a shorter deadline, no retries). */
  connectorsWith(options: Partial<ConnectorsOptions>): ConnectorLookup;
  /** JSON lines Bankbridge logged. */
  logLines: string[];
  /** JSON lines the sandbox banks logged (fastify's request log, reqId = X-Request-ID). */
  bankLogLines: string[];
  ctx(bic: string, requestId?: string): BankCallContext;
  /** How many requests with this X-Request-ID reached the sandbox. */
  bankSaw(requestId: string): number;
  admin(method: string, path: string, body?: unknown): Promise<Response>;
  close(): Promise<void>;
}

export async function startWorld(
  options: {
    sandbox?: Omit<RunSandboxOptions, 'port' | 'host' | 'logger'>;
    connectors?: Partial<ConnectorsOptions>;
  } = {},
): Promise<ConnectorWorld> {
  const bankLogLines: string[] = [];
  const sandbox = await runSandbox({
    port: 0,
    host: '127.0.0.1',
    logger: pino({ level: 'info' }, { write: (line: string) => void bankLogLines.push(line) }),
    ...options.sandbox,
  });
  const registry = loadRegistry(defaultRegistryPath(), {
    sandboxUrl: sandbox.url,
    apiUrl: 'http://api.bankbridge.test',
    authUrl: 'http://auth.bankbridge.test',
  });
  const logLines: string[] = [];
  const logger = createLogger({
    level: 'info',
    destination: { write: (line: string) => void logLines.push(line) },
  });
  const connectorsWith = (extra: Partial<ConnectorsOptions>) =>
    createConnectors(registry, {
      credentials: SANDBOX_CREDENTIALS,
      ...options.connectors,
      ...extra,
      http: {
        timeoutMs: 3_000,
        retryBaseDelayMs: 20,
        retryMaxDelayMs: 100,
        ...options.connectors?.http,
        ...extra.http,
      },
    });
  return {
    sandboxUrl: sandbox.url,
    registry,
    connectorFor: connectorsWith({}),
    connectorsWith,
    logLines,
    bankLogLines,
    ctx: (bic, requestId = randomUUID()) => ({ requestId, bic, logger }),
    bankSaw: (requestId) =>
      bankLogLines
        .map((line) => JSON.parse(line) as { reqId?: string; msg?: string })
        .filter((line) => line.reqId === requestId && line.msg === 'incoming request').length,
    admin: (method, path, body) =>
      fetch(`${sandbox.url}/admin${path}`, {
        method,
        ...(body === undefined
          ? {}
          : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      }),
    close: () => sandbox.close(),
  };
}

/** Access to every account of a PSU at a bank, by IBAN (for banks without bank-offered consents). */
export async function fullAccess(
  world: ConnectorWorld,
  bic: string,
  psuId = ANNA,
): Promise<{
  accounts: { iban: string }[];
  balances: { iban: string }[];
  transactions: { iban: string }[];
}> {
  const response = await world.admin('GET', `/banks/${bic}/psus`);
  const { psus } = (await response.json()) as {
    psus: { psuId: string; accounts: { iban: string }[] }[];
  };
  const refs = (psus.find((p) => p.psuId === psuId)?.accounts ?? []).map((a) => ({ iban: a.iban }));
  expect(refs.length).toBeGreaterThan(0);
  return { accounts: refs, balances: refs, transactions: refs };
}

export function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

export function daysAgo(days: number): string {
  return inDays(-days);
}

export async function newConsent(
  world: ConnectorWorld,
  bic: string,
  extra: { access?: Record<string, unknown>; frequencyPerDay?: number } = {},
): Promise<string> {
  const created = await world.connectorFor(bic).createConsent(world.ctx(bic), {
    access: extra.access ?? {},
    recurringIndicator: true,
    validUntil: inDays(30),
    frequencyPerDay: extra.frequencyPerDay ?? 4,
    combinedServiceIndicator: false,
    psu: PSU,
  });
  expect(created.status).toBe('received');
  return created.bankConsentId;
}

function formBody(fields: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields))
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  return params.toString();
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/**
 * What a browser does at the bank: open the connector's authorization URL, post the login
 * form with a test PSU, post the decision (all offered accounts). Returns the query the bank
 * put on the redirect back.
 */
export async function browserAtBank(
  authorizationUrl: string,
  psuId: string,
  decision: 'approve' | 'deny' = 'approve',
): Promise<Record<string, string>> {
  const page = await fetch(authorizationUrl);
  const html = await page.text();
  expect(page.status, html).toBe(200);
  const session = /name="session" value="([^"]+)"/.exec(html)?.[1];
  const loginAction = /<form[^>]+action="([^"]*\/oauth2\/authorize\/login)"/.exec(html)?.[1];
  expect(session).toBeTruthy();
  expect(loginAction).toBeTruthy();
  const login = await fetch(new URL(loginAction as string, authorizationUrl), {
    method: 'POST',
    headers: FORM,
    body: formBody({ session: session as string, psuId }),
    redirect: 'manual',
  });
  let back: Response = login;
  if (login.status !== 303) {
    const consentHtml = await login.text();
    expect(login.status, consentHtml).toBe(200);
    const decisionAction = /<form[^>]+action="([^"]*\/oauth2\/authorize\/decision)"/.exec(
      consentHtml,
    )?.[1];
    expect(decisionAction).toBeTruthy();
    const accounts = [...consentHtml.matchAll(/name="account" value="([^"]+)"/g)].map(
      (m) => m[1] as string,
    );
    back = await fetch(new URL(decisionAction as string, authorizationUrl), {
      method: 'POST',
      headers: FORM,
      body: formBody({ session: session as string, decision, account: accounts }),
      redirect: 'manual',
    });
  }
  expect(back.status).toBe(303);
  const location = new URL(back.headers.get('location') as string);
  expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
  return Object.fromEntries(location.searchParams);
}

/** Consent + redirect SCA + code exchange through the connector: a session for data calls. */
export async function redirectConsent(
  world: ConnectorWorld,
  bic: string,
  psuId = ANNA,
): Promise<{ bankConsentId: string; accessToken: string; refreshToken: string }> {
  const connector: BankConnector = world.connectorFor(bic);
  const bankConsentId = await newConsent(world, bic);
  const url = await connector.authorizationUrl(world.ctx(bic), {
    resource: { kind: 'consent', bankId: bankConsentId },
    redirectUri: REDIRECT_URI,
    state: 'st-1',
  });
  const callback = await browserAtBank(url, psuId);
  const { code } = connector.readAuthorizationCallback(world.ctx(bic), callback);
  const tokens = await connector.exchangeCode(world.ctx(bic), {
    code,
    redirectUri: REDIRECT_URI,
    resource: { kind: 'consent', bankId: bankConsentId },
  });
  return { bankConsentId, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken };
}

/** The BankError a connector call ended with; fails the test if it succeeded or threw else. */
export async function refusal(promise: Promise<unknown>): Promise<BankError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BankError);
  return error as BankError;
}
