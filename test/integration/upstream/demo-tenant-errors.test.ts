// How the real upstream layer maps the demo tenant's errors (400, 403, 5xx, 429, timeouts, nobody listening)
// and retries them, and that no token or secret reaches a message or a log.
import { GatewayError } from '../../../src/core/errors.js';
import { createUpstream } from '../../../src/upstream/index.js';
import type { UpstreamConfig } from '../../../src/upstream/config.js';
import type { CallContext } from '../../../src/upstream/types.js';
import { callContext, memoryLogger, recordingMetrics, silentLogger } from '../../unit/upstream/fakes.js';
import {
  build,
  closedPortUrl,
  issueToken,
  tenant,
  upstreamConfig,
  upstreams,
  useDemoTenant,
} from './setup.js';

useDemoTenant();

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
