/**
 * OpenTelemetry tracing: one SERVER span per GraphQL request (named after the operation by
 * graphql/plugins/tracing.ts, without variable values or the document), one CLIENT span per upstream call (the
 * pipeline reports method, endpoint template, status, retries, pacer wait, cache hit and coalescing), the caller's
 * W3C `traceparent` continued and passed on to SailPoint, `trace_id` on the request's log lines.
 *
 * Off unless config/ found an OTLP endpoint (OTEL_* variables). Off, the SDK is never loaded, the HTTP layer mounts
 * no tracing middleware and the upstream pipeline takes its untraced path: nothing runs per request.
 *
 * Parents are passed explicitly (the request's span to its upstream calls) rather than through a global context
 * manager, so nothing is registered globally and several gateways in one process (tests) keep their traces apart.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Context as OtelContext, Span, Tracer } from '@opentelemetry/api';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { TracingConfig } from '../config/types.js';
import type { UpstreamCallFacts, UpstreamTracer } from '../upstream/telemetry.js';

/** The trace of one GraphQL request. */
export interface RequestTrace {
  /** 32 hex digits: the caller's trace when it sent a `traceparent`, else a new one. */
  readonly traceId: string;
  /** Names the span `<type> <name>` once the operation is known. */
  operation(type: string, name: string | undefined): void;
  /** Marks the span failed with the number of GraphQL errors of the response. */
  errors(count: number): void;
  /** Parents the upstream calls of this request. */
  readonly upstream: UpstreamTracer;
  /** Ends the span with the HTTP status sent. Later calls do nothing. */
  end(httpStatus: number): void;
}

export interface Tracing {
  readonly enabled: boolean;
  /** The span of one request, continuing `traceparent` when valid; undefined when tracing is off. */
  startRequest(headers: IncomingHttpHeaders, method: string): RequestTrace | undefined;
  /** Exports every ended span now (tests, shutdown). */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

export interface TracingOptions {
  /** Replaces the OTLP exporter (tests pass an InMemorySpanExporter); spans are then exported one by one. */
  exporter?: SpanExporter;
}

const OFF: Tracing = {
  enabled: false,
  startRequest: () => undefined,
  flush: async () => undefined,
  shutdown: async () => undefined,
};

/** The tracer provider for `config`, or the no-op when it is undefined (tracing off). */
export async function createTracing(
  config: TracingConfig | undefined,
  options: TracingOptions = {},
): Promise<Tracing> {
  if (config === undefined) return OFF;
  // Loaded only when on: a gateway without tracing never imports the SDK.
  const [api, core, sdk, otlp, resources] = await Promise.all([
    import('@opentelemetry/api'),
    import('@opentelemetry/core'),
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
  ]);
  const exporter =
    options.exporter ?? new otlp.OTLPTraceExporter({ url: config.tracesUrl, headers: config.headers });
  const provider = new sdk.BasicTracerProvider({
    resource: resources.resourceFromAttributes({ 'service.name': config.serviceName }),
    spanProcessors: [
      options.exporter === undefined
        ? new sdk.BatchSpanProcessor(exporter)
        : new sdk.SimpleSpanProcessor(exporter),
    ],
  });
  const tracer: Tracer = provider.getTracer('sailpoint-graphql-gateway');
  const propagator = new core.W3CTraceContextPropagator();
  const { SpanKind, SpanStatusCode, ROOT_CONTEXT, defaultTextMapGetter, defaultTextMapSetter } = api;

  const upstreamTracer = (parent: OtelContext): UpstreamTracer => ({
    startCall(endpoint) {
      const space = endpoint.indexOf(' ');
      const method = space > 0 ? endpoint.slice(0, space) : 'GET';
      const span = tracer.startSpan(
        endpoint,
        {
          kind: SpanKind.CLIENT,
          attributes: { 'http.request.method': method, 'url.template': endpoint.slice(space + 1) },
        },
        parent,
      );
      const headers: Record<string, string> = {};
      propagator.inject(api.trace.setSpan(parent, span), headers, defaultTextMapSetter);
      return { headers, end: (facts) => endCall(span, facts) };
    },
  });

  const endCall = (span: Span, facts: UpstreamCallFacts): void => {
    span.setAttributes({
      'sailpoint.cache': facts.cache,
      'sailpoint.coalesced': facts.coalesced,
      'http.request.resend_count': facts.retries,
      'sailpoint.pacer_wait_ms': facts.pacerWaitMs,
    });
    if (typeof facts.status === 'number') span.setAttribute('http.response.status_code', facts.status);
    else if (facts.status !== undefined) span.setAttribute('error.type', facts.status);
    if (facts.errorCode !== undefined) {
      span.setAttribute('error.type', facts.errorCode);
      span.setStatus({ code: SpanStatusCode.ERROR, message: facts.errorCode });
    }
    span.end();
  };

  return {
    enabled: true,
    startRequest(headers, method) {
      // An invalid traceparent is ignored (the spec's rule): the request starts a new trace.
      const parent = propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
      const span = tracer.startSpan(
        'GraphQL request',
        { kind: SpanKind.SERVER, attributes: { 'http.request.method': method, 'url.path': '/graphql' } },
        parent,
      );
      const self = api.trace.setSpan(parent, span);
      let ended = false;
      return {
        traceId: span.spanContext().traceId,
        upstream: upstreamTracer(self),
        operation(type, name) {
          span.updateName(name === undefined ? type : `${type} ${name}`);
          span.setAttribute('graphql.operation.type', type);
          if (name !== undefined) span.setAttribute('graphql.operation.name', name);
        },
        errors(count) {
          span.setAttribute('graphql.error.count', count);
          span.setStatus({ code: SpanStatusCode.ERROR });
        },
        end(httpStatus) {
          if (ended) return;
          ended = true;
          span.setAttribute('http.response.status_code', httpStatus);
          if (httpStatus >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
          span.end();
        },
      };
    },
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}
