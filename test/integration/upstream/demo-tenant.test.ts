import { startDemoTenant, type DemoTenant } from '../../../src/demo-tenant/index.js';
import { GatewayError } from '../../../src/core/errors.js';
import { createUpstream } from '../../../src/upstream/index.js';
import type { ApiPaths, UpstreamConfig } from '../../../src/upstream/config.js';
import type { CallContext, Upstream } from '../../../src/upstream/types.js';
import { callContext, memoryLogger, recordingMetrics, silentLogger } from '../../unit/upstream/fakes.js';
import { closedPortUrl, neverMoreThan, upstreamConfig } from './setup.js';

/**
 * The real upstream layer over real HTTP against the demo tenant: paths in both styles, encoding, auth modes,
 * error mapping, retries, caching, coalescing and pacing, checked against the tenant's request log.
 */

let tenant: DemoTenant;
/** A fresh tenant client per test: its own rate budget and token, so tests sharing the tenant cannot interfere. */
let tenantClient: { clientId: string; clientSecret: string };
const upstreams: Upstream[] = [];

beforeAll(async () => {
  tenant = await startDemoTenant({ port: 0 });
});

afterAll(async () => {
  await tenant.stop();
});

beforeEach(() => {
  tenant.clearRequests();
  tenant.clearFaults();
  tenant.setLatency(0);
  tenantClient = tenant.addClient();
});

afterEach(async () => {
  await Promise.all(upstreams.splice(0).map((u) => u.close()));
});

const issueToken = (ttlSeconds?: number) => tenant.issueToken(tenantClient.clientId, ttlSeconds);

function build(overrides: Partial<UpstreamConfig> = {}, logger = silentLogger()) {
  const metrics = recordingMetrics();
  const upstream = createUpstream(upstreamConfig(tenant.url, overrides), { logger, metrics });
  upstreams.push(upstream);
  return { upstream, metrics };
}

const serviceAuth = () =>
  ({
    mode: 'service',
    clientId: tenantClient.clientId,
    clientSecret: tenantClient.clientSecret,
  }) as const;

const dataRequests = () => tenant.requests.filter((r) => r.path !== '/oauth/token');

describe('endpoints and paths', () => {
  test.each<[ApiPaths, string]>([
    ['v1', ''],
    ['v2025', '/v2025'],
    ['beta', '/beta'],
  ])('every method works in the %s path style', async (apiPaths, prefix) => {
    const { upstream } = build({ apiPaths });
    const client = upstream.forCaller({ kind: 'bearer', token: issueToken() }, callContext());
    const { data } = tenant;
    const workflow = data.workflows[0]!;
    const execution = data.executionsOf(data.busiestWorkflowId)[0]!;
    const activity = data.accountActivities[0]!;

    expect(await client.listWorkflows()).toHaveLength(data.workflows.length);
    expect((await client.getWorkflow(workflow.id))?.id).toBe(workflow.id);
    const executions = await client.listWorkflowExecutions(data.busiestWorkflowId, { offset: 0, limit: 5 });
    expect(executions.items).toHaveLength(5);
    expect(executions.totalCount).toBeUndefined();
    expect((await client.getWorkflowExecution(execution.id))?.id).toBe(execution.id);
    expect(await client.getWorkflowExecutionHistory(execution.id)).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: expect.any(String) })]),
    );
    const statuses = await client.listTriggerInvocationStatuses({ offset: 0, limit: 3, count: true });
    expect(statuses.items).toHaveLength(3);
    expect(statuses.totalCount).toBe(data.retainedInvocationStatuses.length);
    const activities = await client.listAccountActivities({ offset: 0, limit: 2, count: true });
    expect(activities.items).toHaveLength(2);
    expect(activities.totalCount).toBeGreaterThanOrEqual(2);
    expect((await client.getAccountActivity(activity.id))?.id).toBe(activity.id);

    const legacy = (resource: string, v1: string) => (prefix ? `${prefix}/${resource}` : `/${v1}`);
    expect(tenant.requests.map((r) => `${r.status} ${r.path}`)).toEqual([
      `200 ${legacy('workflows', 'workflows/v1')}`,
      `200 ${legacy(`workflows/${workflow.id}`, `workflows/v1/${workflow.id}`)}`,
      `200 ${legacy(`workflows/${data.busiestWorkflowId}/executions`, `workflows/v1/${data.busiestWorkflowId}/executions`)}`,
      `200 ${legacy(`workflow-executions/${execution.id}`, `workflow-executions/v1/${execution.id}`)}`,
      `200 ${legacy(`workflow-executions/${execution.id}/history`, `workflow-executions/v1/${execution.id}/history`)}`,
      `200 ${legacy('trigger-invocations/status', 'trigger-invocations/v1/status')}`,
      `200 ${legacy('account-activities', 'account-activities/v1')}`,
      `200 ${legacy(`account-activities/${activity.id}`, `account-activities/v1/${activity.id}`)}`,
    ]);
    expect(tenant.requests[5]?.query).toEqual({ limit: '3', offset: '0', count: 'true' });
    expect(tenant.requests[2]?.query).toEqual({ limit: '5', offset: '0' });
  });

  test('query parameters are encoded exactly once', async () => {
    const { upstream } = build();
    const client = upstream.forCaller({ kind: 'bearer', token: issueToken() }, callContext());
    const filters = 'type eq "a&b#c%d +\\"q\\" é/?=" and created ge 2020-01-01T00:00:00Z';
    const page = await client.listAccountActivities({
      offset: 0,
      limit: 10,
      filters,
      sorters: '-created,type',
      requestedFor: 'me',
    });
    expect(page.items).toEqual([]);
    expect(tenant.requests[0]?.query).toEqual({
      limit: '10',
      offset: '0',
      filters,
      sorters: '-created,type',
      'requested-for': 'me',
    });
  });

  test('by-id 404 is null; an id cannot escape its path segment', async () => {
    const { upstream } = build();
    const client = upstream.forCaller({ kind: 'bearer', token: issueToken() }, callContext());
    expect(await client.getWorkflow('no-such-workflow')).toBeNull();
    expect(await client.getWorkflowExecution('no-such-execution')).toBeNull();
    expect(await client.getWorkflowExecutionHistory('no-such-execution')).toBeNull();
    expect(await client.getAccountActivity('no-such-activity')).toBeNull();
    expect(await client.getWorkflow('../x')).toBeNull();
    expect(tenant.requests.at(-1)?.path).toBe('/workflows/v1/..%2Fx');
    await expect(client.getWorkflow('..')).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(tenant.requests).toHaveLength(5);
  });
});

describe('auth', () => {
  test('pass-through without a token fails UNAUTHENTICATED and calls nothing', async () => {
    const { upstream } = build();
    const client = upstream.forCaller({ kind: 'anonymous' }, callContext());
    await expect(client.listWorkflows()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(tenant.requests).toHaveLength(0);
  });

  test('an expired caller token is UNAUTHENTICATED with SailPoint reason', async () => {
    const { upstream } = build();
    const token = issueToken(-10);
    const call = callContext();
    const error = await upstream
      .forCaller({ kind: 'bearer', token }, call)
      .listWorkflows()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ code: 'UNAUTHENTICATED', extensions: { upstreamStatus: 401 } });
    expect((error as GatewayError).message).toMatch(/^SailPoint rejected the credentials: .+/);
    expect((error as GatewayError).message).not.toContain(token);
    expect(call.stats.requests).toBe(1);
  });

  test('service mode: one token fetch for concurrent callers, not counted as a request', async () => {
    const { upstream, metrics } = build({ auth: serviceAuth() });
    const calls = [callContext(), callContext(), callContext()];
    await Promise.all([
      upstream.forCaller({ kind: 'service', apiKey: 'key-1' }, calls[0]!).listWorkflows(),
      upstream
        .forCaller({ kind: 'service', apiKey: 'key-2' }, calls[1]!)
        .getWorkflow(tenant.data.workflows[0]!.id),
      upstream
        .forCaller({ kind: 'anonymous' }, calls[2]!)
        .listTriggerInvocationStatuses({ offset: 0, limit: 1 }),
    ]);
    expect(tenant.requests.filter((r) => r.path === '/oauth/token')).toHaveLength(1);
    expect(dataRequests().every((r) => r.clientId === tenantClient.clientId)).toBe(true);
    expect(calls.map((c) => c.stats.requests)).toEqual([1, 1, 1]);
    expect(metrics.requests.filter((r) => r.endpoint === 'POST /oauth/token')).toEqual([
      { endpoint: 'POST /oauth/token', status: 200 },
    ]);
  });

  test('service mode: a 401 refreshes the token once and retries', async () => {
    const { upstream } = build({ auth: serviceAuth() });
    await upstream.forCaller({ kind: 'service', apiKey: 'k' }, callContext()).listWorkflows();
    tenant.addFault({ status: 401, times: 1 });
    const call = callContext({ noCache: true });
    expect(await upstream.forCaller({ kind: 'service', apiKey: 'k' }, call).listWorkflows()).toHaveLength(
      tenant.data.workflows.length,
    );
    expect(tenant.requests.map((r) => `${r.status} ${r.path}`)).toEqual([
      '200 /oauth/token',
      '200 /workflows/v1',
      '401 /workflows/v1',
      '200 /oauth/token',
      '200 /workflows/v1',
    ]);
    expect(call.stats.requests).toBe(2);
  });

  test('service mode: rejected client credentials are an upstream error that never shows the secret', async () => {
    const log = memoryLogger();
    const secret = 'wrong-secret-0123456789abcdef';
    const { upstream } = build(
      { auth: { mode: 'service', clientId: tenantClient.clientId, clientSecret: secret } },
      log.logger,
    );
    const error = (await upstream
      .forCaller({ kind: 'service', apiKey: 'k' }, callContext({ logger: log.logger }))
      .listWorkflows()
      .catch((e: unknown) => e)) as GatewayError;
    expect(error.code).toBe('UPSTREAM_ERROR');
    expect(JSON.stringify({ message: error.message, extensions: error.extensions })).not.toContain(secret);
    expect(log.text()).not.toContain(secret);
    expect(dataRequests()).toHaveLength(0);
  });
});

describe('errors and retries', () => {
  const client = (overrides: Partial<UpstreamConfig> = {}, call: CallContext = callContext()) => {
    const built = build(overrides);
    return {
      ...built,
      call,
      client: built.upstream.forCaller({ kind: 'bearer', token: issueToken() }, call),
    };
  };

  test('an unsupported filter is BAD_USER_INPUT with SailPoint text and trackingId', async () => {
    const { client: c } = client();
    const error = (await c
      .listTriggerInvocationStatuses({ offset: 0, limit: 1, filters: 'subscriptionName eq "x"' })
      .catch((e: unknown) => e)) as GatewayError;
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/^SailPoint rejected the request: .*subscriptionName/);
    expect(error.extensions.trackingId).toEqual(expect.any(String));
    expect(error.extensions.upstreamStatus).toBe(400);
  });

  test('403 is FORBIDDEN', async () => {
    tenant.addFault({ status: 403, times: 1 });
    await expect(client().client.listWorkflows()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  test('5xx is retried; every attempt counted and labelled with the endpoint template', async () => {
    tenant.addFault({ status: 503, times: 2 });
    const { client: c, call, metrics } = client();
    const execution = tenant.data.retainedExecutions[0]!;
    expect((await c.getWorkflowExecution(execution.id))?.id).toBe(execution.id);
    expect(call.stats.requests).toBe(3);
    expect(metrics.requests).toEqual([
      { endpoint: 'GET /workflow-executions/v1/{id}', status: 503 },
      { endpoint: 'GET /workflow-executions/v1/{id}', status: 503 },
      { endpoint: 'GET /workflow-executions/v1/{id}', status: 200 },
    ]);
  });

  test('persistent 5xx: UPSTREAM_ERROR after maxRetries + 1 attempts', async () => {
    tenant.addFault({ status: 500 });
    const { client: c, call } = client({ maxRetries: 1 });
    await expect(c.listWorkflows()).rejects.toMatchObject({
      code: 'UPSTREAM_ERROR',
      message: 'SailPoint failed to answer (HTTP 500) after 2 attempts',
    });
    expect(call.stats.requests).toBe(2);
    expect(tenant.requests).toHaveLength(2);
  });

  test('429 with a Retry-After that fits the deadline is waited out', async () => {
    tenant.addFault({ status: 429, times: 1, headers: { 'Retry-After': '1' } });
    const { client: c, call, metrics } = client();
    const started = Date.now();
    await c.listWorkflows();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(call.stats.requests).toBe(2);
    expect(metrics.retries).toEqual(['rate_limited']);
  });

  test('429 with a Retry-After past the deadline fails at once with retryAfter', async () => {
    tenant.addFault({ status: 429, headers: { 'Retry-After': '30' } });
    const { client: c } = client({}, callContext({ deadline: Date.now() + 5000 }));
    const started = Date.now();
    await expect(c.listWorkflows()).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      extensions: { retryAfter: 30 },
    });
    // Waiting would take the 30 s Retry-After (or the 5 s deadline).
    expect(Date.now() - started).toBeLessThan(4000);
    expect(tenant.requests).toHaveLength(1);
  });

  test('a slow answer is UPSTREAM_TIMEOUT', async () => {
    tenant.addFault({ delayMs: 1000, times: 1 });
    const { client: c, metrics } = client({ timeoutMs: 100 });
    await expect(c.listWorkflows()).rejects.toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    expect(metrics.requests).toEqual([{ endpoint: 'GET /workflows/v1', status: 'timeout' }]);
  });

  test('nobody listening: UPSTREAM_ERROR after retries', async () => {
    const url = await closedPortUrl();
    const metrics = recordingMetrics();
    const upstream = createUpstream(upstreamConfig(url), { logger: silentLogger(), metrics });
    upstreams.push(upstream);
    const call = callContext();
    await expect(
      upstream.forCaller({ kind: 'bearer', token: 't' }, call).listWorkflows(),
    ).rejects.toMatchObject({
      code: 'UPSTREAM_ERROR',
      message: 'Could not reach SailPoint after 3 attempts',
    });
    expect(metrics.requests.map((r) => r.status)).toEqual(['error', 'error', 'error']);
  });

  test('no token or secret in messages or logs', async () => {
    const log = memoryLogger();
    const { upstream } = build({ maxRetries: 0 }, log.logger);
    const token = issueToken();
    const call = callContext({ logger: log.logger });
    const c = upstream.forCaller({ kind: 'bearer', token }, call);
    tenant.addFault({ status: 500, times: 1 });
    tenant.addFault({ status: 401, times: 1, body: { error: `bad token ${token}` } });
    const errors = await Promise.all([
      c.listWorkflows().then(
        () => null,
        (e: unknown) => e,
      ),
      c.getWorkflow('x').then(
        () => null,
        (e: unknown) => e,
      ),
    ]);
    for (const error of errors) {
      expect(error).toBeInstanceOf(GatewayError);
      const { message, extensions } = error as GatewayError;
      expect(JSON.stringify({ message, extensions })).not.toContain(token);
    }
    expect(log.records().length).toBeGreaterThan(0);
    expect(log.text()).not.toContain(token);
  });
});

describe('cache and coalescing', () => {
  test('identical calls: cached for the same caller, separate for another caller', async () => {
    const { upstream, metrics } = build();
    const tokenA = issueToken();
    const tokenB = tenant.issueToken(tenant.addClient().clientId);
    const a1 = callContext();
    const a2 = callContext();
    const b1 = callContext();
    await upstream.forCaller({ kind: 'bearer', token: tokenA }, a1).listWorkflows();
    await upstream.forCaller({ kind: 'bearer', token: tokenA }, a2).listWorkflows();
    await upstream.forCaller({ kind: 'bearer', token: tokenB }, b1).listWorkflows();
    expect(tenant.requests).toHaveLength(2);
    expect([a1.stats, a2.stats, b1.stats].map((s) => [s.requests, s.cacheHits])).toEqual([
      [1, 0],
      [0, 1],
      [1, 0],
    ]);
    expect(metrics.caches).toEqual(['miss', 'hit', 'miss']);
  });

  test('noCache reads fresh but refreshes the entry', async () => {
    const { upstream } = build();
    const token = issueToken();
    const query = { offset: 0, limit: 1 };
    await upstream.forCaller({ kind: 'bearer', token }, callContext()).listTriggerInvocationStatuses(query);
    const fresh = callContext({ noCache: true });
    await upstream.forCaller({ kind: 'bearer', token }, fresh).listTriggerInvocationStatuses(query);
    const after = callContext();
    await upstream.forCaller({ kind: 'bearer', token }, after).listTriggerInvocationStatuses(query);
    expect(tenant.requests).toHaveLength(2);
    expect([fresh.stats.requests, after.stats.cacheHits]).toEqual([1, 1]);
  });

  test('concurrent identical calls from different operations share one upstream request', async () => {
    tenant.setLatency(100);
    const { upstream, metrics } = build();
    const token = issueToken();
    const calls = [callContext(), callContext(), callContext()];
    const id = tenant.data.accountActivities[0]!.id;
    const results = await Promise.all(
      calls.map((call) => upstream.forCaller({ kind: 'bearer', token }, call).getAccountActivity(id)),
    );
    expect(results.map((r) => r?.id)).toEqual([id, id, id]);
    expect(tenant.requests).toHaveLength(1);
    expect(calls.map((c) => [c.stats.requests, c.stats.coalesced])).toEqual([
      [1, 0],
      [0, 1],
      [0, 1],
    ]);
    expect(metrics.coalescedCount).toBe(2);
  });
});

describe('pacing', () => {
  test('a burst stays within the budget in every window, and the tenant never answers 429', async () => {
    // The tenant's window is shorter than ours: it counts a request when it has verified the token, and a cold
    // first request can take tens of ms longer to get there than the next ones, which shrinks the gap it sees.
    const strict = await startDemoTenant({ port: 0, rateLimit: { requests: 4, windowMs: 300 } });
    try {
      const upstream = createUpstream(
        upstreamConfig(strict.url, { rateLimit: { requests: 4, windowMs: 500 } }),
        {
          logger: silentLogger(),
          metrics: recordingMetrics(),
        },
      );
      upstreams.push(upstream);
      const token = strict.issueToken();
      const started = Date.now();
      await Promise.all(
        Array.from({ length: 10 }, (_, offset) =>
          upstream
            .forCaller({ kind: 'bearer', token }, callContext())
            .listTriggerInvocationStatuses({ offset, limit: 1 }),
        ),
      );
      expect(strict.requests).toHaveLength(10);
      expect(strict.requests.every((r) => r.status === 200)).toBe(true);
      expect(
        neverMoreThan(
          4,
          300,
          strict.requests.map((r) => r.at),
        ),
      ).toBe(true);
      // 10 requests at 4 per 500 ms need two full waits.
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    } finally {
      await strict.stop();
    }
  });

  test('a caller that cannot wait for budget fails fast with RATE_LIMITED', async () => {
    const { upstream, metrics } = build({ rateLimit: { requests: 2, windowMs: 30_000 } });
    const token = issueToken();
    for (const offset of [0, 1]) {
      await upstream
        .forCaller({ kind: 'bearer', token }, callContext())
        .listTriggerInvocationStatuses({ offset, limit: 1 });
    }
    const call = callContext({ deadline: Date.now() + 10_000 });
    const started = Date.now();
    const error = await upstream
      .forCaller({ kind: 'bearer', token }, call)
      .listTriggerInvocationStatuses({ offset: 2, limit: 1 })
      .catch((e: unknown) => e);
    // Failing fast means answering at once, not queueing until the 10 s deadline or the 30 s window.
    expect(Date.now() - started).toBeLessThan(5000);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', extensions: { retryAfter: 30 } });
    expect(call.stats.requests).toBe(0);
    expect(tenant.requests).toHaveLength(2);
    expect(metrics.rateLimitedCount).toBe(1);
  });

  test('budgets are per credential in pass-through mode', async () => {
    const { upstream } = build({ rateLimit: { requests: 1, windowMs: 5000 } });
    const other = tenant.addClient().clientId;
    await upstream.forCaller({ kind: 'bearer', token: issueToken() }, callContext()).listWorkflows();
    await upstream
      .forCaller({ kind: 'bearer', token: tenant.issueToken(other) }, callContext())
      .listWorkflows();
    expect(tenant.requests).toHaveLength(2);
  });
});
