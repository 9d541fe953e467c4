/**
 * OpenTelemetry traces: a span per request (a child of the balancer's when it sends a W3C
 * `traceparent`), a span per bank call beneath it, with `traceparent` sent on to the bank, and
 * the X-Request-ID on every span. Exported by OTLP/HTTP when an endpoint is configured; with
 * none, nothing here is created and requests and bank calls take no tracing path at all.
 */
import {
  type Context,
  context,
  defaultTextMapGetter,
  defaultTextMapSetter,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { BankCallTracer } from '../connectors/bank-http.js';
import type { RequestSpan, RequestTracer } from '../http/create-server.js';

/** The attribute that carries X-Request-ID on every span. */
export const REQUEST_ID_ATTRIBUTE = 'bankbridge.request_id';

export interface TracingOptions {
  serviceName: string;
  /** OTLP/HTTP base URL (`http://collector:4318`); traces go to `<endpoint>/v1/traces`. */
  endpoint?: string;
  /** Another exporter (the tests' in-memory one); spans are then handed over one by one. */
  exporter?: SpanExporter;
}

export class Tracing {
  private readonly provider: NodeTracerProvider;
  private readonly tracer: Tracer;
  private readonly propagator = new W3CTraceContextPropagator();

  constructor(options: TracingOptions) {
    const processor = options.exporter
      ? new SimpleSpanProcessor(options.exporter)
      : new BatchSpanProcessor(
          new OTLPTraceExporter({ url: `${options.endpoint?.replace(/\/+$/, '')}/v1/traces` }),
        );
    this.provider = new NodeTracerProvider({
      resource: resourceFromAttributes({ 'service.name': options.serviceName }),
      spanProcessors: [processor],
    });
    // The async context manager, so a bank call finds the request's span; set once a process.
    this.provider.register();
    this.tracer = this.provider.getTracer('bankbridge');
  }

  readonly requests: RequestTracer = {
    start: (request) => {
      const parent = this.propagator.extract(ROOT_CONTEXT, request.headers, defaultTextMapGetter);
      const span = this.tracer.startSpan(
        `${request.method} ${request.route}`,
        {
          kind: SpanKind.SERVER,
          attributes: {
            'http.request.method': request.method,
            'http.route': request.route,
            'bankbridge.server': request.server,
            [REQUEST_ID_ATTRIBUTE]: request.requestId,
          },
        },
        parent,
      );
      const active: Context = trace.setSpan(parent, span);
      const handle: RequestSpan = {
        run: (work) => context.with(active, work),
        end: (status) => {
          span.setAttribute('http.response.status_code', status);
          if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
          span.end();
        },
      };
      return handle;
    },
  };

  readonly bankCalls: BankCallTracer = {
    start: (call) => {
      const span = this.tracer.startSpan(
        `${call.method} ${call.bic}`,
        {
          kind: SpanKind.CLIENT,
          attributes: {
            'http.request.method': call.method,
            'server.address': call.url.hostname,
            'url.path': call.path,
            'bankbridge.bank': call.bic,
            [REQUEST_ID_ATTRIBUTE]: call.requestId,
          },
        },
        context.active(),
      );
      const headers: Record<string, string> = {};
      this.propagator.inject(trace.setSpan(context.active(), span), headers, defaultTextMapSetter);
      return {
        headers,
        end: (outcome) => {
          if (outcome.status !== undefined) {
            span.setAttribute('http.response.status_code', outcome.status);
          }
          span.setAttribute('bankbridge.attempts', outcome.attempts);
          if (outcome.error) span.setStatus({ code: SpanStatusCode.ERROR, message: outcome.error });
          else if ((outcome.status ?? 0) >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
          span.end();
        },
      };
    },
  };

  /** Sends what is still buffered, then stops. */
  shutdown(): Promise<void> {
    return this.provider.shutdown();
  }
}
