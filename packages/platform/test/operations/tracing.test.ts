/**
 * Traces, read from the SDK's in-memory exporter: a request's span continues the balancer's
 * trace (W3C traceparent), each bank call is a span beneath it whose traceparent reaches the
 * bank (seen by a recording hop in front of the sandbox banks), and every span carries the
 * X-Request-ID. With tracing off no traceparent is sent at all.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_ID_ATTRIBUTE } from '../../src/operations/tracing.js';
import { consentBody } from '../support/ais-consent.js';
import { expectContract, fromInject } from '../support/contract.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

const CONSENTS = '/psd2/consent/v1/consents';
const BIC = 'SWEDSESS';

/** An HTTP hop before the sandbox banks that keeps the headers of every request. */
async function recordingHop() {
  const seen: IncomingHttpHeaders[] = [];
  const hop = { url: '', target: '', seen, close: async () => {} };
  const server = http.createServer((request, response) => {
    seen.push(request.headers);
    const upstream = http.request(
      `${hop.target}${request.url}`,
      { method: request.method, headers: request.headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.writeHead(502).end());
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hop.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  hop.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return hop;
}

async function createConsent(t: TestPlatform, headers: Record<string, string>) {
  const token = await t.token('accountinformation private');
  const requestId = randomUUID();
  const response = await t.api.inject({
    method: 'POST',
    url: CONSENTS,
    headers: {
      authorization: `Bearer ${token}`,
      'x-request-id': requestId,
      'x-bicfi': BIC,
      'psu-ip-address': '192.0.2.10',
      'psu-user-agent': 'Mozilla/5.0 (test)',
      'content-type': 'application/json',
      'tpp-redirect-preferred': 'false',
      ...headers,
    },
    payload: JSON.stringify(consentBody(new Date())),
  });
  expectContract(fromInject(response, { method: 'POST', url: CONSENTS }));
  expect(response.statusCode, response.body).toBe(201);
  return requestId;
}

/** The spans of one request, once its server span has ended. */
async function spansOf(exporter: InMemorySpanExporter, requestId: string): Promise<ReadableSpan[]> {
  const mine = () =>
    exporter.getFinishedSpans().filter((s) => s.attributes[REQUEST_ID_ATTRIBUTE] === requestId);
  for (let i = 0; i < 50 && !mine().some((s) => s.kind === SpanKind.SERVER); i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return mine();
}

describe('traces', () => {
  const exporter = new InMemorySpanExporter();
  let t: TestPlatform;
  let hop: Awaited<ReturnType<typeof recordingHop>>;

  beforeAll(async () => {
    hop = await recordingHop();
    t = await startTestPlatform({
      sandbox: true,
      traceExporter: exporter,
      env: { BANKBRIDGE_SANDBOX_URL: hop.url },
    });
    hop.target = t.sandboxUrl as string;
  });
  afterAll(async () => {
    await t?.close();
    await hop?.close();
  });

  it("continues the balancer's trace: a request span, bank call spans beneath it, traceparent to the bank", async () => {
    const traceId = randomBytes(16).toString('hex');
    const balancerSpan = randomBytes(8).toString('hex');
    hop.seen.length = 0;
    const requestId = await createConsent(t, { traceparent: `00-${traceId}-${balancerSpan}-01` });
    const spans = await spansOf(exporter, requestId);

    const server = spans.find((s) => s.kind === SpanKind.SERVER);
    expect(server?.name).toBe(`POST ${CONSENTS}`);
    expect(server?.spanContext().traceId).toBe(traceId);
    expect(server?.parentSpanContext?.spanId).toBe(balancerSpan);
    expect(server?.attributes['http.route']).toBe(CONSENTS);
    expect(server?.attributes['http.response.status_code']).toBe(201);

    const bankSpans = spans.filter((s) => s.kind === SpanKind.CLIENT);
    expect(bankSpans.length).toBeGreaterThanOrEqual(1);
    for (const span of bankSpans) {
      expect(span.name).toMatch(new RegExp(`^(GET|POST|DELETE) ${BIC}$`));
      expect(span.spanContext().traceId).toBe(traceId);
      expect(span.parentSpanContext?.spanId).toBe(server?.spanContext().spanId);
      expect(span.attributes['bankbridge.bank']).toBe(BIC);
    }
    // Every bank request carried the traceparent of its own span.
    const sent = hop.seen.map((headers) => headers.traceparent);
    expect(sent.length).toBe(bankSpans.length);
    expect(sent.sort()).toEqual(
      bankSpans.map((s) => `00-${traceId}-${s.spanContext().spanId}-01`).sort(),
    );
  });

  it('starts a trace of its own without a traceparent, every span with the X-Request-ID', async () => {
    const requestId = await createConsent(t, {});
    const spans = await spansOf(exporter, requestId);
    const server = spans.find((s) => s.kind === SpanKind.SERVER);
    expect(server).toBeDefined();
    expect(server?.parentSpanContext).toBeUndefined();
    expect(spans.length).toBeGreaterThanOrEqual(2);
    for (const span of spans) {
      expect(span.attributes[REQUEST_ID_ATTRIBUTE]).toBe(requestId);
      expect(span.spanContext().traceId).toBe(server?.spanContext().traceId);
    }
  });

  it('gives the token endpoint a span too, under its route prefix', async () => {
    exporter.reset();
    await t.token('aspspinformation');
    const spans = exporter.getFinishedSpans().filter((s) => s.kind === SpanKind.SERVER);
    expect(spans.map((s) => s.name)).toContain('POST /connect/*');
  });
});

describe('with tracing off', () => {
  it('sends no traceparent to the banks', async () => {
    const hop = await recordingHop();
    const t = await startTestPlatform({ sandbox: true, env: { BANKBRIDGE_SANDBOX_URL: hop.url } });
    try {
      hop.target = t.sandboxUrl as string;
      await createConsent(t, {
        traceparent: `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`,
      });
      expect(hop.seen.length).toBeGreaterThanOrEqual(1);
      for (const headers of hop.seen) expect(headers.traceparent).toBeUndefined();
    } finally {
      await t.close();
      await hop.close();
    }
  });
});

describe('with OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  it('sends the spans to the collector over OTLP/HTTP, flushed when the platform closes', async () => {
    const received: Array<{ url: string | undefined; type: string | undefined; bytes: number }> =
      [];
    const collector = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({
          url: request.url,
          type: request.headers['content-type'],
          bytes: Buffer.concat(chunks).length,
        });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    const t = await startTestPlatform({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint } });
    try {
      const live = await t.api.inject({ method: 'GET', url: '/health/live' });
      expect(live.statusCode).toBe(200);
    } finally {
      await t.close();
      await new Promise((resolve) => collector.close(resolve));
    }
    expect(received.length).toBeGreaterThanOrEqual(1);
    expect(received[0]?.url).toBe('/v1/traces');
    expect(received[0]?.bytes).toBeGreaterThan(0);
  });
});
