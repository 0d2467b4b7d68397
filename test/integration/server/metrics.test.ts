import { startTestGateway, type TestGateway } from '../../helpers/gateway.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.stop();
});

const labelValues = (text: string, label: string): string[] =>
  [...text.matchAll(new RegExp(`${label}="([^"]*)"`, 'g'))].map((m) => m[1] ?? '');

describe('/metrics', () => {
  it('exposes upstream, cache and operation metrics with templated labels and no raw ids', async () => {
    const list = await gw.query<{ workflows: { nodes: { id: string }[] } }>(
      'query Dashboard { workflows(first: 3) { nodes { id executions(first: 2) { nodes { id } } } } }',
    );
    expect(list.body.errors).toBeUndefined();
    const workflowIds = list.body.data?.workflows.nodes.map((n) => n.id) ?? [];
    expect(workflowIds.length).toBeGreaterThan(0);
    // The same operation again: served from the shared cache.
    await gw.query(
      'query Dashboard { workflows(first: 3) { nodes { id executions(first: 2) { nodes { id } } } } }',
    );
    const one = await gw.query('query One($id: ID!) { workflow(id: $id) { id name } }', {
      id: workflowIds[0],
    });
    expect(one.body.errors).toBeUndefined();
    await gw.query('{ noSuchField }');

    const response = await gw.get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();

    for (const name of [
      'upstream_requests_total',
      'upstream_request_duration_seconds_bucket',
      'cache_requests_total',
      'upstream_coalesced_total',
      'upstream_rate_limited_total',
      'upstream_retries_total',
      'graphql_operations_total',
      'process_resident_memory_bytes',
    ]) {
      expect(text).toContain(name);
    }
    expect(text).toMatch(/upstream_requests_total\{endpoint="GET \/[^"]*",status="200"\} \d+/);
    expect(text).toMatch(/cache_requests_total\{result="hit"\} [1-9]/);
    expect(text).toContain('graphql_operations_total{operation="Dashboard",outcome="success"} 2');
    expect(text).toContain('graphql_operations_total{operation="One",outcome="success"} 1');
    expect(text).toContain('graphql_operations_total{operation="anonymous",outcome="error"} 1');

    const endpoints = labelValues(text, 'endpoint');
    expect(endpoints.length).toBeGreaterThan(0);
    for (const endpoint of endpoints) {
      expect(endpoint).toMatch(/^(GET|POST) \/[A-Za-z0-9/{}._-]*$/);
      expect(endpoint).not.toMatch(/[0-9a-f]{16,}|[0-9a-f]{8}-[0-9a-f]{4}-/i);
    }
    for (const id of workflowIds) expect(text).not.toContain(id);
  });
});
