// createConnectors (one connector per registry bank, per-bank identity and hooks) and what
// the hooks change on the wire, seen by a local stand-in bank that records every request.

import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BankCallContext,
  createConnectors,
  SANDBOX_CREDENTIALS,
  UnknownBankError,
} from '../../src/connectors/index.js';
import { createLogger } from '../../src/logging/logger.js';
import { defaultRegistryPath, loadRegistry, type Registry } from '../../src/registry/index.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server;
let seen: Seen[] = [];
let registry: Registry;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'application/json' });
      if (req.url?.includes('/token'))
        res.end(
          JSON.stringify(
            body.includes('refresh_token=keep-me')
              ? { access_token: 'a' }
              : { access_token: 'a', refresh_token: 'r' },
          ),
        );
      else if (req.url?.includes('/authorisations'))
        res.end(
          JSON.stringify({
            authorisationId: 'auth-1',
            scaStatus: 'received',
            challengeData: { data: ['bankid:///?autostarttoken=tok-1&redirect=null'] },
          }),
        );
      else res.end(JSON.stringify({ account: {}, transactions: {} }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  // Every bank of the registry at the stand-in, under its BIC.
  registry = loadRegistry(defaultRegistryPath(), {
    sandboxUrl: `http://127.0.0.1:${port}`,
    apiUrl: 'http://api.bankbridge.test',
    authUrl: 'http://auth.bankbridge.test',
  });
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const logger = createLogger({ level: 'silent' });
const ctx = (bic: string): BankCallContext => ({ requestId: crypto.randomUUID(), bic, logger });

describe('createConnectors', () => {
  it('makes one connector per registry bank, once, found by BIC in any case', () => {
    const connectorFor = createConnectors(registry, { credentials: SANDBOX_CREDENTIALS });
    for (const entry of registry.aspsps) {
      const connector = connectorFor(entry.bicFi);
      expect(connector.bank).toMatchObject({ bic: entry.bicFi, name: entry.name });
      expect(connectorFor(entry.bicFi)).toBe(connector);
    }
    expect(connectorFor('ndeasess')).toBe(connectorFor('NDEASESS'));
    expect(() => connectorFor('NOSUCHXX')).toThrow(UnknownBankError);
  });

  it('uses the identity registered at each bank', async () => {
    const connectorFor = createConnectors(registry, {
      credentials: SANDBOX_CREDENTIALS,
      bankCredentials: { NDEASESS: { clientId: 'bb-at-nordea', clientSecret: 's3cret' } },
    });
    const nordea = new URL(
      await connectorFor('NDEASESS').authorizationUrl(ctx('NDEASESS'), {
        resource: { kind: 'consent', bankId: 'c' },
        redirectUri: 'https://bankbridge.test/cb',
        state: 's',
      }),
    );
    expect(nordea.searchParams.get('client_id')).toBe('bb-at-nordea');
    const seb = new URL(
      await connectorFor('ESSESESS').authorizationUrl(ctx('ESSESESS'), {
        resource: { kind: 'consent', bankId: 'c' },
        redirectUri: 'https://bankbridge.test/cb',
        state: 's',
      }),
    );
    expect(seb.searchParams.get('client_id')).toBe('bankbridge');
  });
});

describe('hooks change what goes on the wire', () => {
  it('defaults: TPP-Client-Id on consent calls, Basic client auth, PSU-ID header, dates as given', async () => {
    seen = [];
    const connector = createConnectors(registry, { credentials: SANDBOX_CREDENTIALS })('ESSESESS');
    const started = await connector.startDecoupled(ctx('ESSESESS'), {
      resource: { kind: 'consent', bankId: 'c-1' },
      psuId: '198301014882',
    });
    // The token inside the BankID link when the bank gives no autoStartToken field.
    expect(started.autoStartToken).toBe('tok-1');
    await connector.refreshTokens(ctx('ESSESESS'), 'old-refresh');
    await connector.getTransactions(
      ctx('ESSESESS'),
      { accessToken: 't', bankConsentId: 'c-1' },
      'acc 1',
      { bookingStatus: 'both', dateFrom: '2026-01-02', dateTo: '2026-01-31', deltaList: true },
    );
    const [start, refresh, transactions] = seen;
    expect(start?.headers['tpp-client-id']).toBe('bankbridge');
    expect(start?.headers['psu-id']).toBe('198301014882');
    expect(start?.body).toBe('{}');
    expect(refresh?.headers.authorization).toBe(
      `Basic ${Buffer.from('bankbridge:bankbridge').toString('base64')}`,
    );
    expect(refresh?.body).toBe('grant_type=refresh_token&refresh_token=old-refresh');
    expect(transactions?.url).toBe(
      '/banks/ESSESESS/v1/accounts/acc%201/transactions?bookingStatus=both&dateFrom=2026-01-02&dateTo=2026-01-31&deltaList=true',
    );
    expect(transactions?.headers['tpp-client-id']).toBeUndefined();
  });

  it('overrides: client_secret_post, PSU id in the body, the bank date format, own paths and headers', async () => {
    seen = [];
    const connector = createConnectors(registry, {
      credentials: { clientId: 'bb', clientSecret: 'pw' },
      hooks: {
        ESSESESS: {
          tokenAuth: 'client_secret_post',
          decoupledPsuId: 'body',
          queryDate: (date) => date.replaceAll('-', ''),
          paths: { token: '/oauth/v2/token' },
          tppHeaders: () => ({}),
          extraHeaders: (kind): Record<string, string> =>
            kind === 'data' ? { 'X-Api-Key': 'key-1' } : {},
          scaResources: {
            consent: {
              scope: (id) => `aisp:${id}`,
              path: (paths, id) => `${paths.consents}/${encodeURIComponent(id)}`,
              grantField: 'consent_id',
            },
          },
        },
      },
    })('ESSESESS');
    await connector.startDecoupled(ctx('ESSESESS'), {
      resource: { kind: 'consent', bankId: 'c-1' },
      psuId: 'p-1',
    });
    await connector.refreshTokens(ctx('ESSESESS'), 'old');
    await connector.getTransactions(
      ctx('ESSESESS'),
      { accessToken: 't', bankConsentId: 'c-1' },
      'a',
      { bookingStatus: 'booked', dateFrom: '2026-01-02' },
    );
    const url = new URL(
      await connector.authorizationUrl(ctx('ESSESESS'), {
        resource: { kind: 'consent', bankId: 'c-1' },
        redirectUri: 'https://bankbridge.test/cb',
        state: 's',
      }),
    );
    const [start, refresh, transactions] = seen;
    expect(start?.headers['psu-id']).toBeUndefined();
    expect(start?.headers['tpp-client-id']).toBeUndefined();
    expect(JSON.parse(start?.body ?? '')).toEqual({ psuData: { psuId: 'p-1' } });
    expect(refresh?.url).toBe('/banks/ESSESESS/oauth/v2/token');
    expect(refresh?.headers.authorization).toBeUndefined();
    expect(new URLSearchParams(refresh?.body)).toEqual(
      new URLSearchParams(
        'grant_type=refresh_token&refresh_token=old&client_id=bb&client_secret=pw',
      ),
    );
    expect(transactions?.url).toContain('dateFrom=20260102');
    expect(transactions?.headers['x-api-key']).toBe('key-1');
    expect(url.searchParams.get('scope')).toBe('aisp:c-1');
  });

  it('keeps the old refresh token when the bank does not rotate it', async () => {
    const connector = createConnectors(registry, { credentials: SANDBOX_CREDENTIALS })('ESSESESS');
    const rotated = await connector.refreshTokens(ctx('ESSESESS'), 'old');
    expect(rotated.refreshToken).toBe('r');
    const kept = await connector.refreshTokens(ctx('ESSESESS'), 'keep-me');
    expect(kept.refreshToken).toBe('keep-me');
    // Without expires_in the access token is taken to live the hooks' default (300 s).
    expect(kept.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(300_000);
    expect(kept.expiresAt.getTime() - Date.now()).toBeGreaterThan(290_000);
  });

  it('writes reqId once when the logger already carries it', async () => {
    const lines: string[] = [];
    const requestId = crypto.randomUUID();
    const child = pino({}, { write: (l: string) => void lines.push(l) }).child({
      reqId: requestId,
    });
    const connector = createConnectors(registry, { credentials: SANDBOX_CREDENTIALS })('ESSESESS');
    await connector
      .getConsentStatus({ requestId, bic: 'ESSESESS', logger: child }, 'c')
      .catch(() => undefined);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.match(/"reqId"/g)).toHaveLength(1);
  });
});
