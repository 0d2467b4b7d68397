import { startTestGateway, type QueryResult, type TestGateway } from '../../helpers/gateway.js';
import { metricValue, scrape, type Sample } from '../../helpers/metrics.js';

/**
 * `/metrics` after a run that makes every counter move: each value is asserted, and cross-checked against the
 * tenant's request log and the responses' `extensions.upstream`.
 */

const RECENT = 'query Recent { workflows(first: 2) { nodes { id } } }';
// The workflow comes from the cached list; its executions are one call to an endpoint with an id in its path.
const ONE = 'query One($id: ID!) { workflow(id: $id) { id executions(first: 2) { nodes { id } } } }';
const INVOCATIONS = 'query Invocations { triggerInvocationStatuses(first: 2) { nodes { id } } }';
// Long enough that two requests sent together are both waiting on the first one's upstream call.
const SLOW_MS = 500;

describe('/metrics after coalesced, cached, rate-limited and retried calls', () => {
  let gw: TestGateway;
  let samples: Sample[];
  let text: string;
  let responses: QueryResult<unknown>[];
  let workflowIds: string[];

  beforeAll(async () => {
    // Long TTLs: the repeated query must be a cache hit however slow the machine is.
    gw = await startTestGateway({ env: { CACHE_TTL_SECONDS: '600', CACHE_TTL_WORKFLOWS_SECONDS: '600' } });
    const { tenant } = gw;

    tenant.addFault({ path: '/workflows/v1', delayMs: SLOW_MS });
    const together = await Promise.all([
      gw.query<{ workflows: { nodes: { id: string }[] } }>(RECENT),
      gw.query<{ workflows: { nodes: { id: string }[] } }>(RECENT),
    ]);
    tenant.clearFaults();
    workflowIds = together[0].body.data?.workflows.nodes.map((n) => n.id) ?? [];
    const cached = await gw.query(RECENT);

    tenant.addFault({
      path: /^\/workflows\/v1\/[^/]+\/executions$/,
      status: 429,
      headers: { 'Retry-After': '0' },
      times: 1,
    });
    const afterRateLimit = await gw.query(ONE, { id: workflowIds[0] });
    tenant.addFault({ path: '/trigger-invocations/v1/status', status: 503, times: 1 });
    const afterServerError = await gw.query(INVOCATIONS);
    const invalid = await gw.query('{ noSuchField }');

    responses = [...together, cached, afterRateLimit, afterServerError, invalid];
    const response = await gw.get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    text = await response.text();
    samples = await scrape(gw.origin);
  });
  afterAll(async () => {
    await gw.stop();
  });

  const value = (name: string, labels: Record<string, string> = {}): number =>
    metricValue(samples, name, labels);
  const total = (key: 'requests' | 'cacheHits' | 'coalesced'): number =>
    responses.reduce((sum, r) => sum + (r.body.extensions?.upstream?.[key] ?? 0), 0);

  it('the run did what the counters are expected to count', () => {
    expect(workflowIds).toHaveLength(2);
    for (const r of responses.slice(0, -1)) expect(r.body.errors).toBeUndefined();
    expect(responses.at(-1)?.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const log = gw.tenant.requests.map((r) => `${r.method} ${r.path} ${r.status}`);
    expect(log).toEqual([
      'POST /oauth/token 200',
      'GET /workflows/v1 200',
      `GET /workflows/v1/${workflowIds[0]}/executions 429`,
      `GET /workflows/v1/${workflowIds[0]}/executions 200`,
      'GET /trigger-invocations/v1/status 503',
      'GET /trigger-invocations/v1/status 200',
    ]);
    expect(gw.tenant.requests[1]?.delayedMs).toBe(SLOW_MS);
  });

  it('counts one coalesced call, matching the responses', () => {
    expect(value('upstream_coalesced_total')).toBe(1);
    expect(total('coalesced')).toBe(1);
  });

  it('counts cache hits and misses, matching the responses', () => {
    // The repeated Recent, and One's workflow.
    expect(value('cache_requests_total', { result: 'hit' })).toBe(2);
    expect(total('cacheHits')).toBe(2);
    // Both requests sent together missed; so did One's executions and Invocations.
    expect(value('cache_requests_total', { result: 'miss' })).toBe(4);
  });

  it('counts upstream requests by endpoint template and status, matching the tenant log', () => {
    const expected: [string, string, number][] = [
      ['POST /oauth/token', '200', 1],
      ['GET /workflows/v1', '200', 1],
      ['GET /workflows/v1/{id}/executions', '429', 1],
      ['GET /workflows/v1/{id}/executions', '200', 1],
      ['GET /trigger-invocations/v1/status', '503', 1],
      ['GET /trigger-invocations/v1/status', '200', 1],
    ];
    for (const [endpoint, status, count] of expected) {
      expect([endpoint, status, value('upstream_requests_total', { endpoint, status })]).toEqual([
        endpoint,
        status,
        count,
      ]);
    }
    expect(samples.filter((s) => s.name === 'upstream_requests_total')).toHaveLength(expected.length);
    // Data requests, retries included, token fetch excluded (DESIGN.md section 5).
    expect(total('requests')).toBe(5);
  });

  it('observes one latency per upstream request, the slowed one included', () => {
    const count = (endpoint: string): number =>
      value('upstream_request_duration_seconds_count', { endpoint });
    expect(count('GET /workflows/v1')).toBe(1);
    expect(count('GET /workflows/v1/{id}/executions')).toBe(2);
    expect(count('GET /trigger-invocations/v1/status')).toBe(2);
    expect(count('POST /oauth/token')).toBe(1);
    expect(
      value('upstream_request_duration_seconds_sum', { endpoint: 'GET /workflows/v1' }),
    ).toBeGreaterThanOrEqual(SLOW_MS / 1000);
    expect(
      value('upstream_request_duration_seconds_bucket', { endpoint: 'GET /workflows/v1', le: '0.25' }),
    ).toBe(0);
    expect(
      value('upstream_request_duration_seconds_bucket', { endpoint: 'GET /workflows/v1', le: '+Inf' }),
    ).toBe(1);
  });

  it('counts the upstream 429 as rate limited by SailPoint, and each retry by reason', () => {
    expect(value('upstream_rate_limited_total', { source: 'upstream' })).toBe(1);
    expect(value('upstream_rate_limited_total', { source: 'pacing' })).toBe(0);
    expect(value('upstream_retries_total', { reason: 'rate_limited' })).toBe(1);
    expect(value('upstream_retries_total', { reason: 'server_error' })).toBe(1);
    expect(value('upstream_retries_total', { reason: 'network' })).toBe(0);
  });

  it('counts operations by name and outcome', () => {
    expect(value('graphql_operations_total', { operation: 'Recent', outcome: 'success' })).toBe(3);
    expect(value('graphql_operations_total', { operation: 'One', outcome: 'success' })).toBe(1);
    expect(value('graphql_operations_total', { operation: 'Invocations', outcome: 'success' })).toBe(1);
    expect(value('graphql_operations_total', { operation: 'anonymous', outcome: 'error' })).toBe(1);
    expect(samples.filter((s) => s.name === 'graphql_operations_total')).toHaveLength(4);
  });

  it('never puts a raw URL, query string or id in a label', () => {
    const labelValues = samples.flatMap((s) => Object.values(s.labels));
    expect(labelValues.length).toBeGreaterThan(0);
    for (const label of labelValues) {
      expect(label).not.toMatch(/:\/\/|\?|127\.0\.0\.1/);
      expect(label).not.toMatch(/[0-9a-f]{16,}|[0-9a-f]{8}-[0-9a-f]{4}-/i);
    }
    for (const s of samples.filter((x) => 'endpoint' in x.labels)) {
      expect(s.labels.endpoint).toMatch(/^(GET|POST) \/[A-Za-z0-9/{}._-]*$/);
    }
    for (const id of workflowIds) expect(text).not.toContain(id);
    expect(text).not.toContain(gw.tenant.url);
    expect(text).toContain('process_resident_memory_bytes');
  });
});

describe('/metrics when local pacing refuses a call', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    // One request a minute: the second call would wait far past its deadline, so pacing refuses it at once.
    gw = await startTestGateway({ env: { UPSTREAM_RATE_LIMIT: '1/1m' } });
  });
  afterAll(async () => {
    await gw.stop();
  });

  it('counts the refusal as rate limited by pacing, not by SailPoint', async () => {
    expect((await gw.query(RECENT)).body.errors).toBeUndefined();
    const refused = await gw.query(INVOCATIONS);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(refused.body.extensions?.upstream?.requests).toBe(0);

    const samples = await scrape(gw.origin);
    expect(metricValue(samples, 'upstream_rate_limited_total', { source: 'pacing' })).toBe(1);
    expect(metricValue(samples, 'upstream_rate_limited_total', { source: 'upstream' })).toBe(0);
    expect(gw.tenant.requests.filter((r) => r.path === '/trigger-invocations/v1/status')).toEqual([]);
    expect(
      metricValue(samples, 'graphql_operations_total', { operation: 'Invocations', outcome: 'error' }),
    ).toBe(1);
  });
});
