// Bank failures through the connector: faults injected at a live sandbox bank (503, HTML
// error pages, hanging and dropped connections, latency), and a local stand-in bank for
// answers no sandbox fault produces (a 503 that passes, non-JSON 200s, redirects, oversized
// or malformed answers).

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type BankSession,
  BerlinGroupConnector,
  SANDBOX_CREDENTIALS,
} from '../../src/connectors/index.js';
import {
  type ConnectorWorld,
  inDays,
  PSU,
  redirectConsent,
  refusal,
  startWorld,
} from './support.js';

const BIC = 'NDEASESS';
let world: ConnectorWorld;
let session: BankSession;
let refreshToken: string;

beforeAll(async () => {
  world = await startWorld();
  const consent = await redirectConsent(world, BIC);
  session = {
    accessToken: consent.accessToken,
    bankConsentId: consent.bankConsentId,
    psuIpAddress: '192.0.2.10',
  };
  refreshToken = consent.refreshToken;
});
afterAll(async () => {
  await world?.close();
});

function ourLines(requestId: string): Record<string, unknown>[] {
  return world.logLines
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((l) => l.reqId === requestId);
}

async function faults(patch: Record<string, unknown>): Promise<void> {
  const response = await world.admin('PUT', `/banks/${BIC}/faults`, patch);
  expect(response.status).toBe(200);
}

const newConsentBody = {
  access: {},
  recurringIndicator: true,
  validUntil: inDays(30),
  frequencyPerDay: 4,
  combinedServiceIndicator: false,
  psu: PSU,
};

describe('faults injected at the sandbox bank', () => {
  afterEach(async () => {
    await world.admin('DELETE', `/banks/${BIC}/faults`);
  });

  it('503: a read is retried twice, then unavailable with the status, code and Retry-After', async () => {
    await faults({ error503Rate: 1 });
    const requestId = randomUUID();
    const error = await refusal(
      world.connectorFor(BIC).listAccounts(world.ctx(BIC, requestId), session),
    );
    expect(error).toMatchObject({
      kind: 'unavailable',
      status: 503,
      code: 'SERVICE_UNAVAILABLE',
      retryAfterSeconds: 1,
      bic: BIC,
    });
    expect(error.message).toMatch(/^Nordea.*\(NDEASESS\): listing accounts failed/);
    expect(world.bankSaw(requestId)).toBe(3);
    const lines = ourLines(requestId);
    expect(lines.map((l) => l.attempt)).toEqual([1, 2, 3]);
    expect(lines.every((l) => l.status === 503 && l.level === 40)).toBe(true);
  });

  it('503: a POST is never retried', async () => {
    await faults({ error503Rate: 1 });
    const requestId = randomUUID();
    const error = await refusal(
      world.connectorFor(BIC).createConsent(world.ctx(BIC, requestId), newConsentBody),
    );
    expect(error).toMatchObject({ kind: 'unavailable', status: 503 });
    expect(world.bankSaw(requestId)).toBe(1);
  });

  it('503 at the token endpoint: unavailable (not a refused refresh), not retried', async () => {
    await faults({ error503Rate: 1 });
    const requestId = randomUUID();
    const error = await refusal(
      world.connectorFor(BIC).refreshTokens(world.ctx(BIC, requestId), refreshToken),
    );
    expect(error).toMatchObject({
      kind: 'unavailable',
      status: 503,
      code: 'temporarily_unavailable',
    });
    expect(world.bankSaw(requestId)).toBe(1);
  });

  it('a DELETE is never retried either', async () => {
    await faults({ error500Rate: 1 });
    const requestId = randomUUID();
    const error = await refusal(
      world.connectorFor(BIC).deleteConsent(world.ctx(BIC, requestId), 'some-consent'),
    );
    expect(error).toMatchObject({ kind: 'unavailable', status: 500 });
    expect(world.bankSaw(requestId)).toBe(1);
  });

  it('an HTML gateway page instead of JSON: unavailable, saying so', async () => {
    await faults({ error500Rate: 1, htmlErrors: true });
    const error = await refusal(
      world.connectorFor(BIC).getConsentStatus(world.ctx(BIC), session.bankConsentId),
    );
    expect(error).toMatchObject({ kind: 'unavailable', status: 500 });
    expect(error.code).toBeUndefined();
    expect(error.message).toMatch(/answered 500 with an HTML page/);

    await faults({ error503Rate: 1, htmlErrors: true });
    const post = await refusal(
      world.connectorFor(BIC).createConsent(world.ctx(BIC), newConsentBody),
    );
    expect(post).toMatchObject({ kind: 'unavailable', status: 503 });
  });

  it('a hanging bank: unavailable within the configured timeout (300 ms)', async () => {
    await faults({ timeoutRate: 1, timeoutMs: 20_000 });
    const connector = world.connectorsWith({ http: { timeoutMs: 300 } })(BIC);
    const requestId = randomUUID();
    const started = Date.now();
    const error = await refusal(connector.listAccounts(world.ctx(BIC, requestId), session));
    const elapsed = Date.now() - started;
    expect(error.kind).toBe('unavailable');
    expect(error.status).toBeUndefined();
    expect(error.message).toMatch(/no answer in time/);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(800);
    // The deadline covers the retries: one attempt used it all.
    expect(ourLines(requestId)).toHaveLength(1);

    // POSTs too.
    const post = await refusal(connector.createConsent(world.ctx(BIC), newConsentBody));
    expect(post.kind).toBe('unavailable');
  });

  it('a dropped connection: unavailable, after the read was tried again', async () => {
    await faults({ dropRate: 1 });
    const requestId = randomUUID();
    const error = await refusal(
      world.connectorFor(BIC).getBalances(world.ctx(BIC, requestId), session, 'any'),
    );
    expect(error.kind).toBe('unavailable');
    expect(error.message).toMatch(/the connection failed/);
    expect(world.bankSaw(requestId)).toBe(3);
    expect(ourLines(requestId).every((l) => l.msg === 'bank call failed')).toBe(true);
  });

  it('latency under the deadline only makes the call slower', async () => {
    await faults({ latencyMs: 150 });
    const requestId = randomUUID();
    const { accounts } = await world
      .connectorFor(BIC)
      .listAccounts(world.ctx(BIC, requestId), session);
    expect(accounts.length).toBeGreaterThan(0);
    expect(ourLines(requestId)[0]?.ms).toBeGreaterThanOrEqual(150);
  });

  it('with retries switched off a read is tried once', async () => {
    await faults({ error503Rate: 1 });
    const requestId = randomUUID();
    const connector = world.connectorsWith({ http: { retries: 0 } })(BIC);
    await refusal(connector.listAccounts(world.ctx(BIC, requestId), session));
    expect(world.bankSaw(requestId)).toBe(1);
  });
});

describe('a bank that answers what no Berlin Group API should (local stand-in)', () => {
  type Handler = (req: IncomingMessage, res: ServerResponse) => void;
  let server: Server;
  let handler: Handler;
  let hits: string[] = [];
  let connector: BerlinGroupConnector;

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(`${req.method} ${req.url}`);
      handler(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const nordea = world.registry.aspsps.find((a) => a.bicFi === BIC);
    if (!nordea) throw new Error('registry without NDEASESS');
    connector = new BerlinGroupConnector(
      {
        ...nordea,
        bicFi: 'TESTSESS',
        name: 'Stand-in Bank',
        connector: { ...nordea.connector, baseUrl: `http://127.0.0.1:${port}/bank/` },
      },
      {
        credentials: SANDBOX_CREDENTIALS,
        http: {
          timeoutMs: 2_000,
          retryBaseDelayMs: 10,
          retryMaxDelayMs: 50,
          maxResponseBytes: 4096,
        },
      },
    );
  });
  afterEach(() => {
    hits = [];
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const ctx = () => world.ctx('TESTSESS');
  const json = (res: ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

  it('a 503 that passes: the retried read succeeds', async () => {
    let calls = 0;
    handler = (_req, res) => {
      calls++;
      if (calls === 1) json(res, 503, { tppMessages: [{ code: 'SERVICE_UNAVAILABLE' }] });
      else json(res, 200, { accounts: [{ resourceId: 'a1', iban: 'SE00' }] });
    };
    const { accounts } = await connector.listAccounts(ctx(), session);
    expect(accounts).toEqual([{ resourceId: 'a1', iban: 'SE00' }]);
    expect(hits).toEqual(['GET /bank/v1/accounts', 'GET /bank/v1/accounts']);
  });

  it('sends the bank session and PSU headers on data calls', async () => {
    let seen: IncomingMessage['headers'] = {};
    handler = (req, res) => {
      seen = req.headers;
      json(res, 200, { accounts: [] });
    };
    const requestId = randomUUID();
    await connector.listAccounts(world.ctx('TESTSESS', requestId), {
      ...session,
      psuCorporateId: 'corp-1',
    });
    expect(seen).toMatchObject({
      'x-request-id': requestId,
      authorization: `Bearer ${session.accessToken}`,
      'consent-id': session.bankConsentId,
      'psu-ip-address': '192.0.2.10',
      'psu-corporate-id': 'corp-1',
    });
    const unattended = { accessToken: 't', bankConsentId: 'c' };
    await connector.listAccounts(ctx(), unattended);
    expect(seen['psu-ip-address']).toBeUndefined();
  });

  it('a 200 that is not JSON: unavailable', async () => {
    handler = (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('OK');
    const error = await refusal(connector.listAccounts(ctx(), session));
    expect(error).toMatchObject({ kind: 'unavailable', status: 200 });
    expect(error.message).toMatch(/^Stand-in Bank \(TESTSESS\): .*not JSON/);
  });

  it('JSON without what the API promises: unavailable', async () => {
    handler = (_req, res) => json(res, 200, { accounts: [{ iban: 'SE00' }] });
    expect((await refusal(connector.listAccounts(ctx(), session))).message).toMatch(
      /not as its API documents/,
    );
    handler = (_req, res) => json(res, 200, { consentStatus: 'somethingElse' });
    expect((await refusal(connector.getConsentStatus(ctx(), 'c'))).kind).toBe('unavailable');
  });

  it('a redirect is not followed: unavailable', async () => {
    handler = (req, res) => {
      if (req.url?.startsWith('/elsewhere')) json(res, 200, { accounts: [] });
      else res.writeHead(302, { location: '/elsewhere' }).end();
    };
    const error = await refusal(connector.listAccounts(ctx(), session));
    expect(error).toMatchObject({ kind: 'unavailable', status: 302 });
    expect(hits.some((h) => h.includes('/elsewhere'))).toBe(false);
  });

  it('an answer over the size cap: unavailable, not retried', async () => {
    handler = (_req, res) => json(res, 200, { accounts: [], padding: 'x'.repeat(10_000) });
    const error = await refusal(connector.listAccounts(ctx(), session));
    expect(error.message).toMatch(/too large/);
    expect(hits).toHaveLength(1);
  });

  it('a 404 HTML page (a wrong base URL): unavailable', async () => {
    handler = (_req, res) =>
      res.writeHead(404, { 'content-type': 'text/html' }).end('<html>Not Found</html>');
    const error = await refusal(connector.getConsent(ctx(), 'c'));
    expect(error).toMatchObject({ kind: 'unavailable', status: 404 });
  });

  it('a 4xx with a JSON body of its own: rejected, status kept', async () => {
    handler = (_req, res) => json(res, 400, { message: 'bad' });
    const error = await refusal(connector.getConsent(ctx(), 'c'));
    expect(error).toMatchObject({ kind: 'rejected', status: 400 });
  });

  it('nobody listening: unavailable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const nordea = world.registry.aspsps.find((a) => a.bicFi === BIC);
    if (!nordea) throw new Error('registry without NDEASESS');
    const gone = new BerlinGroupConnector(
      { ...nordea, connector: { ...nordea.connector, baseUrl: `http://127.0.0.1:${port}` } },
      { credentials: SANDBOX_CREDENTIALS, http: { timeoutMs: 1_000, retryBaseDelayMs: 10 } },
    );
    const error = await refusal(gone.getConsentStatus(world.ctx(BIC), 'c'));
    expect(error.kind).toBe('unavailable');
    expect(error.message).toMatch(/ECONNREFUSED/);
  });
});
