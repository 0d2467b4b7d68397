import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { TestGateway } from '../../helpers/gateway.js';
import { dataRequests, startGateway } from '../gateway/support.js';

/**
 * Tracing on (an OTLP endpoint configured, spans captured in memory): the request span continues the caller's
 * traceparent and is named after the operation, each upstream call is a child span whose traceparent reaches the
 * demo tenant, and every log line of the request carries the trace id.
 */

const CALLER_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';
const TRACEPARENT = `00-${CALLER_TRACE}-${CALLER_SPAN}-01`;
const DASHBOARD = `query Dashboard($id: ID!) {
  workflow(id: $id) { id executions(first: 2) { nodes { id } } }
}`;

let gw: TestGateway;
const exporter = new InMemorySpanExporter();

beforeAll(async () => {
  gw = await startGateway({
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9', OTEL_SERVICE_NAME: 'gateway-under-test' },
    tenant: { latencyMs: 50 },
    tracing: { exporter },
  });
});
afterAll(async () => {
  await gw.stop();
});
beforeEach(() => {
  exporter.reset();
  gw.tenant.clearRequests();
  gw.clearLogs();
});

/** The request span ends when the response is closed, which can be just after the client has read it. */
async function serverSpans(n: number): Promise<ReadableSpan[]> {
  for (let i = 0; i < 1000; i++) {
    const spans = exporter.getFinishedSpans().filter((s) => s.kind === SpanKind.SERVER);
    if (spans.length >= n) return spans;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`expected ${n} request spans, got ${exporter.getFinishedSpans().length} spans`);
}
const childrenOf = (parent: ReadableSpan): ReadableSpan[] =>
  exporter.getFinishedSpans().filter((s) => s.parentSpanContext?.spanId === parent.spanContext().spanId);

describe('tracing', () => {
  it('continues the caller trace with an operation span and one child span per upstream call', async () => {
    const id = gw.tenant.data.busiestWorkflowId;
    const result = await gw.query(
      DASHBOARD,
      { id },
      { traceparent: TRACEPARENT, 'cache-control': 'no-cache' },
    );
    expect(result.body.errors).toBeUndefined();
    const [server] = await serverSpans(1);
    if (server === undefined) throw new Error('no request span');
    expect(server.name).toBe('query Dashboard');
    expect(server.spanContext().traceId).toBe(CALLER_TRACE);
    expect(server.parentSpanContext?.spanId).toBe(CALLER_SPAN);
    expect(server.attributes).toMatchObject({
      'graphql.operation.type': 'query',
      'graphql.operation.name': 'Dashboard',
      'http.response.status_code': 200,
    });
    expect(server.resource.attributes['service.name']).toBe('gateway-under-test');
    // No variable values (nor the document) on any span.
    for (const span of exporter.getFinishedSpans()) {
      expect(JSON.stringify(span.attributes)).not.toContain(id);
      expect(span.name).not.toContain(id);
    }

    const calls = childrenOf(server).sort((a, b) => a.name.localeCompare(b.name));
    expect(calls.map((s) => [s.name, s.kind, s.attributes])).toEqual([
      [
        'GET /workflows/v1',
        SpanKind.CLIENT,
        expect.objectContaining({
          'http.request.method': 'GET',
          'url.template': '/workflows/v1',
          'http.response.status_code': 200,
          'sailpoint.cache': 'bypass',
          'sailpoint.coalesced': false,
          'http.request.resend_count': 0,
          'sailpoint.pacer_wait_ms': expect.any(Number),
        }),
      ],
      [
        'GET /workflows/v1/{id}/executions',
        SpanKind.CLIENT,
        expect.objectContaining({
          'url.template': '/workflows/v1/{id}/executions',
          'http.response.status_code': 200,
        }),
      ],
    ]);

    // The demo tenant received each call's own span as its parent.
    const received = dataRequests(gw)
      .map((r) => r.traceparent)
      .sort();
    expect(received).toEqual(calls.map((s) => `00-${CALLER_TRACE}-${s.spanContext().spanId}-01`).sort());
  });

  it('puts trace_id on every log line of the request', async () => {
    await gw.query(
      DASHBOARD,
      { id: gw.tenant.data.busiestWorkflowId },
      { traceparent: TRACEPARENT, 'cache-control': 'no-cache' },
    );
    await serverSpans(1);
    const lines = gw.logs().filter((l) => l.requestId !== undefined);
    // At debug level: the upstream call lines and the operation line at least.
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(lines.filter((l) => l.trace_id !== CALLER_TRACE)).toEqual([]);
  });

  it('reports cache hits, coalesced calls and retries on the call spans', async () => {
    const id = gw.tenant.data.workflows[1]?.id as string;
    const query = `query One($id: ID!) { workflow(id: $id) { id } }`;
    // Two identical requests at once: the second joins the first one's call (the tenant answers after 50 ms).
    await Promise.all([
      gw.query(query, { id }, { 'cache-control': 'no-cache' }),
      gw.query(query, { id }, { 'cache-control': 'no-cache' }),
    ]);
    await serverSpans(2);
    const coalesced = exporter.getFinishedSpans().filter((s) => s.kind === SpanKind.CLIENT);
    expect(coalesced.map((s) => s.attributes['sailpoint.coalesced']).sort()).toEqual([false, true]);
    expect(dataRequests(gw)).toHaveLength(1);

    exporter.reset();
    await gw.query(query, { id });
    const [hitServer] = await serverSpans(1);
    expect(childrenOf(hitServer as ReadableSpan).map((s) => s.attributes['sailpoint.cache'])).toEqual([
      'hit',
    ]);

    exporter.reset();
    gw.tenant.addFault({ path: '/workflows/v1', status: 503, times: 1 });
    await gw.query(query, { id }, { 'cache-control': 'no-cache' });
    const [retried] = await serverSpans(1);
    expect(childrenOf(retried as ReadableSpan).map((s) => s.attributes)).toEqual([
      expect.objectContaining({ 'http.request.resend_count': 1, 'http.response.status_code': 200 }),
    ]);
  });

  it('starts a new trace when the traceparent is invalid, and marks failed calls', async () => {
    gw.tenant.addFault({ path: '/workflows/v1', status: 403, times: 1 });
    const result = await gw.query(
      'query Broken { workflows(first: 1) { nodes { id } } }',
      {},
      { traceparent: '00-00000000000000000000000000000000-00f067aa0ba902b7-01', 'cache-control': 'no-cache' },
    );
    expect(result.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const [server] = await serverSpans(1);
    if (server === undefined) throw new Error('no request span');
    expect(server.parentSpanContext).toBeUndefined();
    expect(server.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(server.spanContext().traceId).not.toBe('0'.repeat(32));
    expect(server.attributes['graphql.error.count']).toBe(1);
    expect(childrenOf(server).map((s) => [s.attributes['error.type'], s.status.code])).toEqual([
      ['FORBIDDEN', 2],
    ]);
  });
});
