import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestGateway } from '../../helpers/gateway.js';
import { dataRequests, startGateway } from '../gateway/support.js';

/**
 * The real OTLP/HTTP exporter posting to a small receiver on loopback, and the same gateway with tracing off:
 * no traceparent to SailPoint, no trace_id in the logs.
 */

interface Receiver {
  url: string;
  posts: { path: string; contentType: string | undefined; body: string }[];
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const posts: Receiver['posts'] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      posts.push({
        path: req.url ?? '',
        contentType: req.headers['content-type'],
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    posts,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: { key: string; value: Record<string, unknown> }[];
}
interface OtlpBody {
  resourceSpans: {
    resource: { attributes: { key: string; value: { stringValue?: string } }[] };
    scopeSpans: { spans: OtlpSpan[] }[];
  }[];
}

let receiver: Receiver;
let gw: TestGateway | undefined;
beforeEach(async () => {
  receiver = await startReceiver();
});
afterEach(async () => {
  await gw?.stop();
  gw = undefined;
  await receiver.close();
});

it('exports the spans of a request over OTLP/HTTP to the configured endpoint', async () => {
  gw = await startGateway({
    env: {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_HEADERS: 'x-collector-key=k%3D1',
    },
  });
  const traceId = '0af7651916cd43dd8448eb211c80319c';
  const result = await gw.query(
    'query Latest { workflows(first: 1) { nodes { id } } }',
    {},
    { traceparent: `00-${traceId}-b7ad6b7169203331-01`, 'cache-control': 'no-cache' },
  );
  expect(result.body.errors).toBeUndefined();
  // Stopping flushes the batch processor: the spans are posted before stop() resolves.
  await gw.stop();

  expect(receiver.posts.map((p) => [p.path, p.contentType])).toEqual([['/v1/traces', 'application/json']]);
  const body = JSON.parse(receiver.posts[0]?.body ?? '{}') as OtlpBody;
  const resource = body.resourceSpans[0]?.resource.attributes.find((a) => a.key === 'service.name');
  expect(resource?.value.stringValue).toBe('sailpoint-graphql-gateway');
  const spans = body.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
  const server = spans.find((s) => s.name === 'query Latest');
  const call = spans.find((s) => s.name === 'GET /workflows/v1');
  expect(server).toMatchObject({ traceId, parentSpanId: 'b7ad6b7169203331' });
  expect(call).toMatchObject({ traceId, parentSpanId: server?.spanId });
});

it('sends the configured OTLP headers', async () => {
  const seen: (string | string[] | undefined)[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.headers['x-collector-key']);
    req.resume();
    req.on('end', () => res.writeHead(200).end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    gw = await startGateway({
      env: {
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `http://127.0.0.1:${port}/custom/traces`,
        OTEL_EXPORTER_OTLP_HEADERS: 'x-collector-key=k%3D1',
      },
    });
    await gw.query('{ workflows(first: 1) { nodes { id } } }');
    await gw.stop();
    expect(seen).toEqual(['k=1']);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

it('is off without an OTEL endpoint: no spans, no traceparent to SailPoint, no trace_id in the logs', async () => {
  gw = await startGateway();
  const result = await gw.query(
    '{ workflows(first: 1) { nodes { id } } }',
    {},
    { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', 'cache-control': 'no-cache' },
  );
  expect(result.body.errors).toBeUndefined();
  expect(dataRequests(gw).map((r) => r.traceparent)).toEqual([undefined]);
  expect(gw.logs().filter((l) => 'trace_id' in l)).toEqual([]);
  expect(gw.logs().filter((l) => l.requestId !== undefined).length).toBeGreaterThan(0);
  await gw.stop();
  expect(receiver.posts).toEqual([]);
});
