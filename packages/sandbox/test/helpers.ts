// Shared test plumbing: a sandbox with a controllable clock, and the HTTP steps of the
// consent flows as a TPP (Bankbridge) performs them. Everything goes over HTTP (inject()).

import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { createSandboxServer, DECOUPLED_GRANT, type SandboxOptions } from '../src/index.js';

export const PUBLIC_URL = 'http://sandbox.test';
export const CLIENT_ID = 'bankbridge-test';
export const REDIRECT_URI = 'https://tpp.example/callback';
export const ANNA = '198301014882';

export class TestClock {
  private time: number;

  constructor(iso = '2026-03-16T10:00:00Z') {
    this.time = Date.parse(iso);
  }

  readonly now = (): Date => new Date(this.time);

  advance(ms: number): void {
    this.time += ms;
  }

  advanceMinutes(minutes: number): void {
    this.advance(minutes * 60_000);
  }

  advanceDays(days: number): void {
    this.advance(days * 86_400_000);
  }
}

export interface Sandbox {
  app: FastifyInstance;
  clock: TestClock;
}

export async function startSandbox(
  options: SandboxOptions = {},
  clock = new TestClock(),
): Promise<Sandbox> {
  const app = createSandboxServer({
    publicUrl: PUBLIC_URL,
    now: clock.now,
    logger: false,
    ...options,
  });
  await app.ready();
  return { app, clock };
}

export function tppHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { 'x-request-id': randomUUID(), 'tpp-client-id': CLIENT_ID, ...extra };
}

export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

export function form(fields: Record<string, string | string[] | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  }
  return params.toString();
}

export function validUntil(clock: TestClock, days = 30): string {
  return new Date(clock.now().getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

export async function createConsent(
  { app, clock }: Sandbox,
  bic: string,
  body: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: `/banks/${bic}/v1/consents`,
    headers: tppHeaders({ 'psu-ip-address': '192.0.2.10', 'psu-user-agent': 'test', ...headers }),
    payload: {
      access: {},
      recurringIndicator: true,
      validUntil: validUntil(clock),
      frequencyPerDay: 4,
      ...body,
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().consentId;
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomUUID() + randomUUID();
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authorizeUrl(
  bic: string,
  consentId: string,
  extra: Record<string, string> = {},
): string {
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    state: 'state-123',
    scope: `AIS:${consentId}`,
    ...extra,
  });
  return `/banks/${bic}/oauth2/authorize?${params}`;
}

export function sessionOf(html: string): string {
  const session = /name="session" value="([^"]+)"/.exec(html)?.[1];
  if (!session) throw new Error('no login session in the page');
  return session;
}

export function accountChoices(html: string): string[] {
  return [...html.matchAll(/name="account" value="([^"]+)"/g)].map((m) => m[1] as string);
}

/** Walks the redirect SCA like a browser: login page, login form, consent form. */
export async function redirectSca(
  { app }: Sandbox,
  bic: string,
  consentId: string,
  psuId: string,
  options: { decision?: 'approve' | 'deny'; accounts?: string[]; challenge?: string } = {},
): Promise<URL> {
  const page = await app.inject(
    authorizeUrl(
      bic,
      consentId,
      options.challenge ? { code_challenge: options.challenge, code_challenge_method: 'S256' } : {},
    ),
  );
  expect(page.statusCode, page.body).toBe(200);
  const session = sessionOf(page.body);
  const login = await app.inject({
    method: 'POST',
    url: `/banks/${bic}/oauth2/authorize/login`,
    headers: FORM,
    payload: form({ session, psuId }),
  });
  if (login.statusCode === 303) return new URL(login.headers.location as string);
  expect(login.statusCode, login.body).toBe(200);
  const decision = await app.inject({
    method: 'POST',
    url: `/banks/${bic}/oauth2/authorize/decision`,
    headers: FORM,
    payload: form({
      session,
      decision: options.decision ?? 'approve',
      account: options.accounts ?? accountChoices(login.body),
    }),
  });
  expect(decision.statusCode, decision.body).toBe(303);
  return new URL(decision.headers.location as string);
}

export async function token(
  sandbox: Sandbox,
  bic: string,
  fields: Record<string, string>,
): Promise<LightMyRequestResponse> {
  return sandbox.app.inject({
    method: 'POST',
    url: `/banks/${bic}/oauth2/token`,
    headers: FORM,
    payload: form({ client_id: CLIENT_ID, ...fields }),
  });
}

export interface Tokens {
  access_token: string;
  refresh_token: string;
}

/** Consent + redirect SCA + code exchange: a ready-to-use consent. */
export async function authorisedConsent(
  sandbox: Sandbox,
  bic: string,
  psuId = ANNA,
  body: Record<string, unknown> = {},
): Promise<{ consentId: string; tokens: Tokens }> {
  const consentId = await createConsent(sandbox, bic, body);
  const back = await redirectSca(sandbox, bic, consentId, psuId);
  const code = back.searchParams.get('code');
  expect(code, back.toString()).toBeTruthy();
  const response = await token(sandbox, bic, {
    grant_type: 'authorization_code',
    code: code as string,
    redirect_uri: REDIRECT_URI,
  });
  expect(response.statusCode, response.body).toBe(200);
  return { consentId, tokens: response.json() };
}

/** Consent + decoupled SCA through the BankID simulator + decoupled token grant. */
export async function decoupledConsent(
  sandbox: Sandbox,
  bic: string,
  psuId = ANNA,
  body: Record<string, unknown> = {},
) {
  const consentId = await createConsent(sandbox, bic, body);
  const started = await sandbox.app.inject({
    method: 'POST',
    url: `/banks/${bic}/v1/consents/${consentId}/authorisations`,
    headers: tppHeaders({ 'psu-id': psuId }),
  });
  expect(started.statusCode, started.body).toBe(201);
  const { authorisationId, autoStartToken } = started.json();
  const approved = await sandbox.app.inject({
    method: 'POST',
    url: `/bankid/api/orders/${autoStartToken}`,
    payload: { action: 'approve' },
  });
  expect(approved.statusCode).toBe(200);
  const response = await token(sandbox, bic, {
    grant_type: DECOUPLED_GRANT,
    authorisation_id: authorisationId,
  });
  expect(response.statusCode, response.body).toBe(200);
  return { consentId, authorisationId, tokens: response.json() as Tokens };
}

export function dataHeaders(
  consentId: string,
  tokens: Tokens,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    'x-request-id': randomUUID(),
    authorization: `Bearer ${tokens.access_token}`,
    'consent-id': consentId,
    'psu-ip-address': '192.0.2.10',
    ...extra,
  };
}

export function errorCode(response: LightMyRequestResponse): string | undefined {
  return response.json().tppMessages?.[0]?.code;
}
