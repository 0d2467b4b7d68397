import { startTestGateway, type GraphQLBody, type TestGateway } from '../../helpers/gateway.js';
import { metricValue, parseMetrics } from '../../helpers/metrics.js';

/**
 * The whole-operation response cache (RESPONSE_CACHE_FIELDS), over real HTTP in pass-through mode, where every
 * token is its own caller: hits cost no upstream request, are never shared between callers, honour no-cache, and
 * never replay an answer with errors.
 */

const WORKFLOWS = 'query W($first: Int) { workflows(first: $first) { totalCount nodes { id name } } }';
const STATUSES = '{ triggerInvocationStatuses(first: 2) { nodes { id } } }';

let gw: TestGateway;

beforeEach(async () => {
  gw = await startTestGateway({
    mode: 'pass-through',
    env: { RESPONSE_CACHE_FIELDS: 'Query.workflows=30' },
    logLevel: 'warn',
  });
  gw.tenant.clearRequests();
});
afterEach(async () => {
  await gw.stop();
});

const upstreamCalls = (): number => gw.tenant.requests.filter((r) => r.path !== '/oauth/token').length;
const outcome = (body: GraphQLBody): unknown =>
  (body.extensions?.upstream as { responseCache?: unknown })?.responseCache;

test('the same caller, document and variables: the second answer comes from the cache, byte for byte', async () => {
  const first = await gw.query(WORKFLOWS, { first: 3 });
  expect(first.status).toBe(200);
  expect(first.body.errors).toBeUndefined();
  expect(outcome(first.body)).toBe('miss');
  expect(upstreamCalls()).toBe(1);

  const second = await gw.query(WORKFLOWS, { first: 3 });
  expect(outcome(second.body)).toBe('hit');
  expect(second.body.extensions?.upstream).toMatchObject({ requests: 0, cacheHits: 0 });
  expect(JSON.stringify(second.body.data)).toBe(JSON.stringify(first.body.data));
  expect(second.headers.get('cache-control')).toBe('no-store');
  expect(upstreamCalls()).toBe(1);
});

test('other variables and another caller are misses; neither is served the first caller’s entry', async () => {
  await gw.query(WORKFLOWS, { first: 3 });
  const otherVariables = await gw.query(WORKFLOWS, { first: 4 });
  expect(outcome(otherVariables.body)).toBe('miss');

  const otherCaller = `Bearer ${gw.tenant.issueToken(gw.tenant.addClient().clientId)}`;
  const other = await gw.query(WORKFLOWS, { first: 3 }, { authorization: otherCaller });
  expect(outcome(other.body)).toBe('miss');
  expect(other.body.extensions?.upstream).toMatchObject({ requests: 1 });
  const upstreamTokens = new Set(gw.tenant.requests.map((r) => r.clientId));
  expect(upstreamTokens.size).toBe(2);
  // 2, not 3: `first: 4` is another operation, but the same workflow list, which the upstream cache served.
  expect(upstreamCalls()).toBe(2);
});

test('Cache-Control: no-cache skips the cache and refreshes the entry for the next plain query', async () => {
  await gw.query(WORKFLOWS, { first: 3 });
  const bypass = await gw.query(WORKFLOWS, { first: 3 }, { 'cache-control': 'no-cache' });
  expect(outcome(bypass.body)).toBe('bypass');
  expect(upstreamCalls()).toBe(2);
  const next = await gw.query(WORKFLOWS, { first: 3 });
  expect(outcome(next.body)).toBe('hit');
  expect(upstreamCalls()).toBe(2);
});

test('an operation with a root field that is not listed is not cached and reports nothing new', async () => {
  const mixed = `{ workflows(first: 1) { nodes { id } } triggerInvocationStatuses(first: 1) { nodes { id } } }`;
  await gw.query(mixed);
  const again = await gw.query(mixed);
  expect(outcome(again.body)).toBeUndefined();
  expect(Object.keys(again.body.extensions?.upstream ?? {}).sort()).toEqual([
    'cacheHits',
    'coalesced',
    'durationMs',
    'requests',
  ]);
  const plain = await gw.query(STATUSES);
  expect(outcome(plain.body)).toBeUndefined();
});

test('an answer with errors is not stored, so the failure is not replayed', async () => {
  gw.tenant.addFault({ path: '/workflows/v1', status: 500, times: 3 });
  const failed = await gw.query(WORKFLOWS, { first: 3 });
  expect(failed.body.errors?.[0]?.extensions?.code).toBe('UPSTREAM_ERROR');
  expect(outcome(failed.body)).toBe('miss');
  const recovered = await gw.query(WORKFLOWS, { first: 3 });
  expect(recovered.body.errors).toBeUndefined();
  expect(outcome(recovered.body)).toBe('miss');
  const cached = await gw.query(WORKFLOWS, { first: 3 });
  expect(outcome(cached.body)).toBe('hit');
});

test('limits still refuse a cacheable operation, hit or not', async () => {
  await gw.query(WORKFLOWS, { first: 3 });
  const tooBig = await gw.query(WORKFLOWS, { first: 100_000 });
  expect(tooBig.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  expect(tooBig.body.errors?.[0]?.message).toMatch(/cost/i);
  expect(outcome(tooBig.body)).toBeUndefined();
});

test('hits, misses and bypasses are counted in /metrics', async () => {
  await gw.query(WORKFLOWS, { first: 3 });
  await gw.query(WORKFLOWS, { first: 3 });
  await gw.query(WORKFLOWS, { first: 3 });
  await gw.query(WORKFLOWS, { first: 3 }, { 'cache-control': 'no-cache' });
  const samples = parseMetrics(await (await gw.get('/metrics')).text());
  const count = (result: string): number => metricValue(samples, 'response_cache_requests_total', { result });
  expect([count('hit'), count('miss'), count('bypass')]).toEqual([2, 1, 1]);
});

test('a field that is not in the schema stops the start', async () => {
  await expect(
    startTestGateway({ mode: 'pass-through', env: { RESPONSE_CACHE_FIELDS: 'Query.workflowz=30' } }),
  ).rejects.toThrow('RESPONSE_CACHE_FIELDS: no such field in the schema: Query.workflowz');
});
